"""The rows of 激励明细's table, rendered in Python.

The list is the page partner staff live in; its 20-row loop was 40 % of the page's Python work when the template
engine rendered it (eleven cells, two reverses, two choice labels and a status badge per row, every variable
resolved through the template context). Here each row is one format string over escaped values: the same markup
(tests/incentives/test_detail_rows.py renders both and compares), about a tenth of the work.
The column order must match the <thead> in templates/incentives/detail_list.html.
"""
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from partnercenter.partners.models import BillingMode, Customer
from partnercenter.partners.templatetags.portal import DASH, money

from .models import IncentiveDetail

# The columns the rows show (the list reads only these).
COLUMNS = ("id", "period", "order_no", "customer_name", "customer_account_name", "manager_name", "product_type",
           "association_type", "billing_mode", "consumption_amount", "rate", "amount", "status", "frozen_reason",
           "reason")
_PK = 2_147_483_647  # a placeholder id, replaced by each row's id in the detail URL

ROW = (
    '<tr>'
    '<td>{period}</td>{partner}'
    '<td class="nowrap"><a href="{url}">{order_no}</a></td>'
    '<td class="incentives-customer">{customer}</td>'
    '<td>{manager}</td>'
    '<td>{product_type}</td>'
    '<td class="nowrap">{association}<br><span class="muted">{billing_mode}</span></td>'
    '<td class="num">{consumption}</td>'
    '<td class="num">{rate}</td>'
    '<td class="num">{amount}</td>'
    '<td><span class="badge badge--{tone}">{status}</span>{frozen}</td>'
    '<td class="actions"><a href="{url}">{details}</a></td>'
    '</tr>'
)


def _text(value) -> str:
    return conditional_escape(value) if value else DASH


def rows_html(details, *, details_label: str, with_partner: bool = False) -> SafeString:
    """`<tr>…</tr>` for each line, in the active language (choice labels and reasons are translated here);
    `with_partner` (vendor staff) adds the partner's name after the period (the lines need `partner__name`)."""
    url_pattern = reverse("incentives:detail-detail", args=[_PK])
    head, _sep, tail = url_pattern.partition(str(_PK))
    associations = {value: str(label) for value, label in Customer.Association.choices}
    billing_modes = {value: str(label) for value, label in BillingMode.choices}
    statuses = {value: str(label) for value, label in IncentiveDetail.Status.choices}
    reasons = {}
    tones = IncentiveDetail.workflow.tones
    details_label = conditional_escape(details_label)
    decimal_separator = get_format("DECIMAL_SEPARATOR")  # a rate as {{ rate }} shows it (no grouping below 1)
    out = []
    for d in details:
        customer = _text(d.customer_name)
        if d.customer_account_name:
            customer += f'<br><span class="muted">{conditional_escape(d.customer_account_name)}</span>'
        amount = money(d.amount)
        if d.amount <= 0:
            if d.reason not in reasons:
                reasons[d.reason] = conditional_escape(d.get_reason_display())
            amount += f'<br><span class="muted incentives-reason">{reasons[d.reason]}</span>'
        frozen = (f'<br><span class="muted incentives-reason">{conditional_escape(d.frozen_reason)}</span>'
                  if d.frozen_reason else "")
        out.append(ROW.format(
            period=d.period.strftime("%Y%m"),
            partner=f'<td class="incentives-partner">{conditional_escape(d.partner.name)}</td>' if with_partner else "",
            url=f"{head}{d.pk}{tail}", order_no=_text(d.order_no), customer=customer,
            manager=_text(d.manager_name), product_type=_text(d.product_type),
            association=_text(associations.get(d.association_type, d.association_type)),
            billing_mode=_text(billing_modes.get(d.billing_mode, d.billing_mode)),
            consumption=money(d.consumption_amount), rate=f"{d.rate:f}".replace(".", decimal_separator),
            amount=amount,
            tone=tones.get(d.status, "neutral"), status=conditional_escape(statuses.get(d.status, d.status)),
            frozen=frozen, details=details_label,
        ))
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped or produced by money()/strftime  # nosec B308,B703

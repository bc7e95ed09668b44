# ruff: noqa: E501 — the row template below is kept verbatim, as it was in the page
"""激励明细's rows are rendered in Python (incentives.detail_rows): the markup must stay what the template engine
produced from the row template it replaced, in both languages, for every kind of line, escaping included."""
import datetime as dt
from decimal import Decimal

import pytest
from django.template import engines
from django.test.html import parse_html
from django.utils import translation

from incentives.detail_rows import rows_html
from incentives.models import IncentiveDetail, Reason

# The row loop as it was in templates/incentives/detail_list.html before it moved to Python.
TEMPLATE_ROWS = """{% load i18n portal workflow %}{% for d in object_list %}
  <tr>
    <td>{{ d.period|cycle }}</td>
    <td class="nowrap"><a href="{{ d.get_absolute_url }}">{{ d.order_no|default:"—" }}</a></td>
    <td class="incentives-customer">{{ d.customer_name|default:"—" }}{% if d.customer_account_name %}<br><span class="muted">{{ d.customer_account_name }}</span>{% endif %}</td>
    <td>{{ d.manager_name|default:"—" }}</td>
    <td>{{ d.product_type|default:"—" }}</td>
    <td class="nowrap">{{ d.get_association_type_display|default:"—" }}<br><span class="muted">{{ d.get_billing_mode_display|default:"—" }}</span></td>
    <td class="num">{{ d.consumption_amount|money }}</td>
    <td class="num">{{ d.rate }}</td>
    <td class="num">{{ d.amount|money }}{% if d.amount <= 0 %}<br><span class="muted incentives-reason">{{ d.get_reason_display }}</span>{% endif %}</td>
    <td>{% status_badge d %}{% if d.frozen_reason %}<br><span class="muted incentives-reason">{{ d.frozen_reason }}</span>{% endif %}</td>
    <td class="actions"><a href="{{ d.get_absolute_url }}">{% translate "详情" %}</a></td>
  </tr>
{% endfor %}"""


def line(pk, **kwargs):
    values = {"pk": pk, "period": dt.date(2026, 10, 1), "order_no": f"CS{pk:08d}", "customer_name": "华南云科技有限公司",
              "customer_account_name": "hn_cloud", "manager_name": "李经理", "product_type": "计算",
              "association_type": "1", "billing_mode": "on_demand", "consumption_amount": Decimal("1234.5"),
              "rate": Decimal("0.0500"), "amount": Decimal("61.73"), "status": IncentiveDetail.Status.NORMAL,
              "reason": Reason.NORMAL}
    values.update(kwargs)
    return IncentiveDetail(**values)


LINES = [
    line(1),
    line(2, amount=Decimal("0.00"), rate=Decimal("0"), reason=Reason.INELIGIBLE, customer_account_name=""),
    line(3, amount=Decimal("-12.50"), consumption_amount=Decimal("-250.00"), reason=Reason.REFUND,
         status=IncentiveDetail.Status.FROZEN, frozen_reason="商业信息认证变更审核中"),
    line(4, status=IncentiveDetail.Status.PAID, order_no="", manager_name="", product_type="",
         association_type="", billing_mode="", period=dt.date(2025, 12, 1)),
    line(5, customer_name='<script>alert("x")</script> & Co', customer_account_name="a'b\"c<d>",
         frozen_reason="<b>冻结</b>", status=IncentiveDetail.Status.FROZEN, order_no="<i>ORD</i>",
         manager_name="O'Brien & 王", product_type="<存储>", amount=Decimal("0"), reason=Reason.NOT_ASSOCIATED),
    line(6, association_type="2", billing_mode="periodic", amount=Decimal("1234567.89"),
         consumption_amount=Decimal("24691357.80"), reason=Reason.LATE),
    line(7, rate=Decimal("0.1250")),
    line(8, rate=Decimal("1.0000"), amount=Decimal("1234.50")),
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_python_rows_are_the_template_rows(language):
    with translation.override(language):
        expected = engines["django"].from_string(TEMPLATE_ROWS).render({"object_list": LINES})
        actual = rows_html(LINES, details_label=translation.gettext("详情"))
    assert parse_html(actual) == parse_html(expected)
    assert "<script>" not in actual and "&lt;script&gt;" in actual


def test_no_rows_is_empty():
    assert rows_html([], details_label="详情") == ""


def test_vendor_staff_rows_name_the_partner_after_the_period():
    from partnercenter.partners.models import Partner

    detail = line(9, partner=Partner(name="<b>甲方</b> & Co"))
    html = rows_html([detail], details_label="详情", with_partner=True)
    assert html.count("<td") == 12 and rows_html([detail], details_label="详情").count("<td") == 11
    assert '<td>202610</td><td class="incentives-partner">&lt;b&gt;甲方&lt;/b&gt; &amp; Co</td>' in html

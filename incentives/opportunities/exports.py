"""CSV of exactly the filtered, scoped 已申请激励 rows; money as plain decimals to the fen ("15000.00")."""
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from partnercenter.exports import csv_response

CENT = Decimal("0.01")


def money(value) -> str:
    return "" if value is None else f"{Decimal(value).quantize(CENT)}"


def header(with_partner: bool) -> list[str]:
    return [*([_("伙伴")] if with_partner else []), _("激励编码"), _("机会点编码"), _("商机名称"), _("客户"),
            _("激励金额依据（元）"), _("公示激励金额"), _("待申付金额"), _("状态"), _("提交次数"), _("提交时间")]


def row(application, with_partner: bool) -> list:
    opportunity = application.opportunity
    submitted = timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M") \
        if application.submitted_at else ""
    return [*([application.partner.name] if with_partner else []), application.code, opportunity.code,
            opportunity.name, opportunity.customer.name, money(application.basis_amount),
            money(application.incentive_amount), money(application.payable_amount),
            application.get_status_display(), application.revision, submitted]


def export_csv(queryset, *, with_partner: bool = False):
    rows = queryset.select_related("partner", "opportunity__customer").iterator(chunk_size=2000)
    return csv_response(filename="opportunity-incentives", header=header(with_partner), rows=rows,
                        row=lambda a: row(a, with_partner))

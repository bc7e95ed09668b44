"""CSV and XLSX exports of exactly the filtered, scoped 激励明细 rows (totals equal the page's)."""
import tempfile

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from partnercenter.exports import csv_response

COLUMNS = ("year", "period", "order_no", "customer_name", "customer_account_name", "manager_name", "product_type",
           "association_type", "billing_mode", "consumption_amount", "eligible_base", "rate", "amount", "status",
           "reason", "policy_label")


def header(*, with_partner: bool = False) -> list[str]:
    columns = [_("年份"), _("对账期次"), _("订单号"), _("客户名称"), _("客户账号名"), _("客户经理"), _("产品类型"),
               _("关联类型"), _("计费模式"), _("消费金额"), _("激励基数"), _("激励比例"), _("激励金额"), _("状态"),
               _("计算结论"), _("策略版本")]
    return [_("伙伴"), *columns] if with_partner else columns


def _row(detail, *, with_partner: bool = False) -> list:
    values = [detail.year, f"{detail.period:%Y%m}", detail.order_no, detail.customer_name,
              detail.customer_account_name, detail.manager_name, detail.product_type,
              detail.get_association_type_display(), detail.get_billing_mode_display(), detail.consumption_amount,
              detail.eligible_base, detail.rate, detail.amount, detail.get_status_display(),
              detail.get_reason_display(), detail.policy_label]
    return [detail.partner.name, *values] if with_partner else values


def _total_row(totals, *, with_partner: bool = False) -> list:
    values = [_("合计"), "", "", "", "", "", "", "", "", totals["consumption"], totals["base"], "", totals["incentive"],
              "", "", ""]
    return ["", *values] if with_partner else values


def _lines(queryset, with_partner: bool):
    """The rows, read in chunks; vendor staff's carry the partner's name (every partner's lines are theirs)."""
    return queryset.reading(COLUMNS, with_partner=with_partner).iterator(chunk_size=2000)


def export_csv(queryset, *, with_partner: bool = False):
    totals = queryset.totals()
    rows = _lines(queryset, with_partner)

    def with_total():
        yield from rows
        yield None

    return csv_response(filename="incentive-details", header=header(with_partner=with_partner), rows=with_total(),
                        row=lambda d: (_total_row(totals, with_partner=with_partner) if d is None
                                       else _row(d, with_partner=with_partner)))


def export_xlsx(queryset, *, with_partner: bool = False):
    """A write-only workbook (constant memory) spooled to a temporary file, then streamed in blocks."""
    from openpyxl import Workbook

    totals = queryset.totals()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("激励明细"))
    sheet.append(header(with_partner=with_partner))
    for detail in _lines(queryset, with_partner):
        sheet.append(_row(detail, with_partner=with_partner))
    sheet.append(_total_row(totals, with_partner=with_partner))
    spool = tempfile.TemporaryFile()
    book.save(spool)
    spool.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = FileResponse(spool, as_attachment=True, filename=f"incentive-details-{stamp}.xlsx",
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Cache-Control"] = "private, no-store"
    return response

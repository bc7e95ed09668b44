"""导出 of renewal tasks: created by a person, built in the background, downloaded from the export list."""
import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .models import RenewalExport, RenewalTask

MAX_MONTHS = 6


def export_header() -> list[str]:
    return [_("任务ID"), _("任务名称"), _("客户名称"), _("客户账号名"), _("订单号"), _("产品"), _("实付金额"),
            _("订单失效时间"), _("已续订金额"), _("金额续费率(%)"), _("是否续订"), _("客户经理"), _("任务状态"),
            _("任务结果"), _("是否逾期"), _("任务截止日期"), _("续订可得激励（估算）")]


def export_row(task: RenewalTask) -> list:
    yes, no = _("是"), _("否")
    return [task.pk, task.name, task.customer.name, task.customer.account_name, task.order.order_no,
            task.product.name, task.paid_amount, timezone.localtime(task.expires_at).strftime("%Y-%m-%d %H:%M"),
            task.renewed_amount, task.renewal_rate, yes if task.is_renewed else no,
            task.manager.display_name if task.manager else "", task.get_status_display(),
            task.get_outcome_display() if task.outcome else "", yes if task.is_overdue else no,
            task.deadline.isoformat(), task.incentive_at_stake]


def renewal_export_create(*, user, expires_from: dt.date, expires_to: dt.date) -> RenewalExport:
    """Queue an export of the tasks `user` may see whose order expires in the range (≤ 6 months)."""
    if expires_to < expires_from:
        raise ValidationError({"expires_to": _("结束日期不能早于开始日期。")})
    if expires_to >= rules.add_months(expires_from, MAX_MONTHS):
        raise ValidationError({"expires_to": _("每次最多导出 6 个月的数据，请缩小订单失效时间范围。")})
    export = RenewalExport(partner_id=user.partner_id, requested_by=user, expires_from=expires_from,
                           expires_to=expires_to)
    export.full_clean()
    export.save()
    from .tasks import build_renewal_export

    transaction.on_commit(lambda: build_renewal_export.delay(export.pk))
    return export


def renewal_export_build(*, export_id: int) -> RenewalExport | None:
    """Write the CSV of one queued export. Safe to run twice: a finished export is left alone."""
    export = RenewalExport.objects.filter(pk=export_id, status=RenewalExport.Status.QUEUED).first()
    if export is None:
        return None
    tasks = (RenewalTask.objects.for_user(export.requested_by)
             .expiring_on_or_after(export.expires_from).expiring_on_or_before(export.expires_to)
             .select_related("customer", "order", "product", "manager").order_by("expires_on", "pk"))
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 Chinese text correctly with a BOM
    writer = csv.writer(buffer)
    writer.writerow(export_header())
    count = 0
    for task in tasks.iterator(chunk_size=500):
        writer.writerow([_cell(value) for value in export_row(task)])
        count += 1
    name = f"renewal-tasks-{export.expires_from:%Y%m%d}-{export.expires_to:%Y%m%d}.csv"
    export.file.save(name, ContentFile(buffer.getvalue().encode("utf-8")), save=False)
    export.row_count = count
    export.status = RenewalExport.Status.READY
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "row_count", "status", "finished_at"])
    return export


def _cell(value) -> str:
    """Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return str(value)


def renewal_export_fail(*, export_id: int, error: str) -> None:
    RenewalExport.objects.filter(pk=export_id, status=RenewalExport.Status.QUEUED).update(
        status=RenewalExport.Status.FAILED, error=error[:200], finished_at=timezone.now())

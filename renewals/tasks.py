"""Celery tasks of the renewals wing: thin, idempotent, taking ids; the work is in services/exports."""
from celery import shared_task
from django.utils import timezone

from . import rules


@shared_task(name="renewals.refresh_renewal_tasks", soft_time_limit=600, time_limit=900)
def refresh_renewal_tasks() -> dict:
    """Daily: from the month's first working day on, generate this month's renewal and sales-expansion tasks;
    always refresh open renewal tasks and send reminders."""
    from . import services

    today = timezone.localdate()
    if today >= rules.first_working_day(today):
        from .expansion import sales_tasks_generate

        result = services.renewal_tasks_generate(today=today)
        result["sales_tasks"] = sales_tasks_generate(today=today)
    else:
        result = services.renewal_tasks_refresh(today=today)
    result["reminded"] = services.renewal_reminders_send(today=today)
    return result


def _export_failed(self, exc, task_id, args, kwargs, einfo):
    from .exports import renewal_export_fail

    renewal_export_fail(export_id=args[0], error=str(exc))


@shared_task(name="renewals.build_renewal_export", soft_time_limit=300, time_limit=360,
             on_failure=_export_failed)
def build_renewal_export(export_id: int) -> int | None:
    from .exports import renewal_export_build

    export = renewal_export_build(export_id=export_id)
    return export.row_count if export else None

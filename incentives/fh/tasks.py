"""Celery tasks of FH: thin, idempotent, taking ids."""
import datetime as dt

from celery import shared_task
from django.utils import timezone


@shared_task(name="fh.generate_partner")
def generate_partner(run_id: int, partner_id: int) -> None:
    from .models import FhGenerationRun
    from .services import generation_partner

    try:
        generation_partner(run_id=run_id, partner_id=partner_id)
    except Exception as exc:  # noqa: BLE001 — the ledger records the failure, then the task fails loudly
        FhGenerationRun.objects.filter(pk=run_id).update(status=FhGenerationRun.Status.FAILED,
                                                         error=f"partner {partner_id}: {exc}"[:2000])
        raise


@shared_task(name="fh.monthly_generation")
def monthly_generation(today: str | None = None) -> int | None:
    """Beat: on the first working day of the month, generate last month's FH incentive lists."""
    from partnercenter.workdays.services import is_working_day

    from .services import generation_run_start
    from .services.common import previous_month

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    first = day.replace(day=1)
    first_working = next(first + dt.timedelta(days=n) for n in range(31)
                         if is_working_day(first + dt.timedelta(days=n)))
    if day != first_working:
        return None
    return generation_run_start(month=previous_month(day), trigger="beat").pk


@shared_task(name="fh.confirm_reminders")
def confirm_reminders(today: str | None = None) -> dict:
    """Beat, daily: 已过期 for lists past their due day (with the notice); reminders 5 and 1 working days before."""
    from .services import confirm_reminders_send

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return confirm_reminders_send(today=day)

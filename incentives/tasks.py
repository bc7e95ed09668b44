"""Celery tasks of the incentive wing: thin, idempotent, taking ids."""
import datetime as dt

from celery import shared_task
from django.utils import timezone


@shared_task(name="incentives.generate_partner")
def generate_partner(run_id: int, partner_id: int, publish: bool = False) -> None:
    from .models import ReconciliationBill
    from .services import generation

    try:
        generation.generation_partner(run_id=run_id, partner_id=partner_id)
    except Exception as exc:  # noqa: BLE001 — the ledger records the failure, then the task fails loudly
        generation.generation_partner_done(run_id=run_id, partner_id=partner_id, stats={},
                                           error=f"partner {partner_id}: {exc}")
        raise
    if publish:
        from .models import GenerationRun
        from .services import bill_publish

        run = GenerationRun.objects.get(pk=run_id)
        bill = ReconciliationBill.objects.regenerable().filter(partner_id=partner_id, period=run.period).first()
        if bill is not None and not run.dry_run:
            bill_publish(bill_id=bill.pk)


@shared_task(name="incentives.monthly_generation")
def monthly_generation(today: str | None = None) -> int | None:
    """Beat: on the first working day of the month, generate and publish last month's bills."""
    from partnercenter.partners.selectors import last_closed_cycle
    from partnercenter.workdays.services import is_working_day

    from .services import generation_run_start

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    first = day.replace(day=1)
    first_working = next(first + dt.timedelta(days=n) for n in range(31)
                         if is_working_day(first + dt.timedelta(days=n)))
    if day != first_working:
        return None
    run = generation_run_start(period=last_closed_cycle(day), trigger="beat", publish=True)
    return run.pk


@shared_task(name="incentives.daily_estimate")
def daily_estimate(today: str | None = None) -> int | None:
    """Beat: refresh the current month's 预估 bills (adds the consumption imported since the last run)."""
    from django.core.exceptions import ValidationError

    from .services import generation_run_start

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    try:
        return generation_run_start(period=day.replace(day=1), trigger="beat").pk
    except ValidationError:
        return None  # a run of this period is already going

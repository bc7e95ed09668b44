"""The daily SLA sweep: reminders before a deadline, overdue flags and escalation after it, auto-expiry."""
import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .sla import deadline_sweep_one, deadlines_to_sweep

logger = logging.getLogger(__name__)


@shared_task(name="workflow.sla_sweep")
def sla_sweep() -> dict:
    """Fan-in over open deadlines in bounded batches; each deadline is handled in its own transaction."""
    today = timezone.localdate()
    counts = {"reminded": 0, "overdue": 0, "expired": 0}
    for deadline_id in deadlines_to_sweep(today):
        with transaction.atomic():
            outcome = deadline_sweep_one(deadline_id, today=today)
        if outcome:
            counts[outcome] += 1
    logger.info("SLA sweep %s: %s", today, counts)
    return counts

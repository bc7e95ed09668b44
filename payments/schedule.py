"""This wing's Celery beat entries, merged into settings.CELERY_BEAT_SCHEDULE (plain data: no Django imports).

Each entry: "name": {"task": "<task name>", "schedule": crontab(...)} with a comment saying when and why.
"""
from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # Every 15 minutes: re-enqueue contract PDFs still queued/rendering (or failed) after 10 minutes — a lost
    # message or a worker killed twice mid-render must not leave a partner's contract without its PDF.
    "payments-contract-pdf-retry": {"task": "payments.retry_contract_pdfs", "schedule": crontab(minute="*/15")},
}

"""This wing's Celery beat entries, merged into settings.CELERY_BEAT_SCHEDULE (plain data: no Django imports).

Each entry: "name": {"task": "<task name>", "schedule": crontab(...)} with a comment saying when and why.
"""
from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # 00:10 every day: vouchers whose validity ended yesterday expire (balance back to the quota);
    # vouchers whose validity starts today become 可使用. Idempotent, so a missed or repeated run is harmless.
    "vouchers-sweep": {"task": "vouchers.sweep", "schedule": crontab(hour=0, minute=10)},
}

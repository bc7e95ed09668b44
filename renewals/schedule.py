"""This wing's Celery beat entries, merged into settings.CELERY_BEAT_SCHEDULE (plain data: no Django imports).

Each entry: "name": {"task": "<task name>", "schedule": crontab(...)} with a comment saying when and why.
"""
from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # Every day at 06:30 (Asia/Shanghai), before people start work: on and after the month's first working
    # day, create the 大单续订任务 of orders expiring this month; refresh renewal rates (auto-closing renewed
    # tasks) and send the pre-expiry reminders every day.
    "renewals-refresh-renewal-tasks": {
        "task": "renewals.refresh_renewal_tasks",
        "schedule": crontab(hour=6, minute=30),
    },
}

"""This wing's Celery beat entries, merged into settings.CELERY_BEAT_SCHEDULE (plain data: no Django imports).

Each entry: "name": {"task": "<task name>", "schedule": crontab(...)} with a comment saying when and why.
"""
from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # Days 1–10 at 02:30; the task itself runs only on the first working day of the month (holidays, 调休)
    # and generates + publishes last month's bills.
    "incentives-monthly-generation": {"task": "incentives.monthly_generation",
                                      "schedule": crontab(minute=30, hour=2, day_of_month="1-10")},
    # Every night at 03:30: refresh the current month's 预估 bills with newly imported consumption.
    "incentives-daily-estimate": {"task": "incentives.daily_estimate", "schedule": crontab(minute=30, hour=3)},
}

"""FH's Celery beat entries, merged into settings.CELERY_BEAT_SCHEDULE (plain data: no Django imports)."""
from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    # Days 1–10 at 02:45; the task runs only on the first working day of the month (holidays, 调休) and generates
    # last month's FH incentive personnel lists. Reruns add nothing.
    "fh-monthly-generation": {"task": "fh.monthly_generation",
                              "schedule": crontab(minute=45, hour=2, day_of_month="1-10")},
    # Every day at 08:15 Beijing time, before the SLA sweep (08:30): expire unconfirmed lists with a notice and send
    # the reminders 5 and 1 working days before the 30-working-day confirmation deadline.
    "fh-confirm-reminders": {"task": "fh.confirm_reminders", "schedule": crontab(minute=15, hour=8)},
}

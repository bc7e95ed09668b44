"""This wing's Celery beat entries, merged into settings.CELERY_BEAT_SCHEDULE (plain data: no Django imports).

Each entry: "name": {"task": "<task name>", "schedule": crontab(...)} with a comment saying when and why.
"""
from celery.schedules import crontab  # noqa: F401

BEAT_SCHEDULE: dict = {}

"""Celery tasks of the voucher wing: thin and idempotent."""
from celery import shared_task

from . import services


@shared_task(name="vouchers.sweep")
def vouchers_sweep_task():
    return services.vouchers_sweep()

"""Celery tasks of the payments wing: thin, take ids, idempotent (a ready PDF is not rendered again)."""
import datetime as dt

from celery import shared_task
from django.utils import timezone

from . import services

STUCK_AFTER = dt.timedelta(minutes=10)
BATCH = 200


@shared_task(name="payments.render_contract_pdf", soft_time_limit=120, time_limit=150)
def render_contract_pdf(contract_id: int):
    """A failed render is recorded on the contract (生成失败) and picked up again by retry_contract_pdfs."""
    contract = services.contract_render(contract_id=contract_id)
    return None if contract is None else contract.pdf_status


@shared_task(name="payments.retry_contract_pdfs", soft_time_limit=60, time_limit=90)
def retry_contract_pdfs():
    """Fan out: one render task per contract whose PDF is not ready 10 minutes after it was generated."""
    from .models import PaymentContract

    stale = (PaymentContract.objects.exclude(pdf_status=PaymentContract.PdfStatus.READY)
             .filter(created_at__lt=timezone.now() - STUCK_AFTER).order_by("pk").values_list("pk", flat=True)[:BATCH])
    ids = list(stale)
    for contract_id in ids:
        render_contract_pdf.delay(contract_id)
    return len(ids)

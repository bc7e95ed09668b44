"""Builders for MDF claim tests: an approved application whose activity ends today, a claim with lines and
receipts — all through the services."""
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.vouchers.mdf_helpers import budget_for, draft
from vouchers import claim_services, mdf_services
from vouchers.models import MdfBudget


def approved_application(main, operator, amount="20000.00", **overrides):
    """Submitted and approved while the activity still runs (it ends today), so 核销 may start right away."""
    if not MdfBudget.objects.filter(partner_id=main.partner_id, year=timezone.localdate().year).exists():
        budget_for(main.partner, operator)
    today = timezone.localdate()
    overrides.setdefault("start_date", today)
    overrides.setdefault("end_date", today)
    application = draft(main, amount=Decimal(amount), **overrides)
    mdf_services.mdf_submit(application_id=application.pk, actor=main)
    return mdf_services.mdf_approve(application_id=application.pk, actor=operator)


def receipt(name="餐费水单.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%receipt\n", content_type="application/pdf")


def lines(*pairs):
    return [{"category": category, "amount": Decimal(amount), "description": ""} for category, amount in pairs]


def claim_draft(main, application, amount="15000.00", expenses=(("venue", "10000.00"), ("meals", "5000.00")),
                *, receipts=True, summary="到场120人，新增意向客户8家"):
    claim = claim_services.claim_create(application_id=application.pk, actor=main, amount=Decimal(amount),
                                        summary=summary, lines=lines(*expenses))
    if receipts:
        for category, _amount in expenses:
            claim_services.claim_receipts_add(claim_id=claim.pk, actor=main, category=category,
                                              files=[receipt(f"{category}水单.pdf")])
    return claim


def submitted_claim(main, operator, **kwargs):
    application = approved_application(main, operator)
    claim = claim_draft(main, application, **kwargs)
    return claim_services.claim_submit(claim_id=claim.pk, actor=main)


def approved_claim(main, operator, **kwargs):
    claim = submitted_claim(main, operator, **kwargs)
    return claim_services.claim_approve(claim_id=claim.pk, actor=operator)

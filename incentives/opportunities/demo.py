"""Demo data of 机会点激励: for alice's and bob's partners, delivered opportunities with core tags (one still to
apply for, one whose delivery ends today and is therefore not yet applicable) and applications in review,
returned, published for checking and confirmed (payable). Idempotent: skipped for a partner that already has
opportunity applications."""
import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partnercenter.partners.models import Customer, Opportunity, User

from . import services
from .models import OpportunityApplication

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _letter():
    return SimpleUploadedFile("盖章激励申请函.pdf", PDF, content_type="application/pdf")


def build(stdout) -> None:
    operator = User.objects.filter(username="operator").first()
    made = 0
    for username in ("alice", "bob"):
        main = User.objects.filter(username=username).select_related("partner").first()
        if operator is None or main is None or main.partner is None:
            continue
        if OpportunityApplication.objects.filter(partner=main.partner).exists():
            continue
        _build(main, operator)
        made += 1
    if stdout is not None:
        stdout.write(f"  opportunities: {OpportunityApplication.objects.count()} 机会点激励申请 (+{made} partners)\n")


def _opportunity(partner, customer, n, ends_on, name, tags=("PCE",)):
    code = f"DEMO-OI-{partner.pk}-{n}"
    opp, _created = Opportunity.objects.get_or_create(code=code, defaults={
        "partner": partner, "customer": customer, "name": name, "status": Opportunity.Status.DELIVERED,
        "core_tags": list(tags), "expected_amount": Decimal("600000.00"),
        "delivery_starts_on": ends_on - dt.timedelta(days=90), "delivery_ends_on": ends_on})
    return opp


def _build(main, operator):
    customers = list(Customer.objects.filter(partner=main.partner).order_by("pk")[:3])
    if not customers:
        return
    today = timezone.localdate()
    partner = main.partner
    pick = lambda i: customers[i % len(customers)]  # noqa: E731
    _opportunity(partner, pick(0), 1, today - dt.timedelta(days=3), f"{pick(0).name} PCE云上共拓")
    _opportunity(partner, pick(1), 2, today, f"{pick(1).name} 数据库迁移（今日交付结束）", ("database",))
    plans = [("in_review", 3), ("returned", 4), ("publicity", 5), ("payable", 6)]
    for plan, n in plans:
        opp = _opportunity(partner, pick(n), n, today - dt.timedelta(days=10 + n), f"{pick(n).name} 上云项目{n}",
                           ("PCE", "migration"))
        app = services.application_create(opportunity_id=opp.pk, actor=main, basis_amount=Decimal("300000.00"),
                                          description="项目已交付完成，客户签署验收单。", letters=[_letter()])
        services.application_submit(application_id=app.pk, actor=main)
        if plan == "returned":
            services.application_return(application_id=app.pk, actor=operator, reason_codes=["amount_mismatch"],
                                        field_comments={"basis_amount": "请按合同金额 280000.00 元填写"},
                                        comment="金额依据与合同不符")
        elif plan in ("publicity", "payable"):
            services.application_approve(application_id=app.pk, actor=operator, incentive_amount=Decimal("15000.00"))
            if plan == "payable":
                services.application_confirm(application_id=app.pk, actor=main)


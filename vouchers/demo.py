"""Demo data of the voucher/MDF wing, for alice's and bob's partners: a quota with issued, partly used and
recalled vouchers, a second future-limited quota, this year's MDF budget and applications in every status.

Also MDF 核销 claims (one approved and payable, one in review, one returned with a note on a line).

Idempotent: vouchers/MDF are skipped for a partner that already has a voucher quota, claims for one that already
has a claim."""
import datetime as dt
from contextlib import suppress
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from partnercenter.partners.models import Customer, Order, User

from . import claim_services, mdf_services, services
from .models import MdfBudget, MdfClaim, Voucher, VoucherQuota


def build(stdout) -> None:
    operator = User.objects.filter(username="operator").first()
    made = 0
    for username in ("alice", "bob"):
        main = User.objects.filter(username=username).select_related("partner").first()
        if operator is None or main is None or main.partner is None:
            continue
        if not MdfClaim.objects.filter(partner=main.partner).exists():
            _claims(main, operator)
        if VoucherQuota.objects.filter(partner=main.partner).exists():
            continue
        _vouchers(main, operator)
        _mdf(main, operator)
        made += 1
    if stdout is not None:
        stdout.write(f"  vouchers: {VoucherQuota.objects.count()} 提货券额度, {Voucher.objects.count()} 提货券 "
                     f"(+{made} partners)\n")


def _vouchers(main, operator):
    today = timezone.localdate()
    partner = main.partner
    quota = services.quota_grant(partner=partner, name=f"{today.year}年度提货券额度", amount=Decimal("50000.00"),
                                 valid_from=today.replace(month=1, day=1), valid_to=today.replace(month=12, day=31),
                                 actor=operator)  # refused (ValidationError) for a partner not yet eligible
    services.quota_grant(partner=partner, name=f"{today.year}年下半年新购专项额度", amount=Decimal("20000.00"),
                         valid_from=today - dt.timedelta(days=30), valid_to=today + dt.timedelta(days=150),
                         actor=operator, per_customer_count=1, per_customer_amount=Decimal("5000.00"))
    customers = list(Customer.objects.filter(partner=partner).order_by("pk")[:5])
    if not customers:
        return
    vouchers = services.vouchers_issue(
        quota_id=quota.pk, actor=main, customers=customers, face_value=Decimal("3000.00"),
        valid_from=today - dt.timedelta(days=1) if today.day > 1 else today, valid_to=quota.valid_to,
        ratio_limit=Decimal("50"), order_types=["new", "renew"], memo="年终促销，新客户首单使用")
    for voucher in vouchers[:3]:
        order = Order.objects.filter(customer=voucher.customer, status=Order.Status.COMPLETED).order_by("-pk").first()
        if order is None:
            continue
        with suppress(ValidationError):  # a rule may refuse a demo order; the demo just skips it
            services.voucher_redeem(voucher_id=voucher.pk, order_id=order.pk,
                                    amount=min(Decimal("800.00"), voucher.balance), actor=main)
    services.vouchers_recall(voucher_ids=[vouchers[-1].pk], actor=main)


def _mdf(main, operator):
    today = timezone.localdate()
    mdf_services.mdf_budget_set(partner=main.partner, year=today.year, amount=Decimal("200000.00"), actor=operator)
    end = min(today + dt.timedelta(days=20), today.replace(month=12, day=31))
    plans = [("华为云城市峰会（杭州站）", "event", "80000.00", "approve"),
             ("行业解决方案线上直播", "online", "15000.00", "submit"),
             ("客户上云培训营", "training", "30000.00", "reject"),
             ("展会联合参展", "exhibition", "50000.00", "withdraw"),
             ("渠道推广物料制作", "other", "8000.00", None)]
    for name, kind, amount, step in plans:
        application = mdf_services.mdf_application_save(actor=main, data={
            "activity_name": name, "activity_type": kind, "start_date": today, "end_date": end,
            "expected_outcome": "预计新增商机10个，签约客户3家。", "amount": Decimal(amount)})
        if step is None:
            continue
        mdf_services.mdf_submit(application_id=application.pk, actor=main)
        if step == "approve":
            mdf_services.mdf_approve(application_id=application.pk, actor=operator, comment="方案清晰，同意。")
        elif step == "reject":
            mdf_services.mdf_reject(application_id=application.pk, actor=operator, comment="请补充预算明细。")
        elif step == "withdraw":
            mdf_services.mdf_withdraw(application_id=application.pk, actor=main)


DEMO_RECEIPT = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _claims(main, operator):
    """Activities that end today (submitted while running, so they may be claimed right away)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    today = timezone.localdate()
    if not MdfBudget.objects.filter(partner=main.partner, year=today.year).exists():
        mdf_services.mdf_budget_set(partner=main.partner, year=today.year, amount=Decimal("200000.00"),
                                    actor=operator)
    plans = [("客户答谢沙龙", "12000.00", [("venue", "7000.00"), ("meals", "4200.00"), ("gifts", "800.00")], "approve"),
             ("云上新品发布直播", "6000.00", [("advertising", "5000.00"), ("speakers", "1000.00")], "submit"),
             ("合作伙伴技术交流会", "9000.00", [("venue", "6000.00"), ("meals", "2500.00")], "return")]
    for name, amount, expenses, step in plans[:3 if main.username == "alice" else 1]:
        application = mdf_services.mdf_application_save(actor=main, data={
            "activity_name": name, "activity_type": "event", "start_date": today, "end_date": today,
            "expected_outcome": "邀请重点客户30家，新增商机5个。", "amount": Decimal(amount)})
        mdf_services.mdf_submit(application_id=application.pk, actor=main)
        mdf_services.mdf_approve(application_id=application.pk, actor=operator, comment="同意。")
        total = sum(Decimal(value) for _category, value in expenses)
        claim = claim_services.claim_create(
            application_id=application.pk, actor=main, amount=total, summary="到场客户28家，现场签约意向3家。",
            lines=[{"category": c, "amount": Decimal(v), "description": ""} for c, v in expenses])
        for category, _value in expenses:
            claim_services.claim_receipts_add(claim_id=claim.pk, actor=main, category=category, files=[
                SimpleUploadedFile(f"{category}-盖章水单.pdf", DEMO_RECEIPT, content_type="application/pdf")])
        claim_services.claim_submit(claim_id=claim.pk, actor=main)
        if step == "approve":
            claim_services.claim_approve(claim_id=claim.pk, actor=operator, comment="凭证齐全，同意核销。")
        elif step == "return":
            venue = claim.expenses.get(category="venue")
            claim_services.claim_return(claim_id=claim.pk, actor=operator, comment="请补充场地租赁合同。",
                                        line_notes={venue.pk: "场地费水单未盖章"})

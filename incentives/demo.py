"""Demo data of the incentive wing (called by `manage.py demo_data` after the platform's): policies, and the
bills and details generated from the demo consumption. Idempotent: policies are keyed by name + version,
generation adds nothing on a rerun, and transitions run only from the state they start in."""
import datetime as dt
from decimal import Decimal

from django.db import transaction

from partnercenter.partners.models import BillingMode, ConsumptionLine, Product, User

from .models import GenerationRun, IncentivePolicy, ReconciliationBill
from .services import bill_answer, bill_confirm, bill_dispute, bill_publish
from .services.generation import generation_partner, partners_with_consumption

POLICIES = [
    {"name": "通用按需激励", "billing_mode": BillingMode.ON_DEMAND, "rate": Decimal("0.0500")},
    {"name": "通用包年包月激励", "billing_mode": BillingMode.PERIODIC, "rate": Decimal("0.0800")},
    {"name": "通用一次性激励", "billing_mode": BillingMode.ONE_TIME, "rate": Decimal("0.0300")},
]


def _policies():
    for spec in POLICIES:
        IncentivePolicy.objects.get_or_create(name=spec["name"], version=1, defaults={
            **spec, "effective_from": dt.date(2024, 1, 1)})
    for product in Product.objects.filter(incentive_policy__in=["2", "13"]).order_by("code")[:5]:
        IncentivePolicy.objects.get_or_create(name=f"{product.name} 无返点", version=1, defaults={
            "product": product, "policy_code": product.incentive_policy, "rate": Decimal("0"),
            "effective_from": dt.date(2024, 1, 1)})


def _generate(period):
    """One run of `period` inline (the demo has no worker), recorded in the ledger like any other run."""
    if GenerationRun.objects.filter(period=period, dry_run=False, status="succeeded").exists():
        return None
    partner_ids = partners_with_consumption(period)
    run = GenerationRun.objects.create(period=period, trigger="demo", partners_total=len(partner_ids))
    for partner_id in partner_ids:
        generation_partner(run_id=run.pk, partner_id=partner_id)
    return run


def build(stdout=None):
    from django.utils import timezone

    _policies()
    this_month = timezone.localdate().replace(day=1)
    cycles = sorted(set(ConsumptionLine.objects.order_by().values_list("bill_cycle", flat=True)))
    for period in cycles:  # oldest first, as the monthly job would have run
        with transaction.atomic():
            _generate(period)
    closed = [c for c in cycles if c < this_month]
    for bill in ReconciliationBill.objects.filter(period__in=closed, status=ReconciliationBill.Status.ESTIMATED):
        bill_publish(bill_id=bill.pk)
    operator = User.objects.filter(username="operator").first()
    # Older periods: confirmed by the partner (the payments demo pays them through payment requests).
    for bill in ReconciliationBill.objects.filter(period__in=closed[:-2], status=ReconciliationBill.Status.PENDING):
        main = User.objects.filter(partner_id=bill.partner_id).main_accounts().first()
        if main is not None:
            bill_confirm(bill_id=bill.pk, actor=main)
    # The period before last: alice raised a 问题反馈 on a line, answered with an adjustment.
    alice = User.objects.filter(username="alice").first()
    if len(closed) >= 2 and operator is not None and alice is not None:
        bill = ReconciliationBill.objects.filter(period=closed[-2], partner_id=alice.partner_id,
                                                 status=ReconciliationBill.Status.PENDING).first()
        if bill is not None and not bill.disputes.exists():
            line = bill.details.order_by("-amount").first()
            dispute = bill_dispute(bill_id=bill.pk, actor=alice, detail_id=line.pk if line else None,
                                   comment="该客户本月有一笔包年订单未计入激励，请核实。")
            bill_answer(dispute_id=dispute.pk, actor=operator, adjustment=Decimal("88.00"),
                        answer="经核实为订单生效时间跨月，已补发 88.00 元，请查看调整明细。")
    # The last closed period: another partner's 问题反馈 waits in the operators' queue (3 working days to answer).
    if closed and operator is not None:
        others = ReconciliationBill.objects.filter(period=closed[-1]).exclude(
            partner_id=getattr(alice, "partner_id", None))
        bill = others.filter(status=ReconciliationBill.Status.PENDING).order_by("partner_id").first()
        main = User.objects.filter(partner_id=bill.partner_id).main_accounts().first() if bill else None
        if main is not None and not others.filter(disputes__isnull=False).exists():
            bill_dispute(bill_id=bill.pk, actor=main,
                         comment="本期激励金额比上月少约两成，消费金额相近，请核实是否有明细漏算。")
    if stdout is not None:
        stdout.write(f"激励：{ReconciliationBill.objects.count()} 张对账单，"
                     f"{GenerationRun.objects.count()} 次生成记录。")

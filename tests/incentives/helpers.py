"""Incentive test worlds: policies, consumption and a generated period, built through the services."""
import datetime as dt
from decimal import Decimal

from incentives.models import IncentivePolicy, ReconciliationBill
from incentives.services import generation_run_start
from partnercenter.partners.models import BillingMode, Customer, User
from tests.factories import ConsumptionLineFactory, CustomerFactory, OrderFactory, ProductFactory, UserFactory

PERIOD = dt.date(2026, 10, 1)


def policy(**kwargs) -> IncentivePolicy:
    values = {"name": "通用策略", "version": 1, "rate": Decimal("0.1000"), "effective_from": dt.date(2025, 1, 1)}
    values.update(kwargs)
    return IncentivePolicy.objects.create(**values)


def consumption(partner, *, amount="1000.00", cycle=PERIOD, customer=None, product=None, manager=None,
                billing_mode=BillingMode.ON_DEMAND, order_no=None, **customer_kwargs):
    customer = customer or CustomerFactory(partner=partner, **customer_kwargs)
    product = product or ProductFactory()
    order = OrderFactory(customer=customer, product=product, **({"order_no": order_no} if order_no else {}))
    return ConsumptionLineFactory(customer=customer, product=product, order=order, bill_cycle=cycle,
                                  amount=Decimal(amount), billing_mode=billing_mode, manager=manager)


def generate(period=PERIOD, *, actor=None, dry_run=False, capture=None, publish=False):
    """Run one generation with the on-commit fan-out executed (Celery runs eagerly in tests)."""
    with capture(execute=True):
        run = generation_run_start(period=period, actor=actor, dry_run=dry_run, publish=publish)
    run.refresh_from_db()
    return run


def incentive_world(partner, main, operator, *, tag):
    """One of every incentive object for `partner` (for the tenancy walk), with a published bill and a dispute."""
    manager = UserFactory(partner=partner, role=User.Role.CUSTOMER_MANAGER, full_name=f"{tag}激励经理")
    if not IncentivePolicy.objects.exists():
        policy()
    line = consumption(partner, amount="500.00", manager=manager, name=f"{tag}激励客户有限公司",
                       association_type=Customer.Association.RESALE, order_no=f"{tag.upper()}INCENTIVE01")
    from incentives.models import GenerationRun
    from incentives.services import bill_dispute, bill_publish
    from incentives.services.generation import generation_partner

    # Run this one partner inline (no on-commit fan-out), so any test can call it.
    run = GenerationRun.objects.create(period=PERIOD, partners_total=1)
    generation_partner(run_id=run.pk, partner_id=partner.pk)
    bill = ReconciliationBill.objects.get(partner=partner, period=PERIOD)

    bill_publish(bill_id=bill.pk)
    dispute = bill_dispute(bill_id=bill.pk, actor=main, comment=f"{tag}的问题")
    detail = bill.details.get(consumption=line)
    from incentives.models import Indicator

    indicator = Indicator.objects.get(partner=partner, period=PERIOD, name=Indicator.Name.INCENTIVE, scope="all")
    return {"ReconciliationBill": bill, "IncentiveDetail": detail, "BillDispute": dispute, "Indicator": indicator,
            "PerformanceStatement": bill.performance,
            "markers": [f"{tag}激励客户有限公司", f"{tag.upper()}INCENTIVE01", f"{tag}激励经理"]}

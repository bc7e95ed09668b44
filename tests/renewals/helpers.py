"""Builders for renewal-task tests: orders expiring on a given local moment, tasks made by the real generator."""
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from partnercenter.partners import services as partner_services
from partnercenter.partners.models import Order, Partner, User
from renewals import services
from renewals.models import RenewalTask
from tests.factories import CustomerFactory, OrderFactory, PartnerFactory, ProductFactory, UserFactory

TODAY = dt.date(2026, 11, 10)


def at(year, month, day, hour=12, minute=0, second=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute, second))


def expiring_order(*, customer=None, partner=None, paid="6000.00", expires=None, **kwargs) -> Order:
    customer = customer or CustomerFactory(partner=partner or PartnerFactory())
    return OrderFactory(customer=customer, paid_amount=Decimal(paid), expires_at=expires or at(2026, 11, 20),
                        ordered_at=at(2025, 11, 20), **kwargs)


def renew(order: Order, amount: str, **kwargs) -> Order:
    return OrderFactory(customer=order.customer, product=order.product, order_type=Order.OrderType.RENEW,
                        renews=order, paid_amount=Decimal(amount), ordered_at=at(2026, 11, 5),
                        expires_at=at(2027, 11, 20), **kwargs)


def managed_customer(*, partner, manager, main, **kwargs):
    customer = CustomerFactory(partner=partner, **kwargs)
    partner_services.customer_assign(customer_id=customer.pk, manager=manager, actor=main, on=dt.date(2026, 1, 1))
    return customer


def generate(today=TODAY) -> dict:
    return services.renewal_tasks_generate(today=today)


def task_for(order) -> RenewalTask:
    generate()
    return RenewalTask.objects.get(order=order)


def distributor_world():
    """dora (master distributor) and rita (its cloud reseller), each with a customer manager and a customer."""
    distributor = PartnerFactory(name="中科云汇分销有限公司", partner_type=Partner.Type.DISTRIBUTOR)
    reseller = PartnerFactory(name="蓝海云途", partner_type=Partner.Type.RESELLER, distributor=distributor)
    dora = UserFactory(username="dora", full_name="杜娜", partner=distributor, role=User.Role.MAIN)
    rita = UserFactory(username="rita", full_name="任婷", partner=reseller, role=User.Role.MAIN)
    reseller_customer = CustomerFactory(partner=reseller, name="蓝海子客户有限公司")
    product = ProductFactory()
    order = expiring_order(customer=reseller_customer, product=product, paid="9000.00")
    return {"distributor": distributor, "reseller": reseller, "dora": dora, "rita": rita,
            "customer": reseller_customer, "order": order}

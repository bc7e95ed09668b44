"""Builders for voucher tests: state is set up through the services."""
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tests.factories import CustomerFactory, OrderFactory
from vouchers import services


def today():
    return timezone.localdate()


def grant(partner, operator, amount="10000.00", *, days=180, **kwargs):
    start = today() - dt.timedelta(days=1)
    return services.quota_grant(partner=partner, name=kwargs.pop("name", "2026年提货券额度"), amount=Decimal(amount),
                                valid_from=start, valid_to=start + dt.timedelta(days=days), actor=operator, **kwargs)


def issue(quota, actor, *, customers=None, face_value="1000.00", **kwargs):
    customers = customers or [CustomerFactory(partner=quota.partner)]
    kwargs.setdefault("valid_from", today())
    kwargs.setdefault("valid_to", quota.valid_to)
    kwargs.setdefault("order_types", ["new", "renew", "change"])
    return services.vouchers_issue(quota_id=quota.pk, actor=actor, customers=customers,
                                   face_value=Decimal(face_value), **kwargs)


def order_for(voucher, **kwargs):
    kwargs.setdefault("paid_amount", Decimal("6000.00"))
    return OrderFactory(customer=voucher.customer, **kwargs)

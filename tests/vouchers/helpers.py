"""Builders for voucher tests: state is set up through the services."""
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from partnercenter.partners.models import User
from tests.builders import certify_business_info, verify_real_name
from tests.factories import CustomerFactory, OrderFactory, UserFactory
from vouchers import services
from vouchers.eligibility import grant_refusals


def today():
    return timezone.localdate()


def make_eligible(partner, operator):
    """实名认证 + 商业信息认证 through the platform's services, so the partner may receive quota grants."""
    partner.refresh_from_db()
    if not grant_refusals(partner):
        return partner
    main = User.objects.filter(partner=partner).main_accounts().first() or UserFactory(partner=partner)
    if not partner.is_real_name_verified:
        verify_real_name(partner, main, operator)
    if grant_refusals(partner):
        certify_business_info(partner, main, operator)
    partner.refresh_from_db()
    return partner


def grant(partner, operator, amount="10000.00", *, days=180, eligible=True, **kwargs):
    if eligible and getattr(operator, "is_vendor_staff", False):
        make_eligible(partner, operator)
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

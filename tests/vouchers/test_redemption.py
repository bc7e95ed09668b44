"""Every redemption rule alone, the ratio cap with and without on-demand, and the use-up transition."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from partnercenter.partners.models import Order
from tests.factories import OrderFactory, ProductFactory, ServiceTypeFactory
from tests.vouchers.helpers import grant, issue, order_for, today
from vouchers import services
from vouchers.models import Voucher
from vouchers.selectors import ledger_adds_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def quota(partner_a, operator):
    return grant(partner_a, operator, "50000.00")


def refused_by(voucher, order, amount, **kwargs):
    with pytest.raises(ValidationError) as exc:
        services.voucher_redeem(voucher_id=voucher.pk, order_id=order.pk, amount=Decimal(amount), **kwargs)
    return exc.value.code


def test_happy_path_writes_a_usage_record(quota, alice):
    voucher = issue(quota, alice, face_value="1000.00")[0]
    usage = services.voucher_redeem(voucher_id=voucher.pk, order_id=order_for(voucher).pk,
                                    amount=Decimal("400.00"), actor=alice)
    voucher.refresh_from_db()
    assert usage.balance_after == voucher.balance == Decimal("600.00")
    assert voucher.status == Voucher.Status.AVAILABLE


def test_status_rule(quota, alice):
    voucher = issue(quota, alice)[0]
    services.vouchers_recall(voucher_ids=[voucher.pk], actor=alice)
    assert refused_by(voucher, order_for(voucher), "10.00") == "status"


def test_validity_rule(quota, alice):
    voucher = issue(quota, alice, valid_to=today() + dt.timedelta(days=5))[0]
    assert refused_by(voucher, order_for(voucher), "10.00", today=today() + dt.timedelta(days=6)) == "validity"


def test_customer_rule(quota, alice):
    voucher = issue(quota, alice)[0]
    other = OrderFactory(customer__partner=quota.partner)
    assert refused_by(voucher, other, "10.00") == "customer"


def test_order_type_rule(quota, alice):
    voucher = issue(quota, alice, order_types=["new"])[0]
    assert refused_by(voucher, order_for(voucher, order_type=Order.OrderType.RENEW), "10.00") == "order_type"


def test_service_type_rule(quota, alice):
    voucher = issue(quota, alice, service_types=[ServiceTypeFactory()])[0]
    assert refused_by(voucher, order_for(voucher), "10.00") == "service_type"


def test_product_rule(quota, alice):
    voucher = issue(quota, alice, products=[ProductFactory()])[0]
    assert refused_by(voucher, order_for(voucher), "10.00") == "product"


def test_amount_rule_balance_and_order_total(quota, alice):
    voucher = issue(quota, alice, face_value="100.00")[0]
    assert refused_by(voucher, order_for(voucher), "100.01") == "amount"
    assert refused_by(voucher, order_for(voucher, paid_amount=Decimal("50.00")), "60.00") == "amount"


def test_ratio_cap_limits_periodic_orders(quota, alice):
    voucher = issue(quota, alice, face_value="5000.00", ratio_limit=Decimal("30"))[0]
    order = order_for(voucher, paid_amount=Decimal("1000.00"))
    assert refused_by(voucher, order, "300.01") == "ratio"
    services.voucher_redeem(voucher_id=voucher.pk, order_id=order.pk, amount=Decimal("200.00"))
    assert refused_by(voucher, order, "100.01") == "ratio"  # cumulative on the same order
    services.voucher_redeem(voucher_id=voucher.pk, order_id=order.pk, amount=Decimal("100.00"))


def test_ratio_cap_does_not_apply_on_demand(quota, alice):
    voucher = issue(quota, alice, face_value="5000.00", ratio_limit=Decimal("30"))[0]
    order = order_for(voucher, paid_amount=Decimal("1000.00"), billing_mode=Order.BillingMode.ON_DEMAND)
    services.voucher_redeem(voucher_id=voucher.pk, order_id=order.pk, amount=Decimal("1000.00"))


def test_refusal_message_names_the_rule(quota, alice):
    voucher = issue(quota, alice, order_types=["change"])[0]
    with pytest.raises(ValidationError) as exc:
        services.voucher_redeem(voucher_id=voucher.pk, order_id=order_for(voucher).pk, amount=Decimal("1"))
    assert exc.value.messages[0].startswith("订购类型：")


def test_spending_the_whole_balance_marks_it_used(quota, alice):
    voucher = issue(quota, alice, face_value="800.00")[0]
    services.voucher_redeem(voucher_id=voucher.pk, order_id=order_for(voucher).pk, amount=Decimal("800.00"))
    voucher.refresh_from_db()
    assert voucher.status == Voucher.Status.USED and voucher.balance == 0
    assert ledger_adds_up(quota)


def test_other_partner_cannot_redeem(quota, alice, bob):
    voucher = issue(quota, alice)[0]
    with pytest.raises(Voucher.DoesNotExist):
        services.voucher_redeem(voucher_id=voucher.pk, order_id=order_for(voucher).pk, amount=Decimal("1"),
                                actor=bob)


def test_product_and_service_type_pass_when_they_match(quota, alice):
    product = ProductFactory()
    voucher = issue(quota, alice, products=[product], service_types=[product.service_type])[0]
    services.voucher_redeem(voucher_id=voucher.pk, order_id=order_for(voucher, product=product).pk,
                            amount=Decimal("5.00"))

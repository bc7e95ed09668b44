"""续费询价 through the official SDK: customer AK/SK only, per-resource failures, money as strings."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from huaweicloudsdkbss.v2 import ListRenewRateOnPeriodReq, ListRenewRateOnPeriodRequest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

from partnercenter.api.bss.subscriptions import renewal_amount, term_months
from partnercenter.api.services import access_key_create
from partnercenter.partners.models import Order
from tests.factories import OrderFactory

from .conftest import bss_client

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def customer_client(live_server, customers):
    key, secret = access_key_create(customer=customers["a1"])
    return bss_client(live_server.url, key.access_key, secret, customers["a1"].customer_id)


def ask(client, **fields):
    return client.list_renew_rate_on_period(ListRenewRateOnPeriodRequest(body=ListRenewRateOnPeriodReq(**fields)))


def test_monthly_renewal_of_main_resource(customer_client, yearly_order):
    response = ask(customer_client, resource_ids=["ecs-main-0001"], period_type=2, period_num=3)
    # ¥12,000 for 12 months, two resources: the main resource alone is ¥500/month → ¥1,500 for 3 months.
    assert [(r.resource_id, r.amount) for r in response.renew_inquiry_results] == [("ecs-main-0001", "1500.00")]
    assert response.currency == "CNY"
    assert response.official_website_rating_result.official_website_amount == "1500.00"
    assert response.fail_resource_infos == []


def test_yearly_renewal_with_relative_resources(customer_client, yearly_order):
    response = ask(customer_client, resource_ids=["ecs-main-0001"], period_type=3, period_num=2,
                   include_relative_resources=True)
    assert response.renew_inquiry_results[0].amount == "24000.00"


def test_per_resource_failures(customer_client, customers, yearly_order, ecs):
    start = timezone.now() - dt.timedelta(days=400)
    OrderFactory(customer=customers["a1"], product=ecs, resource_ids=["ecs-old-0001"], effective_at=start,
                 expires_at=start + dt.timedelta(days=365))
    pending = OrderFactory(customer=customers["a1"], product=ecs, resource_ids=["ecs-pay-0001"])
    OrderFactory(customer=customers["a1"], product=ecs, resource_ids=["ecs-pay-0001"],
                 status=Order.Status.PENDING_PAYMENT, renews=pending)
    OrderFactory(customer=customers["b1"], product=ecs, resource_ids=["ecs-of-b-0001"])
    response = ask(customer_client, period_type=2, period_num=1, resource_ids=[
        "ecs-main-0001", "evs-disk-0001", "ecs-old-0001", "ecs-pay-0001", "ecs-of-b-0001"])
    assert [r.resource_id for r in response.renew_inquiry_results] == ["ecs-main-0001"]
    assert {(f.resource_id, f.error_code) for f in response.fail_resource_infos} == {
        ("evs-disk-0001", "CBC.30050007"), ("ecs-old-0001", "CBC.30050009"),
        ("ecs-pay-0001", "CBC.30050010"), ("ecs-of-b-0001", "CBC.30050009")}


@pytest.mark.parametrize(("fields", "code"), [
    ({"resource_ids": ["r"], "period_type": 2, "period_num": 12}, "CBC.0100"),
    ({"resource_ids": ["r"], "period_type": 3, "period_num": 4}, "CBC.0100"),
    ({"resource_ids": ["r"], "period_type": 1, "period_num": 1}, "CBC.0100"),
    ({"resource_ids": [], "period_type": 2, "period_num": 1}, "CBC.0100"),
    ({"resource_ids": [f"r{i}" for i in range(11)], "period_type": 2, "period_num": 1}, "CBC.0100"),
    ({"resource_ids": ["r", "r"], "period_type": 2, "period_num": 1}, "CBC.30050012"),
])
def test_parameter_errors(customer_client, fields, code):
    with pytest.raises(ClientRequestException) as raised:
        ask(customer_client, **fields)
    assert raised.value.status_code == 400 and raised.value.error_code == code


def test_partner_key_is_refused(live_server, alice, alice_key, yearly_order):
    key, secret = alice_key
    client = bss_client(live_server.url, key.access_key, secret, alice.partner.domain_id)
    with pytest.raises(ClientRequestException) as raised:
        ask(client, resource_ids=["ecs-main-0001"], period_type=2, period_num=1)
    assert raised.value.status_code == 403 and raised.value.error_code == "CBC.0155"


@pytest.mark.django_db(transaction=False)
def test_pricing_rule_rounds_half_up(yearly_order):
    yearly_order.paid_amount = Decimal("1000.00")
    assert term_months(yearly_order) == 12
    # 1000 / 3 resources × 1 month / 12 = 27.7777… → 27.78
    assert renewal_amount(yearly_order, months=1, resource_count=3) == Decimal("27.78")
    assert renewal_amount(yearly_order, months=1, resource_count=8) == Decimal("10.42")  # 10.4166…

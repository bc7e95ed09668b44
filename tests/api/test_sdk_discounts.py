"""续费询价's optional discounts 605/606/607 through the official SDK: amounts, allow_discount, best offer."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from huaweicloudsdkbss.v2 import ListRenewRateOnPeriodReq, ListRenewRateOnPeriodRequest

from partnercenter.api.models import CustomerDiscount
from partnercenter.api.services import access_key_create
from tests.factories import OrderFactory, ProductFactory, ServiceTypeFactory

from .conftest import bss_client

pytestmark = pytest.mark.django_db(transaction=True)


def discount(customer, kind, rate, *, name=None, service_types=(), days_ago=1, days=30):
    start = timezone.localdate() - dt.timedelta(days=days_ago)
    row = CustomerDiscount(customer=customer, discount_type=kind, name=name or f"折扣{kind}", rate=Decimal(rate),
                           valid_from=start, valid_to=start + dt.timedelta(days=days))
    row.full_clean()
    row.save()
    row.service_types.set(service_types)
    return row


@pytest.fixture
def customer_client(live_server, customers):
    key, secret = access_key_create(customer=customers["a1"])
    return bss_client(live_server.url, key.access_key, secret, customers["a1"].customer_id)


def ask(client, ids, **fields):
    return client.list_renew_rate_on_period(ListRenewRateOnPeriodRequest(body=ListRenewRateOnPeriodReq(
        resource_ids=ids, period_type=2, period_num=fields.pop("period_num", 3), **fields)))


def test_no_discount_no_results(customer_client, yearly_order):
    assert ask(customer_client, ["ecs-main-0001"]).optional_discount_rating_results == []


def test_each_discount_type_and_the_best_offer(customer_client, customers, yearly_order):
    discount(customers["a1"], 605, "0.900", name="华为云商务折扣")
    discount(customers["a1"], 606, "0.850", name="总经销商合同折扣")
    discount(customers["a1"], 607, "0.950")
    discount(customers["a1"], 607, "0.500", days_ago=60, days=10)  # expired: not offered
    discount(customers["b1"], 605, "0.100")  # another partner's customer
    response = ask(customer_client, ["ecs-main-0001"])
    rows = {(r.discount_type, r.official_website_amount, r.discount_amount, r.amount, r.best_offer)
            for r in response.optional_discount_rating_results}
    # ¥1,500 official: 605 saves 150.00, 606 saves 225.00 (best), 607 saves 75.00
    assert rows == {(605, "1500.00", "150.00", "1350.00", 0), (606, "1500.00", "225.00", "1275.00", 1),
                    (607, "1500.00", "75.00", "1425.00", 0)}
    names = {r.discount_type: r.discount_name for r in response.optional_discount_rating_results}
    assert names[605] == "华为云商务折扣"
    assert all(r.discount_id.startswith("DSC") for r in response.optional_discount_rating_results)


def test_equal_savings_prefer_the_business_discount(customer_client, customers, yearly_order):
    discount(customers["a1"], 607, "0.800")
    discount(customers["a1"], 605, "0.800")
    best = [r.discount_type for r in ask(customer_client, ["ecs-main-0001"]).optional_discount_rating_results
            if r.best_offer == 1]
    assert best == [605]


def test_partner_discounts_skip_products_without_allow_discount(customer_client, customers, yearly_order):
    obs = ServiceTypeFactory(code="hws.service.type.obs", name="对象存储服务")
    start = timezone.now() - dt.timedelta(days=10)
    OrderFactory(customer=customers["a1"], product=ProductFactory(service_type=obs, allow_discount=False),
                 paid_amount=Decimal("1200.00"), effective_at=start, expires_at=start + dt.timedelta(days=365),
                 resource_ids=["obs-0001"])
    discount(customers["a1"], 606, "0.500")
    discount(customers["a1"], 605, "0.500", service_types=[obs])
    response = ask(customer_client, ["ecs-main-0001", "obs-0001"], period_num=1)
    # official: ECS main 500.00 + OBS 100.00 = 600.00; 606 only on ECS (OBS forbids partner discounts): 250.00;
    # 605 only on OBS (its service type): 50.00
    rows = {(r.discount_type, r.discount_amount, r.amount, r.best_offer)
            for r in response.optional_discount_rating_results}
    assert rows == {(606, "250.00", "350.00", 1), (605, "50.00", "550.00", 0)}
    assert response.official_website_rating_result.official_website_amount == "600.00"


def test_rounding_is_half_up_per_resource(customer_client, customers, yearly_order):
    discount(customers["a1"], 607, "0.333")
    [row] = ask(customer_client, ["ecs-main-0001"], period_num=1).optional_discount_rating_results
    assert row.discount_amount == "333.50"  # 500.00 × 0.667 = 333.50


@pytest.mark.django_db(transaction=False)
def test_rate_must_be_a_discount(customers):
    from django.core.exceptions import ValidationError
    for rate in ("0", "1", "1.5"):
        with pytest.raises(ValidationError):
            discount(customers["a1"], 605, rate)
    with pytest.raises(ValidationError):
        discount(customers["a1"], 604, "0.9")
    assert discount(customers["a1"], 605, "0.9").partner == customers["a1"].partner

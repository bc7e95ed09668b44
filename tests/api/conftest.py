import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from huaweicloudsdkbss.v2 import BssClient
from huaweicloudsdkcore.auth.credentials import GlobalCredentials

from partnercenter.api.services import access_key_create
from tests.factories import CustomerFactory, OrderFactory, ProductFactory, ServiceTypeFactory


@pytest.fixture
def alice_key(alice):
    key, secret = access_key_create(user=alice, description="ERP")
    return key, secret


@pytest.fixture
def customers(partner_a, partner_b):
    return {
        "a1": CustomerFactory(partner=partner_a, name="星河数据科技有限公司", account_name="xinghe_data",
                              customer_id="a1" + "0" * 30, association_type="1"),
        "a2": CustomerFactory(partner=partner_a, name="远山软件有限公司", account_name="yuanshan",
                              customer_id="a2" + "0" * 30, associated_on=dt.date(2026, 3, 1)),
        "b1": CustomerFactory(partner=partner_b, name="乙方独家客户有限公司", account_name="b_secret",
                              customer_id="b1" + "0" * 30),
    }


@pytest.fixture
def ecs():
    service = ServiceTypeFactory(code="hws.service.type.ec2", name="弹性云服务器")
    return ProductFactory(code="ecs-c7-large", name="通用计算增强型 c7.large", service_type=service)


@pytest.fixture
def yearly_order(customers, ecs):
    """A 12-month order for ECS with an attached disk: ¥12,000 → ¥1,000 a month, ¥500 per resource."""
    start = timezone.now() - dt.timedelta(days=30)
    return OrderFactory(customer=customers["a1"], product=ecs, order_no="CS2026000000000001",
                        paid_amount=Decimal("12000.00"), effective_at=start, expires_at=start + dt.timedelta(days=365),
                        resource_ids=["ecs-main-0001", "evs-disk-0001"])


def bss_client(url, ak, sk, domain_id):
    return BssClient.new_builder().with_credentials(GlobalCredentials(ak, sk, domain_id)).with_endpoint(url).build()

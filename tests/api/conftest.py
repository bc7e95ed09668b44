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


def make_grant_eligible(partner, operator):
    """实名认证 + 商业信息认证 through the platform services (a reseller's distributor too), as the vouchers wing
    requires before it grants a quota."""
    from partnercenter.partners.models import User
    from tests.builders import certify_business_info, verify_real_name
    from tests.factories import UserFactory
    from vouchers.eligibility import grant_refusals

    if partner.distributor_id:
        make_grant_eligible(partner.distributor, operator)
    partner.refresh_from_db()
    if not grant_refusals(partner):
        return
    main = User.objects.filter(partner=partner).main_accounts().first() or UserFactory(partner=partner)
    if not partner.is_real_name_verified:
        verify_real_name(partner, main, operator)
    if grant_refusals(partner):
        certify_business_info(partner, main, operator)
    partner.refresh_from_db()


def grant_quota(partner, operator, amount="10000.00", *, days=180, start=None, **kwargs):
    """A 提货券额度 granted through the vouchers service (valid from yesterday for `days` days)."""
    from vouchers.services import quota_grant

    make_grant_eligible(partner, operator)
    start = start or timezone.localdate() - dt.timedelta(days=1)
    return quota_grant(partner=partner, name=kwargs.pop("name", "2026年代金券额度"), amount=Decimal(amount),
                       valid_from=start, valid_to=start + dt.timedelta(days=days), actor=operator, **kwargs)


@pytest.fixture
def quota_a(partner_a, operator):
    return grant_quota(partner_a, operator, name="甲方额度")


@pytest.fixture
def quota_b(partner_b, operator):
    return grant_quota(partner_b, operator, name="乙方额度")

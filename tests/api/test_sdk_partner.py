"""查询客户列表 / 查询产品的折扣和激励策略 / 查询客户包年包月资源列表 through the official huaweicloudsdkbss client."""
import pytest
from huaweicloudsdkbss.v2 import (
    ListIncentiveDiscountPoliciesRequest,
    ListPayPerUseCustomerResourcesRequest,
    ListSubCustomersRequest,
    QueryResourcesReq,
    QuerySubCustomerListReq,
)
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

from partnercenter.api.services import access_key_create
from partnercenter.partners.models import Product
from partnercenter.partners.services import customer_assign
from tests.factories import ProductFactory, ServiceTypeFactory

from .conftest import bss_client

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def client(live_server, alice, alice_key):
    key, secret = alice_key
    return bss_client(live_server.url, key.access_key, secret, alice.partner.domain_id)


def test_sub_customers_lists_only_own_customers(client, customers):
    response = client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq()))
    assert response.count == 2
    ids = {c.customer_id for c in response.customer_infos}
    assert ids == {customers["a1"].customer_id, customers["a2"].customer_id}
    first = next(c for c in response.customer_infos if c.customer_id == customers["a1"].customer_id)
    assert first.customer == "星河数据科技有限公司"
    assert first.association_type == "1" and first.verified_status == "2" and first.customer_type == 1
    assert first.associated_on.endswith("Z")


def test_sub_customers_filters_and_pages(client, customers):
    by_name = client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq(customer="远山")))
    assert [c.account_name for c in by_name.customer_infos] == ["yuanshan"]
    by_account = client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq(
        account_name="inghe")))
    assert by_account.count == 1
    by_type = client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq(association_type="2")))
    assert [c.customer_id for c in by_type.customer_infos] == [customers["a2"].customer_id]
    since = client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq(
        associated_on_begin="2026-02-01T00:00:00Z")))
    assert since.count == 1
    paged = client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq(offset=1, limit=1)))
    assert paged.count == 2 and len(paged.customer_infos) == 1


def test_other_partners_customer_id_finds_nothing(client, customers):
    response = client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq(
        customer_id=customers["b1"].customer_id)))
    assert response.count == 0 and response.customer_infos == []


def test_customer_manager_key_sees_only_managed_customers(live_server, alice, andy, customers):
    customer_assign(customer_id=customers["a2"].pk, manager=andy, actor=alice)
    key, secret = access_key_create(user=andy)
    andy_client = bss_client(live_server.url, key.access_key, secret, alice.partner.domain_id)
    response = andy_client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq()))
    assert [c.customer_id for c in response.customer_infos] == [customers["a2"].customer_id]
    assert response.customer_infos[0].account_managers[0].account_name == "andy"


@pytest.mark.parametrize("body", [
    QuerySubCustomerListReq(association_type="9"),
    QuerySubCustomerListReq(associated_on_begin="yesterday"),
    QuerySubCustomerListReq(associated_on_end="9999-12-31T23:59:59Z"),  # was a 500 (OverflowError)
    QuerySubCustomerListReq(limit=0),
    QuerySubCustomerListReq(customer="带 空格"),
])
def test_sub_customers_bad_parameters(client, body):
    with pytest.raises(ClientRequestException) as raised:
        client.list_sub_customers(ListSubCustomersRequest(body=body))
    assert raised.value.status_code == 400 and raised.value.error_code == "CBC.0100"
    assert raised.value.request_id


def test_incentive_discount_policies(client, ecs):
    ProductFactory(service_type=ecs.service_type, incentive_policy=Product.IncentivePolicy.SPECIFIC)
    obs = ServiceTypeFactory(code="hws.service.type.obs", name="对象存储服务")
    ProductFactory(service_type=obs, incentive_policy=Product.IncentivePolicy.PERFORMANCE_NO_REBATE,
                   allow_discount=False)
    response = client.list_incentive_discount_policies(ListIncentiveDiscountPoliciesRequest(time="2026-11"))
    rows = {(p.service_type_code, p.incentive_policy, p.allow_discount) for p in response.policies}
    assert rows == {("hws.service.type.ec2", "0", "YES"), ("hws.service.type.ec2", "1", "YES"),
                    ("hws.service.type.obs", "13", "NO")}
    assert response.total_count == 3
    only_obs = client.list_incentive_discount_policies(ListIncentiveDiscountPoliciesRequest(
        service_type_code="hws.service.type.obs", limit=5, offset=0))
    assert [p.service_type_name for p in only_obs.policies] == ["对象存储服务"]


def test_incentive_policies_bad_month(client):
    with pytest.raises(ClientRequestException) as raised:
        client.list_incentive_discount_policies(ListIncentiveDiscountPoliciesRequest(time="2026-13"))
    assert raised.value.error_code == "CBC.0100"


def test_customer_resources_for_own_customer(client, customers, yearly_order):
    response = client.list_pay_per_use_customer_resources(ListPayPerUseCustomerResourcesRequest(
        body=QueryResourcesReq(customer_id=customers["a1"].customer_id)))
    assert response.total_count == 2
    main = next(r for r in response.data if r.resource_id == "ecs-main-0001")
    disk = next(r for r in response.data if r.resource_id == "evs-disk-0001")
    assert main.is_main_resource == 1 and disk.is_main_resource == 0
    assert disk.parent_resource_id == "ecs-main-0001"
    assert main.status == 2 and main.service_type_code == "hws.service.type.ec2"
    only_main = client.list_pay_per_use_customer_resources(ListPayPerUseCustomerResourcesRequest(
        body=QueryResourcesReq(customer_id=customers["a1"].customer_id, only_main_resource=1)))
    assert [r.resource_id for r in only_main.data] == ["ecs-main-0001"]


def test_customer_resources_of_another_partners_customer(client, customers, yearly_order):
    for customer_id in (customers["b1"].customer_id, "no-such-customer"):
        with pytest.raises(ClientRequestException) as raised:
            client.list_pay_per_use_customer_resources(ListPayPerUseCustomerResourcesRequest(
                body=QueryResourcesReq(customer_id=customer_id)))
        assert raised.value.error_code == "CBC.99006017"
        assert "乙方" not in raised.value.error_msg


def test_customer_resources_needs_customer_id_for_partner(client):
    with pytest.raises(ClientRequestException) as raised:
        client.list_pay_per_use_customer_resources(ListPayPerUseCustomerResourcesRequest(body=QueryResourcesReq()))
    assert raised.value.error_code == "CBC.0100"


def test_customer_key_sees_own_resources_only(live_server, customers, yearly_order):
    key, secret = access_key_create(customer=customers["a1"])
    customer_client = bss_client(live_server.url, key.access_key, secret, customers["a1"].customer_id)
    response = customer_client.list_pay_per_use_customer_resources(ListPayPerUseCustomerResourcesRequest(
        body=QueryResourcesReq(status_list=[2])))
    assert response.total_count == 2
    with pytest.raises(ClientRequestException) as raised:
        customer_client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq()))
    assert raised.value.status_code == 403 and raised.value.error_code == "CBC.0155"

"""The five partner-coupon operations through the official huaweicloudsdkbss client, over the voucher wing."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from huaweicloudsdkbss.v2 import (
    CreatePartnerCouponsReq,
    CreatePartnerCouponsRequest,
    ListIssuedPartnerCouponsRequest,
    ListPartnerCouponsRecordRequest,
    ListQuotaCouponsRequest,
    QueryCouponQuotasReqExt,
    ReclaimPartnerCouponsReq,
    ReclaimPartnerCouponsRequest,
)
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

from vouchers.models import QuotaMovement, Voucher, VoucherQuota
from vouchers.selectors import ledger_adds_up
from vouchers.services import vouchers_issue

from .conftest import bss_client, grant_quota

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def client(live_server, alice, alice_key):
    key, secret = alice_key
    return bss_client(live_server.url, key.access_key, secret, alice.partner.domain_id)


def issue(client, quota, customer_ids, face_value="100.00", **fields):
    return client.create_partner_coupons(CreatePartnerCouponsRequest(body=CreatePartnerCouponsReq(
        quota_id=str(quota.pk), customer_ids=customer_ids, face_value=Decimal(face_value), **fields)))


def refused(call):
    with pytest.raises(ClientRequestException) as raised:
        call()
    assert raised.value.request_id
    return raised.value


def test_quotas_are_the_partners_voucher_quotas(client, quota_a, quota_b):
    response = client.list_quota_coupons(ListQuotaCouponsRequest(body=QueryCouponQuotasReqExt()))
    assert response.total_count == 1
    [quota] = response.quotas
    assert quota.quota_id == str(quota_a.pk) and quota.quota_type == 0 and quota.quota_status == 0
    assert quota.quota_value == Decimal("10000.00") and quota.balance == Decimal("10000.00")
    assert isinstance(quota.balance, Decimal)
    assert quota.measure_id == 1 and quota.currency == "CNY"
    assert quota.effective_time.endswith("T16:00:00Z")  # 00:00 Beijing time
    assert quota.expire_time.endswith("T15:59:59Z")
    for body in (QueryCouponQuotasReqExt(quota_type=1), QueryCouponQuotasReqExt(quota_status_list=[3]),
                 QueryCouponQuotasReqExt(quota_ids=[str(quota_b.pk)])):
        assert client.list_quota_coupons(ListQuotaCouponsRequest(body=body)).total_count == 0
    assert client.list_quota_coupons(ListQuotaCouponsRequest(body=QueryCouponQuotasReqExt(
        quota_ids=[str(quota_a.pk)], quota_status_list=[0, 3], limit=1))).total_count == 1


def test_quota_limit_infos_and_time_filters(client, partner_a, operator, ecs):
    grant_quota(partner_a, operator, service_types=[ecs.service_type], products=[ecs])
    response = client.list_quota_coupons(ListQuotaCouponsRequest(body=QueryCouponQuotasReqExt()))
    limits = {info.limit_key: [v.value1 for v in info.limit_values] for info in response.quotas[0].limit_infos}
    assert limits == {"cloud_service_types": ["hws.service.type.ec2"], "product_ids": ["ecs-c7-large"]}
    tomorrow = (timezone.now() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    later = client.list_quota_coupons(ListQuotaCouponsRequest(body=QueryCouponQuotasReqExt(
        create_time_begin=tomorrow)))
    assert later.total_count == 0


def test_issue_partial_success_and_tenancy(client, customers, quota_a):
    response = issue(client, quota_a, [customers["a1"].customer_id, customers["b1"].customer_id, "nobody",
                                       customers["a2"].customer_id], face_value="150.50", memo="春季促销")
    assert [c.id for c in response.coupon_infos] == [customers["a1"].customer_id, customers["a2"].customer_id]
    assert {(e.id, e.error_code) for e in response.error_details} == {
        (customers["b1"].customer_id, "CBC.99000035"), ("nobody", "CBC.99000035")}
    quota_a.refresh_from_db()
    assert quota_a.balance == Decimal("9699.00") and ledger_adds_up(quota_a)
    voucher = Voucher.objects.get(code=response.coupon_infos[0].coupon_id)
    assert voucher.face_value == Decimal("150.50") and voucher.memo == "春季促销"
    assert voucher.customer == customers["a1"] and voucher.status == Voucher.Status.AVAILABLE
    assert not Voucher.objects.filter(customer=customers["b1"]).exists()


def test_issue_until_the_balance_runs_out(client, partner_a, operator, customers):
    quota = grant_quota(partner_a, operator, amount="1000.00")
    response = issue(client, quota, [customers["a1"].customer_id, customers["a2"].customer_id], face_value="600.00")
    assert len(response.coupon_infos) == 1
    assert [(e.id, e.error_code) for e in response.error_details] == [
        (customers["a2"].customer_id, "CBC.99000013")]
    quota.refresh_from_db()
    assert quota.balance == Decimal("400.00") and ledger_adds_up(quota)


@pytest.mark.parametrize(("fields", "code"), [
    ({"face_value": "0.00"}, "CBC.0100"),
    ({"face_value": "1.001"}, "CBC.0100"),
    ({"valid_time": "tomorrow"}, "CBC.0100"),
    ({"cloud_service_types": ["hws.service.type.nope"]}, "CBC.0100"),
    ({"customer_ids": []}, "CBC.0100"),
])
def test_issue_parameter_errors(client, customers, quota_a, fields, code):
    fields = {"customer_ids": [customers["a1"].customer_id], "face_value": "100.00"} | fields
    error = refused(lambda: issue(client, quota_a, **fields))
    assert error.status_code == 400 and error.error_code == code
    quota_a.refresh_from_db()
    assert quota_a.balance == quota_a.amount


def test_issue_refusals_of_the_quota(client, partner_a, operator, customers, quota_b, ecs):
    a1 = [customers["a1"].customer_id]
    error = refused(lambda: issue(client, quota_b, a1))
    assert (error.status_code, error.error_code) == (400, "CBC.99000012")
    expired = grant_quota(partner_a, operator, start=timezone.localdate() - dt.timedelta(days=30), days=10)
    assert refused(lambda: issue(client, expired, a1)).error_code == "CBC.99000017"
    narrow = grant_quota(partner_a, operator, service_types=[ecs.service_type])
    from tests.factories import ServiceTypeFactory
    obs = ServiceTypeFactory(code="hws.service.type.obs")
    assert refused(lambda: issue(client, narrow, a1, cloud_service_types=[obs.code])).error_code == "CBC.99000023"
    quota_b.refresh_from_db()
    assert quota_b.balance == quota_b.amount


def test_list_issued_coupons(client, bob, customers, quota_a, quota_b):
    mine = issue(client, quota_a, [customers["a1"].customer_id, customers["a2"].customer_id]).coupon_infos
    [theirs] = vouchers_issue(quota_id=quota_b.pk, actor=bob, customers=[customers["b1"]],
                              face_value=Decimal("88.00"), valid_from=quota_b.valid_from, valid_to=quota_b.valid_to)
    listed = client.list_issued_partner_coupons(ListIssuedPartnerCouponsRequest())
    assert listed.total_count == 2
    assert {c.coupon_id for c in listed.user_coupons} == {c.coupon_id for c in mine}
    coupon = listed.user_coupons[0]
    assert coupon.status == 2 and coupon.coupon_type == 1 and coupon.face_value == Decimal("100.00")
    assert coupon.balance == Decimal("100.00") and coupon.promotion_plan_name == "甲方额度"
    assert coupon.create_time.endswith("Z") and coupon.is_frozen == "0"
    by_customer = client.list_issued_partner_coupons(ListIssuedPartnerCouponsRequest(
        customer_id=customers["a2"].customer_id, status=2, coupon_type=1, limit=5, offset=0))
    assert [c.customer_id for c in by_customer.user_coupons] == [customers["a2"].customer_id]
    for request in (ListIssuedPartnerCouponsRequest(coupon_id=theirs.code),
                    ListIssuedPartnerCouponsRequest(customer_id=customers["b1"].customer_id),
                    ListIssuedPartnerCouponsRequest(coupon_type=4), ListIssuedPartnerCouponsRequest(status=5)):
        assert client.list_issued_partner_coupons(request).total_count == 0
    error = refused(lambda: client.list_issued_partner_coupons(ListIssuedPartnerCouponsRequest(coupon_type=2)))
    assert error.error_code == "CBC.0100"


def test_reclaim_returns_the_balance(client, alice, bob, customers, quota_a, quota_b):
    [info] = issue(client, quota_a, [customers["a1"].customer_id], face_value="300.00").coupon_infos
    response = client.reclaim_partner_coupons(ReclaimPartnerCouponsRequest(body=ReclaimPartnerCouponsReq(
        coupon_id=info.coupon_id)))
    assert response.status_code == 204
    voucher = Voucher.objects.get(code=info.coupon_id)
    assert voucher.status == Voucher.Status.RECALLED and voucher.recalled_amount == Decimal("300.00")
    quota_a.refresh_from_db()
    assert quota_a.balance == quota_a.amount and ledger_adds_up(quota_a)
    assert QuotaMovement.objects.filter(voucher=voucher, kind="recall").get().actor == alice
    again = refused(lambda: client.reclaim_partner_coupons(ReclaimPartnerCouponsRequest(
        body=ReclaimPartnerCouponsReq(coupon_id=info.coupon_id))))
    assert (again.status_code, again.error_code) == (400, "CBC.0100")
    [theirs] = vouchers_issue(quota_id=quota_b.pk, actor=bob, customers=[customers["b1"]],
                              face_value=Decimal("88.00"), valid_from=quota_b.valid_from, valid_to=quota_b.valid_to)
    foreign = refused(lambda: client.reclaim_partner_coupons(ReclaimPartnerCouponsRequest(
        body=ReclaimPartnerCouponsReq(coupon_id=theirs.code))))
    assert (foreign.status_code, foreign.error_code) == (400, "CBC.99006016")
    theirs.refresh_from_db()
    assert theirs.status == Voucher.Status.AVAILABLE


def test_records_of_issue_and_reclaim(client, bob, customers, quota_a, quota_b):
    infos = issue(client, quota_a, [customers["a1"].customer_id, customers["a2"].customer_id],
                  memo="备注A").coupon_infos
    client.reclaim_partner_coupons(ReclaimPartnerCouponsRequest(body=ReclaimPartnerCouponsReq(
        coupon_id=infos[0].coupon_id)))
    vouchers_issue(quota_id=quota_b.pk, actor=bob, customers=[customers["b1"]], face_value=Decimal("88.00"),
                   valid_from=quota_b.valid_from, valid_to=quota_b.valid_to)
    records = client.list_partner_coupons_record(ListPartnerCouponsRecordRequest())
    assert records.total_count == 3
    assert sorted(r.operation_type for r in records.records) == ["1", "1", "2"]
    reclaimed = next(r for r in records.records if r.operation_type == "2")
    assert reclaimed.coupon_id == infos[0].coupon_id and reclaimed.operation_amount == Decimal("100.00")
    assert reclaimed.result == "0" and reclaimed.quota_id == str(quota_a.pk) and reclaimed.quota_type == 0
    assert {r.remark for r in records.records if r.operation_type == "1"} == {"备注A"}
    only = client.list_partner_coupons_record(ListPartnerCouponsRecordRequest(
        operation_types=["2"], coupon_ids=[infos[0].coupon_id, infos[1].coupon_id], quota_id=str(quota_a.pk)))
    assert [r.operation_type for r in only.records] == ["2"]
    for request in (ListPartnerCouponsRecordRequest(customer_id=customers["b1"].customer_id),
                    ListPartnerCouponsRecordRequest(quota_id=str(quota_b.pk)),
                    ListPartnerCouponsRecordRequest(result="-1"), ListPartnerCouponsRecordRequest(quota_type=1)):
        assert client.list_partner_coupons_record(request).total_count == 0
    error = refused(lambda: client.list_partner_coupons_record(ListPartnerCouponsRecordRequest(
        operation_types=["12"])))
    assert error.error_code == "CBC.0100"


def test_customer_keys_cannot_call_coupon_operations(live_server, customers, quota_a):
    from partnercenter.api.services import access_key_create
    key, secret = access_key_create(customer=customers["a1"])
    customer_client = bss_client(live_server.url, key.access_key, secret, customers["a1"].customer_id)
    error = refused(lambda: customer_client.list_quota_coupons(ListQuotaCouponsRequest(
        body=QueryCouponQuotasReqExt())))
    assert (error.status_code, error.error_code) == (403, "CBC.0155")
    assert VoucherQuota.objects.count() == 1


def test_concurrent_issues_through_the_api_never_overspend(live_server, alice, alice_key, partner_a, operator,
                                                          customers):
    """Eight SDK clients issue ¥300 at once from a ¥1,000 quota: exactly three succeed, the ledger adds up."""
    from concurrent.futures import ThreadPoolExecutor

    key, secret = alice_key
    quota = grant_quota(partner_a, operator, amount="1000.00")

    def one(_):
        client = bss_client(live_server.url, key.access_key, secret, alice.partner.domain_id)
        response = issue(client, quota, [customers["a1"].customer_id], face_value="300.00")
        return len(response.coupon_infos), [e.error_code for e in response.error_details]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(one, range(8)))
    assert sum(ok for ok, _errors in results) == 3
    assert sorted(code for _ok, errors in results for code in errors) == ["CBC.99000013"] * 5
    quota.refresh_from_db()
    assert quota.balance == Decimal("100.00") and ledger_adds_up(quota)


def test_per_customer_limits_of_the_quota(client, partner_a, operator, customers):
    a1, a2 = customers["a1"].customer_id, customers["a2"].customer_id
    by_count = grant_quota(partner_a, operator, per_customer_count=1)
    assert len(issue(client, by_count, [a1]).coupon_infos) == 1
    second = issue(client, by_count, [a1, a2])
    assert [c.id for c in second.coupon_infos] == [a2]
    assert [(e.id, e.error_code) for e in second.error_details] == [(a1, "CBC.99000020")]
    by_amount = grant_quota(partner_a, operator, per_customer_amount="150.00")
    assert len(issue(client, by_amount, [a1]).coupon_infos) == 1
    over = issue(client, by_amount, [a1])
    assert [(e.id, e.error_code) for e in over.error_details] == [(a1, "CBC.99000021")]
    assert "150" in over.error_details[0].error_msg

"""indirect_partner_id: a distributor acts for its own resellers only (CBC.99000037 otherwise); for any other
caller the parameter is ignored, as the reference says ("除此之外，此参数不做处理")."""
from decimal import Decimal

import pytest
from huaweicloudsdkbss.v2 import (
    CreatePartnerCouponsReq,
    CreatePartnerCouponsRequest,
    ListIssuedPartnerCouponsRequest,
    ListPartnerCouponsRecordRequest,
    ListQuotaCouponsRequest,
    ListSubCustomersRequest,
    QueryCouponQuotasReqExt,
    QuerySubCustomerListReq,
    ReclaimPartnerCouponsReq,
    ReclaimPartnerCouponsRequest,
)
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

from partnercenter.api.services import access_key_create
from partnercenter.partners.models import Partner, User
from tests.factories import CustomerFactory, PartnerFactory, UserFactory
from vouchers.models import QuotaMovement, Voucher
from vouchers.selectors import ledger_adds_up

from .conftest import bss_client, grant_quota

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def channel(operator):
    """Distributor D with reseller R (customer, quota); distributor E with reseller S."""
    d = PartnerFactory(name="中科云汇分销有限公司", partner_type=Partner.Type.DISTRIBUTOR)
    r = PartnerFactory(name="蓝海云途", partner_type=Partner.Type.RESELLER, distributor=d)
    e = PartnerFactory(name="另一总经销商", partner_type=Partner.Type.DISTRIBUTOR)
    s = PartnerFactory(name="别家云经销商", partner_type=Partner.Type.RESELLER, distributor=e)
    return {
        "d": d, "r": r, "e": e, "s": s,
        "dora": UserFactory(username="dora", partner=d, role=User.Role.MAIN),
        "r_customer": CustomerFactory(partner=r, name="蓝海客户", customer_id="r1" + "0" * 30),
        "s_customer": CustomerFactory(partner=s, name="别家客户", customer_id="s1" + "0" * 30),
        "d_customer": CustomerFactory(partner=d, name="总经销商直客", customer_id="d1" + "0" * 30),
        "r_quota": grant_quota(r, operator, name="蓝海额度"),
        "s_quota": grant_quota(s, operator, name="别家额度"),
        "d_quota": grant_quota(d, operator, name="总经销商额度"),
    }


def client_of(live_server, user):
    key, secret = access_key_create(user=user)
    return bss_client(live_server.url, key.access_key, secret, user.partner.domain_id)


@pytest.fixture
def dora_client(live_server, channel):
    return client_of(live_server, channel["dora"])


def quota_names(client, **fields):
    response = client.list_quota_coupons(ListQuotaCouponsRequest(body=QueryCouponQuotasReqExt(**fields)))
    return sorted(q.quota_id for q in response.quotas)


def test_distributor_reads_its_resellers_quotas_and_customers(dora_client, channel):
    r_id = channel["r"].domain_id
    assert quota_names(dora_client) == [str(channel["d_quota"].pk)]
    assert quota_names(dora_client, indirect_partner_id=r_id) == [str(channel["r_quota"].pk)]
    customers = dora_client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq(
        indirect_partner_id=r_id)))
    assert [c.customer_id for c in customers.customer_infos] == [channel["r_customer"].customer_id]
    own = dora_client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq()))
    assert [c.customer_id for c in own.customer_infos] == [channel["d_customer"].customer_id]


@pytest.mark.parametrize("who", ["s", "e", "d", "unknown"])
def test_distributor_cannot_act_for_another_distributors_reseller(dora_client, channel, who):
    target = "f" * 32 if who == "unknown" else channel[who].domain_id
    calls = [
        lambda: dora_client.list_quota_coupons(ListQuotaCouponsRequest(body=QueryCouponQuotasReqExt(
            indirect_partner_id=target))),
        lambda: dora_client.list_issued_partner_coupons(ListIssuedPartnerCouponsRequest(indirect_partner_id=target)),
        lambda: dora_client.list_partner_coupons_record(ListPartnerCouponsRecordRequest(indirect_partner_id=target)),
        lambda: dora_client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq(
            indirect_partner_id=target))),
        lambda: dora_client.create_partner_coupons(CreatePartnerCouponsRequest(body=CreatePartnerCouponsReq(
            quota_id=str(channel["s_quota"].pk), customer_ids=[channel["s_customer"].customer_id],
            face_value=Decimal("10.00"), indirect_partner_id=target))),
        lambda: dora_client.reclaim_partner_coupons(ReclaimPartnerCouponsRequest(body=ReclaimPartnerCouponsReq(
            coupon_id="TV0", indirect_partner_id=target))),
    ]
    for call in calls:
        with pytest.raises(ClientRequestException) as raised:
            call()
        assert (raised.value.status_code, raised.value.error_code) == (400, "CBC.99000037")
    assert not Voucher.objects.exists()


def test_distributor_issues_and_reclaims_for_its_reseller(dora_client, channel):
    r_id, quota = channel["r"].domain_id, channel["r_quota"]
    response = dora_client.create_partner_coupons(CreatePartnerCouponsRequest(body=CreatePartnerCouponsReq(
        quota_id=str(quota.pk), customer_ids=[channel["r_customer"].customer_id, channel["s_customer"].customer_id,
                                              channel["d_customer"].customer_id],
        face_value=Decimal("250.00"), indirect_partner_id=r_id)))
    [info] = response.coupon_infos
    assert info.id == channel["r_customer"].customer_id
    assert {e.error_code for e in response.error_details} == {"CBC.99000035"}
    voucher = Voucher.objects.get(code=info.coupon_id)
    assert voucher.partner == channel["r"] and voucher.quota == quota
    issued = QuotaMovement.objects.get(voucher=voucher, kind="issue")
    assert issued.actor == channel["dora"]  # the audit names the real person, not the reseller
    channel["dora"].refresh_from_db()
    assert channel["dora"].partner == channel["d"]
    # Without indirect_partner_id the distributor sees only its own coupons; with it, the reseller's.
    assert dora_client.list_issued_partner_coupons(ListIssuedPartnerCouponsRequest()).total_count == 0
    listed = dora_client.list_issued_partner_coupons(ListIssuedPartnerCouponsRequest(indirect_partner_id=r_id))
    assert [c.coupon_id for c in listed.user_coupons] == [info.coupon_id]
    with pytest.raises(ClientRequestException) as raised:  # not its own coupon without acting for R
        dora_client.reclaim_partner_coupons(ReclaimPartnerCouponsRequest(body=ReclaimPartnerCouponsReq(
            coupon_id=info.coupon_id)))
    assert raised.value.error_code == "CBC.99006016"
    dora_client.reclaim_partner_coupons(ReclaimPartnerCouponsRequest(body=ReclaimPartnerCouponsReq(
        coupon_id=info.coupon_id, indirect_partner_id=r_id)))
    voucher.refresh_from_db()
    assert voucher.status == Voucher.Status.RECALLED and ledger_adds_up(quota)
    records = dora_client.list_partner_coupons_record(ListPartnerCouponsRecordRequest(indirect_partner_id=r_id))
    assert sorted(r.operation_type for r in records.records) == ["1", "2"]


def test_other_callers_ignore_indirect_partner_id(live_server, channel, alice, partner_a, operator):
    """A solution provider (or the reseller itself) passing a reseller id gets its own rows, never the reseller's."""
    own = grant_quota(partner_a, operator, name="甲方额度")
    alice_client = client_of(live_server, alice)
    assert quota_names(alice_client, indirect_partner_id=channel["r"].domain_id) == [str(own.pk)]
    rita = UserFactory(username="rita", partner=channel["r"], role=User.Role.MAIN)
    rita_client = client_of(live_server, rita)
    assert quota_names(rita_client, indirect_partner_id=channel["r"].domain_id) == [str(channel["r_quota"].pk)]
    assert quota_names(rita_client, indirect_partner_id=channel["s"].domain_id) == [str(channel["r_quota"].pk)]


@pytest.mark.django_db(transaction=False)
def test_acting_copy_scopes_to_the_reseller_and_cannot_be_saved(channel):
    from partnercenter.api.bss.acting import acting_user
    from partnercenter.partners.models import Customer

    dora = channel["dora"]
    acting = acting_user(dora, channel["r"].domain_id)
    assert acting.pk == dora.pk and acting.partner == channel["r"] and dora.partner == channel["d"]
    assert list(Customer.objects.for_user(acting)) == [channel["r_customer"]]
    with pytest.raises(RuntimeError):
        acting.save()
    assert acting_user(dora, "") is dora
    dora.refresh_from_db()
    assert dora.partner_id == channel["d"].pk

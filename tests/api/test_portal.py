"""访问密钥 pages: create (SK shown once), list, disable/enable, delete; tenancy; the management command."""
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from partnercenter.api.crypto import decrypt_secret
from partnercenter.api.models import AccessKey
from partnercenter.api.services import access_key_create

pytestmark = pytest.mark.django_db

LIST = reverse("api:accesskey-list")


def test_create_shows_secret_once(client_alice, alice):
    response = client_alice.post(reverse("api:accesskey-create"), {"description": "财务系统对接"})
    assert response.status_code == 200
    key = AccessKey.objects.get(user=alice)
    secret = decrypt_secret(key.secret_encrypted)
    body = response.content.decode()
    assert key.access_key in body and secret in body and alice.partner.domain_id in body
    assert "no-store" in response["Cache-Control"]
    listing = client_alice.get(LIST).content.decode()
    assert key.access_key in listing and "财务系统对接" in listing and secret not in listing


def test_at_most_two_keys(client_alice, alice):
    for _ in range(2):
        access_key_create(user=alice)
    response = client_alice.post(reverse("api:accesskey-create"), {"description": "第三个"}, follow=True)
    assert "最多可创建 2 个访问密钥" in response.content.decode()
    assert AccessKey.objects.filter(user=alice).count() == 2


def test_disable_enable_delete(client_alice, alice):
    key, _secret = access_key_create(user=alice)
    client_alice.post(reverse("api:accesskey-disable", args=[key.pk]))
    key.refresh_from_db()
    assert key.status == AccessKey.Status.DISABLED
    again = client_alice.post(reverse("api:accesskey-disable", args=[key.pk]), follow=True)
    assert "已是" in again.content.decode()
    client_alice.post(reverse("api:accesskey-enable", args=[key.pk]))
    key.refresh_from_db()
    assert key.status == AccessKey.Status.ACTIVE
    client_alice.post(reverse("api:accesskey-delete", args=[key.pk]))
    assert not AccessKey.objects.filter(pk=key.pk).exists()


def test_get_on_actions_does_nothing(client_alice, alice):
    key, _secret = access_key_create(user=alice)
    assert client_alice.get(reverse("api:accesskey-delete", args=[key.pk])).status_code == 405
    assert AccessKey.objects.filter(pk=key.pk).exists()


def test_other_partners_keys_are_invisible_and_untouchable(client_alice, bob, customers):
    key, _secret = access_key_create(user=bob, description="乙方的密钥")
    customer_key, _ = access_key_create(customer=customers["a1"])
    listing = client_alice.get(LIST).content.decode()
    assert key.access_key not in listing and "乙方的密钥" not in listing
    assert customer_key.access_key not in listing  # customer keys are not partner users' keys
    for name in ("accesskey-disable", "accesskey-enable", "accesskey-delete"):
        assert client_alice.post(reverse(f"api:{name}", args=[key.pk])).status_code == 404
    assert AccessKey.objects.get(pk=key.pk).status == AccessKey.Status.ACTIVE


def test_customer_manager_sees_and_manages_only_own_keys(client, alice, andy):
    alice_key, _ = access_key_create(user=alice)
    andy_key, _ = access_key_create(user=andy)
    client.force_login(andy)
    listing = client.get(LIST).content.decode()
    assert andy_key.access_key in listing and alice_key.access_key not in listing
    response = client.post(reverse("api:accesskey-delete", args=[alice_key.pk]), follow=True)
    assert "只能管理自己的访问密钥" in response.content.decode()
    assert AccessKey.objects.filter(pk=alice_key.pk).exists()
    client.force_login(alice)  # the main account manages every key of the organisation
    assert andy_key.access_key in client.get(LIST).content.decode()


def test_list_query_count_is_constant(client_alice, alice, andy, django_assert_max_num_queries):
    access_key_create(user=alice)
    access_key_create(user=andy)
    access_key_create(user=andy)
    with django_assert_max_num_queries(12):
        assert client_alice.get(LIST).status_code == 200


def test_signed_api_urls_refuse_session_users(client_alice):
    for name in ("bss-list-sub-customers", "bss-list-incentive-discount-policies", "bss-list-customer-resources",
                 "bss-renew-rate", "bss-list-quota-coupons", "bss-partner-coupons", "bss-reclaim-partner-coupons",
                 "bss-list-partner-coupons-record"):
        for method in (client_alice.get, client_alice.post):
            assert method(reverse(f"api:{name}")).status_code in (401, 405)


def test_openapi_document(client):
    document = client.get(reverse("api:openapi")).json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/v2/partners/sub-customers/query", "/v2/products/incentive-discount-policies",
        "/v2/orders/suscriptions/resources/query", "/v2/bills/ratings/period-resources/renew-rate",
        "/v2/partners/coupon-quotas/query", "/v2/promotions/benefits/partner-coupons",
        "/v2/promotions/benefits/partner-coupons/reclaim", "/v2/promotions/benefits/partner-coupons/records/query"}
    operations = {op["operationId"] for ops in document["paths"].values() for op in ops.values()}
    assert {"ListQuotaCoupons", "CreatePartnerCoupons", "ListIssuedPartnerCoupons", "ReclaimPartnerCoupons",
            "ListPartnerCouponsRecord"} <= operations
    coupons = document["paths"]["/v2/promotions/benefits/partner-coupons"]
    assert set(coupons) == {"get", "post"} and "204" in document["paths"][
        "/v2/promotions/benefits/partner-coupons/reclaim"]["post"]["responses"]


def test_create_access_key_command(alice, customers):
    out = io.StringIO()
    call_command("create_access_key", "alice", stdout=out)
    ak, sk = out.getvalue().split()
    assert decrypt_secret(AccessKey.objects.get(access_key=ak, user=alice).secret_encrypted) == sk
    out = io.StringIO()
    call_command("create_access_key", "--customer", customers["a1"].customer_id, stdout=out)
    ak, _sk = out.getvalue().split()
    assert AccessKey.objects.get(access_key=ak).customer == customers["a1"]
    with pytest.raises(CommandError):
        call_command("create_access_key", "nobody")
    with pytest.raises(CommandError):
        call_command("create_access_key")

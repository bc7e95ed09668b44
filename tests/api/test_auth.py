"""SDK-HMAC-SHA256 verification: the captured request of spec C.3, the SDK's own Signer, and every refusal."""
import datetime as dt
import hashlib

import pytest
from django.utils import timezone
from huaweicloudsdkbss.v2 import ListSubCustomersRequest, QuerySubCustomerListReq
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

from partnercenter.api.auth import canonical_query, canonical_uri, string_to_sign
from partnercenter.api.crypto import SecretDecryptionError, decrypt_secret, encrypt_secret
from partnercenter.api.models import AccessKey
from partnercenter.api.services import access_key_disable

from .conftest import bss_client
from .helpers import call

PATH = "/v2/partners/sub-customers/query"


def test_captured_sdk_request_reproduces_the_string_to_sign():
    """Spec C.3 capture #1: the server must rebuild exactly the SDK's StringToSign."""
    body = b'{"resource_ids": ["r-1"], "period_type": 2, "period_num": 1, "include_relative_resources": true}'
    ua = ("huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.7 impl/CPython; "
          "app/9ee8cbc3-17f4-473d-9c0c-f3ebc0074bfe")
    headers = {"Content-Type": "application/json", "Host": "127.0.0.1:18765", "User-Agent": ua,
               "X-Domain-Id": "domain-id-0001", "X-Sdk-Date": "20261128T102047Z"}
    assert hashlib.sha256(body).hexdigest() == "4c7d8ef8df2314f50b21dd5e92d844b83cdff4f8c2b737822f242a9b194fb92a"
    to_sign = string_to_sign(method="POST", path="/v2/bills/ratings/period-resources/renew-rate", query_string="",
                             headers=headers, body=body, sdk_date="20261128T102047Z",
                             signed_headers=["content-type", "host", "user-agent", "x-domain-id", "x-sdk-date"])
    assert to_sign == ("SDK-HMAC-SHA256\n20261128T102047Z\n"
                       "e100b2bea438977fa460bd8522ff7db48480c578917e3f689a7e30d73e35649e")


def test_canonical_uri_and_query():
    assert canonical_uri("/v2/a b/") == "/v2/a%20b/"
    assert canonical_uri("/v2/x") == "/v2/x/"
    assert canonical_query("status=2&customer_id=cust%201&limit=10") == "customer_id=cust%201&limit=10&status=2"


def test_secret_encryption_round_trip_and_tamper():
    token = encrypt_secret("SKsecret-值")
    assert "SKsecret" not in token and decrypt_secret(token) == "SKsecret-值"
    assert encrypt_secret("same") != encrypt_secret("same")  # random salt
    tampered = token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB")
    with pytest.raises(SecretDecryptionError):
        decrypt_secret(tampered)


@pytest.mark.django_db
def test_secret_is_stored_encrypted(alice_key):
    key, secret = alice_key
    stored = AccessKey.objects.get(pk=key.pk).secret_encrypted
    assert secret not in stored and decrypt_secret(stored) == secret


@pytest.mark.django_db
def test_signed_call_with_test_client_and_query_string(client, alice, alice_key):
    key, secret = alice_key
    response = call(client, key.access_key, secret, "GET", "/v2/products/incentive-discount-policies",
                    query={"time": "2026-11", "service_type_code": "hws service", "limit": 5})
    assert response.status_code == 200, response.content
    assert response["X-Request-Id"]
    key.refresh_from_db()
    assert key.last_used_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["no_auth", "bad_signature", "unknown_ak", "garbage", "expired", "future",
                                    "body_changed"])
def test_refusals_are_401_with_bss_body(client, alice_key, tamper):
    key, secret = alice_key
    if tamper == "no_auth":
        response = client.post(PATH, data=b"{}", content_type="application/json")
    elif tamper == "garbage":
        response = client.post(PATH, data=b"{}", content_type="application/json",
                               headers={"Authorization": "SDK-HMAC-SHA256 nonsense"})
    elif tamper in ("expired", "future"):
        moment = timezone.now() + dt.timedelta(minutes=-16 if tamper == "expired" else 16)
        response = call(client, key.access_key, secret, "POST", PATH, data={},
                        sdk_date=moment.strftime("%Y%m%dT%H%M%SZ"))
    elif tamper == "body_changed":
        from .helpers import signed_headers
        uri, headers = signed_headers(key.access_key, secret, method="POST", path=PATH, body=b"{}")
        headers.pop("Content-Type")
        response = client.post(uri, data=b'{"limit": 1}', content_type="application/json", headers=headers)
    else:
        ak = key.access_key if tamper == "bad_signature" else "AKNOTAREALKEY0000000"
        response = call(client, ak, secret + ("x" if tamper == "bad_signature" else ""), "POST", PATH, data={})
    assert response.status_code == 401
    assert response.json()["error_code"] == "CBC.0151" and response.json()["error_msg"]
    assert response["X-Request-Id"]


@pytest.mark.django_db
def test_skew_within_fifteen_minutes_is_accepted(client, alice_key):
    key, secret = alice_key
    moment = timezone.now() - dt.timedelta(minutes=14)
    response = call(client, key.access_key, secret, "POST", PATH, data={}, sdk_date=moment.strftime("%Y%m%dT%H%M%SZ"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_disabled_key_and_wrong_domain_are_403(client, alice, alice_key):
    key, secret = alice_key
    wrong = call(client, key.access_key, secret, "POST", PATH, data={}, domain_id="someone-else")
    assert wrong.status_code == 403 and wrong.json()["error_code"] == "CBC.0155"
    right = call(client, key.access_key, secret, "POST", PATH, data={}, domain_id=alice.partner.domain_id)
    assert right.status_code == 200
    access_key_disable(actor=alice, key_id=key.pk)
    disabled = call(client, key.access_key, secret, "POST", PATH, data={})
    assert disabled.status_code == 403 and disabled.json()["error_code"] == "CBC.0151"


@pytest.mark.django_db
def test_session_login_is_not_enough(client_alice):
    response = client_alice.post(PATH, data=b"{}", content_type="application/json")
    assert response.status_code == 401


@pytest.mark.django_db(transaction=True)
def test_sdk_surfaces_bad_secret_as_client_request_exception(live_server, alice, alice_key):
    key, _secret = alice_key
    client = bss_client(live_server.url, key.access_key, "wrong-secret", alice.partner.domain_id)
    with pytest.raises(ClientRequestException) as raised:
        client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq()))
    assert raised.value.status_code == 401 and raised.value.error_code == "CBC.0151"
    assert raised.value.request_id


@pytest.mark.django_db(transaction=True)
def test_sdk_without_domain_id_is_accepted(live_server, alice_key):
    key, secret = alice_key
    client = bss_client(live_server.url, key.access_key, secret, None)
    assert client.list_sub_customers(ListSubCustomersRequest(body=QuerySubCustomerListReq())).count == 0

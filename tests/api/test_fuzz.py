"""Fuzz every operation of the OpenAPI document with signed requests: never a 500, always a BSS body."""
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnercenter.api.openapi import DOCUMENT

from .helpers import call

# CI replays the same examples every run (stable); set FUZZ_RANDOM=1 (and FUZZ_EXAMPLES) to hunt for new ones.
DERANDOMIZE = not os.environ.get("FUZZ_RANDOM")
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))

pytestmark = pytest.mark.django_db

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                    st.text(max_size=30))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=12), max_leaves=15)


def body_for(path):
    props = DOCUMENT["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]
    return st.dictionaries(st.sampled_from(sorted(props)), values, max_size=len(props))


POSTS = [p for p, ops in DOCUMENT["paths"].items() if "post" in ops]


@pytest.fixture
def keys(alice, customers, yearly_order, quota_a):
    from partnercenter.api.services import access_key_create
    return [access_key_create(user=alice), access_key_create(customer=customers["a1"])]


@pytest.mark.parametrize("path", POSTS)
def test_post_operations_never_fail(client, keys, path):
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
              derandomize=DERANDOMIZE)
    @given(body=body_for(path), which=st.integers(0, 1))
    def run(body, which):
        key, secret = keys[which]
        response = call(client, key.access_key, secret, "POST", path, data=body)
        assert response.status_code in (200, 204, 400, 403), (body, response.content)
        if response.status_code == 204:
            return
        payload = response.json()
        if response.status_code != 200:
            assert set(payload) == {"error_code", "error_msg"}
    run()


def test_raw_bodies_never_fail(client, keys):
    key, secret = keys[0]
    from .helpers import signed_headers
    for raw in (b"not json", b"[]", b"null", b'"x"', b'{"customer": "\\u0000"}',
                b'{"resource_ids": ["\\u0000"], "customer_id": "a"}',
                b"\xff\xfe"):
        uri, headers = signed_headers(key.access_key, secret, method="POST", path=POSTS[0], body=raw)
        headers.pop("Content-Type")
        response = client.post(uri, data=raw, content_type="application/json", headers=headers)
        assert response.status_code in (200, 400), raw


GETS = [p for p, ops in DOCUMENT["paths"].items() if "get" in ops]


def query_for(path):
    names = sorted(p["name"] for p in DOCUMENT["paths"][path]["get"]["parameters"])
    value = st.one_of(st.text(max_size=12), st.just("\x00"), st.integers(-5, 600).map(str),
                      st.lists(st.text(max_size=6), max_size=3))
    return st.dictionaries(st.sampled_from(names), value, max_size=len(names))


@pytest.mark.parametrize("path", GETS)
def test_get_operations_never_fail(client, keys, path):
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
              derandomize=DERANDOMIZE)
    @given(query=query_for(path), which=st.integers(0, 1))
    def run(query, which):
        key, secret = keys[which]
        response = call(client, key.access_key, secret, "GET", path, query=query)
        assert response.status_code in (200, 400, 403), (query, response.content)
        json.loads(response.content)
    run()


@given(query=st.dictionaries(st.sampled_from(["time", "service_type_code", "offset", "limit"]),
                             st.one_of(st.text(max_size=12), st.just("\x00")), max_size=4))
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
              derandomize=DERANDOMIZE)
def test_policies_query_never_fails(client, alice, query):
    from partnercenter.api.models import AccessKey
    from partnercenter.api.services import access_key_create
    key = AccessKey.objects.filter(user=alice).first()
    if key is None:
        pair = access_key_create(user=alice)
    else:
        from partnercenter.api.crypto import decrypt_secret
        pair = (key, decrypt_secret(key.secret_encrypted))
    response = call(client, pair[0].access_key, pair[1], "GET", "/v2/products/incentive-discount-policies",
                    query=query)
    assert response.status_code in (200, 400), (query, response.content)
    json.loads(response.content)

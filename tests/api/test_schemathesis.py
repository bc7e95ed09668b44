"""Schemathesis against the served OpenAPI document: every operation, schema-valid and schema-invalid inputs,
signed exactly as huaweicloudsdkcore signs (its own Signer), sent over HTTP to live_server.

Checks: no 5xx ever; the status code, content type and body of every answer conform to the document.
CI replays the same examples (derandomized) and skips schemathesis' coverage phase (it enumerates every boundary
case of the document: ~3 minutes); FUZZ_RANDOM=1 FUZZ_EXAMPLES=500 hunts for new ones with every phase on.
"""
import os
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import schemathesis
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from partnercenter.api.openapi import DOCUMENT
from partnercenter.api.services import access_key_create

pytestmark = pytest.mark.django_db(transaction=True)

DERANDOMIZE = not os.environ.get("FUZZ_RANDOM")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_dict(DOCUMENT)
schema.config.phases.coverage.enabled = not DERANDOMIZE


class SdkHmacAuth(requests.auth.AuthBase):
    """Sign the prepared request with huaweicloudsdkcore's Signer (SDK-HMAC-SHA256), whatever schemathesis built."""

    def __init__(self, ak, sk):
        self.credentials = GlobalCredentials(ak, sk)

    def __call__(self, prepared):
        url = urlsplit(prepared.url)
        body = prepared.body or b""
        body = body.encode() if isinstance(body, str) else body
        sdk_request = SdkRequest(method=prepared.method, schema=url.scheme, host=url.netloc, resource_path=url.path,
                                 query_params=parse_qsl(url.query, keep_blank_values=True),
                                 header_params={"Content-Type": "application/json", "Host": url.netloc}, body=body)
        Signer(self.credentials).sign(sdk_request)
        for name in ("Content-Type", "X-Sdk-Date", "Authorization"):
            prepared.headers[name] = sdk_request.header_params[name]
        return prepared


@pytest.fixture
def sessions(alice, customers, yearly_order, quota_a):
    """A partner key and a customer key: every operation answers both (partner ops refuse the customer key)."""
    result = []
    for owner in ({"user": alice}, {"customer": customers["a1"]}):
        key, secret = access_key_create(**owner)
        session = requests.Session()
        session.auth = SdkHmacAuth(key.access_key, secret)
        result.append(session)
    return result


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=DERANDOMIZE)
def test_every_operation_conforms_and_never_fails(case, live_server, sessions):
    for session in sessions:
        response = case.call(base_url=live_server.url, session=session)
        assert response.status_code != 401, response.text  # the signature matched: the handler was exercised
        case.validate_response(response, checks=CHECKS)

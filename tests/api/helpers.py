"""Signing requests exactly as huaweicloudsdkcore does, for the Django test client and for hand-built calls."""
import json

from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

USER_AGENT = "huaweicloud-usdk-python/3.0; tests"


def signed_headers(ak, sk, *, method, path, query=None, body=b"", host="testserver", domain_id=None,
                   sdk_date=None) -> tuple[str, dict]:
    """(uri, headers) for a request signed with the SDK's own Signer."""
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, "Host": host}
    if domain_id:
        headers["X-Domain-Id"] = domain_id
    if sdk_date:
        headers["X-Sdk-Date"] = sdk_date
    request = SdkRequest(method=method, schema="http", host=host, resource_path=path,
                         query_params=list((query or {}).items()), header_params=headers, body=body)
    Signer(GlobalCredentials(ak, sk)).sign(request)
    return request.uri, dict(request.header_params)


def call(client, ak, sk, method, path, *, data=None, query=None, **kwargs):
    body = json.dumps(data).encode() if data is not None else b""
    uri, headers = signed_headers(ak, sk, method=method, path=path, query=query, body=body, **kwargs)
    # The SDK sends Content-Type even on GETs without a body; the test client only sets it for a body.
    return client.generic(method, uri, data=body, content_type="application/json", CONTENT_TYPE="application/json",
                          headers={k: v for k, v in headers.items() if k != "Content-Type"})

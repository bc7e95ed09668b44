"""SDK-HMAC-SHA256 verification, reproducing huaweicloudsdkcore/signer/signer.py `Signer` exactly.

CanonicalRequest = METHOD \\n CanonicalURI (segments re-quoted with safe='~', trailing '/') \\n
sorted CanonicalQueryString \\n `name:value` per signed header \\n SignedHeaders \\n hex sha256(body)
StringToSign = "SDK-HMAC-SHA256\\n" + X-Sdk-Date + "\\n" + hex sha256(CanonicalRequest); the signature is
hex HMAC-SHA256 keyed with the raw SK. Reference: spec section C.2/C.3.
"""
import functools
import hashlib
import hmac
import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote, unquote

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .crypto import SecretDecryptionError, decrypt_secret
from .errors import ACCESS_DENIED, NOT_ALLOWED, BssError
from .models import AccessKey

logger = logging.getLogger(__name__)

ALGORITHM = "SDK-HMAC-SHA256"
MAX_SKEW = timedelta(minutes=15)
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"


def _enc(value: str) -> str:
    return quote(value, safe="~")


def canonical_uri(path: str) -> str:
    uri = "/".join(_enc(segment) for segment in unquote(path).split("/"))
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(query_string: str) -> str:
    pairs = sorted(parse_qsl(query_string, keep_blank_values=True))
    return "&".join(f"{_enc(k)}={_enc(v)}" for k, v in pairs)


def string_to_sign(*, method, path, query_string, headers, signed_headers, body: bytes, sdk_date) -> str:
    lowered = {k.lower(): v.strip() for k, v in headers.items()}
    canonical_headers = "".join(f"{name}:{lowered.get(name, '')}\n" for name in signed_headers)
    if lowered.get("x-sdk-content-sha256") == UNSIGNED_PAYLOAD:
        payload_hash = UNSIGNED_PAYLOAD
    else:
        payload_hash = hashlib.sha256(body or b"").hexdigest()
    canonical = "\n".join([method, canonical_uri(path), canonical_query(query_string), canonical_headers,
                           ";".join(signed_headers), payload_hash])
    return f"{ALGORITHM}\n{sdk_date}\n{hashlib.sha256(canonical.encode()).hexdigest()}"


def sign(secret: str, to_sign: str) -> str:
    return hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()


def parse_authorization(value: str) -> tuple[str, list[str], str]:
    scheme, _sep, rest = value.partition(" ")
    if scheme != ALGORITHM or not rest:
        raise ValueError("scheme")
    fields = dict(part.strip().split("=", 1) for part in rest.split(",") if "=" in part)
    signed = [h for h in fields["SignedHeaders"].split(";") if h]
    if not fields["Access"] or not fields["Signature"] or not signed:
        raise ValueError("empty")
    return fields["Access"], signed, fields["Signature"]


def _denied(message, status=401) -> BssError:
    return BssError(status, ACCESS_DENIED, message)


def authenticate(request, *, now=None) -> AccessKey:
    """The AccessKey that signed `request`, or BssError (401 bad/missing signature, 403 key not allowed)."""
    header = request.headers.get("Authorization", "")
    if not header:
        raise _denied(_("缺少 Authorization 请求头，请使用 AK/SK 签名调用。"))
    try:
        ak, signed_headers, signature = parse_authorization(header)
    except (ValueError, KeyError):
        raise _denied(_("Authorization 请求头格式错误。")) from None
    sdk_date = request.headers.get("X-Sdk-Date", "")
    try:
        signed_at = datetime.strptime(sdk_date, DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise _denied(_("X-Sdk-Date 缺失或格式错误（应为 YYYYMMDDTHHMMSSZ）。")) from None
    now = now or timezone.now()
    if abs(now - signed_at) > MAX_SKEW:
        raise _denied(_("请求已过期：X-Sdk-Date 与服务器时间相差超过15分钟。"))
    if "x-sdk-date" not in signed_headers or "host" not in signed_headers:
        raise _denied(_("签名必须包含 host 和 x-sdk-date 请求头。"))
    key = AccessKey.objects.select_related("partner", "customer", "user").filter(access_key=ak).first()
    if key is None:
        raise _denied(_("访问密钥不存在或签名不匹配。"))
    try:
        secret = decrypt_secret(key.secret_encrypted)
    except SecretDecryptionError:
        logger.warning("access key %s: stored secret cannot be decrypted (SECRET_KEY rotated?)", key.pk)
        raise _denied(_("访问密钥不存在或签名不匹配。")) from None
    expected = sign(secret, string_to_sign(
        method=request.method, path=request.path_info, query_string=request.META.get("QUERY_STRING", ""),
        headers=request.headers, signed_headers=signed_headers, body=request.body, sdk_date=sdk_date,
    ))
    if not hmac.compare_digest(expected, signature):
        raise _denied(_("访问密钥不存在或签名不匹配。"))
    if key.status != AccessKey.Status.ACTIVE or (key.user_id and not key.user.is_active):
        raise _denied(_("访问密钥已停用。"), status=403)
    domain_id = request.headers.get("X-Domain-Id")
    if domain_id is not None and domain_id != key.domain_id:
        raise BssError(403, NOT_ALLOWED, _("X-Domain-Id 与访问密钥所属账号不一致。"))
    AccessKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


def bss_api(view):
    """Wrap a BSS operation: verify the signature, map BssError to its JSON body.

    csrf_exempt is deliberate and limited to these views: they are authenticated by the request signature
    (never by the session cookie), so a cross-site form cannot forge a call.
    """

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            request.access_key = authenticate(request)
            return view(request, *args, **kwargs)
        except BssError as error:
            return error.response()

    wrapper.bss_api = True
    return wrapper

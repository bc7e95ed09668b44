"""Request parsing shared by the BSS operations: JSON bodies, bounded ints, UTC times; errors are CBC.0100."""
import json
from datetime import UTC, datetime

from django.utils.translation import gettext as _

from ..errors import parameter_error

UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
DEFAULT_LIMIT = 10
MAX_LIMIT = 500


def json_body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise parameter_error(_("请求体不是合法的JSON。")) from None
    if not isinstance(data, dict):
        raise parameter_error(_("请求体必须是JSON对象。"))
    return data


def integer(data, name, *, default=None, minimum=None, maximum=None, required=False):
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise parameter_error(_("缺少必填参数 %(name)s。") % {"name": name})
        return default
    if isinstance(value, bool):
        raise parameter_error(_("参数 %(name)s 必须是整数。") % {"name": name})
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: JSON Infinity / -Infinity
        raise parameter_error(_("参数 %(name)s 必须是整数。") % {"name": name}) from None
    if isinstance(value, float) and value != number:
        raise parameter_error(_("参数 %(name)s 必须是整数。") % {"name": name})
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise parameter_error(_("参数 %(name)s 超出取值范围。") % {"name": name})
    return number


def text(data, name, *, max_length=200):
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > max_length or "\x00" in value:
        raise parameter_error(_("参数 %(name)s 必须是不超过%(n)d个字符的字符串。") % {"name": name, "n": max_length})
    return value.strip()


def string_list(data, name, *, max_items, required=False):
    value = data.get(name)
    if value is None:
        if required:
            raise parameter_error(_("缺少必填参数 %(name)s。") % {"name": name})
        return []
    if (not isinstance(value, list) or not all(isinstance(v, str) and 0 < len(v) <= 64 and "\x00" not in v
                                               for v in value)
            or len(value) > max_items or (required and not value)):
        raise parameter_error(
            _("参数 %(name)s 必须是1至%(n)d个资源ID组成的列表。") % {"name": name, "n": max_items})
    return value


def int_list(data, name, *, allowed):
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) and v in allowed
                                              for v in value):
        raise parameter_error(_("参数 %(name)s 取值无效。") % {"name": name})
    return value


def utc_time(data, name):
    value = data.get(name)
    if value is None:
        return None
    try:
        return datetime.strptime(value, UTC_FORMAT).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        raise parameter_error(
            _("参数 %(name)s 格式应为 yyyy-MM-ddTHH:mm:ssZ（UTC）。") % {"name": name}) from None


def page(data):
    offset = integer(data, "offset", default=0, minimum=0, maximum=10**9)
    limit = integer(data, "limit", default=DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)
    return offset, limit


def utc_string(moment) -> str | None:
    return moment.astimezone(UTC).strftime(UTC_FORMAT) if moment else None

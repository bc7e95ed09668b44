"""Request parsing shared by the BSS operations: JSON bodies, bounded ints, UTC times; errors are CBC.0100."""
import json
import re
import secrets
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import parameter_error

UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
DEFAULT_LIMIT = 10
MAX_LIMIT = 500


def json_body(request, *, decimals=False) -> dict:
    try:
        data = json.loads(request.body or b"{}", parse_float=Decimal if decimals else float)
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
        moment = datetime.strptime(value, UTC_FORMAT).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        raise parameter_error(
            _("参数 %(name)s 格式应为 yyyy-MM-ddTHH:mm:ssZ（UTC）。") % {"name": name}) from None
    # 9999-12-31T23:59:59Z is well-formed but has no Beijing date (OverflowError in localtime), and the first
    # and last representable days leave no room for the ±1 day of day_range: refuse both ends as out of range.
    try:
        local_day = timezone.localtime(moment).date()
    except OverflowError:
        local_day = date.max
    if local_day in (date.min, date.max):
        raise parameter_error(_("参数 %(name)s 超出取值范围。") % {"name": name})
    return moment


def page(data):
    offset = integer(data, "offset", default=0, minimum=0, maximum=10**9)
    limit = integer(data, "limit", default=DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)
    return offset, limit


def utc_string(moment) -> str | None:
    return moment.astimezone(UTC).strftime(UTC_FORMAT) if moment else None


CENT = Decimal("0.01")
MAX_MONEY = Decimal("999999999999.99")  # the vouchers' MONEY fields: 14 digits, 2 places


def money(data, name, *, required=False):
    """A positive amount in 元 with at most 2 decimals. The SDK sends decimal.Decimal as a JSON number, so
    bodies that carry money are parsed with parse_float=Decimal (json_body(..., decimals=True)); the bound is
    checked before quantize, so 1E+999999 cannot make Decimal work hard."""
    value = data.get(name)
    if value is None:
        if required:
            raise parameter_error(_("缺少必填参数 %(name)s。") % {"name": name})
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal) or (
            isinstance(value, Decimal) and not value.is_finite()):
        raise parameter_error(_("参数 %(name)s 必须是数字。") % {"name": name})
    value = Decimal(value)
    if not (0 < value <= MAX_MONEY) or value != value.quantize(CENT):
        raise parameter_error(_("参数 %(name)s 必须大于0且精确到小数点后2位。") % {"name": name})
    return value.quantize(CENT)


def day_range(begin, end, *, at_end_of_day: bool):
    """(first day, last day) of dates whose start (or end, 23:59:59) of day in Beijing time lies within
    [begin, end] given as UTC datetimes; None where the side is open."""
    first = last = None
    if begin is not None:
        local = timezone.localtime(begin)
        first = local.date() if at_end_of_day or local.time() == time.min else local.date() + timedelta(days=1)
    if end is not None:
        local = timezone.localtime(end)
        last = local.date() if not at_end_of_day or local.time() >= time(23, 59, 59) else local.date() - timedelta(
            days=1)
    return first, last


def day_start_utc(day) -> str:
    return utc_string(timezone.make_aware(datetime.combine(day, time.min)))


def day_end_utc(day) -> str:
    return utc_string(timezone.make_aware(datetime.combine(day, time(23, 59, 59))))


def query_list(query, name, *, max_items=50):
    """A repeated query parameter (the SDK's collection format 'multi': a=1&a=2)."""
    values = query.getlist(name)
    if len(values) > max_items or any(len(v) > 64 or "\x00" in v for v in values):
        raise parameter_error(_("参数 %(name)s 取值无效。") % {"name": name})
    return values


def bss_json(payload: dict, status: int = 200) -> HttpResponse:
    """JSON with Decimal money as JSON *numbers* (the SDK types them decimal.Decimal and parses numbers with
    parse_float=Decimal), never through float: each Decimal is written as a unique token first, then the
    quoted token is replaced by the number's exact text."""
    token = secrets.token_hex(8)
    numbers = []

    def default(value):
        if isinstance(value, Decimal):
            numbers.append(f"{value:.2f}")
            return f"{token}:{len(numbers) - 1}"
        raise TypeError(type(value).__name__)

    text = json.dumps(payload, default=default, ensure_ascii=False)
    text = re.sub(f'"{token}:(\\d+)"', lambda m: numbers[int(m.group(1))], text)
    return HttpResponse(text, status=status, content_type="application/json")

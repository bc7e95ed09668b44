"""Parsing one cell: money, dates, bill cycles, choices, identifiers — from CSV text or Excel cell values.

Every parser takes the raw value (str from CSV; str, int, float, datetime from openpyxl) and returns the
clean value or raises CellError with a message for the operator. Money never passes through float
arithmetic: an Excel number cell is turned into text first and parsed as Decimal.
"""
import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.orders import MONEY

# BSS exports and operators' spreadsheets are in Beijing time whatever the server's TIME_ZONE is.
SOURCE_TIMEZONE = ZoneInfo("Asia/Shanghai")
CENT = Decimal("0.01")
MONEY_LIMIT = Decimal(10) ** (MONEY["max_digits"] - MONEY["decimal_places"])
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_SEPARATORS = re.compile(r"[,;，；、\s]+")


class CellError(ValueError):
    pass


def _excel_number_text(value: float) -> str:
    """Excel keeps 15 significant digits; what lies beyond in the binary float is noise, not cents."""
    if not math.isfinite(value):
        raise CellError(_("请输入有效的金额"))
    return format(value, ".15g")


def parse_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an ID typed into a number cell
    if isinstance(value, dt.datetime | dt.date):
        raise CellError(_("此处应为文本，而不是日期"))
    return str(value).strip()


def parse_money(value) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("请输入有效的金额"))
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = _excel_number_text(value)
    else:
        text = str(value).strip().replace(" ", "").lstrip("¥￥")
        if _GROUPED_NUMBER.fullmatch(text):
            text = text.replace(",", "")
    # The pattern (not Decimal()) decides what is a number: Decimal would accept "NaN", "Infinity", "1e3".
    if not _PLAIN_NUMBER.fullmatch(text):
        raise CellError(_("请输入有效的金额"))
    amount = Decimal(text)
    if amount != amount.quantize(CENT):
        raise CellError(_("金额最多保留两位小数"))
    if abs(amount) >= MONEY_LIMIT:
        raise CellError(_("金额超出范围"))
    return amount.quantize(CENT)


_SLASH_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d")


def parse_datetime(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time.min)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        try:
            moment = from_excel(value)  # an Excel date serial in a cell not formatted as a date
        except (ValueError, OverflowError) as exc:
            raise CellError(_("请输入有效的日期时间，例如 2026-10-01 或 2026-10-01 12:00")) from exc
        if not isinstance(moment, dt.datetime):
            raise CellError(_("请输入有效的日期时间，例如 2026-10-01 或 2026-10-01 12:00"))
    else:
        moment = _parse_datetime_text(str(value).strip())
    if timezone.is_aware(moment):
        return moment.astimezone(SOURCE_TIMEZONE)
    return timezone.make_aware(moment, SOURCE_TIMEZONE)


def _parse_datetime_text(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern in _SLASH_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern)  # naive: made aware by the caller
        except ValueError:
            continue
    raise CellError(_("请输入有效的日期时间，例如 2026-10-01 或 2026-10-01 12:00"))


_CYCLE_PATTERNS = (
    re.compile(r"(?P<year>\d{4})(?P<month>\d{2})"),
    re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})"),
    re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.]0?1"),
    re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月"),
)


def parse_bill_cycle(value) -> dt.date:
    """A month: 202610, 2026-10, 2026/10, 2026年10月, or the month's first day (Excel turns 2026-10 into one)."""
    invalid = CellError(_("账期格式应为 YYYYMM 或 YYYY-MM，例如 202610"))
    if isinstance(value, dt.date):  # datetime included
        if value.day != 1:
            raise invalid
        return dt.date(value.year, value.month, 1)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    for pattern in _CYCLE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            year, month = int(match["year"]), int(match["month"])
            if 2000 <= year <= 2099 and 1 <= month <= 12:
                return dt.date(year, month, 1)
            raise invalid
    raise invalid


def parse_id_list(value) -> list[str]:
    """Resource IDs separated by commas, semicolons (full- or half-width) or spaces; order kept, repeats dropped."""
    return list(dict.fromkeys(part for part in _SEPARATORS.split(parse_text(value)) if part))


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def choice_parser(choices, *, extra: dict | None = None) -> Callable[[object], str]:
    """Accept a choice's Chinese label or its code (case-insensitive); `extra` adds synonyms."""
    accepted = {}
    for code, label in choices:
        accepted[_normalise(str(code))] = code
        accepted[_normalise(str(label))] = code
    for synonym, code in (extra or {}).items():
        accepted[_normalise(synonym)] = code
    labels = "、".join(str(label) for _code, label in choices)

    def parse(value) -> str:
        try:
            return accepted[_normalise(parse_text(value))]
        except KeyError:
            raise CellError(_("请填写以下值之一：%(values)s") % {"values": labels}) from None

    return parse


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    parse: Callable[[object], object]
    required: bool = True
    default: object = None
    max_length: int | None = None
    help: str = ""
    aliases: tuple[str, ...] = field(default=())

    def names(self) -> set[str]:
        return {_normalise(name) for name in (self.label, self.key, *self.aliases)}


@dataclass
class ParsedRow:
    number: int
    values: dict = field(default_factory=dict)
    failed: set = field(default_factory=set)

    def has(self, *keys) -> bool:
        return all(key in self.values for key in keys)


def match_columns(headers: list[str], columns: tuple[Column, ...]) -> tuple[dict[str, int], list[Column]]:
    """Map each column to its position in the header row; returns (positions, missing required columns).

    Unknown headers are ignored, so a full BSS export with extra columns imports as is.
    """
    positions = {}
    for index, header in enumerate(headers):
        for column in columns:
            if column.key not in positions and _normalise(header) in column.names():
                positions[column.key] = index
    missing = [column for column in columns if column.required and column.key not in positions]
    return positions, missing


def parse_row(number: int, values: tuple, columns: tuple[Column, ...], positions: dict[str, int],
              report) -> ParsedRow:
    row = ParsedRow(number)
    for column in columns:
        index = positions.get(column.key)
        raw = values[index] if index is not None and index < len(values) else None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if column.required:
                report.add_error(number, column.label, _("不能为空"))
                row.failed.add(column.key)
            else:
                row.values[column.key] = column.default() if callable(column.default) else column.default
            continue
        try:
            value = column.parse(raw)
        except CellError as exc:
            report.add_error(number, column.label, str(exc))
            row.failed.add(column.key)
            continue
        if column.max_length and len(value) > column.max_length:
            report.add_error(number, column.label,
                             _("长度不能超过%(max)d个字符") % {"max": column.max_length})
            row.failed.add(column.key)
            continue
        row.values[column.key] = value
    return row

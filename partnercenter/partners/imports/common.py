"""What both importers share: who may import, reading + parsing the file, bulk look-ups by business key."""
import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .cells import Column, ParsedRow, match_columns, parse_row
from .reading import ImportFileError, read_table
from .report import ImportReport

logger = logging.getLogger("partnercenter.partners.imports")

# One IN (...) query per this many keys; also the bulk write batch size. Fits SQLite's variable limit too.
CHUNK = 2000
BATCH = 1000


def require_importer(actor) -> None:
    """Imports write every partner's data: vendor staff only (None = a trusted caller such as a command)."""
    if actor is not None and not getattr(actor, "is_vendor_staff", False):
        raise PermissionDenied(_("只有华为云运营人员可以导入数据。"))


def read_rows(file_obj, *, filename: str, columns: tuple[Column, ...], report: ImportReport) -> list[ParsedRow]:
    """Parse every row (collecting every cell error in `report`); [] with a file error when unreadable."""
    try:
        table = read_table(file_obj, filename=filename)
    except ImportFileError as exc:
        report.add_file_error(str(exc))
        return []
    positions, missing = match_columns(table.headers, columns)
    if missing:
        report.add_file_error(
            _("第%(row)d行（列名行）缺少必需的列：%(columns)s") % {
                "row": table.header_row, "columns": "、".join(column.label for column in missing)}
        )
        return []
    report.rows = len(table.rows)
    if not table.rows:
        report.add_file_error(_("文件中没有数据行。"))
        return []
    return [parse_row(number, values, columns, positions, report) for number, values in table.rows]


def check_unique_in_file(rows: list[ParsedRow], key: str, label: str, report: ImportReport) -> None:
    first_seen: dict[str, int] = {}
    for row in rows:
        value = row.values.get(key)
        if value is None:
            continue
        if value in first_seen:
            report.add_error(row.number, label, _("与第%(row)d行重复") % {"row": first_seen[value]})
            row.failed.add(key)
            del row.values[key]
        else:
            first_seen[value] = row.number


def in_chunks(values: Iterable, size: int = CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def fetch_by_key(queryset, key_field: str, keys: Iterable[str]) -> dict:
    """{key: object} for the given business keys, one query per CHUNK keys (never one per row)."""
    found = {}
    for chunk in in_chunks(sorted(set(keys))):
        for obj in queryset.filter(**{f"{key_field}__in": chunk}):
            found[getattr(obj, key_field)] = obj
    return found


def collect(rows: list[ParsedRow], key: str) -> set:
    return {row.values[key] for row in rows if row.values.get(key)}


def clean_instance(instance, row: ParsedRow, labels: dict[str, str], report: ImportReport) -> None:
    """The model's own field validation as a safety net (lengths, choices, digits).

    Not full_clean(): its unique and foreign-key checks cost one query per row, and both are checked in bulk.
    """
    exclude = [f.name for f in instance._meta.fields if f.is_relation]
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as exc:
        for field_name, errors in exc.message_dict.items():
            for message in errors:
                report.add_error(row.number, labels.get(field_name, field_name), message)
        row.failed.add("__model__")


def finish(report: ImportReport, actor) -> None:
    report.errors.sort(key=lambda error: error.row)  # stable: a row's errors keep their column order
    logger.info("%s import of %s by %s: %s", report.kind, report.filename, actor or "system", report.summary)

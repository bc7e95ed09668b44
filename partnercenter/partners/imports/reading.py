"""Turning an uploaded .csv or .xlsx into numbered rows of raw cell values, header first.

Row numbers are the ones the operator sees in Excel (the header is row 1, blank rows still count), so every
error in the report can be found in the file.
"""
import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

CSV, XLSX = ".csv", ".xlsx"
SUPPORTED_SUFFIXES = (CSV, XLSX)
# Staff-only upload; large enough for ~200k consumption lines, small enough to parse in one request.
IMPORT_MAX_BYTES = 40 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, no header); the message is for the operator."""


@dataclass
class Table:
    header_row: int
    headers: list[str]
    rows: list[tuple[int, tuple]]  # (row number, raw cell values) for every non-blank data row


def file_suffix(filename: str) -> str:
    return PurePosixPath(filename or "").suffix.lower()


def read_table(file_obj, *, filename: str) -> Table:
    suffix = file_suffix(filename)
    if suffix == ".xls":
        raise ImportFileError(_("不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 .csv 后再导入。"))
    if suffix not in SUPPORTED_SUFFIXES:
        raise ImportFileError(_("仅支持 .csv 和 .xlsx 文件。"))
    if hasattr(file_obj, "seek"):
        file_obj.seek(0)
    numbered = _xlsx_rows(file_obj) if suffix == XLSX else _csv_rows(file_obj.read())
    return _split_header(numbered)


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _split_header(numbered: Iterator[tuple[int, tuple]]) -> Table:
    header_row, headers, rows = 0, None, []
    for number, values in numbered:
        if all(_is_blank(value) for value in values):
            continue
        if headers is None:
            header_row = number
            headers = ["" if _is_blank(value) else str(value).strip().lstrip("\ufeff") for value in values]
            continue
        rows.append((number, tuple(values)))
    if headers is None:
        raise ImportFileError(_("文件是空的：第一行应为列名，从第二行起每行一条记录。"))
    return Table(header_row=header_row, headers=headers, rows=rows)


def decode_csv(content: bytes) -> str:
    """UTF-8 (with or without BOM) first; Excel on Chinese Windows saves "CSV" as GB18030/GBK, so that next."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16")  # Excel's "Unicode text"
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("无法识别文件编码，请将 CSV 保存为 UTF-8 或 GB18030（GBK）编码。")) from exc


def _csv_rows(content: bytes) -> Iterator[tuple[int, tuple]]:
    text = decode_csv(content)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        # Records, not physical lines: a quoted cell may span lines, Excel still shows it as one row.
        yield from ((number, tuple(record)) for number, record in
                    enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error as exc:
        raise ImportFileError(_("CSV 文件格式有误：%(error)s") % {"error": exc}) from exc


def _xlsx_rows(file_obj) -> Iterator[tuple[int, tuple]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(file_obj, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(_("无法读取 Excel 文件，请确认文件是 .xlsx 格式且未加密。")) from exc
    try:
        sheet = workbook.worksheets[0]
        # Some exporters write a wrong <dimension>; without resetting it read-only mode would cut columns off.
        sheet.reset_dimensions()
        rows = list(enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1))
    finally:
        workbook.close()
    return iter(rows)

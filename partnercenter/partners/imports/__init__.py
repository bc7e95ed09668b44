"""Importing orders and consumption lines from .csv / .xlsx: all rows valid and written, or nothing written.

    report = import_orders(upload, filename=upload.name, actor=request.user)
    if not report.ok:
        ...  # report.file_errors, report.errors: [RowError(row, column, message)], str() → "第5行 实付金额：…"

Used by the admin's "导入" pages; plain functions, so commands and tests call them the same way.
"""
from .cells import Column
from .consumption import CONSUMPTION, CONSUMPTION_COLUMNS, import_consumption
from .orders import ORDER_COLUMNS, ORDERS, import_orders
from .reading import IMPORT_MAX_BYTES, SUPPORTED_SUFFIXES
from .report import ImportReport, RowError

IMPORTERS = {ORDERS: (import_orders, ORDER_COLUMNS), CONSUMPTION: (import_consumption, CONSUMPTION_COLUMNS)}


def template_csv(columns: tuple[Column, ...]) -> str:
    """The header row operators fill in (required columns first, as declared)."""
    return ",".join(column.label for column in columns) + "\r\n"


__all__ = [
    "CONSUMPTION", "CONSUMPTION_COLUMNS", "Column", "IMPORTERS", "IMPORT_MAX_BYTES", "ImportReport",
    "ORDERS", "ORDER_COLUMNS", "RowError", "SUPPORTED_SUFFIXES", "import_consumption", "import_orders",
    "template_csv",
]

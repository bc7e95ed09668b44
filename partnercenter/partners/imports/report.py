"""What an import run answers: per-row errors (row, column, message) or, on success, what was written."""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# A file with tens of thousands of bad rows would make an unreadable page; the count stays exact.
MAX_LISTED_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    row: int  # as the operator sees it in Excel: the header is row 1
    column: str  # the column's Chinese header, "" when the error concerns the whole row
    message: str

    def __str__(self):
        if self.column:
            return _("第%(row)d行 %(column)s：%(message)s") % {"row": self.row, "column": self.column,
                                                             "message": self.message}
        return _("第%(row)d行：%(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportReport:
    """The validation report. Nothing was written unless `ok` is true."""

    kind: str
    filename: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    file_errors: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.file_errors and self.error_count == 0

    @property
    def unlisted_errors(self) -> int:
        return self.error_count - len(self.errors)

    def add_file_error(self, message: str) -> None:
        self.file_errors.append(str(message))

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(RowError(row, str(column), str(message)))

    @property
    def summary(self) -> str:
        if self.file_errors:
            return "；".join(self.file_errors)
        if self.error_count:
            return _("共%(rows)d行，发现%(errors)d处错误，未导入任何数据。") % {"rows": self.rows,
                                                                   "errors": self.error_count}
        return _("共%(rows)d行：新增%(created)d行，更新%(updated)d行，未变化%(unchanged)d行。") % {
            "rows": self.rows, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
        }

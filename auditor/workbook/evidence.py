"""Evidence read from one workbook: typed values, each with its sheet!cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

CellStatus = Literal["ok", "blank", "error"]
REDACTED = "（个人信息，已隐去）"


class Cell(NamedTuple):
    """One value the standard declares. `value` is the parsed value when status is ok."""

    status: CellStatus
    location: str
    value: object = None
    raw: object = None
    expected: str = ""
    pii: bool = False

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def shown(self) -> str:
        """The value as typed, safe for output: personal data is never shown."""
        if self.pii:
            return REDACTED
        from auditor.workbook.values import display

        return display(self.raw)


@dataclass(frozen=True)
class Row:
    number: int  # 1-based row number in the sheet
    cells: dict[str, Cell]


@dataclass
class FormSheet:
    name: str  # the declared sheet name
    actual_name: str  # as found in the workbook
    fields: dict[str, Cell]


@dataclass
class TableSheet:
    name: str
    actual_name: str
    header_row: int  # 1-based; 0 when no header was found
    columns: dict[str, str]  # declared column -> column letter
    rows: list[Row]

    def has_column(self, name: str) -> bool:
        return name in self.columns

    def location(self, column: str | None = None) -> str:
        if column and column in self.columns and self.header_row:
            return f"{self.actual_name}!{self.columns[column]}{self.header_row}"
        return self.actual_name


@dataclass
class Evidence:
    file: str
    forms: dict[str, FormSheet] = field(default_factory=dict)
    tables: dict[str, TableSheet] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def form_cell(self, sheet: str, name: str) -> Cell | None:
        """The cell of a form field; None when the sheet is absent."""
        form = self.forms.get(sheet)
        if form is None:
            return None
        return form.fields.get(name, Cell("blank", f"{form.actual_name}（未找到“{name}”）"))

"""Evidence read from one workbook: typed values, each with its sheet!cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

CellStatus = Literal["ok", "blank", "error"]
REDACTED = "（个人信息，已隐去）"


class Cell(NamedTuple):
    """One value the standard declares. `value` is the parsed value when status is ok; an unreadable one keeps
    the answer it partly gives (True for 是（部分时段）, see values.ParseError), else None."""

    status: CellStatus
    location: str
    value: object = None
    raw: object = None
    expected: str = ""
    pii: bool = False
    # the value as the 疑点 compare it (values.comparison_text), made by the reader when they are looked
    # for (a column's texts are then read off its cells); None where it was not made
    text: str | None = None

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


@dataclass
class FormSheet:
    name: str  # the declared sheet name
    actual_name: str  # as found in the workbook
    fields: dict[str, Cell]


@dataclass
class TableSheet:
    """A table, column by column: row ``i`` is sheet row ``numbers[i]``, and ``cells[column][i]`` its value.

    Cells are shared between rows holding the same value, so their ``location`` is empty; :meth:`cell`
    gives a cell with its sheet!cell location (for findings)."""

    name: str
    actual_name: str
    header_row: int  # 1-based; 0 when no header was found
    columns: dict[str, str]  # declared column -> column letter
    numbers: list[int] = field(default_factory=list)  # 1-based sheet row numbers of the rows with content
    cells: dict[str, list[Cell]] = field(default_factory=dict)  # the parsed columns
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (sheet row, why it is not a record)
    # the comparison texts (Cell.text) of the columns the 疑点 read, made by the reader when they are looked for
    texts: dict[str, list[str]] = field(default_factory=dict)
    # the column letter of each row's cell, for a column whose rows are not all in one sheet column (a table
    # kept a week a row, tables side by side); other columns are in their letter of `columns`
    letters: dict[str, list[str]] = field(default_factory=dict)
    # each row's batch (批次, 场次: a column the standard does not declare) where the table has one, else empty
    batches: list[str] = field(default_factory=list)
    # each row's sheet, and each skipped row's, for a table kept on several sheets (a sheet and its 续表);
    # empty when every row is in `actual_name`
    sheets: list[str] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.numbers)

    def has_column(self, name: str) -> bool:
        return name in self.columns

    def location(self, column: str | None = None) -> str:
        if column and column in self.columns and self.header_row:
            return f"{self.actual_name}!{self.columns[column]}{self.header_row}"
        return self.actual_name

    def skipped_rows(self) -> list[tuple[str, int, str]]:
        """(sheet, sheet row, why) of each row with content that is not a record."""
        if self.skipped_sheets:
            return [(s, n, why) for s, (n, why) in zip(self.skipped_sheets, self.skipped, strict=True)]
        return [(self.actual_name, n, why) for n, why in self.skipped]

    def first_letter(self) -> str:
        """The letter of the table's leftmost declared column."""
        return min(self.columns.values(), key=lambda letter: (len(letter), letter), default="A")

    def column(self, name: str) -> list[Cell] | None:
        """The column's cells (location-less), or None when it is not in the sheet."""
        return self.cells.get(name)

    def cell(self, i: int, column: str) -> Cell:
        """Row i's cell in `column`, with its location; blank when the column is not in the sheet."""
        letters = self.letters.get(column)
        letter = letters[i] if letters else self.columns.get(column)
        sheet = self.sheets[i] if self.sheets else self.actual_name
        location = f"{sheet}!{letter}{self.numbers[i]}" if letter else sheet
        cells = self.cells.get(column)
        if cells is None:
            return Cell("blank", location, text="")
        return cells[i]._replace(location=location)


@dataclass
class Evidence:
    file: str
    forms: dict[str, FormSheet] = field(default_factory=dict)
    tables: dict[str, TableSheet] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def skipped_rows(self) -> bool:
        """Some table has rows the reader did not count as records."""
        return any(table.skipped for table in self.tables.values())

    def form_cell(self, sheet: str, name: str) -> Cell | None:
        """The cell of a form field; None when the sheet is absent."""
        form = self.forms.get(sheet)
        if form is None:
            return None
        return form.fields.get(name, Cell("blank", f"{form.actual_name}（未找到“{name}”）", text=""))

"""A table as a check sees it: only the columns its ``reads()`` declares.

The reader parses only the columns some clause declares, so a column a check forgot to declare would
read as blank and the clause would silently score 0. Through a :class:`TableView` that cannot happen:
reading an undeclared column raises :class:`UndeclaredColumn`, which the engine turns into the
clause's ``error`` (and a test of the check fails).
"""

from __future__ import annotations

from collections.abc import Iterable

from auditor.workbook.evidence import Cell, TableSheet


class UndeclaredColumn(LookupError):
    """A check read a column it does not list in ``reads()`` (a bug in the check, never bad input)."""


class TableView:
    """One table's declared columns. Every declared column is in the table (checked on opening)."""

    __slots__ = ("_allowed", "actual_name", "columns", "numbers", "sheet")

    def __init__(self, sheet: TableSheet, columns: Iterable[str]) -> None:
        self.sheet = sheet
        self.actual_name = sheet.actual_name
        self.columns = sheet.columns
        self.numbers = sheet.numbers
        self._allowed = frozenset(columns)

    def __len__(self) -> int:
        return len(self.numbers)

    def location(self, column: str | None = None) -> str:
        return self.sheet.location(column)

    def _check(self, name: str) -> None:
        if name not in self._allowed:
            raise UndeclaredColumn(f"{self.sheet.name}.{name} 未在 reads() 中声明")

    def column(self, name: str) -> list[Cell]:
        """The column's cells (location-less), one per row."""
        self._check(name)
        cells = self.sheet.column(name)
        if cells is None:  # declared and present, so parsed: only a reader bug gets here
            raise UndeclaredColumn(f"{self.sheet.name}.{name} 未被读取")
        return cells

    def cell(self, i: int, column: str) -> Cell:
        """Row i's cell in `column`, with its sheet!cell location (for findings)."""
        self._check(column)
        return self.sheet.cell(i, column)

    def letter(self, column: str) -> str:
        self._check(column)
        return self.columns.get(column, "")

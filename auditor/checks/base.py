"""The shared shape of check types: :class:`BaseCheck` (the contract's defaults) and :class:`TableCheck`.

A check type is a frozen dataclass in a module of its own (its docstring shows its YAML) that brings
``TYPE``, ``SCHEMA`` (made with :func:`auditor.checks.build.params_schema`), ``PROVIDES``,
``VALUE_KIND``, ``build()`` (parameters -> the check, reporting bad references), ``run()``
(evidence -> :class:`~auditor.result.Outcome`; a check never opens a file), ``reads()`` and
``describe()`` (see :class:`auditor.standard.model.Check`).

A check over a table opens it with :meth:`TableCheck.open_table`, which derives the columns it needs
from ``reads()``: every table check reports an absent sheet or column the same way, and reading a column
not declared raises instead of reading as blank.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar

from auditor.checks.build import BuildContext, YamlPath
from auditor.checks.findings import missing_column, missing_sheet
from auditor.checks.table import TableView
from auditor.result import Outcome
from auditor.standard.model import Check, Provides, RunContext, ValueKind
from auditor.workbook.evidence import Evidence


class BaseCheck(ABC):
    TYPE: ClassVar[str]
    SCHEMA: ClassVar[dict[str, Any]]
    PROVIDES: ClassVar[frozenset[Provides]]
    VALUE_KIND: ClassVar[ValueKind] = None
    # whether a row repeated in its table could change the outcome (a count, a share, a mean); a check that
    # only asks whether some row exists (a period, an item, a value covered) does not count rows
    COUNTS_ROWS: ClassVar[bool] = True

    @classmethod
    @abstractmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: YamlPath) -> Check | None:
        """Parameters (schema-valid, defaults filled in) -> the check; bad references go to ctx.problems."""

    @abstractmethod
    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        """Evidence -> outcome. Never raises for bad input: unreadable values become findings."""

    @abstractmethod
    def reads(self) -> list[tuple[str, str]]:
        """(sheet, field or column) pairs this check reads."""

    @abstractmethod
    def describe(self) -> str:
        """One line in Chinese saying what is checked."""

    def template_rows(self, sheet: str) -> list[Mapping[str, object]]:
        return []

    def wanted_values(self, sheet: str, column: str) -> tuple[str, ...]:
        return ()


class TableCheck(BaseCheck):
    """A check over one table sheet, named by the dataclass field ``sheet``."""

    sheet: str

    def columns(self) -> list[str]:
        """The columns of ``sheet`` this check reads, in the order of ``reads()``."""
        return list(self._declared()[0])

    def _declared(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """The columns (in order, and as a set), worked out from ``reads()`` once per check (a check is
        frozen: its reads never change); kept in the instance's own dictionary, beside its fields."""
        known: tuple[tuple[str, ...], frozenset[str]] | None = self.__dict__.get("_columns")
        if known is None:
            columns = tuple(column for sheet, column in self.reads() if sheet == self.sheet)
            known = (columns, frozenset(columns))
            self.__dict__["_columns"] = known
        return known

    def open_table(self, evidence: Evidence) -> TableView | Outcome:
        """The table with the declared columns, or the `missing` outcome: the sheet absent, or the
        first declared column absent from the sheet."""
        table = evidence.tables.get(self.sheet)
        if table is None:
            return missing_sheet(self.sheet)
        columns, allowed = self._declared()
        for column in columns:
            if not table.has_column(column):
                return missing_column(table, column)
        return TableView(table, allowed)

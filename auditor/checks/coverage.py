"""`coverage`: every value of a required set appears in a column (at least one row each).

```yaml
check:
  type: coverage
  sheet: 值守表
  column: 班次
  values: [早班, 中班, 夜班]
  where: []          # optional row filter
```
One item per required value (credit `per_item` or `deduct`). The sheet absent or the
column blank in every row is `missing`. A cell listing several values (甲、乙, 甲，乙, 甲/乙 or one a line)
counts for each, when it does not name one value as a whole; in an enumeration column, when every part is
one of the column's values. Where some value is not covered, a note names the rows whose value names none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.checks.base import TableCheck
from auditor.checks.build import BuildContext, YamlPath, params_schema
from auditor.checks.conditions import CONDITIONS_SCHEMA, has_any, left_out, left_out_finding, select_rows
from auditor.checks.findings import ambiguous_key, no_records, unmatched_rows, unreadable
from auditor.checks.keys import ALIASES_SCHEMA, ItemMatcher, Named, aliases_of, choice_list, matcher_for
from auditor.checks.table import TableView
from auditor.result import Finding, Outcome
from auditor.standard.model import Condition, RunContext
from auditor.workbook.evidence import Cell, Evidence


@dataclass(frozen=True)
class CoverageCheck(TableCheck):
    TYPE = "coverage"
    SCHEMA = params_schema(
        {
            "sheet": {"type": "string", "description": "表格工作表"},
            "column": {"type": "string", "description": "要覆盖各个值的列"},
            "values": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 1,
                "uniqueItems": True,
                "description": "每个值至少出现在一行中（每个值一项）",
            },
            "where": CONDITIONS_SCHEMA,
            "aliases": ALIASES_SCHEMA,
        },
        ["sheet", "column", "values"],
    )
    PROVIDES = frozenset({"items", "passed"})
    COUNTS_ROWS = False  # some row per period / item / value: a repeated row changes nothing

    sheet: str
    column: str
    values: tuple[str, ...]
    where: tuple[Condition, ...]
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    choices: tuple[str, ...] = ()  # the column's declared values, when it is an enumeration

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: YamlPath) -> CoverageCheck | None:
        sheet = ctx.sheet(params["sheet"], "table", (*path, "sheet"))
        column = ctx.column(sheet, params["column"], (*path, "column"))
        where = ctx.conditions(sheet, params.get("where", []), (*path, "where"))
        if column is not None and column.type == "enum":
            for i, value in enumerate(params["values"]):
                ctx.coerce(column, value, (*path, "values", i))
        if sheet is None or column is None or where is None:
            return None
        choices = column.values if column.type == "enum" else ()
        values = tuple(params["values"])
        return cls(sheet.name, column.name, values, where, aliases_of(params, ctx, path), choices)

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        table = self.open_table(evidence)
        if isinstance(table, Outcome):
            return table
        if not has_any(table, [self.column]):
            return no_records(table, f"“{self.column}”")
        out = Outcome(items=[])
        seen: set[str] = set()
        unmatched: list[int] = []
        cells = table.column(self.column)
        matcher = matcher_for(self.values, self.aliases)
        chosen = select_rows(table, self.where, out)
        for i in chosen:
            cell = cells[i]
            read = self._read(cell, matcher)
            if read is None:
                out.add(unreadable(self.column, table.cell(i, self.column)))
                continue
            named, unsure = read
            seen.update(named)
            for part, candidates in unsure:
                out.add(ambiguous_key(table.cell(i, self.column), candidates, part))
            if not named and not unsure and cell.status != "blank":
                unmatched.append(i)
        items = out.items = []
        for value in self.values:
            covered = value in seen
            items.append((value, covered))
            if not covered:
                out.add(self._absent(table, value, matcher, chosen))
        out.passed = all(ok for _, ok in items)
        if unmatched and not out.passed:
            out.add(unmatched_rows(table, self.column, unmatched, "要求的值"))
        return out

    def _read(self, cell: Cell, matcher: ItemMatcher) -> Named | None:
        """The values a cell names, and (part, values) for each part that could name several (part "": the
        whole cell); None when it cannot be read. A list typed in one cell (甲、乙) names each of its parts,
        when the cell does not name one value as a whole; in an enumeration column, when each part is a
        declared value."""
        if cell.status == "error":
            listed = choice_list(self.choices, cell.raw)
            if listed is None:
                return None
            return tuple(v for v in (matcher.match(choice)[0] for choice in listed) if v is not None), ()
        if not cell.ok:
            return (), ()
        text = str(cell.value)
        value, ambiguous = matcher.match(text)
        if value is not None:
            return (value,), ()
        each = matcher.match_each(text)
        if each is not None:
            return each
        return (), ((("", ambiguous),) if ambiguous else ())

    def _absent(self, table: TableView, value: str, matcher: ItemMatcher, chosen: list[int]) -> Finding:
        """The finding of a value not covered: its rows left out because a `where` value of them cannot be
        read (the row is there), else no row."""
        unread = left_out(
            table,
            self.where,
            chosen,
            self.column,
            lambda cell: value in (self._read(cell, matcher) or ((),))[0],
        )
        if unread is not None:
            return left_out_finding(table, unread, lambda n: f"第{n}行的{self.column}为“{value}”")
        return Finding(f"{self.column}未覆盖“{value}”", table.location(self.column), code="item-absent")

    def reads(self) -> list[tuple[str, str]]:
        return [(self.sheet, c) for c in dict.fromkeys([self.column, *(c.column for c in self.where)])]

    def describe(self) -> str:
        return f"{self.sheet}：{self.column}覆盖 {'、'.join(self.values)}"

    def wanted_values(self, sheet: str, column: str) -> tuple[str, ...]:
        return self.values if (sheet, column) == (self.sheet, self.column) else ()

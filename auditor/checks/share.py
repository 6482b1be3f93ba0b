"""`share`: the share of rows (optionally filtered) that meet a condition.

```yaml
check:
  type: share
  sheet: 台账
  where: []                                   # optional row filter
  condition: {column: 回访日期, op: filled}
  min: 1.0                                    # for all_or_nothing: share needed to pass
```
Provides `value` (the share, 0..1, for `proportional` or `tiers`) and `passed`
(share >= min). A blank answer counts as not meeting the condition; an unreadable one
too, with an `error` finding. No rows at all is `missing`. The finding lists the rows
that do not meet it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from auditor.checks.base import (
    CONDITION_SCHEMA,
    CONDITIONS_SCHEMA,
    BuildContext,
    Check,
    Finding,
    Outcome,
    Path,
    RunContext,
    compare_schema,
    exact,
    missing_column,
    missing_sheet,
    no_records,
    row_list,
    select_rows,
    test,
    unreadable,
)
from auditor.standard.model import Condition
from auditor.workbook.evidence import Evidence


@dataclass(frozen=True)
class ShareCheck(Check):
    TYPE = "share"
    SCHEMA = compare_schema(
        {
            "sheet": {"type": "string"},
            "where": CONDITIONS_SCHEMA,
            "condition": CONDITION_SCHEMA,
            "min": {"type": "number", "minimum": 0, "maximum": 1, "default": 1},
        },
        ["sheet", "condition"],
    )
    PROVIDES = frozenset({"passed", "value"})
    VALUE_KIND = "share"

    sheet: str
    where: tuple[Condition, ...]
    condition: Condition
    min: Decimal

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: Path) -> ShareCheck | None:
        sheet = ctx.sheet(params["sheet"], "table", (*path, "sheet"))
        where = ctx.conditions(sheet, params.get("where", []), (*path, "where"))
        condition = ctx.condition(sheet, params["condition"], (*path, "condition"))
        if sheet is None or condition is None or len(where) != len(params.get("where", [])):
            return None
        return cls(sheet.name, where, condition, Decimal(str(params.get("min", 1))))

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        table = evidence.tables.get(self.sheet)
        if table is None:
            return missing_sheet(self.sheet)
        if not table.has_column(self.condition.column):
            return missing_column(table, self.condition.column)
        out = Outcome()
        rows = select_rows(table, self.where, out)
        if not rows:
            missing = no_records(table)
            missing.findings = [*out.findings, *missing.findings]
            return missing
        failing: list[int] = []
        blank: list[int] = []
        column = self.condition.column
        cells = table.column(column)
        for i in rows:
            cell = cells[i] if cells is not None else table.cell(i, column)
            result = test(self.condition, cell)
            if result == "error":
                out.add(unreadable(column, table.cell(i, column)))
            if result == "blank" or (result == "no" and cell.status == "blank"):
                blank.append(table.numbers[i])
            elif result != "yes":
                failing.append(table.numbers[i])
        met = len(rows) - len(failing) - len(blank)
        out.value = Fraction(met, len(rows))
        out.passed = out.value >= exact(self.min)
        letter = table.columns.get(column, "")
        if blank:
            out.add(Finding(f"{row_list(blank)}{column}未填写（{len(blank)}/{len(rows)}条）",
                            f"{table.actual_name}!{letter}{blank[0]}"))
        wrong = [n for n in failing if f"{table.actual_name}!{letter}{n}" not in
                 {f.location for f in out.findings if f.kind == "error"}]
        if wrong:
            out.add(Finding(f"{row_list(wrong)}未满足“{self.condition.describe()}”（{len(wrong)}/{len(rows)}条）",
                            f"{table.actual_name}!{letter}{wrong[0]}"))
        return out

    def reads(self) -> list[tuple[str, str]]:
        cols = [*(c.column for c in self.where), self.condition.column]
        return [(self.sheet, c) for c in dict.fromkeys(cols)]

    def describe(self) -> str:
        return f"{self.sheet}：满足“{self.condition.describe()}”的记录占比"

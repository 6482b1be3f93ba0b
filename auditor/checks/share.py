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
from typing import Any, ClassVar

from auditor.checks.base import TableCheck
from auditor.checks.build import BuildContext, YamlPath, params_schema
from auditor.checks.conditions import CONDITION_SCHEMA, CONDITIONS_SCHEMA, select_rows, test
from auditor.checks.findings import no_records, row_list, unreadable
from auditor.result import Finding, Outcome
from auditor.standard.model import Condition, RunContext, ValueKind, exact
from auditor.workbook.evidence import Evidence


@dataclass(frozen=True)
class ShareCheck(TableCheck):
    TYPE = "share"
    SCHEMA = params_schema(
        {
            "sheet": {"type": "string", "description": "表格工作表"},
            "where": CONDITIONS_SCHEMA,
            "condition": {**CONDITION_SCHEMA, "description": "计入占比的行须满足的条件"},
            "min": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "default": 1,
                "description": "达标所需的占比（0～1，all_or_nothing 计分时用）",
            },
        },
        ["sheet", "condition"],
    )
    PROVIDES = frozenset({"passed", "value"})
    VALUE_KIND: ClassVar[ValueKind] = "share"

    sheet: str
    where: tuple[Condition, ...]
    condition: Condition
    min: Decimal

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: YamlPath) -> ShareCheck | None:
        sheet = ctx.sheet(params["sheet"], "table", (*path, "sheet"))
        where = ctx.conditions(sheet, params.get("where", []), (*path, "where"))
        condition = ctx.condition(sheet, params["condition"], (*path, "condition"))
        if sheet is None or condition is None or where is None:
            return None
        return cls(sheet.name, where, condition, Decimal(str(params["min"])))

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        table = self.open_table(evidence)
        if isinstance(table, Outcome):
            return table
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
            cell = cells[i]
            result = test(self.condition, cell)
            if result == "error":
                out.add(unreadable(column, table.cell(i, column)))
            if result == "blank" or (result == "no" and cell.status == "blank"):
                blank.append(i)
            elif result != "yes":
                failing.append(i)
        met = len(rows) - len(failing) - len(blank)
        out.value = Fraction(met, len(rows))
        out.passed = out.value >= exact(self.min)
        numbers = table.numbers
        if blank:
            out.add(
                Finding(
                    f"{row_list([numbers[i] for i in blank])}{column}未填写（{len(blank)}/{len(rows)}条）",
                    table.cell(blank[0], column).location,
                    code="blank",
                )
            )
        errors = {f.location for f in out.findings if f.kind == "error"}
        wrong = [i for i in failing if table.cell(i, column).location not in errors]
        if wrong:
            out.add(
                Finding(
                    f"{row_list([numbers[i] for i in wrong])}未满足“{self.condition.describe()}”"
                    f"（{len(wrong)}/{len(rows)}条）",
                    table.cell(wrong[0], column).location,
                    code="not-met",
                )
            )
        return out

    def reads(self) -> list[tuple[str, str]]:
        cols = [*(c.column for c in self.where), self.condition.column]
        return [(self.sheet, c) for c in dict.fromkeys(cols)]

    def describe(self) -> str:
        return f"{self.sheet}：满足“{self.condition.describe()}”的记录占比"

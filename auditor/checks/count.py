"""`row_count`: the number of rows meeting a filter, against a threshold.

```yaml
check:
  type: row_count
  sheet: 活动表
  where: [{column: 类型, value: 消防演练}]
  date_column: 日期     # optional: only rows dated in the audit year count
  op: ">="
  value: 4
  when_empty: fail      # missing (default) or fail: a sheet present with no rows at all
```
Provides `passed` (count op value) and `value` (the count, for `per_unit` bonus credit).
The sheet absent is `missing`; a sheet with no filled rows is `missing` unless
`when_empty: fail`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from auditor.checks.base import (
    COMPARE_OPS,
    CONDITIONS_SCHEMA,
    BuildContext,
    Check,
    Finding,
    Outcome,
    Path,
    RunContext,
    _compare,
    compare_schema,
    has_any,
    missing_column,
    missing_sheet,
    no_records,
    op_text,
    rows_in_year,
    select_rows,
    year_unknown,
)
from auditor.standard.model import Condition
from auditor.workbook.evidence import Evidence


def describe_where(where: tuple[Condition, ...]) -> str:
    return "，".join(c.describe() for c in where)


@dataclass(frozen=True)
class RowCountCheck(Check):
    TYPE = "row_count"
    SCHEMA = compare_schema(
        {
            "sheet": {"type": "string"},
            "where": CONDITIONS_SCHEMA,
            "date_column": {"type": "string"},
            "op": {"enum": COMPARE_OPS, "default": ">="},
            "value": {"type": "integer", "minimum": 0},
            "when_empty": {"enum": ["missing", "fail"], "default": "missing"},
        },
        ["sheet", "value"],
    )
    PROVIDES = frozenset({"passed", "value"})
    VALUE_KIND = "count"

    sheet: str
    where: tuple[Condition, ...]
    date_column: str | None
    op: str
    value: int
    when_empty: str

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: Path) -> RowCountCheck | None:
        sheet = ctx.sheet(params["sheet"], "table", (*path, "sheet"))
        where = ctx.conditions(sheet, params.get("where", []), (*path, "where"))
        date_column = params.get("date_column")
        if date_column is not None and ctx.column(sheet, date_column, (*path, "date_column"), ("date",)) is None:
            return None
        if sheet is None or len(where) != len(params.get("where", [])):
            return None
        return cls(sheet.name, where, date_column, params.get("op", ">="), int(params["value"]),
                   params.get("when_empty", "missing"))

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        table = evidence.tables.get(self.sheet)
        if table is None:
            return missing_sheet(self.sheet)
        needed = [*(c.column for c in self.where), *([self.date_column] if self.date_column else [])]
        for column in needed:
            if not table.has_column(column):
                return missing_column(table, column)
        if self.when_empty == "missing" and not (has_any(table, needed) if needed else len(table)):
            return no_records(table)
        if self.date_column and ctx.year is None:
            return year_unknown()
        out = Outcome()
        rows = select_rows(table, self.where, out)
        if self.date_column and ctx.year is not None:
            count = len(rows_in_year(rows, table, self.date_column, ctx.year, out))
        else:
            count = len(rows)
        out.value = Fraction(count)
        out.passed = _compare(self.op, Decimal(count), Decimal(self.value))
        scope = f"{ctx.year}年" if self.date_column else ""
        what = describe_where(self.where)
        if not out.passed:
            out.add(Finding(
                f"{scope}{what}的记录{count}条，要求{op_text(self.op, self.value)}条", table.location()))
        return out

    def reads(self) -> list[tuple[str, str]]:
        cols = [*(c.column for c in self.where), *([self.date_column] if self.date_column else [])]
        return [(self.sheet, c) for c in dict.fromkeys(cols)]

    def describe(self) -> str:
        scope = "（当年）" if self.date_column else ""
        return f"{self.sheet}：{describe_where(self.where) or '记录'}{scope}的行数{op_text(self.op, self.value)}"

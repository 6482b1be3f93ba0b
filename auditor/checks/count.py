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
from typing import Any, ClassVar

from auditor.checks.base import TableCheck
from auditor.checks.build import BuildContext, YamlPath, params_schema
from auditor.checks.conditions import (
    COMPARE_OPS,
    CONDITIONS_SCHEMA,
    compare,
    describe_where,
    has_any,
    op_text,
    rows_in_year,
    select_rows,
)
from auditor.checks.findings import no_records, year_unknown
from auditor.result import Finding, Outcome
from auditor.standard.model import Condition, RunContext, ValueKind
from auditor.workbook.evidence import Evidence

WHEN_EMPTY = {
    "enum": ["missing", "fail"],
    "default": "missing",
    "description": "工作表有但没有任何记录时：missing（缺少材料，默认）或 fail（按0条计）",
}


@dataclass(frozen=True)
class RowCountCheck(TableCheck):
    TYPE = "row_count"
    SCHEMA = params_schema(
        {
            "sheet": {"type": "string", "description": "表格工作表"},
            "where": CONDITIONS_SCHEMA,
            "date_column": {"type": "string", "description": "日期列：只计审核年度内的行（可选）"},
            "op": {"enum": COMPARE_OPS, "default": ">=", "description": "行数与 value 的比较"},
            "value": {"type": "integer", "minimum": 0, "description": "要求的行数"},
            "when_empty": WHEN_EMPTY,
        },
        ["sheet", "value"],
    )
    PROVIDES = frozenset({"passed", "value"})
    VALUE_KIND: ClassVar[ValueKind] = "count"

    sheet: str
    where: tuple[Condition, ...]
    date_column: str | None
    op: str
    value: int
    when_empty: str

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: YamlPath) -> RowCountCheck | None:
        sheet = ctx.sheet(params["sheet"], "table", (*path, "sheet"))
        where = ctx.conditions(sheet, params.get("where", []), (*path, "where"))
        date_column = params.get("date_column")
        if (
            date_column is not None
            and ctx.column(sheet, date_column, (*path, "date_column"), ("date",)) is None
        ):
            return None
        if sheet is None or where is None:
            return None
        return cls(sheet.name, where, date_column, params["op"], int(params["value"]), params["when_empty"])

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        table = self.open_table(evidence)
        if isinstance(table, Outcome):
            return table
        needed = self.columns()
        empty = not (has_any(table, needed) if needed else len(table))
        if self.when_empty == "missing" and empty:
            return no_records(table)
        if self.date_column and ctx.year is None and not empty:  # an empty sheet counts 0 in any year
            return year_unknown()
        out = Outcome()
        rows = select_rows(table, self.where, out)
        if self.date_column and ctx.year is not None:
            count = len(rows_in_year(rows, table, self.date_column, ctx.year, out, need_day=False))
        else:
            count = len(rows)
        out.value = Fraction(count)
        out.passed = compare(self.op, Decimal(count), Decimal(self.value))
        scope = f"{ctx.year}年" if self.date_column and ctx.year is not None else ""
        what = describe_where(self.where)
        if not out.passed:
            out.add(
                Finding(
                    f"{scope}{what}的记录{count}条，要求{op_text(self.op, self.value)}条",
                    table.location(),
                    code="below-threshold",
                )
            )
        return out

    def reads(self) -> list[tuple[str, str]]:
        cols = [*(c.column for c in self.where), *([self.date_column] if self.date_column else [])]
        return [(self.sheet, c) for c in dict.fromkeys(cols)]

    def describe(self) -> str:
        scope = "（当年）" if self.date_column else ""
        return (
            f"{self.sheet}：{describe_where(self.where) or '记录'}{scope}的行数{op_text(self.op, self.value)}"
        )

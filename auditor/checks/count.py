"""`row_count`: the number of rows meeting a filter, against a threshold.

```yaml
check:
  type: row_count
  sheet: 活动表
  where: [{column: 类型, value: 消防演练}]
  date_column: 日期     # optional: only rows dated in the audit year count
  prorate: true         # optional, with date_column: audited as of a day (--as-of), `value` is pro-rated
  op: ">="
  value: 4
  when_empty: fail      # missing (default) or fail: a sheet present with no rows at all
```
Provides `passed` (count op value) and `value` (the count, for `per_unit` bonus credit).
The sheet absent is `missing`; a sheet with no filled rows is `missing` unless
`when_empty: fail`. Audited as of a day (`--as-of`), dated rows after it are not counted, and with
`prorate: true` the yearly `value` becomes its share of the months ended, rounded up (auditor.checks.asof).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

from auditor.checks.asof import PRORATE_SCHEMA, as_of_prefix, months_ended, prorated, up_to
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
            "prorate": PRORATE_SCHEMA,
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
    prorate: bool = False

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
        if params["prorate"] and date_column is None:
            ctx.problem((*path, "prorate"), "prorate 需要 date_column（按日期折算全年要求）")
            return None
        if sheet is None or where is None:
            return None
        return cls(
            sheet.name,
            where,
            date_column,
            params["op"],
            int(params["value"]),
            params["when_empty"],
            bool(params["prorate"]),
        )

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
        as_of = ctx.as_of if self.date_column else None
        if self.date_column and ctx.year is not None:
            dated = rows_in_year(rows, table, self.date_column, ctx.year, out, need_day=False)
            counted, later = up_to(dated, as_of, table, self.date_column)
            count = len(counted)
        else:
            count, later = len(rows), None
        wanted, basis = self.value, ""
        if as_of is not None and self.prorate:
            wanted = prorated(self.value, as_of)
            basis = f"（全年{self.value}条，按已结束的{months_ended(as_of)}个月折算）"
        out.value = Fraction(count)
        out.passed = compare(self.op, Decimal(count), Decimal(wanted))
        scope = f"{ctx.year}年" if self.date_column and ctx.year is not None else ""
        if as_of is not None:
            scope = as_of_prefix(as_of)
        what = describe_where(self.where)
        if not out.passed:
            out.add(
                Finding(
                    f"{scope}{what}的记录{count}条，要求{op_text(self.op, wanted)}条{basis}",
                    table.location(),
                    code="below-threshold",
                )
            )
        elif basis:
            out.add(
                Finding(
                    f"{scope}要求{op_text(self.op, wanted)}条{basis}，已有{count}条", table.location(), "note"
                )
            )
        if later is not None:
            out.add(later)
        return out

    def reads(self) -> list[tuple[str, str]]:
        cols = [*(c.column for c in self.where), *([self.date_column] if self.date_column else [])]
        return [(self.sheet, c) for c in dict.fromkeys(cols)]

    def describe(self) -> str:
        scope = "（当年）" if self.date_column else ""
        if self.prorate:
            scope = "（当年，年中检查按已结束的月份折算）"
        return (
            f"{self.sheet}：{describe_where(self.where) or '记录'}{scope}的行数{op_text(self.op, self.value)}"
        )

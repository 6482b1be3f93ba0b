"""`period_coverage`: at least one matching row in each month / quarter / weekday of the audit year.

```yaml
check:
  type: period_coverage
  sheet: 活动表
  date_column: 日期
  period: month            # month, quarter or weekday (Monday to Friday)
  where: [{column: 类型, value: 例会}]
  require: [签到人]         # optional: columns that must be filled for a row to count
  when_empty: fail         # missing (default) or fail: a sheet present with no rows at all
```
One item per period (credit `deduct` per period without, or `tiers` / `proportional`
on the covered share, `value`). Rows dated in other years are ignored. A date typed as a span of days
(2018.1.2-1.5) covers each of its days for `weekday` (the days covered), and its first day for a month or
a quarter (one record), a note naming the cell. Audited as of a day (`--as-of`),
only the periods that ended by then count, and rows dated later are not counted (a note says so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from operator import itemgetter
from typing import Any, ClassVar

from auditor.calendar import working_days
from auditor.checks.asof import as_of_prefix, period_end, span_text, up_to
from auditor.checks.base import TableCheck
from auditor.checks.build import BuildContext, YamlPath, params_schema
from auditor.checks.conditions import CONDITIONS_SCHEMA, describe_where, has_any, rows_in_year, select_rows
from auditor.checks.count import WHEN_EMPTY
from auditor.checks.findings import no_records, year_unknown
from auditor.result import Finding, Outcome
from auditor.standard.model import Calendar, Condition, RunContext, ValueKind
from auditor.workbook.evidence import Evidence

PERIOD_NAMES = {"month": "月", "quarter": "季度", "weekday": "工作日"}
MAX_LISTED = 10


@lru_cache(maxsize=64)
def periods_of(
    year: int, period: str, calendar: Calendar | None = None
) -> tuple[tuple[int | dt.date, str], ...]:
    """(key, label) of every period of the year, in order; keys as :func:`period_key` gives them. Working
    days are the calendar's (Monday to Friday without one)."""
    if period == "month":
        return tuple((m, f"{year}年{m}月") for m in range(1, 13))
    if period == "quarter":
        return tuple((q, f"{year}年第{q}季度") for q in range(1, 5))
    days, _ = working_days(calendar, year)
    return tuple((day, day.isoformat()) for day in days)


def period_key(day: dt.date, period: str) -> int | dt.date:
    if period == "month":
        return day.month
    if period == "quarter":
        return (day.month - 1) // 3 + 1
    return day


@dataclass(frozen=True)
class PeriodCoverageCheck(TableCheck):
    TYPE = "period_coverage"
    SCHEMA = params_schema(
        {
            "sheet": {"type": "string", "description": "表格工作表"},
            "date_column": {"type": "string", "description": "日期列"},
            "period": {
                "enum": ["month", "quarter", "weekday"],
                "description": "期间：month（每月）、quarter（每季度）、weekday（每个工作日）",
            },
            "where": CONDITIONS_SCHEMA,
            "require": {
                "type": "array",
                "items": {"type": "string"},
                "description": "一行要计入，这些列须已填写",
            },
            "when_empty": WHEN_EMPTY,
        },
        ["sheet", "date_column", "period"],
    )
    PROVIDES = frozenset({"items", "value", "passed"})
    COUNTS_ROWS = False  # some row per period / item / value: a repeated row changes nothing
    VALUE_KIND: ClassVar[ValueKind] = "share"

    sheet: str
    date_column: str
    period: str
    where: tuple[Condition, ...]
    when_empty: str

    @classmethod
    def build(
        cls, params: Mapping[str, Any], ctx: BuildContext, path: YamlPath
    ) -> PeriodCoverageCheck | None:
        sheet = ctx.sheet(params["sheet"], "table", (*path, "sheet"))
        date = ctx.column(sheet, params["date_column"], (*path, "date_column"), ("date",))
        where = ctx.conditions(sheet, params.get("where", []), (*path, "where"))
        required = [
            Condition(column, "filled")
            for i, column in enumerate(params.get("require", []))
            if ctx.column(sheet, column, (*path, "require", i)) is not None
        ]
        if sheet is None or date is None or where is None or len(required) != len(params.get("require", [])):
            return None
        return cls(sheet.name, date.name, params["period"], (*where, *required), params["when_empty"])

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        table = self.open_table(evidence)
        if isinstance(table, Outcome):
            return table
        if self.when_empty == "missing" and not has_any(table, self.columns()):
            return no_records(table)
        if ctx.year is None:
            return year_unknown()
        out = Outcome(items=[])
        rows = select_rows(table, self.where, out)
        daily = self.period == "weekday"  # the days covered: a span of days covers each of them
        dated = rows_in_year(rows, table, self.date_column, ctx.year, out, daily, each_day=daily)
        counted, later = up_to(dated, ctx.as_of, table, self.date_column)
        days = map(itemgetter(1), counted)
        covered = set(days) if self.period == "weekday" else {period_key(day, self.period) for day in days}
        periods = periods_of(ctx.year, self.period, ctx.calendar)
        if ctx.as_of is not None:  # only the periods that ended by then
            as_of = ctx.as_of
            periods = tuple(p for p in periods if period_end(ctx.year, self.period, p[0]) <= as_of)
        if self.period == "weekday":
            warning = working_days(ctx.calendar, ctx.year)[1]
            if warning and warning not in ctx.warnings:
                ctx.warnings.append(warning)
        out.items = [(label, key in covered) for key, label in periods]
        absent = [label for label, ok in out.items if not ok]
        out.value = Fraction(len(periods) - len(absent), len(periods)) if periods else Fraction(1)
        out.passed = not absent
        what = describe_where(tuple(c for c in self.where if c.op != "filled"))
        required = "、".join(c.column for c in self.where if c.op == "filled")
        what = f"无{what}记录" if what else "无记录"
        if required:
            what += f"（需填写{required}）"
        prefix = as_of_prefix(ctx.as_of)
        if ctx.as_of is not None and not absent:
            out.add(Finding(self._ended_note(prefix, periods), table.location(self.date_column), "note"))
        if self.period == "weekday":
            if absent:
                listed = "、".join(absent[:MAX_LISTED]) + ("等" if len(absent) > MAX_LISTED else "")
                out.add(
                    Finding(
                        f"{prefix}{len(absent)}/{len(periods)}个工作日{what}，覆盖率{float(out.value):.1%}：{listed}",
                        table.location(self.date_column),
                        code="period-absent",
                    )
                )
        else:
            ended = f"已结束的{len(periods)}个{PERIOD_NAMES[self.period]}中" if prefix else ""
            for label in absent:
                out.add(
                    Finding(
                        f"{prefix}{ended}{label}{what}",
                        table.location(self.date_column),
                        code="period-absent",
                    )
                )
        if later is not None:
            out.add(later)
        return out

    def _ended_note(self, prefix: str, periods: Sequence[tuple[int | dt.date, str]]) -> str:
        """截至6月30日，已结束的6个月（1–6月）均有记录 (or: 尚无已结束的月份)."""
        unit = PERIOD_NAMES[self.period]
        if not periods:
            return f"{prefix}尚无已结束的{'月份' if self.period == 'month' else unit}，不计缺漏"
        if self.period == "weekday":
            return f"{prefix}{len(periods)}个工作日均有记录"
        keys = [key for key, _ in periods if isinstance(key, int)]
        return f"{prefix}已结束的{len(periods)}个{unit}（{span_text(self.period, keys)}）均有记录"

    def reads(self) -> list[tuple[str, str]]:
        return [(self.sheet, c) for c in dict.fromkeys([self.date_column, *(c.column for c in self.where)])]

    def describe(self) -> str:
        what = describe_where(tuple(c for c in self.where if c.op != "filled")) or "记录"
        return f"{self.sheet}：当年每个{PERIOD_NAMES[self.period]}至少一条{what}"

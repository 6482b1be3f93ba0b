"""Conditions (`column op value`) over cells and table rows: tri-state tests, row selection, dated rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import Any, Literal

from auditor.checks.findings import unreadable
from auditor.checks.table import TableView
from auditor.result import Finding, Outcome
from auditor.standard.model import OPS, Condition, show_value
from auditor.workbook.evidence import Cell
from auditor.workbook.spans import DaySpan
from auditor.workbook.values import Month, MonthDay

TestResult = Literal["yes", "no", "blank", "error"]
COMPARE_OPS = ["==", "!=", ">", ">=", "<", "<="]
PARTIAL_DATES = (Month, MonthDay)  # a date typed without its year, or without its day

CONDITION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["column"],
    "additionalProperties": False,
    "properties": {
        "column": {"type": "string", "description": "列名（或表单字段名）"},
        "op": {
            "enum": list(OPS),
            "default": "==",
            "description": "比较方式：==、!=、>、>=、<、<=、in、not_in、filled（已填写）、blank（未填写）",
        },
        "value": {"description": "比较的值；in/not_in 时为列表"},
    },
}
CONDITIONS_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": CONDITION_SCHEMA,
    "description": "行筛选条件：只有满足全部条件的行才计入",
}


def compare(op: str, left: object, right: object) -> bool:
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op == "in":
        return isinstance(right, tuple) and left in right
    if op == "not_in":
        return isinstance(right, tuple) and left not in right
    a: Any = left
    b: Any = right
    if op == ">":
        return bool(a > b)
    if op == ">=":
        return bool(a >= b)
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    raise ValueError(op)


def test(condition: Condition, cell: Cell) -> TestResult:
    """Tri-state test of a cell: yes / no / blank (nothing typed) / error (unreadable)."""
    if cell.status == "error":
        if (
            cell.value is not None
            and condition.op in COMPARE_OPS
            and not compare(condition.op, cell.value, condition.value)
        ):
            return (
                "no"  # a yes only in part (是（部分）) where any yes fails (否 asked): it fails as a yes does
            )
        return "error"
    if condition.op == "filled":
        return "no" if cell.status == "blank" else "yes"
    if condition.op == "blank":
        return "yes" if cell.status == "blank" else "no"
    if cell.status != "ok":
        return cell.status
    if type(cell.value) in PARTIAL_DATES and (
        isinstance(condition.value, dt.date)
        or (isinstance(condition.value, tuple) and any(isinstance(v, dt.date) for v in condition.value))
    ):
        return "error"  # a month or a day without its year cannot be compared with a date
    return "yes" if compare(condition.op, cell.value, condition.value) else "no"


def op_text(op: str, value: object) -> str:
    names = {
        "==": "为",
        "!=": "不为",
        ">": "大于",
        ">=": "不少于",
        "<": "小于",
        "<=": "不超过",
        "in": "为",
        "not_in": "不为",
    }
    return f"{names.get(op, op)}{show_value(value)}"


def describe_where(where: Sequence[Condition]) -> str:
    return "，".join(c.describe() for c in where)


def select_rows(table: TableView, where: Sequence[Condition], out: Outcome) -> list[int]:
    """Indices of the rows meeting every condition (tested in order, row by row); an unreadable value in a
    condition column is an error finding. Cells are shared between equal values, so each distinct cell
    is tested once per condition. Every condition's column must be in the table (see TableCheck)."""
    n = len(table)
    verdicts: list[list[TestResult]] = []
    for condition in where:
        cells = table.column(condition.column)
        keys = list(map(id, cells))
        tested = {key: test(condition, cell) for key, cell in dict(zip(keys, cells, strict=True)).items()}
        verdicts.append(list(map(tested.__getitem__, keys)))
    if not verdicts:
        return list(range(n))
    if not any("error" in column for column in verdicts):
        chosen = list(range(n))
        for column in verdicts:
            chosen = [i for i in chosen if column[i] == "yes"]
        return chosen
    chosen = []
    for i in range(n):  # row by row, conditions in order: the findings come in reading order
        for condition, column in zip(where, verdicts, strict=True):
            if column[i] == "error":
                out.add(unreadable(condition.column, table.cell(i, condition.column)))
            if column[i] != "yes":
                break
        else:
            chosen.append(i)
    return chosen


def unread_filter(
    table: TableView, where: Sequence[Condition], rows: Iterable[int]
) -> tuple[int, str, Cell] | None:
    """(row, column, cell located) of the unreadable value that kept the first of `rows` out of
    :func:`select_rows` (a condition tested before any the row fails); None when none was kept out so."""
    for i in rows:
        for condition in where:
            cell = table.cell(i, condition.column)
            result = test(condition, cell)
            if result == "error":
                return i, condition.column, cell
            if result != "yes":
                break
    return None


def left_out(
    table: TableView,
    where: Sequence[Condition],
    chosen: Sequence[int],
    column: str,
    belongs: Callable[[Cell], bool],
) -> tuple[int, str, Cell] | None:
    """(row, column, cell) of the unreadable `where` value that left out of `chosen` the first row whose
    `column` cell `belongs` (an item's or a value's row that is there but not counted); None when no such
    row was left out so."""
    if not where or len(chosen) >= len(table):
        return None
    cells, taken = table.column(column), set(chosen)
    return unread_filter(
        table, where, (i for i, cell in enumerate(cells) if i not in taken and belongs(cell))
    )


def left_out_finding(table: TableView, unread: tuple[int, str, Cell], said: Callable[[int], str]) -> Finding:
    """`said`(row number)，但其列“值”无法识别，未计入 — at the cell that could not be read."""
    i, column, cell = unread
    return Finding(
        f"{said(table.numbers[i])}，但其{column}“{cell.shown}”无法识别，未计入",
        cell.location,
        code="unreadable",
    )


_value = attrgetter("value")
_DAY = {dt.date}


def rows_in_year(
    rows: Iterable[int],
    table: TableView,
    date_column: str,
    year: int,
    out: Outcome,
    need_day: bool = True,
    each_day: bool = False,
) -> list[tuple[int, dt.date]]:
    """The rows (indices) dated in `year`, with their dates; an unreadable date is an error finding.

    A day typed without its year (3月15日) is that day of `year`. A month without a day (2018年3月) counts
    as the first of that month where only the month matters (`need_day` False: month and quarter coverage,
    counts in the year), and is an error finding where a day is needed. A span of days (2018.7.6-7.8) is
    each of its days in `year` where each day counts (`each_day`: the days covered), else its first day (one
    record), a note naming the cell."""
    cells = table.column(date_column)
    rows = rows if isinstance(rows, list) else list(rows)
    values: list[Any] = list(map(_value, map(cells.__getitem__, rows)))
    if {*map(type, values)} <= _DAY:  # every row dated with a day (nearly always): no finding to make
        return [(i, value) for i, value in zip(rows, values, strict=True) if value.year == year]
    dated: list[tuple[int, dt.date]] = []
    spans: list[tuple[int, dt.date]] = []  # (row, its first day)
    for i in rows:
        cell = cells[i]
        value = cell.value  # None unless the status is ok
        if isinstance(value, MonthDay):
            day = value.in_year(year)
            typed = (
                dt.date(year, value.month, value.day) if day is not None else None
            )  # not moved to its week
            wrong = value.contradicted(typed) if typed is not None else None
            if wrong is not None:  # 7月6日 星期六 where 7月6日 of the year is a Friday
                out.add(
                    Finding(
                        f"{date_column}无法识别：“{cell.shown}”，应为{wrong}",
                        table.cell(i, date_column).location,
                        "error",
                        "unreadable",
                    )
                )
                continue
            value = day
            if value is None:
                out.add(
                    Finding(
                        f"{date_column}“{cell.shown}”在{year}年不存在",
                        table.cell(i, date_column).location,
                        "error",
                        "unreadable",
                    )
                )
                continue
        if isinstance(value, DaySpan):
            if each_day:
                dated += [(i, day) for day in value.days() if day.year == year]
                spans.append((i, value.first))
            elif value.year == year:
                dated.append((i, value.first))
                spans.append((i, value.first))
        elif isinstance(value, dt.date):
            if value.year == year:
                dated.append((i, value))
        elif value is None:  # blank, or unreadable
            if cell.status == "error":
                out.add(unreadable(date_column, table.cell(i, date_column)))
        elif isinstance(value, Month) and value.year == year:
            if need_day:
                out.add(
                    Finding(
                        f"{date_column}只填了月份（“{cell.shown}”），此处需要具体日期",
                        table.cell(i, date_column).location,
                        "error",
                        "unreadable",
                    )
                )
            else:
                dated.append((i, dt.date(year, value.month, 1)))
    if spans:
        out.findings.extend(_spans_noted(table, date_column, spans, each_day))
    return dated


MAX_SPANS_NAMED = 10  # spans of days read as their first day named one by one, the rest in one note


def _spans_noted(
    table: TableView, date_column: str, spans: list[tuple[int, dt.date]], each_day: bool
) -> list[Finding]:
    """Counted day by day: one note, how many and the first as typed. Read as their first day: a note naming
    each cell (the first ten, then one for the rest)."""
    first = table.cell(spans[0][0], date_column)
    if each_day:
        what = f"{len(spans)}处{date_column}是一段时间（如“{first.shown}”）" if len(spans) > 1 else ""
        what = what or f"{date_column}“{first.shown}”是一段时间"
        return [Finding(f"{what}，段内每一天都计入", first.location, "note", "date-span")]
    notes = []
    for i, day in spans[:MAX_SPANS_NAMED]:
        cell = table.cell(i, date_column)
        notes.append(
            Finding(
                f"{date_column}“{cell.shown}”是一段时间，按首日{day.isoformat()}计",
                cell.location,
                "note",
                "date-span",
            )
        )
    if len(spans) > MAX_SPANS_NAMED:
        rest = table.cell(spans[MAX_SPANS_NAMED][0], date_column).location
        more = len(spans) - MAX_SPANS_NAMED
        notes.append(Finding(f"另有{more}处{date_column}是一段时间，均按首日计", rest, "note", "date-span"))
    return notes


def has_any(table: TableView, columns: Iterable[str]) -> bool:
    """True when some row has a value in one of `columns` (the evidence is there at all)."""
    return any(cell.status != "blank" for name in columns for cell in table.column(name))

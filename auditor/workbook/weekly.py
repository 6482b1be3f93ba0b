"""A table kept a week a row: a group header over weekday sub-headers, the week given in a date column.

    日期    | 值守人（merged over the five columns below）
            | 周一 | 周二 | 周三 | 周四 | 周五
    1月1日  | 甲   | 乙   | 丙   | 丁   | 戊

Each filled weekday cell is one record: the row's other values, the weekday cell's value for the group
header's column, and the row's date moved to that weekday of its week (the date typed may be any day of the
week, or a span of it: 1月2日-1月6日). The weekday words (周一 … 周日, 星期一, 礼拜天) are the engine's generic
vocabulary; nothing here is a word of a standard.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.standard.model import SheetSpec
from auditor.workbook.evidence import Cell, TableSheet
from auditor.workbook.spans import week_day
from auditor.workbook.values import WEEKDAYS, MonthDay, comparison_text, is_blank, normalize_label

_DAY_NAME = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_HINTS = ("周", "星期", "礼拜")


def weekday_of(raw: object) -> int | None:
    """0 (Monday) … 6 (Sunday) for a header naming a weekday (周一, 星期三, 礼拜天), else None."""
    if type(raw) is not str or len(raw) > 12:
        return None
    match = _DAY_NAME.fullmatch(normalize_label(raw))
    return WEEKDAYS.index(match.group(1).replace("天", "日")) if match else None


@dataclass(frozen=True)
class Week:
    """A week a row: `field`'s values are in the weekday columns `days` ((sheet column, weekday), left to
    right), the week is given by the date column `date` (None: there is none, the layout cannot be read)."""

    field: str
    date: str | None
    days: tuple[tuple[int, int], ...]
    header: int  # the 0-based row of the weekday sub-headers

    @property
    def first(self) -> int:
        """The weekday the table's weeks begin on (its first weekday column's)."""
        return self.days[0][1]


def week_layout(
    spec: SheetSpec, rows: Sequence[Sequence[object]], header: int, columns: dict[str, int]
) -> Week | None:
    """The week a row layout: the row below the header names two or more different weekdays in the columns
    from a declared column's on, under that column's header (merged over them, or typed once). None for a
    table without it (nearly every table: the row below its header names no weekday)."""
    if header + 1 >= len(rows):
        return None
    below = rows[header + 1]
    if not any(type(v) is str and any(h in v for h in _HINTS) for v in below):
        return None
    names = rows[header]
    taken = set(columns.values())
    for f in spec.fields:
        start = columns.get(f.name)
        if start is None or f.type == "date" or start >= len(below):
            continue
        days: list[tuple[int, int]] = []
        for c in range(start, len(below)):
            weekday = weekday_of(below[c])
            name = names[c] if c < len(names) else None
            if weekday is None or (
                c != start and (c in taken or not (is_blank(name) or name == names[start]))
            ):
                break
            days.append((c, weekday))
        if len(days) >= 2 and len({weekday for _, weekday in days}) == len(days):
            inside = {c for c, _ in days}
            date = next(
                (
                    d.name
                    for d in spec.fields
                    if d.type == "date" and columns.get(d.name, start) not in inside
                ),
                None,
            )
            return Week(f.name, date, tuple(days), header + 1)
    return None


def said(week: Week, sheet: str, rows: Sequence[Sequence[object]], columns: dict[str, int]) -> str:
    """The warning naming the layout and how it is read."""
    head = rows[week.header - 1][columns[week.field]]
    below = rows[week.header]
    span = f"{below[week.days[0][0]]}至{below[week.days[-1][0]]}"
    where = f"{sheet}: 第{week.header}–{week.header + 1}行是分组表头（“{head}”下分{span}）"
    if week.date is None:
        return f"{where}，没有日期列，无法按周读取，只读了{below[week.days[0][0]]}一列"
    return f"{where}，每行是一周：每个星期各计一条记录，日期按所在的周推算"


def spread_week(
    table: TableSheet,
    week: Week,
    kept: Sequence[int],
    present: list[list[bool]],
    day_cells: list[list[Cell]] | None,
    letters: list[str],
) -> None:
    """The table read a row a week -> a record per filled weekday cell (in place): `present[j][i]` whether
    weekday column j holds something in kept row i, `day_cells[j]` its cells (None: the column is not read),
    `letters[j]` its letter."""
    records = [(i, j) for i in range(len(kept)) for j in range(len(week.days)) if present[j][i]]
    numbers, batches = table.numbers, table.batches
    table.numbers = [numbers[i] for i, _ in records]
    table.batches = [batches[i] for i, _ in records] if batches else []
    for name, cells in table.cells.items():
        if name == week.field and day_cells is not None:
            table.cells[name] = [day_cells[j][i] for i, j in records]
        elif name == week.date:
            moved = [[_moved(cell, weekday, week.first) for _, weekday in week.days] for cell in cells]
            table.cells[name] = [moved[i][j] for i, j in records]
        else:
            table.cells[name] = [cells[i] for i, _ in records]
    for name, texts in table.texts.items():
        if name in (week.field, week.date) and name in table.cells:
            table.texts[name] = [cell.text or "" for cell in table.cells[name]]
        else:
            table.texts[name] = [texts[i] for i, _ in records]
    table.letters[week.field] = [letters[j] for _, j in records]


def _moved(cell: Cell, weekday: int, first: int) -> Cell:
    """A date cell's value moved to `weekday` of its week (a day without its year: once the year is known)."""
    value = cell.value
    if isinstance(value, dt.date):
        day: object = week_day(value, first, weekday)
    elif isinstance(value, MonthDay):
        day = dataclasses.replace(value, week=(first, weekday))
    else:  # not a day (blank, unreadable, a month): as it is
        return cell
    text = comparison_text("ok", day, cell.raw) if cell.text is not None else None
    return cell._replace(value=day, text=text)

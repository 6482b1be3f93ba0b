"""A table kept as a grid of the year: a row a day of the month, a column a month, each cell the value of one
declared column on that day (a duty roster: who was on duty on 3月5日 stands under 3月 in the row of 5).

            | 1月 | 2月 | 3月 | …
    1       | 甲  | 乙  | 丙  |
    2       | 丁  |     | 甲  |

Looked for only where a table's header lacks a column a clause reads (nearly never). Each filled cell is
one record: its day (a day without its year, read in the audit year, as 3月5日 typed is) and its value for
the one declared column, besides the date, that some clause reads. The month and day words (1月, 一月, 5日,
5号) are the engine's generic vocabulary."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from auditor.standard.model import SheetSpec
from auditor.workbook.cells import parse_column
from auditor.workbook.evidence import Cell, TableSheet
from auditor.workbook.values import is_blank, normalize_label

SCAN_ROWS = 30  # rows looked at for the row of months
_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
_MONTH = re.compile(r"(\d{1,2}|十[一二]?|[一二三四五六七八九])月份?")
_DAY = re.compile(r"(\d{1,2})[日号]?")
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February of a leap year: 2月29日 stays a day


def month_of(raw: object) -> int | None:
    """1 … 12 for a header naming a month (1月, 01月, 一月, 十二月份), else None."""
    if type(raw) is not str or len(raw) > 6:
        return None
    match = _MONTH.fullmatch(normalize_label(raw))
    if match is None:
        return None
    word = match.group(1)
    month = int(word) if word.isdigit() else _NUMERALS.index(word) + 1
    return month if 1 <= month <= 12 else None


def day_of(raw: object) -> int | None:
    """1 … 31 for a cell naming a day of the month (5, 5.0, 5日, 5号), else None."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if 1 <= raw <= 31 else None
    if type(raw) is not str or len(raw) > 4:
        return None
    match = _DAY.fullmatch(normalize_label(raw))
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


@dataclass(frozen=True)
class Grid:
    """The months in `months` ((sheet column, month), left to right) in row `header`, the days in column
    `days` below it; each cell gives `field`, its day `date`."""

    header: int
    days: int
    months: tuple[tuple[int, int], ...]
    field: str
    date: str


def grid_layout(spec: SheetSpec, rows: Sequence[Sequence[object]], needed: frozenset[str]) -> Grid | None:
    """The grid of the year: a row naming three or more different months, with day numbers below it in the
    column left of the first month (at least 28 of them); None for any other table. The cells give the
    one column, besides a date column, that `needed` (the columns the clauses read) names."""
    date = next((f.name for f in spec.fields if f.type == "date"), None)
    wanted = [f.name for f in spec.fields if f.name in needed and f.type != "date"]
    if date is None or len(wanted) != 1:
        return None
    for r, row in enumerate(rows[:SCAN_ROWS]):
        months = [(c, m) for c, raw in enumerate(row) if (m := month_of(raw)) is not None]
        if len({m for _, m in months}) < 3 or len({m for _, m in months}) != len(months):
            continue
        first = months[0][0]
        if first == 0:
            continue
        days = [day_of(below[first - 1]) for below in rows[r + 1 :] if first - 1 < len(below)]
        if len({d for d in days if d is not None}) >= 28:
            return Grid(r, first - 1, tuple(months), wanted[0], date)
    return None


def read_grid(
    spec: SheetSpec,
    grid: Grid,
    rows: Sequence[Sequence[object]],
    sheet: str,
    parse: Callable[[str], Callable[[object], object]],
    letter: Callable[[int], str],
) -> TableSheet:
    """The grid's records: each filled cell of a month column in a row of a day (a day the month has), in
    the order of the year (month by month, day by day). `parse(name)`: the parser of a declared column."""
    found: list[tuple[int, int, int, int]] = []  # (month, day, row, column)
    for r in range(grid.header + 1, len(rows)):
        row = rows[r]
        day = day_of(row[grid.days]) if grid.days < len(row) else None
        if day is None:
            continue
        for c, month in grid.months:
            if c < len(row) and not is_blank(row[c]) and day <= _DAYS_IN[month - 1]:
                found.append((month, day, r, c))
    found.sort()
    table = TableSheet(spec.name, sheet, grid.header + 1, {grid.date: letter(grid.days), grid.field: ""})
    table.columns[grid.field] = letter(grid.months[0][0])
    table.numbers = [r + 1 for _, _, r, _ in found]
    letters = [letter(c) for _, _, _, c in found]
    table.letters = {grid.field: letters, grid.date: letters}
    dates: list[Cell] = parse_column(parse(grid.date), [f"{m}月{d}日" for m, d, _, _ in found], False)
    table.cells[grid.date] = dates
    pii = next((f.pii for f in spec.fields if f.name == grid.field), False)
    table.cells[grid.field] = parse_column(parse(grid.field), [rows[r][c] for _, _, r, c in found], pii)
    return table


def said(grid: Grid, sheet: str, table: TableSheet, letter: Callable[[int], str]) -> str:
    """The warning naming the layout and how it is read."""
    months = f"{letter(grid.months[0][0])}–{letter(grid.months[-1][0])}列"
    return (
        f"{sheet}: 第{grid.header + 1}行是月份（{months}），{letter(grid.days)}列是日：按月×日的表格读取，"
        f"每个填有{grid.field}的格计一条记录（共{len(table)}条）"
    )

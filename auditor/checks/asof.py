"""Auditing as of a day of the year (``--as-of``, ../shared/spec/cycle.md "During the year").

A workbook is audited as it stands on that day: a month or a quarter counts once its last day is on or
before it, a working day once it is that day or earlier; rows dated after it are not counted (they are
typos or plans typed in ahead, a note names them); a yearly count marked ``prorate: true`` asks for its
share of the months that ended, rounded up (4 a year, as of 30 June: ceil(4 x 6 / 12) = 2).
With no day given (``ctx.as_of`` None) nothing here changes anything.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from fractions import Fraction

from auditor.checks.findings import row_list
from auditor.checks.table import TableView
from auditor.result import Finding

PRORATE_SCHEMA = {
    "type": "boolean",
    "default": False,
    "description": "年中检查（--as-of）时，全年要求的行数按已结束的月份折算（向上取整）；需有 date_column",
}


def day_text(day: dt.date) -> str:
    """6月30日."""
    return f"{day.month}月{day.day}日"


def as_of_prefix(as_of: dt.date | None) -> str:
    """ "截至6月30日，" before a finding of a period clause, "" at the end of the year."""
    return f"截至{day_text(as_of)}，" if as_of is not None else ""


def period_end(year: int, period: str, key: int | dt.date) -> dt.date:
    """The last day of a period of the year (a working day is its own end)."""
    if isinstance(key, dt.date):
        return key
    month = key if period == "month" else key * 3
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months_ended(as_of: dt.date) -> int:
    """How many months of the year ended on or before `as_of` (15 June: 5; 30 June: 6)."""
    last = calendar.monthrange(as_of.year, as_of.month)[1]
    return as_of.month if as_of.day == last else as_of.month - 1


def prorated(value: int, as_of: dt.date) -> int:
    """A yearly count's share of the months ended, rounded up: ceil(value x months / 12)."""
    return math.ceil(Fraction(value * months_ended(as_of), 12))


def up_to(
    dated: Sequence[tuple[int, dt.date]], as_of: dt.date | None, table: TableView, column: str
) -> tuple[Sequence[tuple[int, dt.date]], Finding | None]:
    """The dated rows on or before `as_of` (all of them without one), and a note naming the later ones
    (for the caller to add after its own findings), or None."""
    if as_of is None:
        return dated, None
    kept = [(i, day) for i, day in dated if day <= as_of]
    if len(kept) == len(dated):
        return kept, None
    later = sorted({table.numbers[i] for i, day in dated if day > as_of})
    note = Finding(
        f"{row_list(later)}的{column}晚于{day_text(as_of)}，未计入",
        table.location(column),
        "note",
        "after-as-of",
    )
    return kept, note


def span_text(period: str, labels: Sequence[int]) -> str:
    """1–6月, 第1–2季度 (or one: 3月, 第1季度) of the periods that ended."""
    first, last = labels[0], labels[-1]
    span = str(first) if first == last else f"{first}–{last}"
    return f"第{span}季度" if period == "quarter" else f"{span}月"

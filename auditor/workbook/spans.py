"""Days typed as a span (2018.3.5-3.7, 2018年1月2日-1月5日) and the days of a week a row stands for."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

ONE_DAY = dt.timedelta(days=1)
# what may follow a day and is no part of it: the end of a range (2018.3.5-3.7, 3月5日至7日: a span of days),
# a time of day (上午, 14:30-16:00)
_TO = r"(?:-|~|—|–|至|到)"
_CLOCK = r"\d{1,2}:\d{2}"
_PART = r"(?:上午|下午|中午|晚上|早上|傍晚|早|晚)"  # a part of the day before its time: 上午8:30, 晚17:30
# a time of day: 8:30, 8.30, 8点, 8点半, 8点30(分); the end of a range may be an hour alone: 17, 17点 (8:30-17)
_TIME = rf"(?:{_PART}\s*)?(?:\d{{1,2}}[:.]\d{{2}}|\d{{1,2}}\s*[点时](?:\s*半|\s*\d{{1,2}}\s*分?)?)"
_HOUR = rf"(?:{_PART}\s*)?\d{{1,2}}(?::\d{{2}})?\s*(?:点|时)?"
_SPAN = rf"{_TIME}\s*{_TO}\s*(?:{_TIME}|{_HOUR})"
_DAYTIME = re.compile(  # 全天, 上午, 8:30, 上午8:30-下午5:30, 8:30-12:00 14:00-17:30, -17:00
    rf"\s*(?:(?:{_PART}|全天|全日)|(?:{_SPAN}|{_TIME}|{_TO}\s*{_CLOCK})(?:\s*[,，;；、]?\s*{_SPAN})*)?\s*"
)
_HOUR_END = re.compile(rf"\s*{_TO}\s*{_HOUR}\s*")
_RANGE_END = re.compile(
    rf"\s*{_TO}\s*(?:(\d{{1,2}})\s*[日号]?|(\d{{1,2}})\s*[./月-]\s*(\d{{1,2}})\s*[日号]?"
    rf"|(\d{{4}})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*[日号]?)\s*"
)
NO_END = (0, 0, 0)  # a time of day after the day: no range
MAX_WRAP = (
    31  # a range ending on an earlier month and day (12.30-1.2) runs into the next year: this long at most
)


def after_day(text: str, at: int, day: int, clock: bool = False) -> tuple[int, int, int] | None:
    """What follows a day at `at`: the end of a range starting on it as (year, month, day), 0 where it is not
    typed; a time of day as (0, 0, 0); None for anything else (no part of a date: in 2018-03-05-01 the 01 is no
    later day). `clock`: the day was followed by a time of day (2018.5.9 8:30), so -17 ends the time, not the
    days."""
    if _DAYTIME.fullmatch(text, at) or (clock and _HOUR_END.fullmatch(text, at)):
        return NO_END
    end = _RANGE_END.fullmatch(text, at)
    if end is None:
        return None
    day_only, month, month_day, year, year_month, year_day = end.groups()
    if day_only is not None:
        return (0, 0, int(day_only)) if day < int(day_only) <= 31 else None
    if month is not None:
        return 0, int(month), int(month_day)
    return int(year), int(year_month), int(year_day)


class EndsEarly(ValueError):
    """A range that ends before it starts (2018.3.5-2.7)."""


def span(first: dt.date, end: tuple[int, int, int]) -> dt.date:
    """The first day, or the span from it to `end` (year, month, day as :func:`after_day` gives them);
    ValueError for an end that is no day, EndsEarly for one before the first day."""
    year, month, day = end
    if not day:
        return first
    last = dt.date(year or first.year, month or first.month, day)
    if last < first and not year:
        later = last.replace(year=last.year + 1)  # 12.30-1.2: into the next year
        last = later if (later - first).days <= MAX_WRAP else last
    if last < first:
        raise EndsEarly(last)
    return DaySpan(first, last) if last > first else first


class DaySpan(dt.date):
    """A span of days typed as a range: the date of its first day (every reading of it as one date reads its
    first day), with its last day in `last`."""

    __slots__ = ("last",)
    last: dt.date

    def __new__(cls, first: dt.date, last: dt.date) -> DaySpan:
        span = super().__new__(cls, first.year, first.month, first.day)
        span.last = last
        return span

    def __reduce__(self) -> tuple[type[DaySpan], tuple[dt.date, dt.date]]:
        return DaySpan, (self.first, self.last)

    def __repr__(self) -> str:
        return f"DaySpan({self.first!r}, {self.last!r})"

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, self.day)

    def days(self) -> Iterator[dt.date]:
        """Every day of the span, in order."""
        day = self.first
        while day <= self.last:
            yield day
            day += ONE_DAY


def week_day(anchor: dt.date, first: int, weekday: int) -> dt.date:
    """The day of `weekday` (0 Monday … 6 Sunday) in the week holding `anchor`, a week beginning on the weekday
    `first`; a span's week is its middle day's (1月2日-1月6日 is the week of 1月1日, whatever day it starts)."""
    day = anchor.first if isinstance(anchor, DaySpan) else dt.date(anchor.year, anchor.month, anchor.day)
    if isinstance(anchor, DaySpan):
        day += (anchor.last - day) / 2
    start = day - dt.timedelta(days=(day.weekday() - first) % 7)
    return start + dt.timedelta(days=(weekday - first) % 7)

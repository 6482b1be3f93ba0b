"""Days typed as a span (2018.3.5-3.7, 2018年1月2日-1月5日) and the days of a week a row stands for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

ONE_DAY = dt.timedelta(days=1)


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

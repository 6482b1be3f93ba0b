"""Working days (工作日) of a year under a standard's calendar.

With no calendar declared, Monday to Friday. With ``calendar: {official: true}``, the official Chinese
calendar from the chinese-calendar library (each year's State Council holiday notice: weekends off except the
make-up workdays, statutory holidays off; 250 working days in 2018 = 261 weekdays - 17 holidays + 6 make-up
days). A year the standard lists itself (holidays and
workdays) wins over the library; a year known to neither falls back to Monday to Friday with a warning.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from auditor.standard.model import Calendar


def _weekdays(year: int) -> list[dt.date]:
    day, days = dt.date(year, 1, 1), []
    while day.year == year:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


NEXT_NEW_YEAR = "New Year's Day"


def _official(year: int) -> list[dt.date] | None:
    """The working days the year's own State Council notice sets: weekdays except its holidays, plus its
    make-up weekend days. Late-December days that the next year's notice moves for New Year (2018-12-29 on,
    2018-12-31 off, set by the 2019 notice) keep their ordinary Monday-to-Friday status."""
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    days: list[dt.date] = []
    day = dt.date(year, 1, 1)
    try:  # the library knows whole years: one day tells (it checks the year range at every call, slowly)
        chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year the library does not know yet
        return None
    # what is_workday and get_holiday_detail answer, read from the library's own tables
    workdays, holidays = chinese_calendar.workdays, chinese_calendar.holidays
    while day.year == year:
        working = day in workdays or (day.weekday() <= 4 and day not in holidays)
        if day.month == 12 and (workdays[day] if day in workdays else holidays.get(day)) == NEXT_NEW_YEAR:
            working = day.weekday() < 5
        if working:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


@lru_cache(maxsize=64)
def working_days(calendar: Calendar | None, year: int) -> tuple[tuple[dt.date, ...], str | None]:
    """The working days of `year` in order, and a warning when the calendar does not know the year."""
    if calendar is None:
        return tuple(_weekdays(year)), None
    listed = calendar.listed(year)
    if listed is not None:
        days = [d for d in _weekdays(year) if d not in listed.holidays]
        days = sorted({*days, *(d for d in listed.workdays if d.year == year)})
        return tuple(days), None
    if calendar.official:
        official = _official(year)
        if official is not None:
            return tuple(official), None
    return tuple(_weekdays(year)), (
        f"{year}年的法定节假日和调休安排未知（标准的 calendar 未列出该年），工作日按周一至周五计"
    )

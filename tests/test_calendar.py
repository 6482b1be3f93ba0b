"""Working days under a standard's calendar: the official Chinese calendar, years listed in the standard,
Monday to Friday with a warning for a year known to neither."""

from __future__ import annotations

import datetime as dt

from auditor.calendar import working_days
from auditor.standard.model import Calendar, CalendarYear

OFFICIAL = Calendar(official=True)


def test_2018_has_250_official_working_days() -> None:
    days, warning = working_days(OFFICIAL, 2018)
    assert warning is None and len(days) == 250
    assert dt.date(2018, 2, 11) in days  # Sunday, a make-up workday before the Spring Festival
    assert dt.date(2018, 2, 24) in days  # Saturday, a make-up workday after it
    assert (
        dt.date(2018, 10, 1) not in days and dt.date(2018, 2, 16) not in days
    )  # National Day, Spring Festival
    # the 2018 notice: 261 weekdays - 17 holidays + 6 make-up days; the New Year 2019 arrangement in late
    # December (12-29 on, 12-31 off) belongs to the 2019 notice
    assert dt.date(2018, 12, 29) not in days and dt.date(2018, 12, 31) in days
    weekdays = [d for d in days if d.weekday() < 5]
    assert len(weekdays) == 261 - 17 and len(days) - len(weekdays) == 6
    assert days == tuple(sorted(days))


def test_without_a_calendar_working_days_are_monday_to_friday() -> None:
    days, warning = working_days(None, 2018)
    assert warning is None and len(days) == 261 and all(d.weekday() < 5 for d in days)


def test_a_year_the_standard_lists_wins_over_the_library() -> None:
    listed = Calendar(
        official=True,
        years=(
            CalendarYear(
                2018, frozenset({dt.date(2018, 1, 1), dt.date(2018, 1, 2)}), frozenset({dt.date(2018, 1, 6)})
            ),
        ),
    )
    days, warning = working_days(listed, 2018)
    assert warning is None and len(days) == 261 - 2 + 1
    assert dt.date(2018, 1, 6) in days and dt.date(2018, 1, 2) not in days and dt.date(2018, 10, 1) in days


def test_a_year_known_to_neither_is_monday_to_friday_with_a_warning() -> None:
    days, warning = working_days(OFFICIAL, 2031)
    assert len(days) == 261 and all(d.weekday() < 5 for d in days)
    assert warning is not None and "2031年" in warning and "周一至周五" in warning


def test_another_year_of_the_library() -> None:
    days, warning = working_days(OFFICIAL, 2025)
    assert warning is None
    assert dt.date(2025, 1, 26) in days and dt.date(2025, 1, 28) not in days  # Spring Festival 2025
    assert (
        dt.date(2025, 10, 8) not in days and dt.date(2025, 10, 11) in days
    )  # National Day, its make-up Saturday

"""What a clerk types that reads as something it is not: a weekday that contradicts a day typed without its
year, a placeholder for nobody in a text column, a negative count, a part larger than its whole, a yes
qualified as partial. Each on a shipped sample compared with the clean sample, and on the second standard
(社区图书室)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.engine import AuditOptions, audit_file
from auditor.result import CenterResult, ClauseResult
from auditor.standard.loader import load_standard
from auditor.workbook.values import MonthDay, ParseError, parse_date
from tests.builders import ROOT, STANDARD_2018
from tests.library_builders import LIBRARY_STANDARD, perfect_library, write

NO_HINTS = AuditOptions(hints=False)
SAMPLES = ROOT / "samples" / "2018"
WEEKDAYS = "一二三四五六日"


def sample(code: str) -> Path:
    return next(SAMPLES.glob(f"{code}-*.xlsx"))


def changed(tmp_path: Path, code: str, sheet: str, cells: dict[str, Any]) -> CenterResult:
    """The audit of sample `code` with `cells` of `sheet` typed over."""
    book = openpyxl.load_workbook(sample(code))
    for ref, value in cells.items():
        book[sheet][ref] = value
        book[sheet][ref].number_format = "General"
    path = tmp_path / f"{code}-changed.xlsx"
    book.save(path)
    return audit_file(load_standard(STANDARD_2018), path, NO_HINTS)


def clean(code: str) -> CenterResult:
    return audit_file(load_standard(STANDARD_2018), sample(code), NO_HINTS)


def clause(center: CenterResult, cid: str) -> ClauseResult:
    return next(c for c in center.clauses if c.id == cid)


def found(result: ClauseResult) -> list[tuple[str, str, str]]:
    return [(f.kind, f.location, f.message) for f in result.findings]


def others_alike(a: CenterResult, b: CenterResult, *but: str) -> None:
    """Every clause but `but` has the same status and points in both."""
    assert [(c.id, c.status, c.earned) for c in a.clauses if c.id not in but] == [
        (c.id, c.status, c.earned) for c in b.clauses if c.id not in but
    ]


# 1. A day without its year typed with a weekday that the day of the audit year does not fall on


@pytest.mark.parametrize("typed", ["7月10日 星期六", "7月10日（周六）", "7-10 周六", "2018年7月10日 星期六"])
def test_a_wrong_weekday_is_an_error_with_or_without_the_year(tmp_path: Path, typed: str) -> None:
    before = clean("GM-02")
    assert (before.score, before.base, clause(before, "3.5").earned) == (
        Decimal("98.9"),
        Decimal("96.9"),
        Decimal(5),
    )
    # GM-02 活动记录!B16: the July 支部生活日, 2018-07-10, a Tuesday
    after = changed(tmp_path, "GM-02", "活动记录", {"B16": typed})
    result = clause(after, "3.5")
    assert (result.status, result.earned) == ("error", Decimal("4.5"))
    assert found(clause(before, "3.5")) == [
        ("defect", "活动记录!B2", "2018年2月无活动类型=支部生活日记录"),
        ("defect", "活动记录!B2", "2018年8月无活动类型=支部生活日记录"),
    ]
    assert found(result) == [
        ("error", "活动记录!B16", f"日期无法识别：“{typed}”，应为日期（2018-07-10是星期二，与所写星期不符）"),
        ("defect", "活动记录!B2", "2018年2月无活动类型=支部生活日记录"),
        ("defect", "活动记录!B2", "2018年7月无活动类型=支部生活日记录"),
        ("defect", "活动记录!B2", "2018年8月无活动类型=支部生活日记录"),
    ]
    assert (after.score, after.base) == (Decimal("98.4"), Decimal("96.4"))
    others_alike(before, after, "3.5")


@pytest.mark.parametrize("typed", ["7月10日 星期二", "7月10日（周二）", "7/10 礼拜二"])
def test_the_right_weekday_without_the_year_reads_as_the_day(tmp_path: Path, typed: str) -> None:
    after = changed(tmp_path, "GM-02", "活动记录", {"B16": typed})
    before = clean("GM-02")
    assert after.score == before.score
    others_alike(before, after)


def test_a_wrong_weekday_without_the_year_in_the_second_standard(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    assert sheets["读书活动"][3][:2] == [dt.date(2021, 3, 6), "读书会"]  # a Saturday
    sheets["读书活动"][3][0] = "3月6日（周日）"
    center = audit_file(std, write(tmp_path, "weekday", sheets), NO_HINTS)
    monthly = next(c for c in center.clauses if c.id == "L3.3")
    assert (monthly.status, monthly.earned) == ("error", Decimal("3.5"))
    assert found(monthly) == [
        (
            "error",
            "读书活动!A4",
            "举办时间无法识别：“3月6日（周日）”，应为日期（2021-03-06是星期六，与所写星期不符）",
        ),
        ("defect", "读书活动!A1", "2021年3月无活动形式=读书会记录"),
    ]
    sheets["读书活动"][3][0] = "3月6日（周六）"
    right = audit_file(std, write(tmp_path, "weekday-right", sheets), NO_HINTS)
    assert next(c for c in right.clauses if c.id == "L3.3").earned == Decimal(4)


@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2150, 12, 31)),
    st.integers(0, 6),
    st.sampled_from(["（周{}）", " 星期{}"]),
)
def test_a_weekday_without_the_year_is_checked_as_with_it(day: dt.date, typed: int, form: str) -> None:
    """The weekday of a day typed without its year is checked in the audit year, with the error the same day
    typed with its year gets."""
    weekday = form.format(WEEKDAYS[typed])
    partial = parse_date(f"{day.month}月{day.day}日{weekday}")
    assert partial == MonthDay(day.month, day.day, typed)
    assert isinstance(partial, MonthDay)
    try:
        full = parse_date(f"{day.year}年{day.month}月{day.day}日{weekday}")
    except ParseError as exc:
        assert typed != day.weekday()
        assert partial.contradicted(day) == exc.expected
    else:
        assert full == day and typed == day.weekday()
        assert partial.contradicted(day) is None

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

from auditor.checks.conditions import test as cell_test
from auditor.engine import AuditOptions, audit_file
from auditor.result import CenterResult, ClauseResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Condition
from auditor.workbook.evidence import Cell
from auditor.workbook.values import DEFAULT_YES, MonthDay, ParseError, parse_date, parse_yesno
from tests.builders import ROOT, STANDARD_2018
from tests.library_builders import LIBRARY_STANDARD, field_cell, perfect_library, set_field, write

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


# 4. A yes qualified as holding only in part (是（部分时段）)


@pytest.mark.parametrize(
    ("typed", "note"),
    [("是（部分时段）", "部分时段"), ("有（部分）", "部分"), ("是，个别时段收费", "个别时段收费")],
)
def test_a_yes_only_in_part_is_an_error_asking_for_yes_or_no(tmp_path: Path, typed: str, note: str) -> None:
    before = clean("GM-06")
    assert (before.score, clause(before, "1.4").status, clause(before, "1.4").earned) == (
        Decimal("88.5"),
        "pass",
        Decimal(2),
    )
    after = changed(tmp_path, "GM-06", "基本信息", {"B12": typed})  # 活动场所向群众无偿开放
    result = clause(after, "1.4")
    message = f"活动场所向群众无偿开放无法识别：“{typed}”，应为是/否（“{note}”不是完全的“是”）"
    assert (result.status, result.earned, found(result)) == (
        "error",
        Decimal(0),
        [("error", "基本信息!B12", message)],
    )
    assert f"基本信息!B12: {message}" in after.warnings
    assert after.score == Decimal("86.5")
    others_alike(before, after, "1.4")


@pytest.mark.parametrize("typed", ["是（已上墙）", "是(制度上墙)", "是，见附件"])
def test_a_yes_with_a_remark_is_still_a_yes(tmp_path: Path, typed: str) -> None:
    after = changed(tmp_path, "GM-06", "基本信息", {"B12": typed})
    assert clause(after, "1.4").status == "pass" and after.score == Decimal("88.5")


def test_a_yes_only_in_part_still_triggers_a_veto_asking_no(tmp_path: Path) -> None:
    """发现弄虚作假 must be 否: any yes fails it, a yes in part too."""
    before = clean("GM-06")
    assert (before.veto, before.grade) == (False, "良好")
    after = changed(tmp_path, "GM-06", "基本信息", {"B18": "是（个别台账补记）"})
    veto = clause(after, "V.1")
    assert (veto.status, found(veto)) == (
        "fail",
        [("defect", "基本信息!B18", "发现弄虚作假为是（个别台账补记），要求为否")],
    )
    assert (after.veto, after.grade, after.score) == (True, "不合格", Decimal("88.5"))


def test_a_yes_only_in_part_in_a_table_row(tmp_path: Path) -> None:
    before = clean("GM-02")
    after = changed(tmp_path, "GM-02", "外观标识", {"C3": "是（基本达标）"})  # 党徽标识
    result = clause(after, "1.1")
    assert (clause(before, "1.1").status, clause(before, "1.1").earned) == ("partial", Decimal(10))
    assert (result.status, result.earned) == ("error", Decimal(8))
    assert found(result) == [
        (
            "error",
            "外观标识!C3",
            "党徽标识的是否达标无法识别：“是（基本达标）”，应为是/否（“基本达标”不是完全的“是”）",
        ),
        *found(clause(before, "1.1")),
    ]
    assert (before.score, after.score) == (Decimal("98.9"), Decimal("96.9"))
    others_alike(before, after, "1.1")
    # 达标 is a yes of the shipped vocabulary; a remark on it that is no qualifier leaves it a yes
    kept = changed(tmp_path, "GM-02", "外观标识", {"C3": "达标（已整改）"})
    assert clause(kept, "1.1").earned == Decimal(10) and kept.score == before.score


def test_a_yes_only_in_part_in_the_second_standard(tmp_path: Path) -> None:
    """The standard's own yes word (具备), qualified."""
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    set_field(sheets, "无障碍通道", "具备（部分楼层）")
    center = audit_file(std, write(tmp_path, "partly", sheets), NO_HINTS)
    result = next(c for c in center.clauses if c.id == "L1.4")
    assert (result.status, result.earned, found(result)) == (
        "error",
        Decimal(0),
        [
            (
                "error",
                field_cell("无障碍通道"),
                "无障碍通道无法识别：“具备（部分楼层）”，应为达标/未达标（“部分楼层”不是完全的“达标”）",
            )
        ],
    )
    assert (center.base, center.score) == (Decimal("98.0"), Decimal("99.5"))  # 49 of 50, and 1.5 bonus


YES_WORDS = st.sampled_from(["是", "有", "√", "已", "是的", "达标"])
QUALIFIERS = st.sampled_from(["部分", "部份", "个别", "偶尔", "基本", "仅部分", "大部分"])


@given(YES_WORDS, QUALIFIERS, st.text(st.sampled_from("时段开放楼层周末一二"), max_size=4), st.booleans())
def test_a_yes_qualified_in_part_is_never_a_plain_yes(
    yes: str, qualifier: str, tail: str, comma: bool
) -> None:
    words = (*DEFAULT_YES, "是的", "达标")
    typed = f"{yes}，{qualifier}{tail}" if comma else f"{yes}（{qualifier}{tail}）"
    with pytest.raises(ParseError) as info:
        parse_yesno(typed, yes=words)
    assert info.value.value is True
    assert info.value.expected == f"是/否（“{qualifier}{tail}”不是完全的“是”）"
    # a no stays a no whatever its remark, and a yes with another remark stays a yes
    assert parse_yesno(f"否（{qualifier}{tail}）", yes=words) is False
    assert parse_yesno(f"{yes}（已{tail}）", yes=words) is True


@pytest.mark.parametrize(
    ("condition", "verdict"),
    [
        (Condition("a", "==", True), "error"),  # a yes is asked: a yes in part is no answer to it
        (Condition("a", "!=", False), "error"),
        (Condition("a", "==", False), "no"),  # a no is asked: it fails as any yes does
        (Condition("a", "!=", True), "no"),
        (Condition("a", "filled"), "error"),
    ],
)
def test_a_yes_in_part_fails_where_a_no_is_asked(condition: Condition, verdict: str) -> None:
    partly = Cell("error", "表!B2", True, "是（部分）", "是/否（“部分”不是完全的“是”）")
    unreadable = Cell("error", "表!B2", None, "也许", "是/否")
    assert (cell_test(condition, partly), cell_test(condition, unreadable)) == (verdict, "error")

"""Values a clerk types where the reader must not guess: a number typed into a date-formatted cell (3.5 for
3月5日 shows as 1900-01-03), an audit year that cannot be read, an audit year the inspection day
contradicts. Each is said with its cell; the second standard (社区图书室) and a shipped sample."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from auditor.engine import AuditOptions, audit_file
from auditor.result import CenterResult
from auditor.standard.loader import load_standard
from tests.builders import NO_HINTS, ROOT, STANDARD_2018, scored
from tests.library_builders import LIBRARY_STANDARD, perfect_library, set_field, write

SAMPLE = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # 98.9


def test_a_number_typed_into_a_date_formatted_cell_is_an_error_naming_it(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    activities = book["活动记录"]
    assert activities["B3"].value == dt.datetime(2018, 1, 6) and activities["C3"].value == "支部生活日"
    activities["B3"] = 1.6  # meant 1月6日; the cell keeps its date format
    activities["B3"].number_format = "yyyy/m/d"
    book["基本信息"]["B7"] = 12.27  # 检查日期 typed as month.day into its yyyy/m/d cell
    book.save(tmp_path / "typed.xlsx")
    center = audit_file(std, tmp_path / "typed.xlsx", NO_HINTS)
    found = [
        (c.id, c.status, f.message) for c in center.clauses for f in c.findings if f.location == "活动记录!B3"
    ]
    assert found and all(
        message == "日期无法识别：“1.6”，应为日期（如 2018-03-05）；单元格里的数字不能当作日期"
        and status == "error"
        for _, status, message in found
    )
    assert (
        "基本信息!B7: 检查日期无法识别：“12.27”，应为日期（如 2018-03-05）；单元格里的数字不能当作日期"
        in center.warnings
    )
    # with hints on, no record is "after the inspection day" 1900-01-12
    hinted = audit_file(std, tmp_path / "typed.xlsx", AuditOptions(hints=True, hint_key=b"k" * 16))
    assert not [h for h in hinted.hints if "1900" in h.message]


def test_an_audit_year_that_cannot_be_read_is_not_said_blank(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    book["基本信息"]["B6"] = "二〇一八年"
    book.save(tmp_path / "year.xlsx")
    center = audit_file(std, tmp_path / "year.xlsx", NO_HINTS)
    assert center.score == Decimal("98.9") and center.year == 2018
    assert center.warnings == (
        "检查年度无法识别，按检查日期取2018年",
        "基本信息!B6: 检查年度无法识别：“二〇一八年”，应为年份（如 2018）",
    )


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (dt.date(2021, 12, 15), False),
        (dt.date(2021, 3, 1), False),  # an audit during the year
        (dt.date(2022, 1, 20), False),  # inspected early the next year
        (dt.date(2022, 6, 30), False),
        (dt.date(2022, 12, 15), True),
        (dt.date(2020, 12, 15), True),
    ],
)
def test_an_audit_year_the_inspection_day_contradicts_is_said(
    tmp_path: Path, day: dt.date, said: bool
) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    set_field(sheets, "评估日期", day)
    center = audit_file(std, write(tmp_path, "dated", sheets), NO_HINTS)
    warning = f"统计年份为2021年，评估日期却是{day.isoformat()}，请核对"
    assert (warning in center.warnings) is said
    assert center.year == 2021


@pytest.mark.parametrize("mark", ["作废", "已作废", "（作废）", "取消", "已取消", "因雨取消", "无效"])
def test_a_record_its_remark_marks_void_is_not_counted(tmp_path: Path, mark: str) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    header, *events = sheets["读书活动"]
    # a 备注 column the standard does not declare; the March 读书会 marked void, another row remarked
    sheets["读书活动"] = [[*header, "备注"], *[[*e, None] for e in events]]
    sheets["读书活动"][3][-1] = mark
    sheets["读书活动"][5][-1] = "已按时举办"
    assert sheets["读书活动"][3][:2] == [dt.date(2021, 3, 6), "读书会"]
    center = audit_file(std, write(tmp_path, "void", sheets), NO_HINTS)
    monthly = next(c for c in center.clauses if c.title == "读书会每月举办")
    assert (monthly.status, monthly.earned) == ("partial", Decimal("3.5"))
    shown = mark.strip("（）").replace("(", "").replace(")", "")
    assert ("2021年3月无活动形式=读书会记录", "读书活动!A1", "defect") in [
        (f.message, f.location, f.kind) for f in monthly.findings
    ]
    assert (f"第4行注明“{shown}”，不计为记录", "读书活动!A4", "note") in [
        (f.message, f.location, f.kind) for f in monthly.findings
    ]
    # the same table without the mark scores in full
    sheets["读书活动"][3][-1] = None
    clean = audit_file(std, write(tmp_path, "kept", sheets), NO_HINTS)
    assert next(c for c in clean.clauses if c.title == "读书会每月举办").earned == Decimal(4)


def test_a_void_mark_in_a_sample_costs_what_the_record_gave(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book["活动记录"]
    sheet["G2"] = "备注"
    sheet["G3"] = "作废"  # the January 支部生活日
    book.save(tmp_path / "void.xlsx")
    center = audit_file(std, tmp_path / "void.xlsx", NO_HINTS)
    assert center.score == Decimal("98.4")  # 98.9 - 0.5: January without 支部生活日 (3.5)
    clause = next(c for c in center.clauses if c.id == "3.5")
    assert [(f.message, f.location) for f in clause.findings] == [
        ("2018年1月无活动类型=支部生活日记录", "活动记录!B2"),
        ("2018年2月无活动类型=支部生活日记录", "活动记录!B2"),
        ("2018年8月无活动类型=支部生活日记录", "活动记录!B2"),
        ("第3行注明“作废”，不计为记录", "活动记录!B3"),
    ]


@pytest.mark.parametrize(
    ("header", "remark"),
    [
        ("备注", True),
        ("备注（情况说明）", True),
        ("说明", True),
        ("状态", True),
        (" 备 注 ", True),
        ("主题", False),
        ("备注人", False),
    ],
)
def test_a_remark_column_is_known_by_its_header(tmp_path: Path, header: str, remark: bool) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    head, *events = sheets["读书活动"]
    sheets["读书活动"] = [[*head, header], *[[*e, None] for e in events]]
    sheets["读书活动"][3][-1] = "作废"  # the March 读书会
    center = audit_file(std, write(tmp_path, "remark", sheets), NO_HINTS)
    monthly = next(c for c in center.clauses if c.title == "读书会每月举办")
    assert monthly.earned == (Decimal("3.5") if remark else Decimal(4))


@pytest.mark.parametrize(
    "why", ["休息", "放假", "调休", "请假", "未值班", "无人值班", "空缺", "未安排", "停班"]
)
def test_why_nobody_is_on_duty_is_nobody(why: str, tmp_path: Path) -> None:
    """休息 or 放假 typed where the person on duty goes: no one was there, the day stays uncovered (it counted)."""
    std = load_standard(STANDARD_2018)
    sample = next((ROOT / "samples" / "2018").glob("GM-05-*.xlsx"))  # 2.8 partial 2/4, 14 days without
    book = openpyxl.load_workbook(sample)
    duty = book["值班记录"]
    assert duty["A85"].value == "20180510" and duty["B85"].value is None  # a day nobody is on duty
    duty["B85"] = why
    book.save(tmp_path / "why.xlsx")
    clean, typed = audit_file(std, sample, NO_HINTS), audit_file(std, tmp_path / "why.xlsx", NO_HINTS)
    assert scored(typed) == scored(clean) and typed.score == clean.score == Decimal("96.1")
    found = next(c for c in typed.clauses if c.id == "2.8").findings
    assert len(found) == 1 and found[0].message.startswith(
        "14/250个工作日无记录（需填写值班人），覆盖率94.4%"
    )


@pytest.mark.parametrize(
    "hours",
    [
        "8:30-17",
        "8:30-17点",
        "8:30 - 17:00",
        "上午8:30-下午5:30",
        "8点30-17点30",
        "早8:30-晚17:30",
        "8.30-17.30",
        "8:30-12:00 14:00-17:30",
        "全天",
    ],
)
def test_office_hours_after_a_duty_day_are_a_time_not_days(hours: str, tmp_path: Path) -> None:
    """2018.5.9 8:30-17: the day's hours, not the days 9 to 17 (they covered 2018-05-10, nobody's day)."""
    std = load_standard(STANDARD_2018)
    sample = next((ROOT / "samples" / "2018").glob("GM-05-*.xlsx"))  # 96.1
    book = openpyxl.load_workbook(sample)
    duty = book["值班记录"]
    assert duty["A84"].value == "20180509" and duty["B85"].value is None
    duty["A84"] = f"2018.5.9 {hours}"
    book.save(tmp_path / "hours.xlsx")
    clean, typed = audit_file(std, sample, NO_HINTS), audit_file(std, tmp_path / "hours.xlsx", NO_HINTS)
    assert scored(typed) == scored(clean) and typed.score == Decimal("96.1")
    assert [f.message for c in typed.clauses for f in c.findings] == [
        f.message for c in clean.clauses for f in c.findings
    ]


def test_why_nobody_is_on_duty_is_nobody_in_the_second_standard(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean = audit_file(std, write(tmp_path, "clean", sheets), NO_HINTS)
    log = sheets["开放日志"]
    log[5][1], log[9][1] = "休息", "请假"
    rest = audit_file(std, write(tmp_path, "rest", sheets), NO_HINTS)
    del log[9], log[5]
    gone = audit_file(std, write(tmp_path, "gone", sheets), NO_HINTS)

    def said(center: CenterResult) -> list[str]:
        return [f.message for c in center.clauses for f in c.findings]

    assert scored(rest) == scored(gone) and said(rest) == said(gone) != said(clean)
    assert any("2/260个工作日无记录" in message for message in said(rest))


@pytest.mark.parametrize("typed", ["是、否", "否、是", "有、无", "是，否", "是;否"])
def test_both_choices_left_in_a_yes_no_cell_are_no_answer(typed: str, tmp_path: Path) -> None:
    """The form's choices left in the cell (是、否) answer nothing: an error naming the cell, never its first
    word (a 是、否 in 发现弄虚作假 vetoed the center, a 否、是 passed it; 是、否 in a sign's row met it)."""
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    assert book["外观标识"]["C4"].value == "是" and book["基本信息"]["A18"].value == "发现弄虚作假"
    book["外观标识"]["C4"] = typed
    book["基本信息"]["B18"] = typed
    book.save(tmp_path / "both.xlsx")
    center = audit_file(std, tmp_path / "both.xlsx", NO_HINTS)
    clauses = {c.id: c for c in center.clauses}
    assert clauses["V.1"].status == "error" and not center.veto and center.grade != "不合格"
    expected = f"无法识别：“{typed}”，应为是或否之一，不能两种都写"
    assert [f.location for f in clauses["V.1"].findings if expected in f.message] == ["基本信息!B18"]
    assert [f.location for f in clauses["1.1"].findings if expected in f.message] == ["外观标识!C4"]


def test_both_choices_in_the_second_standard(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    sheets["功能分区"][2][1] = "达标、未达标"  # the standard's own words: 达标 / 未达标
    center = audit_file(std, write(tmp_path, "both", sheets), NO_HINTS)
    found = [
        (c.id, c.status, f.location)
        for c in center.clauses
        for f in c.findings
        if "不能两种都写" in f.message
    ]
    assert found and all(status == "error" and location == "功能分区!B3" for _, status, location in found)


def test_a_comma_that_groups_no_thousands_is_no_number(tmp_path: Path) -> None:
    """3,5 typed for 3.5 (万元) is no number, an error naming the cell; it was read as 35 万元."""
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    assert book["基本信息"]["A9"].value == "财政列支经费(万元)" and book["基本信息"]["B9"].value == 3.5
    book["基本信息"]["B9"] = "3,5"
    book.save(tmp_path / "comma.xlsx")
    center = audit_file(std, tmp_path / "comma.xlsx", NO_HINTS)
    found = [
        (c.id, c.status, f.message) for c in center.clauses for f in c.findings if f.location == "基本信息!B9"
    ]
    assert found and all(
        status == "error" and message == "财政列支经费(万元)无法识别：“3,5”，应为数字（单位：万元/万）"
        for _, status, message in found
    )
    book["基本信息"]["B9"] = "35,000元"  # a comma grouping thousands: 3.5 万元, as the sample
    book.save(tmp_path / "grouped.xlsx")
    grouped = audit_file(std, tmp_path / "grouped.xlsx", NO_HINTS)
    assert scored(grouped) == scored(audit_file(std, SAMPLE, NO_HINTS)) and grouped.score == Decimal("98.9")


@pytest.mark.parametrize(
    ("open_", "fraud"), [("免费开放", "未发现"), ("无偿开放", "没发现"), ("☑", "无此情况"), ("✅", "❌")]
)
def test_yes_and_no_in_the_words_of_a_form(open_: str, fraud: str, tmp_path: Path) -> None:
    """无偿开放 answered 免费开放 and 发现弄虚作假 answered 未发现: a yes and a no (each was an error naming the
    cell; 发现弄虚作假 in error leaves the veto undecided)."""
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    info = book["基本信息"]
    assert info["A12"].value == "活动场所向群众无偿开放" and info["A18"].value == "发现弄虚作假"
    info["B12"], info["B18"] = open_, fraud
    book.save(tmp_path / "words.xlsx")
    center = audit_file(std, tmp_path / "words.xlsx", NO_HINTS)
    assert scored(center) == scored(audit_file(std, SAMPLE, NO_HINTS)) and center.score == Decimal("98.9")
    assert next(c for c in center.clauses if c.id == "V.1").status == "pass"

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
from auditor.engine import audit_file
from auditor.errors import StandardError
from auditor.result import CenterResult, ClauseResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Condition
from auditor.template.validation import Lists, validation_for
from auditor.workbook.cells import make_cell
from auditor.workbook.evidence import Cell
from auditor.workbook.texts import text_parser
from auditor.workbook.values import (
    DEFAULT_PARTLY,
    DEFAULT_YES,
    MonthDay,
    ParseError,
    normalize_label,
    parse_date,
    parse_integer,
    parse_number,
    parse_text,
    parse_yesno,
)
from tests.builders import NO_HINTS, ROOT, STANDARD_2018, full_center
from tests.library_builders import LIBRARY_STANDARD, field_cell, perfect_library, set_field, write

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


@pytest.mark.parametrize(
    "typed", ["是（已上墙）", "是(制度上墙)", "是，见附件", "是，部分资料见附件", "是（部分台账详见附表）"]
)
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
QUALIFIERS = st.sampled_from(
    ["部分", "部份", "个别", "偶尔", "仅部分", "大部分", "基本"]
)  # 基本: a standard's own


@given(YES_WORDS, QUALIFIERS, st.text(st.sampled_from("时段开放楼层周末一二"), max_size=4), st.booleans())
def test_a_yes_qualified_in_part_is_never_a_plain_yes(
    yes: str, qualifier: str, tail: str, comma: bool
) -> None:
    words = (*DEFAULT_YES, "是的", "达标")
    typed = f"{yes}，{qualifier}{tail}" if comma else f"{yes}（{qualifier}{tail}）"
    partly = (*DEFAULT_PARTLY, "基本")  # as the shipped standard adds to the engine's words
    with pytest.raises(ParseError) as info:
        parse_yesno(typed, yes=words, partly=partly)
    assert info.value.value is True
    assert info.value.expected == f"是/否（“{qualifier}{tail}”不是完全的“是”）"
    # a no stays a no whatever its remark, and a yes with another remark stays a yes
    assert parse_yesno(f"否（{qualifier}{tail}）", yes=words, partly=partly) is False
    assert parse_yesno(f"{yes}（已{tail}）", yes=words, partly=partly) is True
    assert parse_yesno(typed, yes=words, partly=()) is True  # a standard without such words
    if qualifier == "基本":  # not one of the engine's own
        assert parse_yesno(typed, yes=words) is True


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


# 3. A negative count, amount or time; a part larger than its whole


@pytest.mark.parametrize(
    ("typed", "shown"), [(-3, "-3"), ("-3", "-3"), ("－3", "－3"), ("-3分钟", "-3分钟"), (-0.5, "-0.5")]
)
def test_a_negative_time_is_an_error_naming_its_cell(tmp_path: Path, typed: object, shown: str) -> None:
    before = clean("GM-06")
    after = changed(tmp_path, "GM-06", "基本信息", {"B11": typed})  # 步行可达时间(分钟), 12 in the sample
    result = clause(after, "1.3")
    message = f"步行可达时间(分钟)无法识别：“{shown}”，应为不小于0的数"
    assert (result.status, result.earned, found(result)) == (
        "error",
        Decimal(0),
        [("error", "基本信息!B11", message)],
    )
    assert f"基本信息!B11: {message}" in after.warnings
    assert (before.score, after.score) == (Decimal("88.5"), Decimal("85.5"))
    others_alike(before, after, "1.3")


def test_no_time_at_all_is_within_any_limit(tmp_path: Path) -> None:
    """0 is no negative number: read as typed (a standard wanting more declares `min: 1`)."""
    after = changed(tmp_path, "GM-06", "基本信息", {"B11": 0})
    assert clause(after, "1.3").status == "pass" and after.score == Decimal("88.5")


def test_a_negative_count_in_a_table_is_an_error(tmp_path: Path) -> None:
    before = clean("GM-02")
    book = openpyxl.load_workbook(sample("GM-02"))
    services = book["服务事项"]
    assert services["B3"].value == "党员教育管理" and services["D3"].value not in (None, 0)
    after = changed(tmp_path, "GM-02", "服务事项", {"D3": -2})  # 年度开展次数
    result = clause(after, "3.1")
    assert (clause(before, "3.1").status, clause(before, "3.1").earned) == ("pass", Decimal(14))
    assert (result.status, result.earned) == ("error", Decimal(12))
    assert found(result) == [
        ("error", "服务事项!D3", "党员教育管理的年度开展次数无法识别：“-2”，应为不小于0的整数")
    ]
    assert after.score == Decimal("96.9")
    others_alike(before, after, "3.1")


def test_a_part_larger_than_its_whole_is_an_error_naming_both_cells(tmp_path: Path) -> None:
    before = clean("GM-11")
    assert (before.score, clause(before, "2.9").status) == (Decimal("82.5"), "pass")  # 26 of 50
    after = changed(tmp_path, "GM-11", "基本信息", {"B14": 60})  # 下沉社区工作人员数 > 镇街工作人员总数
    result = clause(after, "2.9")
    assert (result.status, result.earned, found(result)) == (
        "error",
        Decimal(0),
        [
            (
                "error",
                "基本信息!B14",
                "下沉社区工作人员数/镇街工作人员总数 = 60/50 = 120%：下沉社区工作人员数不应大于镇街工作人员总数，"
                "请核对基本信息!B14、基本信息!B13",
            )
        ],
    )
    assert after.score == Decimal("80.5")
    others_alike(before, after, "2.9")
    whole = changed(tmp_path, "GM-11", "基本信息", {"B14": 50})  # all of them: no contradiction
    assert clause(whole, "2.9").status == "pass" and whole.score == before.score


def test_negative_numbers_and_a_part_above_its_whole_in_the_second_standard(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    set_field(sheets, "藏书总量(册)", -5200)
    set_field(sheets, "持证读者(人)", 4100)  # of 4000 served
    center = audit_file(std, write(tmp_path, "implausible", sheets), NO_HINTS)
    books = next(c for c in center.clauses if c.id == "L1.2")
    assert (books.status, found(books)) == (
        "error",
        [("error", field_cell("藏书总量(册)"), "藏书总量(册)无法识别：“-5200”，应为不小于0的整数")],
    )
    cards = next(c for c in center.clauses if c.id == "L3.1")
    where = f"{field_cell('持证读者(人)')}、{field_cell('服务人口(人)')}"
    assert (cards.status, found(cards)) == (
        "error",
        [
            (
                "error",
                field_cell("持证读者(人)"),
                f"持证读者(人)/服务人口(人) = 4100/4000 = 102%：持证读者(人)不应大于服务人口(人)，请核对{where}",
            )
        ],
    )
    assert (center.base, center.score) == (Decimal("90.0"), Decimal("91.5"))  # 5 of 50 points lost, 1.5 bonus


@given(st.decimals(-1000, 1000, places=2), st.sampled_from(["", "人", "万元"]))
def test_a_number_below_the_least_is_never_read(number: Decimal, unit: str) -> None:
    units = ("人", "万元")
    typed = f"{number}{unit}"
    try:
        read = parse_number(typed, units, Decimal(0))
    except ParseError as exc:
        assert number < 0 and exc.expected == "不小于0的数"
    else:
        assert read == number >= 0
    assert parse_number(typed, units) == number  # no least number: any
    if number == number.to_integral_value():
        try:
            whole = parse_integer(typed, units, Decimal(0))
        except ParseError as exc:
            assert number < 0 and exc.expected == "不小于0的整数"
        else:
            assert whole == number >= 0


def test_a_field_may_take_any_number(tmp_path: Path) -> None:
    """`min: null`: the reader and the template's validation take a negative number."""
    text = LIBRARY_STANDARD.read_text(encoding="utf-8").replace(
        "{name: 藏书总量(册), type: integer}", "{name: 藏书总量(册), type: integer, min: null}"
    )
    (tmp_path / "any.yaml").write_text(text, encoding="utf-8")
    std = load_standard(tmp_path / "any.yaml")
    sheets = perfect_library()
    set_field(sheets, "藏书总量(册)", -5200)
    center = audit_file(std, write(tmp_path, "negative", sheets), NO_HINTS)
    books = next(c for c in center.clauses if c.id == "L1.2")
    assert (books.status, found(books)) == (
        "fail",
        [("defect", field_cell("藏书总量(册)"), "藏书总量(册)为-5200，要求不少于3000")],
    )
    spec = std.sheet("馆情概况").field("藏书总量(册)")  # type: ignore[union-attr]
    assert spec is not None and spec.min is None
    check = validation_for(spec, std, "", Lists(), 2021)
    assert (check.kind, check.formula1, check.error) == (
        "whole",
        "-999999999999",
        "请输入整数（不要带单位或文字）",
    )


def test_a_least_number_is_for_numbers_only(tmp_path: Path) -> None:
    text = LIBRARY_STANDARD.read_text(encoding="utf-8").replace(
        "{name: 图书室名称, required: true}", "{name: 图书室名称, required: true, min: 0}"
    )
    (tmp_path / "text-min.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(
        StandardError, match=r"layout\[0\]\.fields\[0\]\.min: min 只用于 number、integer 类型"
    ):
        load_standard(tmp_path / "text-min.yaml")


# 2. A text standing for nobody or nothing (无, /, ——) in a text column: blank

PLACEHOLDERS = ["无", "/", "／", "-", "—", "——", "无人", "暂无", "空", " 无 ", "N/A", "无\n", "\u200b／"]


@pytest.mark.parametrize("typed", PLACEHOLDERS)
def test_nobody_typed_as_a_placeholder_is_nobody(tmp_path: Path, typed: str) -> None:
    before = clean("GM-02")
    assert (clause(before, "3.3").status, clause(before, "3.3").earned) == ("pass", Decimal(2))
    after = changed(tmp_path, "GM-02", "服务台账", {"F3": typed})  # 首问责任人 of the first record
    result = clause(after, "3.3")
    assert (result.status, result.earned, found(result)) == (
        "fail",
        Decimal(0),
        [("defect", "服务台账!F3", "第3行首问责任人未填写（1/60条）")],
    )
    assert after.score == Decimal("96.9")
    others_alike(before, after, "3.3")
    # the same as the cell left empty
    empty = changed(tmp_path, "GM-02", "服务台账", {"F3": None})
    assert clause(empty, "3.3") == result and empty.score == after.score


@pytest.mark.parametrize("typed", ["无忌", "空海", "吴无", "N/A组", "张-三", "/张三", "1"])
def test_a_name_is_no_placeholder(tmp_path: Path, typed: str) -> None:
    after = changed(tmp_path, "GM-02", "服务台账", {"F3": typed})
    assert clause(after, "3.3").status == "pass" and after.score == Decimal("98.9")


def test_a_placeholder_is_still_an_answer_in_a_yes_no_field(tmp_path: Path) -> None:
    """无 is a no where a yes or a no is asked; only text fields read it as nothing."""
    after = changed(tmp_path, "GM-02", "基本信息", {"B12": "无"})  # 活动场所向群众无偿开放
    assert found(clause(after, "1.4")) == [("defect", "基本信息!B12", "活动场所向群众无偿开放为无，要求为是")]
    assert (clause(after, "1.4").status, after.score) == ("fail", Decimal("96.9"))


def test_a_duty_day_with_nobody_on_duty_is_not_covered(tmp_path: Path) -> None:
    slash = changed(tmp_path, "GM-02", "值班记录", {"C3": "／"})  # 值班人 on 2018-01-02
    empty = changed(tmp_path, "GM-02", "值班记录", {"C3": None})
    result = clause(slash, "2.8")
    assert (result.status, result.earned, found(result)) == (
        "pass",
        Decimal(4),
        [("defect", "值班记录!B2", "1/250个工作日无记录（需填写值班人），覆盖率99.6%：2018-01-02")],
    )
    assert clause(empty, "2.8") == result


def test_a_placeholder_in_a_unique_column_is_no_repeated_value(tmp_path: Path) -> None:
    """Two questionnaires numbered / are two questionnaires without a number, not one given twice."""
    slashes = changed(tmp_path, "GM-02", "满意度测评", {"B3": "/", "B4": "/"})
    empty = changed(tmp_path, "GM-02", "满意度测评", {"B3": None, "B4": None})
    result = clause(slashes, "4.1")
    assert found(result) == [("note", "满意度测评!C2", "有效样本142份，指数95.85")]
    assert clause(empty, "4.1") == result and slashes.score == Decimal("98.9")


def test_placeholders_in_the_second_standard_and_its_own_word(tmp_path: Path) -> None:
    """The second standard adds 未登记 to the engine's words (vocabulary: extra_blank)."""
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    sheets["借阅登记"][2][2] = "未登记"  # 读者手机, personal data
    sheets["借阅登记"][5][2] = "无"
    for row in sheets["开放日志"][1:31]:
        row[1] = "——"  # 值守人: nobody on 30 of the 260 open days
    center = audit_file(std, write(tmp_path, "nobody", sheets), NO_HINTS)
    phones = next(c for c in center.clauses if c.id == "L3.2")
    assert (phones.status, phones.earned, found(phones)) == (
        "partial",
        Decimal("1.5"),
        [("defect", "借阅登记!C3", "第3、6行读者手机未填写（2/12条）")],
    )
    duty = next(c for c in center.clauses if c.id == "L2.4")
    assert (duty.status, duty.earned) == ("partial", Decimal(2))  # 230/260 = 88% < 90%
    assert (center.base, center.score) == (Decimal("93.0"), Decimal("94.5"))  # 3.5 of 50 lost; 1.5 bonus
    for row in sheets["开放日志"][1:31]:
        row[1] = None
    sheets["借阅登记"][2][2] = sheets["借阅登记"][5][2] = None
    empty = audit_file(std, write(tmp_path, "empty", sheets), NO_HINTS)
    assert [(c.id, c.status, c.earned, c.findings) for c in empty.clauses] == [
        (c.id, c.status, c.earned, c.findings) for c in center.clauses
    ]


def test_a_placeholder_name_is_nobody_the_hints_compare(tmp_path: Path) -> None:
    """无 listed as full-time staff in two centers is no person working in both."""
    from tests.test_hints import across, audit, own

    std = load_standard(STANDARD_2018)
    a = own(full_center(), "甲")
    b = own(full_center(), "乙")
    a["人员岗位"].append(["无", "综合事务管理岗", "专职", "是", None])
    b["人员岗位"].append(["无", "综合事务管理岗", "专职", "是", None])
    assert across(std, audit(tmp_path, "a", a, std), audit(tmp_path, "b", b, std)) == []


BLANK_WORDS = st.sampled_from(
    ["无", "暂无", "无人", "空", "不详", "/", "-", "—", "——", "//", "---", "n/a", "N/A"]
)
FOLDED = {"/": "／", "-": "－", "n": "ｎ", "N": "Ｎ", "a": "ａ", "A": "Ａ"}


@given(BLANK_WORDS, st.sampled_from(["", " ", "\u3000", "\u200b"]), st.booleans())
def test_a_placeholder_however_typed_is_a_blank_cell(word: str, blank: str, wide: bool) -> None:
    parse = text_parser()
    typed = "".join(FOLDED.get(c, c) for c in word) if wide else word
    for raw in (typed, f"{blank}{typed}{blank}", f"{typed}\n"):
        cell = make_cell(parse, raw, "", False, True)
        assert (cell.status, cell.value, cell.text) == ("blank", None, "")
        assert make_cell(parse_text, raw, "", False).status == "ok"  # a text read without the words
    assert parse(typed) == typed  # the text itself (a value a standard compares with) is unchanged


@given(st.text(st.characters(categories=["Lo", "Lu", "Ll", "Nd"]), min_size=1, max_size=6))
def test_a_text_that_is_no_placeholder_is_read_as_typed(text: str) -> None:
    parse = text_parser()
    cell = make_cell(parse, text, "", False)
    assert (cell.status == "blank") == (
        normalize_label(text).lower() in parse.words or set(text) <= {"无", "空"}
    )

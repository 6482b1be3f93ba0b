"""Cell values as people type them (spec: inspection-workbook.md, "Values as people type them")."""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
import unicodedata
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from auditor.workbook.evidence import Cell
from auditor.workbook.spans import DaySpan
from auditor.workbook.values import (
    _BLANKS,
    _CONTROL,
    _FORMAT,
    _TRAILING_COLON,
    DEFAULT_NO,
    DEFAULT_YES,
    Month,
    MonthDay,
    ParseError,
    comparison_text,
    display,
    is_blank,
    normalize_label,
    parse_date,
    parse_enum,
    parse_integer,
    parse_number,
    parse_text,
    parse_year,
    parse_yesno,
)

FULL_WIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + i) for i in range(10)))
MARCH_5 = dt.date(2018, 3, 5)


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH)


# ------------------------------------------------------------------ blanks, text, display


@pytest.mark.parametrize("raw", [None, "", " ", "   ", "\t\n", "\u3000", " \u3000 "])
def test_is_blank_true(raw: object) -> None:
    assert is_blank(raw)


@pytest.mark.parametrize("raw", ["0", "否", 0, 0.0, False, " x ", MARCH_5])
def test_is_blank_false(raw: object) -> None:
    assert not is_blank(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  张三 ", "张三"),
        (2018.0, "2018"),  # an id typed as a number loses its '.0'
        (12, "12"),
        (1.5, "1.5"),
        (True, "TRUE"),
        (False, "FALSE"),
        (MARCH_5, "2018-03-05"),
        (dt.datetime(2018, 3, 5), "2018-03-05"),
        (dt.datetime(2018, 3, 5, 9, 30), "2018-03-05 09:30:00"),
        ("a\x00b\x1fc", "abc"),
    ],
)
def test_parse_text(raw: object, expected: str) -> None:
    assert parse_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(2.0, "2"), (2.5, "2.5"), ("两人", "两人"), (MARCH_5, "2018-03-05"), ("a\x07b", "ab")],
)
def test_display(raw: object, expected: str) -> None:
    assert display(raw) == expected


# ------------------------------------------------------------------ labels


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("财政列支经费（万元）：", "财政列支经费(万元)"),
        ("财政列支经费(万元):", "财政列支经费(万元)"),
        (" 财政列支 经费 （万元） ", "财政列支经费(万元)"),
        ("中心\u3000名称：", "中心名称"),
        ("中心名称:", "中心名称"),
        ("【备注】", "[备注]"),
        ("步行可达时间（分钟）", "步行可达时间(分钟)"),
        ("ＡＢＣ１２３", "ABC123"),
    ],
)
def test_normalize_label(typed: str, clean: str) -> None:
    assert normalize_label(typed) == normalize_label(clean) == clean


def test_normalize_label_keeps_distinct_labels_distinct() -> None:
    assert normalize_label("财政列支经费(万元)") != normalize_label("党费补助经费(万元)")


@given(st.text())
@example("e\u00b4")  # NFKC turns the acute accent into a space + combining mark
def test_normalize_label_is_idempotent(text: str) -> None:
    once = normalize_label(text)
    assert normalize_label(once) == once


def _fold_in_full(text: str) -> str:
    """What normalize_label makes of a text the long way (its fast path must agree)."""
    folded = _FORMAT.sub("", text)
    for _ in range(4):
        previous = folded
        folded = _BLANKS.sub("", unicodedata.normalize("NFKC", folded))
        if folded == previous:
            break
    return _TRAILING_COLON.sub("", folded.replace("【", "[").replace("】", "]"))


@given(st.text(st.characters(blacklist_categories=["Cs"])))
@example("中文：")  # NFKC turns the full-width colon into ":", then dropped
@example("ﬁ")  # a ligature: not NFKC-normal, though printable
@example("a\u00a0b")  # a non-breaking space: not printable, folded away
@example("【一】")
def test_normalize_label_fast_path_folds_as_in_full(text: str) -> None:
    assert normalize_label(text) == _fold_in_full(text)


@given(st.text(st.characters(blacklist_categories=["Cs"])))
@example("\u200b是\ufeff")
@example(" 张三\t")
def test_parse_text_fast_path_cleans_as_in_full(text: str) -> None:
    assert parse_text(text) == _CONTROL.sub("", _FORMAT.sub("", text)).strip()


def _compared_in_full(status: str, value: object, raw: object) -> str:
    if status == "blank":
        return ""
    shown = value if status == "ok" else raw
    if isinstance(shown, str):
        return normalize_label(shown)
    if isinstance(shown, dt.date | dt.time):
        return shown.isoformat()
    return display(shown)


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(allow_nan=False),
    st.text(),
    st.dates(),
    st.datetimes(),
    st.times(),
)


@given(st.sampled_from(["ok", "blank", "error"]), _VALUES, _VALUES)
@example("ok", 12.0, 12.0)
@example("ok", float("inf"), "inf")
@example("error", None, "3.9x")
@example("ok", dt.datetime(2018, 3, 9, 10, 30), 43168.4375)
def test_comparison_text_is_the_value_folded_and_shown(status: str, value: object, raw: object) -> None:
    """The text the 疑点 compare: a value folded as a label, a date or time in ISO form, a number as it is
    shown (12.0 as 12), an error as typed, a blank as nothing (its short paths agree with the whole rule)."""
    assert comparison_text(status, value, raw) == _compared_in_full(status, value, raw)


def test_comparison_text_examples() -> None:
    assert comparison_text("ok", "ＧＭ０１ ", "ＧＭ０１ ") == "GM01"
    assert comparison_text("ok", dt.date(2018, 3, 9), 43168.0) == "2018-03-09"
    assert comparison_text("ok", 12.0, "12") == "12"
    assert comparison_text("ok", 2.5, 2.5) == "2.5"
    assert comparison_text("error", None, "3.9x") == "3.9x"
    assert comparison_text("blank", None, None) == ""


# ------------------------------------------------------------------ yes / no

YES_TYPED = [
    "是",
    "有",
    "√",
    "✓",
    "☑",
    "✅",
    "已",
    "Y",
    "y",
    "yes",
    "Yes",
    "YES",
    "true",
    "TRUE",
    "True",
    "1",
    "ｙｅｓ",
]
NO_TYPED = [
    "否",
    "无",
    "×",
    "✗",
    "☒",
    "❌",
    "x",
    "X",
    "未",
    "N",
    "n",
    "no",
    "No",
    "NO",
    "false",
    "FALSE",
    "False",
    "0",
]


@pytest.mark.parametrize("word", YES_TYPED)
def test_yes_words(word: str) -> None:
    assert parse_yesno(word) is True
    assert parse_yesno(f"  {word} ") is True
    assert parse_yesno(f"\u3000{word}\u3000") is True


@pytest.mark.parametrize("word", NO_TYPED)
def test_no_words(word: str) -> None:
    assert parse_yesno(word) is False
    assert parse_yesno(f"  {word} ") is False
    assert parse_yesno(f"\u3000{word}\u3000") is False


@pytest.mark.parametrize(
    ("raw", "expected"), [(True, True), (False, False), (1, True), (0, False), (1.0, True), (0.0, False)]
)
def test_yesno_cells(raw: object, expected: bool) -> None:
    assert parse_yesno(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("是（已上墙）", True),  # the answer, then a remark on it
        ("是(制度上墙)", True),
        ("√（门头悬挂）", True),
        ("是，已建立台账", True),
        ("是；见附件", True),
        ("是。", True),
        ("否（正在建设）", False),
        ("无，计划明年建立", False),
        ("×、未上墙", False),
    ],
)
def test_a_yes_or_no_with_a_remark(raw: str, expected: bool) -> None:
    assert parse_yesno(raw) is expected


@pytest.mark.parametrize(
    "raw",
    ["2", 2, -1, 0.5, "也许", "是否", "不", "ok", MARCH_5, "yes no", "(是)", "是（", "也许（是）", "，是"],
)
def test_yesno_rejects(raw: object) -> None:
    with pytest.raises(ParseError) as info:
        parse_yesno(raw)
    assert "是" in info.value.expected and "否" in info.value.expected


def test_yesno_custom_vocabulary() -> None:
    assert parse_yesno("达标", yes=("达标",), no=("不达标",)) is True
    assert parse_yesno(" 不达标 ", yes=("达标",), no=("不达标",)) is False
    with pytest.raises(ParseError):
        parse_yesno("是", yes=("达标",), no=("不达标",))


def test_default_vocabulary_yes_and_no_do_not_overlap() -> None:
    yes = {normalize_label(w).lower() for w in DEFAULT_YES}
    no = {normalize_label(w).lower() for w in DEFAULT_NO}
    assert not yes & no


@given(st.text())
def test_yesno_only_raises_parse_error(text: str) -> None:
    try:
        result = parse_yesno(text)
    except ParseError:
        return
    assert isinstance(result, bool)


@given(st.one_of(st.integers(), st.floats()))
def test_yesno_numbers_only_raise_parse_error(raw: float) -> None:
    try:
        result = parse_yesno(raw)
    except ParseError:
        return
    assert result is (raw == 1)


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("raw", "units", "expected"),
    [
        (2, (), Decimal(2)),
        (2.0, (), Decimal(2)),
        (3.5, (), Decimal("3.5")),
        (0.1, (), Decimal("0.1")),  # a float cell reads as typed, not as its binary expansion
        (-4, (), Decimal(-4)),
        ("2", (), Decimal(2)),
        ("２", (), Decimal(2)),
        (" 2 ", (), Decimal(2)),
        ("\u30002\u3000", (), Decimal(2)),
        ("３．５", (), Decimal("3.5")),
        ("2.50", (), Decimal("2.5")),
        ("-1.5", (), Decimal("-1.5")),
        ("1,000", (), Decimal(1000)),
        ("1,000,000", (), Decimal(1000000)),
        ("１２，０００元", ("元",), Decimal(12000)),
        ("1,234.5", (), Decimal("1234.5")),
        ("2人", ("人",), Decimal(2)),
        ("2 人", ("人", "名"), Decimal(2)),
        ("3名", ("人", "名"), Decimal(3)),
        ("3.5万元", ("万元",), Decimal("3.5")),
        ("３.５ 万元", ("万元",), Decimal("3.5")),
        ("12分钟", ("分钟", "分"), Decimal(12)),
        ("12分", ("分钟", "分"), Decimal(12)),
        ("12", ("分钟", "分"), Decimal(12)),
        ("约10分钟", ("分钟", "分"), Decimal(10)),  # about so much: that number
        ("10分钟左右", ("分钟", "分"), Decimal(10)),
        ("大约 50 人", ("人",), Decimal(50)),
        ("约为3.5万元", ("万元",), Decimal("3.5")),
        ("20上下", (), Decimal(20)),
    ],
)
def test_parse_number(raw: object, units: tuple[str, ...], expected: Decimal) -> None:
    result = parse_number(raw, units)
    assert isinstance(result, Decimal)
    assert result == expected


@pytest.mark.parametrize(
    ("raw", "units"),
    [
        ("两人", ("人",)),
        ("两人", ()),
        ("2人", ()),  # a unit that the field does not allow
        ("3.5万元", ("人",)),
        ("3.5万元", ()),
        ("3.5元", ("万元",)),
        ("人", ("人",)),
        ("", ()),
        ("abc", ()),
        ("1.2.3", ()),
        ("1e3", ()),
        ("NaN", ()),
        ("Infinity", ()),
        ("2人人", ("人",)),
        ("10余分钟", ("分钟",)),  # more than 10: no number
        ("3,5", ()),  # a comma that groups no thousands: 3.5 or 3 and 5, never 35
        ("3，5人", ("人",)),
        ("12,5", ()),
        ("1,00", ()),
        ("12,0000", ()),
        ("10多人", ("人",)),
        ("10-15分钟", ("分钟",)),
        ("约", ()),
        ("约人", ("人",)),
        (True, ()),
        (False, ()),
        (float("nan"), ()),
        (float("inf"), ()),
        (float("-inf"), ()),
        (MARCH_5, ()),
        (None, ()),
    ],
)
def test_parse_number_rejects(raw: object, units: tuple[str, ...]) -> None:
    with pytest.raises(ParseError) as info:
        parse_number(raw, units)
    assert "数字" in info.value.expected


def test_parse_number_error_names_the_allowed_units() -> None:
    with pytest.raises(ParseError) as info:
        parse_number("3.5元", ("万元",))
    assert "万元" in info.value.expected


def test_two_people_in_words_is_a_parse_error_not_zero() -> None:
    with pytest.raises(ParseError):
        parse_number("两人", ("人", "名"))
    with pytest.raises(ParseError):
        parse_integer("两人", ("人", "名"))


@pytest.mark.parametrize(
    ("raw", "units", "expected"),
    [
        (3, (), 3),
        (3.0, (), 3),
        ("3", (), 3),
        ("３人", ("人",), 3),
        (" 30 名 ", ("人", "名"), 30),
        ("2.0", (), 2),
    ],
)
def test_parse_integer(raw: object, units: tuple[str, ...], expected: int) -> None:
    result = parse_integer(raw, units)
    assert type(result) is int
    assert result == expected


@pytest.mark.parametrize(
    ("raw", "units"), [("2.5", ()), (2.5, ()), ("两人", ("人",)), ("2人", ()), (True, ())]
)
def test_parse_integer_rejects(raw: object, units: tuple[str, ...]) -> None:
    with pytest.raises(ParseError) as info:
        parse_integer(raw, units)
    assert "整数" in info.value.expected


@given(st.decimals(places=4, allow_nan=False, allow_infinity=False), st.sampled_from(["万元", "人", "分钟"]))
def test_number_forms_parse_equal(number: Decimal, unit: str) -> None:
    text = str(number)
    units = ("万元", "人", "名", "分钟", "分")
    forms = [
        text,
        full_width(text),
        f"  {text} ",
        f"\u3000{full_width(text)}\u3000",
        f"{text}{unit}",
        f"{full_width(text)} {unit}",
        f" {text}{unit} ",
    ]
    for form in forms:
        assert parse_number(form, units) == number, form


@given(st.decimals(places=4, allow_nan=False, allow_infinity=False))
def test_number_with_a_unit_not_allowed_is_rejected(number: Decimal) -> None:
    with pytest.raises(ParseError):
        parse_number(f"{number}万元", ("人",))


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integer_forms_parse_equal(number: int) -> None:
    for form in (number, float(number), str(number), full_width(str(number)), f" {number}人 "):
        assert parse_integer(form, ("人",)) == number


NUMBER_PARSERS = [
    pytest.param(lambda raw: parse_number(raw), id="number"),
    pytest.param(lambda raw: parse_number(raw, ("万元", "人")), id="number-units"),
    pytest.param(lambda raw: parse_integer(raw), id="integer"),
    pytest.param(lambda raw: parse_integer(raw, ("人", "名")), id="integer-units"),
]


@pytest.mark.parametrize("parse", NUMBER_PARSERS)
@given(raw=st.one_of(st.text(), st.integers(), st.floats()))
@example(raw=float("nan"))
def test_number_parsers_only_raise_parse_error(parse: Callable[[object], object], raw: object) -> None:
    with contextlib.suppress(ParseError):
        parse(raw)


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "raw",
    [
        MARCH_5,
        dt.datetime(2018, 3, 5),
        dt.datetime(2018, 3, 5, 14, 30),
        43164,  # Excel serial (1900 system): =DATE(2018,3,5) is 43164
        43164.0,
        43164.75,  # a serial with a time of day
        "2018-03-05",
        "2018-3-5",
        "2018/3/5",
        "2018/03/05",
        "2018.3.5",
        "2018.03.05",
        "2018年3月5日",
        "2018年03月05日",
        "2018 年 3 月 5 日",
        "20180305",
        20180305,  # 20180305 typed into a number cell
        20180305.0,
        "  2018-03-05  ",
        "\u30002018/3/5\u3000",
        "２０１８-０３-０５",
        "２０１８年３月５日",
        "２０１８０３０５",
        "2018-03-05 00:00:00",
        "2018-03-05 14:30",
        "2018年3月5号",  # 号 for 日, as people say it
        "2018.03.05上午",  # a time of day after the day
        "2018.3.5 下午2:30-4:00",
        "2018.3.5 14:00-16:00",
        "2018年3月5日 9:00至11:30",
        "2018.3.5 8:30-17",  # office hours ending on the hour: a time, not the days 5 to 17
        "2018.3.5 上午8:30-下午5:30",
        "2018.3.5 8点30-17点30",
        "2018.3.5 8点半",
        "2018.3.5 早8:30-晚17:30",
        "2018.3.5 8.30-17.30",
        "2018.3.5 8:30-12:00 14:00-17:30",
        "2018.3.5 8:30-12:00，14:00-17:30",
        "2018.3.5 8:30-17点",
        "2018-03-05 8:30 - 17时",
        "2018.3.5 上午8:30-11",
        "2018.3.5-3.5",  # a range of one day: the day
    ],
)
def test_parse_date(raw: object) -> None:
    result = parse_date(raw)
    assert type(result) is dt.date
    assert result == MARCH_5


@pytest.mark.parametrize(
    ("raw", "last"),
    [
        ("2018.3.5-3.7", dt.date(2018, 3, 7)),
        ("2018.3.5—3.7", dt.date(2018, 3, 7)),
        ("2018.3.5～3.7", dt.date(2018, 3, 7)),
        ("2018年3月5日-7日", dt.date(2018, 3, 7)),
        ("2018年3月5日至8日", dt.date(2018, 3, 8)),
        ("2018年3月5日-3月9日", dt.date(2018, 3, 9)),
        ("2018-3-5至2018-3-7", dt.date(2018, 3, 7)),
        ("2018/3/5~2018/4/2", dt.date(2018, 4, 2)),
    ],
)
def test_a_range_is_a_span_of_days_that_reads_as_its_first_day(raw: str, last: dt.date) -> None:
    result = parse_date(raw)
    assert isinstance(result, DaySpan) and result == MARCH_5 and result.first == MARCH_5
    assert result.last == last
    assert list(result.days()) == [MARCH_5 + dt.timedelta(days=n) for n in range((last - MARCH_5).days + 1)]
    assert pickle.loads(pickle.dumps(result)).last == last


def test_a_range_over_the_new_year_and_a_range_ending_before_it_starts() -> None:
    over = parse_date("2018.12.30-1.2")
    assert isinstance(over, DaySpan) and over.last == dt.date(2019, 1, 2)
    assert parse_date("12月30日-1月2日") == MonthDay(12, 30, last=(1, 2))
    with pytest.raises(ParseError, match="时间段的结束早于开始"):
        parse_date("2018.3.5-2.7")  # no span of eleven months into the next year
    with pytest.raises(ParseError, match="时间段的结束早于开始"):
        parse_date("2018-3-5至2018-3-1")


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (43101, dt.date(2018, 1, 1)),
        (43164, MARCH_5),
        (43165, dt.date(2018, 3, 6)),
        (43465, dt.date(2018, 12, 31)),
        (32874, dt.date(1990, 1, 1)),
        (2958465, dt.date(9999, 12, 31)),
    ],
)
def test_excel_serials(serial: int, expected: dt.date) -> None:
    """Serials as Excel shows them: 43101 is 2018-01-01 (Excel's =DATE(2018,1,1))."""
    assert parse_date(serial) == expected
    assert parse_date(float(serial)) == expected


def test_excel_serial_1904_system() -> None:
    assert parse_date(43164 - 1462, epoch1904=True) == MARCH_5
    assert parse_date(0.0 + 41702, epoch1904=True) == MARCH_5


@pytest.mark.parametrize(
    "raw",
    [
        "2018-02-30",
        "2018/2/30",
        "2018年2月30日",
        "20180230",
        20180230,
        "2018-13-01",
        "2018-00-10",
        "2019-02-29",
        "去年",
        "今天",
        "三月五日",
        "2018",
        "2018-13",
        "13月5日",
        "2月30日",
        "3.9",
        3.9,
        2018.3,
        43,
        32873,  # 1989-12-31: no one types a date this way
        "2018-03-05-01",  # no range: 01 is no later day
        "2018.3.5-5",
        "2018.3.5-40",
        "2018.3.5-",
        "2018.3.5至",
        "2018.3.5 abc",
        "2018.3.5至明天",
        "",
        "abc",
        True,
        False,
        0,
        -1,
        float("nan"),
        float("inf"),
        3_000_000,
        None,
    ],
)
def test_parse_date_rejects(raw: object) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(raw)
    assert "日期" in info.value.expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2018-01-02（周二）", dt.date(2018, 1, 2)),
        ("2018-01-02(周二)", dt.date(2018, 1, 2)),
        ("2018年1月2日 星期二", dt.date(2018, 1, 2)),
        ("2018年1月2日星期二", dt.date(2018, 1, 2)),
        ("2018/1/7 周日", dt.date(2018, 1, 7)),
        ("2018.1.7（星期天）", dt.date(2018, 1, 7)),
        ("3月15日", MonthDay(3, 15)),
        ("3月15号", MonthDay(3, 15)),
        ("3-15", MonthDay(3, 15)),
        ("3/15", MonthDay(3, 15)),
        ("3月15日至17日", MonthDay(3, 15, last=(3, 17))),  # a range without its year
        ("3月15日-3月17日", MonthDay(3, 15, last=(3, 17))),
        ("3/15至3/17", MonthDay(3, 15, last=(3, 17))),
        ("3月15日上午", MonthDay(3, 15)),
        ("3月15日 8:30-17", MonthDay(3, 15)),  # a time of day, not the days 15 to 17
        ("3月15日-17日", MonthDay(3, 15, last=(3, 17))),
        ("２月２９日", MonthDay(2, 29)),
        ("2018年3月", Month(2018, 3)),
        ("2018年3月份", Month(2018, 3)),
        ("2018.3", Month(2018, 3)),
        ("2018-03", Month(2018, 3)),
        ("2018/3", Month(2018, 3)),
        ("\ufeff2018-3-5", dt.date(2018, 3, 5)),
        ("2018-3-5\u200b", dt.date(2018, 3, 5)),
        ("18.3.5", dt.date(2018, 3, 5)),  # a year of two digits
        ("18年3月5日", dt.date(2018, 3, 5)),
        ("18/03/05", dt.date(2018, 3, 5)),
        ("18-3-5（周一）", dt.date(2018, 3, 5)),
    ],
)
def test_dates_as_clerks_type_them(raw: str, expected: object) -> None:
    assert parse_date(raw) == expected


def test_a_weekday_that_contradicts_the_date_is_an_error() -> None:
    with pytest.raises(ParseError, match="星期二，与所写星期不符"):
        parse_date("2018-01-02（周三）")


def test_a_number_no_one_means_as_a_date_says_so() -> None:
    with pytest.raises(ParseError, match="数字不能当作日期"):
        parse_date(3.9)


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u2060", "\u00ad", "\u200d", "\u202c"])
def test_format_characters_are_nothing(invisible: str) -> None:
    assert parse_yesno(f"是{invisible}") is True
    assert parse_yesno(f"{invisible}否") is False
    assert parse_number(f"1{invisible}2人", ["人"]) == Decimal(12)
    assert parse_text(f"{invisible}醴泉{invisible}") == "醴泉"
    assert normalize_label(f"{invisible}是否达标{invisible}") == "是否达标"
    assert is_blank(invisible) and is_blank(f" {invisible}\u3000")
    assert not is_blank(f"{invisible}是")


def test_leap_day_is_a_date() -> None:
    assert parse_date("2020-02-29") == dt.date(2020, 2, 29)


DATES = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2999, 12, 31))


def date_forms(day: dt.date) -> list[str]:
    y, m, d = day.year, day.month, day.day
    return [
        f"{y:04d}-{m:02d}-{d:02d}",
        f"{y}-{m}-{d}",
        f"{y}/{m}/{d}",
        f"{y}/{m:02d}/{d:02d}",
        f"{y}.{m}.{d}",
        f"{y}.{m:02d}.{d:02d}",
        f"{y}年{m}月{d}日",
        f"{y}年{m:02d}月{d:02d}日",
        f"{y:04d}{m:02d}{d:02d}",
    ]


@given(DATES)
def test_every_date_form_parses_back(day: dt.date) -> None:
    for form in date_forms(day):
        for variant in (form, full_width(form), f" {form} ", f"\u3000{full_width(form)}\u3000"):
            assert parse_date(variant) == day, variant
    compact = int(f"{day.year:04d}{day.month:02d}{day.day:02d}")
    assert parse_date(compact) == day
    assert parse_date(float(compact)) == day
    if 1910 <= day.year <= 2199:  # a date a date-formatted cell holds
        assert parse_date(day) == day
        assert parse_date(dt.datetime(day.year, day.month, day.day, 8, 15)) == day
    else:  # a number typed into a date-formatted cell: 3.5 shows as 1900-01-03, 201803 as 2452-07-06
        with pytest.raises(ParseError, match="数字不能当作日期"):
            parse_date(day)


@pytest.mark.parametrize(
    ("typed", "shows"),
    [
        (3.5, dt.datetime(1900, 1, 3, 12)),  # 3月5日 typed as month.day
        (12.27, dt.datetime(1900, 1, 12, 6, 28, 48)),
        (2018.3, dt.datetime(1905, 7, 10, 7, 12)),  # a month typed as year.month
        (43, dt.date(1900, 2, 12)),
        (100, dt.date(1900, 4, 9)),
        (3653, dt.date(1909, 12, 31)),
        (201803, dt.date(2452, 7, 6)),
    ],
)
def test_a_number_typed_into_a_date_formatted_cell_is_named_as_typed(typed: float, shows: dt.date) -> None:
    """python-calamine gives a date for a number in a date-formatted cell (the values below are what it
    reads from such cells): an error showing the number typed, never a day of 1900."""
    with pytest.raises(ParseError, match="单元格里的数字不能当作日期"):
        parse_date(shows)
    assert display(shows) == str(typed)
    assert display(dt.date(1910, 1, 1)) == "1910-01-01" and display(dt.date(2199, 12, 31)) == "2199-12-31"


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_excel_serials_round_trip(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert parse_date(serial) == day
    assert parse_date(serial + 0.5) == day


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_excel_1904_serials_round_trip(day: dt.date) -> None:
    serial = (day - dt.date(1904, 1, 1)).days
    assert parse_date(serial, epoch1904=True) == day


@pytest.mark.parametrize("epoch1904", [False, True])
@given(raw=st.one_of(st.text(), st.integers(), st.floats()))
@example(raw=2958465)  # 9999-12-31 in the 1900 system, beyond it in the 1904 system
def test_parse_date_only_raises_parse_error(epoch1904: bool, raw: object) -> None:
    try:
        result = parse_date(raw, epoch1904)
    except ParseError:
        return
    assert type(result) is dt.date


# ------------------------------------------------------------------ years


@pytest.mark.parametrize(
    "raw",
    [
        2018,
        2018.0,
        "2018",
        " 2018 ",
        "２０１８",
        "2018年",
        "2018年度",
        "2018 年度",
        MARCH_5,
        dt.datetime(2018, 12, 31, 23, 59),
    ],
)
def test_parse_year(raw: object) -> None:
    assert parse_year(raw) == 2018


@pytest.mark.parametrize(
    "raw", ["去年", "18", "18年", "二〇一八", "2018-03", "20180", 2018.5, 1899, 3000, True, "", None]
)
def test_parse_year_rejects(raw: object) -> None:
    with pytest.raises(ParseError) as info:
        parse_year(raw)
    assert "年份" in info.value.expected


@given(st.integers(min_value=1900, max_value=2999))
def test_year_forms_parse_equal(year: int) -> None:
    for form in (
        year,
        float(year),
        str(year),
        full_width(str(year)),
        f" {year}年 ",
        f"{year}年度",
        dt.date(year, 6, 1),
    ):
        assert parse_year(form) == year


@given(raw=st.one_of(st.text(), st.integers(), st.floats()))
def test_parse_year_only_raises_parse_error(raw: object) -> None:
    try:
        result = parse_year(raw)
    except ParseError:
        return
    assert 1900 <= result <= 2999


# ------------------------------------------------------------------ enumerations

EVALUATIONS = ("满意", "基本满意", "不满意", "不了解")


@pytest.mark.parametrize(
    ("raw", "values", "expected"),
    [
        ("满意", EVALUATIONS, "满意"),
        (" 基本 满意 ", EVALUATIONS, "基本满意"),
        ("\u3000不满意\u3000", EVALUATIONS, "不满意"),
        ("专职", ("专职", "兼职"), "专职"),
        ("月指导：", ("月指导", "季督查", "年考核"), "月指导"),
        ("A（甲）", ("A(甲)", "B(乙)"), "A(甲)"),
        ("ａ", ("a", "b"), "a"),
        (1.0, ("1", "2"), "1"),
        (2, ("1", "2"), "2"),
        ("满意√", EVALUATIONS, "满意"),  # the value, ticked
        ("√ 基本满意", EVALUATIONS, "基本满意"),
        ("不满意（✓）", EVALUATIONS, "不满意"),
        ("专职（社区工作者）", ("专职", "兼职"), "专职"),  # the value and a remark on it
        ("达标(已整改)", ("达标", "未达标"), "达标"),
        ("志愿服务活动", ("支部生活日", "志愿服务", "其他"), "志愿服务"),  # the value and its kind
        ("其他类", ("支部生活日", "志愿服务", "其他"), "其他"),
    ],
)
def test_parse_enum(raw: object, values: tuple[str, ...], expected: str) -> None:
    assert parse_enum(raw, values) == expected


@pytest.mark.parametrize(
    ("raw", "values"),
    [
        ("很满意", EVALUATIONS),
        ("满", EVALUATIONS),
        ("√", EVALUATIONS),
        ("很满意√", EVALUATIONS),
        ("达标（部分）", ("达标", "未达标")),  # a remark saying it holds only in part
        ("达标（个别楼层）", ("达标", "未达标")),
        ("志愿服务学习", ("支部生活日", "志愿服务", "其他")),
        ("临时", ("专职", "兼职")),
        ("", ("专职", "兼职")),
        (3, ("1", "2")),
    ],
)
def test_parse_enum_rejects_and_names_the_choices(raw: object, values: tuple[str, ...]) -> None:
    with pytest.raises(ParseError) as info:
        parse_enum(raw, values)
    for value in values:
        assert value in info.value.expected


@given(raw=st.one_of(st.text(), st.integers(), st.floats()))
def test_parse_enum_only_raises_parse_error(raw: object) -> None:
    try:
        result = parse_enum(raw, EVALUATIONS)
    except ParseError:
        return
    assert result in EVALUATIONS


# ------------------------------------------------------------------ extreme integers (beyond float and str())

ALL_PARSERS = [
    pytest.param(parse_yesno, id="yesno"),
    pytest.param(parse_number, id="number"),
    pytest.param(parse_integer, id="integer"),
    pytest.param(parse_date, id="date"),
    pytest.param(parse_year, id="year"),
    pytest.param(lambda raw: parse_enum(raw, EVALUATIONS), id="enum"),
]


@pytest.mark.parametrize("parse", ALL_PARSERS)
@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(10**400, id="1e400"),
        pytest.param(-(10**400), id="-1e400"),
        pytest.param(10**5000, id="1e5000"),
    ],
)
def test_huge_integers_only_raise_parse_error(parse: Callable[[object], object], raw: int) -> None:
    with contextlib.suppress(ParseError):
        parse(raw)


# ------------------------------------------------------------------ a column parsed once per distinct value

RAW_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, 2.5, float("nan")]),
    st.sampled_from(["", " ", "1", "是", "否", "2018.3.5", "2人", "x"]),
    st.dates(dt.date(2017, 1, 1), dt.date(2019, 1, 1)),
)


@given(st.lists(RAW_VALUES, max_size=40), st.sampled_from(["yesno", "number", "date", "text"]))
def test_parse_column_equals_parsing_every_cell(raws: list[object], kind: str) -> None:
    """Parsing a column through its memo gives exactly the cells parsing each value would: 1, 1.0 and True
    are equal in Python but not the same cell value (True is a yes, 1.0 a number typed as 1)."""
    from auditor.workbook.cells import make_cell, parse_column

    parse: Callable[[object], object] = {
        "yesno": lambda raw: parse_yesno(raw),
        "number": lambda raw: parse_number(raw, ("人",)),
        "date": lambda raw: parse_date(raw),
        "text": parse_text,
    }[kind]
    got = parse_column(parse, raws, False)
    want = [make_cell(parse, raw, "", False) for raw in raws]

    def seen(cells: list[Cell]) -> list[tuple[object, ...]]:  # repr: nan is never equal to itself
        return [(c.status, repr(c.value), type(c.value), repr(c.raw), type(c.raw), c.expected) for c in cells]

    assert seen(got) == seen(want)


FRESH_TEXTS = st.one_of(
    RAW_VALUES,
    st.text(max_size=12),  # any text: blanks, format and control characters, full-width letters
    st.sampled_from(["GM01-001", " 张三 ", "138 0013 8000", "Ｑ１０", "a\u200bb", "x" * 32_768]),
)


@given(
    st.lists(FRESH_TEXTS, max_size=30),
    st.sampled_from(["number", "date", "text"]),
    st.booleans(),
    st.booleans(),
)
def test_a_fresh_column_is_the_cells_parsing_makes(
    raws: list[object], kind: str, pii: bool, keyed: bool
) -> None:
    """A column read without the memo (unique ids, names, phone numbers), in whole-column steps where it
    is all printable text, holds exactly the cells make_cell makes, with their comparison texts."""
    from auditor.workbook.cells import make_cell, parse_fresh

    parse: Callable[[object], object] = {
        "number": lambda raw: parse_number(raw, ("人",)),
        "date": lambda raw: parse_date(raw),
        "text": parse_text,
    }[kind]
    for column in (raws, [r for r in raws if isinstance(r, str) and r.strip()]):  # the second: all text
        got = parse_fresh(parse, column, pii, keyed)
        want = [make_cell(parse, raw, "", pii, keyed) for raw in column]
        assert [repr(c) for c in got] == [repr(c) for c in want]
        assert [type(c.value) for c in got] == [type(c.value) for c in want]


@given(st.lists(RAW_VALUES, max_size=12))
def test_one_value_is_parsed_as_in_a_column(raws: list[object]) -> None:
    """A form's field (one value) gets the cell a column holding it gets, from the same memos."""
    from auditor.workbook.cells import parse_column, parse_value

    def parse(raw: object) -> object:
        return parse_number(raw, ("人",))

    for raw in raws:
        alone = parse_value(parse, raw, False)
        assert alone is parse_column(parse, [raw], False)[0] or repr(raw) == "nan"
        assert repr(alone) == repr(make_cell_of(parse, raw))


def make_cell_of(parse: Callable[[object], object], raw: object) -> Cell:
    from auditor.workbook.cells import make_cell

    return make_cell(parse, raw, "", False)


def test_equal_numbers_of_other_kinds_stay_apart_across_columns() -> None:
    """One parser, columns read one after another in a batch: True, 1 and 1.0 are equal in Python but
    are different cells (a yes, a number typed 1); a column mixing them keys each value by its type."""
    from auditor.workbook.cells import parse_column

    def parse(raw: object) -> object:
        return parse_text(raw)

    columns: list[list[object]] = [[True, "x"], [1.0, ""], [1, None], [True, 1.0, 1, False, 0.0]]
    for column in columns * 2:  # the second time from the memos
        cells = parse_column(parse, column, False)
        assert [(c.value, type(c.raw)) for c in cells] == [
            (parse_text(v), type(v)) if v not in ("", None) else (None, type(None)) for v in column
        ]


@given(st.text(alphabet="0123456789-/.年月日 ", max_size=14))
@example("2018.2.30")
@example("2018-3-5")
def test_date_fast_path_agrees_with_the_general_parser(text: str) -> None:
    """Plain ASCII dates take a fast path; a leading blank sends the same text through the general parser
    (which strips it): both must agree, value or refusal."""

    def outcome(raw: str) -> object:
        try:
            return parse_date(raw)
        except ParseError as exc:
            return exc.expected

    assert outcome(text) == outcome(" " + text)


@given(
    st.one_of(
        st.text(), st.sampled_from(["", " ", "\u3000", " 张三 ", "ＧＭ０１", "a\u200bb", "x" * 32_768])
    ),
    st.booleans(),
)
def test_a_text_cell_is_made_as_every_other_cell(raw: str, keyed: bool) -> None:
    """A text in a text column takes a short path; the cell is the one the general steps make."""
    from auditor.workbook.cells import make_cell

    def general(value: object) -> object:  # the same parser, not recognised as the text parser
        return parse_text(value)

    assert make_cell(parse_text, raw, "表!A1", False, keyed) == make_cell(general, raw, "表!A1", False, keyed)


def test_parse_column_remembers_across_columns_and_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo outlives one column (the workbooks of a batch share their dates and answers): a second
    column gets the very cells of the first for equal values, fresh ones for new values, and the memo
    starts over once it holds more than MEMO_LIMIT values."""
    from auditor.workbook import cells as reader

    monkeypatch.setattr(reader, "MEMO_LIMIT", 3)
    monkeypatch.setattr(reader, "_memos", {})

    def parse(raw: object) -> object:
        return parse_date(raw)

    first = reader.parse_column(parse, ["2018.3.5", "2018.3.6", "2018.3.5"], False)
    assert first[0] is first[2] and first[0].value == MARCH_5
    second = reader.parse_column(parse, ["2018.3.6", "x"], False)
    assert second[0] is first[1]
    assert second[1].status == "error" and second[1].expected == "日期（如 2018-03-05）"
    assert len(reader._memos[(parse, False, False, None)]) == 3
    assert reader.parse_column(parse, ["2018.3.7", "2018.3.5"], True)[1] is not first[0]  # pii: its own memo
    reader.parse_column(parse, ["2018.3.8"], False)  # 4 values: over the limit ...
    third = reader.parse_column(parse, ["2018.3.6"], False)  # ... so the next column starts afresh
    assert third[0] is not first[1] and third[0] == first[1]
    assert len(reader._memos[(parse, False, False, None)]) == 1

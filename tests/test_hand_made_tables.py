"""Hand-made tables of another shape than a record a row (shared/spec/inspection-workbook.md, "Hand-made
ledgers"): a duty table kept a week a row under a grouped header (值班人 over 周一…周五), a date typed as a
span of days (2018年1月2日-1月5日), and the same table side by side for two years. Each is read as an
inspector reads it: on shipped sample GM-01 (100.0, base 99.5) and on the second test standard."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.engine import AuditOptions, audit_file
from auditor.result import CenterResult, ClauseResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from auditor.workbook.reader import read_workbook
from auditor.workbook.spans import DaySpan, week_day
from tests.builders import GM01, NO_HINTS, STANDARD_2018, full_center, scored, weekdays, write_workbook
from tests.library_builders import LIBRARY_STANDARD, YEAR, open_days, perfect_library, write

MAKE_UP_2018 = "2018-02-11、2018-02-24、2018-04-08、2018-04-28、2018-09-29、2018-09-30"  # weekend workdays
Book = openpyxl.Workbook


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


@pytest.fixture(scope="module")
def library() -> Standard:
    return load_standard(LIBRARY_STANDARD)


@pytest.fixture(scope="module")
def gm01(std: Standard) -> CenterResult:
    return audit_file(std, GM01, NO_HINTS)


def clause(center: CenterResult, cid: str) -> ClauseResult:
    return next(c for c in center.clauses if c.id == cid)


def found(result: ClauseResult) -> list[tuple[str, str, str]]:
    return [(f.kind, f.location, f.message) for f in result.findings]


def edited(
    std: Standard, tmp_path: Path, edit: Callable[[Book], None], options: AuditOptions = NO_HINTS
) -> CenterResult:
    book = openpyxl.load_workbook(GM01)
    edit(book)
    path = tmp_path / f"v{len(list(tmp_path.iterdir()))}.xlsx"
    book.save(path)
    return audit_file(std, path, options)


def duty_records(book: Book) -> list[tuple[dt.date, str]]:
    records = []
    for day, person in book["值班记录"].iter_rows(min_row=3, max_col=2, values_only=True):
        if isinstance(day, dt.datetime):
            records.append((day.date(), str(person)))
    return records


# --- a week a row: 值班人 merged over 周一…周五, the week's date in 日期 ---------------------------------


def weekly(anchor: Callable[[dt.date], object]) -> Callable[[Book], None]:
    """GM-01's duty as a clerk keeps it a week a row: A2:A3 日期 merged, B2:F2 值班人 merged, row 3 周一…周五;
    each row the week's date as `anchor` gives it from the Monday, and five names."""

    def edit(book: Book) -> None:
        records = duty_records(book)
        sheet = book["值班记录"]
        sheet.delete_rows(2, sheet.max_row)
        sheet.append(["日期", "值班人", None, None, None, None])
        sheet.append([None, "周一", "周二", "周三", "周四", "周五"])
        sheet.merge_cells("B2:F2")
        sheet.merge_cells("A2:A3")
        weeks: dict[dt.date, dict[int, str]] = {}
        for day, person in records:
            if day.weekday() < 5:
                weeks.setdefault(day - dt.timedelta(days=day.weekday()), {})[day.weekday()] = person
        for monday, names in sorted(weeks.items()):
            sheet.append([anchor(monday), *[names.get(k) for k in range(5)]])

    return edit


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


ANCHORS: dict[str, Callable[[dt.date], object]] = {
    "its Monday": lambda monday: monday,
    "its Wednesday": lambda monday: monday + dt.timedelta(days=2),
    "its Sunday, as text": lambda monday: (monday + dt.timedelta(days=6)).strftime("%Y-%m-%d"),
    "its Monday without a year": _md,
    "the week as a span without a year": lambda m: f"{_md(m)}-{_md(m + dt.timedelta(days=4))}",
    "the week as a span": lambda m: f"{m.year}年{_md(m)}-{_md(m + dt.timedelta(days=4))}",
    "a span from the Tuesday to the Saturday": lambda m: (
        f"{(m + dt.timedelta(days=1)).year}年{_md(m + dt.timedelta(days=1))}-{_md(m + dt.timedelta(days=5))}"
    ),
}


@pytest.mark.parametrize("anchor", list(ANCHORS), ids=list(ANCHORS))
def test_a_duty_table_kept_a_week_a_row_counts_every_day(
    std: Standard, gm01: CenterResult, tmp_path: Path, anchor: str
) -> None:
    center = edited(std, tmp_path, weekly(ANCHORS[anchor]))
    assert (center.score, center.base) == (Decimal("100.0"), Decimal("99.5")) == (gm01.score, gm01.base)
    assert scored(center) == scored(gm01)
    duty = clause(center, "2.8")
    assert (duty.status, duty.earned) == ("pass", Decimal(4))
    # every official working day Monday to Friday is there; only the six weekend workdays have no column
    assert found(duty) == [
        (
            "defect",
            "值班记录!A2",
            f"6/250个工作日无记录（需填写值班人），覆盖率97.6%：{MAKE_UP_2018}",
        )
    ]
    assert (
        "值班记录: 第2–3行是分组表头（“值班人”下分周一至周五），每行是一周：每个星期各计一条记录，日期按所在的周推算"
        in (center.warnings)
    )


def test_a_blank_weekday_cell_is_that_day_missing_named_by_its_cell(std: Standard, tmp_path: Path) -> None:
    def holes(book: Book) -> None:
        weekly(ANCHORS["its Monday"])(book)
        sheet = book["值班记录"]
        for row in range(4, 4 + 12):  # the first twelve weeks without Thursday's name (2018-01-04 …)
            sheet.cell(row, 5).value = None

    center = edited(std, tmp_path, holes)
    duty = clause(center, "2.8")
    # 12 Thursdays less 2018-02-15 (春节) and the six weekend workdays: 17 of 250, 93.2%: tier 2
    assert (duty.status, duty.earned) == ("partial", Decimal(2))
    assert found(duty)[0][2].startswith(
        "17/250个工作日无记录（需填写值班人），覆盖率93.2%：2018-01-04、2018-01-11"
    )
    assert (center.base, center.score) == (Decimal("97.5"), Decimal("100.0"))  # 99.5 - 2, the bonus on top


def test_the_weekly_duty_with_hints_on_reads_without_a_hint_error(std: Standard, tmp_path: Path) -> None:
    center = edited(std, tmp_path, weekly(ANCHORS["its Monday"]), AuditOptions())
    assert not [w for w in center.warnings if "疑点未能检查" in w]
    assert center.score == Decimal("100.0")


def test_a_weekly_table_of_the_second_standard_with_a_week_from_sunday(
    library: Standard, tmp_path: Path
) -> None:
    """开放日志 as 开放日期 | 值班馆员 over 星期日…星期六, each week given by its Saturday: the standard's own
    calendar (2021-05-03/04 closed, Saturday 2021-05-08 open) covered in full."""
    days = set(open_days())
    rows: list[list[Any]] = [
        ["开放日期", "值班馆员", *[None] * 6],
        [None, "星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
    ]
    sunday = dt.date(2020, 12, 27)
    while sunday.year <= YEAR:
        week = [sunday + dt.timedelta(days=k) for k in range(7)]
        rows.append([week[6], *["馆员子" if d in days else None for d in week]])
        sunday += dt.timedelta(days=7)
    sheets = perfect_library()
    sheets["开放日志"] = rows
    clean = audit_file(library, write(tmp_path, "clean", perfect_library()), NO_HINTS)
    path = write(tmp_path, "weekly", sheets)
    book = openpyxl.load_workbook(path)
    book["开放日志"].merge_cells("B1:H1")
    book["开放日志"].merge_cells("A1:A2")
    book.save(path)
    center = audit_file(library, path, NO_HINTS)
    assert scored(center) == scored(clean)
    opened = clause(center, "L2.4")
    assert (opened.status, opened.earned, found(opened)) == ("pass", Decimal(4), [])
    assert (
        "开放日志: 第1–2行是分组表头（“值班馆员”下分星期日至星期六），每行是一周：每个星期各计一条记录，日期按所在的周推算"
        in (center.warnings)
    )


def test_weekday_sub_headers_without_a_date_column_are_said_not_read(std: Standard, tmp_path: Path) -> None:
    sheets = full_center()
    sheets["值班记录"] = [["值班人", None, None], ["周一", "周二", "周三"], ["甲", "乙", "丙"]]
    center = audit_file(std, write_workbook(tmp_path / "nodate.xlsx", sheets), NO_HINTS)
    assert (
        "值班记录: 第1–2行是分组表头（“值班人”下分周一至周三），没有日期列，无法按周读取，只读了周一一列"
        in (center.warnings)
    )
    assert clause(center, "2.8").status == "missing"


# --- a date typed as a span of days -----------------------------------------------------------------


def test_duty_rows_a_week_each_typed_as_a_span_cover_every_day(
    std: Standard, gm01: CenterResult, tmp_path: Path
) -> None:
    def spans(book: Book) -> None:  # one row a week: 2018年1月1日-1月5日 | 邓静、彭桂桂、…
        records = duty_records(book)
        sheet = book["值班记录"]
        sheet.delete_rows(3, sheet.max_row)
        weeks: dict[dt.date, list[tuple[dt.date, str]]] = {}
        for day, person in records:
            weeks.setdefault(day - dt.timedelta(days=day.weekday()), []).append((day, person))
        for days in [weeks[k] for k in sorted(weeks)]:
            first, last = days[0][0], days[-1][0]
            names = "、".join(sorted({p for _, p in days}))
            sheet.append([f"{first.year}年{_md(first)}-{_md(last)}", names])

    center = edited(std, tmp_path, spans)
    assert (center.score, center.base) == (gm01.score, gm01.base) == (Decimal("100.0"), Decimal("99.5"))
    assert scored(center) == scored(gm01)
    duty = clause(center, "2.8")
    assert (duty.status, duty.earned) == ("pass", Decimal(4))
    assert found(duty) == [
        ("note", "值班记录!A3", "52处日期是一段时间（如“2018年1月1日-1月5日”），段内每一天都计入")
    ]


@pytest.mark.parametrize("typed", ["2018.7.6-7.8", "7月6日至8日", "2018年7月6日-7月8日"])
def test_an_activity_over_several_days_counts_once_on_its_first_day(
    std: Standard, gm01: CenterResult, tmp_path: Path, typed: str
) -> None:
    def span(book: Book) -> None:
        sheet = book["活动记录"]
        assert (sheet["A15"].value, sheet["B15"].value) == (dt.datetime(2018, 7, 6), "支部生活日")
        sheet["A15"] = typed

    center = edited(std, tmp_path, span)
    assert scored(center) == scored(gm01) and center.score == Decimal("100.0")
    monthly = clause(center, "3.5")
    assert (monthly.status, monthly.earned) == ("pass", Decimal(6))
    assert found(monthly) == [("note", "活动记录!A15", f"日期“{typed}”是一段时间，按首日2018-07-06计")]


def test_a_span_over_two_months_covers_its_first_month_only(library: Standard, tmp_path: Path) -> None:
    sheets = perfect_library()
    events = sheets["读书活动"]
    assert events[4][:2] == [dt.date(YEAR, 4, 6), "读书会"]
    events[4][0] = "2021.3.30-4.2"  # April's 读书会 typed as a span from March
    events[-4][0] = "2021年4月12日至18日"  # an exhibition of a week: one exhibition
    assert events[-4][1] == "展览"
    center = audit_file(library, write(tmp_path, "spans", sheets), NO_HINTS)
    monthly = clause(center, "L3.3")
    assert (monthly.status, monthly.earned) == ("partial", Decimal("3.5"))
    assert found(monthly) == [
        ("note", "读书活动!A5", "举办时间“2021.3.30-4.2”是一段时间，按首日2021-03-30计"),
        ("defect", "读书活动!A1", "2021年4月无活动形式=读书会记录"),
    ]
    shows = clause(center, "L3.5")
    assert (shows.status, shows.earned) == ("pass", Decimal(2))
    assert found(shows)[-1] == (
        "note",
        f"读书活动!A{len(events) - 3}",
        "举办时间“2021年4月12日至18日”是一段时间，按首日2021-04-12计",
    )


def test_open_days_typed_as_spans_in_the_second_standard(library: Standard, tmp_path: Path) -> None:
    days = open_days()
    sheets = perfect_library()
    runs: list[list[dt.date]] = []
    for day in days:  # consecutive open days as one span: 2021/1/4~2021/1/8
        if runs and day - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    sheets["开放日志"] = [["开放时间", "值守人"]] + [
        [f"{r[0]:%Y/%-m/%-d}~{r[-1]:%Y/%-m/%-d}" if len(r) > 1 else r[0], "馆员子"] for r in runs
    ]
    center = audit_file(library, write(tmp_path, "spans", sheets), NO_HINTS)
    opened = clause(center, "L2.4")
    assert (opened.status, opened.earned) == ("pass", Decimal(4))
    assert found(opened) == [
        (
            "note",
            "开放日志!A3",
            f"{sum(len(r) > 1 for r in runs)}处开放时间是一段时间（如“2021/1/4~2021/1/8”），段内每一天都计入",
        )
    ]


# --- the same table side by side ---------------------------------------------------------------------


def side_by_side(book: Book) -> None:
    """GM-01's 督查记录 moved to F–I, a 2017 block (one record, the same headers) in A–D, as a clerk keeps
    last year's table beside this year's."""
    sheet = book["督查记录"]
    sheet.insert_cols(1, 5)
    for c, name in enumerate(["日期", "类型", "督查人", "发现问题"], 1):
        sheet.cell(2, c).value = name
    sheet["A3"], sheet["B3"], sheet["C3"] = dt.datetime(2017, 8, 10), "月指导", "x"
    sheet["A1"], sheet["F1"] = "2017年", "2018年"


def test_the_block_of_the_audit_year_is_read_beside_last_year_s(
    std: Standard, gm01: CenterResult, tmp_path: Path
) -> None:
    center = edited(std, tmp_path, side_by_side)
    assert (center.score, center.base) == (gm01.score, gm01.base) == (Decimal("100.0"), Decimal("99.5"))
    assert scored(center) == scored(gm01)
    monthly, quarterly = clause(center, "4.2"), clause(center, "4.3")
    assert (monthly.status, monthly.earned, found(monthly)) == (
        "partial",
        Decimal("2.75"),
        [("defect", "督查记录!F2", "2018年8月无类型=月指导记录")],
    )
    assert (quarterly.status, quarterly.earned) == ("pass", Decimal(2))
    said = "督查记录: 表头在A–D列、F–I列各出现一次（并排的2个表格），读取F–I列（日期在2018年），A–D列未读取"
    assert center.warnings == (said,)


def test_audited_for_the_other_year_the_other_block_is_read(std: Standard, tmp_path: Path) -> None:
    center = edited(std, tmp_path, side_by_side, AuditOptions(year=2017, hints=False))
    assert (
        "督查记录: 表头在A–D列、F–I列各出现一次（并排的2个表格），读取A–D列（日期在2017年），F–I列未读取"
        in (center.warnings)
    )
    monthly = clause(center, "4.2")  # 2017: August only
    assert (monthly.status, monthly.earned) == ("partial", Decimal("0.25"))
    assert found(monthly)[0] == ("defect", "督查记录!A2", "2017年1月无类型=月指导记录")


def test_two_halves_of_one_year_side_by_side_are_one_table(std: Standard, tmp_path: Path) -> None:
    sheets = full_center()
    clean = audit_file(std, write_workbook(tmp_path / "clean.xlsx", sheets), NO_HINTS)
    header, *records = sheets["督查记录"]
    first = [r for r in records if r[0].month <= 6]
    second = [r for r in records if r[0].month > 6]
    assert second[1][:2] == [dt.date(2018, 8, 15), "月指导"]
    second[1][0] = "2018.8.32"  # a typo in the right half: an error naming its cell in F
    rows = [[*header, None, *header]]
    for i in range(max(len(first), len(second))):
        left = first[i] if i < len(first) else [None] * 4
        right = second[i] if i < len(second) else [None] * 4
        rows.append([*left, None, *right])
    sheets["督查记录"] = rows
    center = audit_file(std, write_workbook(tmp_path / "halves.xlsx", sheets), NO_HINTS)
    assert center.warnings == (
        "督查记录: 表头在A–D列、F–I列各出现一次（并排的2个表格），都读取，合为一个表格",
    )
    assert [s for s in scored(center) if s[0] not in ("4.2", "4.3")] == [
        s for s in scored(clean) if s[0] not in ("4.2", "4.3")
    ]
    monthly = clause(center, "4.2")
    assert (monthly.status, monthly.earned) == ("error", Decimal("2.75"))
    assert found(monthly) == [
        ("error", "督查记录!F3", "日期无法识别：“2018.8.32”，应为日期（如 2018-03-05）"),
        ("defect", "督查记录!A1", "2018年8月无类型=月指导记录"),
    ]
    assert clause(center, "4.3").earned == Decimal(2)


def test_side_by_side_blocks_in_the_second_standard(library: Standard, tmp_path: Path) -> None:
    sheets = perfect_library()
    clean = audit_file(library, write(tmp_path, "clean", sheets), NO_HINTS)
    header, *events = sheets["读书活动"]
    before = [[dt.date(YEAR - 1, 6, 6), "读书会", "主讲甲", 12], [dt.date(YEAR - 1, 7, 6), "展览", None, 30]]
    rows = [["2020年", None, None, None, None, "2021年"], [*header, None, *header]]
    for i, event in enumerate(events):
        rows.append([*(before[i] if i < len(before) else [None] * 4), None, *event])
    sheets["读书活动"] = rows
    center = audit_file(library, write(tmp_path, "blocks", sheets), NO_HINTS)
    assert scored(center) == scored(clean)
    assert (
        "读书活动: 表头在A–D列、F–I列各出现一次（并排的2个表格），读取F–I列（举办时间在2021年），A–D列未读取"
        in (center.warnings)
    )


def test_a_column_named_twice_is_no_second_table(std: Standard, tmp_path: Path) -> None:
    sheets = full_center()
    sheets["督查记录"] = [[*r, r[0] if i else "日期"] for i, r in enumerate(sheets["督查记录"])]
    center = audit_file(std, write_workbook(tmp_path / "twice.xlsx", sheets), NO_HINTS)
    assert center.warnings == ("督查记录: 表头“日期”出现多次，使用第 A 列",)
    assert center.score == Decimal("100.0")


# --- the same, whatever the clerk types (hypothesis) ------------------------------------------------


def duty_outcome(center: CenterResult) -> tuple[str, object, list[str]]:
    duty = clause(center, "2.8")
    return duty.status, duty.earned, [f.message for f in duty.findings if f.kind != "note"]


def per_day(std: Standard, tmp_path: Path, days: list[dt.date]) -> CenterResult:
    sheets = full_center()
    sheets["值班记录"] = [["日期", "值班人"], *[[d, "值班员"] for d in days]]
    return audit_file(std, write_workbook(tmp_path / "per_day.xlsx", sheets), NO_HINTS)


WEEK_FORMATS = ["date", "iso text", "chinese text", "no year", "span", "span without a year"]


def typed_week(monday: dt.date, offset: int, form: str) -> object:
    """The week of `monday` as a clerk types it in the date column: a day of it (`offset` days on) or a span."""
    day = monday + dt.timedelta(days=offset)
    friday = monday + dt.timedelta(days=4)
    if form == "date":
        return day
    if form == "iso text":
        return day.isoformat()
    if form == "chinese text":
        return f"{day.year}年{_md(day)}"
    if form == "no year":  # a day without its year is read in the audit year: one of the year's own days
        return _md(day if day.year == monday.year else monday)
    if form == "span":
        return f"{monday.year}.{monday.month}.{monday.day}-{friday.month}.{friday.day}"
    return f"{_md(monday)}至{_md(friday)}"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    offset=st.integers(0, 6),
    form=st.sampled_from(WEEK_FORMATS),
    holes=st.sets(st.integers(0, 260), max_size=30),
)
def test_a_week_a_row_reads_as_the_days_it_holds(
    std: Standard, tmp_path: Path, offset: int, form: str, holes: set[int]
) -> None:
    """Any day of the week (or the week as a span), typed any way, with any days left blank: 2.8 as the
    same duty kept a day a row."""
    days = [d for i, d in enumerate(weekdays(2018)) if i not in holes]
    on = set(days)
    rows: list[list[Any]] = [
        ["日期", "值班人", None, None, None, None],
        [None, "周一", "周二", "周三", "周四", "周五"],
    ]
    monday = dt.date(2018, 1, 1)
    while monday.year == 2018:
        week = [monday + dt.timedelta(days=k) for k in range(5)]
        rows.append([typed_week(monday, offset, form), *["值班员" if d in on else None for d in week]])
        monday += dt.timedelta(days=7)
    sheets = full_center()
    sheets["值班记录"] = rows
    path = write_workbook(tmp_path / "weekly.xlsx", sheets)
    book = openpyxl.load_workbook(path)
    book["值班记录"].merge_cells("B1:F1")
    book["值班记录"].merge_cells("A1:A2")
    book.save(path)
    center = audit_file(std, path, NO_HINTS)
    assert duty_outcome(center) == duty_outcome(per_day(std, tmp_path, days))


SPAN_FORMATS = [
    "{a:%Y}.{a.month}.{a.day}-{b.month}.{b.day}",
    "{a:%Y}年{a.month}月{a.day}日-{b.month}月{b.day}日",
    "{a:%Y}/{a.month}/{a.day}~{b:%Y}/{b.month}/{b.day}",
    "{a.month}月{a.day}日至{b.month}月{b.day}日",
]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cuts=st.sets(st.integers(1, 260), max_size=80),
    forms=st.lists(st.sampled_from(SPAN_FORMATS), min_size=1, max_size=4),
)
def test_duty_typed_as_spans_covers_every_day_of_each(
    std: Standard, tmp_path: Path, cuts: set[int], forms: list[str]
) -> None:
    """The duty days cut into runs at random, each run one row typed as a span from its first to its last
    day (the weekend inside it too): 2.8 as the same days kept a day a row."""
    duty = weekdays(2018)
    bounds = [0, *sorted(cuts), len(duty)]
    rows: list[list[Any]] = [["日期", "值班人"]]
    covered: list[dt.date] = []
    for k, (start, end) in enumerate(itertools.pairwise(bounds)):
        first, last = duty[start], duty[end - 1]
        typed = forms[k % len(forms)].format(a=first, b=last) if last > first else first
        rows.append([typed, "值班员"])
        covered += [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    sheets = full_center()
    sheets["值班记录"] = rows
    center = audit_file(std, write_workbook(tmp_path / "spans.xlsx", sheets), NO_HINTS)
    assert duty_outcome(center) == duty_outcome(per_day(std, tmp_path, covered))


@given(
    anchor=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    first=st.integers(0, 6),
    weekday=st.integers(0, 6),
    length=st.integers(0, 6),
)
def test_the_day_of_a_weekday_in_the_week_of_a_day_or_a_span(
    anchor: dt.date, first: int, weekday: int, length: int
) -> None:
    day = week_day(anchor, first, weekday)
    start = anchor - dt.timedelta(days=(anchor.weekday() - first) % 7)  # the week holding the day
    assert day.weekday() == weekday and start <= day <= start + dt.timedelta(days=6)
    assert type(day) is dt.date
    span = DaySpan(anchor, anchor + dt.timedelta(days=length))  # a span of a week at most: its middle's week
    middle = anchor + dt.timedelta(days=length // 2)
    assert week_day(span, first, weekday) == week_day(middle, first, weekday)


def test_each_weekday_record_names_its_own_cell(std: Standard, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(GM01)
    weekly(ANCHORS["its Wednesday"])(book)
    book.save(tmp_path / "weekly.xlsx")
    table = read_workbook(tmp_path / "weekly.xlsx", std).tables["值班记录"]
    first_week = [(table.cell(i, "日期").value, table.cell(i, "值班人").location) for i in range(5)]
    assert first_week == [
        (dt.date(2018, 1, 1) + dt.timedelta(days=k), f"值班记录!{'BCDEF'[k]}4") for k in range(5)
    ]
    assert table.cell(0, "日期").location == "值班记录!A4" and table.location("值班人") == "值班记录!B2"

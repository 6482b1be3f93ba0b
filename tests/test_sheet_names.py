"""A declared sheet found under the name people give it: its own name first, else one sheet extending it
with a year, a word for a list (表, 台账, 清单 …) or a bracketed note; two candidates are a warning, never
a guess (auditor.workbook.sheetnames). The second standard (社区图书室) and the shipped samples end to end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Literal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.engine import AuditOptions, audit_file
from auditor.standard.loader import load_standard
from auditor.workbook.sheetnames import by_year, match_sheets, match_shown
from tests.builders import ROOT, STANDARD_2018
from tests.library_builders import FORM, LIBRARY_STANDARD, perfect_library, write

SheetState = Literal["visible", "hidden", "veryHidden"]
LIBRARY = ["馆情概况", "功能分区", "管理人员", "借阅登记", "开放日志", "读书活动", "读者评议"]


@pytest.mark.parametrize(
    ("actual", "read"),
    [
        ("借阅登记", "借阅登记"),
        (" 借阅 登记 ", " 借阅 登记 "),  # blanks do not count
        ("借阅登记表", "借阅登记表"),
        ("借阅登记台账", "借阅登记台账"),
        ("2018年借阅登记", "2018年借阅登记"),
        ("2018年度借阅登记表", "2018年度借阅登记表"),
        ("借阅登记（2018）", "借阅登记（2018）"),
        ("借阅登记表(1)", "借阅登记表(1)"),
        ("借阅登记2018年", "借阅登记2018年"),
        ("借阅登记【已核】", "借阅登记【已核】"),
        ("上年借阅登记", None),  # a word in front is another list
        ("借阅登记汇总分析", None),
        ("借阅", None),
        ("借阅登记表表", None),
    ],
)
def test_a_sheet_is_taken_under_a_name_people_give_it(actual: str, read: str | None) -> None:
    chosen, warnings = match_sheets(LIBRARY, ["馆情概况", actual])
    assert chosen["借阅登记"] == read and chosen["馆情概况"] == "馆情概况"
    exact = read is not None and actual.replace(" ", "") == "借阅登记"
    assert warnings == ([f"工作表“{actual}”按“借阅登记”读取"] if read is not None and not exact else [])


def test_its_own_name_wins_and_two_candidates_are_a_warning() -> None:
    chosen, warnings = match_sheets(LIBRARY, ["借阅登记表", "借阅登记", "读书活动表", "2019年读书活动"])
    assert (chosen["借阅登记"], chosen["读书活动"]) == ("借阅登记", None)
    assert warnings == [
        "工作表“读书活动表”、“2019年读书活动”都可能是“读书活动”，未读取；请只保留一个或改名为“读书活动”"
    ]


def test_a_sheet_is_never_read_for_two_declared_sheets() -> None:
    chosen, warnings = match_sheets(["登记", "登记表"], ["登记表"])
    assert chosen == {"登记": None, "登记表": "登记表"} and warnings == []
    chosen, _ = match_sheets(["登记", "借阅"], ["登记表", "借阅表"])
    assert chosen == {"登记": "登记表", "借阅": "借阅表"}


@given(
    st.lists(st.sampled_from(["", "2018年", "2018年度"]), max_size=1),
    st.sampled_from(["", "表", "台账", "清单", "登记表", "一览表"]),
    st.sampled_from(["", "（2018）", "(1)", "2018年", "【定稿】"]),
    st.permutations(LIBRARY),
)
def test_any_one_extended_name_is_read_and_said(
    prefix: list[str], word: str, note: str, order: list[str]
) -> None:
    name = f"{''.join(prefix)}开放日志{word}{note}"
    sheets = [name if s == "开放日志" else s for s in order]
    chosen, warnings = match_sheets(LIBRARY, sheets)
    assert chosen == {s: (name if s == "开放日志" else s) for s in LIBRARY}
    assert warnings == ([] if name == "开放日志" else [f"工作表“{name}”按“开放日志”读取"])


def test_the_library_standard_reads_renamed_sheets(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    clean = audit_file(std, write(tmp_path, "clean", perfect_library()), AuditOptions(hints=False))
    sheets = perfect_library()
    renamed = {"借阅登记": "借阅登记表", "开放日志": "2022年开放日志", "读书活动": "读书活动（全年）"}
    path = write(tmp_path, "renamed", {renamed.get(name, name): rows for name, rows in sheets.items()})
    center = audit_file(std, path, AuditOptions(hints=False))
    assert center.score == clean.score == Decimal("100.0")
    assert [(c.id, c.status, c.earned) for c in center.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]
    assert center.warnings[:3] == (
        "工作表“借阅登记表”按“借阅登记”读取",
        "工作表“2022年开放日志”按“开放日志”读取",
        "工作表“读书活动（全年）”按“读书活动”读取",
    )


def test_a_sample_with_renamed_sheets_scores_as_the_sample(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    sample = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # the worked example: 98.9
    book = openpyxl.load_workbook(sample)
    book["活动记录"].title = "活动记录表"
    book["值班记录"].title = "2018年值班记录"
    book["服务台账"].title = "服务台账（2018）"
    book.save(tmp_path / "renamed.xlsx")
    center = audit_file(std, tmp_path / "renamed.xlsx", AuditOptions(hints=False))
    assert center.score == Decimal("98.9")
    clean = audit_file(std, sample, AuditOptions(hints=False))
    assert [(c.id, c.status, c.earned) for c in center.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]
    assert center.warnings == (
        "工作表“活动记录表”按“活动记录”读取",
        "工作表“2018年值班记录”按“值班记录”读取",
        "工作表“服务台账（2018）”按“服务台账”读取",
    )
    # findings name the sheet as the workbook names it
    assert [(f.message, f.location) for c in center.clauses if c.id == "3.5" for f in c.findings] == [
        ("2018年2月无活动类型=支部生活日记录", "活动记录表!B2"),
        ("2018年8月无活动类型=支部生活日记录", "活动记录表!B2"),
    ]


@pytest.mark.parametrize(
    ("candidates", "year", "read"),
    [
        (["2021年开放日志", "2020年开放日志"], 2021, "2021年开放日志"),
        (["2020年开放日志", "2021年度开放日志表"], 2021, "2021年度开放日志表"),
        (["开放日志表", "2020年开放日志"], 2021, "开放日志表"),  # the one giving no year: this year's
        (["开放日志（2021）", "开放日志表"], 2021, "开放日志（2021）"),  # the one giving the year
        (["2019年开放日志", "2020年开放日志", "2021年开放日志"], 2021, "2021年开放日志"),
        (["开放日志表", "开放日志台账"], 2021, None),  # no year tells them apart
        (["开放日志表", "开放日志台账", "2020年开放日志"], 2021, None),
        (["2019年开放日志", "2020年开放日志"], 2021, None),  # neither is this year's
        (["2021年开放日志", "2021年开放日志表"], 2021, None),
        (["2021年开放日志", "2020年开放日志"], None, None),  # the workbook gives no year
    ],
)
def test_the_workbooks_year_tells_two_candidates_apart(
    candidates: list[str], year: int | None, read: str | None
) -> None:
    ambiguous: dict[str, list[str]] = {}
    chosen, warnings = match_sheets(LIBRARY, ["馆情概况", *candidates], ambiguous)
    assert chosen["开放日志"] is None and warnings == [] and ambiguous == {"开放日志": candidates}
    sheet, said = by_year("开放日志", candidates, year)
    assert sheet == read
    if read is None:
        listed = "、".join(f"“{s}”" for s in candidates)
        assert said == f"工作表{listed}都可能是“开放日志”，未读取；请只保留一个或改名为“开放日志”"
    else:
        rest = "、".join(f"“{s}”" for s in candidates if s != read)
        assert said == f"工作表“{read}”按“开放日志”读取（年度为{year}年，{rest}未读取）"


def test_a_library_ledger_kept_a_sheet_a_year_is_read_for_its_year(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean = audit_file(std, write(tmp_path, "clean", sheets), AuditOptions(hints=False))
    log = sheets.pop("开放日志")
    last_year = [log[0], *[[day.replace(year=day.year - 1), who] for day, who in log[1:60]]]
    kept = {**sheets, "2020年开放日志": last_year, "2021年开放日志": log}
    center = audit_file(std, write(tmp_path, "kept", kept), AuditOptions(hints=False))
    assert center.score == clean.score == Decimal("100.0")
    assert [(c.id, c.status, c.earned) for c in center.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]
    assert "工作表“2021年开放日志”按“开放日志”读取（年度为2021年，“2020年开放日志”未读取）" in center.warnings
    # the workbook's year is another: neither sheet is this year's, none is read
    form = [[name, 2022 if name == "统计年份" else value] for name, value in sheets[FORM][1:]]
    other = audit_file(
        std, write(tmp_path, "other", {**kept, FORM: [sheets[FORM][0], *form]}), AuditOptions(hints=False)
    )
    assert (
        "工作表“2020年开放日志”、“2021年开放日志”都可能是“开放日志”，未读取；请只保留一个或改名为“开放日志”"
        in other.warnings
    )


def test_a_sample_with_last_years_duty_log_beside_it_scores_as_the_sample(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    sample = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))
    book = openpyxl.load_workbook(sample)
    book["值班记录"].title = "值班记录表"
    last = book.copy_worksheet(book["值班记录表"])
    last.title = "2017年值班记录"
    for (cell,) in last.iter_rows(min_row=2, max_col=1):
        if isinstance(cell.value, dt.datetime) and not (cell.value.month == 2 and cell.value.day == 29):
            cell.value = cell.value.replace(year=2017)
    book.save(tmp_path / "two-years.xlsx")
    center = audit_file(std, tmp_path / "two-years.xlsx", AuditOptions(hints=False))
    clean = audit_file(std, sample, AuditOptions(hints=False))
    assert center.score == Decimal("98.9")
    assert [(c.id, c.status, c.earned) for c in center.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]
    assert center.warnings == ("工作表“值班记录表”按“值班记录”读取（年度为2018年，“2017年值班记录”未读取）",)


@pytest.mark.parametrize(
    ("actual", "hidden", "read", "said"),
    [
        # Excel's copy of a sheet: the old one hidden keeps the name, the shown copy is this year's
        (
            ["开放日志", "开放日志 (2)", "借阅登记"],
            {"开放日志"},
            "开放日志 (2)",
            "隐藏的工作表“开放日志”未读取，“开放日志”按可见的工作表“开放日志 (2)”读取",
        ),
        (
            ["开放日志", "2020年开放日志", "借阅登记"],
            {"2020年开放日志"},
            "开放日志",
            "隐藏的工作表“2020年开放日志”未读取",
        ),
        (
            ["开放日志", "借阅登记"],
            {"开放日志"},
            "开放日志",
            "工作表“开放日志”是隐藏的工作表，已读取",
        ),  # the only one
        (["开放日志表", "借阅登记"], {"开放日志表"}, "开放日志表", "工作表“开放日志表”按“开放日志”读取"),
        (["开放日志", "借阅登记"], set(), "开放日志", None),
    ],
)
def test_a_shown_sheet_is_read_before_a_hidden_one(
    actual: list[str], hidden: set[str], read: str, said: str | None
) -> None:
    chosen, warnings = match_shown(["开放日志", "借阅登记"], actual, frozenset(hidden))
    assert chosen["开放日志"] == read and chosen["借阅登记"] == "借阅登记"
    assert (warnings[0] if warnings else None) == said
    if read in hidden and read == "开放日志表":
        assert warnings == [said, "工作表“开放日志表”是隐藏的工作表，已读取"]
    elif said is not None:
        assert warnings == [said]


def _hide_old_copy(book: openpyxl.Workbook, name: str, state: SheetState) -> None:
    """Excel's way to start a new year: copy the sheet (it comes out as `name (2)`), hide the old one."""
    shown = book.copy_worksheet(book[name])
    shown.title = f"{name} (2)"
    old = book[name]
    for row in old.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.datetime) and not (cell.value.month == 2 and cell.value.day == 29):
                cell.value = cell.value.replace(year=cell.value.year - 1)
            elif isinstance(cell.value, str) and cell.column > 2:
                cell.value = "其他"  # last year's kinds: none of this year's counts
    old.sheet_state = state
    book.move_sheet(shown, offset=book.index(old) - book.index(shown) + 1)


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_sample_whose_old_sheet_is_hidden_beside_its_copy_scores_as_the_sample(
    tmp_path: Path, state: SheetState
) -> None:
    std = load_standard(STANDARD_2018)
    sample = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # 98.9
    book = openpyxl.load_workbook(sample)
    for name in ("活动记录", "值班记录"):
        _hide_old_copy(book, name, state)
    book.save(tmp_path / "hidden.xlsx")
    center = audit_file(std, tmp_path / "hidden.xlsx", AuditOptions(hints=False))
    clean = audit_file(std, sample, AuditOptions(hints=False))
    assert center.score == Decimal("98.9")
    assert [(c.id, c.status, c.earned) for c in center.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]
    assert center.warnings == (
        "隐藏的工作表“活动记录”未读取，“活动记录”按可见的工作表“活动记录 (2)”读取",
        "隐藏的工作表“值班记录”未读取，“值班记录”按可见的工作表“值班记录 (2)”读取",
    )
    assert [(f.message, f.location) for c in center.clauses if c.id == "3.5" for f in c.findings] == [
        ("2018年2月无活动类型=支部生活日记录", "活动记录 (2)!B2"),
        ("2018年8月无活动类型=支部生活日记录", "活动记录 (2)!B2"),
    ]


def test_the_library_standard_reads_a_hidden_sheet_only_when_no_shown_one_can_be_it(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    path = write(tmp_path, "clean", perfect_library())
    book = openpyxl.load_workbook(path)
    _hide_old_copy(book, "开放日志", "hidden")
    book["读书活动"].sheet_state = "hidden"  # hidden, and the only one: read, and said
    book.save(tmp_path / "hidden.xlsx")
    center = audit_file(std, tmp_path / "hidden.xlsx", AuditOptions(hints=False))
    assert center.score == Decimal("100.0")
    assert center.warnings == (
        "工作表“读书活动”是隐藏的工作表，已读取",
        "隐藏的工作表“开放日志”未读取，“开放日志”按可见的工作表“开放日志 (2)”读取",
    )


@pytest.mark.parametrize(
    ("actual", "year", "read", "said"),
    [
        (
            ["开放日志", "2021年开放日志"],
            2021,
            "2021年开放日志",
            "工作表“2021年开放日志”按“开放日志”读取（年度为2021年，“开放日志”未读取）",
        ),
        (["开放日志", "2020年开放日志"], 2021, "开放日志", "工作表“2020年开放日志”未读取（年度为2021年）"),
        (
            ["开放日志", "2021年开放日志"],
            None,
            "开放日志",
            "工作表“2021年开放日志”未读取（读取同名的工作表“开放日志”）",
        ),
        (
            ["开放日志", "开放日志（2021）", "2021年开放日志"],
            2021,
            "开放日志",
            "工作表“开放日志（2021）”、“2021年开放日志”未读取（读取同名的工作表“开放日志”）",
        ),
    ],
)
def test_a_sheet_named_with_the_year_beside_the_sheet_of_the_name(
    actual: list[str], year: int | None, read: str, said: str
) -> None:
    """The sheet of the declared name kept last year's; this year's is named with its year: the year tells."""
    ambiguous: dict[str, list[str]] = {}
    chosen, warnings = match_sheets(["开放日志"], actual, ambiguous)
    assert chosen == {"开放日志": "开放日志"} and warnings == [] and ambiguous == {"开放日志": actual}
    assert by_year("开放日志", ambiguous["开放日志"], year) == (read, said)


def test_a_sample_whose_sheet_of_the_name_holds_last_year_reads_the_sheet_of_its_year(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    sample = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # 98.9
    book = openpyxl.load_workbook(sample)
    book.copy_worksheet(book["活动记录"]).title = "2018年活动记录"
    old = book["活动记录"]
    for day, kind in old.iter_rows(min_row=3, min_col=2, max_col=3):
        if isinstance(day.value, dt.datetime):
            day.value, kind.value = day.value.replace(year=2017), "其他"
    book.save(tmp_path / "dated.xlsx")
    center = audit_file(std, tmp_path / "dated.xlsx", AuditOptions(hints=False))
    assert center.score == Decimal("98.9")
    assert center.warnings == ("工作表“2018年活动记录”按“活动记录”读取（年度为2018年，“活动记录”未读取）",)
    # last year's kept beside this year's, named with its year: the sheet of the name read, and said
    book = openpyxl.load_workbook(sample)
    book.copy_worksheet(book["活动记录"]).title = "2017年活动记录"
    book.save(tmp_path / "archive.xlsx")
    archive = audit_file(std, tmp_path / "archive.xlsx", AuditOptions(hints=False))
    assert archive.score == Decimal("98.9")
    assert archive.warnings == ("工作表“2017年活动记录”未读取（年度为2018年）",)

"""Tables of several years stacked on one sheet, each under its title and header: the block titled with
another year than the audit year is not read, with a warning (auditor.workbook.stacked). The shipped samples
and the second standard (社区图书室) end to end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from auditor.engine import AuditOptions, audit_file
from auditor.standard.loader import load_standard
from auditor.workbook.stacked import of_year
from tests.builders import NO_HINTS, ROOT, STANDARD_2018, scored
from tests.library_builders import LIBRARY_STANDARD, YEAR, perfect_library, write


def _sample(code: str) -> Path:
    return next((ROOT / "samples" / "2018").glob(f"{code}-*.xlsx"))


def _stack_above(sheet: Worksheet, block: list[list[Any]]) -> None:
    """`block` (a title, a header, records) and a blank row inserted above the sheet's table."""
    sheet.insert_rows(1, len(block) + 1)
    for r, row in enumerate(block, start=1):
        for c, value in enumerate(row, start=1):
            sheet.cell(r, c, value)


def test_last_years_staff_above_this_years_do_not_count(tmp_path: Path) -> None:
    """GM-13 has one 专职 (2.3 fails); last year's list above it, with three 专职, gave it 2.3's 3 points."""
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(_sample("GM-13"))
    staff = book["人员岗位"]
    header: list[object] = [cell.value for cell in staff[1]]
    _stack_above(
        staff,
        [
            ["2017年工作人员岗位设置情况"],
            header,
            ["王一", "咨询接待岗", "专职", "是", None],
            ["王二", "综合事务管理岗", "专职", "是", None],
            ["王三", "咨询接待岗", "专职", "是", None],
        ],
    )
    book.save(tmp_path / "stacked.xlsx")
    center = audit_file(std, tmp_path / "stacked.xlsx", NO_HINTS)
    clean = audit_file(std, _sample("GM-13"), NO_HINTS)
    assert scored(center) == scored(clean) and center.score == clean.score == Decimal("52.2")
    assert next(c for c in center.clauses if c.id == "2.3").earned == 0
    assert "人员岗位: 第3–5行是2017年的表格（标题“2017年工作人员岗位设置情况”），按2018年检查，未读取" in (
        center.warnings
    )


def test_last_years_activities_typed_without_their_year_do_not_count(tmp_path: Path) -> None:
    """GM-02's 活动记录 with 2017's table above it, its days typed 2月8日 (no year): 2018's 2月 and 8月 have
    no 支部生活日 (3.5 partial 5) and stay without one."""
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(_sample("GM-02"))
    activities = book["活动记录"]
    header: list[object] = [cell.value for cell in activities[2]]
    assert header[:3] == ["序号", "日期", "活动类型"]
    rows = [[m, f"{m}月8日", "支部生活日", f"{m}月份支部生活日", 30, "傅珍"] for m in range(1, 13)]
    rows += [
        [13 + k, f"{m}月20日", "志愿服务", "文明交通劝导", 20, "傅珍"] for k, m in enumerate((3, 6, 9, 12))
    ]
    _stack_above(activities, [["醴泉街道凤城社区党群服务中心2017年度活动记录"], header, *rows])
    book.save(tmp_path / "stacked.xlsx")
    center = audit_file(std, tmp_path / "stacked.xlsx", NO_HINTS)
    clean = audit_file(std, _sample("GM-02"), NO_HINTS)
    assert scored(center) == scored(clean) and center.score == Decimal("98.9")
    assert center.warnings == (
        "活动记录: 第3–18行是2017年的表格（标题“醴泉街道凤城社区党群服务中心2017年度…”），按2018年检查，未读取",
    )
    # the audit year given on the command line decides as the workbook's own does
    in_2017 = audit_file(std, tmp_path / "stacked.xlsx", AuditOptions(hints=False, year=2017))
    assert not [w for w in in_2017.warnings if "2017年的表格" in w]


def test_the_second_standard_reads_the_block_of_its_year(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean = audit_file(std, write(tmp_path, "clean", sheets), NO_HINTS)
    events = sheets["读书活动"]
    last = [[f"{m}月10日", *row[1:]] for m, row in zip(range(1, 13), events[1:] * 12, strict=False)]
    sheets["读书活动"] = [*events, [None], [f"{YEAR - 1}年读书活动登记"], events[0], *last]
    center = audit_file(std, write(tmp_path, "stacked", sheets), NO_HINTS)
    assert scored(center) == scored(clean) and center.score == clean.score
    first = len(events) + 4
    assert center.warnings == (
        f"读书活动: 第{first}–{first + len(last) - 1}行是{YEAR - 1}年的表格（标题“{YEAR - 1}年读书活动登记”），"
        f"按{YEAR}年检查，未读取",
    )


ROWS = [
    ["标题2017年"],
    ["日期", "人"],
    [dt.date(2017, 3, 5), "甲"],
    [None],
    ["日期", "人"],
    [dt.date(2018, 3, 5), "乙"],
]


@pytest.mark.parametrize(
    ("rows", "year", "kept"),
    [
        (ROWS, 2018, [5]),  # the block titled 2017 is not read
        (ROWS, 2017, [2, 5]),  # the block of the year and the untitled one
        (ROWS, None, [2, 5]),  # no audit year: every block
        ([["2017年"], *ROWS[1:3], ["2019年"], *ROWS[4:]], 2018, [2, 5]),  # no block of the year: all
        ([["说明：2017年"], *ROWS[1:]], 2018, [5]),  # one text naming one year is the title
        ([["2017—2018年"], *ROWS[1:]], 2018, [2, 5]),  # two years: no year
        ([["甲", "2017年"], *ROWS[1:]], 2018, [2, 5]),  # two cells: no title
    ],
)
def test_which_blocks_a_year_reads(rows: list[list[object]], year: int | None, kept: list[int]) -> None:
    assert of_year(rows, 1, [4], [2, 5], year, "表")[0] == kept

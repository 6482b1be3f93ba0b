"""A table kept on several sheets — 活动记录 and 活动记录（续）, 督查记录（上半年） and （下半年）, Excel's copy
活动记录 (2) — is read as one table, each finding naming the cell on its own sheet; a record a later sheet
repeats counts once (auditor.workbook.sheetnames.parts_of, auditor.workbook.blocks.join_sheets). The shipped
sample and the second standard (社区图书室) end to end."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from auditor.engine import audit_file
from auditor.standard.loader import load_standard
from auditor.workbook.sheetnames import is_part
from tests.builders import NO_HINTS, ROOT, STANDARD_2018, scored
from tests.library_builders import LIBRARY_STANDARD, perfect_library, write

SAMPLE = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # 98.9


@pytest.mark.parametrize(
    ("sheet", "part"),
    [
        ("借阅记录（续）", True),
        ("借阅记录 (2)", True),
        ("借阅记录(3)", True),
        ("借阅记录（下半年）", True),
        ("借阅记录（二）", True),
        ("借阅记录（7-12月）", True),
        ("借阅记录续表", True),
        ("借阅记录表（续）", True),
        ("借阅记录", False),
        ("借阅记录表", False),
        ("借阅记录（2018）", False),  # a year: another sheet of its own, see by_year
        ("2017年借阅记录", False),
        ("借阅记录汇总", False),
    ],
)
def test_a_sheet_named_as_a_part_of_a_table(sheet: str, part: bool) -> None:
    assert is_part("借阅记录", sheet) is part


def _split(book: openpyxl.Workbook, name: str, at: int, names: tuple[str, str]) -> None:
    """The sheet cut at row `at`: its title and header on both halves, the rows from `at` on the second."""
    first = book[name]
    second = book.copy_worksheet(first)
    first.title, second.title = names
    header = 2  # the samples' tables: a title, then the header
    second.delete_rows(header + 1, at - header - 1)
    first.delete_rows(at, first.max_row)


@pytest.mark.parametrize(
    "names",
    [("活动记录", "活动记录（续）"), ("活动记录（1）", "活动记录（2）"), ("活动记录", "活动记录 (2)")],
)
def test_a_sample_with_its_activities_on_two_sheets_scores_as_the_sample(
    tmp_path: Path, names: tuple[str, str]
) -> None:
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    _split(book, "活动记录", 15, names)
    book.save(tmp_path / "split.xlsx")
    center = audit_file(std, tmp_path / "split.xlsx", NO_HINTS)
    clean = audit_file(std, SAMPLE, NO_HINTS)
    assert scored(center) == scored(clean) and center.score == Decimal("98.9")
    assert center.warnings == (f"工作表“{names[0]}”、“{names[1]}”按“活动记录”合并为一个表格读取",)


def test_a_finding_on_the_second_sheet_names_its_cell_there(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    _split(book, "服务台账", 30, ("服务台账", "服务台账（下半年）"))
    book["服务台账（下半年）"]["F5"] = None  # 首问责任人 left blank on the second sheet's third record
    book.save(tmp_path / "split.xlsx")
    center = audit_file(std, tmp_path / "split.xlsx", NO_HINTS)
    c33 = next(c for c in center.clauses if c.id == "3.3")
    assert (c33.status, c33.earned) == ("fail", 0)  # every record must name one
    assert [(f.message, f.location) for f in c33.findings if f.kind != "note"] == [
        ("第5行首问责任人未填写（1/60条）", "服务台账（下半年）!F5")
    ]


def test_a_copy_of_the_sheet_beside_it_counts_each_record_once(tmp_path: Path) -> None:
    """Excel's copy 活动记录 (2) holding the same records: nothing counts twice (3.6 asks for 4 志愿服务)."""
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    book.copy_worksheet(book["活动记录"]).title = "活动记录 (2)"
    book.save(tmp_path / "copy.xlsx")
    center = audit_file(std, tmp_path / "copy.xlsx", NO_HINTS)
    clean = audit_file(std, SAMPLE, NO_HINTS)
    assert scored(center) == scored(clean) and center.score == Decimal("98.9")
    notes = [f for c in center.clauses if c.id == "3.6" for f in c.findings if f.kind == "note"]
    assert notes[0].message == "第3行与工作表“活动记录”第3行重复，只计一次"
    assert notes[0].location == "活动记录 (2)!B3"
    activities = book["活动记录"]
    assert len(notes) == sum(activities[f"B{r}"].value is not None for r in range(3, activities.max_row + 1))


def test_the_second_standard_reads_its_log_on_two_sheets(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean = audit_file(std, write(tmp_path, "clean", sheets), NO_HINTS)
    log = sheets.pop("开放日志")
    half = len(log) // 2
    sheets["开放日志（上半年）"], sheets["开放日志（下半年）"] = log[:half], [log[0], *log[half:]]
    center = audit_file(std, write(tmp_path, "split", sheets), NO_HINTS)
    assert scored(center) == scored(clean) and center.score == clean.score == Decimal("100.0")
    assert center.warnings == (
        "工作表“开放日志（上半年）”、“开放日志（下半年）”按“开放日志”合并为一个表格读取",
    )
    del sheets["开放日志（下半年）"]  # the first half only: the days of the second half are missing
    half_only = audit_file(std, write(tmp_path, "half", sheets), NO_HINTS)
    assert half_only.score < clean.score

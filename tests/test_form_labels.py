"""How a form's cells name its fields, as clerks type them: the label and its value in one cell after a
colon (中心编号：GM-02), a label with a bracketed note (图书室名称（全称）), a label without the unit it is
declared with (藏书总量 for 藏书总量(册)); none of them is ever another field's value. The second standard
(社区图书室) and a shipped sample, end to end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from auditor.engine import AuditOptions, audit_file
from auditor.standard.loader import load_standard
from auditor.workbook.reader import read_workbook
from tests.builders import ROOT, STANDARD_2018
from tests.library_builders import FORM, LIBRARY_STANDARD, perfect_library, write

NO_HINTS = AuditOptions(hints=False)


def form_rows(sheets: dict[str, list[list[Any]]]) -> list[list[Any]]:
    return sheets[FORM]


def retyped(tmp_path: Path, change: dict[str, list[Any]]) -> Path:
    """The perfect library with some of its form rows typed otherwise (label -> the row as typed)."""
    sheets = perfect_library()
    sheets[FORM] = [change.get(row[0], row) if row else row for row in sheets[FORM]]
    return write(tmp_path, "typed", sheets)


@pytest.mark.parametrize(
    ("row", "field", "value", "location"),
    [
        (["图书室编号：LIB-9"], "图书室编号", "LIB-9", "B3"),
        (["图书室编号: LIB-9 "], "图书室编号", "LIB-9", "B3"),
        (["统计年份：2021年"], "统计年份", 2021, "B6"),
        (["图书室名称（全称）", "春晖社区图书室"], "图书室名称", "春晖社区图书室", "C2"),
        (["藏书总量", "3200册"], "藏书总量(册)", 3200, "C9"),
        (["藏书总量（册）：3200"], "藏书总量(册)", 3200, "B9"),
        (["无障碍通道：达标"], "无障碍通道", True, "B13"),
    ],
)
def test_a_form_label_as_a_clerk_types_it(
    tmp_path: Path, row: list[Any], field: str, value: object, location: str
) -> None:
    std = load_standard(LIBRARY_STANDARD)
    label = next(r[0] for r in perfect_library()[FORM] if r and r[0].startswith(field[:4]))
    path = retyped(tmp_path, {label: [None, *row]})  # the label one column in, as after a 序号 column
    cell = read_workbook(path, std).forms[FORM].fields[field]
    assert (cell.status, cell.value, cell.location) == ("ok", value, f"{FORM}!{location}")


def test_a_label_with_its_value_is_never_another_fields_value(tmp_path: Path) -> None:
    # 图书室名称 left blank, 图书室编号 and its value in the next cell of the row
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    rows = form_rows(sheets)
    name = next(i for i, r in enumerate(rows) if r and r[0] == "图书室名称")
    rows[name] = ["图书室名称", None, "图书室编号：LIB-9"]
    rows[:] = [r for r in rows if not (r and r[0] == "图书室编号")]
    fields = read_workbook(write(tmp_path, "pairs", sheets), std).forms[FORM].fields
    assert (fields["图书室名称"].status, fields["图书室编号"].value) == ("blank", "LIB-9")
    assert fields["图书室编号"].location == f"{FORM}!C2"


def test_the_library_scores_the_same_with_labels_typed_otherwise(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    clean = audit_file(std, write(tmp_path, "clean", perfect_library()), NO_HINTS)
    sheets = perfect_library()
    sheets[FORM] = [
        [f"{row[0]}：{row[1]}"] if row and len(row) == 2 and isinstance(row[1], str | int) else row
        for row in sheets[FORM]
    ]
    typed = audit_file(std, write(tmp_path, "inline", sheets), NO_HINTS)
    assert (typed.score, typed.center_id, typed.name) == (clean.score, clean.center_id, clean.name)
    assert [(c.id, c.status, c.earned) for c in typed.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]


def test_a_sample_with_values_typed_in_the_label_cells_scores_as_the_sample(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    sample = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # the worked example: 98.9
    book = openpyxl.load_workbook(sample)
    form = book["基本信息"]
    moved = 0
    for row in form.iter_rows():
        for cell in row:
            if cell.value in ("中心编号", "检查年度", "检查日期", "开展双诺双述双评", "财政列支经费(万元)"):
                right = form.cell(cell.row, cell.column + 1)
                value = (
                    right.value.date().isoformat() if isinstance(right.value, dt.datetime) else right.value
                )
                label = str(cell.value).replace("(万元)", "")  # typed without its unit
                cell.value, right.value = f"{label}：{value}", None
                moved += 1
    assert moved == 5
    book.save(tmp_path / "inline.xlsx")
    center = audit_file(std, tmp_path / "inline.xlsx", NO_HINTS)
    clean = audit_file(std, sample, NO_HINTS)
    assert (center.score, center.center_id, center.year, center.date) == (
        Decimal("98.9"),
        "GM-02",
        2018,
        clean.date,
    )
    assert [(c.id, c.status, c.earned) for c in center.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]
    assert center.warnings == clean.warnings == ()

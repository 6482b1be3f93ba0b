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

from auditor.engine import audit_file
from auditor.standard.loader import load_standard
from auditor.workbook.reader import read_workbook
from tests.builders import NO_HINTS, ROOT, STANDARD_2018
from tests.library_builders import FORM, LIBRARY_STANDARD, perfect_library, write


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


@pytest.mark.parametrize(
    "label",
    [
        "1.图书室编号",
        "1、图书室编号",
        "一、图书室编号",
        "（一）图书室编号",
        "2 图书室编号",
        "*图书室编号",
        "※图书室编号",
        "★ 图书室编号",
    ],
)
def test_a_label_numbered_or_marked_as_a_list_of_rows_is_read(tmp_path: Path, label: str) -> None:
    std = load_standard(LIBRARY_STANDARD)
    cell = (
        read_workbook(retyped(tmp_path, {"图书室编号": [label, "LIB-9"]}), std)
        .forms[FORM]
        .fields["图书室编号"]
    )
    assert (cell.status, cell.value, cell.location) == ("ok", "LIB-9", f"{FORM}!B3")
    # numbered, with its value after the colon
    inline = read_workbook(retyped(tmp_path, {"图书室编号": [f"{label}：LIB-7"]}), std).forms[FORM]
    assert inline.fields["图书室编号"].value == "LIB-7"


def test_a_label_giving_another_unit_is_not_read_and_says_so(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    path = retyped(tmp_path, {"年度购书经费(元)": ["年度购书经费（万元）", 2]})
    center = audit_file(std, path, NO_HINTS)
    assert "年度购书经费(元)" not in read_workbook(path, std).forms[FORM].fields
    assert (
        f"{FORM}!A10: “年度购书经费（万元）”的单位（万元）与“年度购书经费(元)”不同，未读取；请换算后填在“年度购书经费(元)”一栏"
        in center.warnings
    )
    # a bracketed note that is no unit is still the field (图书室名称（全称）, 藏书总量（馆藏）)
    note = read_workbook(retyped(tmp_path, {"藏书总量(册)": ["藏书总量（馆藏）", 5200]}), std).forms[FORM]
    assert note.fields["藏书总量(册)"].value == 5200


def test_a_label_typed_twice_is_read_where_its_value_is_readable(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    rows = sheets[FORM]
    # a legend above the form: each label with what to type, then the form itself
    sheets[FORM] = [
        rows[0],
        ["图书室类别", "填写：独立馆/共建馆/流动点"],
        ["无障碍通道", "填“具备”或“不具备”"],
        *rows[1:],
    ]
    path = write(tmp_path, "legend", sheets)
    form = read_workbook(path, std).forms[FORM]
    assert (form.fields["图书室类别"].value, form.fields["图书室类别"].location) == ("共建馆", f"{FORM}!B7")
    assert (form.fields["无障碍通道"].value, form.fields["无障碍通道"].location) == (True, f"{FORM}!B15")
    center = audit_file(std, path, NO_HINTS)
    clean = audit_file(std, write(tmp_path, "clean", perfect_library()), NO_HINTS)
    assert center.score == clean.score == Decimal("100.0")
    assert center.warnings[:2] == (
        f"{FORM}!B7: “图书室类别”出现 2 次（B2、B7），读取B7",
        f"{FORM}!B15: “无障碍通道”出现 2 次（B3、B15），读取B15",
    )
    # typed twice with two values: the first, and a warning naming both cells
    twice = perfect_library()
    twice[FORM] = [*twice[FORM], ["藏书总量(册)", 4800]]
    center = audit_file(std, write(tmp_path, "twice", twice), NO_HINTS)
    assert f"{FORM}!B9: “藏书总量(册)”出现 2 次，所填不同（B9、B17），读取B9" in center.warnings
    # the first left blank, the second filled: the second
    blank = perfect_library()
    blank[FORM] = [[r[0], None] if r and r[0] == "藏书总量(册)" else r for r in blank[FORM]] + [
        ["藏书总量(册)", 5200]
    ]
    form = read_workbook(write(tmp_path, "blank", blank), std).forms[FORM]
    assert (form.fields["藏书总量(册)"].value, form.fields["藏书总量(册)"].location) == (5200, f"{FORM}!B17")


def test_a_sample_whose_form_a_clerk_numbered_scores_as_the_sample(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    sample = next((ROOT / "samples" / "2018").glob("GM-06-*.xlsx"))  # a 街道 center: 88.5
    book = openpyxl.load_workbook(sample)
    sheet = book["基本信息"]
    n = 0
    for (cell,) in sheet.iter_rows(min_col=1, max_col=1):
        if isinstance(cell.value, str) and cell.row > 1:
            n += 1
            cell.value = f"{n}.{cell.value}" if n % 3 else f"*{cell.value}"
    sheet["A9"] = "财政列支经费（万）"  # a unit the standard declares for the field
    sheet["B9"] = "10万"
    book.save(tmp_path / "numbered.xlsx")
    center = audit_file(std, tmp_path / "numbered.xlsx", NO_HINTS)
    clean = audit_file(std, sample, NO_HINTS)
    assert center.score == clean.score == Decimal("88.5")
    assert [(c.id, c.status, c.earned) for c in center.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]
    assert (center.name, center.type) == (clean.name, clean.type)


@pytest.mark.parametrize("note", ["评估组填写", "（由评估组填写）", "仅共建馆填写", "请填写"])
def test_a_note_on_who_fills_a_field_in_is_not_its_value(tmp_path: Path, note: str) -> None:
    std = load_standard(LIBRARY_STANDARD)
    form = read_workbook(retyped(tmp_path, {"评估人": ["评估人", None, note]}), std).forms[FORM]
    assert (form.fields["评估人"].status, form.fields["评估人"].location) == ("blank", f"{FORM}!B8")
    form = read_workbook(retyped(tmp_path, {"评估人": ["评估人", "评估员戊", note]}), std).forms[FORM]
    assert (form.fields["评估人"].value, form.fields["评估人"].location) == ("评估员戊", f"{FORM}!B8")
    # 已填写 is an answer, not a note
    form = read_workbook(retyped(tmp_path, {"评估人": ["评估人", None, "已填写"]}), std).forms[FORM]
    assert (form.fields["评估人"].value, form.fields["评估人"].location) == ("已填写", f"{FORM}!C8")


def test_a_form_laid_out_as_a_table_reads_its_values_below_its_labels(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    title, *pairs = sheets[FORM]
    sheets[FORM] = [title, [label for label, _ in pairs], [value for _, value in pairs]]
    path = write(tmp_path, "across", sheets)
    form = read_workbook(path, std).forms[FORM]
    assert (form.fields["图书室编号"].value, form.fields["图书室编号"].location) == ("LIB-001", f"{FORM}!B3")
    assert (form.fields["统计年份"].value, form.fields["统计年份"].location) == (2021, f"{FORM}!E3")
    clean = audit_file(std, write(tmp_path, "clean", perfect_library()), NO_HINTS)
    center = audit_file(std, path, NO_HINTS)
    assert center.score == clean.score == Decimal("100.0")
    assert [(c.id, c.status, c.earned) for c in center.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]
    # a value left blank there is blank below its label
    sheets[FORM][2][1] = None
    form = read_workbook(write(tmp_path, "blank", sheets), std).forms[FORM]
    assert (form.fields["图书室编号"].status, form.fields["图书室编号"].location) == ("blank", f"{FORM}!B3")

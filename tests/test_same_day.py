"""当日办结 typed where a day is asked: a column declaring ``same_day`` reads it as the date of the declared
column of the same row (服务台账: 办结日期 from 受理日期), with a warning naming the cells; anything else that
is no date stays an error. On shipped sample GM-01 and on the second test standard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from auditor.engine import audit_file
from auditor.errors import StandardError
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from auditor.workbook.reader import read_workbook
from auditor.workbook.sameday import same_day_word
from tests.builders import GM01, NO_HINTS, STANDARD_2018, scored
from tests.hostile import convert, soffice
from tests.library_builders import LIBRARY_STANDARD, perfect_library, write


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


def done_typed(tmp_path: Path, typed: dict[int, str]) -> Path:
    """GM-01 with 办结日期 (column F of 服务台账) typed as given in these rows."""
    book = openpyxl.load_workbook(GM01)
    for row, text in typed.items():
        book["服务台账"][f"F{row}"] = text
    path = tmp_path / f"done{len(list(tmp_path.iterdir()))}.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("word", ["当日办结", "当场办结", "即办", "当天", "即时办结", " 当日办结 "])
def test_done_the_same_day_reads_as_the_day_it_was_asked(std: Standard, tmp_path: Path, word: str) -> None:
    clean = audit_file(std, GM01, NO_HINTS)
    center = audit_file(std, done_typed(tmp_path, {3: word, 4: word, 10: word}), NO_HINTS)
    assert scored(center) == scored(clean) and center.score == clean.score == Decimal("100.0")
    assert f"服务台账: 办结日期“{word.strip()}”按同一行的受理日期读取：F3、F4、F10" in center.warnings
    table = read_workbook(done_typed(tmp_path, {3: word}), std).tables["服务台账"]
    accepted = table.cell(0, "受理日期")
    done = table.cell(0, "办结日期")
    assert (done.status, done.value, done.location) == ("ok", accepted.value, "服务台账!F3")
    assert accepted.value == dt.date(2018, 1, 3)


def test_a_text_saying_it_is_not_done_stays_an_error(std: Standard, tmp_path: Path) -> None:
    center = audit_file(std, done_typed(tmp_path, {3: "办理中", 4: "当日办结"}), NO_HINTS)
    rate = next(c for c in center.clauses if c.id == "3.4")
    errors = [(f.kind, f.location, f.message) for f in rate.findings if f.kind == "error"]
    assert errors == [("error", "服务台账!F3", "办结日期无法识别：“办理中”，应为日期（如 2018-03-05）")]
    assert "服务台账: 办结日期“当日办结”按同一行的受理日期读取：F4" in center.warnings


def test_the_same_day_with_the_day_asked_unreadable_stays_an_error(std: Standard, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(GM01)
    book["服务台账"]["A3"] = "年初"
    book["服务台账"]["F3"] = "当日办结"
    path = tmp_path / "both.xlsx"
    book.save(path)
    table = read_workbook(path, std).tables["服务台账"]
    assert table.cell(0, "办结日期").status == "error"


@pytest.mark.parametrize(
    ("text", "means"),
    [
        *[("当日办结", True), ("当场解决", True), ("即办即结", True), ("随到随办", True), ("当日", True)],
        *[("办理中", False), ("未办结", False), ("次日办结", False), ("2018-01-03", False), ("", False)],
    ],
)
def test_the_words_for_the_same_day(text: str, means: bool) -> None:
    assert same_day_word(text) is means


def library_with_returns(tmp_path: Path) -> Standard:
    """The second standard with a 归还时间 column taking 当天 from 借出时间, and L3.2 asking it filled."""
    text = LIBRARY_STANDARD.read_text(encoding="utf-8")
    text = text.replace(
        "      - {name: 经办人}\n  - name: 开放日志",
        "      - {name: 经办人}\n      - {name: 归还时间, type: date, same_day: 借出时间}\n  - name: 开放日志",
        1,
    ).replace("condition: {column: 读者手机, op: filled}", "condition: {column: 归还时间, op: filled}", 1)
    path = tmp_path / "library.yaml"
    path.write_text(text, encoding="utf-8")
    return load_standard(path)


def test_the_second_standard_declares_its_own_same_day_column(tmp_path: Path) -> None:
    library = library_with_returns(tmp_path)
    sheets = perfect_library()
    loans = sheets["借阅登记"]
    loans[0].append("归还时间")
    for i, row in enumerate(loans[1:], 1):
        row.append("当天" if i % 3 == 0 else row[0] + dt.timedelta(days=7))
    center = audit_file(library, write(tmp_path, "returns", sheets), NO_HINTS)
    returned = next(c for c in center.clauses if c.id == "L3.2")
    assert (returned.status, returned.earned) == ("pass", Decimal(3))
    assert "借阅登记: 归还时间“当天”按同一行的借出时间读取：E4、E7、E10、E13" in center.warnings


def test_a_same_day_naming_no_date_column_is_a_problem_at_its_line(tmp_path: Path) -> None:
    text = STANDARD_2018.read_text(encoding="utf-8").replace("same_day: 受理日期", "same_day: 服务事项", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StandardError) as info:
        load_standard(path)
    assert "“服务事项”不是本表另一个 date 类型的列（应为 受理日期 之一）" in str(info.value)


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_same_day_and_ditto_read_from_xls_and_ods_too(std: Standard, tmp_path: Path, suffix: str) -> None:
    """GM-01 with 当日办结 and 同上, saved by LibreOffice as .xls and .ods: the same reading as the .xlsx."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot save .xls/.ods")
    book = openpyxl.load_workbook(GM01)
    book["服务台账"]["F3"] = "当日办结"
    book["活动记录"]["B4"] = "同上"  # 支部生活日, as B3
    source = tmp_path / "marked.xlsx"
    book.save(source)
    (converted,) = convert([source], suffix, tmp_path / "out", tmp_path / "lo")
    clean = audit_file(std, GM01, NO_HINTS)
    center = audit_file(std, converted, NO_HINTS)
    assert scored(center) == scored(clean) and center.score == clean.score
    assert "服务台账: 办结日期“当日办结”按同一行的受理日期读取：F3" in center.warnings
    assert "活动记录: “同上”按上一行同列的值读取：B4" in center.warnings

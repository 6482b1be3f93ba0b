"""An enumeration typed as one tick column per value (编号 | 满意 | 基本满意 | 不满意 | 不了解, a √ under
the answer): read as the value its row ticks, so the survey scores as the same answers in one column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.engine import audit_file
from auditor.result import ClauseResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from auditor.workbook.ticks import ticked, ticked_word
from tests.builders import NO_HINTS, ROOT, STANDARD_2018, Sheets, full_center, scored, write_workbook
from tests.library_builders import LIBRARY_STANDARD, perfect_library, write

VALUES = ["满意", "基本满意", "不满意", "不了解"]


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


def survey(standard: Standard, tmp_path: Path, name: str, sheets: Sheets, cid: str = "4.1") -> ClauseResult:
    path = tmp_path / f"{name}.xlsx"
    write_workbook(path, sheets)
    return next(c for c in audit_file(standard, path, NO_HINTS).clauses if c.id == cid)


def as_ticks(
    answers: list[str | None], values: list[str], mark: object = "√", other: object = None
) -> list[list[object]]:
    rows: list[list[object]] = [["问卷编号", *values]]
    for i, answer in enumerate(answers):
        rows.append([f"Q{i + 1:03d}", *(mark if v == answer else other for v in values)])
    return rows


def findings(result: ClauseResult) -> list[tuple[str, str, str]]:
    return [(f.kind, f.location, f.message) for f in result.findings]


def test_tick_columns_score_as_the_answers_in_one_column(std: Standard, tmp_path: Path) -> None:
    answers = ["满意"] * 28 + ["基本满意"] * 8 + ["不满意"] * 2 + ["不了解"] * 2
    plain = full_center()
    plain["满意度测评"] = [["问卷编号", "评价"], *([f"Q{i + 1:03d}", a] for i, a in enumerate(answers))]
    ticks = full_center()
    ticks["满意度测评"] = as_ticks(list(answers), VALUES)
    one, other = survey(std, tmp_path, "plain", plain), survey(std, tmp_path, "ticks", ticks)
    # (28·100 + 8·75 + 2·55) / 38 = 92.37
    assert (other.status, other.earned) == (one.status, one.earned) == ("pass", 6)
    assert findings(other) == findings(one) == [("note", "满意度测评!B1", "有效样本38份，指数92.37")]


def test_two_ticks_are_an_error_naming_the_row_and_no_tick_is_blank(std: Standard, tmp_path: Path) -> None:
    answers: list[str | None] = ["满意"] * 29 + [None]  # row 31: nothing ticked
    sheets = full_center()
    rows = as_ticks(answers, VALUES, "✓", "×")  # a clerk's × under the values not chosen
    rows[5][3] = "✓"  # row 6: 满意 and 不满意 ticked
    sheets["满意度测评"] = rows
    result = survey(std, tmp_path, "two", sheets)
    # 28 readable answers (row 6 unreadable, row 31 blank): fewer than 30
    assert result.status == "missing"
    assert [(s, loc) for s, loc, _ in findings(result) if s == "error"] == [("error", "满意度测评!B6")]
    assert "“满意、不满意（勾选了2项）”" in next(m for s, _, m in findings(result) if s == "error")


@pytest.mark.parametrize("mark", ["√", "✓", "1", 1, "是", "☑", "●"])
def test_the_library_standard_reads_its_own_ticks(tmp_path: Path, mark: object) -> None:
    library = load_standard(LIBRARY_STANDARD)
    values = ["非常好", "较好", "较差", "未使用"]
    sheets = perfect_library()
    answers = ["非常好"] * 8 + ["较好"] * 3 + ["较差"] + ["未使用"] * 2  # (800 + 240 + 40) / 12 = 90
    rows = as_ticks(list(answers), values, mark)
    rows[0][0] = "评议编号"
    sheets["读者评议"] = rows
    result = survey(library, tmp_path, "lib", sheets, "L3.6")
    assert (result.status, result.earned) == ("pass", 6)
    assert findings(result) == [("note", "读者评议!B1", "有效样本12份，指数90.00")]


def test_one_value_heading_a_column_is_no_tick_layout(std: Standard, tmp_path: Path) -> None:
    """Two or more values must head columns: a lone 满意 column beside 问卷编号 is no 评价 column."""
    sheets = full_center()
    sheets["满意度测评"] = [["问卷编号", "满意"], *([f"Q{i}", "√"] for i in range(40))]
    result = survey(std, tmp_path, "lone", sheets)
    assert result.status == "missing" and result.earned == 0


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.none(),
        st.just(""),
        st.just("  "),
        st.sampled_from(["×", "否", "0", "x", "✗", "不", "无", "/", "／", "-", "—"]),
        st.just(0),
        st.just(False),
    )
)
def test_blanks_and_no_words_are_no_tick(raw: object) -> None:
    assert not ticked(raw)


@settings(max_examples=60)
@given(
    st.sampled_from(["√", "✓", "✔", "1", "是", "Y", "●", "☑", "v"]) | st.integers(min_value=1, max_value=9)
)
def test_marks_are_ticks(raw: object) -> None:
    assert ticked(raw)


@pytest.mark.parametrize(
    ("raw", "word"),
    [
        ("☑是 □否", "是"),
        ("□是 ☑否", "否"),
        ("是□ 否☑", "否"),
        ("■有 □无", "有"),
        ("是√", "是"),
        ("√否", "否"),
        ("☑ 达标", "达标"),
        ("☑是 ☑否", None),  # both ticked: no answer
        ("□是 □否", None),  # none ticked
        ("☑是 □否 另附说明", None),  # words outside the choices
        ("是", None),
        (1, None),
    ],
)
def test_the_choice_ticked_in_a_cell(raw: object, word: str | None) -> None:
    assert ticked_word(raw) == word


def test_a_sample_whose_form_ticks_its_choices_scores_as_the_sample(tmp_path: Path) -> None:
    """A form printed with ☑是 □否 for each answer, the box ticked: the answer ticked (each was an error)."""
    std = load_standard(STANDARD_2018)
    sample = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # 98.9
    book = openpyxl.load_workbook(sample)
    rules = book["制度机制"]
    changed = 0
    for row in rules.iter_rows(min_row=2):
        for cell in row:
            if cell.value in ("是", "否"):
                cell.value = "☑是 □否" if cell.value == "是" else "□是 ☑否"
                changed += 1
    assert changed >= 8
    book.save(tmp_path / "boxes.xlsx")
    center = audit_file(std, tmp_path / "boxes.xlsx", NO_HINTS)
    clean = audit_file(std, sample, NO_HINTS)
    assert scored(center) == scored(clean) and center.score == Decimal("98.9")
    assert not [f for c in center.clauses for f in c.findings if f.kind == "error"]


def test_the_second_standard_reads_its_own_words_ticked(tmp_path: Path) -> None:
    library = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean = audit_file(library, write(tmp_path, "clean", sheets), NO_HINTS)
    for row in sheets["功能分区"][1:]:
        row[1] = f"☑{row[1]} □不达标"  # 达标 is the standard's own yes word
    center = audit_file(library, write(tmp_path, "boxes", sheets), NO_HINTS)
    assert scored(center) == scored(clean) and center.score == clean.score

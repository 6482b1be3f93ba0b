"""同上 / 〃 typed for "the same as the row above" (a clerk's ledger): the cell takes the value of the row above
in its column, and a warning names every cell so read. On shipped sample GM-01 (its activity types and its
staff's 专兼职) and on the second test standard (its activity forms)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.engine import audit_file
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from auditor.workbook.ledger import DEFAULT_DITTO, resolve_ditto
from tests.builders import GM01, NO_HINTS, STANDARD_2018, scored
from tests.library_builders import LIBRARY_STANDARD, perfect_library, write


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


def with_marks(tmp_path: Path, marks: dict[tuple[str, str], str], name: str = "marked") -> Path:
    book = openpyxl.load_workbook(GM01)
    for (sheet, cell), mark in marks.items():
        book[sheet][cell] = mark
    path = tmp_path / f"{name}.xlsx"
    book.save(path)
    return path


# GM-01: 活动记录 B4, B8 and B17 repeat the type above them; 人员岗位 C4–C7 are 专职 as C3, C9–C14 兼职 as C8
MARKS = {
    ("活动记录", "B4"): "同上",
    ("活动记录", "B8"): "同上",
    ("活动记录", "B17"): "〃",
    **{("人员岗位", f"C{r}"): "同上" for r in range(4, 8)},
    **{("人员岗位", f"C{r}"): "〃" for r in range(9, 15)},
}


def test_ditto_marks_read_as_the_value_above_score_as_the_clean_ledger(std: Standard, tmp_path: Path) -> None:
    clean = audit_file(std, GM01, NO_HINTS)
    marked = audit_file(std, with_marks(tmp_path, MARKS), NO_HINTS)
    assert (clean.score, clean.grade) == (Decimal("100.0"), "优秀")
    assert scored(marked) == scored(clean) and marked.score == clean.score
    said = [w for w in marked.warnings if "按上一行同列的值读取" in w]
    assert said == [
        "人员岗位: “同上”、“〃”按上一行同列的值读取：C4、C5、C6、C7、C9、C10、C11、C12、C13、C14",
        "活动记录: “同上”、“〃”按上一行同列的值读取：B4、B8、B17",
    ]
    assert not [w for w in clean.warnings if "按上一行" in w]


def test_without_the_ditto_words_the_marks_are_values_and_lose_points(std: Standard, tmp_path: Path) -> None:
    """The control: a standard whose vocabulary has no ditto word reads 同上 as typed (so the test above can
    fail), and 专兼职 同上 is no 专职."""
    text = STANDARD_2018.read_text(encoding="utf-8").replace(
        "vocabulary:\n", "vocabulary:\n  ditto: [仝上]\n", 1
    )
    (tmp_path / "std.yaml").write_text(text, encoding="utf-8")
    strict = load_standard(tmp_path / "std.yaml")
    marked = audit_file(strict, with_marks(tmp_path, MARKS), NO_HINTS)
    by_id = {c.id: c for c in marked.clauses}
    # 同上 and 〃 are no 专兼职 value: errors naming the cells, and only C3 is 专职 as typed
    assert (by_id["2.3"].status, by_id["2.3"].earned) == ("error", 0)
    assert marked.score < Decimal("100.0")
    assert not [w for w in marked.warnings if "按上一行" in w]


def test_a_mark_with_nothing_above_stays_as_typed(std: Standard, tmp_path: Path) -> None:
    marked = audit_file(std, with_marks(tmp_path, {("人员岗位", "C3"): "同上"}), NO_HINTS)
    assert not [w for w in marked.warnings if "按上一行" in w]
    share = next(c for c in marked.clauses if c.id == "2.3")
    assert [(f.kind, f.location) for f in share.findings if f.kind == "error"] == [("error", "人员岗位!C3")]


def test_a_ditto_in_the_second_standard(tmp_path: Path) -> None:
    library = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean = audit_file(library, write(tmp_path, "clean", sheets), NO_HINTS)
    forms = sheets["读书活动"]
    marked_rows = [i for i in range(2, len(forms)) if forms[i][1] == forms[i - 1][1]]
    for i in marked_rows:
        forms[i][1] = "同上"
    marked = audit_file(library, write(tmp_path, "marked", sheets), NO_HINTS)
    assert scored(marked) == scored(clean) and marked.score == clean.score == Decimal("100.0")
    cells = "、".join(f"B{i + 1}" for i in marked_rows[:10])
    assert f"读书活动: “同上”按上一行同列的值读取：{cells} 等共{len(marked_rows)}处" in marked.warnings


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(["甲", "乙", None, 3, "同上", "〃", " 同上 "]), max_size=12), st.integers(0, 3)
)
def test_resolve_ditto_gives_each_mark_the_value_above(values: list[object], start: int) -> None:
    rows: list[list[object]] = [["表头"], *[[v] for v in values]]
    before = [list(r) for r in rows]
    changed = resolve_ditto(rows, start, [0], DEFAULT_DITTO, set())
    above: object = None
    expected: list[tuple[int, int, str]] = []
    for r in range(start, len(before)):
        v = before[r][0]
        if isinstance(v, str) and v.strip() in DEFAULT_DITTO:
            if above is not None:
                expected.append((r, 0, v.strip()))
                assert rows[r][0] == above
            else:
                assert rows[r][0] == v
        else:
            assert rows[r][0] == v
            if v is not None:
                above = v
    assert changed == expected
    assert rows[:start] == before[:start]  # nothing above the table's first row changes

"""Several people typed in one row: a cell of a column declared unique (姓名) listing several names is a record
each (auditor.workbook.several). The shipped sample and the second standard (社区图书室) end to end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from auditor.engine import audit_file
from auditor.standard.loader import load_standard
from auditor.workbook.several import _parts
from tests.builders import NO_HINTS, ROOT, STANDARD_2018, scored
from tests.library_builders import LIBRARY_STANDARD, perfect_library, write

SAMPLE = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # 98.9


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        ("傅珍、周斌桂", ["傅珍", "周斌桂"]),
        ("傅珍，周斌桂，范宝涛", ["傅珍", "周斌桂", "范宝涛"]),
        ("傅珍, 周斌桂", ["傅珍", "周斌桂"]),
        ("傅珍；周斌桂", ["傅珍", "周斌桂"]),
        ("傅珍\n周斌桂", ["傅珍", "周斌桂"]),
        ("傅珍、", []),  # one name and a stray mark
        ("傅珍", []),
        ("001、002", []),  # numbers are never split
        ("王、李", []),  # a part of one character is no name
        ("阿依古丽·买买提", []),
        (None, []),
        (3, []),
    ],
)
def test_the_names_a_cell_lists(raw: object, parts: list[str]) -> None:
    assert _parts(raw) == parts


def _joined(book: openpyxl.Workbook, rows: list[int]) -> None:
    """The names and posts of `rows` typed into the first of them, the others deleted."""
    sheet = book["人员岗位"]
    for column in "BC":
        sheet[f"{column}{rows[0]}"] = "、".join(str(sheet[f"{column}{r}"].value) for r in rows)
    for r in sorted(rows[1:], reverse=True):
        sheet.delete_rows(r)


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ([3, 4, 5], "人员岗位: 姓名一格填写了多个（B3），每个按一条记录计"),  # the three 专职 in one row
        ([3, 4], "人员岗位: 姓名一格填写了多个（B3），每个按一条记录计"),
        ([6, 7, 8, 9, 10], "人员岗位: 姓名一格填写了多个（B6），每个按一条记录计"),  # the five 兼职
    ],
)
def test_a_sample_with_its_staff_named_in_one_cell_scores_as_the_sample(
    tmp_path: Path, rows: list[int], said: str
) -> None:
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    assert [book["人员岗位"][f"D{r}"].value for r in (3, 4, 5, 6)] == ["专职", "专职", "专职", "兼职"]
    _joined(book, rows)
    book.save(tmp_path / "joined.xlsx")
    center = audit_file(std, tmp_path / "joined.xlsx", NO_HINTS)
    clean = audit_file(std, SAMPLE, NO_HINTS)
    assert scored(center) == scored(clean) and center.score == Decimal("98.9")
    assert center.warnings == (said,)


def test_a_name_listed_again_in_another_row_counts_once(tmp_path: Path) -> None:
    """傅珍、周斌桂 where 傅珍 has her own row too: two 专职, not three (2.3 needs 2: it still passes; with
    周斌桂 also in a row of his own there is no one new and the row counts once)."""
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    staff = book["人员岗位"]
    staff["B4"] = "傅珍、周斌桂"  # 傅珍 is B3 already
    staff.delete_rows(5)  # 范宝涛 gone: 专职 are 傅珍 and 周斌桂
    book.save(tmp_path / "again.xlsx")
    center = audit_file(std, tmp_path / "again.xlsx", NO_HINTS)
    c23 = next(c for c in center.clauses if c.id == "2.3")
    assert (c23.status, c23.earned) == ("pass", Decimal(3))
    staff["B4"] = "周斌桂"
    staff["B5"] = "傅珍、周斌桂"  # both have rows: the row adds nobody (a 兼职 row, now a repeat)
    book.save(tmp_path / "both.xlsx")
    both = audit_file(std, tmp_path / "both.xlsx", NO_HINTS)
    assert not [w for w in both.warnings if "一格填写了多个" in w]


def test_the_second_standard_counts_each_librarian_named_in_one_cell(tmp_path: Path) -> None:
    text = LIBRARY_STANDARD.read_text(encoding="utf-8").replace(
        "- {name: 馆员}", "- {name: 馆员, unique: true}"
    )
    (tmp_path / "library.yaml").write_text(text, encoding="utf-8")
    std = load_standard(tmp_path / "library.yaml")
    sheets = perfect_library()
    clean = audit_file(std, write(tmp_path, "clean", sheets), NO_HINTS)
    staff = sheets["管理人员"]
    assert staff[1][2] == staff[2][2] == "全职"
    staff[1][0], staff[1][1] = "馆员子，馆员丑", "馆长，采编"  # the two 全职 in one row, with their posts
    del staff[2]
    center = audit_file(std, write(tmp_path, "joined", sheets), NO_HINTS)
    assert scored(center) == scored(clean) and center.score == Decimal("100.0")
    assert center.warnings == ("管理人员: 馆员一格填写了多个（A2），每个按一条记录计",)
    l21 = next(c for c in center.clauses if c.id == "L2.1")
    assert (l21.status, l21.earned) == ("pass", Decimal(3))
    # without the split the row is one 全职 and L2.1 fails: the test can fail
    plain = audit_file(load_standard(LIBRARY_STANDARD), write(tmp_path, "plain", sheets), NO_HINTS)
    assert next(c for c in plain.clauses if c.id == "L2.1").status == "fail"


def test_two_days_of_one_activity_in_one_cell_are_two_records(tmp_path: Path) -> None:
    """Two 支部生活日 typed in one row (2018.9.10、2018.10.5): each month has its record (it was an error)."""
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    activities = book["活动记录"]
    rows = [r for r in range(3, activities.max_row + 1) if activities[f"C{r}"].value == "支部生活日"]
    first, second = rows[-2], rows[-1]
    one, two = activities[f"B{first}"].value, activities[f"B{second}"].value
    assert isinstance(one, dt.datetime) and isinstance(two, dt.datetime) and one.month != two.month
    activities[f"B{first}"] = f"{one:%Y.%-m.%-d}、{two:%Y.%-m.%-d}"
    activities.delete_rows(second)
    book.save(tmp_path / "days.xlsx")
    center = audit_file(std, tmp_path / "days.xlsx", NO_HINTS)
    clean = audit_file(std, SAMPLE, NO_HINTS)
    assert scored(center) == scored(clean) and center.score == Decimal("98.9")
    assert center.warnings == (f"活动记录: 日期一格填写了多个日期（B{first}），每个按一条记录计",)


@pytest.mark.parametrize("typed", ["2018.9.10、9月12日", "2018.9.10、其他", "2018.9.10-9.12、2018.10.5"])
def test_a_cell_is_split_only_into_whole_dates(typed: str) -> None:
    from auditor.workbook.several import _dates

    assert _dates(typed) == []


def test_the_second_standard_counts_two_open_days_in_one_cell(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean = audit_file(std, write(tmp_path, "clean", sheets), NO_HINTS)
    log = sheets["开放日志"]
    (a, who), (b, _) = log[5], log[6]
    log[5] = [f"{a:%Y-%m-%d}；{b:%Y-%m-%d}", who]
    del log[6]
    center = audit_file(std, write(tmp_path, "days", sheets), NO_HINTS)
    assert scored(center) == scored(clean) and center.score == clean.score
    assert center.warnings == ("开放日志: 开放时间一格填写了多个日期（A6），每个按一条记录计",)

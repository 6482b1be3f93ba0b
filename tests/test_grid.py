"""A duty log kept as a grid of the year (a row a day 1…31, a column a month 1月…12月, the person on duty in
each cell) reads as the same records as the log a row a day: on shipped samples GM-01 and GM-03 (2.8 pass
4 and partial 2, with the same missing days) and on the second test standard (its 开放日志)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from auditor.engine import audit_file
from auditor.result import CenterResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from auditor.workbook.grid import day_of, month_of
from auditor.workbook.values import parse_date
from tests.builders import NO_HINTS, ROOT, STANDARD_2018, scored
from tests.library_builders import LIBRARY_STANDARD, open_days, perfect_library, write

SAMPLES = ROOT / "samples" / "2018"
CHINESE = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


def messages(center: CenterResult, cid: str) -> list[tuple[str, str]]:
    return [(f.kind, f.message) for f in next(c for c in center.clauses if c.id == cid).findings]


def duty_log(book: openpyxl.Workbook) -> list[tuple[dt.date, object]]:
    """The (day, person) records of the sample's 值班记录, a row a day."""
    found: list[tuple[dt.date, object]] = []
    for row in book["值班记录"].iter_rows(values_only=True):
        for i in range(len(row) - 1):
            try:
                day = parse_date(row[i])
            except Exception:  # a title, a header, a number that is no date
                continue
            if isinstance(day, dt.date) and row[i + 1]:
                found.append((day, row[i + 1]))
                break
    return found


def as_grid(code: str, tmp_path: Path, months: list[str], days: list[object]) -> Path:
    """The sample with its duty log rewritten as a grid: months across, `days[d - 1]` down column A."""
    (source,) = SAMPLES.glob(f"{code}-*.xlsx")
    book = openpyxl.load_workbook(source)
    records = duty_log(book)
    del book["值班记录"]
    grid = book.create_sheet("值班记录")
    grid.append(["2018年居干部值班表"])
    grid.append(["日期", *months])
    for day in days:
        grid.append([day, *([None] * 12)])
    for day, person in records:
        grid.cell(2 + day.day, 1 + day.month).value = person
    grid.append(["填表人：张三"])
    path = tmp_path / f"{code}-grid.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("months", "days"),
    [
        ([f"{m}月" for m in range(1, 13)], list(range(1, 32))),
        ([f"{m}月" for m in CHINESE], [f"{d}日" for d in range(1, 32)]),
        ([f"{m:02d}月份" for m in range(1, 13)], [f"{d}号" for d in range(1, 32)]),
    ],
)
@pytest.mark.parametrize(
    ("code", "score", "status", "earned"), [("GM-01", "100.0", "pass", 4), ("GM-03", "88.2", "partial", 2)]
)
def test_a_duty_grid_of_the_year_reads_as_the_log(
    std: Standard,
    tmp_path: Path,
    months: list[str],
    days: list[object],
    code: str,
    score: str,
    status: str,
    earned: int,
) -> None:
    (source,) = SAMPLES.glob(f"{code}-*.xlsx")
    clean = audit_file(std, source, NO_HINTS)
    center = audit_file(std, as_grid(code, tmp_path, months, days), NO_HINTS)
    duty = next(c for c in center.clauses if c.id == "2.8")
    assert (duty.status, duty.earned) == (status, earned)
    assert scored(center) == scored(clean) and center.score == clean.score == Decimal(score)
    assert messages(center, "2.8") == messages(clean, "2.8")  # the same missing days, named the same
    records = len(duty_log(openpyxl.load_workbook(source)))
    assert (
        f"值班记录: 第2行是月份（B–M列），A列是日：按月×日的表格读取，每个填有值班人的格计一条记录（共{records}条）"
        in center.warnings
    )


def test_a_duty_grid_with_hints_on_scores_as_with_them_off(std: Standard, tmp_path: Path) -> None:
    """The 疑点 read the grid's records too (nobody on duty every day of GM-03's year: no such hint)."""
    path = as_grid("GM-03", tmp_path, [f"{m}月" for m in range(1, 13)], list(range(1, 32)))
    on, off = audit_file(std, path), audit_file(std, path, NO_HINTS)
    assert scored(on) == scored(off) and on.score == off.score == Decimal("88.2")
    assert [f for f in on.hints if f.code == "duty-every-day"] == []
    assert not [w for w in on.warnings if "疑点" in w]


def test_a_header_without_months_is_no_grid(std: Standard, tmp_path: Path) -> None:
    """A duty sheet whose header lacks 值班人 and holds no months stays a table without that column."""
    (source,) = SAMPLES.glob("GM-01-*.xlsx")
    book = openpyxl.load_workbook(source)
    book["值班记录"]["B2"] = "备注"
    path = tmp_path / "no-person.xlsx"
    book.save(path)
    center = audit_file(std, path, NO_HINTS)
    duty = next(c for c in center.clauses if c.id == "2.8")
    assert duty.status in ("missing", "error") and duty.earned == 0
    assert not [w for w in center.warnings if "按月×日" in w]


def test_the_second_standard_reads_its_open_log_as_a_grid(tmp_path: Path) -> None:
    library = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean = audit_file(library, write(tmp_path, "clean", sheets), NO_HINTS)
    grid: list[list[object]] = [["开放时间", *[f"{m}月" for m in range(1, 13)]]]
    grid += [[d, *([None] * 12)] for d in range(1, 32)]
    for day in open_days():
        grid[day.day][day.month] = "馆员子"
    sheets["开放日志"] = grid
    center = audit_file(library, write(tmp_path, "grid", sheets), NO_HINTS)
    opened = next(c for c in center.clauses if c.id == "L2.4")
    assert (opened.status, opened.earned) == ("pass", Decimal(4))
    assert scored(center) == scored(clean) and center.score == clean.score


@pytest.mark.parametrize(
    ("raw", "month"),
    [
        *[("1月", 1), ("12月", 12), ("01月", 1), ("一月", 1), ("十月", 10), ("十二月份", 12), ("１２月", 12)],
        *[("13月", None), ("月", None), ("1", None), ("一月份工作", None), (3, None)],
    ],
)
def test_month_of(raw: object, month: int | None) -> None:
    assert month_of(raw) == month


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        *[(1, 1), (31.0, 31), ("5日", 5), ("5号", 5), ("05", 5)],
        *[(0, None), (32, None), ("合计", None), (2.5, None), (True, None), ("填表人", None)],
    ],
)
def test_day_of(raw: object, day: int | None) -> None:
    assert day_of(raw) == day

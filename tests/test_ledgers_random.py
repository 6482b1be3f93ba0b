"""Hypothesis: a ledger with footers, totals, section rows, merged cells or repeated rows added in random
places scores exactly as the ledger without them."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.engine import audit_file
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from tests.builders import NO_HINTS, STANDARD_2018, full_center, scored
from tests.test_ledgers import write

TABLES = ["服务台账", "活动记录", "人员岗位", "制度机制", "值班记录", "服务事项"]
SECTIONS = ["一月份", "第二季度", "上半年", "二、日常工作", "（三）专项工作"]
TOTALS: list[list[object]] = [["合计"], ["小计："], [None, "共12条"], ["总计", None, "共5项"]]

Edit = tuple[str, int, int]  # (what, position, choice)


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


def apply(sheets: dict[str, list[list[Any]]], table: str, edits: list[Edit], footer: bool) -> list[str]:
    """Edit one table as a clerk would; returns its merged ranges."""
    rows = sheets[table]
    width = len(rows[0])
    merges: list[str] = []
    for what, position, choice in edits:
        at = 1 + position % len(rows)  # after the header
        if what == "section":
            rows.insert(at, [SECTIONS[choice % len(SECTIONS)]] + [None] * (width - 1))
        elif what == "total":
            total = TOTALS[choice % len(TOTALS)]
            rows.insert(at, [*total, *([None] * (width - len(total)))][:width])
        elif what == "repeat" and len(rows) > 1:
            rows.insert(at, copy.deepcopy(rows[1 + choice % (len(rows) - 1)]))
    if footer:
        rows.append(["填表人：张三", *([None] * (width - 1))])
        rows.append(["（以下空白）"])
    # merge the section rows across the table, as clerks do
    for i, row in enumerate(rows, 1):
        if row[0] in SECTIONS and width > 1:
            merges.append(f"A{i}:{chr(64 + width)}{i}")
    return merges


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.sampled_from(TABLES),
    edits=st.lists(
        st.tuples(st.sampled_from(["section", "total", "repeat"]), st.integers(0, 400), st.integers(0, 9)),
        max_size=6,
    ),
    footer=st.booleans(),
)
def test_non_records_added_anywhere_change_no_score(
    std: Standard, tmp_path: Path, table: str, edits: list[Edit], footer: bool
) -> None:
    clean = audit_file(std, write(tmp_path / "clean.xlsx", full_center()))
    sheets = full_center()
    merges = apply(sheets, table, edits, footer)
    center = audit_file(std, write(tmp_path / "edited.xlsx", sheets, {table: merges}))
    assert scored(center) == scored(clean)
    assert center.score == clean.score


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.integers(1, 200), length=st.integers(2, 7))
def test_a_duty_person_merged_down_over_any_run_of_days(
    std: Standard, tmp_path: Path, start: int, length: int
) -> None:
    clean = audit_file(std, write(tmp_path / "clean.xlsx", full_center()))
    sheets = full_center()
    duty = sheets["值班记录"]
    for row in duty[start + 1 : start + length]:
        row[1] = None
    center = audit_file(
        std, write(tmp_path / "merged.xlsx", sheets, {"值班记录": [f"B{start + 1}:B{start + length}"]})
    )
    assert scored(center) == scored(clean)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.sampled_from(TABLES),
    picks=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 9)), min_size=1, max_size=8),
    mark=st.sampled_from(["同上", "〃", " 同上 ", "仝上"]),
)
def test_ditto_marks_typed_for_the_value_above_change_no_score(
    std: Standard, tmp_path: Path, table: str, picks: list[tuple[int, int]], mark: str
) -> None:
    """A clerk types 同上 where a cell repeats the one above it (a record's value, never the first row's); the
    warning names the marks in the columns a clause reads (a column nothing reads is not read at all)."""
    clean = audit_file(std, write(tmp_path / "clean.xlsx", full_center()), NO_HINTS)
    sheets = full_center()
    rows = sheets[table]
    read = std.needed_columns(table)
    typed = 0
    for position, column in picks:
        r = 2 + position % max(len(rows) - 2, 1)
        c = column % len(rows[0])
        if r < len(rows) and c < len(rows[r]) and rows[r][c] is not None and rows[r][c] == rows[r - 1][c]:
            rows[r][c] = mark
            typed += rows[0][c] in read
    center = audit_file(std, write(tmp_path / "ditto.xlsx", sheets), NO_HINTS)
    assert scored(center) == scored(clean)
    assert center.score == clean.score
    assert any("按上一行同列的值读取" in w for w in center.warnings) == (typed > 0)

"""Row selection over column-wise tables equals the plain row-by-row reading, findings and their order included."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.checks.conditions import rows_in_year, select_rows
from auditor.checks.conditions import test as cell_test
from auditor.checks.findings import unreadable
from auditor.checks.table import TableView, UndeclaredColumn
from auditor.result import Outcome
from auditor.standard.model import Condition
from auditor.workbook.evidence import Cell, TableSheet

# Small pools (a: numbers, b: text), so that rows share cell objects as the reader makes them share equal values.
BLANK, ERROR = Cell("blank", ""), Cell("error", "", None, "??", "数字")
NUMBERS = [Cell("ok", "", Decimal(1), "1"), Cell("ok", "", Decimal(3), "3"), BLANK, ERROR]
TEXTS = [Cell("ok", "", "是", "是"), Cell("ok", "", "否", "否"), BLANK, ERROR]
CONDITIONS = st.sampled_from(
    [
        Condition("a", ">=", Decimal(2)),
        Condition("a", "filled"),
        Condition("b", "=="),
        Condition("b", "blank"),
        Condition("b", "==", "是"),
    ]
)


def reference(table: TableView, where: list[Condition], out: Outcome) -> list[int]:
    """Row by row, conditions in order, stopping at the first condition a row does not meet."""
    chosen = []
    for i in range(len(table)):
        for condition in where:
            cell = table.cell(i, condition.column)
            result = cell_test(condition, cell)
            if result == "error":
                out.add(unreadable(condition.column, cell))
            if result != "yes":
                break
        else:
            chosen.append(i)
    return chosen


@given(
    st.lists(st.tuples(st.sampled_from(NUMBERS), st.sampled_from(TEXTS)), max_size=30),
    st.lists(CONDITIONS, max_size=3),
)
def test_select_rows_is_the_row_by_row_reading(rows: list[tuple[Cell, Cell]], where: list[Condition]) -> None:
    table = TableView(
        TableSheet(
            "t",
            "表",
            1,
            {"a": "A", "b": "B"},
            [n + 2 for n in range(len(rows))],
            {"a": [a for a, _ in rows], "b": [b for _, b in rows]},
        ),
        ["a", "b"],
    )
    fast, slow = Outcome(), Outcome()
    assert select_rows(table, where, fast) == reference(table, where, slow)
    assert fast.findings == slow.findings


def test_findings_come_in_reading_order() -> None:
    """Row 2 unreadable in b, row 3 unreadable in a: the findings follow the rows, not the conditions."""
    table = TableView(
        TableSheet(
            "t",
            "表",
            1,
            {"a": "A", "b": "B"},
            [2, 3, 4],
            {"a": [NUMBERS[1], ERROR, NUMBERS[1]], "b": [ERROR, TEXTS[0], TEXTS[0]]},
        ),
        ["a", "b"],
    )
    out = Outcome()
    assert select_rows(table, [Condition("a", ">=", Decimal(2)), Condition("b", "==", "是")], out) == [2]
    assert [f.location for f in out.findings] == ["表!B2", "表!A3"]


def test_rows_in_year_reports_unreadable_dates_where_they_are() -> None:
    import datetime as dt

    cells = [
        Cell("ok", "", dt.date(2018, 3, 5), "2018.3.5"),
        Cell("ok", "", dt.date(2017, 12, 1), "2017.12.1"),
        Cell("error", "", None, "3月", "日期"),
        Cell("blank", ""),
    ]
    table = TableView(TableSheet("t", "值班", 1, {"日期": "C"}, [5, 6, 7, 9], {"日期": cells}), ["日期"])
    out = Outcome()
    assert rows_in_year(range(4), table, "日期", 2018, out) == [(0, dt.date(2018, 3, 5))]
    assert [(f.location, f.kind) for f in out.findings] == [("值班!C7", "error")]


def test_a_column_not_declared_raises_instead_of_reading_blank() -> None:
    table = TableView(
        TableSheet("t", "表", 1, {"a": "A", "b": "B"}, [2], {"a": [NUMBERS[0]], "b": [TEXTS[0]]}), ["a"]
    )
    assert table.column("a") == [NUMBERS[0]]
    with pytest.raises(UndeclaredColumn):
        table.column("b")
    with pytest.raises(UndeclaredColumn):
        table.cell(0, "b")
    with pytest.raises(UndeclaredColumn):
        select_rows(table, [Condition("b", "filled")], Outcome())


def test_days_without_a_year_are_in_the_audit_year_and_months_count_only_where_no_day_is_needed() -> None:
    import datetime as dt

    from auditor.workbook.values import Month, MonthDay

    cells = [
        Cell("ok", "", MonthDay(3, 15), "3月15日"),
        Cell("ok", "", Month(2018, 4), "2018年4月"),
        Cell("ok", "", Month(2017, 4), "2017年4月"),
        Cell("ok", "", MonthDay(2, 29), "2月29日"),
    ]
    table = TableView(TableSheet("t", "活动", 1, {"日期": "A"}, [3, 4, 5, 6], {"日期": cells}), ["日期"])
    months = Outcome()
    assert rows_in_year(range(4), table, "日期", 2018, months, need_day=False) == [
        (0, dt.date(2018, 3, 15)),
        (1, dt.date(2018, 4, 1)),
    ]
    assert [(f.kind, f.location) for f in months.findings] == [("error", "活动!A6")]  # 2018 has no 2月29日
    days = Outcome()
    assert rows_in_year(range(4), table, "日期", 2018, days) == [(0, dt.date(2018, 3, 15))]
    assert [(f.kind, f.location) for f in days.findings] == [("error", "活动!A4"), ("error", "活动!A6")]
    assert "只填了月份" in days.findings[0].message
    assert rows_in_year(range(4), table, "日期", 2020, Outcome(), need_day=False)[-1] == (
        3,
        dt.date(2020, 2, 29),
    )


def test_header_texts_are_remembered_per_list_of_columns() -> None:
    """The first rows' texts are looked up once per list of column names: a second workbook, or another
    table whose columns differ, finds its header as if seen afresh."""
    from auditor.workbook.reader import find_header

    rows: list[list[object]] = [
        ["台账", "", ""],
        ["序号", "活动名称", "次数（次）"],
        [1.0, "学习", 2.0],
    ]
    for _ in range(2):
        assert find_header(["活动名称", "次数"], rows) == (1, {"活动名称": 1, "次数": 2}, [])
        assert find_header(["序号", "次数（次）"], rows) == (1, {"序号": 0, "次数（次）": 2}, [])
        assert find_header(["台账"], rows) == (0, {"台账": 0}, [])
        assert find_header(["名称"], rows) == (-1, {}, [])

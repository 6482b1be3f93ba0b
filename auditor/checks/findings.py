"""The findings every check makes the same way: absent evidence, unreadable values, rows listed."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.checks.table import TableView
from auditor.result import Finding, Outcome
from auditor.workbook.evidence import Cell, TableSheet

MAX_ROW_FINDINGS = 10


def unreadable(name: str, cell: Cell) -> Finding:
    expected = (
        cell.expected or "完整的日期（如 2018-03-05）"
    )  # a readable cell is unreadable only as a partial date
    return Finding(f"{name}无法识别：“{cell.shown}”，应为{expected}", cell.location, "error", "unreadable")


def ambiguous_key(cell: Cell, items: Sequence[str], part: str = "") -> Finding:
    """A key that could name several items; `part`: the part of a list typed in one cell that could."""
    typed = f"“{cell.shown}”中的“{part}”" if part and not cell.pii else f"“{cell.shown}”"
    return Finding(
        f"{typed}可能是{'、'.join(items)}，无法确定是哪一项，未计入",
        cell.location,
        "note",
        "ambiguous",
    )


def unmatched_rows(table: TableView, column: str, rows: Sequence[int], what: str) -> Finding:
    """A note naming the rows (indices) whose `column` names none of `what`: the first ten by cell and
    value as typed, then how many in all."""
    cells = [table.cell(i, column) for i in rows[:MAX_ROW_FINDINGS]]
    listed = "、".join(f"{cell.location} “{_short(cell.shown)}”" for cell in cells)
    more = f"等共{len(rows)}行" if len(rows) > MAX_ROW_FINDINGS else ""
    return Finding(
        f"以下行的{column}不对应任何{what}，未计入：{listed}{more}", cells[0].location, "note", "unmatched"
    )


def _short(text: str, limit: int = 30) -> str:
    """A value as typed, on one line and at most `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def missing_sheet(sheet: str) -> Outcome:
    return Outcome(
        missing=True, findings=[Finding(f"缺少工作表“{sheet}”", sheet, "missing", "missing-sheet")]
    )


def missing_column(table: TableSheet, column: str) -> Outcome:
    return Outcome(
        missing=True,
        findings=[Finding(f"工作表缺少“{column}”列", table.location(), "missing", "missing-column")],
    )


def no_records(table: TableSheet | TableView, what: str = "") -> Outcome:
    text = f"没有{what}记录" if what else "没有记录"
    return Outcome(missing=True, findings=[Finding(text, table.location(), "missing", "no-records")])


def year_unknown() -> Outcome:
    return Outcome(
        missing=True,
        findings=[Finding("年度未知，无法按年度统计（可用 --year 指定）", "", "missing", "year-unknown")],
    )


def row_list(numbers: Sequence[int]) -> str:
    """第3、5、9行 (at most ten rows named, then 等N行)."""
    shown = "、".join(str(n) for n in numbers[:MAX_ROW_FINDINGS])
    more = f"等{len(numbers)}行" if len(numbers) > MAX_ROW_FINDINGS else "行"
    return f"第{shown}{more}"

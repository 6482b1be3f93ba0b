"""The ranked summary workbook of a year: 汇总 (ranking and grade distribution), 条款达标率, 错误.

Numbers from :mod:`auditor.output.figures`, words from :mod:`auditor.output.wording`, cells from
:mod:`auditor.output.xlkit`, as in each center's report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from auditor.output.figures import clause_rates, ranked, two
from auditor.output.wording import VETO, clause_rate_columns, summary_columns, summary_title, veto_text
from auditor.output.xlkit import column_widths, first_sheet, header_row, print_setup, put
from auditor.result import CenterResult, FileError, grade_counts
from auditor.standard.model import Standard, round_half_up

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

NUMBER_FORMAT = "0.0#"
VETO_FILL = "F8CBAD"


def _ranking_sheet(
    ws: Worksheet, standard: Standard, centers: Sequence[CenterResult], year: int | None
) -> None:
    from openpyxl.chart import BarChart, Reference

    ws.title = "汇总"
    put(ws, 1, 1, summary_title(year), bold=True, size=14)
    header_row(ws, 2, summary_columns(standard))
    for i, center in enumerate(ranked(centers), start=1):
        row = i + 2
        put(ws, row, 1, i)
        put(ws, row, 2, center.center_id or "")
        put(ws, row, 3, center.name or center.file)
        put(ws, row, 4, center.type or "")
        put(ws, row, 5, center.district or "")
        put(ws, row, 6, center.score, number_format="0.0")
        put(ws, row, 7, center.grade, fill=VETO_FILL if center.grade == standard.veto_grade else None)
        put(ws, row, 8, veto_text(center))
    counts = grade_counts(standard, centers)
    start = len(centers) + 5
    header_row(ws, start - 1, ["等级", "中心数"])
    for i, (grade, count) in enumerate(counts.items()):
        put(ws, start + i, 1, grade)
        put(ws, start + i, 2, count)
    chart = BarChart()
    chart.type = "col"
    chart.title = "等级分布"
    chart.add_data(
        Reference(ws, min_col=2, min_row=start - 1, max_row=start + len(counts) - 1), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=start, max_row=start + len(counts) - 1))
    chart.legend = None
    ws.add_chart(chart, "J2")
    column_widths(ws, [6, 10, 34, 8, 14, 8, 8, 22])
    ws.freeze_panes = "A3"
    print_setup(ws, landscape=True, title_rows="2:2")


def _rates_sheet(ws: Worksheet, standard: Standard, centers: Sequence[CenterResult]) -> None:
    header_row(ws, 1, clause_rate_columns(standard))
    for i, r in enumerate(clause_rates(standard, centers), start=2):
        put(ws, i, 1, r["id"])
        put(ws, i, 2, r["title"])
        put(
            ws,
            i,
            3,
            VETO if r["kind"] == "veto" else float(r["max"]),
            number_format=NUMBER_FORMAT if r["kind"] != "veto" else None,
        )
        for col, key in ((4, "full"), (5, "partial"), (6, "none"), (7, "na")):
            put(ws, i, col, r[key])
        put(ws, i, 8, two(r["average"]), number_format=NUMBER_FORMAT)
        put(ws, i, 9, float(round_half_up(r["rate"], 4)), number_format="0.0%")
    column_widths(ws, [9, 30, 8, 10, 10, 8, 8, 10, 9])
    ws.freeze_panes = "A2"
    print_setup(ws, landscape=True, title_rows="1:1")


def _errors_sheet(ws: Worksheet, errors: Sequence[FileError]) -> None:
    header_row(ws, 1, ["文件", "原因"])
    for i, error in enumerate(errors, start=2):
        put(ws, i, 1, error.file)
        put(ws, i, 2, error.message, wrap=True)
    column_widths(ws, [60, 60])
    print_setup(ws, landscape=True, title_rows="1:1")


def summary_workbook(
    standard: Standard, centers: Sequence[CenterResult], errors: Sequence[FileError], year: int | None
) -> Workbook:
    """The summary of every center audited in one run, and the files that could not be audited."""
    from openpyxl import Workbook

    wb = Workbook()
    _ranking_sheet(first_sheet(wb), standard, centers, year)
    _rates_sheet(wb.create_sheet("条款达标率"), standard, centers)
    _errors_sheet(wb.create_sheet("错误"), errors)
    return wb

"""The summary workbook of a year: 汇总 (the ranking, its rule, the grade mix and its chart below), 分类排名,
镇街排名, 条款达标率, the printable 通报, and 错误 (only when files could not be audited, which the title
block of 汇总 then says).

Numbers from :mod:`auditor.output.figures`, words from :mod:`auditor.output.wording`, cells from
:mod:`auditor.output.xlkit`, as in each center's report; the per-type and per-street rankings and the 通报
from :mod:`auditor.output.summary_sheets`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING

from auditor.output.figures import clause_rates, ranking, two
from auditor.output.summary_sheets import (
    VETO_FILL,
    bulletin_sheet,
    center_row,
    finish,
    streets_sheet,
    title_block,
    types_sheet,
)
from auditor.output.wording import (
    CHART_COUNT,
    CHART_GRADES,
    ERROR_COLUMNS,
    ERRORS_SHEET,
    GRADE_COLUMNS,
    RANKING_RULE,
    RATES_SHEET,
    REVIEW_COUNT,
    SUMMARY_SHEET,
    VETO,
    as_of_line,
    clause_rate_columns,
    count_line,
    error_notice,
    errors_title,
    file_name,
    properties,
    sheet_title,
    shown,
    standard_name,
    summary_columns,
    summary_title,
    waived_veto_text,
    waived_vetoes,
)
from auditor.output.xlkit import (
    BODY,
    CELL,
    CENTER,
    NUMBER,
    RED,
    autofilter,
    first_sheet,
    header_row,
    merged,
    put,
)
from auditor.result import BatchHint, CenterResult, Comparison, FileError, grade_counts
from auditor.standard.model import Standard, round_half_up

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

RANK_WIDTHS = [7.0, 10.0, 34.0, 9.0, 14.0, 8.0, 8.0, 22.0]
RATE_WIDTHS = [8.0, 30.0, 10.0, 9.0, 9.0, 8.0, 8.0, 9.0, 8.0]
ERROR_WIDTHS = [50.0, 60.0]


def _ranking_sheet(
    ws: Worksheet,
    standard: Standard,
    centers: Sequence[CenterResult],
    errors: Sequence[FileError],
    year: int | None,
) -> None:
    from openpyxl.chart import BarChart, Reference

    ws.title = SUMMARY_SHEET
    reviewed = any(c.decisions for c in centers)  # the 复核 column only when decisions apply
    columns = summary_columns(standard) + ([REVIEW_COUNT] if reviewed else [])
    counts = grade_counts(standard, centers)
    lines = [standard_name(standard), count_line(standard, counts, len(centers)), *as_of_line(centers)]
    header = title_block(
        ws, summary_title(standard, year), lines, len(columns), notice=error_notice(len(errors))
    )
    header_row(ws, header, columns)
    row = header + 1
    kinds = {c.id: c.kind for c in standard.clauses}
    titles = {c.id: c.title for c in standard.clauses}
    for rank, center in ranking(centers):
        center_row(ws, row, rank, center, standard)
        if reviewed:
            _review_cells(ws, row, center, kinds, titles)
        row += 1
    last_ranked = row - 1
    autofilter(ws, header, len(columns), last_ranked)
    merged(ws, row + 1, 1, len(columns), RANKING_RULE, replace(BODY, wrap=True, size=9))
    row += 3
    header_row(ws, row, GRADE_COLUMNS)
    start = row + 1
    total = max(len(centers), 1)
    for i, (grade, count) in enumerate(counts.items()):
        put(ws, start + i, 1, grade, CENTER, fill=VETO_FILL if grade == standard.veto_grade else None)
        put(ws, start + i, 2, count, NUMBER, number_format="0")
        put(ws, start + i, 3, float(round_half_up(Fraction(count, total), 3)), NUMBER, number_format="0.0%")
    end = start + len(counts) - 1
    chart = BarChart()
    chart.type = "col"
    chart.title = CHART_GRADES
    chart.y_axis.title = CHART_COUNT
    chart.y_axis.majorUnit = max(1, -(-max(counts.values(), default=1) // 8))
    chart.y_axis.number_format = "0"
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.add_data(Reference(ws, min_col=2, min_row=start - 1, max_row=end), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=start, max_row=end))
    chart.legend = None
    chart.width, chart.height = 14, 7
    ws.add_chart(chart, f"A{end + 2}")
    finish(
        ws,
        [*RANK_WIDTHS, 7.0] if reviewed else RANK_WIDTHS,
        header,
        year,
        fixed_from=header + 1,
        chart_rows=16,
    )


def _review_cells(
    ws: Worksheet, row: int, center: CenterResult, kinds: Mapping[str, str], titles: Mapping[str, str]
) -> None:
    """The 复核 column (the decisions applied to the center) and a waived veto, in red where the veto would be."""
    put(ws, row, 9, len(center.decisions) or None, NUMBER, number_format="0")
    waived = [waived_veto_text(d, titles) for d in waived_vetoes(center, kinds)]
    if waived and not center.veto:
        put(ws, row, 8, "；".join(waived), CELL, color=RED, bold=True)


def _rates_sheet(
    ws: Worksheet, standard: Standard, centers: Sequence[CenterResult], year: int | None
) -> None:
    columns = clause_rate_columns(standard)
    header = title_block(
        ws, sheet_title(standard, year, RATES_SHEET), [standard_name(standard)], len(columns)
    )
    header_row(ws, header, columns)
    row = header + 1
    for r in clause_rates(standard, centers):
        put(ws, row, 1, r["id"], CENTER)
        put(ws, row, 2, r["title"], CELL)
        if r["kind"] == "veto":
            put(ws, row, 3, VETO, CENTER)
        else:
            put(ws, row, 3, float(r["max"]), NUMBER)
        for col, key in ((4, "full"), (5, "partial"), (6, "none"), (7, "na")):
            put(ws, row, col, r[key], NUMBER, number_format="0")
        put(ws, row, 8, None if r["kind"] == "veto" else two(r["average"]), NUMBER)
        put(ws, row, 9, float(round_half_up(r["rate"], 4)), NUMBER, number_format="0.0%")
        row += 1
    autofilter(ws, header, len(columns), row - 1)
    finish(ws, RATE_WIDTHS, header, year, fixed_from=header + 1, landscape=False)


def _errors_sheet(ws: Worksheet, errors: Sequence[FileError], year: int | None) -> None:
    header = title_block(ws, errors_title(len(errors)), [], len(ERROR_COLUMNS))
    header_row(ws, header, ERROR_COLUMNS)
    for i, error in enumerate(errors, start=header + 1):
        put(ws, i, 1, shown(file_name(error.file), 160), CELL)
        put(ws, i, 2, shown(error.message, 400), CELL, color=RED)
    autofilter(ws, header, len(ERROR_COLUMNS), header + len(errors))
    finish(ws, ERROR_WIDTHS, header, year, fixed_from=header + 1, landscape=True)


def summary_workbook(
    standard: Standard,
    centers: Sequence[CenterResult],
    errors: Sequence[FileError],
    year: int | None,
    followup: Comparison | None = None,
    hints: Sequence[BatchHint] | None = None,
) -> Workbook:
    """The summary of every center audited in one run; the files that could not be audited, when any; the
    疑点清单 when `hints` (those across centers) were looked for."""
    from auditor.output.xlkit import new_workbook

    wb = new_workbook(properties(standard, summary_title(standard, year)))
    _ranking_sheet(first_sheet(wb), standard, centers, errors, year)
    types_sheet(wb, standard, centers, year)
    streets_sheet(wb, standard, centers, year)
    _rates_sheet(wb.create_sheet(RATES_SHEET), standard, centers, year)
    bulletin_sheet(wb, standard, centers, errors, year)
    if followup is not None:
        from auditor.output.followup_sheets import followup_summary_sheet

        followup_summary_sheet(wb, standard, followup, year)
    if errors:
        _errors_sheet(wb.create_sheet(ERRORS_SHEET), errors, year)
    if hints is not None:
        from auditor.output.hint_sheets import hints_list_sheet

        hints_list_sheet(wb, standard, centers, hints, year)
    return wb

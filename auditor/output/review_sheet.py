"""The 复核记录 sheet of a center's report: every review decision applied (豁免, 改判) with its reason, who
approved it, when, until when, and the row of the decisions file it comes from. Present only when
decisions apply to the center; a waived veto is in red, as the veto would be."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.output.wording import (
    REVIEW_COLUMNS,
    center_meta,
    center_name,
    meta_line,
    page_header,
    review_row,
    review_title,
    review_total,
)
from auditor.output.xlkit import (
    BODY,
    CELL,
    CENTER,
    NUMBER,
    RED,
    TITLE,
    autofilter,
    column_widths,
    fit_heights,
    header_row,
    merged,
    paginate,
    print_setup,
    put,
)
from auditor.result import CenterResult
from auditor.standard.model import Standard

if TYPE_CHECKING:
    from openpyxl import Workbook

REVIEW_WIDTHS = [5.0, 18.0, 7.0, 9.0, 34.0, 10.0, 11.0, 11.0, 16.0]


def review_sheet(wb: Workbook, standard: Standard, center: CenterResult, year: int | None) -> None:
    """The decisions applied to the center (nothing when none applies)."""
    if not center.decisions:
        return
    from auditor.output.wording import REVIEW_SHEET

    ws = wb.create_sheet(REVIEW_SHEET)
    last = len(REVIEW_COLUMNS)
    merged(ws, 1, 1, last, review_title(center_name(center)), TITLE)
    merged(ws, 2, 1, last, meta_line(center_meta(standard, center)), BODY)
    header_row(ws, 3, REVIEW_COLUMNS)
    kinds = {c.id: c.kind for c in standard.clauses}
    titles = {c.id: c.title for c in standard.clauses}
    row = 4
    for i, d in enumerate(center.decisions, start=1):
        red = RED if d.decision == "waive" and kinds.get(d.clause) == "veto" else None
        values = review_row(d)
        values[0] = f"{d.clause} {titles.get(d.clause, '')}".strip()
        put(ws, row, 1, i, CENTER)
        for column, value in enumerate(values, start=2):
            look = NUMBER if column == 4 else CENTER if column in (3, 7, 8) else CELL
            put(ws, row, column, value, look, color=red, bold=red is not None)
        row += 1
    merged(ws, row, 1, last, review_total(center), CELL)
    heights = fit_heights(ws, REVIEW_WIDTHS, range(4, row + 1), least=24)
    top = fit_heights(ws, REVIEW_WIDTHS, (1, 2, 3))
    ws.row_dimensions[1].height = 30
    paginate(
        ws, heights, REVIEW_WIDTHS, landscape=True, first=4, repeated=top[3], before=30 + top[2] + top[3]
    )
    autofilter(ws, 3, last, row - 1)
    column_widths(ws, REVIEW_WIDTHS, fit_rows=False)
    ws.freeze_panes = "A4"
    print_setup(ws, landscape=True, title_rows="3:3", header=page_header(center, year))

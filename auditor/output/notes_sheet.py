"""读取说明: how the center's workbook was read, in its report — a sheet renamed, 同上 read as the row above, a
duty log kept as a grid, a field left blank — the warnings `audit check` prints, so that whoever signs the
report sees what the scores were computed from. Only a report whose center has warnings has it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from auditor.output.hint_sheets import SMALL, sheet_layout
from auditor.output.wording import center_meta, center_name, meta_line, page_header, shown
from auditor.output.xlkit import BODY, CELL, CENTER, TITLE, header_row, merged, print_setup, put
from auditor.result import CenterResult
from auditor.standard.model import Standard

if TYPE_CHECKING:
    from openpyxl import Workbook

SHEET = "读取说明"
NOTE = "读取本中心工作簿时的说明（与 audit check 所列警告相同），供核对；各条款得分已按此计算。"
WIDTHS = [6.0, 110.0]


def notes_sheet(wb: Workbook, standard: Standard, center: CenterResult, year: int | None) -> None:
    """读取说明: one row per warning of the center, in the order `audit check` gives them."""
    ws = wb.create_sheet(SHEET)
    merged(ws, 1, 1, 2, f"{center_name(center)}{SHEET}", TITLE)
    merged(ws, 2, 1, 2, meta_line(center_meta(standard, center)), BODY)
    merged(ws, 3, 1, 2, NOTE, replace(BODY, wrap=True, size=SMALL))
    header_row(ws, 4, ["序号", "说明"])
    row = 5
    for i, warning in enumerate(center.warnings, start=1):
        put(ws, row, 1, i, CENTER)
        put(ws, row, 2, shown(warning, 2000), CELL)
        row += 1
    sheet_layout(ws, WIDTHS, 5, row - 1)
    print_setup(ws, landscape=True, title_rows="4:4", header=page_header(center, year))

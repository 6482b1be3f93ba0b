"""The small openpyxl kit every workbook this program writes is made with: reports, summary and template.

* :func:`write` puts a value in a cell; text is always text (a leading '=' is never a formula, an
  error code never an error), control characters removed, Decimal as a number;
* :func:`put` writes a cell and gives it one of a few styles, each built once per workbook and then
  copied (:func:`copy_style`), since openpyxl's style objects are slow to compare and register;
* :func:`print_setup` (A4, fit to width, title rows, page footer), :func:`column_widths` (with row
  heights that fit wrapped text) and :func:`header_row`.

openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from auditor.output.files import strip_control
from auditor.output.wording import text_width

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "等线"
HEADER_FILL = "D9E1F2"
HEADER_BORDER = "999999"
PAGE_FOOTER = "第 &P 页，共 &N 页"

Value = str | int | float | Decimal | None
StyleKey = tuple[bool, int, str | None, str | None, bool, str | None]


def first_sheet(wb: Workbook) -> Worksheet:
    """The sheet a new workbook starts with."""
    from openpyxl.worksheet.worksheet import Worksheet

    ws = wb.active
    assert isinstance(ws, Worksheet)
    return ws


def write(cell: Any, value: object, *, blank_if_empty: bool = False) -> None:
    """Write one value. Strings are always text (a leading '=' never becomes a formula), without control
    characters; an empty string leaves the cell blank when `blank_if_empty`; Decimal is written as float."""
    if isinstance(value, str):
        text = strip_control(value)
        cell.value = None if blank_if_empty and not text else text
        if cell.value is not None:
            cell.data_type = "s"
    elif isinstance(value, Decimal):
        cell.value = float(value)
    else:
        cell.value = value


def put(
    ws: Worksheet,
    row: int,
    column: int,
    value: Value,
    *,
    bold: bool = False,
    number_format: str | None = None,
    fill: str | None = None,
    wrap: bool = False,
    align: str | None = None,
    size: int | None = None,
) -> Any:
    """Write one cell (see :func:`write`) in the report font, with the style the keywords describe."""
    cell = ws.cell(row=row, column=column)
    write(cell, value)
    apply_style(ws, cell, (bold, size or 11, number_format, fill, wrap, align))
    return cell


def copy_style(source: Any, target: Any) -> None:
    """Give `target` the style of `source` (a copy of openpyxl's style array: fast for many cells)."""
    target._style = copy.copy(source._style)


def apply_style(ws: Worksheet, cell: Any, key: StyleKey) -> None:
    """Apply a style (bold, size, number format, fill, wrap, horizontal alignment), built once per
    workbook and then copied."""
    cache: dict[StyleKey, Any] = ws.parent.__dict__.setdefault("_audit_styles", {})
    known = cache.get(key)
    if known is not None:
        cell._style = copy.copy(known)
        return
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, size, number_format, fill, wrap, align = key
    cell.font = Font(name=FONT_NAME, bold=bold, size=size)
    if number_format:
        cell.number_format = number_format
    if fill:
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    cell.alignment = Alignment(wrap_text=wrap, vertical="center", horizontal=align)
    cache[key] = copy.copy(cell._style)


def print_setup(
    ws: Worksheet,
    *,
    landscape: bool,
    title_rows: str | None = None,
    footer: str = PAGE_FOOTER,
    centered: bool = False,
    margins: tuple[float, float] | None = None,
) -> None:
    """A4, fitted to the page width, the title rows repeated on every page, page numbers in the footer;
    optionally centred on the page with (left/right, top/bottom) margins in inches."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if centered:
        ws.print_options.horizontalCentered = True
    if margins is not None:
        ws.page_margins.left = ws.page_margins.right = margins[0]
        ws.page_margins.top = ws.page_margins.bottom = margins[1]
    if title_rows:
        ws.print_title_rows = title_rows
    if ws.oddFooter is not None and ws.oddFooter.center is not None:
        ws.oddFooter.center.text = footer


def column_widths(ws: Worksheet, widths: Sequence[float], *, fit_rows: bool = True) -> None:
    """Set column widths, then (with `fit_rows`) row heights that fit wrapped text (LibreOffice and WPS
    do not refit them)."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if not fit_rows:
        return
    for row in ws.iter_rows():
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or cell.column > len(widths):
                continue
            if not (cell.alignment is not None and cell.alignment.wrap_text):
                continue
            width = widths[cell.column - 1]
            lines = max(lines, -(-text_width(cell.value) // max(int(width) - 3, 1)))
        if lines > 1 and row[0].row is not None:
            ws.row_dimensions[row[0].row].height = 15 * lines + 2


def header_row(
    ws: Worksheet,
    row: int,
    names: Sequence[str],
    style: Callable[[Any], None] | None = None,
) -> None:
    """A header row from column A: the report's bold, filled, bordered headers, or written as text
    (blank where a name is empty) and styled by `style`."""
    if style is not None:
        for col, name in enumerate(names, start=1):
            cell = ws.cell(row, col)
            write(cell, name, blank_if_empty=True)
            style(cell)
        return
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color=HEADER_BORDER)
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    for col, name in enumerate(names, start=1):
        cell = put(ws, row, col, name, bold=True, fill=HEADER_FILL, align="center", wrap=True)
        cell.border = border

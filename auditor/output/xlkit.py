"""The small openpyxl kit every workbook this program writes is made with: reports, summary and template.

* :func:`write` puts a value in a cell; text is always text (a leading '=' is never a formula, an
  error code never an error), control characters removed, Decimal as a number;
* :func:`put` writes a cell and gives it a :class:`Look` (宋体/黑体 declared with the Chinese charset, so
  LibreOffice and WPS pick a Chinese face; thin borders; alignment), each look built once per workbook and
  then copied (:func:`copy_style`), since openpyxl's style objects are slow to compare and register;
* :func:`new_workbook` (the default font and the document properties), :func:`print_setup` (A4, fit to
  width, title rows, the page header naming the center and the page footer), :func:`fit_heights` (row
  heights that fit wrapped text) and :func:`paginate` (page breaks that never leave a part header alone at
  the bottom of a page), :func:`column_widths` and :func:`header_row`.

openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from auditor.output.files import strip_control
from auditor.output.wording import PAGE_FOOTER, text_width

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "宋体"  # tables and text
TITLE_FONT = "黑体"  # titles
CHARSET = 134  # GB2312: the font is a Chinese one (LibreOffice and WPS never fall back to a Japanese face)
BODY_SIZE = 10.5
TITLE_SIZE = 16
HEADER_FILL = "D9E1F2"
LINE = "000000"
RED = "C00000"  # a veto, an error notice: the one red of every report
LINE_HEIGHT = 14.0  # points per line of 10.5 pt text
Value = str | int | float | Decimal | None
# A4 in points, and the margins every report sheet prints with (left/right, top/bottom, header/footer) in inches
A4 = (595.0, 842.0)
MARGINS = (0.5, 0.75, 0.3)
# Pixels per character of column width: Excel with 宋体 10.5 pt draws 7, LibreOffice about 7.6; a little more
# than Excel's means a page is never overfilled (a renderer would break it earlier than we do).
PX_PER_CHAR = 7.3


@dataclass(frozen=True)
class Look:
    """How a cell looks: font, fill, borders, alignment, number format."""

    bold: bool = False
    size: float = BODY_SIZE
    number_format: str | None = None
    fill: str | None = None
    wrap: bool = False
    align: str | None = None
    valign: str = "center"
    border: bool = False
    title: bool = False  # 黑体
    color: str | None = None
    underline: bool = False
    bottom_line: bool = False  # a line to sign on


BODY = Look()
CELL = Look(border=True, wrap=True, align="left")
CENTER = Look(border=True, wrap=True, align="center")
NUMBER = Look(border=True, align="right", number_format="0.0#")
HEADER = Look(bold=True, fill=HEADER_FILL, align="center", wrap=True, border=True)
TITLE = Look(title=True, size=TITLE_SIZE, align="center")


def first_sheet(wb: Workbook) -> Worksheet:
    """The sheet a new workbook starts with."""
    from openpyxl.worksheet.worksheet import Worksheet

    ws = wb.active
    assert isinstance(ws, Worksheet)
    return ws


def font(look: Look) -> Any:
    from openpyxl.styles import Font

    return Font(
        name=TITLE_FONT if look.title else FONT_NAME,
        charset=CHARSET,
        family=3,
        bold=look.bold,
        size=look.size,
        color=look.color,
        underline="single" if look.underline else None,
    )


def new_workbook(properties: Mapping[str, str] | None = None) -> Workbook:
    """A workbook whose default font is 宋体 (Chinese charset), with the given document properties. Its
    style tables start as copies of the reference workbook's, so a look built once serves every report."""
    from openpyxl import Workbook
    from openpyxl.utils.indexed_list import IndexedList

    reference = _reference()
    wb = Workbook()
    book: Any = wb
    for name in STYLE_TABLES:  # the same styles at the same indexes as in the reference
        setattr(book, name, IndexedList(getattr(reference, name)))
    book._named_styles["Normal"].font = font(BODY)
    book._audit_version = len(_LOOKS)  # the looks its style tables hold
    for key, value in (properties or {}).items():
        setattr(wb.properties, key, strip_control(value)[:255])
    return wb


STYLE_TABLES = ("_fonts", "_fills", "_borders", "_alignments", "_protections", "_number_formats")
_REFERENCE: list[Any] = []  # [the workbook every look is registered in first, its scratch sheet]
_LOOKS: dict[Look, Any] = {}  # look -> the style array of a cell with that look, in the reference's indexes


def _reference() -> Any:
    """The reference workbook: 宋体 its default font (index 0), then every look's font, fill, border…"""
    if not _REFERENCE:
        from openpyxl import Workbook
        from openpyxl.utils.indexed_list import IndexedList

        wb: Any = Workbook()
        wb._fonts = IndexedList([font(BODY)])
        _REFERENCE.extend([wb, wb.active])
    return _REFERENCE[0]


def write(cell: Any, value: object, *, blank_if_empty: bool = False) -> None:
    """Write one value. Strings are always text (a leading '=' never becomes a formula), without control
    characters; an empty string leaves the cell blank when `blank_if_empty`; Decimal is written as float."""
    if isinstance(value, str):
        text = strip_control(value)[:32767]
        cell.value = None if blank_if_empty and not text else text
        if cell.value is not None:
            cell.data_type = "s"
    elif isinstance(value, Decimal):
        cell.value = float(value)
    else:
        cell.value = value


def _fast_write(cell: Any, value: Value) -> None:
    """:func:`write` for a fresh cell of a report: the value set directly (control characters are already
    removed here, which is all openpyxl's own checks would do)."""
    if isinstance(value, str):
        cell._value = strip_control(value)[:32767]
        cell.data_type = "s"
    elif isinstance(value, bool) or value is None:
        write(cell, value)
    elif isinstance(value, int | float):
        cell._value = value
        cell.data_type = "n"
    elif isinstance(value, Decimal):
        cell._value = float(value)
        cell.data_type = "n"
    else:
        write(cell, value)


@lru_cache(maxsize=512)
def _variant(look: Look, changes: tuple[tuple[str, Any], ...]) -> Look:
    return replace(look, **dict(changes))


def put(ws: Worksheet, row: int, column: int, value: Value, look: Look = BODY, **changes: Any) -> Any:
    """Write one cell (see :func:`write`) with a look (and keyword changes to it)."""
    cell = ws.cell(row=row, column=column)
    _fast_write(cell, value)
    apply_look(ws, cell, _variant(look, tuple(sorted(changes.items()))) if changes else look)
    return cell


def copy_style(source: Any, target: Any) -> None:
    """Give `target` the style of `source` (a copy of openpyxl's style array: fast for many cells)."""
    target._style = copy.copy(source._style)


def apply_look(ws: Worksheet, cell: Any, look: Look) -> None:
    """Apply a look: built once (in the reference workbook) and then copied. A workbook not made by
    :func:`new_workbook` (the template's) gets its own styles, cached per workbook."""
    wb: Any = ws.parent
    if "_audit_version" not in wb.__dict__:
        cache: dict[Look, Any] = wb.__dict__.setdefault("_audit_looks", {})
        known = cache.get(look)
        if known is None:
            _style(cell, look)
            cache[look] = copy.copy(cell._style)
        else:
            cell._style = copy.copy(known)
        return
    known = _LOOKS.get(look)
    if known is None:
        probe = _REFERENCE[1].cell(row=len(_LOOKS) + 1, column=1)
        _style(probe, look)
        known = _LOOKS[look] = copy.copy(probe._style)
    if wb._audit_version != len(_LOOKS):  # looks made since: their styles appended in the same order
        reference = _reference()
        for name in STYLE_TABLES:
            mine, theirs = getattr(wb, name), getattr(reference, name)
            for item in list(theirs)[len(mine) :]:
                mine.append(item)
        wb._audit_version = len(_LOOKS)
    cell._style = copy.copy(known)


def _style(cell: Any, look: Look) -> None:
    from openpyxl.styles import Alignment, Border, PatternFill, Side

    cell.font = font(look)
    if look.number_format:
        cell.number_format = look.number_format
    if look.fill:
        cell.fill = PatternFill("solid", start_color=look.fill, end_color=look.fill)
    if look.border:
        thin = Side(style="thin", color=LINE)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    elif look.bottom_line:
        cell.border = Border(bottom=Side(style="thin", color=LINE))
    cell.alignment = Alignment(wrap_text=look.wrap, vertical=look.valign, horizontal=look.align)


def merged(ws: Worksheet, row: int, first: int, last: int, value: Value, look: Look = BODY) -> Any:
    """One value across columns `first`..`last` of a row, every cell of the range given the look (so its
    borders print). The range is recorded directly: openpyxl's merge_cells re-styles the edge cells one
    border at a time, which costs more than the rest of a report."""
    cell = put(ws, row, first, value, look)
    if last <= first:
        return cell
    from openpyxl.cell.cell import MergedCell
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergedCellRange

    span = object.__new__(MergedCellRange)
    CellRange.__init__(span, min_col=first, min_row=row, max_col=last, max_row=row)
    span.ws = ws
    span.start_cell = cell
    ws.merged_cells.add(span)
    cells: Any = ws._cells
    for column in range(first + 1, last + 1):
        inner: Any = MergedCell(ws, row=row, column=column)
        inner._style = copy.copy(cell._style)
        cells[(row, column)] = inner
    return cell


def header_text(text: str) -> str:
    """Text for a page header or footer: control characters removed, '&' doubled (it starts a code)."""
    return strip_control(text).replace("&", "&&")[:200]


def print_setup(
    ws: Worksheet,
    *,
    landscape: bool,
    title_rows: str | None = None,
    footer: str = PAGE_FOOTER,
    header: str | None = None,
    centered: bool = False,
    margins: tuple[float, float] | None = None,
) -> None:
    """A4, fitted to the page width, the title rows repeated on every page, the page header (`header`, the
    center and year) and page numbers in the footer; optionally centred, with (left/right, top/bottom)
    margins in inches."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if centered:
        ws.print_options.horizontalCentered = True
    side, top = margins if margins is not None else MARGINS[:2]
    ws.page_margins.left = ws.page_margins.right = side
    ws.page_margins.top = ws.page_margins.bottom = top
    ws.page_margins.header = ws.page_margins.footer = MARGINS[2]
    if title_rows:
        ws.print_title_rows = title_rows
    sheet: Any = ws
    if header is not None:
        sheet.oddHeader.center.text = header_text(header)
        sheet.oddHeader.center.font = f"{FONT_NAME},常规"
        sheet.oddHeader.center.size = 9
    sheet.oddFooter.center.text = footer
    sheet.oddFooter.center.font = f"{FONT_NAME},常规"
    sheet.oddFooter.center.size = 9


def column_widths(ws: Worksheet, widths: Sequence[float], *, fit_rows: bool = True) -> None:
    """Set column widths, then (with `fit_rows`) row heights that fit wrapped text (LibreOffice and WPS
    do not refit them)."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if fit_rows:
        fit_heights(ws, widths, range(1, ws.max_row + 1))


@lru_cache(maxsize=8192)
def lines_of(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column `width` characters wide (CJK characters count 2)."""
    room = max(int(width) - 1, 1)
    return sum(max(1, -(-text_width(part) // room)) for part in text.split("\n"))


def fit_heights(
    ws: Worksheet, widths: Sequence[float], rows: Iterable[int], *, least: float = 0, size: float = BODY_SIZE
) -> dict[int, float]:
    """Give every row of `rows` the height its wrapped cells need (at least `least`); the heights."""
    heights: dict[int, float] = {}
    spans = _merged_widths(ws, widths)
    line = LINE_HEIGHT * size / BODY_SIZE
    cells: Any = ws._cells  # read without creating the cells a row does not have
    for r in rows:
        lines = 1
        for column in range(1, len(widths) + 1):
            cell = cells.get((r, column))
            value = None if cell is None else cell.value
            if not isinstance(value, str):
                continue
            width = spans.get((r, column), widths[column - 1])
            lines = max(lines, lines_of(value, width))
        height = max(round(lines * line + 5, 1), least, line + 5)
        ws.row_dimensions[r].height = height
        heights[r] = height
    return heights


def _merged_widths(ws: Worksheet, widths: Sequence[float]) -> dict[tuple[int, int], float]:
    spans: dict[tuple[int, int], float] = {}
    for rng in ws.merged_cells.ranges:
        total = sum(widths[c - 1] for c in range(rng.min_col, rng.max_col + 1) if c <= len(widths))
        spans[(rng.min_row, rng.min_col)] = total
    return spans


def page_room(widths: Sequence[float], *, landscape: bool) -> float:
    """The height (points, at the sheet's own scale) one printed page holds once fitted to the width."""
    page_w, page_h = (A4[1], A4[0]) if landscape else A4
    printable_w = page_w - 2 * 72 * MARGINS[0]
    printable_h = page_h - 2 * 72 * MARGINS[1]
    content_w = sum(w * PX_PER_CHAR + 5 for w in widths) * 0.75
    scale = min(1.0, printable_w / content_w) if content_w else 1.0
    return printable_h / scale


def paginate(
    ws: Worksheet,
    heights: Mapping[int, float],
    widths: Sequence[float],
    *,
    landscape: bool,
    first: int,
    repeated: float = 0,
    keep_with_next: Collection[int] = (),
    blocks: Sequence[tuple[int, int]] = (),
    before: float = 0,
) -> int:
    """Page breaks from row `first` on (rows above it take `before` points of the first page; `repeated`
    points of title rows repeat on every page): a row never splits, a row of `keep_with_next` (a part
    header) never ends a page, the rows of each of `blocks` (first, last) stay on one page. The number of
    pages."""
    from openpyxl.worksheet.pagebreak import Break

    room = page_room(widths, landscape=landscape) * 0.96  # a little slack for the renderers' rounding
    rows = sorted(heights)
    spans = {a: b for a, b in blocks}
    for i, r in enumerate(rows):
        if r in keep_with_next and i + 1 < len(rows):
            spans.setdefault(r, rows[i + 1])
    used = before
    pages = 1
    for r in rows:
        if r < first:
            continue
        need = sum(h for row, h in heights.items() if r <= row <= spans.get(r, r))
        if used + min(need, room - repeated) > room and used > repeated:
            ws.row_breaks.append(Break(id=r - 1))
            pages += 1
            used = repeated
        used += heights[r]
    return pages


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
    for col, name in enumerate(names, start=1):
        put(ws, row, col, name, HEADER)


def autofilter(ws: Worksheet, row: int, columns: int, last: int) -> None:
    """An autofilter on the header row `row` over the table below it."""
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A{row}:{get_column_letter(columns)}{max(last, row)}"

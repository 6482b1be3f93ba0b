"""The template's look: layout rows, fonts, fills, borders and protection, wrapped-text row heights,
the title row and the page setup (through :mod:`auditor.output.xlkit`, the kit every workbook uses)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditor.output.files import strip_control
from auditor.output.wording import text_width
from auditor.output.xlkit import print_setup, write
from auditor.standard.model import FieldSpec
from auditor.workbook.values import normalize_label

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "宋体"
TITLE_FONT = "黑体"
CHARSET = 134  # GB2312: a Chinese face, never a Japanese fallback
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3  # layout sheets: title, header, first record / field
FORM_HEADERS = ("必填", "填写说明", "栏目", "填写内容")
REQUIRED_MARK = "★"
PAGE_FOOTER = "&A　第 &P 页，共 &N 页"  # the sheet's name, then the page

FILL_TITLE = "D9E1F2"
FILL_HEADER = "DDEBF7"
FILL_INPUT = "FFFBE6"
FILL_FIXED = "EDEDED"
FILL_PART = "F2F2F2"
FILL_INSPECTORS = "FCE4D6"  # fields only the inspection team fills in
GREY = "595959"


def clean_text(text: str) -> str:
    """Control characters removed (openpyxl refuses them); at most the 32,767 characters a cell holds."""
    return strip_control(text)[:32767]


def distinct(text: str, reserved: set[str]) -> str:
    """A text that does not read as one of the sheet's labels (so the reader is never misled)."""
    while normalize_label(text) in reserved:
        text += "（模板）"
    return text


@dataclass
class Styles:
    """openpyxl style objects, made once per workbook."""

    font: Any
    bold: Any
    title: Any
    hint: Any
    required: Any
    border: Any
    wrap: Any
    top: Any
    center: Any
    left: Any
    left_wrap: Any
    header_fill: Any
    input_fill: Any
    fixed_fill: Any
    title_fill: Any
    part_fill: Any
    inspector_fill: Any
    locked: Any
    unlocked: Any

    def header(self, cell: Any) -> None:
        """A header cell: bold, filled, bordered, centred."""
        cell.font, cell.fill, cell.border, cell.alignment = (
            self.bold,
            self.header_fill,
            self.border,
            self.center,
        )

    def locked_header(self, cell: Any) -> None:
        """A header cell of a sheet the reader depends on: locked when the sheet is protected."""
        self.header(cell)
        cell.protection = self.locked


def make_styles() -> Styles:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="A6A6A6")

    def fill(rgb: str) -> PatternFill:
        return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)

    return Styles(
        font=Font(name=FONT_NAME, size=11, charset=CHARSET),
        bold=Font(name=FONT_NAME, size=11, bold=True, charset=CHARSET),
        title=Font(name=TITLE_FONT, size=14, charset=CHARSET),
        hint=Font(name=FONT_NAME, size=9, color=GREY, charset=CHARSET),
        required=Font(name=FONT_NAME, size=11, bold=True, color="C00000", charset=CHARSET),
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        wrap=Alignment(wrap_text=True, vertical="center"),
        top=Alignment(wrap_text=True, vertical="top"),
        center=Alignment(horizontal="center", vertical="center", wrap_text=True),
        left=Alignment(horizontal="left", vertical="center"),
        left_wrap=Alignment(horizontal="left", vertical="center", wrap_text=True),
        header_fill=fill(FILL_HEADER),
        input_fill=fill(FILL_INPUT),
        fixed_fill=fill(FILL_FIXED),
        title_fill=fill(FILL_TITLE),
        part_fill=fill(FILL_PART),
        inspector_fill=fill(FILL_INSPECTORS),
        locked=Protection(locked=True),
        unlocked=Protection(locked=False),
    )


def cell_format(spec: FieldSpec) -> str:
    if spec.type == "date":
        return "yyyy-mm-dd"
    if spec.type in ("year", "integer"):
        return "0"
    if spec.type == "number":
        return "General"
    return "@"


def row_height(texts: Iterable[tuple[str, float]], line: float = 15.0) -> float | None:
    """Height for wrapped text: (text, column width) pairs -> the tallest cell; None for one line."""
    lines = 1
    for text, width in texts:
        count = 0
        for part in text.split("\n"):
            count += max(1, -(-text_width(part) // max(int(width * 1.1) - 1, 1)))
        lines = max(lines, count)
    return None if lines == 1 else round(lines * line + 3, 1)


def title_row(ws: Worksheet, text: str, columns: int, st: Styles) -> None:
    from openpyxl.utils import get_column_letter

    cell = ws.cell(TITLE_ROW, 1)
    write(cell, text, blank_if_empty=True)
    cell.font = st.title
    cell.alignment = st.left
    cell.fill = st.title_fill
    cell.protection = st.locked
    if columns > 1:
        ws.merge_cells(f"A{TITLE_ROW}:{get_column_letter(columns)}{TITLE_ROW}")
    ws.row_dimensions[TITLE_ROW].height = 28


def page_setup(ws: Worksheet, width: float, title_rows: str | None) -> None:
    """A4, landscape when the columns are wide, centred, the sheet's name and page in the footer."""
    print_setup(
        ws,
        landscape=width > 100,
        title_rows=title_rows,
        footer=PAGE_FOOTER,
        centered=True,
        margins=(0.5, 0.75),
    )


def protect_sheet(ws: Worksheet, *, rows: bool) -> None:
    """Protection without a password: formatting widths and heights stays allowed; rows too for tables."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    if rows:
        ws.protection.insertRows = False
        ws.protection.deleteRows = False

"""The layout sheets of the template, in the standard's order.

A form: one row per field — required mark, a short hint, the label, the empty value cell. The hint
stands *left* of the label because the reader takes the first non-empty cell to the right of a label
as its value. A table: a title row, the header row, then empty rows; rows for the fixed items the
checks ask for are prefilled (grey, locked) and the sheet protected without a password.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auditor.output.wording import TEMPLATE_WORDS, text_width
from auditor.output.xlkit import column_widths, copy_style, header_row, write
from auditor.standard.model import SheetSpec, Standard
from auditor.template.hints import (
    FixedRow,
    answers,
    cell_value,
    fixed_rows,
    hint,
    plain_number,
    self_assessed,
)
from auditor.template.styles import (
    FIRST_ROW,
    FONT_NAME,
    FORM_HEADERS,
    HEADER_ROW,
    REQUIRED_MARK,
    TITLE_ROW,
    Styles,
    cell_format,
    clean_text,
    distinct,
    page_setup,
    protect_sheet,
    row_height,
    title_row,
)
from auditor.template.validation import Lists, Validation, score_validation, validation_for
from auditor.workbook.values import is_blank, normalize_label

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

BLANK_ROWS = 30  # ready rows of a table without fixed items
EXTRA_ROWS = 10  # ready rows after the fixed items
LAST_VALIDATED_ROW = 10000  # table validations reach this far down
MIN_TABLE_WIDTH = 70  # a narrow table is widened to this (characters) so there is room to write
EXTRA_COLUMNS = 5  # columns right of a protected table left unlocked for a person's own notes
UNLOCKED_ROWS = 300  # rows of a protected table writable even where column styles are ignored (LibreOffice)


@dataclass
class Context:
    standard: Standard
    year: int
    given_year: int | None
    center: Mapping[str, object]
    readers: dict[tuple[str, str], list[str]]
    styles: Styles
    lists: Lists
    protected: list[str] = field(default_factory=list)
    fixed_sheets: list[str] = field(default_factory=list)
    validations: list[tuple[Worksheet, list[Validation]]] = field(default_factory=list)


def center_name(ctx: Context) -> str:
    value = ctx.center.get(ctx.standard.center.name)
    return clean_text(str(value)).strip() if value is not None else ""


def form_sheet(wb: Workbook, sheet: SheetSpec, ctx: Context) -> None:

    st, standard = ctx.styles, ctx.standard
    ws = wb.create_sheet(sheet.name)
    reserved = {normalize_label(f.name) for f in sheet.fields}
    hints = [distinct(hint(standard, sheet, f, ctx.readers, ctx.year), reserved) for f in sheet.fields]
    prefill = dict(ctx.center) if sheet.name == standard.center.sheet else {}
    if ctx.given_year is not None and sheet.name == standard.center.sheet and standard.center.year:
        prefill[standard.center.year] = ctx.given_year
    name = center_name(ctx) if sheet.name == standard.center.sheet else ""
    title = sheet.title or sheet.name
    title_row(ws, distinct(f"{name}　{title}" if name else title, reserved), len(FORM_HEADERS), st)

    widths = [6.0, 36.0, 0.0, 0.0]
    widths[2] = float(min(max(max((text_width(f.name) for f in sheet.fields), default=8) + 3, 10), 40))
    value_width = max(
        [
            24,
            *(text_width(a) + 4 for f in sheet.fields for a in answers(f, standard)),
            *(text_width(str(v)) + 3 for v in prefill.values()),
        ]
    )
    widths[3] = float(min(value_width, 50))
    header_row(ws, HEADER_ROW, [distinct(text, reserved) for text in FORM_HEADERS], st.locked_header)
    validations: list[Validation] = []
    for i, (spec, tip) in enumerate(zip(sheet.fields, hints, strict=True)):
        r = FIRST_ROW + i
        mark, hint_cell, label, value = (ws.cell(r, c) for c in range(1, 5))
        write(mark, REQUIRED_MARK if spec.required else "", blank_if_empty=True)
        mark.font, mark.alignment = st.required, st.center
        write(hint_cell, tip, blank_if_empty=True)
        hint_cell.font, hint_cell.alignment = st.hint, st.wrap
        write(label, spec.name, blank_if_empty=True)
        label.font = st.required if spec.required else st.bold
        label.alignment = st.wrap
        if spec.name in prefill and not is_blank(prefill[spec.name]):
            write(value, cell_value(spec, prefill[spec.name], standard), blank_if_empty=True)
        value.font, value.alignment = st.font, st.left_wrap
        value.fill = st.inspector_fill if spec.filled_by == "inspectors" else st.input_fill
        value.number_format = cell_format(spec)
        value.protection = st.unlocked
        for cell in (mark, hint_cell, label, value):
            cell.border = st.border
        for cell in (mark, hint_cell, label):
            cell.protection = st.locked
        height = row_height([(tip, widths[1] * 1.2), (spec.name, widths[2])], line=14.0)
        ws.row_dimensions[r].height = max(height or 0, 20)
        check = validation_for(spec, standard, tip, ctx.lists, ctx.year)
        check.ranges.append(f"D{r}")
        validations.append(check)
    column_widths(ws, widths, fit_rows=False)
    ws.freeze_panes = f"A{FIRST_ROW}"
    page_setup(ws, sum(widths), f"{TITLE_ROW}:{HEADER_ROW}")
    protect_sheet(ws, rows=False)
    ctx.protected.append(sheet.name)
    ctx.validations.append((ws, validations))


def _column_widths(sheet: SheetSpec, rows: Sequence[FixedRow], standard: Standard) -> list[float]:
    """Widths that fit the header, the answers and the fixed items; a narrow table is widened to
    MIN_TABLE_WIDTH (the open text columns get the room) so there is space to write."""
    widths: list[float] = []
    for spec in sheet.fields:
        samples = [
            text_width(spec.name) + 4,
            *(text_width(a) + 4 for a in answers(spec, standard)),
            *(
                text_width(str(cell_value(spec, row.values[spec.name], standard))) + 3
                for row in rows
                if spec.name in row.values
            ),
        ]
        if spec.type == "date":
            samples.append(13)
        if spec.type == "text":
            samples.append(14)
        widths.append(float(min(max(*samples, 10), 40)))
    open_text = [i for i, spec in enumerate(sheet.fields) if spec.type == "text"] or list(range(len(widths)))
    short = MIN_TABLE_WIDTH - sum(widths)
    if short > 0:
        for i in open_text:
            widths[i] = float(min(widths[i] + round(short / len(open_text)), 60))
    return widths


def _self_assessment(
    ws: Worksheet, sheet: SheetSpec, ctx: Context, widths: list[float], validations: list[Validation]
) -> int:
    """The self-assessment table: each clause's title and points beside its number (grey, locked), and its
    score cell validated from 0 to those points."""
    from openpyxl.utils import get_column_letter

    assert ctx.standard.self_assessment is not None
    st, spec = ctx.styles, ctx.standard.self_assessment
    names = [f.name for f in sheet.fields]
    if spec.score not in names:
        return 0
    first_extra = len(names) + 1
    for offset, text in enumerate((TEMPLATE_WORDS["self_title"], TEMPLATE_WORDS["self_max"])):
        cell = ws.cell(HEADER_ROW, first_extra + offset)
        write(cell, text)
        st.locked_header(cell)
    score_letter = get_column_letter(names.index(spec.score) + 1)
    clauses = self_assessed(ctx.standard)
    by_points: dict[float, list[str]] = {}
    for i, clause in enumerate(clauses):
        r = FIRST_ROW + i
        points = float(clause.points)
        for offset, value in enumerate((clause.title, plain_number(clause.points))):
            cell = ws.cell(r, first_extra + offset)
            write(cell, value)
            cell.font, cell.border, cell.fill = st.font, st.border, st.fixed_fill
            cell.alignment, cell.protection = st.wrap, st.locked
        by_points.setdefault(points, []).append(f"{score_letter}{r}")
    tip = TEMPLATE_WORDS["self_tip"]
    for points, cells in by_points.items():
        check = score_validation(points, tip, spec.score)
        check.ranges.extend(cells)
        validations.append(check)
    # the column's own validation starts below the clauses (one validation per cell)
    last = FIRST_ROW + len(clauses)
    for check in validations:
        check.ranges[:] = [
            f"{score_letter}{last}:{score_letter}{LAST_VALIDATED_ROW}"
            if ref == f"{score_letter}{FIRST_ROW}:{score_letter}{LAST_VALIDATED_ROW}"
            else ref
            for ref in check.ranges
        ]
    for i, name in enumerate(names):  # the table is wide enough now: no widened column
        if name == spec.clause:
            widths[i] = 12.0
            ws.column_dimensions[get_column_letter(i + 1)].width = 12
    widths.extend([34.0, 8.0])
    ws.column_dimensions[get_column_letter(first_extra)].width = 34
    ws.column_dimensions[get_column_letter(first_extra + 1)].width = 8
    title = f"A{TITLE_ROW}:{get_column_letter(len(names))}{TITLE_ROW}"
    if title in {str(r) for r in ws.merged_cells.ranges}:
        ws.unmerge_cells(title)
    ws.merge_cells(f"A{TITLE_ROW}:{get_column_letter(first_extra + 1)}{TITLE_ROW}")
    return 2


def table_sheet(wb: Workbook, sheet: SheetSpec, ctx: Context) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    st, standard = ctx.styles, ctx.standard
    ws = wb.create_sheet(sheet.name)
    reserved = {normalize_label(f.name) for f in sheet.fields}
    rows = fixed_rows(standard, sheet)
    protect = bool(rows)
    name = center_name(ctx)
    title = (sheet.title or sheet.name) + ("（可选，可不填）" if sheet.optional else "")
    title_row(ws, distinct(f"{name}　{title}" if name else title, reserved), len(sheet.fields), st)

    ready = len(rows) + EXTRA_ROWS if rows else BLANK_ROWS
    last = FIRST_ROW + ready - 1
    validations: list[Validation] = []
    widths = _column_widths(sheet, rows, standard)
    body_font = Font(name=FONT_NAME, size=11)
    header_row(ws, HEADER_ROW, [spec.name for spec in sheet.fields], st.locked_header)
    column_widths(ws, widths, fit_rows=False)
    for c, spec in enumerate(sheet.fields, 1):
        letter = get_column_letter(c)
        tip = hint(standard, sheet, spec, ctx.readers, ctx.year)
        dim = ws.column_dimensions[letter]
        dim.font = body_font
        dim.number_format = cell_format(spec)
        if protect:
            dim.protection = st.unlocked
        first = ws.cell(FIRST_ROW, c)
        first.border, first.font, first.number_format = st.border, st.font, cell_format(spec)
        first.alignment, first.protection = st.wrap, st.unlocked
        for r in range(FIRST_ROW + 1, last + 1):
            copy_style(first, ws.cell(r, c))
        check = validation_for(spec, standard, tip, ctx.lists, ctx.year)
        check.ranges.append(f"{letter}{FIRST_ROW}:{letter}{LAST_VALIDATED_ROW}")
        validations.append(check)
    for i, row in enumerate(rows):
        for c, spec in enumerate(sheet.fields, 1):
            if spec.name in row.values:
                cell = ws.cell(FIRST_ROW + i, c)
                write(cell, cell_value(spec, row.values[spec.name], standard), blank_if_empty=True)
                cell.fill = st.fixed_fill
                cell.protection = st.locked
    for c, spec in enumerate(sheet.fields, 1):
        if spec.filled_by == "inspectors":
            ws.cell(HEADER_ROW, c).fill = st.inspector_fill
    beside = 0  # columns the template adds beside the declared ones (the self-assessment's title, points)
    if standard.self_assessment is not None and standard.self_assessment.sheet == sheet.name:
        beside = _self_assessment(ws, sheet, ctx, widths, validations)
    header_height = row_height([(f.name, w) for f, w in zip(sheet.fields, widths, strict=False)])
    if header_height:
        ws.row_dimensions[HEADER_ROW].height = header_height
    for r in range(FIRST_ROW, last + 1):
        ws.row_dimensions[r].height = 18
    if protect:
        # Unlocked below the ready rows and right of the table: column styles do it for Excel and WPS,
        # explicit cells for LibreOffice, which ignores a column's style for protection.
        for c in range(1, len(sheet.fields) + beside + EXTRA_COLUMNS + 1):
            if len(sheet.fields) < c <= len(sheet.fields) + beside:
                continue  # the template's own columns stay locked
            ws.column_dimensions[get_column_letter(c)].protection = st.unlocked
            declared = sheet.fields[c - 1] if c <= len(sheet.fields) else None
            start = FIRST_ROW if declared is None else last + 1
            first = ws.cell(start, c)
            first.protection = st.unlocked
            if declared is not None:
                first.number_format = cell_format(declared)
            for r in range(start + 1, FIRST_ROW + UNLOCKED_ROWS):
                copy_style(first, ws.cell(r, c))
        protect_sheet(ws, rows=True)
        ctx.protected.append(sheet.name)
        ctx.fixed_sheets.append(sheet.name)
    ws.freeze_panes = f"A{FIRST_ROW}"
    page_setup(ws, sum(widths), f"{TITLE_ROW}:{HEADER_ROW}")
    ctx.validations.append((ws, validations))

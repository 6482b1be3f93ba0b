"""The blank inspection workbook, generated from a standard's declared layout.

:func:`build_template` turns a :class:`Standard` into an openpyxl workbook that a person fills
in and ``audit check`` reads back with the same scores as any other workbook of that layout:

* a first sheet of instructions (how to fill it in; every clause with what it reads, its
  method and its points; every field and column with what it accepts),
* every layout sheet in order. A form: one row per field — required mark, a short hint, the
  label, the empty value cell. The hint stands *left* of the label because the reader takes
  the first non-empty cell to the right of a label as its value. A table: a title row, the
  header row, then empty rows; rows for the fixed items of ``table_items`` checks are
  prefilled with their names (and with the values their ``where`` filters require),
* dropdowns for closed sets of answers, number/date/year validation, input messages and
  error alerts; frozen header rows, A4 print setup, widths that fit; sheets whose fixed
  labels the reader depends on are protected without a password, fill-in cells unlocked.

Nothing here knows any particular standard: every name comes from the Standard object.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from auditor.errors import AuditError
from auditor.output.files import safe_filename, strip_control, write_atomic
from auditor.output.wording import clause_points_text, text_width
from auditor.standard.model import Clause, FieldSpec, SheetSpec, Standard, show_value
from auditor.workbook.parsers import label_units, parse_value
from auditor.workbook.values import ParseError, display, is_blank, normalize_label

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

INSTRUCTIONS = "填表说明"
FONT_NAME = "宋体"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3  # layout sheets: title, header, first record / field
BLANK_ROWS = 30  # ready rows of a table without fixed items
EXTRA_ROWS = 10  # ready rows after the fixed items
LAST_VALIDATED_ROW = 10000  # table validations reach this far down
MIN_TABLE_WIDTH = 70  # a narrow table is widened to this (characters) so there is room to write
EXTRA_COLUMNS = 5  # columns right of a protected table left unlocked for a person's own notes
UNLOCKED_ROWS = 300  # rows of a protected table writable even where column styles are ignored (LibreOffice)
MAX_HINT_CLAUSES = 8
FORM_HEADERS = ("必填", "填写说明", "栏目", "填写内容")
REQUIRED_MARK = "★"
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
EXCEL_EPOCH = dt.date(1899, 12, 30)
NUMBER_LIMIT = 999999999999

FILL_TITLE = "D9E1F2"
FILL_HEADER = "DDEBF7"
FILL_INPUT = "FFFBE6"
FILL_FIXED = "EDEDED"
FILL_PART = "F2F2F2"
GREY = "595959"


# ---------------------------------------------------------------- what the standard says about each field


@dataclass
class FixedRow:
    """A table row prefilled by the template: the key item and the values its filters require."""

    values: dict[str, object] = field(default_factory=dict)


def clause_readers(standard: Standard) -> dict[tuple[str, str], list[str]]:
    """(sheet, field or column) -> the ids of the clauses that read it (checks and applies_when)."""
    readers: dict[tuple[str, str], list[str]] = {}
    for clause in standard.clauses:
        pairs = [
            *clause.check.reads(),
            *((rule.sheet, rule.condition.column) for rule in clause.applies_when),
        ]
        for pair in dict.fromkeys(pairs):
            readers.setdefault(pair, []).append(clause.id)
    return readers


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return normalize_label(a) == normalize_label(b)
    return a == b


def fixed_rows(standard: Standard, sheet: SheetSpec) -> list[FixedRow]:
    """Rows a table starts with: the rows the checks on it ask for (``Check.template_rows``), in order.

    A row asked for by several checks is one row when their values agree: the same value in the
    first column a check names (its key), and no other column in conflict.
    """
    rows: list[FixedRow] = []
    for clause in standard.clauses:
        for wanted in clause.check.template_rows(sheet.name):
            key, item = next(iter(wanted.items()))
            for row in rows:
                if all(_same(row.values[k], v) for k, v in wanted.items() if k in row.values) and _same(
                    row.values.get(key), item
                ):
                    row.values.update({k: v for k, v in wanted.items() if k not in row.values})
                    break
            else:
                rows.append(FixedRow(dict(wanted)))
    if standard.self_assessment is not None and standard.self_assessment.sheet == sheet.name:
        for clause in standard.clauses:
            if clause.kind != "veto":
                rows.append(FixedRow({standard.self_assessment.clause: clause.id}))
    return rows


def coverage_values(standard: Standard, sheet: str, column: str) -> list[str]:
    """Values some `coverage` check wants to see in this column (named in its hint)."""
    values: list[str] = []
    for clause in standard.clauses:
        values.extend(v for v in clause.check.wanted_values(sheet, column) if v not in values)
    return values


def _units(spec: FieldSpec) -> tuple[str, ...]:
    return spec.units if spec.units and not label_units(spec.name) else ()


def answers(spec: FieldSpec, standard: Standard) -> list[str]:
    """The closed set of answers of a field (dropdown), or [] when the answer is open."""
    if spec.type == "yesno":
        return [standard.yes_words[0], standard.no_words[0]]
    if spec.type == "enum":
        return list(spec.values)
    return []


def type_text(spec: FieldSpec, standard: Standard, year: int) -> str:
    """What to type, in a few words."""
    units = _units(spec)
    unit = f"（单位：{'/'.join(units)}）" if units else ""
    if spec.type in ("yesno", "enum"):
        return "选择：" + "/".join(answers(spec, standard))
    if spec.type == "number":
        return "数字" + unit
    if spec.type == "integer":
        return "整数" + unit
    if spec.type == "date":
        return f"日期，如 {year}-03-05"
    if spec.type == "year":
        return f"年份，如 {year}"
    return "文字"


def clause_list(ids: Sequence[str]) -> str:
    shown = "、".join(ids[:MAX_HINT_CLAUSES])
    return f"条款 {shown}" + (f" 等{len(ids)}条" if len(ids) > MAX_HINT_CLAUSES else "")


def hint_parts(
    standard: Standard,
    sheet: SheetSpec,
    spec: FieldSpec,
    readers: Mapping[tuple[str, str], list[str]],
    year: int,
) -> tuple[str, list[str]]:
    """What to type (with the standard's own hint), and notes: values wanted, personal data, who reads it."""
    what = type_text(spec, standard, year) + (f"；{spec.hint}" if spec.hint else "")
    notes: list[str] = []
    wanted = coverage_values(standard, sheet.name, spec.name) if sheet.kind == "table" else []
    if wanted:
        notes.append("应包括：" + "、".join(wanted))
    center = standard.center
    if sheet.name == center.sheet and spec.name == center.year:
        notes.append("按年、季、月、工作日统计的条款以此年份为准")
    if spec.pii:
        notes.append("个人信息，不会出现在任何报告中")
    ids = readers.get((sheet.name, spec.name), [])
    if ids:
        notes.append("用于" + clause_list(ids))
    return what, notes


def hint(
    standard: Standard,
    sheet: SheetSpec,
    spec: FieldSpec,
    readers: Mapping[tuple[str, str], list[str]],
    year: int,
) -> str:
    """The short hint of a field or column: what to type, the standard's own hint, who reads it."""
    what, notes = hint_parts(standard, sheet, spec, readers, year)
    return "；".join([what, *notes])


def clause_points(clause: Clause) -> str | int | float:
    """A clause's points in the instructions: a number for a scored clause, else the words of the report."""
    return _number(clause.points) if clause.kind == "scored" else clause_points_text(clause)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _cell_value(spec: FieldSpec | None, value: object, standard: Standard) -> object:
    """A typed value as it should stand in a cell (yes/no as the standard's first word)."""
    if isinstance(value, bool):
        return standard.yes_words[0] if value else standard.no_words[0]
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str | int | float | dt.date):
        return value
    return show_value(value)


# ---------------------------------------------------------------- cell writing helpers


def clean_text(text: str) -> str:
    """Control characters removed (openpyxl refuses them); at most the 32,767 characters a cell holds."""
    return strip_control(text)[:32767]


def put(cell: Cell | MergedCell, value: object) -> None:
    """Write a value; text is always text, never a formula, whatever it starts with."""
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text or None
        if text.startswith("="):
            cell.data_type = "s"
    else:
        cell.value = value  # type: ignore[assignment]


def _same_style(source: Cell | MergedCell, target: Cell | MergedCell) -> None:
    """Give `target` the style of `source` (a copy of openpyxl's style array: fast for many cells)."""
    styled: Any = target
    styled._style = copy.copy(cast(Any, source)._style)


def _distinct(text: str, reserved: set[str]) -> str:
    """A text that does not read as one of the sheet's labels (so the reader is never misled)."""
    while normalize_label(text) in reserved:
        text += "（模板）"
    return text


@dataclass
class _Styles:
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
    locked: Any
    unlocked: Any


def _styles() -> _Styles:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="A6A6A6")

    def fill(rgb: str) -> PatternFill:
        return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)

    return _Styles(
        font=Font(name=FONT_NAME, size=11),
        bold=Font(name=FONT_NAME, size=11, bold=True),
        title=Font(name=FONT_NAME, size=14, bold=True),
        hint=Font(name=FONT_NAME, size=9, color=GREY),
        required=Font(name=FONT_NAME, size=11, bold=True, color="C00000"),
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
        locked=Protection(locked=True),
        unlocked=Protection(locked=False),
    )


def _number_format(spec: FieldSpec) -> str:
    if spec.type == "date":
        return "yyyy-mm-dd"
    if spec.type in ("year", "integer"):
        return "0"
    if spec.type == "number":
        return "General"
    return "@"


def _row_height(texts: Iterable[tuple[str, float]], line: float = 15.0) -> float | None:
    """Height for wrapped text: (text, column width) pairs -> the tallest cell; None for one line."""
    lines = 1
    for text, width in texts:
        count = 0
        for part in text.split("\n"):
            count += max(1, -(-text_width(part) // max(int(width * 1.1) - 1, 1)))
        lines = max(lines, count)
    return None if lines == 1 else round(lines * line + 3, 1)


def _title(ws: Worksheet, text: str, columns: int, st: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    cell = ws.cell(TITLE_ROW, 1)
    put(cell, text)
    cell.font = st.title
    cell.alignment = st.left
    cell.fill = st.title_fill
    cell.protection = st.locked
    if columns > 1:
        ws.merge_cells(f"A{TITLE_ROW}:{get_column_letter(columns)}{TITLE_ROW}")
    ws.row_dimensions[TITLE_ROW].height = 28


def _print_setup(ws: Worksheet, width: float, title_rows: str | None) -> None:
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if width > 100 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = "&A　第 &P 页，共 &N 页"
    if title_rows:
        ws.print_title_rows = title_rows


def _protect(ws: Worksheet, *, rows: bool) -> None:
    """Protection without a password: formatting widths and heights stays allowed; rows too for tables."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    if rows:
        ws.protection.insertRows = False
        ws.protection.deleteRows = False


# ---------------------------------------------------------------- validations


class _Lists:
    """Dropdown lists: inline when they fit, else cells of the instructions sheet (visible)."""

    def __init__(self) -> None:
        self.pending: list[tuple[str, list[str]]] = []  # (title, values) written later
        self.refs: list[str] = []  # cell ranges, set when the instructions sheet is written
        self._index: dict[tuple[str, ...], int] = {}

    @staticmethod
    def inline(values: Sequence[str]) -> str | None:
        if any("," in v or '"' in v for v in values):
            return None
        formula = '"' + ",".join(values) + '"'
        return formula if len(formula) <= 255 else None

    def index(self, title: str, values: Sequence[str]) -> int:
        key = tuple(values)
        if key not in self._index:
            self._index[key] = len(self.pending)
            self.pending.append((title, list(values)))
        return self._index[key]


@dataclass
class _Validation:
    """One data validation: the cells it covers and how."""

    kind: Literal["list", "decimal", "whole", "date"] | None  # None: an input message only
    formula1: str | None = None
    formula2: str | None = None
    operator: Literal["between"] | None = None
    prompt_title: str = ""
    prompt: str = ""
    error: str = ""
    list_index: int | None = None  # a list written in the instructions sheet
    ranges: list[str] = field(default_factory=list)


def _serial(day: dt.date) -> str:
    return str((day - EXCEL_EPOCH).days)


def _validation(spec: FieldSpec, standard: Standard, tip: str, lists: _Lists, year: int) -> _Validation:
    title = spec.name[:32]
    prompt = tip[:255]
    closed = answers(spec, standard)
    if closed:
        formula = lists.inline(closed)
        shown = "/".join(closed)
        error = f"请从下拉列表中选择：{shown}"[:255]
        if formula is None:
            return _Validation(
                "list",
                None,
                prompt_title=title,
                prompt=prompt,
                error=error,
                list_index=lists.index(spec.name, closed),
            )
        return _Validation("list", formula, prompt_title=title, prompt=prompt, error=error)
    if spec.type == "number":
        return _Validation(
            "decimal",
            str(-NUMBER_LIMIT),
            str(NUMBER_LIMIT),
            "between",
            title,
            prompt,
            "请输入数字（不要带单位或文字）",
        )
    if spec.type == "integer":
        return _Validation(
            "whole",
            str(-NUMBER_LIMIT),
            str(NUMBER_LIMIT),
            "between",
            title,
            prompt,
            "请输入整数（不要带单位或文字）",
        )
    if spec.type == "year":
        return _Validation(
            "whole", "1900", "2999", "between", title, prompt, f"请输入四位数的年份，如 {year}"
        )
    if spec.type == "date":
        return _Validation(
            "date",
            _serial(DATE_MIN),
            _serial(DATE_MAX),
            "between",
            title,
            prompt,
            f"请输入日期，如 {year}-03-05",
        )
    return _Validation(None, prompt_title=title, prompt=prompt)


def _apply_validations(ws: Worksheet, items: Sequence[_Validation], lists: _Lists) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    for item in items:
        formula1 = item.formula1
        if item.list_index is not None:
            formula1 = lists.refs[item.list_index]
        dv = DataValidation(
            type=item.kind,
            formula1=formula1,
            formula2=item.formula2,
            operator=item.operator,
            allow_blank=True,
            showInputMessage=True,
            promptTitle=item.prompt_title or None,
            prompt=item.prompt or None,
            showErrorMessage=item.kind is not None,
            errorTitle="输入有误" if item.kind is not None else None,
            error=item.error or None,
            errorStyle="stop" if item.kind is not None else None,
        )
        for ref in item.ranges:
            dv.add(ref)
        ws.add_data_validation(dv)


# ---------------------------------------------------------------- the sheets


@dataclass
class _Context:
    standard: Standard
    year: int
    given_year: int | None
    center: Mapping[str, object]
    readers: dict[tuple[str, str], list[str]]
    styles: _Styles
    lists: _Lists
    protected: list[str] = field(default_factory=list)
    fixed_sheets: list[str] = field(default_factory=list)
    validations: list[tuple[Worksheet, list[_Validation]]] = field(default_factory=list)


def _center_name(ctx: _Context) -> str:
    value = ctx.center.get(ctx.standard.center.name)
    return clean_text(str(value)).strip() if value is not None else ""


def _form_sheet(wb: Workbook, sheet: SheetSpec, ctx: _Context) -> None:
    from openpyxl.utils import get_column_letter

    st, standard = ctx.styles, ctx.standard
    ws = wb.create_sheet(sheet.name)
    reserved = {normalize_label(f.name) for f in sheet.fields}
    hints = [_distinct(hint(standard, sheet, f, ctx.readers, ctx.year), reserved) for f in sheet.fields]
    prefill = dict(ctx.center) if sheet.name == standard.center.sheet else {}
    if ctx.given_year is not None and sheet.name == standard.center.sheet and standard.center.year:
        prefill[standard.center.year] = ctx.given_year
    name = _center_name(ctx) if sheet.name == standard.center.sheet else ""
    title = sheet.title or sheet.name
    _title(ws, _distinct(f"{name}　{title}" if name else title, reserved), len(FORM_HEADERS), st)

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
    for c, text in enumerate(FORM_HEADERS, 1):
        cell = ws.cell(HEADER_ROW, c)
        put(cell, _distinct(text, reserved))
        cell.font, cell.fill, cell.border, cell.alignment = st.bold, st.header_fill, st.border, st.center
        cell.protection = st.locked
    validations: list[_Validation] = []
    for i, (spec, tip) in enumerate(zip(sheet.fields, hints, strict=True)):
        r = FIRST_ROW + i
        mark, hint_cell, label, value = (ws.cell(r, c) for c in range(1, 5))
        put(mark, REQUIRED_MARK if spec.required else "")
        mark.font, mark.alignment = st.required, st.center
        put(hint_cell, tip)
        hint_cell.font, hint_cell.alignment = st.hint, st.wrap
        put(label, spec.name)
        label.font = st.required if spec.required else st.bold
        label.alignment = st.wrap
        if spec.name in prefill and not is_blank(prefill[spec.name]):
            put(value, _cell_value(spec, prefill[spec.name], standard))
        value.font, value.fill, value.alignment = st.font, st.input_fill, st.left_wrap
        value.number_format = _number_format(spec)
        value.protection = st.unlocked
        for cell in (mark, hint_cell, label, value):
            cell.border = st.border
        for cell in (mark, hint_cell, label):
            cell.protection = st.locked
        height = _row_height([(tip, widths[1] * 1.2), (spec.name, widths[2])], line=14.0)
        ws.row_dimensions[r].height = max(height or 0, 20)
        check = _validation(spec, standard, tip, ctx.lists, ctx.year)
        check.ranges.append(f"D{r}")
        validations.append(check)
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = f"A{FIRST_ROW}"
    _print_setup(ws, sum(widths), f"{TITLE_ROW}:{HEADER_ROW}")
    _protect(ws, rows=False)
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
                text_width(str(_cell_value(spec, row.values[spec.name], standard))) + 3
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


def _table_sheet(wb: Workbook, sheet: SheetSpec, ctx: _Context) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    st, standard = ctx.styles, ctx.standard
    ws = wb.create_sheet(sheet.name)
    reserved = {normalize_label(f.name) for f in sheet.fields}
    rows = fixed_rows(standard, sheet)
    protect = bool(rows)
    name = _center_name(ctx)
    title = (sheet.title or sheet.name) + ("（可选，可不填）" if sheet.optional else "")
    _title(ws, _distinct(f"{name}　{title}" if name else title, reserved), len(sheet.fields), st)

    ready = len(rows) + EXTRA_ROWS if rows else BLANK_ROWS
    last = FIRST_ROW + ready - 1
    validations: list[_Validation] = []
    widths = _column_widths(sheet, rows, standard)
    body_font = Font(name=FONT_NAME, size=11)
    for c, (spec, width) in enumerate(zip(sheet.fields, widths, strict=True), 1):
        letter = get_column_letter(c)
        tip = hint(standard, sheet, spec, ctx.readers, ctx.year)
        header = ws.cell(HEADER_ROW, c)
        put(header, spec.name)
        header.font, header.fill, header.border, header.alignment = (
            st.bold,
            st.header_fill,
            st.border,
            st.center,
        )
        header.protection = st.locked
        dim = ws.column_dimensions[letter]
        dim.width = width
        dim.font = body_font
        dim.number_format = _number_format(spec)
        if protect:
            dim.protection = st.unlocked
        first = ws.cell(FIRST_ROW, c)
        first.border, first.font, first.number_format = st.border, st.font, _number_format(spec)
        first.alignment, first.protection = st.wrap, st.unlocked
        for r in range(FIRST_ROW + 1, last + 1):
            _same_style(first, ws.cell(r, c))
        check = _validation(spec, standard, tip, ctx.lists, ctx.year)
        check.ranges.append(f"{letter}{FIRST_ROW}:{letter}{LAST_VALIDATED_ROW}")
        validations.append(check)
    for i, row in enumerate(rows):
        for c, spec in enumerate(sheet.fields, 1):
            if spec.name in row.values:
                cell = ws.cell(FIRST_ROW + i, c)
                put(cell, _cell_value(spec, row.values[spec.name], standard))
                cell.fill = st.fixed_fill
                cell.protection = st.locked
    header_height = _row_height([(f.name, w) for f, w in zip(sheet.fields, widths, strict=True)])
    if header_height:
        ws.row_dimensions[HEADER_ROW].height = header_height
    for r in range(FIRST_ROW, last + 1):
        ws.row_dimensions[r].height = 18
    if protect:
        # Unlocked below the ready rows and right of the table: column styles do it for Excel and WPS,
        # explicit cells for LibreOffice, which ignores a column's style for protection.
        for c in range(1, len(sheet.fields) + EXTRA_COLUMNS + 1):
            ws.column_dimensions[get_column_letter(c)].protection = st.unlocked
            declared = sheet.fields[c - 1] if c <= len(sheet.fields) else None
            start = FIRST_ROW if declared is None else last + 1
            first = ws.cell(start, c)
            first.protection = st.unlocked
            if declared is not None:
                first.number_format = _number_format(declared)
            for r in range(start + 1, FIRST_ROW + UNLOCKED_ROWS):
                _same_style(first, ws.cell(r, c))
        _protect(ws, rows=True)
        ctx.protected.append(sheet.name)
        ctx.fixed_sheets.append(sheet.name)
    ws.freeze_panes = f"A{FIRST_ROW}"
    _print_setup(ws, sum(widths), f"{TITLE_ROW}:{HEADER_ROW}")
    ctx.validations.append((ws, validations))


def instructions_name(standard: Standard) -> str:
    """The instructions sheet's name, distinct from every layout sheet (as the reader compares names)."""
    taken = {normalize_label(s.name).casefold() for s in standard.layout}
    name = INSTRUCTIONS
    for candidate in (INSTRUCTIONS, f"{INSTRUCTIONS}(模板)", "模板填表说明"):
        if normalize_label(candidate).casefold() not in taken:
            return candidate
    n = 2
    while normalize_label(f"{name}{n}").casefold() in taken:
        n += 1
    return f"{name}{n}"


def _grades_text(standard: Standard) -> str:
    grades = "、".join(f"{g.name}≥{_number(g.min)}分" for g in standard.grades)
    lowest = _number(standard.grades[-1].min) if standard.grades else 0
    return f"满分{_number(standard.total)}分；等级：{grades}；低于{lowest}分或触发一票否决为{standard.veto_grade}。"


def _reads_text(clause: Clause) -> str:
    by_sheet: dict[str, list[str]] = {}
    for sheet, column in clause.check.reads():
        by_sheet.setdefault(sheet, []).append(column)
    return "\n".join(f"{sheet}：{'、'.join(columns)}" for sheet, columns in by_sheet.items())


def _check_text(clause: Clause) -> str:
    text = clause.check.describe()
    for rule in clause.applies_when:
        text += f"\n（仅当 {rule.condition.describe()} 时适用）"
    return text


def _instruction_lines(ctx: _Context, sheet_name: str) -> list[str]:
    standard = ctx.standard
    forms = [s.name for s in standard.layout if s.kind == "form"]
    tables = [s.name for s in standard.layout if s.kind == "table"]
    optional = [s.name for s in standard.layout if s.optional]
    pii = [f"{s.name}：{f.name}" for s in standard.layout for f in s.fields if f.pii]
    names = "、".join(s.name for s in standard.layout)
    yes, no = standard.yes_words[0], standard.no_words[0]
    lines = [
        f"本工作簿按《{standard.title}》（{standard.issuer}，版本 {standard.version}）生成，"
        f"除本表外共 {len(standard.layout)} 张表：{names}。请逐表填写，不要改动工作表的名称。",
    ]
    if forms:
        lines.append(
            f"表单（{'、'.join(forms)}）：在“{FORM_HEADERS[3]}”列填写，不要改动“{FORM_HEADERS[2]}”列的文字，"
            f"也不要在“{FORM_HEADERS[3]}”右侧写字；标{REQUIRED_MARK}的是必填项；"
            f"“{FORM_HEADERS[1]}”列说明应填什么、哪些条款用到它。"
        )
    if tables:
        lines.append(
            f"表格（{'、'.join(tables)}）：第{HEADER_ROW}行是表头，请勿改动表头文字；自第{FIRST_ROW}行起"
            "每行填写一条记录，行数不够可继续往下填或插入行，空行会被忽略；可在右侧加列自用，不影响计分。"
        )
    if ctx.fixed_sheets:
        lines.append(
            f"灰底格子是预先填好的固定名称（{'、'.join(ctx.fixed_sheets)}），请不要修改，"
            "只需在同一行填写其余各栏；缺少的请照样补行。"
        )
    lines.append(
        f"有下拉箭头的格子请从列表中选择（如 {yes}/{no}）；日期按 {ctx.year}-03-05 的格式填写；"
        "数字栏只填数字，单位见栏目名称或填写说明。选中格子时会显示填写提示。"
    )
    if optional:
        lines.append(f"{'、'.join(optional)}为可选表，可以不填。")
    if pii:
        lines.append(f"个人信息栏目（{'、'.join(pii)}）只用于核查，不会出现在任何报告或导出结果中。")
    if ctx.protected:
        lines.append(
            f"为防误改，{'、'.join(ctx.protected)}已设保护（无密码），只能在留给填写的格子里输入；"
            "确需修改可用“审阅 → 撤销工作表保护”解除。"
        )
    lines.append(_grades_text(standard))
    lines.append(
        f"填好后保存为 .xlsx，运行 audit check 文件名.xlsx 即可查看得分和整改清单（本表“{sheet_name}”不参与计分）。"
    )
    return lines


def _instructions_sheet(wb: Workbook, name: str, ctx: _Context) -> None:
    from openpyxl.utils import get_column_letter

    st, standard = ctx.styles, ctx.standard
    ws = wb.create_sheet(name, 0)
    widths = [9.0, 24.0, 34.0, 50.0, 11.0, 13.0]
    ncols = len(widths)
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    full = sum(widths)
    row = 1

    def merged(text: str, font: Any, fill: Any = None, height: float | None = None) -> None:
        nonlocal row
        cell = ws.cell(row, 1)
        put(cell, text)
        cell.font, cell.alignment = font, st.wrap
        if fill is not None:
            cell.fill = fill
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
        ws.row_dimensions[row].height = height or _row_height([(text, full)]) or 18
        row += 1

    def header(texts: Sequence[str]) -> None:
        nonlocal row
        for c, text in enumerate(texts, 1):
            cell = ws.cell(row, c)
            put(cell, text)
            cell.font, cell.fill, cell.border, cell.alignment = st.bold, st.header_fill, st.border, st.center
        row += 1

    def line(values: Sequence[object]) -> None:
        nonlocal row
        for c, value in enumerate(values, 1):
            cell = ws.cell(row, c)
            put(cell, value)
            cell.font, cell.border = st.font, st.border
            cell.alignment = st.center if c == ncols else st.top
        height = _row_height([(str(v), w) for v, w in zip(values, widths, strict=False)])
        if height:
            ws.row_dimensions[row].height = height
        row += 1

    year_label = standard.center.year
    subtitle = f"{standard.issuer}　版本 {standard.version}"
    if ctx.given_year is not None:
        subtitle += f"　{year_label or '年度'}：{ctx.given_year}"
    name_text = _center_name(ctx)
    if name_text:
        subtitle += f"　{name_text}"
    merged(f"{standard.title} — 检查表{INSTRUCTIONS}", st.title, st.title_fill, 30)
    merged(subtitle, st.hint)
    row += 1
    merged("一、怎样填写", st.bold, st.part_fill)
    for i, text in enumerate(_instruction_lines(ctx, name), 1):
        merged(f"{i}. {text}", st.font)
    row += 1
    merged("二、条款、所读栏目与分值", st.bold, st.part_fill)
    header(["条款", "名称", "读取的工作表：栏目", "检查内容", "考核办法", "分值"])
    for part in standard.parts:
        kinds = {c.kind for c in part.clauses}
        what = (
            "加分" if kinds == {"bonus"} else "一票否决" if kinds == {"veto"} else f"{_number(part.points)}分"
        )
        merged(f"{part.id}　{part.title}（{what}）", st.bold, st.part_fill, 20)
        for clause in part.clauses:
            line(
                [
                    clause.id,
                    clause.title,
                    _reads_text(clause),
                    _check_text(clause),
                    clause.method,
                    clause_points(clause),
                ]
            )
    row += 1
    merged("三、各表栏目的填写要求", st.bold, st.part_fill)
    header(["工作表", "栏目", "填写要求", "说明", "必填"])
    for sheet in standard.layout:
        for spec in sheet.fields:
            what, notes = hint_parts(standard, sheet, spec, ctx.readers, ctx.year)
            line([sheet.name, spec.name, what, "；".join(notes), REQUIRED_MARK if spec.required else ""])
            ws.cell(row - 1, 5).alignment = st.center
    if ctx.lists.pending:
        row += 1
        merged("四、下拉列表的选项（供数据验证引用，请勿修改）", st.bold, st.part_fill)
        for title, values in ctx.lists.pending:
            put(ws.cell(row, 1), title)
            ws.cell(row, 1).font = st.bold
            first = row
            for value in values:
                cell = ws.cell(row, 2)
                put(cell, value)
                cell.font, cell.border = st.font, st.border
                row += 1
            ctx.lists.refs.append(f"{_quote_sheet(name)}!$B${first}:$B${row - 1}")
        _protect(ws, rows=False)
    ws.freeze_panes = None
    _print_setup(ws, full, None)


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


EXCEL_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _check_sheet_names(standard: Standard) -> None:
    for sheet in standard.layout:
        if (
            len(sheet.name) > 31
            or EXCEL_SHEET_BAD.search(sheet.name)
            or sheet.name.startswith("'")
            or sheet.name.endswith("'")
            or not sheet.name.strip()
        ):
            raise AuditError(
                f"工作表名“{sheet.name}”不能用作 Excel 工作表名（最多31个字符，不能含 [ ] : * ? / \\）"
            )


def build_template(
    standard: Standard, *, year: int | None = None, center: Mapping[str, object] | None = None
) -> Workbook:
    """The blank (or, with `center`/`year`, prefilled) inspection workbook of a standard.

    `center` maps form field names of the standard's center sheet to typed values (as
    :func:`read_centers` returns them); `year` prefills the center's year field.
    """
    from openpyxl import Workbook

    _check_sheet_names(standard)
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    name = instructions_name(standard)
    ctx = _Context(
        standard,
        year or standard.year,
        year,
        dict(center or {}),
        clause_readers(standard),
        _styles(),
        _Lists(),
    )
    for sheet in standard.layout:
        if sheet.kind == "form":
            _form_sheet(wb, sheet, ctx)
        else:
            _table_sheet(wb, sheet, ctx)
    _instructions_sheet(wb, name, ctx)
    for ws, validations in ctx.validations:
        _apply_validations(ws, validations, ctx.lists)
    wb.active = 0
    wb.properties.title = clean_text(standard.title)
    wb.properties.creator = "audit template"
    wb.properties.subject = clean_text(f"{standard.id} {standard.version}")
    return wb


# ---------------------------------------------------------------- saving


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def write_workbook_atomic(
    wb: Workbook, path: Path, *, overwrite: bool = False, inputs: Iterable[Path] = ()
) -> Path:
    """Save to a temporary file in the same folder, then rename it over `path` (never half a file)."""
    for source in inputs:
        if _same_file(path, source):
            raise AuditError("输出文件不能是输入文件", str(path))
    if path.is_dir():
        raise AuditError("这是一个目录", str(path))
    if path.exists() and not overwrite:
        raise AuditError("文件已存在（用 --force 覆盖）", str(path))
    return write_atomic(path, wb.save)


def write_template(
    standard: Standard,
    path: Path,
    *,
    year: int | None = None,
    center: Mapping[str, object] | None = None,
    overwrite: bool = False,
    inputs: Iterable[Path] = (),
) -> Path:
    """Build the template and save it atomically; never over an input file (the standard included)."""
    sources = [*inputs, *([standard.source] if standard.source else [])]
    return write_workbook_atomic(
        build_template(standard, year=year, center=center), path, overwrite=overwrite, inputs=sources
    )


# ---------------------------------------------------------------- the list of centers


@dataclass(frozen=True)
class CenterRow:
    row: int  # 1-based row of the list
    values: dict[str, object]  # form field name -> typed value


def center_columns(standard: Standard) -> list[str]:
    """The center mapping's field names, in the mapping's order (id, name, type, district, ...)."""
    c = standard.center
    names = [c.id, c.name, c.type, c.district, c.year, c.date, c.leader]
    return list(dict.fromkeys(n for n in names if n))


def read_centers(path: Path, standard: Standard) -> list[CenterRow]:
    """The list of centers: the header row found by the center field names; values typed as the form declares."""
    from auditor.workbook.reader import HEADER_SCAN_ROWS, open_workbook

    wanted = {normalize_label(n): n for n in center_columns(standard)}
    form = standard.sheet(standard.center.sheet)
    workbook = open_workbook(path)
    try:
        found: tuple[str, int, dict[str, int], list[list[object]]] | None = None
        for sheet_name in workbook.sheet_names:
            rows: list[list[object]] = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
                columns: dict[str, int] = {}
                for c, raw in enumerate(row):
                    if isinstance(raw, str) and raw:
                        name = wanted.get(normalize_label(raw))
                        if name is not None and name not in columns:
                            columns[name] = c
                if (
                    standard.center.id in columns
                    and standard.center.name in columns
                    and (found is None or len(columns) > len(found[2]))
                ):
                    found = (sheet_name, r, columns, rows)
            if found is not None:
                break
    finally:
        workbook.close()
    if found is None:
        raise AuditError(
            f"名单中找不到表头（至少要有“{standard.center.id}”和“{standard.center.name}”两列；"
            f"可有：{'、'.join(center_columns(standard))}）",
            str(path),
        )
    _, header, columns, rows = found
    centers: list[CenterRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for r in range(header + 1, len(rows)):
        row = rows[r]
        raws = {name: row[c] if c < len(row) else None for name, c in columns.items()}
        if all(is_blank(v) for v in raws.values()):
            continue
        values: dict[str, object] = {}
        for name, raw in raws.items():
            if is_blank(raw):
                continue
            spec = form.field(name) if form else None
            try:
                values[name] = parse_value(
                    spec or FieldSpec(name), raw, standard.yes_words, standard.no_words
                )
            except ParseError as exc:
                problems.append(f"第{r + 1}行“{name}”无法识别：“{display(raw)}”，应为{exc.expected}")
        key = values.get(standard.center.id)
        if key is None or not str(key).strip():
            problems.append(f"第{r + 1}行缺少“{standard.center.id}”")
        else:
            norm = normalize_label(str(key)).casefold()
            if norm in seen:
                problems.append(f"第{r + 1}行“{standard.center.id}”“{key}”与第{seen[norm]}行重复")
            seen.setdefault(norm, r + 1)
        centers.append(CenterRow(r + 1, values))
    if problems:
        more = f"（另有{len(problems) - 1}处问题）" if len(problems) > 1 else ""
        raise AuditError(problems[0] + more, str(path))
    if not centers:
        raise AuditError("名单中没有任何一行", str(path))
    return centers


def safe_file_stem(text: str, fallback: str = "检查表") -> str:
    """A safe file name stem (see :func:`auditor.output.files.safe_filename`)."""
    return safe_filename(text, fallback)


def center_file_names(centers: Sequence[CenterRow], standard: Standard) -> list[str]:
    """One file name per center, from its id and name, distinct even where sanitising made two alike."""
    names: list[str] = []
    taken: set[str] = set()
    for center in centers:
        parts = [
            str(center.values[k]).strip()
            for k in (standard.center.id, standard.center.name)
            if center.values.get(k) is not None and str(center.values[k]).strip()
        ]
        stem = safe_file_stem("-".join(parts), fallback=f"第{center.row}行")
        candidate, n = stem, 2
        while candidate.casefold() in taken:
            candidate = f"{stem}-{n}"
            n += 1
        taken.add(candidate.casefold())
        names.append(f"{candidate}.xlsx")
    return names


def write_center_templates(
    standard: Standard, centers_path: Path, out_dir: Path, *, year: int | None = None, overwrite: bool = False
) -> list[Path]:
    """One prefilled workbook per center of the list, in `out_dir` (created). All checked before any is written."""
    centers = read_centers(centers_path, standard)
    if out_dir.exists() and not out_dir.is_dir():
        raise AuditError("使用 --centers 时 -o 应为文件夹", str(out_dir))
    targets = [out_dir / name for name in center_file_names(centers, standard)]
    base = out_dir.resolve()
    inputs = [centers_path, *([standard.source] if standard.source else [])]
    for target in targets:
        if target.resolve().parent != base:  # pragma: no cover - the names are sanitised
            raise AuditError("文件名越出了输出文件夹", str(target))
        if any(_same_file(target, source) for source in inputs):
            raise AuditError("输出文件不能是输入文件", str(target))
    existing = [t for t in targets if t.exists()]
    if existing and not overwrite:
        more = f"等{len(existing)}个文件" if len(existing) > 1 else ""
        raise AuditError(f"{existing[0]}{more}已存在（用 --force 覆盖）", str(out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AuditError(f"无法创建文件夹：{exc.strerror or exc}", str(out_dir)) from None
    written: list[Path] = []
    for center, target in zip(centers, targets, strict=True):
        written.append(
            write_template(
                standard, target, year=year, center=center.values, overwrite=overwrite, inputs=inputs
            )
        )
    return written


def default_file_name(standard: Standard, year: int | None) -> str:
    stem = f"{year}-{standard.title}-检查表" if year else f"{standard.title}-检查表"
    return safe_file_stem(stem) + ".xlsx"

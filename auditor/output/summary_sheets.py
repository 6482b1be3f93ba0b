"""The summary's rankings per center type and per street, the printable 通报, and what every summary sheet
shares: the title block (with the error notice), a ranked center's row, widths, heights, page breaks and
print setup."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from auditor.output.figures import grouped, ranking, streets
from auditor.output.wording import (
    BULLETIN_SHEET,
    DATE_BLANK,
    NONE_LISTED,
    PARAGRAPH,
    STREET_CENTERS_SHEET,
    STREET_RULE,
    STREETS_SHEET,
    TYPE_RULE,
    TYPES_SHEET,
    bulletin_columns,
    bulletin_intro,
    bulletin_sections,
    bulletin_title,
    center_name,
    error_notice,
    fail_reason,
    group_columns,
    page_header,
    sheet_title,
    shown,
    street_columns,
    street_heading,
    type_heading,
    veto_text,
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
from auditor.result import CenterResult, FileError, grade_counts
from auditor.standard.model import Standard

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

VETO_FILL = "F8CBAD"
GROUP_FILL = "F2F2F2"
GROUP_WIDTHS = [8.0, 10.0, 34.0, 9.0, 14.0, 8.0, 8.0, 22.0]
BULLETIN_WIDTHS = [8.0, 38.0, 16.0, 10.0, 10.0]


def title_block(ws: Worksheet, title: str, lines: Sequence[str], columns: int, *, notice: str = "") -> int:
    """The title, a line per fact, the notice (red, bold) when there is one; the header row that follows."""
    merged(ws, 1, 1, columns, title, TITLE)
    row = 2
    for line in lines:
        merged(ws, row, 1, columns, line, replace(BODY, align="center"))
        row += 1
    if notice:
        merged(ws, row, 1, columns, notice, replace(BODY, align="center", bold=True, color=RED, size=12))
        row += 1
    return row


def center_row(ws: Worksheet, row: int, rank: int, center: CenterResult, standard: Standard) -> None:
    """A ranked center: rank, id, name, type, street, score, grade, veto (red)."""
    failed = center.grade == standard.veto_grade
    put(ws, row, 1, rank, CENTER)
    put(ws, row, 2, shown(center.center_id or ""), CENTER)
    put(ws, row, 3, center_name(center), CELL)
    put(ws, row, 4, shown(center.type or ""), CENTER)
    put(ws, row, 5, shown(center.district or ""), CELL)
    put(ws, row, 6, center.score, NUMBER, number_format="0.0")
    put(ws, row, 7, center.grade, CENTER, fill=VETO_FILL if failed else None)
    put(ws, row, 8, veto_text(center, absent=""), CELL, color=RED if center.veto else None, bold=center.veto)


def finish(
    ws: Worksheet,
    widths: Sequence[float],
    header: int,
    year: int | None,
    *,
    fixed_from: int,
    landscape: bool = False,
    keep: Sequence[int] = (),
    chart_rows: int = 0,
) -> None:
    """Widths, row heights that fit, page breaks (a heading never ends a page), A4 print setup with the
    header row repeated and the summary named in the page header."""
    top = fit_heights(ws, widths, range(1, fixed_from))
    ws.row_dimensions[1].height = 30
    top[1] = 30
    heights = fit_heights(ws, widths, range(fixed_from, ws.max_row + 1), least=18)
    for r in range(ws.max_row + 1, ws.max_row + 1 + chart_rows):
        heights[r] = 18.0
    paginate(
        ws,
        heights,
        widths,
        landscape=landscape,
        first=fixed_from,
        repeated=top.get(header, 18),
        before=sum(top.values()),
        keep_with_next=set(keep),
    )
    column_widths(ws, widths, fit_rows=False)
    ws.freeze_panes = f"A{header + 1}"
    print_setup(ws, landscape=landscape, title_rows=f"{header}:{header}", header=page_header(None, year))


def types_sheet(wb: Workbook, standard: Standard, centers: Sequence[CenterResult], year: int | None) -> None:
    """分类排名: one table, the centers of each type together, ranked within it."""
    ws = wb.create_sheet(TYPES_SHEET)
    columns = group_columns(standard)
    header = title_block(ws, sheet_title(standard, year, TYPES_SHEET), [TYPE_RULE], len(columns))
    header_row(ws, header, columns)
    row = header + 1
    headings: list[int] = []
    for name, rows in grouped(centers, lambda c: c.type):
        headings.append(row)
        merged(
            ws, row, 1, len(columns), type_heading(name, len(rows)), replace(CELL, bold=True, fill=GROUP_FILL)
        )
        row += 1
        for rank, center in rows:
            center_row(ws, row, rank, center, standard)
            row += 1
    autofilter(ws, header, len(columns), row - 1)
    finish(ws, GROUP_WIDTHS, header, year, fixed_from=header + 1, keep=headings)


def streets_sheet(
    wb: Workbook, standard: Standard, centers: Sequence[CenterResult], year: int | None
) -> None:
    """镇街排名: each street's centers, average score, grade mix and vetoes, ranked by the average; then, on
    镇街内排名, each street's centers ranked within it."""
    ws = wb.create_sheet(STREETS_SHEET)
    columns = street_columns(standard)
    header = title_block(ws, sheet_title(standard, year, STREETS_SHEET), [STREET_RULE], len(columns))
    header_row(ws, header, columns)
    row = header + 1
    ranked_streets = streets(standard, centers)
    for rank, street in ranked_streets:
        put(ws, row, 1, rank, CENTER)
        put(ws, row, 2, shown(street.name), CELL)
        put(ws, row, 3, len(street.centers), NUMBER, number_format="0")
        put(ws, row, 4, street.average, NUMBER, number_format="0.0")
        for i, count in enumerate(street.grades.values(), start=5):
            put(ws, row, i, count, NUMBER, number_format="0")
        put(
            ws,
            row,
            len(columns),
            street.vetoes,
            NUMBER,
            number_format="0",
            color=RED if street.vetoes else None,
        )
        row += 1
    autofilter(ws, header, len(columns), row - 1)
    widths = [8.0, 22.0, 8.0, 9.0, *([8.0] * (len(columns) - 5)), 10.0]
    finish(ws, widths, header, year, fixed_from=header + 1)

    ws = wb.create_sheet(STREET_CENTERS_SHEET)
    inner = group_columns(standard)
    header = title_block(ws, sheet_title(standard, year, STREET_CENTERS_SHEET), [STREET_RULE], len(inner))
    header_row(ws, header, inner)
    row = header + 1
    headings: list[int] = []
    for rank, street in ranked_streets:
        headings.append(row)
        text = street_heading(street.name, len(street.centers), street.average, rank)
        merged(ws, row, 1, len(inner), text, replace(CELL, bold=True, fill=GROUP_FILL))
        row += 1
        for inner_rank, center in ranking(street.centers):
            center_row(ws, row, inner_rank, center, standard)
            row += 1
    autofilter(ws, header, len(inner), row - 1)
    finish(ws, GROUP_WIDTHS, header, year, fixed_from=header + 1, keep=headings)


def bulletin_sheet(
    wb: Workbook,
    standard: Standard,
    centers: Sequence[CenterResult],
    errors: Sequence[FileError],
    year: int | None,
) -> None:
    """通报: the results as circulated (rank, center, street, score, grade), the 优秀 list and the list of
    the centers that failed with their reasons, signed by the issuer."""
    ws = wb.create_sheet(BULLETIN_SHEET)
    columns = bulletin_columns(standard)
    last = len(columns)
    counts = grade_counts(standard, centers)
    merged(ws, 1, 1, last, bulletin_title(standard, year), TITLE)
    intro = bulletin_intro(standard, year, len(centers), counts) + error_notice(len(errors), sentence=True)
    merged(ws, 3, 1, last, PARAGRAPH + intro, replace(BODY, wrap=True))
    results, best, failed = bulletin_sections(standard.veto_grade)
    section = replace(BODY, bold=True, title=True, size=12)
    merged(ws, 4, 1, last, results, section)
    header = 5
    header_row(ws, header, columns)
    row = header + 1
    for rank, center in ranking(centers):
        put(ws, row, 1, rank, CENTER)
        put(ws, row, 2, center_name(center), CELL)
        put(ws, row, 3, shown(center.district or ""), CELL)
        put(ws, row, 4, center.score, NUMBER, number_format="0.0")
        put(ws, row, 5, center.grade, CENTER, color=RED if center.grade == standard.veto_grade else None)
        row += 1
    top_grade = standard.grades[0].name if standard.grades else ""
    excellent = [center_name(c) for _, c in ranking(centers) if c.grade == top_grade]
    row += 1
    keep = [row]
    merged(ws, row, 1, last, best, section)
    merged(ws, row + 1, 1, last, "、".join(excellent) or NONE_LISTED, replace(BODY, wrap=True))
    row += 3
    keep.append(row)
    merged(ws, row, 1, last, failed, section)
    row += 1
    lowest = standard.grades[-1].min if standard.grades else 0
    losers = [c for _, c in ranking(centers) if c.grade == standard.veto_grade]
    for center in losers:
        merged(ws, row, 1, 2, center_name(center), CELL)
        merged(ws, row, 3, last, fail_reason(center, lowest), CELL)
        row += 1
    if not losers:
        merged(ws, row, 1, last, NONE_LISTED, BODY)
        row += 1
    row += 2
    merged(ws, row, 3, last, standard.issuer, replace(BODY, align="right"))
    merged(ws, row + 1, 3, last, f"{year or ''}{DATE_BLANK}", replace(BODY, align="right"))
    finish(ws, BULLETIN_WIDTHS, header, year, fixed_from=header + 1, keep=keep)

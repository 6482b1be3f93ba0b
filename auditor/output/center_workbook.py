"""One center's year-end acceptance report: 封面, 评分表, 整改清单 and 分项得分 (with its chart below).

A document to print, sign and file: every page names the center and the year in its header and is
numbered in its footer; tables have borders on every cell; 宋体 for text, 黑体 for titles (Chinese
charset); a cover and the score sheet end with a signature block. Every number comes from the same
CenterResult that `audit check --format json` prints, rounded the same way (:mod:`auditor.output.figures`);
every sentence from :mod:`auditor.output.wording`. Text that came from a workbook is written as text,
never as a formula (:mod:`auditor.output.xlkit`).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from auditor.output.figures import clauses_by_id, part_scores, remediation_items, two
from auditor.output.wording import (
    CHART_AXIS,
    CHART_PARTS,
    COVER_BASE,
    COVER_BONUS,
    COVER_FILE,
    COVER_GRADE,
    COVER_SCORE,
    COVER_SHEET,
    COVER_STANDARD,
    DATE_BLANK,
    NOTHING_TO_REMEDY,
    ORIGINAL,
    PART_SCORE_COLUMNS,
    PARTS_SHEET,
    REMEDIATION_COLUMNS,
    REMEDIATION_SHEET,
    REVIEWED,
    SCORE_SHEET,
    STAMP,
    SUBTOTAL,
    TOTAL,
    VETO,
    as_of_fact,
    center_meta,
    center_name,
    content_text,
    file_name,
    issues_text,
    locations,
    meta_line,
    page_header,
    part_points_text,
    properties,
    report_title,
    review_total,
    score_columns,
    signatures,
    situation,
    standard_name,
    standard_text,
    status_word,
    total_text,
    veto_text,
    veto_total,
    waived_veto_text,
    waived_vetoes,
)
from auditor.output.xlkit import (
    BODY,
    CELL,
    CENTER,
    NUMBER,
    RED,
    TITLE,
    Look,
    autofilter,
    column_widths,
    first_sheet,
    fit_heights,
    header_row,
    merged,
    paginate,
    print_setup,
    put,
)
from auditor.result import OUT_OF_SCORE, CenterChange, CenterResult, ClauseResult
from auditor.standard.model import Standard, round_half_up

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

SECTION_FILL = "F2F2F2"
VETO_FILL = "FF9999"
STATUS_FILL = {
    "pass": "E2EFDA",
    "partial": "FFF2CC",
    "fail": "F8CBAD",
    "missing": "E4DFEC",
    "not_applicable": "EDEDED",
    "waived": "DDEBF7",
    "error": "FF9999",
}
SCORE_WIDTHS = [6.0, 28.0, 28.0, 42.0, 8.0, 7.0, 7.0, 9.0, 15.0]
REMEDIATION_WIDTHS = [5.0, 18.0, 34.0, 13.0, 30.0, 9.0, 22.0, 8.0, 10.0, 10.0]
COVER_WIDTHS = [18.0, 30.0, 12.0, 30.0]
PART_WIDTHS = [26.0, 14.0, 10.0, 10.0]
SMALL = 9.0


def _status_fill(result: ClauseResult) -> str | None:
    if result.kind == "bonus" and not result.earned and result.status in ("fail", "missing"):
        return None  # 未加分: neutral
    if result.kind == "veto" and result.status == "fail":
        return VETO_FILL
    return STATUS_FILL[result.status]


def signature_block(ws: Worksheet, standard: Standard, row: int, columns: tuple[int, int, int, int]) -> int:
    """Lines to sign on, the date beside each, room for the stamp; the row after the block."""
    who_col, line_to, date_col, date_to = columns
    for who, date in signatures(standard):
        put(ws, row, who_col, f"{who}：", BODY, bold=True, align="right")
        merged(ws, row, who_col + 1, line_to, "", Look(bottom_line=True))
        if date:
            put(ws, row, date_col, f"{date}：", BODY, bold=True, align="right")
            merged(ws, row, date_col + 1, date_to, DATE_BLANK, Look(bottom_line=True, align="right"))
        ws.row_dimensions[row].height = 34
        row += 1
    put(ws, row, date_to, STAMP, BODY, align="right", valign="bottom")
    ws.row_dimensions[row].height = 34
    return row + 1


def _before_review(center: CenterResult) -> list[tuple[str, str | Decimal, Look]]:
    """The cover's 原始得分 row when review decisions changed the score."""
    if not center.decisions:
        return []
    before = center.score_before_review if center.score_before_review is not None else center.score
    return [(ORIGINAL, before, Look(border=True, align="left", number_format="0.0"))]


def _veto_cell(standard: Standard, center: CenterResult) -> str:
    """The cover's 一票否决 cell: the veto, or the waived veto (red either way), or none."""
    if not center.decisions:
        return veto_text(center)
    titles = {c.id: c.title for c in standard.clauses}
    waived = [
        waived_veto_text(d, titles) for d in waived_vetoes(center, {c.id: c.kind for c in standard.clauses})
    ]
    return "；".join(x for x in (veto_text(center, "") if center.veto else "", *waived) if x) or veto_text(
        center
    )


def _cover(wb: Workbook, standard: Standard, center: CenterResult, year: int | None) -> None:
    ws = first_sheet(wb)
    ws.title = COVER_SHEET
    last = len(COVER_WIDTHS)
    merged(ws, 2, 1, last, report_title(standard, year), replace(TITLE, size=20, bold=True))
    merged(ws, 3, 1, last, standard_name(standard), replace(BODY, align="center"))
    merged(ws, 5, 1, last, center_name(center), replace(TITLE, size=18))
    for r, height in ((1, 48), (2, 44), (3, 22), (4, 36), (5, 40), (6, 28)):
        ws.row_dimensions[r].height = height
    row = 7
    label = Look(border=True, bold=True, align="center")
    waived = bool(center.decisions) and bool(waived_vetoes(center, {c.id: c.kind for c in standard.clauses}))
    rows: list[tuple[str, str | Decimal, Look]] = [
        *((name, value, CELL) for name, value in center_meta(standard, center)),
        (
            REVIEWED if center.decisions else COVER_SCORE,
            center.score,
            Look(border=True, bold=True, size=18, align="left", number_format="0.0"),
        ),
        *_before_review(center),
        (COVER_BASE, center.base, Look(border=True, align="left", number_format="0.0")),
        (COVER_BONUS, center.bonus, Look(border=True, align="left", number_format="0.0")),
        (
            COVER_GRADE,
            center.grade,
            Look(border=True, bold=True, size=16, align="left", color=RED if center.veto else None),
        ),
        (
            VETO,
            _veto_cell(standard, center),
            Look(
                border=True,
                bold=center.veto or waived,
                color=RED if center.veto or waived else None,
                align="left",
            ),
        ),
        (COVER_STANDARD, standard_name(standard), CELL),
        (COVER_FILE, file_name(center.file), CELL),
        *((name, value, CELL) for name, value in as_of_fact(center)),
    ]
    for name, value, look in rows:
        put(ws, row, 1, name, label)
        merged(ws, row, 2, last, value, look)
        ws.row_dimensions[row].height = 34 if look.size > 12 else 24
        row += 1
    signature_block(ws, standard, row + 2, (1, 2, 3, 4))
    column_widths(ws, COVER_WIDTHS, fit_rows=False)
    print_setup(ws, landscape=False, header=page_header(center, year), centered=True)


def _score_sheet(wb: Workbook, standard: Standard, center: CenterResult, year: int | None) -> None:
    ws = wb.create_sheet(SCORE_SHEET)
    columns = score_columns(standard)
    last = len(columns)
    merged(ws, 1, 1, last, f"{center_name(center)}考核评分表", TITLE)
    merged(ws, 2, 1, last, meta_line(center_meta(standard, center)), BODY)
    header_row(ws, 3, columns)
    results = {r.id: r for r in center.clauses}
    titles = {c.id: c.title for c in standard.clauses} if center.decisions else {}
    kinds = {c.id: c.kind for c in standard.clauses} if center.decisions else {}
    section = Look(border=True, bold=True, fill=SECTION_FILL, wrap=True, align="left")
    section_number = Look(border=True, bold=True, fill=SECTION_FILL, align="right", number_format="0.0#")
    row = 4
    parts: list[int] = []
    for part in standard.parts:
        part_row = row
        parts.append(part_row)
        row += 1
        earned, maximum, self_total, has_self = Fraction(0), Fraction(0), Decimal(0), False
        for clause in part.clauses:
            r = results[clause.id]
            put(ws, row, 1, clause.id, CENTER)
            put(ws, row, 2, content_text(clause), CELL)
            put(ws, row, 3, standard_text(clause, standard), CELL)
            put(ws, row, 4, situation(r, clause), CELL)
            put(ws, row, 5, clause.method, CENTER)
            if r.self_score is not None:
                put(ws, row, 6, r.self_score, NUMBER)
                self_total += r.self_score
                has_self = True
            else:
                put(ws, row, 6, None, NUMBER)
            if clause.kind != "veto" and r.status not in OUT_OF_SCORE:
                put(ws, row, 7, two(r.earned), NUMBER)
                earned += r.earned
                maximum += r.max if clause.kind == "scored" else 0
            else:
                put(ws, row, 7, None, NUMBER)
            vetoed = r.kind == "veto" and r.status in ("fail", "waived")  # a waived veto in red as well
            put(
                ws,
                row,
                8,
                status_word(r),
                CENTER,
                fill=_status_fill(r),
                bold=vetoed,
                color=RED if vetoed else None,
            )
            put(ws, row, 9, locations(r), CELL, size=SMALL)
            row += 1
        put(ws, part_row, 1, part.id, section, align="center")
        put(ws, part_row, 2, part.title, section)
        put(ws, part_row, 3, part_points_text(part.points, two(maximum)) if part.points else "", section)
        scored = any(c.kind != "veto" for c in part.clauses)
        put(ws, part_row, 4, SUBTOTAL if scored else "", section)
        put(ws, part_row, 5, "", section)
        put(ws, part_row, 6, self_total if has_self and scored else None, section_number)
        put(ws, part_row, 7, two(earned) if scored else None, section_number)
        put(ws, part_row, 8, "", section)
        put(ws, part_row, 9, "", section)
    total_row = row
    veto = veto_total(center, standard.veto_grade)
    emphasis = Look(border=True, bold=True, wrap=True, align="left", color=RED if veto else None)
    put(ws, row, 1, TOTAL, CENTER, bold=True)
    waived = [waived_veto_text(d, titles) for d in waived_vetoes(center, kinds)] if center.decisions else []
    total = (total_text(center, worksheet=True), veto, *waived, review_total(center))
    emphasis = replace(emphasis, color=RED) if waived else emphasis
    merged(ws, row, 2, 6, "；".join(x for x in total if x), emphasis)
    put(ws, row, 7, center.score, NUMBER, bold=True, number_format="0.0")
    put(ws, row, 8, center.grade, CENTER, bold=True, color=RED if center.veto else None)
    put(ws, row, 9, "", CELL)
    heights = fit_heights(ws, SCORE_WIDTHS, range(4, total_row + 1), least=20)
    autofilter(ws, 3, last, total_row)
    ws.row_dimensions[total_row + 1].height = 12
    end = signature_block(ws, standard, total_row + 2, (2, 3, 4, 8))
    for sign_row in range(total_row + 1, end):
        heights[sign_row] = float(ws.row_dimensions[sign_row].height or 20)
    top = fit_heights(ws, SCORE_WIDTHS, (1, 2, 3))
    ws.row_dimensions[1].height = 30
    paginate(
        ws,
        heights,
        SCORE_WIDTHS,
        landscape=True,
        first=4,
        repeated=top[3],
        before=30 + top[2] + top[3],
        keep_with_next=parts,
        blocks=[(total_row, end - 1)],
    )
    column_widths(ws, SCORE_WIDTHS, fit_rows=False)
    ws.freeze_panes = "A4"
    print_setup(ws, landscape=True, title_rows="3:3", header=page_header(center, year))


def _remediation_sheet(wb: Workbook, standard: Standard, center: CenterResult, year: int | None) -> None:
    ws = wb.create_sheet(REMEDIATION_SHEET)
    last = len(REMEDIATION_COLUMNS)
    merged(ws, 1, 1, last, f"{center_name(center)}整改清单", TITLE)
    merged(ws, 2, 1, last, meta_line(center_meta(standard, center)), BODY)
    header_row(ws, 3, REMEDIATION_COLUMNS)
    clauses = clauses_by_id(standard)
    items = remediation_items(standard, center)
    row = 4
    for i, (r, clause, lost) in enumerate(items, start=1):
        put(ws, row, 1, i, CENTER)
        put(ws, row, 2, f"{r.id} {clauses[r.id].title}", CELL)
        put(ws, row, 3, issues_text(r, clause), CELL)
        put(ws, row, 4, locations(r), CELL, size=SMALL)
        put(ws, row, 5, clause.remediation, CELL)
        if r.kind == "veto":
            put(ws, row, 6, VETO, CENTER, color=RED, bold=True)
        else:
            put(ws, row, 6, two(lost), NUMBER)
        for column in range(7, last + 1):  # left for the center to fill in
            put(ws, row, column, None, CELL)
        row += 1
    if not items:
        merged(ws, row, 1, last, NOTHING_TO_REMEDY, CENTER)
        row += 1
    heights = fit_heights(ws, REMEDIATION_WIDTHS, range(4, row), least=32)
    top = fit_heights(ws, REMEDIATION_WIDTHS, (1, 2, 3))
    ws.row_dimensions[1].height = 30
    paginate(
        ws, heights, REMEDIATION_WIDTHS, landscape=True, first=4, repeated=top[3], before=30 + top[2] + top[3]
    )
    autofilter(ws, 3, last, row - 1)
    column_widths(ws, REMEDIATION_WIDTHS, fit_rows=False)
    ws.freeze_panes = "A4"
    print_setup(ws, landscape=True, title_rows="3:3", header=page_header(center, year))


def _parts_sheet(wb: Workbook, standard: Standard, center: CenterResult, year: int | None) -> None:
    from openpyxl.chart import BarChart, Reference

    ws = wb.create_sheet(PARTS_SHEET)
    last = len(PART_SCORE_COLUMNS)
    merged(ws, 1, 1, last, f"{center_name(center)}{PARTS_SHEET}", TITLE)
    header_row(ws, 2, PART_SCORE_COLUMNS)
    rows = part_scores(standard, center)
    for i, (title, earned, maximum) in enumerate(rows, start=3):
        put(ws, i, 1, title, CELL)
        put(ws, i, 2, two(maximum), NUMBER)
        put(ws, i, 3, two(earned), NUMBER)
        share = float(round_half_up(earned / maximum, 4)) if maximum else 0.0
        put(ws, i, 4, share, NUMBER, number_format="0.0%")
    end = len(rows) + 2
    autofilter(ws, 2, last, end)
    fit_heights(ws, PART_WIDTHS, range(1, end + 1), least=20)
    ws.row_dimensions[1].height = 30
    chart = BarChart()
    chart.type = "col"
    chart.title = CHART_PARTS
    chart.y_axis.title = CHART_AXIS
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=2, max_row=end), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=3, max_row=end))
    chart.width, chart.height = 16, 9
    ws.add_chart(chart, f"A{end + 2}")
    column_widths(ws, PART_WIDTHS, fit_rows=False)
    print_setup(ws, landscape=False, header=page_header(center, year), centered=True)


def center_workbook(
    standard: Standard, center: CenterResult, year: int | None, followup: CenterChange | None = None
) -> Workbook:
    """The acceptance report of one center; with `followup` (``--baseline``), its 整改落实情况 sheet too."""
    from auditor.output.xlkit import new_workbook

    title = f"{center_name(center)} {report_title(standard, year)}"
    wb = new_workbook(properties(standard, title))
    _cover(wb, standard, center, year)
    _score_sheet(wb, standard, center, year)
    _remediation_sheet(wb, standard, center, year)
    if followup is not None:
        from auditor.output.followup_sheets import followup_sheet

        followup_sheet(wb, standard, center, followup, year)
    _parts_sheet(wb, standard, center, year)
    if center.decisions:
        from auditor.output.review_sheet import review_sheet

        review_sheet(wb, standard, center, year)
    if center.hints:
        from auditor.output.hint_sheets import center_hints_sheet

        center_hints_sheet(wb, standard, center, year)
    if center.warnings:
        from auditor.output.notes_sheet import notes_sheet

        notes_sheet(wb, standard, center, year)
    return wb

"""One center's year-end acceptance report: 封面, 评分表, 整改清单 and 分项得分 (with a chart).

Every number comes from the same CenterResult that `audit check --format json` prints, rounded
the same way (:mod:`auditor.output.figures`); every sentence from :mod:`auditor.output.wording`.
Text that came from a workbook is written as text, never as a formula (:mod:`auditor.output.xlkit`).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from auditor.output.figures import part_scores, remediation_items, two
from auditor.output.wording import (
    PART_SCORE_COLUMNS,
    STATUS_WORDS,
    VETO,
    content_text,
    locations,
    part_points_text,
    remediation_columns,
    report_title,
    score_columns,
    situation,
    standard_name,
    standard_text,
    total_text,
    veto_text,
)
from auditor.output.xlkit import column_widths, first_sheet, header_row, print_setup, put
from auditor.result import CenterResult
from auditor.standard.model import Standard, round_half_up

if TYPE_CHECKING:
    from openpyxl import Workbook

NUMBER_FORMAT = "0.0#"
SECTION_FILL = "F2F2F2"
STATUS_FILL = {
    "pass": "E2EFDA",
    "partial": "FFF2CC",
    "fail": "F8CBAD",
    "missing": "E4DFEC",
    "not_applicable": "EDEDED",
    "waived": "DDEBF7",
    "error": "FF9999",
}


def _cover(wb: Workbook, standard: Standard, center: CenterResult, year: int | None) -> None:
    ws = first_sheet(wb)
    ws.title = "封面"
    put(ws, 1, 1, report_title(standard, year), bold=True, size=16, align="center")
    ws.merge_cells("A1:B1")
    labels = standard.center
    rows: list[tuple[str, str | Decimal]] = [
        (labels.name, center.name or ""),
        (labels.id, center.center_id or ""),
        *[
            (label, value or "")
            for label, value in (
                (labels.type, center.type),
                (labels.district, center.district),
                (labels.date, center.date),
                (labels.leader, center.leader),
            )
            if label
        ],
        ("考核得分", center.score),
        ("基础分", center.base),
        ("加分", center.bonus),
        ("等级", center.grade),
        (VETO, veto_text(center)),
        ("考核标准", standard_name(standard)),
        ("工作簿", center.file),
    ]
    for i, (label, value) in enumerate(rows, start=3):
        put(ws, i, 1, label, bold=True)
        fmt = "0.0" if isinstance(value, Decimal) else None
        put(ws, i, 2, value, number_format=fmt, wrap=True, align="left")
        ws.row_dimensions[i].height = 22
    row = len(rows) + 5
    for label in standard.report_signatures or ("签字", "日期"):
        put(ws, row, 1, f"{label}：", bold=True)
        put(ws, row, 2, "")
        row += 2
    column_widths(ws, [18, 70])
    print_setup(ws, landscape=False)


def _score_sheet(wb: Workbook, standard: Standard, center: CenterResult) -> None:
    ws = wb.create_sheet("评分表")
    put(ws, 1, 1, f"{center.name or ''} 考核评分表", bold=True, size=14)
    header_row(ws, 2, score_columns(standard))
    results = {r.id: r for r in center.clauses}
    row = 3
    for part in standard.parts:
        put(ws, row, 1, part.id, bold=True, fill=SECTION_FILL)
        put(ws, row, 2, part.title, bold=True, fill=SECTION_FILL)
        part_row = row
        row += 1
        earned, maximum, self_total, has_self = Fraction(0), Fraction(0), Decimal(0), False
        for clause in part.clauses:
            r = results[clause.id]
            put(ws, row, 1, clause.id)
            put(ws, row, 2, content_text(clause), wrap=True)
            put(ws, row, 3, standard_text(clause), wrap=True)
            put(ws, row, 4, situation(r), wrap=True)
            put(ws, row, 5, clause.method)
            if r.self_score is not None:
                put(ws, row, 6, r.self_score, number_format=NUMBER_FORMAT)
                self_total += r.self_score
                has_self = True
            if clause.kind != "veto" and r.status != "not_applicable":
                put(ws, row, 7, two(r.earned), number_format=NUMBER_FORMAT)
                earned += r.earned
                maximum += r.max if clause.kind == "scored" else 0
            put(ws, row, 8, STATUS_WORDS[r.status], fill=STATUS_FILL[r.status], align="center")
            put(ws, row, 9, locations(r), wrap=True)
            row += 1
        if part.points:
            put(ws, part_row, 3, part_points_text(part.points, maximum), fill=SECTION_FILL)
        if any(c.kind != "veto" for c in part.clauses):
            put(ws, part_row, 4, "小计", bold=True, fill=SECTION_FILL)
            if has_self:
                put(ws, part_row, 6, self_total, number_format=NUMBER_FORMAT, bold=True, fill=SECTION_FILL)
            put(ws, part_row, 7, two(earned), number_format=NUMBER_FORMAT, bold=True, fill=SECTION_FILL)
    put(ws, row, 1, "合计", bold=True)
    put(ws, row, 2, total_text(center, worksheet=True), wrap=True)
    put(ws, row, 7, center.score, number_format="0.0", bold=True)
    put(ws, row, 8, center.grade, bold=True, align="center")
    column_widths(ws, [9, 42, 14, 52, 11, 8, 9, 10, 22])
    ws.freeze_panes = "A3"
    print_setup(ws, landscape=True, title_rows="2:2")


def _remediation_sheet(wb: Workbook, standard: Standard, center: CenterResult) -> None:
    ws = wb.create_sheet("整改清单")
    put(ws, 1, 1, f"{center.name or ''} 整改清单（按可挽回分值排序）", bold=True, size=14)
    header_row(ws, 2, remediation_columns(standard))
    for i, (r, clause, lost) in enumerate(remediation_items(standard, center), start=1):
        row = i + 2
        put(ws, row, 1, i)
        put(ws, row, 2, r.id)
        put(ws, row, 3, r.title, wrap=True)
        put(ws, row, 4, situation(r), wrap=True)
        put(ws, row, 5, locations(r), wrap=True)
        put(ws, row, 6, clause.remediation, wrap=True)
        if r.kind == "veto":
            put(ws, row, 7, VETO)
        else:
            put(ws, row, 7, two(lost), number_format=NUMBER_FORMAT)
    column_widths(ws, [6, 9, 24, 56, 22, 40, 11])
    ws.freeze_panes = "A3"
    print_setup(ws, landscape=True, title_rows="2:2")


def _parts_sheet(wb: Workbook, standard: Standard, center: CenterResult) -> None:
    from openpyxl.chart import BarChart, Reference

    ws = wb.create_sheet("分项得分")
    header_row(ws, 1, PART_SCORE_COLUMNS)
    rows = part_scores(standard, center)
    for i, (title, earned, maximum) in enumerate(rows, start=2):
        put(ws, i, 1, title)
        put(ws, i, 2, two(maximum), number_format=NUMBER_FORMAT)
        put(ws, i, 3, two(earned), number_format=NUMBER_FORMAT)
        put(ws, i, 4, float(round_half_up(earned / maximum, 4)) if maximum else 0.0, number_format="0.0%")
    chart = BarChart()
    chart.type = "col"
    chart.title = "分项得分与满分"
    chart.y_axis.title = "分"
    data = Reference(ws, min_col=2, max_col=3, min_row=1, max_row=len(rows) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(rows) + 1))
    chart.width, chart.height = 18, 9
    ws.add_chart(chart, "F2")
    column_widths(ws, [22, 14, 10, 10])
    print_setup(ws, landscape=True)


def center_workbook(standard: Standard, center: CenterResult, year: int | None) -> Workbook:
    """The acceptance report of one center."""
    from openpyxl import Workbook

    wb = Workbook()
    _cover(wb, standard, center, year)
    _score_sheet(wb, standard, center)
    _remediation_sheet(wb, standard, center)
    _parts_sheet(wb, standard, center)
    return wb

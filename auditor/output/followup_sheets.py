"""整改回头看 in the reports (`audit report --baseline`): a center's 整改落实情况 sheet (last run's 整改清单
items, each with its outcome and what the center typed next to it) and the summary's 整改落实 sheet
(completion rates per center, street (district), type and for the whole). Laid out and printed like the 整改清单."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING

from auditor.output.figures import two
from auditor.output.wording import center_meta, meta_line, page_header, points_text, shown
from auditor.output.wording.compare import (
    FOLLOWUP_COLUMNS,
    FOLLOWUP_RATE_COLUMNS,
    FOLLOWUP_SHEET,
    FOLLOWUP_SUMMARY_SHEET,
    NO_BASELINE,
    NO_DISTRICT,
    NOTHING_TO_FOLLOW,
    SCOPE_WORDS,
    VETO_SIDE,
    WORDS,
    before_line,
    city_line,
    clause_label,
    outcome_word,
    unscored_word,
    year_title,
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
from auditor.result import CenterChange, CenterResult, ClauseChange, ClauseSide, Comparison, CompletionRate
from auditor.standard.model import Standard, round_half_up

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FOLLOWUP_WIDTHS = [5.0, 30.0, 9.0, 9.0, 10.0, 30.0, 10.0, 11.0, 14.0]
RATE_WIDTHS = [8.0, 40.0, 8.0, 8.0, 8.0, 12.0]
OUTCOME_FILL = {"fixed": "E2EFDA", "improved": "FFF2CC", "open": "F8CBAD", "new": "FF9999"}
SIDE_SLOTS = 3


def followup_line(change: CenterChange | None) -> str:
    """上次得分 and the center's completion rate, or what says there is nothing to follow up."""
    if change is None or change.before is None:
        return NO_BASELINE
    before = change.before
    return before_line(before.score, before.grade, change.fixed, change.items)


def points_shown(side: ClauseSide | None, kind: str) -> str:
    value = _points(side, kind)
    return "" if value is None else points_text(value) if isinstance(value, float) else value


def _points(side: ClauseSide | None, kind: str) -> str | float | None:
    if side is None:
        return None
    if side.status in ("not_applicable", "waived"):
        return unscored_word(side)
    if kind == "veto":
        return VETO_SIDE["pass" if side.status == "pass" else "fail"]
    return two(side.earned)


def in_last_order(items: list[ClauseChange]) -> list[ClauseChange]:
    """In the order of last run's 整改清单: the vetoes first, then the most points lost first."""

    def lost(item: ClauseChange) -> Fraction:
        return item.before.max - item.before.earned if item.before else Fraction(0)

    return sorted(items, key=lambda item: (item.kind != "veto", -lost(item)))


def followup_sheet(
    wb: Workbook, standard: Standard, center: CenterResult, change: CenterChange | None, year: int | None
) -> None:
    """整改落实情况: the items of the center's previous 整改清单, each with its outcome now."""
    from auditor.output.wording import center_name

    ws = wb.create_sheet(FOLLOWUP_SHEET)
    last = len(FOLLOWUP_COLUMNS)
    merged(ws, 1, 1, last, WORDS["title_sheet"].format(center=center_name(center)), TITLE)
    items = (
        in_last_order([c for c in change.clauses if c.item]) if change is not None and change.before else []
    )
    line = meta_line(center_meta(standard, center))
    if change is not None and change.before is not None:
        line += "　" + followup_line(change)
    merged(ws, 2, 1, last, line, BODY)
    header_row(ws, 3, FOLLOWUP_COLUMNS)
    row = 4
    for i, item in enumerate(items, start=1):
        put(ws, row, 1, i, CENTER)
        title = clause_label(item.id, item.before_id)
        put(ws, row, 2, f"{title} {shown(item.title, 120)}", CELL)
        for column, side in ((3, item.before), (4, item.after)):
            value = _points(side, item.kind)
            put(ws, row, column, value, NUMBER if isinstance(value, float) else CENTER)
        new = item.outcome == "new"
        put(ws, row, 5, outcome_word(item), CENTER, fill=OUTCOME_FILL.get(item.outcome), bold=new)
        typed = item.typed or ()
        for column in range(6, last + 1):
            text = typed[column - 6] if column - 6 < len(typed) else ""
            put(ws, row, column, shown(text, 400) if text else None, CELL)
        row += 1
    if not items:
        message = NOTHING_TO_FOLLOW if change is not None and change.before is not None else NO_BASELINE
        merged(ws, row, 1, last, message, CENTER)
        row += 1
    merged(ws, row, 1, last, WORDS["rule"], replace(BODY, wrap=True, size=9))
    heights = fit_heights(ws, FOLLOWUP_WIDTHS, range(4, row + 1), least=28)
    top = fit_heights(ws, FOLLOWUP_WIDTHS, (1, 2, 3))
    ws.row_dimensions[1].height = 30
    paginate(
        ws, heights, FOLLOWUP_WIDTHS, landscape=True, first=4, repeated=top[3], before=30 + top[2] + top[3]
    )
    autofilter(ws, 3, last, max(row - 1, 4))
    column_widths(ws, FOLLOWUP_WIDTHS, fit_rows=False)
    ws.freeze_panes = "A4"
    print_setup(ws, landscape=True, title_rows="3:3", header=page_header(center, year))


def _rate_row(ws: Worksheet, row: int, scope: str, rate: CompletionRate, name: str) -> None:
    put(ws, row, 1, SCOPE_WORDS[scope], CENTER)
    put(ws, row, 2, name, CELL)
    put(ws, row, 3, rate.centers, NUMBER, number_format="0")
    put(ws, row, 4, rate.items, NUMBER, number_format="0")
    put(ws, row, 5, rate.fixed, NUMBER, number_format="0")
    value = None if rate.rate is None else float(round_half_up(rate.rate, 4))
    put(ws, row, 6, value, NUMBER, number_format="0.0%")


def followup_summary_sheet(
    wb: Workbook, standard: Standard, comparison: Comparison, year: int | None
) -> None:
    """整改落实: the completion rate of the whole, of each street and type, of each center."""
    from auditor.output.summary_sheets import finish, title_block

    ws = wb.create_sheet(FOLLOWUP_SUMMARY_SHEET)
    title = year_title(year)
    city = comparison.city
    header = title_block(ws, title, [city_line(city.fixed, city.items)], len(FOLLOWUP_RATE_COLUMNS))
    header_row(ws, header, FOLLOWUP_RATE_COLUMNS)
    row = header + 1
    _rate_row(ws, row, "city", city, "")
    row += 1
    for scope, rates in (("district", comparison.districts), ("type", comparison.types)):
        for rate in rates:
            _rate_row(ws, row, scope, rate, shown(rate.name, 80) or NO_DISTRICT)
            row += 1
    for change in comparison.centers:
        if change.before is None or change.after is None:
            continue
        name = " ".join(shown(x, 80) for x in (change.center_id, change.name) if x)
        rate = CompletionRate(name, 1, change.items, change.fixed)
        _rate_row(ws, row, "center", rate, name)
        if any(c.outcome == "new" for c in change.clauses):
            put(ws, row, 2, name, CELL, color=RED)
        row += 1
    autofilter(ws, header, len(FOLLOWUP_RATE_COLUMNS), row - 1)
    finish(ws, RATE_WIDTHS, header, year, fixed_from=header + 1, landscape=False)

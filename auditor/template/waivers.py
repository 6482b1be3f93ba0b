"""The blank decisions workbook (复核登记表) of ``audit template --waivers``: a title row, the header row
``audit check/report --waivers`` reads back (:mod:`auditor.cycle.decisions_file`), empty rows with
dropdowns (决定: 豁免/改判; the clause column from the standard's clause ids), number and date checks,
and a sheet of instructions that also holds the list of clause ids."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.cycle.decisions_file import KEYS, labels
from auditor.output.wording import (
    DECISION_WORDS,
    WAIVER_ERRORS,
    WAIVER_INSTRUCTIONS,
    WAIVER_SHEET,
    waiver_instructions,
)
from auditor.standard.model import Standard
from auditor.template.styles import make_styles, title_row
from auditor.template.write import write_workbook_atomic

if TYPE_CHECKING:
    from openpyxl import Workbook

ROWS = 200  # empty rows with validations
WIDTHS = {
    "center": 16.0,
    "clause": 10.0,
    "decision": 9.0,
    "points": 10.0,
    "reason": 40.0,
    "approver": 10.0,
    "date": 12.0,
    "expires": 12.0,
}
REQUIRED = ("center", "clause", "decision", "reason", "approver", "date")


def build_waivers(standard: Standard) -> Workbook:
    """The blank decisions workbook of a standard."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    st = make_styles()
    names = labels(standard)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = WAIVER_SHEET
    title_row(ws, WAIVER_SHEET, len(KEYS), st)
    letters = {key: get_column_letter(i) for i, key in enumerate(KEYS, start=1)}
    for i, key in enumerate(KEYS, start=1):
        cell = ws.cell(2, i, names[key])
        st.header(cell)
        if key in REQUIRED:
            cell.font = st.required
        ws.column_dimensions[letters[key]].width = WIDTHS[key]
    for row in range(3, ROWS + 3):
        for i, key in enumerate(KEYS, start=1):
            blank = ws.cell(row, i)
            blank.border = st.border
            blank.font = st.font
            if key in ("date", "expires"):
                blank.number_format = "yyyy-mm-dd"
            elif key != "points":
                blank.number_format = "@"
    ws.freeze_panes = "A3"

    info = wb.create_sheet(WAIVER_INSTRUCTIONS)
    info.column_dimensions["A"].width = 100
    lines = waiver_instructions(
        names["center"], standard.center.district, standard.center.type, standard.center.date
    )
    for r, line in enumerate(lines, start=1):
        info.cell(r, 1, line).alignment = st.left_wrap
    ids = [c.id for c in standard.clauses]
    column = 3  # the clause ids, the dropdown's list
    info.cell(1, column, names["clause"]).font = st.bold
    titles = {c.id: c.title for c in standard.clauses}
    for r, clause_id in enumerate(ids, start=2):
        info.cell(r, column, clause_id).number_format = "@"
        info.cell(r, column + 1, titles[clause_id])
    info.column_dimensions["C"].width = 10
    info.column_dimensions["D"].width = 40

    span = f"{{}}3:{{}}{ROWS + 2}"
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(DECISION_WORDS.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
    )
    choices.error = WAIVER_ERRORS["decision"]
    choices.add(span.format(letters["decision"], letters["decision"]))
    clauses = DataValidation(
        type="list",
        formula1=f"'{WAIVER_INSTRUCTIONS}'!$C$2:$C${len(ids) + 1}",
        allow_blank=True,
        showErrorMessage=True,
    )
    clauses.error = WAIVER_ERRORS["clause"]
    clauses.add(span.format(letters["clause"], letters["clause"]))
    points = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    points.error = WAIVER_ERRORS["points"]
    points.showErrorMessage = True
    points.add(span.format(letters["points"], letters["points"]))
    dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    dates.error = WAIVER_ERRORS["date"]
    dates.showErrorMessage = True
    dates.add(f"{letters['date']}3:{letters['expires']}{ROWS + 2}")
    for dv in (choices, clauses, points, dates):
        ws.add_data_validation(dv)
    wb.active = 0
    wb.properties.title = WAIVER_SHEET
    wb.properties.creator = "audit template"
    return wb


def write_waivers(
    standard: Standard, path: Path, *, overwrite: bool = False, inputs: Iterable[Path] = ()
) -> Path:
    """Build the blank decisions workbook and save it atomically (never over an input or the standard)."""
    sources = [*inputs, *([standard.source] if standard.source else [])]
    return write_workbook_atomic(build_waivers(standard), path, overwrite=overwrite, inputs=sources)

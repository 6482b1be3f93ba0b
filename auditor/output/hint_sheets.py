"""The 疑点 sheets: 疑点 in a center's report (for the inspectors) and 疑点清单 in the summary workbook.

A hint is a reason to look, never a verdict: each sheet says so under its title. Every text of a hint
was made without personal data (a pii column takes part only as a keyed hash).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from auditor.output.wording import center_meta, center_name, file_name, meta_line, page_header, shown
from auditor.output.wording.hints import HINT_KINDS, HINT_WORDS
from auditor.output.xlkit import (
    BODY,
    CELL,
    CENTER,
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
from auditor.result import BatchHint, CenterResult, Finding
from auditor.standard.model import Standard

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

W = HINT_WORDS
CENTER_WIDTHS = [6.0, 20.0, 80.0, 22.0]
LIST_WIDTHS = [6.0, 10.0, 24.0, 18.0, 70.0, 22.0]
SMALL = 9.0


def with_batch_hints(center: CenterResult, hints: Sequence[BatchHint]) -> CenterResult:
    """The center with the 疑点 across centers that name it added to its own (for its report)."""
    mine = [
        Finding(h.message, side.cells[0] if side.cells else "", "hint", h.code)
        for h in hints
        for side in (h.first, h.second)
        if side.file == center.file
    ]
    return replace(center, hints=(*center.hints, *mine)) if mine else center


def own(center: CenterResult) -> list[Finding]:
    """The center's own 疑点 (those across centers that a report adds to it are listed once, apart)."""
    return [h for h in center.hints if not h.code.startswith("shared-")]


def sheet_layout(ws: Worksheet, widths: list[float], first: int, last: int) -> None:
    """Rows sized to their text, pages broken between rows, the header repeated, the columns set."""
    # A hint mixes file names, cell lists (B4、B5…C123) and Chinese: the spreadsheet wraps such text at word
    # boundaries and draws … and quotes wide, so its rows are sized for columns a tenth narrower than they are.
    heights = fit_heights(ws, [w * 0.9 for w in widths], range(first, last + 1), least=20)
    top = fit_heights(ws, widths, range(1, first))
    ws.row_dimensions[1].height = 30
    paginate(
        ws,
        heights,
        widths,
        landscape=True,
        first=first,
        repeated=top[first - 1],
        before=30 + sum(top[r] for r in range(2, first)),
    )
    column_widths(ws, widths, fit_rows=False)
    ws.freeze_panes = f"A{first}"


def center_hints_sheet(wb: Workbook, standard: Standard, center: CenterResult, year: int | None) -> None:
    """疑点: the center's hints, each with its kind and cells."""
    ws = wb.create_sheet(W["sheet"])
    columns = [W["no"], W["kind"], W["what"], W["where"]]
    last = len(columns)
    merged(ws, 1, 1, last, f"{center_name(center)}{W['sheet']}", TITLE)
    merged(ws, 2, 1, last, meta_line(center_meta(standard, center)), BODY)
    merged(ws, 3, 1, last, W["note"], replace(BODY, wrap=True, size=SMALL))
    header_row(ws, 4, columns)
    row = 5
    for i, hint in enumerate(center.hints, start=1):
        put(ws, row, 1, i, CENTER)
        put(ws, row, 2, HINT_KINDS.get(hint.code, W["what"]), CELL)
        put(ws, row, 3, shown(hint.message, 2000), CELL)
        put(ws, row, 4, shown(hint.location, 200), CELL, size=SMALL)
        row += 1
    if not center.hints:
        merged(ws, row, 1, last, W["none"], CENTER)
        row += 1
    sheet_layout(ws, CENTER_WIDTHS, 5, row - 1)
    autofilter(ws, 4, last, row - 1)
    print_setup(ws, landscape=True, title_rows="4:4", header=page_header(center, year))


def hints_list_sheet(
    wb: Workbook,
    standard: Standard,
    centers: Sequence[CenterResult],
    batch: Sequence[BatchHint],
    year: int | None,
) -> None:
    """疑点清单: every center's hints, then those across centers (both centers named)."""
    ws = wb.create_sheet(W["list_sheet"])
    columns = [W["no"], standard.center.id, W["center"], W["kind"], W["what"], W["where"]]
    last = len(columns)
    merged(ws, 1, 1, last, f"{year or ''}{W['list_sheet']}", TITLE)
    within = sum(len(own(c)) for c in centers)
    merged(ws, 2, 1, last, W["tally"].format(n=within + len(batch), within=within, across=len(batch)), BODY)
    merged(ws, 3, 1, last, W["note"], replace(BODY, wrap=True, size=SMALL))
    header_row(ws, 4, columns)
    row, n = 5, 1
    for center in centers:
        for hint in own(center):
            put(ws, row, 1, n, CENTER)
            put(ws, row, 2, shown(center.center_id or ""), CENTER)
            put(ws, row, 3, center_name(center) if center.name else shown(file_name(center.file)), CELL)
            put(ws, row, 4, HINT_KINDS.get(hint.code, W["what"]), CELL)
            put(ws, row, 5, shown(hint.message, 2000), CELL)
            put(ws, row, 6, shown(hint.location, 200), CELL, size=SMALL)
            row, n = row + 1, n + 1
    for item in batch:
        put(ws, row, 1, n, CENTER)
        ids = " / ".join(shown(s.center_id or "") for s in (item.first, item.second))
        put(ws, row, 2, ids, CENTER)
        names = " / ".join(shown(s.name or file_name(s.file)) for s in (item.first, item.second))
        put(ws, row, 3, names, CELL)
        put(ws, row, 4, f"{W['across']}：{HINT_KINDS.get(item.code, W['what'])}", CELL)
        put(ws, row, 5, shown(item.message, 2000), CELL)
        cells = " / ".join(c for s in (item.first, item.second) for c in s.cells[:1])
        put(ws, row, 6, shown(cells, 200), CELL, size=SMALL)
        row, n = row + 1, n + 1
    if n == 1:
        merged(ws, row, 1, last, W["none"], CENTER)
        row += 1
    sheet_layout(ws, LIST_WIDTHS, 5, row - 1)
    autofilter(ws, 4, last, row - 1)
    print_setup(ws, landscape=True, title_rows="4:4", header=page_header(None, year))

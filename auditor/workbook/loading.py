"""A sheet of a workbook as the reader holds it: its rows from A1 (within the row limit), merged ranges
spread over the cells they cover, the cells holding errors or formulas without their value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.errors import WorkbookError
from auditor.workbook.container import Limits, Specials
from auditor.workbook.ledger import spread_merges
from auditor.workbook.sheet import Sheet
from auditor.workbook.values import is_blank


def sheet_rows(sheet: Any, name: str, file: str, limits: Limits) -> list[list[object]]:
    """The sheet's rows from A1; a sheet taller than the row limit is read only up to its last row with
    content (a stray blank typed at row 1,048,576 is not content), and refused if it really is that long."""
    if sheet.height <= limits.max_rows:
        return list(sheet.to_python(skip_empty_area=False))
    last, filled = -1, 0
    offset = sheet.start[0] if sheet.start else 0
    for index, row in enumerate(sheet.iter_rows()):
        if any(not is_blank(v) for v in row):
            last, filled = index + offset, filled + 1
            if filled > limits.max_rows:
                raise WorkbookError(f"工作表“{name}”超过上限 {limits.max_rows} 行，已拒绝", file)
    return list(sheet.to_python(skip_empty_area=False, nrows=last + 1)) if last >= 0 else []


def spread(
    calamine_sheet: Any, rows: list[list[object]], ods: list[tuple[tuple[int, int], tuple[int, int]]]
) -> set[int]:
    """Merged ranges give their value to every cell they cover (tables and forms alike). python-calamine
    reports them for .xlsx and .xls; for .ods they come from the file's content.xml."""
    try:
        ranges = calamine_sheet.merged_cell_ranges or ods
    except Exception:  # a format or version without merge information: nothing to spread
        ranges = ods
    return spread_merges(rows, ranges) if ranges else set()


def hidden_sheets(workbook: Any) -> frozenset[str]:
    """The names of the sheets a person does not see (hidden, very hidden)."""
    try:
        return frozenset(m.name for m in workbook.sheets_metadata if str(m.visible).endswith("Hidden"))
    except Exception:  # a reader without sheet metadata: every sheet is shown
        return frozenset()


def load_sheet(
    workbook: Any, actual: str, path: Path, limits: Limits, specials: Specials, ods: dict[str, Any]
) -> Sheet:
    """The workbook's sheet `actual` as the reader holds it."""
    try:
        calamine_sheet = workbook.get_sheet_by_name(actual)
        rows = sheet_rows(calamine_sheet, actual, str(path), limits)
    except WorkbookError:
        raise
    except Exception:  # a damaged sheet: the file is unreadable
        raise WorkbookError(f"工作表“{actual}”已损坏或缺失，无法读取", str(path)) from None
    uncached, errors = specials.uncached.get(actual, set()), specials.errors.get(actual, {})
    merged = spread(calamine_sheet, rows, ods.get(actual, []))
    return Sheet(actual, rows, uncached, errors, specials.date1904, merged)

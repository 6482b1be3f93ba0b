"""Workbook file -> :class:`Evidence`, guided by the standard's declared layout.

Read with python-calamine from the file's bytes (so a workbook with the wrong extension
is read by its content). Forms: each declared label is looked for anywhere in the sheet
(after normalisation) and its value is the first non-empty cell to its right. Tables: the
header row is the row, among the first rows, matching the most declared column headers;
columns are found by header text in any order; blank rows are skipped.
"""

from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from auditor.errors import WorkbookError, shown
from auditor.standard.model import FieldSpec, SheetSpec, Standard
from auditor.workbook.container import (
    DAMAGED_ZIP,
    DEFAULT_LIMITS,
    Archive,
    Limits,
    Specials,
    check_container,
    read_file,
    scan_specials,
)
from auditor.workbook.evidence import Cell, Evidence, FormSheet, TableSheet
from auditor.workbook.ledger import DEFAULT_WORDS, classify, header_name, spread_merges, triggers
from auditor.workbook.ods import ods_merges
from auditor.workbook.parsers import expected_text, parser_for
from auditor.workbook.values import ParseError, is_blank, normalize_label

HEADER_SCAN_ROWS = 30
BLANK_START = frozenset(" \t\u3000\n\r")  # a value starting with a blank is looked at closely
UNCACHED = "公式没有缓存值（文件未经 Excel/WPS 计算保存），请在 Excel/WPS 中打开并保存后重试"

__all__ = ["DEFAULT_LIMITS", "Limits", "column_letter", "find_header", "open_workbook", "read_workbook"]


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def open_workbook(path: Path, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The calamine workbook, or WorkbookError with the cause in plain words."""
    return open_with_archive(path, limits)[0]


def open_with_archive(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[Any, Archive | None]:
    """The calamine workbook and, for zip-based files, the archive; or WorkbookError in plain words."""
    import python_calamine as pc

    file = shown(path)
    data = read_file(path, limits)
    archive = check_container(data, file, limits)
    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(archive.data if archive else data)), archive
    except pc.PasswordError:
        raise WorkbookError("加密的工作簿，请先取消密码", file) from None
    except pc.ZipError:
        raise WorkbookError(DAMAGED_ZIP, file) from None
    except pc.XmlError:
        raise WorkbookError("文件内容已损坏（XML 无法解析）", file) from None
    except Exception:  # calamine raises its own errors for every other kind of damage
        if archive is None:
            raise WorkbookError("文件已损坏，无法读取（.xls 格式有误）", file) from None
        raise WorkbookError("文件已损坏，无法读取工作簿内容", file) from None
    except BaseException as exc:  # the reader panicked (its PanicException is no Exception)
        if type(exc).__name__ == "PanicException":
            raise WorkbookError("文件已损坏（读取器无法解析）", file) from None
        raise


@dataclass
class _Sheet:
    """One sheet's cells as calamine gives them, plus what it cannot show."""

    name: str
    rows: Sequence[Sequence[object]]
    uncached: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    epoch1904: bool = False
    merged_across: set[int] = field(default_factory=set)  # rows holding a merge across several columns

    @property
    def width(self) -> int:
        """Columns to look at: the used range, and any cell calamine leaves out (a formula without a value)."""
        specials = (c + 1 for _, c in (*self.uncached, *self.errors))
        return max(max((len(row) for row in self.rows), default=0), max(specials, default=0))

    def present(self, r: int, c: int) -> bool:
        """Something is in the cell: a value, an error, or a formula whose value was never computed."""
        row = self.rows[r]
        return (c < len(row) and not is_blank(row[c])) or (r, c) in self.uncached or (r, c) in self.errors

    def cell(self, spec: FieldSpec, r: int, c: int, standard: Standard) -> Cell:
        location = f"{self.name}!{column_letter(c)}{r + 1}"
        if (r, c) in self.errors:
            return Cell(
                "error", location, raw=self.errors[(r, c)], expected=_expected(spec, standard), pii=spec.pii
            )
        if (r, c) in self.uncached:
            return Cell("blank", location, expected=UNCACHED, pii=spec.pii)
        row = self.rows[r]
        raw = row[c] if c < len(row) else None
        return make_cell(
            parser_for(spec, standard.yes_words, standard.no_words, self.epoch1904), raw, location, spec.pii
        )


_new_cell = tuple.__new__  # Cell(...) without the generated __new__'s argument handling (a hot path)


MAX_CELL_CHARS = 32_767  # Excel's and WPS's own limit: a longer text was not typed there, and is cut


def make_cell(parse: Callable[[object], object], raw: object, location: str, pii: bool) -> Cell:
    if type(raw) is str and len(raw) > MAX_CELL_CHARS:  # what a cell keeps is bounded (a 10 MB text)
        raw = f"{raw[:MAX_CELL_CHARS]}…（共{len(raw)}字）"
    if raw is None or raw == "" or (isinstance(raw, str) and is_blank(raw)):
        return _new_cell(Cell, ("blank", location, None, None, "", pii))
    try:
        return _new_cell(Cell, ("ok", location, parse(raw), raw, "", pii))
    except ParseError as exc:
        return _new_cell(Cell, ("error", location, None, raw, exc.expected, pii))


MEMO_LIMIT = 20_000  # distinct values remembered per field and process (about 5 MB at most)
_memos: dict[tuple[Callable[[object], object], bool], dict[object, Cell]] = {}
_NO_MEMO = bool(os.environ.get("AUDIT_NO_MEMO"))  # every workbook parsed afresh (to measure the memo's worth)


def _memo(parse: Callable[[object], object], pii: bool) -> dict[object, Cell]:
    """The cells already made by `parse`, kept for the whole batch: the workbooks of one year share most
    of their values (the dates of the year, 是/否, the categories, 2人 ...)."""
    memo = _memos.get((parse, pii))
    if memo is None or len(memo) > MEMO_LIMIT or _NO_MEMO:
        if len(_memos) > 256:  # parsers of many standards in one process
            _memos.clear()
        memo = _memos[(parse, pii)] = {}
    return memo


def parse_column(parse: Callable[[object], object], raws: Sequence[object], pii: bool) -> list[Cell]:
    """One column's values -> cells (location-less), each distinct value parsed once per batch (people
    repeat themselves: the same date, the same answer, the same name, the same category). Parsers are
    pure, so a remembered cell is the cell parsing would make."""
    memo = _memo(parse, pii)
    cells: list[Cell] = []
    append = cells.append
    for raw in raws:
        key = raw if type(raw) is str else (type(raw), raw)  # 1, 1.0 and True are equal but read differently
        cell = memo.get(key)
        if cell is None:
            cell = memo[key] = make_cell(parse, raw, "", pii)
        append(cell)
    return cells


def _expected(spec: FieldSpec, standard: Standard) -> str:
    return expected_text(spec, standard.yes_words, standard.no_words)


def _read_form(spec: SheetSpec, sheet: _Sheet, standard: Standard) -> FormSheet:
    wanted = {normalize_label(f.name): f for f in spec.fields}
    found: dict[str, Cell] = {}
    width = sheet.width
    for r, row in enumerate(sheet.rows):
        for c, raw in enumerate(row):
            if not isinstance(raw, str) or not raw:
                continue
            label = normalize_label(raw)
            field_spec = wanted.get(label)
            if field_spec is None or field_spec.name in found:
                continue
            value_col = _value_column(sheet, r, c + 1, width, label, wanted)
            if value_col is None:
                found[field_spec.name] = Cell(
                    "blank", f"{sheet.name}!{column_letter(c + 1)}{r + 1}", pii=field_spec.pii
                )
            else:
                found[field_spec.name] = sheet.cell(field_spec, r, value_col, standard)
    return FormSheet(spec.name, sheet.name, found)


def _value_column(
    sheet: _Sheet, r: int, start: int, width: int, label: str, wanted: Mapping[str, object]
) -> int | None:
    """The first cell right of a label holding its value. Another declared label is never a value (a row
    with two label/value pairs, one value left blank); the label's own merged copies are passed over."""
    row = sheet.rows[r]
    for k in range(start, width):
        if not sheet.present(r, k):
            continue
        raw = row[k] if k < len(row) else None
        if isinstance(raw, str):
            text = normalize_label(raw)
            if text == label:
                continue
            if text in wanted:
                return None
        return k
    return None


def find_header(
    names: Sequence[str], rows: Sequence[Sequence[object]], required: Sequence[str] = ()
) -> tuple[int, dict[str, int], list[str]]:
    """The header row among the first HEADER_SCAN_ROWS rows: the first row naming the most of `names`
    (compared as normalised labels), and only a row that names every one of `required`.

    Returns the row's 0-based index (-1 when no row qualifies), name -> 0-based column (the first
    column of a name given twice), and the names given more than once.
    """
    wanted = {normalize_label(n): n for n in names}
    best_row, best, duplicates = -1, dict[str, int](), list[str]()
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        repeated: list[str] = []
        for c, raw in enumerate(row):
            if isinstance(raw, str) and raw:
                name = wanted.get(normalize_label(raw))
                if name is None and raw.rstrip()[-1:] in ")）]】":  # a unit or a note in brackets after it
                    name = header_name(raw, wanted)[0]
                if name is None:
                    continue
                if name in columns:
                    repeated.append(name)
                else:
                    columns[name] = c
        if len(columns) > len(best) and (not required or all(n in columns for n in required)):
            best_row, best, duplicates = r, columns, repeated
            if len(best) == len(wanted):  # every column found: no later row can do better
                break
    return best_row, best, duplicates


def _find_header(spec: SheetSpec, rows: Sequence[Sequence[object]]) -> tuple[int, dict[str, int], list[str]]:
    return find_header([f.name for f in spec.fields], rows)


def _second_header_row(
    spec: SheetSpec, rows: Sequence[Sequence[object]], header: int, columns: dict[str, int]
) -> int:
    """A two-row header (a group header above, or the column names split over two rows): columns not found
    in the header row are looked for in the row below, then the row above, where no column is yet. Returns
    the row records start at."""
    missing = [f.name for f in spec.fields if f.name not in columns]
    if not missing:
        return header + 1
    wanted = {normalize_label(n): n for n in missing}
    taken = set(columns.values())
    for other in (header + 1, header - 1):
        if not 0 <= other < len(rows):
            continue
        found: dict[str, int] = {}
        for c, raw in enumerate(rows[other]):
            if c not in taken and isinstance(raw, str) and raw:
                name = header_name(raw, wanted)[0]
                if name is not None and name not in found:
                    found[name] = c
        if found:
            columns.update(found)
            return header + 2 if other == header + 1 else header + 1
    return header + 1


def _below_header(rows: Sequence[Sequence[object]], header: int, start: int, columns: dict[str, int]) -> int:
    """Rows right below the header that only repeat its cells (header cells merged down over a blank row)
    are part of the header."""
    names = rows[header]
    positions = [c for c in columns.values() if c < len(names)]
    while start < len(rows):
        row = rows[start]
        filled = False
        for c in positions:
            value = row[c] if c < len(row) else None
            if value is None or value == "":
                continue
            if value != names[c]:
                return start
            filled = True
        if not filled:
            return start
        start += 1
    return start


def _header_units(spec: SheetSpec, row: Sequence[object], columns: dict[str, int]) -> dict[str, str]:
    """The unit a header names in brackets for a number column (年度次数（次）: 次)."""
    units: dict[str, str] = {}
    for f in spec.fields:
        if f.type not in ("number", "integer"):
            continue
        c = columns.get(f.name)
        text = row[c] if c is not None and c < len(row) else None
        if isinstance(text, str) and text.rstrip()[-1:] in ")）]】":
            unit = header_name(text, {normalize_label(f.name): f.name})[1]
            if unit and len(unit) <= 4 and "/" not in unit:
                units[f.name] = unit
    return units


def _records(
    spec: SheetSpec, sheet: _Sheet, standard: Standard, start: int, columns: dict[str, int]
) -> tuple[list[int], list[tuple[int, str]]]:
    """The rows (0-based) that are records, and the rows with content that are not, with the reason: a footer
    line ends the table; totals and section rows are skipped; a record pasted twice (every cell of the
    table's columns equal) or a repeated value of a column declared unique counts once."""
    words = standard.row_words or DEFAULT_WORDS
    merged = sheet.merged_across
    starts = triggers(words) | BLANK_START
    rows = sheet.rows
    positions = sorted(columns.values())
    special_rows = {k[0] for k in (*sheet.uncached, *sheet.errors)}
    kept: list[int] = []
    skipped: list[tuple[int, str]] = []
    for r in range(start, len(rows)):
        row = rows[r]
        first: object = None
        for c in positions:
            v = row[c] if c < len(row) else None
            if v is not None and v != "" and (type(v) is not str or v.strip()):
                first = v
                break
        else:
            if r in special_rows and any(sheet.present(r, c) for c in positions):
                kept.append(r)
            continue
        if type(first) is str and (first[0] in starts or first[-1] in "月份度" or r in merged):
            values = [v for c in positions if c < len(row) and not is_blank(v := row[c])]
            kind = classify(values, r in merged, words)
            if kind is not None:
                what, text = kind
                shown = text if len(text) <= 20 else text[:20] + "…"
                if what == "footer":
                    skipped.append((r, f"第{r + 1}行“{shown}”是表尾，此行及以下不计为记录"))
                    break
                label = "合计行" if what == "total" else "分段标题行"
                skipped.append((r, f"第{r + 1}行“{shown}”是{label}，不计为记录"))
                continue
        kept.append(r)
    if spec.name not in _counted_sheets(standard):
        return kept, skipped
    return _drop_repeats(spec, rows, kept, skipped, columns, positions)


_counted: dict[int, tuple[Standard, frozenset[str]]] = {}


def _counted_sheets(standard: Standard) -> frozenset[str]:
    """The tables some clause counts rows of (where a record pasted twice must count once); a table only
    asked whether some row exists needs no look for repeats."""
    known = _counted.get(id(standard))
    if known is None or known[0] is not standard:
        sheets = frozenset(
            sheet
            for clause in standard.clauses
            if getattr(clause.check, "COUNTS_ROWS", True)
            for sheet, _ in clause.check.reads()
        )
        if len(_counted) > 16:
            _counted.clear()
        known = _counted[id(standard)] = (standard, sheets)
    return known[1]


def _drop_repeats(
    spec: SheetSpec,
    rows: Sequence[Sequence[object]],
    kept: list[int],
    skipped: list[tuple[int, str]],
    columns: dict[str, int],
    positions: list[int],
) -> tuple[list[int], list[tuple[int, str]]]:
    """A record pasted twice (every cell of the table's columns equal, two or more filled) or a repeated
    value of a column declared unique counts once. Tables without any repeat (nearly all) cost two sets."""
    unique = [(f.name, columns[f.name]) for f in spec.fields if f.unique and f.name in columns]
    # with a unique column, a pasted record repeats its key: no need to compare whole rows
    pick = itemgetter(*positions) if len(positions) > 1 and not unique else None

    picked: list[tuple[object, ...]] = []
    if pick is not None:
        try:  # calamine's rows all have the sheet's width
            picked = list(map(pick, map(rows.__getitem__, kept)))
        except IndexError:
            picked = [tuple(rows[r][c] if c < len(rows[r]) else None for c in positions) for r in kept]
    repeats = len(set(picked)) < len(picked)
    clashes = any(_has_repeats(rows, kept, c) for _, c in unique)
    if not (repeats or clashes):
        return kept, skipped
    seen: dict[tuple[object, ...], int] = {}
    keys: dict[tuple[str, object], int] = {}
    records: list[int] = []
    for i, r in enumerate(kept):
        if repeats:
            cells = picked[i]
            repeat = seen.get(cells)
            if repeat is not None and sum(not is_blank(v) for v in cells) >= 2:
                skipped.append((r, f"第{r + 1}行与第{repeat + 1}行重复，只计一次"))
                continue
            seen.setdefault(cells, r)
        if clashes and (clash := _repeated_key(rows[r], unique, keys, r)) is not None:
            name, other = clash
            same = all(_cell(rows[r], c) == _cell(rows[other], c) for c in positions)
            if same:
                skipped.append((r, f"第{r + 1}行与第{other + 1}行重复，只计一次"))
            else:
                skipped.append((r, f"第{r + 1}行的{name}与第{other + 1}行相同，只计一次"))
            continue
        records.append(r)
    return records, skipped


def _cell(row: Sequence[object], c: int) -> object:
    return row[c] if c < len(row) else None


def _has_repeats(rows: Sequence[Sequence[object]], kept: list[int], c: int) -> bool:
    values = [v for r in kept if c < len(rows[r]) and (v := rows[r][c]) is not None and v != ""]
    return len({v.strip() if type(v) is str else v for v in values}) < len(values)


def _repeated_key(
    row: Sequence[object], unique: list[tuple[str, int]], keys: dict[tuple[str, object], int], r: int
) -> tuple[str, int] | None:
    """The first unique column whose value an earlier row had (its name and that row); else None, and the
    row's values are remembered."""
    found = []
    for name, c in unique:
        value = row[c] if c < len(row) else None
        if is_blank(value):
            continue
        key = (name, value.strip() if isinstance(value, str) else value)
        if key in keys:
            return name, keys[key]
        found.append(key)
    for key in found:
        keys[key] = r
    return None


def _read_table(spec: SheetSpec, sheet: _Sheet, standard: Standard, warnings: list[str]) -> TableSheet:
    header, columns, duplicates = _find_header(spec, sheet.rows)
    if header < 0:
        return TableSheet(spec.name, sheet.name, 0, {})
    start = _below_header(sheet.rows, header, _second_header_row(spec, sheet.rows, header, columns), columns)
    table = TableSheet(spec.name, sheet.name, header + 1, {n: column_letter(c) for n, c in columns.items()})
    for name in dict.fromkeys(duplicates):
        warnings.append(f"{sheet.name}: 表头“{name}”出现多次，使用第 {table.columns[name]} 列")
    kept, skipped = _records(spec, sheet, standard, start, columns)
    table.numbers = [r + 1 for r in kept]
    table.skipped = [(r + 1, why) for r, why in sorted(skipped)]
    needed = standard.needed_columns(spec.name)
    units = _header_units(spec, sheet.rows[header], columns)
    rows = sheet.rows
    special_rows = bool(sheet.uncached or sheet.errors)
    for f in spec.fields:
        if f.name not in columns or f.name not in needed:
            continue
        c = columns[f.name]
        raws = [rows[r][c] if c < len(rows[r]) else None for r in kept]
        typed = dataclasses.replace(f, units=(*f.units, units[f.name])) if f.name in units else f
        parse = parser_for(typed, standard.yes_words, standard.no_words, sheet.epoch1904)
        cells = parse_column(parse, raws, f.pii)
        if special_rows:
            for i, r in enumerate(kept):
                if (r, c) in sheet.errors or (r, c) in sheet.uncached:
                    cells[i] = sheet.cell(f, r, c, standard)
        table.cells[f.name] = cells
    return table


def _sheet_rows(sheet: Any, name: str, file: str, limits: Limits) -> list[list[object]]:
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


def _spread(
    calamine_sheet: Any, rows: list[list[object]], ods: list[tuple[tuple[int, int], tuple[int, int]]]
) -> set[int]:
    """Merged ranges give their value to every cell they cover (tables and forms alike). python-calamine
    reports them for .xlsx and .xls; for .ods they come from the file's content.xml."""
    try:
        ranges = calamine_sheet.merged_cell_ranges or ods
    except Exception:  # a format or version without merge information: nothing to spread
        ranges = ods
    return spread_merges(rows, ranges) if ranges else set()


def read_workbook(path: Path, standard: Standard, limits: Limits = DEFAULT_LIMITS) -> Evidence:
    """Read every sheet the standard declares. Raises WorkbookError only when the file is unreadable."""
    workbook, archive = open_with_archive(path, limits)
    evidence = Evidence(str(path))
    try:
        names = {normalize_label(n): n for n in reversed(workbook.sheet_names)}
        chosen = {spec.name: names.get(normalize_label(spec.name)) for spec in standard.layout}
        specials = Specials()
        ods_ranges: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
        if archive is not None:
            specials = scan_specials(archive, {n for n in chosen.values() if n})
            if b"opendocument.spreadsheet" in archive.data[:256]:  # .ods: its mimetype member comes first
                ods_ranges = ods_merges(archive.data)
        for spec in standard.layout:
            actual = chosen[spec.name]
            if actual is None:
                continue
            try:
                calamine_sheet = workbook.get_sheet_by_name(actual)
                rows = _sheet_rows(calamine_sheet, actual, str(path), limits)
            except WorkbookError:
                raise
            except Exception:  # a damaged sheet: the file is unreadable
                raise WorkbookError(f"工作表“{actual}”已损坏或缺失，无法读取", str(path)) from None
            sheet = _Sheet(
                actual,
                rows,
                specials.uncached.get(actual, set()),
                specials.errors.get(actual, {}),
                specials.date1904,
                _spread(calamine_sheet, rows, ods_ranges.get(actual, [])),
            )
            for r, c in sorted(sheet.uncached):
                evidence.warnings.append(f"{actual}!{column_letter(c)}{r + 1}: {UNCACHED}")
            if spec.kind == "form":
                evidence.forms[spec.name] = _read_form(spec, sheet, standard)
            else:
                table = _read_table(spec, sheet, standard, evidence.warnings)
                if table.header_row == 0 and rows:
                    evidence.warnings.append(
                        f"{actual}: 未找到表头行（{'、'.join(f.name for f in spec.fields)}）"
                    )
                evidence.tables[spec.name] = table
    finally:
        workbook.close()
    return evidence

"""Workbook file -> :class:`Evidence`, guided by the standard's declared layout.

Read with python-calamine from the file's bytes (so a workbook with the wrong extension
is read by its content). Forms: each declared label is looked for anywhere in the sheet
(after normalisation) and its value is the first non-empty cell to its right. Tables: the
header row is the row, among the first rows, matching the most declared column headers;
columns are found by header text in any order; blank rows are skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from auditor.errors import WorkbookError, shown
from auditor.standard.model import FieldSpec, SheetSpec, Standard
from auditor.workbook.blocks import SideBySide, join, join_sheets, side_by_side
from auditor.workbook.cells import ditto_marks, dittos_seen, parse_column, parse_fresh, text_column, text_of
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
from auditor.workbook.evidence import Cell, Evidence, TableSheet
from auditor.workbook.form import read_form
from auditor.workbook.grid import grid_layout, read_grid
from auditor.workbook.grid import said as grid_said
from auditor.workbook.ledger import DEFAULT_DITTO, header_name, label_words, resolve_ditto
from auditor.workbook.loading import hidden_sheets, load_sheet
from auditor.workbook.ods import ods_merges
from auditor.workbook.parsers import parser_for
from auditor.workbook.rows import (
    REPEATED_HEADER,
    below_header,
    group_columns,
    header_units,
    records,
    second_header_row,
)
from auditor.workbook.sameday import read_same_day
from auditor.workbook.several import split_rows
from auditor.workbook.sheet import HEADER_MEMO_LIMIT, UNCACHED, Sheet, column_letter, parser_of, vocabulary
from auditor.workbook.sheetnames import all_parts, by_year, match_shown, merged_said, parts_of
from auditor.workbook.stacked import of_year
from auditor.workbook.texts import parser_of_texts
from auditor.workbook.ticks import tick_columns, tick_values
from auditor.workbook.values import normalize_label
from auditor.workbook.weekly import said, spread_week, week_layout

HEADER_SCAN_ROWS = 30

__all__ = ["DEFAULT_LIMITS", "Limits", "column_letter", "find_header", "open_workbook", "read_workbook"]


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


_UNSEEN: Any = object()
_headers: dict[
    tuple[tuple[str, ...], tuple[tuple[str, str], ...]], tuple[dict[str, str], dict[str, str | None]]
] = {}


def _header_words(
    names: tuple[str, ...], aliases: tuple[tuple[str, str], ...]
) -> tuple[dict[str, str], dict[str, str | None]]:
    """A table's column names by their normalised label (and by their aliases), and the column each text
    seen in the first rows names (None: none), remembered for the batch (its workbooks share their headers
    and first rows)."""
    known = _headers.get((names, aliases))
    if known is None:
        if len(_headers) > 256:  # tables of many standards in one process
            _headers.clear()
        known = _headers[(names, aliases)] = (label_words(names, aliases), {})
    return known


def find_header(
    names: Sequence[str],
    rows: Sequence[Sequence[object]],
    required: Sequence[str] = (),
    merged: AbstractSet[int] = frozenset(),
    aliases: tuple[tuple[str, str], ...] = (),
) -> tuple[int, dict[str, int], list[str]]:
    """The header row among the first HEADER_SCAN_ROWS rows: the first row naming the most of `names`
    (compared as normalised labels), and only a row that names every one of `required`.

    Returns the row's 0-based index (-1 when no row qualifies), name -> 0-based column (the first
    column of a name given twice), and the names given more than once (not the copies a merge across
    columns leaves in the rows `merged`).
    """
    wanted, named = _header_words(tuple(names), aliases)
    best_row, best, duplicates = -1, dict[str, int](), list[str]()
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        repeated: list[str] = []
        for c, raw in enumerate(row):
            if isinstance(raw, str) and raw:
                name = named.get(raw, _UNSEEN)
                if name is _UNSEEN:
                    name = wanted.get(normalize_label(raw))
                    if (
                        name is None and raw.rstrip()[-1:] in ")）]】"
                    ):  # a unit or a note in brackets after it
                        name = header_name(raw, wanted)[0]
                    if len(named) < HEADER_MEMO_LIMIT:
                        named[raw] = name
                if name is None:
                    continue
                if name not in columns:
                    columns[name] = c
                elif aliases and _by_name(raw, name) and not _by_name(row[columns[name]], name):
                    columns[name] = c  # the column's own name wins over an alias of it
                elif r not in merged or row[c - 1] != raw:
                    repeated.append(name)
        if len(columns) > len(best) and (not required or all(n in columns for n in required)):
            best_row, best, duplicates = r, columns, repeated
            if len(best) == len(names):  # every column found: no later row can do better
                break
    return best_row, best, duplicates


def _by_name(text: object, name: str) -> bool:
    """A header cell names the column by its own name (not an alias), with or without a unit or note."""
    return isinstance(text, str) and header_name(text, {normalize_label(name): name})[0] == name


def _find_header(spec: SheetSpec, sheet: Sheet) -> tuple[int, dict[str, int], list[str]]:
    aliases = tuple((alias, f.name) for f in spec.fields for alias in f.aliases)
    return find_header([f.name for f in spec.fields], sheet.rows, merged=sheet.merged_across, aliases=aliases)


def _read_table(
    spec: SheetSpec,
    sheet: Sheet,
    standard: Standard,
    warnings: list[str],
    later: list[SideBySide],
    year: int | None = None,
) -> TableSheet:
    header, columns, duplicates = _find_header(spec, sheet)
    needed = standard.needed_columns(spec.name)
    if header < 0 or not needed <= columns.keys():  # a column some clause reads is not in the header
        grid = grid_layout(spec, sheet.rows, needed)  # a grid of the year: a row a day, a column a month
        if grid is not None:
            table = read_grid(
                spec, grid, sheet.rows, sheet.name, lambda n: _parser(spec, n, standard, sheet), column_letter
            )
            warnings.append(grid_said(grid, sheet.name, table, column_letter))
            return table
    if header < 0:
        return TableSheet(spec.name, sheet.name, 0, {})
    # the header typed again to the right: each block is read, and chosen among once the year is known
    blocks = side_by_side(_header_cells(spec, sheet, header)) if duplicates else None
    if blocks is not None:
        parts = [_read_block(spec, sheet, standard, header, block, warnings) for block in blocks]
        later.append(SideBySide(spec, parts, len(warnings)))
        warnings.append("")  # said where the header's warnings are, once the blocks are chosen
        return join(parts)
    table = _read_block(spec, sheet, standard, header, columns, warnings, year=year)
    for name in dict.fromkeys(duplicates):
        warnings.append(f"{sheet.name}: 表头“{name}”出现多次，使用第 {table.columns[name]} 列")
    return table


def _header_cells(spec: SheetSpec, sheet: Sheet, header: int) -> list[tuple[int, str]]:
    """(column, declared name) of every header cell naming a column, left to right (not the copies a merge
    across columns leaves)."""
    aliases = tuple((alias, f.name) for f in spec.fields for alias in f.aliases)
    wanted, _ = _header_words(tuple(f.name for f in spec.fields), aliases)
    row = sheet.rows[header]
    merged = header in sheet.merged_across
    found = []
    for c, raw in enumerate(row):
        if isinstance(raw, str) and raw and not (merged and c and row[c - 1] == raw):
            name = header_name(raw, wanted)[0]
            if name is not None:
                found.append((c, name))
    return found


def _read_block(
    spec: SheetSpec,
    sheet: Sheet,
    standard: Standard,
    header: int,
    columns: dict[str, int],
    warnings: list[str],
    ditto: bool = True,
    year: int | None = None,
) -> TableSheet:
    """The table whose header is row `header`, its columns at `columns`. `ditto`: a cell typed 同上 (a ditto
    word of the standard) is looked for; the table is read again with each such cell given the value above."""
    rows = sheet.rows
    dittos, said_at = dittos_seen(), len(warnings)
    start = second_header_row(spec, rows, header, columns)
    week = week_layout(spec, rows, header, columns)
    if week is not None:
        warnings.append(said(week, sheet.name, rows, columns))
        start = max(start, week.header + 1)
        week = week if week.date is not None else None
    start = below_header(rows, header, start, columns)
    table = TableSheet(spec.name, sheet.name, header + 1, {n: column_letter(c) for n, c in columns.items()})
    ticks = tick_columns(spec, rows[header], columns)  # an enumeration typed as a tick per value
    seen = {**columns, **{f"{n}\0{c}": c for n, hits in ticks.items() for _, c in hits}} if ticks else columns
    for name, hits in ticks.items():
        table.columns[name] = column_letter(hits[0][1])
    kept, skipped = records(spec, sheet, standard, header, start, seen)
    repeats = [r for r, why in skipped if why.endswith(REPEATED_HEADER)]
    if repeats and year is not None:  # tables of several years stacked: the audit year's
        kept, others = of_year(rows, header, repeats, kept, year, sheet.name)
        warnings.extend(others)
    kept_rows = [rows[r] for r in kept]
    if any(f.unique or f.type == "date" for f in spec.fields):  # several names or days in a cell: a row each
        kept, kept_rows, split = split_rows(spec, sheet.name, columns, kept, kept_rows)
        warnings.extend(split)
    table.numbers = [r + 1 for r in kept]
    table.skipped = [(r + 1, why) for r, why in sorted(skipped)]
    batches = group_columns(sheet.rows[header], columns)
    if batches:
        plain = parser_of_texts(standard)
        table.batches = [
            "|".join(text_of(row[c] if c < len(row) else None, False, plain) for c in batches)
            for row in map(sheet.rows.__getitem__, kept)
        ]
    needed = standard.needed_columns(spec.name)
    units = header_units(spec, rows[header], columns)
    special_rows = bool(sheet.uncached or sheet.errors)
    keyed = standard.keyed_columns.get(spec.name, frozenset())
    text_only = standard.text_only.get(spec.name, frozenset())
    day_cells: list[list[Cell]] | None = None
    for f in spec.fields:
        if f.name in ticks and f.name in needed:
            raws = tick_values(rows, kept, ticks[f.name])
            table.cells[f.name] = parse_column(parser_of(f, standard, sheet.epoch1904), raws, f.pii, False)
            continue
        if f.name not in columns or f.name not in needed:
            continue
        c = columns[f.name]
        by_day = week is not None and f.name == week.field
        if f.name in text_only and not by_day and not (special_rows and _special_column(sheet, kept, c)):
            # a column only the records compared across centers read: its texts, no cells
            words = parser_of_texts(standard)
            table.texts[f.name] = text_column(_column_values(kept_rows, c), f.pii, words)
            continue
        if f.name in units:  # the unit the header names (a new field each time: not remembered by identity)
            typed = dataclasses.replace(f, units=(*f.units, units[f.name]))
            parse = parser_for(
                typed, standard.yes_words, standard.no_words, sheet.epoch1904, *vocabulary(standard)
            )
        else:
            parse = parser_of(f, standard, sheet.epoch1904)
        texts = f.name in keyed  # a column the 疑点 read: its cells with their texts, and the texts
        if by_day and week is not None:
            day_cells = [
                _cells(f, parse, sheet, standard, kept, kept_rows, day, texts) for day, _ in week.days
            ]
        cells = (
            day_cells[0]
            if by_day and day_cells
            else _cells(f, parse, sheet, standard, kept, kept_rows, c, texts)
        )
        table.cells[f.name] = cells
        if texts:  # every cell made with its text
            table.texts[f.name] = cast("list[str]", list(map(_TEXT, cells)))
    if spec.same_day:  # 当日办结 typed where the day is asked: the day of another date of the row
        warnings.extend(read_same_day(spec, table, keyed))
    if week is not None:
        present = [[sheet.present(r, c) for r in kept] for c, _ in week.days]
        spread_week(table, week, kept, present, day_cells, [column_letter(c) for c, _ in week.days])
    if ditto and dittos_seen() != dittos:  # a cell made of 同上 (nearly never): each takes the value above
        changed = resolve_ditto(
            cast("list[list[object]]", rows),
            start,
            columns.values(),
            _ditto_words(standard),
            sheet.merged_across,
        )
        if changed:
            del warnings[said_at:]  # said again by the second reading, after the cells so read
            warnings.append(ditto_said(sheet.name, changed))
            return _read_block(spec, sheet, standard, header, columns, warnings, False, year)
    return table


def _ditto_words(standard: Standard) -> tuple[str, ...]:
    return standard.ditto_words if standard.ditto_words is not None else DEFAULT_DITTO


def _parser(spec: SheetSpec, name: str, standard: Standard, sheet: Sheet) -> Callable[[object], object]:
    field = spec.field(name)
    assert field is not None
    return parser_of(field, standard, sheet.epoch1904)


def ditto_said(sheet: str, changed: Sequence[tuple[int, int, str]]) -> str:
    """The warning naming the cells read as the value above them (the first ten, then how many)."""
    marks = "、".join(f"“{m}”" for m in dict.fromkeys(m for _, _, m in changed))
    cells = "、".join(f"{column_letter(c)}{r + 1}" for r, c, _ in changed[:10])
    more = f" 等共{len(changed)}处" if len(changed) > 10 else ""
    return f"{sheet}: {marks}按上一行同列的值读取：{cells}{more}"


def _cells(
    f: FieldSpec,
    parse: Callable[[object], object],
    sheet: Sheet,
    standard: Standard,
    kept: Sequence[int],
    kept_rows: Sequence[Sequence[object]],
    c: int,
    texts: bool,
) -> list[Cell]:
    """Column `c` of the kept rows parsed as `f`."""
    parsing = parse_fresh if f.unique or f.pii else parse_column
    cells = parsing(parse, _column_values(kept_rows, c), f.pii, texts)
    if sheet.uncached or sheet.errors:
        for i, r in enumerate(kept):
            if (r, c) in sheet.errors or (r, c) in sheet.uncached:
                cells[i] = sheet.cell(f, r, c, standard, texts)
    return cells


_TEXT = itemgetter(6)  # Cell.text


def _column_values(rows: Sequence[Sequence[object]], c: int) -> list[object]:
    """Column `c` of the rows (None beyond a row's end)."""
    try:  # calamine's rows all have the sheet's width
        return list(map(itemgetter(c), rows))
    except IndexError:
        return [row[c] if c < len(row) else None for row in rows]


def _special_column(sheet: Sheet, kept: Sequence[int], c: int) -> bool:
    """A kept row's cell in column `c` is an error or a formula without its value."""
    return any((r, c) in sheet.errors or (r, c) in sheet.uncached for r in kept)


def read_workbook(
    path: Path, standard: Standard, limits: Limits = DEFAULT_LIMITS, year: int | None = None
) -> Evidence:
    """Read every sheet the standard declares. Raises WorkbookError only when the file is unreadable.
    `year`: the audit year when the run gives it (else the workbook's own), for tables side by side."""
    workbook, archive = open_with_archive(path, limits)
    evidence = Evidence(str(path))
    later: list[SideBySide] = []
    try:
        ambiguous: dict[str, list[str]] = {}
        declared = [spec.name for spec in standard.layout]
        hidden = hidden_sheets(workbook)
        chosen, renamed = match_shown(declared, workbook.sheet_names, hidden, ambiguous)
        evidence.warnings.extend(renamed)  # a sheet read under a name not its own: said first
        more = parts_of(
            standard.layout, chosen, ambiguous, [s for s in workbook.sheet_names if s not in hidden]
        )
        specials = Specials()
        ods_ranges: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
        ditto_marks(_ditto_words(standard))
        if archive is not None:
            read = {n for n in chosen.values() if n} | {
                s for c in (*ambiguous.values(), *more.values()) for s in c
            }
            specials = scan_specials(archive, read)
            if b"opendocument.spreadsheet" in archive.data[:256]:  # .ods: its mimetype member comes first
                ods_ranges = ods_merges(archive.data)
        layout = standard.layout
        if ambiguous:  # two sheets could be one declared sheet: the forms first, for the workbook's year
            layout = tuple(sorted(layout, key=lambda spec: spec.kind != "form"))
        for spec in layout:
            if spec.name in ambiguous:
                candidates = ambiguous[spec.name]
                chosen[spec.name], said = by_year(spec.name, candidates, _own_year(standard, evidence))
                if chosen[spec.name] is None and spec.kind != "form" and all_parts(spec.name, candidates):
                    chosen[spec.name], more[spec.name] = (
                        candidates[0],
                        candidates[1:],
                    )  # （1）（2）: one table
                else:
                    evidence.warnings.append(said)
            actual = chosen[spec.name]
            if actual is None:
                continue
            sheet = load_sheet(workbook, actual, path, limits, specials, ods_ranges)
            for r, c in sorted(sheet.uncached):
                evidence.warnings.append(f"{actual}!{column_letter(c)}{r + 1}: {UNCACHED}")
            if spec.kind == "form":
                evidence.forms[spec.name] = read_form(spec, sheet, standard, evidence.warnings)
                continue
            audit_year = year if year is not None else _own_year(standard, evidence)
            tables = []
            for name in (actual, *more.get(spec.name, ())):  # the sheet, and the sheets continuing it
                sheet = (
                    sheet
                    if name == actual
                    else load_sheet(workbook, name, path, limits, specials, ods_ranges)
                )
                table = _read_table(spec, sheet, standard, evidence.warnings, later, audit_year)
                if name != actual and later and later[-1].spec is spec:  # side by side on a 续表: now
                    blocks = later.pop()
                    table, evidence.warnings[blocks.at] = blocks.choose(audit_year)
                if table.header_row == 0 and sheet.rows:
                    evidence.warnings.append(
                        f"{name}: 未找到表头行（{'、'.join(f.name for f in spec.fields)}）"
                    )
                tables.append(table)
            if len(tables) > 1:
                if later and later[-1].spec is spec:  # the first sheet's blocks side by side: chosen now
                    blocks = later.pop()
                    tables[0], evidence.warnings[blocks.at] = blocks.choose(audit_year)
                evidence.warnings.append(merged_said(spec.name, [t.actual_name for t in tables]))
                table = join_sheets([t for t in tables if t.header_row] or tables[:1])
            evidence.tables[spec.name] = table
    finally:
        workbook.close()
    if later:  # tables side by side: the blocks of the audit year
        year = year if year is not None else _own_year(standard, evidence)
        for blocks in later:
            evidence.tables[blocks.spec.name], evidence.warnings[blocks.at] = blocks.choose(year)
    return evidence


def _own_year(standard: Standard, evidence: Evidence) -> int | None:
    """The year the workbook gives itself in its forms read so far (its year field, else its date's)."""
    center = standard.center
    for name in (center.year, center.date):
        cell = evidence.form_cell(center.sheet, name) if name else None
        if cell is not None and cell.ok:
            value = cell.value
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if isinstance(value, dt.date):
                return value.year
    return None

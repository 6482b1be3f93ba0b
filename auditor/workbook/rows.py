"""Which rows of a table are records: the header's second row, header cells merged down, footers, totals,
section rows and repeated records (the vocabulary and patterns are in :mod:`auditor.workbook.ledger`)."""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Protocol

from auditor.standard.model import RowWords, SheetSpec, Standard
from auditor.workbook.ledger import (
    DEFAULT_WORDS,
    classify,
    field_words,
    header_name,
    is_group_header,
    is_remark_header,
    triggers,
    voided,
)
from auditor.workbook.texts import TextParser, parser_of_texts
from auditor.workbook.values import is_blank, normalize_label

REPEATED_HEADER = "重复了表头，不计为记录"
# how a value ends that may be a row's heading (1月份, 第一季度, 2018年, 馆员名单：): looked at closely
_ENDS = "月份度年:："


class SheetCells(Protocol):
    """A sheet as the reader holds it."""

    rows: Sequence[Sequence[object]]
    uncached: set[tuple[int, int]]
    errors: dict[tuple[int, int], str]
    merged_across: set[int]

    def present(self, r: int, c: int) -> bool: ...


def second_header_row(
    spec: SheetSpec, rows: Sequence[Sequence[object]], header: int, columns: dict[str, int]
) -> int:
    """A two-row header (a group header above, or the column names split over two rows): columns not found
    in the header row are looked for in the row below, then the row above, where no column is yet. Returns
    the row records start at."""
    missing = [f for f in spec.fields if f.name not in columns]
    if not missing:
        return header + 1
    wanted = field_words(missing)
    taken = set(columns.values())
    for other in (header + 1, header - 1):
        if not 0 <= other < len(rows):
            continue
        found: dict[str, int] = {}
        for c, raw in enumerate(rows[other]):
            if c in taken or not isinstance(raw, str) or not raw:
                continue
            name = wanted.get(normalize_label(raw))
            if name is None and raw.rstrip()[-1:] in ")）]】":
                name = header_name(raw, wanted)[0]
            if name is not None and name not in found:
                found[name] = c
        if found:
            columns.update(found)
            return header + 2 if other == header + 1 else header + 1
    return header + 1


def below_header(rows: Sequence[Sequence[object]], header: int, start: int, columns: dict[str, int]) -> int:
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


def header_units(spec: SheetSpec, row: Sequence[object], columns: dict[str, int]) -> dict[str, str]:
    """The unit a header names in brackets for a number column (年度次数（次）: 次)."""
    units: dict[str, str] = {}
    for f in spec.fields:
        if f.type not in ("number", "integer"):
            continue
        c = columns.get(f.name)
        text = row[c] if c is not None and c < len(row) else None
        if isinstance(text, str) and text.rstrip()[-1:] in ")）]】":
            unit = header_name(text, field_words((f,)))[1]
            if unit and len(unit) <= 4 and "/" not in unit:
                units[f.name] = unit
    return units


def records(
    spec: SheetSpec, sheet: SheetCells, standard: Standard, header: int, start: int, columns: dict[str, int]
) -> tuple[list[int], list[tuple[int, str]]]:
    """The rows (0-based) that are records, and the rows with content that are not, with the reason: a footer
    line ends the table; totals, section rows and the header repeated (a block pasted with its header, a
    table over several pages) are skipped; a record pasted twice (every cell of the table's columns equal)
    or a repeated value of a column declared unique counts once."""
    words = standard.row_words or DEFAULT_WORDS
    merged = sheet.merged_across
    starts = triggers(words)
    rows = sheet.rows
    positions = sorted(columns.values())
    special_rows = {k[0] for k in (*sheet.uncached, *sheet.errors)}
    names = rows[header]
    titles: set[object] = {t for c in positions if c < len(names) and isinstance(t := names[c], str)}
    spaced = {normalize_label(t) for t in titles if isinstance(t, str)}  # the header typed again: 馆  员
    titles |= spaced
    kept: list[int] = []
    skipped: list[tuple[int, str]] = []
    lead = positions[0] if positions else -1
    for r in range(start, len(rows)):
        row = rows[r]
        # the fast path, nearly every row: the first column holds a number or a date, or a text no row that is
        # not a record starts with (the same verdict as the full look below, which it would begin with)
        v = row[lead] if 0 <= lead < len(row) else None
        if v is not None:
            if type(v) is not str:
                kept.append(r)
                continue
            if v.strip() and not (v[0] in starts or v[-1] in _ENDS or r in merged or v in titles or " " in v):
                kept.append(r)
                continue
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
        title = type(first) is str and (first in titles or normalize_label(first) in spaced)
        if type(first) is not str or not (first[0] in starts or first[-1] in _ENDS or r in merged or title):
            kept.append(r)  # nearly every row: a record (the look below is for rows that may not be)
            continue
        if title and _repeats_header(row, names, positions):
            skipped.append((r, f"第{r + 1}行{REPEATED_HEADER}"))
            continue
        if first[0] in starts or first[-1] in _ENDS or r in merged:
            values = [v for c in positions if c < len(row) and not is_blank(v := row[c])]
            kind = classify(values, r in merged, words)
            if kind is not None:
                what, text = kind
                shown = text if len(text) <= 20 else text[:20] + "…"
                if what == "footer" and not _records_go_on(rows, r + 1, positions, names, words):
                    skipped.append((r, f"第{r + 1}行“{shown}”是表尾，此行及以下不计为记录"))
                    break
                if what == "footer":  # a signature at the end of a page, and the records go on below it
                    skipped.append((r, f"第{r + 1}行“{shown}”是表中的签字行，不计为记录"))
                    continue
                label = "合计行" if what == "total" else "分段标题行"
                skipped.append((r, f"第{r + 1}行“{shown}”是{label}，不计为记录"))
                continue
        kept.append(r)
    remarks = [c for c, name in enumerate(names) if type(name) is str and is_remark_header(name)]
    if remarks:  # a record its remark marks void (作废, 已取消) is none
        kept = _not_void(rows, kept, skipped, remarks)
    if spec.name not in _counted_sheets(standard):
        return kept, skipped
    groups = group_columns(names, columns)
    positions = sorted([*positions, *groups])
    return _drop_repeats(spec, rows, kept, skipped, columns, positions, parser_of_texts(standard), groups)


def group_columns(names: Sequence[object], columns: dict[str, int]) -> list[int]:
    """Columns the standard does not declare whose header names a batch (批次, 场次): a key declared unique
    is unique within its batch, and a record is the same only in the same batch."""
    if not any(type(name) is str and is_group_header(name) for name in names):
        return []
    declared = set(columns.values())
    return [c for c, n in enumerate(names) if c not in declared and type(n) is str and is_group_header(n)]


def _not_void(
    rows: Sequence[Sequence[object]], kept: list[int], skipped: list[tuple[int, str]], remarks: list[int]
) -> list[int]:
    texts = {row[c] for row in map(rows.__getitem__, kept) for c in remarks if c < len(row)}
    if not any(voided(text) is not None for text in texts if type(text) is str and text):
        return kept  # no remark voids a record (nearly always): each distinct remark looked at once
    records: list[int] = []
    for r in kept:
        row = rows[r]
        mark = next((m for c in remarks if c < len(row) and (m := voided(row[c])) is not None), None)
        if mark is None:
            records.append(r)
        else:
            skipped.append((r, f"第{r + 1}行注明“{mark}”，不计为记录"))
    return records


def _same(value: object, name: object) -> bool:
    """A cell holds its header's text, also with other blanks (馆  员 for 馆员)."""
    if value == name:
        return True
    return type(value) is str and type(name) is str and normalize_label(value) == normalize_label(name)


def _records_go_on(
    rows: Sequence[Sequence[object]],
    start: int,
    positions: list[int],
    names: Sequence[object],
    words: RowWords,
) -> bool:
    """Below a footer line (填表人：…, 经办人：… 审核人：…), three rows or more holding two of the table's cells
    each come before any title or header: the line was signed at the end of a page and the table goes on.
    A date of filling in, a second signature, a title, the header of another table: the table ended."""
    found = 0
    for row in rows[start:]:
        values = [v for c in positions if c < len(row) and not is_blank(v := row[c])]
        if (len(values) == 1 and type(values[0]) is str) or _repeats_header(row, names, positions):
            return False  # a title or another table's header: what follows is not this table
        if len(values) >= 2 and classify(values, False, words) is None:
            found += 1
            if found >= 3:
                return True
    return False


def _repeats_header(row: Sequence[object], names: Sequence[object], positions: list[int]) -> bool:
    """At least half of the table's columns hold their header's text."""
    same = sum(1 for c in positions if c < len(row) and c < len(names) and row[c] and _same(row[c], names[c]))
    return 2 * same >= len(positions)


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
    words: TextParser,
    groups: Sequence[int] = (),
) -> tuple[list[int], list[tuple[int, str]]]:
    """A record pasted twice (every cell of the table's columns equal, two or more filled) or a repeated
    value of a column declared unique counts once (a text standing for nothing, 无 or /, is no value: two
    rows holding it are not one). Tables without any repeat (nearly all) cost two sets."""
    unique = [(f.name, columns[f.name]) for f in spec.fields if f.unique and f.name in columns]
    texts = {f.name for f in spec.fields if f.unique and f.type == "text"}
    # with a unique column, a pasted record repeats its key: no need to compare whole rows
    pick = itemgetter(*positions) if len(positions) > 1 and not unique else None

    picked: list[tuple[object, ...]] = []
    if pick is not None:
        try:  # calamine's rows all have the sheet's width
            picked = list(map(pick, map(rows.__getitem__, kept)))
        except IndexError:
            picked = [tuple(rows[r][c] if c < len(rows[r]) else None for c in positions) for r in kept]
    repeats = len(set(picked)) < len(picked)
    clashes = any(_has_repeats(rows, kept, c, groups) for _, c in unique)
    if not (repeats or clashes):
        return kept, skipped
    seen: dict[tuple[object, ...], int] = {}
    keys: dict[tuple[object, ...], int] = {}
    records: list[int] = []
    for i, r in enumerate(kept):
        if repeats:
            cells = picked[i]
            repeat = seen.get(cells)
            if repeat is not None and sum(not is_blank(v) for v in cells) >= 2:
                skipped.append((r, f"第{r + 1}行与第{repeat + 1}行重复，只计一次"))
                continue
            seen.setdefault(cells, r)
        if clashes and (clash := _repeated_key(rows[r], unique, keys, r, texts, words, groups)) is not None:
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


def _has_repeats(
    rows: Sequence[Sequence[object]], kept: list[int], c: int, groups: Sequence[int] = ()
) -> bool:
    if groups:  # a key is repeated only within its batch
        batched = [k for r in kept if (k := _batch_key(rows[r], c, groups)) is not None]
        return len(set(batched)) < len(batched)
    try:  # calamine's rows all have the sheet's width
        values = list(map(itemgetter(c), map(rows.__getitem__, kept)))
    except IndexError:
        values = [rows[r][c] if c < len(rows[r]) else None for r in kept]
    distinct = set(values)
    distinct.discard(None)
    distinct.discard("")
    filled = len(values) - values.count(None) - values.count("")
    if len(distinct) < filled:  # a value repeated as it is
        return True
    return len({v.strip() if type(v) is str else v for v in distinct}) < filled


def _batch_key(row: Sequence[object], c: int, groups: Sequence[int]) -> tuple[object, ...] | None:
    """A unique column's value with the row's batch (None where the value is blank)."""
    value = _cell(row, c)
    if is_blank(value):
        return None
    batch = tuple(v.strip() if isinstance(v := _cell(row, g), str) else v for g in groups)
    return (*batch, value.strip() if isinstance(value, str) else value)


def _repeated_key(
    row: Sequence[object],
    unique: list[tuple[str, int]],
    keys: dict[tuple[object, ...], int],
    r: int,
    texts: set[str],
    words: TextParser,
    groups: Sequence[int] = (),
) -> tuple[str, int] | None:
    """The first unique column whose value an earlier row had (its name and that row); else None, and the
    row's values are remembered. A value of a text column (`texts`) standing for nothing is none."""
    found = []
    for name, c in unique:
        value = row[c] if c < len(row) else None
        if is_blank(value):
            continue
        if name in texts and isinstance(value, str) and words.empty(value.strip()):
            continue
        batched = _batch_key(row, c, groups) if groups else None
        key = (name, *batched) if batched else (name, value.strip() if isinstance(value, str) else value)
        if key in keys:
            return name, keys[key]
        found.append(key)
    for key in found:
        keys[key] = r
    return None

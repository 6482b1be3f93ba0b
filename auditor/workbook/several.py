"""Several records typed in one row: a cell of a column declared ``unique`` (a person's name, one a row) that
lists several names (甲、乙, 甲，乙, 甲；乙, or one a line) stands for a record each, the other cells of its row
shared. A part that repeats a value already in the column counts once; parts holding a digit (a number, a
code: 001、002) are never split. A date column's cell listing several whole dates (2018.9.10、2018.10.5:
the same activity held twice, one person on duty two days) stands for a record each too."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from operator import itemgetter

from auditor.standard.model import SheetSpec
from auditor.workbook.sheet import column_letter
from auditor.workbook.values import ParseError, normalize_label, parse_date

_SEPARATOR = re.compile(r"\s*(?:[、，,;；]|\n)\s*")
_MARKS = "、，,;；\n"  # the separators, each looked for with `in` before the pattern splits
_SHOWN = 5  # cells named in the warning


def _listed(raw: object) -> list[str]:
    """The parts of a text cell split at its separators (none when it has no separator)."""
    if type(raw) is not str or not any(mark in raw for mark in _MARKS):
        return []
    return [p for p in _SEPARATOR.split(raw.strip()) if p]


def _parts(raw: object) -> list[str]:
    """The names a cell lists (two or more), else an empty list."""
    parts = _listed(raw)
    if len(parts) < 2 or any(len(p) < 2 or any(ch.isdigit() for ch in p) for p in parts):
        return []
    return parts


def _dates(raw: object) -> list[str]:
    """The dates a cell lists (two or more, each a whole date), else an empty list."""
    parts = _listed(raw)
    if len(parts) < 2:
        return []
    try:
        days = [parse_date(p) for p in parts]
    except ParseError:
        return []
    return parts if all(type(d) is dt.date for d in days) else []


def split_rows(
    spec: SheetSpec,
    sheet_name: str,
    columns: dict[str, int],
    kept: list[int],
    kept_rows: list[Sequence[object]],
) -> tuple[list[int], list[Sequence[object]], list[str]]:
    """The kept rows (0-based) and their values with each cell of a unique text column that lists several
    names made a row per name, and the warnings saying so. Nearly every table: the rows as they are."""
    said: list[str] = []
    for f in spec.fields:
        c = columns.get(f.name)
        names = f.unique and f.type == "text"
        if not (names or f.type == "date") or c is None:
            continue
        try:  # calamine's rows all have the sheet's width
            column = list(map(itemgetter(c), kept_rows))
        except IndexError:
            column = [row[c] if c < len(row) else None for row in kept_rows]
        texts = [v for v in column if type(v) is str]
        joined = "\x00".join(texts)
        if not any(mark in joined for mark in _MARKS):  # nearly every table: no cell lists anything
            continue
        split = _parts if names else _dates
        seen = {normalize_label(t) for t in texts if not split(t)} if names else set()
        rows: list[int] = []
        values: list[Sequence[object]] = []
        where: list[str] = []
        for r, row in zip(kept, kept_rows, strict=True):
            parts = split(row[c] if c < len(row) else None)
            fresh = [p for p in parts if normalize_label(p) not in seen]
            if not fresh:
                rows.append(r)
                values.append(row)
                continue
            where.append(f"{column_letter(c)}{r + 1}")
            for part in fresh:
                seen.add(normalize_label(part))
                rows.append(r)
                values.append([*row[:c], part, *row[c + 1 :]])
        if where:
            cells = "、".join(where[:_SHOWN]) + (f"等{len(where)}格" if len(where) > _SHOWN else "")
            what = "多个" if names else "多个日期"
            said.append(f"{sheet_name}: {f.name}一格填写了{what}（{cells}），每个按一条记录计")
            kept, kept_rows = rows, values
    return kept, kept_rows, said

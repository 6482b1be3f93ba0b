"""An enumeration laid out as one tick column per value: a questionnaire summary typed as
``编号 | 甲 | 乙 | 丙`` with a √ under the value each row chose, instead of one column holding the value.

The column is found where the standard's column is not in the header but two or more of its values are
(after normalisation, as headers are matched); each row then reads as the value whose column is ticked.
A row with no tick is blank; a row with two ticks reads as both values joined (``甲、乙``), which the
enumeration refuses with an error naming the row's cell, as for any value typed that is not in the list.
A tick is any filled cell but a no word (×, 否, 0 …) or an Excel FALSE."""

from __future__ import annotations

import re
from collections.abc import Sequence

from auditor.standard.model import SheetSpec
from auditor.workbook.values import DEFAULT_NO, is_blank, normalize_label

Ticks = list[tuple[str, int]]  # (the value, its column) of one enumeration
_NO = frozenset(
    normalize_label(w).lower() for w in (*DEFAULT_NO, "x", "✕", "╳", "不", "/", "-", "—", "——", "－")
)


def tick_columns(spec: SheetSpec, header: Sequence[object], columns: dict[str, int]) -> dict[str, Ticks]:
    """The enumeration columns of `spec` missing from `columns` whose values head two or more columns of
    the header row (not a column already found)."""
    found: dict[str, Ticks] = {}
    taken = set(columns.values())
    for f in spec.fields:
        if f.name in columns or f.type != "enum" or len(f.values) < 2:
            continue
        wanted = {normalize_label(v): v for v in f.values}
        hits = [
            (wanted[key], c)
            for c, raw in enumerate(header)
            if c not in taken and type(raw) is str and (key := normalize_label(raw)) in wanted
        ]
        if len(hits) >= 2:
            found[f.name] = hits
            taken.update(c for _, c in hits)
    return found


def ticked(raw: object) -> bool:
    """A cell marks its column's value: filled, and not a no word or FALSE (a 0 is no tick)."""
    if raw is None or raw is False or is_blank(raw):
        return False
    if isinstance(raw, int | float):
        return raw != 0
    return normalize_label(str(raw)).lower() not in _NO


def tick_values(rows: Sequence[Sequence[object]], kept: Sequence[int], ticks: Ticks) -> list[object]:
    """Each kept row's value: the ticked column's value, None without a tick, the values joined with 、
    and how many where several are ticked."""
    values: list[object] = []
    for r in kept:
        row = rows[r]
        chosen = [value for value, c in ticks if c < len(row) and ticked(row[c])]
        if len(chosen) > 1:  # refused by the enumeration, the row's cell named
            values.append(f"{'、'.join(chosen)}（勾选了{len(chosen)}项）")
        else:
            values.append(chosen[0] if chosen else None)
    return values


_TICKED, _EMPTY = "☑✔✓√■●", "□☐○◯"
_BOX = f"[{_TICKED}{_EMPTY}]"
_BEFORE = re.compile(rf"({_BOX})\s*([^\s{_TICKED}{_EMPTY}]+)")  # ☑是 □否
_AFTER = re.compile(rf"([^\s{_TICKED}{_EMPTY}]+)\s*({_BOX})")  # 是□ 否☑, 是√


def ticked_word(raw: object) -> str | None:
    """The choice a cell ticks among the choices printed in it (``☑是 □否``, ``□是 ☑否``, ``是□ 否☑``) or the
    word ticked (``是√``, ``√否``); None when no one choice is ticked."""
    if type(raw) is not str or not any(mark in raw for mark in _TICKED):
        return None
    text = raw.strip()
    pairs = (
        [(mark, word) for mark, word in _BEFORE.findall(text)]
        if text[:1] in _TICKED + _EMPTY
        else [(mark, word) for word, mark in _AFTER.findall(text)]
    )
    chosen = [word for mark, word in pairs if mark in _TICKED]
    covered = sum(len(mark) + len(word) for mark, word in pairs)
    if len(chosen) != 1 or covered < len(re.sub(r"\s", "", text)):
        return None  # two ticked, none, or words outside the choices
    return str(chosen[0])

"""Item names as clerks type them: 1.值守登记, 值守登记制度, （一）设备巡查 name the item 值守登记 / 设备巡查.

A key matches an item when, after normalisation and without a leading number, it is the item or one of its
aliases, or holds it with a prefix or a suffix. A key holding the names of several items names the longest
of them when every other name it holds lies inside that one (an item's name can hold another item's name);
any other key that holds two items is not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from auditor.checks.build import BuildContext, YamlPath
from auditor.workbook.values import normalize_label, parse_text, strip_numbering

# what separates the values of a list typed in one cell: 、，,；;／/ and line breaks (full-width and half-width)
LIST_SEPARATORS = re.compile(r"[、､，,；;／/\r\n\u2028\u2029]+")

# the items a list typed in one cell names, and (part, items) for each part that could name several
Named = tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]

ALIASES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "description": "条目的别的叫法，如 {设备巡查: [巡检制度]}（编号、前后缀已自动识别）",
}


def aliases_of(
    params: Mapping[str, Any], ctx: BuildContext, path: YamlPath
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The aliases a check declares for its items (each named item must be one of them)."""
    items = params.get("items") or params.get("values") or []
    aliases = params.get("aliases", {})
    for name in aliases:
        if name not in items:
            ctx.problem(
                (*path, "aliases", name), f"“{name}”不是本条的条目（应为 {'、'.join(map(str, items))} 之一）"
            )
    return tuple((str(k), tuple(map(str, v))) for k, v in aliases.items())


@lru_cache(maxsize=256)
def matcher_for(items: tuple[str, ...], aliases: tuple[tuple[str, tuple[str, ...]], ...]) -> ItemMatcher:
    """The matcher of a check's items, made once per process."""
    return ItemMatcher(items, dict(aliases))


class ItemMatcher:
    """Which listed item a key names."""

    def __init__(self, items: Sequence[str], aliases: Mapping[str, Sequence[str]] | None = None) -> None:
        self.names: list[tuple[str, str]] = []  # (normalised name or alias, item)
        for item in items:
            for name in (item, *(aliases or {}).get(item, ())):
                key = normalize_label(name)
                if key:
                    self.names.append((key, item))
        self.exact = {key: item for key, item in reversed(self.names)}
        self._match = lru_cache(maxsize=1024)(self._find)
        self._each = lru_cache(maxsize=1024)(self._find_each)

    def match(self, key: str) -> tuple[str | None, tuple[str, ...]]:
        """(the item, ()) when the key names one item; (None, the items) when it could name several."""
        return self._match(key)

    def match_each(self, text: str) -> Named | None:
        """A list typed in one cell (甲、乙 / 甲，乙 / one a line), each part matched as a whole key is: the
        items its parts name and (part, items) for each part that could name several; None when the text
        is no list (one part). Only for a text that names no one item as a whole (see :meth:`match`)."""
        return self._each(text)

    def _find_each(self, text: str) -> Named | None:
        parts = list_parts(text)
        if len(parts) < 2:
            return None
        named: list[str] = []
        unsure: list[tuple[str, tuple[str, ...]]] = []
        for part in parts:
            item, ambiguous = self.match(part)
            if item is not None:
                named.append(item)
            elif ambiguous:
                unsure.append((part, ambiguous))
        return tuple(dict.fromkeys(named)), tuple(unsure)

    def _find(self, key: str) -> tuple[str | None, tuple[str, ...]]:
        text = normalize_label(key)
        for candidate in (text, strip_numbering(text)):
            if candidate in self.exact:
                return self.exact[candidate], ()
        bare = strip_numbering(text)
        held = [(name, item) for name, item in self.names if name in bare]
        found = tuple(dict.fromkeys(item for _, item in held))
        if len(found) == 1:
            return found[0], ()
        if found and (longest := _enclosing(bare, held)) is not None:
            return longest, ()
        if not found and len(bare) >= 2:  # 值守登 for 值守登记: an item without its last char or two
            near = tuple(
                dict.fromkeys(i for n, i in self.names if n.startswith(bare) and len(n) - len(bare) <= 2)
            )
            if len(near) == 1:
                return near[0], ()
        return None, found


def list_parts(text: str) -> tuple[str, ...]:
    """The values of a list typed in one cell, in order (blank parts left out); one part when it is no list."""
    if LIST_SEPARATORS.search(text) is None:
        return (text,)
    return tuple(part for part in (p.strip() for p in LIST_SEPARATORS.split(text)) if part)


@lru_cache(maxsize=1024)
def _choice_list(choices: tuple[str, ...], text: str) -> tuple[str, ...] | None:
    parts = list_parts(text)
    if len(parts) < 2:
        return None
    spelled = {normalize_label(choice): choice for choice in choices}
    listed = tuple(spelled.get(normalize_label(part)) for part in parts)
    return None if None in listed else tuple(v for v in listed if v is not None)


def choice_list(choices: tuple[str, ...], raw: object) -> tuple[str, ...] | None:
    """The declared values of an enumeration that a cell lists (甲、乙: unreadable as one value), each in
    its declared spelling; None when the cell is no list or some part is no declared value."""
    return _choice_list(choices, parse_text(raw)) if choices and isinstance(raw, str) else None


def _spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where `name` stands in `text`, every time (overlapping too), as (start, end)."""
    spans, start = [], text.find(name)
    while start >= 0:
        spans.append((start, start + len(name)))
        start = text.find(name, start + 1)
    return spans


def _enclosing(text: str, held: Sequence[tuple[str, str]]) -> str | None:
    """The item of the longest name `text` holds when each name of another item stands only inside it."""
    outer, item = max(held, key=lambda pair: len(pair[0]))
    enclosing = _spans(text, outer)
    for name, other in held:
        if other == item:
            continue
        if name == outer:  # two items of one name: nothing tells them apart
            return None
        for start, end in _spans(text, name):
            if not any(a <= start and end <= b for a, b in enclosing):
                return None
    return item

"""Item names as clerks type them: 1.值守登记, 值守登记制度, （一）设备巡查 name the item 值守登记 / 设备巡查.

A key matches an item when, after normalisation and without a leading number, it is the item or one of its
aliases, or holds it with a prefix or a suffix. A key that holds two items is not guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from auditor.checks.build import BuildContext, YamlPath
from auditor.workbook.values import normalize_label, strip_numbering

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

    def match(self, key: str) -> tuple[str | None, tuple[str, ...]]:
        """(the item, ()) when the key names one item; (None, the items) when it could name several."""
        return self._match(key)

    def _find(self, key: str) -> tuple[str | None, tuple[str, ...]]:
        text = normalize_label(key)
        for candidate in (text, strip_numbering(text)):
            if candidate in self.exact:
                return self.exact[candidate], ()
        bare = strip_numbering(text)
        found = tuple(dict.fromkeys(item for name, item in self.names if name in bare))
        if len(found) == 1:
            return found[0], ()
        return None, found

"""Which sheet of a workbook is which declared sheet: by name, as people rename a sheet they keep.

A declared sheet is the workbook's sheet of the same name (after :func:`normalize_label`: blanks, full-
and half-width). Failing that, a sheet named as people extend a name — a year in front (2018年), a word
for a kind of list after it (表, 台账, 清单, 登记表 …), a year or a bracketed note after that (（2018）,
(1)) — is taken when it is the only one: ``藏书登记表``, ``2018年借阅记录``, ``借阅记录（2018）``. Two such
sheets for one declared name are a warning, never a guess; a sheet is never taken for two declared names.
Every sheet taken by a name that is not its own is said in a warning, so an inspector sees it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from auditor.workbook.values import normalize_label

# words that end the name of a list (借阅记录表, 藏书清单): the engine's vocabulary
LIST_WORDS = (
    "登记表",
    "统计表",
    "一览表",
    "汇总表",
    "明细表",
    "情况表",
    "记录表",
    "台账",
    "清单",
    "表",
    "册",
    "簿",
)
_YEAR = r"(?:(?:19|20)\d\d(?:年度|年)?)"
_NOTE = r"(?:\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】)"


@lru_cache(maxsize=512)
def _pattern(declared: str) -> re.Pattern[str]:
    words = "|".join(map(re.escape, LIST_WORDS))
    return re.compile(rf"{_YEAR}?{re.escape(declared)}(?:{words})?(?:{_YEAR}|{_NOTE})*")


def match_sheets(declared: Sequence[str], actual: Sequence[str]) -> tuple[dict[str, str | None], list[str]]:
    """Each declared name -> the workbook's sheet read for it (None: none), and the warnings to show."""
    by_name: dict[str, str] = {}
    for name in reversed(actual):  # the first of two sheets with one normalised name
        by_name[normalize_label(name)] = name
    chosen: dict[str, str | None] = {d: by_name.get(normalize_label(d)) for d in declared}
    if all(chosen.values()):  # nearly every workbook: every sheet by its own name
        return chosen, []
    taken = {name for name in chosen.values() if name}
    warnings: list[str] = []
    for name in declared:
        if chosen[name] is not None:
            continue
        pattern = _pattern(normalize_label(name))
        found = [s for s in actual if s not in taken and pattern.fullmatch(normalize_label(s))]
        if len(found) == 1:
            chosen[name] = found[0]
            taken.add(found[0])
            warnings.append(f"工作表“{found[0]}”按“{name}”读取")
        elif found:
            listed = "、".join(f"“{s}”" for s in found)
            warnings.append(f"工作表{listed}都可能是“{name}”，未读取；请只保留一个或改名为“{name}”")
    return chosen, warnings

"""Which sheet of a workbook is which declared sheet: by name, as people rename a sheet they keep.

A declared sheet is the workbook's sheet of the same name (after :func:`normalize_label`: blanks, full-
and half-width). Failing that, a sheet named as people extend a name — a year in front (2018年), a word
for a kind of list after it (表, 台账, 清单, 登记表 …), a year or a bracketed note after that (（2018）,
(1)) — is taken when it is the only one: ``藏书登记表``, ``2018年借阅记录``, ``借阅记录（2018）``. Two such
sheets for one declared name are a warning, never a guess — unless the workbook's own year tells them apart
(a ledger kept a sheet a year: ``2017年借阅记录`` and ``2018年借阅记录``, or ``借阅记录表`` beside
``2017年借阅记录``; see :func:`by_year`). A sheet is never taken for two declared names. Every sheet taken by
a name that is not its own is said in a warning, so an inspector sees it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from auditor.standard.model import SheetSpec
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


def match_sheets(
    declared: Sequence[str], actual: Sequence[str], ambiguous: dict[str, list[str]] | None = None
) -> tuple[dict[str, str | None], list[str]]:
    """Each declared name -> the workbook's sheet read for it (None: none), and the warnings to show.
    `ambiguous`, when given, receives the candidates of each declared name that two or more sheets could
    be, instead of the warning (the caller resolves them by the year, see :func:`by_year`)."""
    by_name: dict[str, str] = {}
    for name in reversed(actual):  # the first of two sheets with one normalised name
        by_name[normalize_label(name)] = name
    chosen: dict[str, str | None] = {d: by_name.get(normalize_label(d)) for d in declared}
    if all(chosen.values()) and len(actual) <= len(declared):  # nearly every workbook: each by its own name
        return chosen, []
    taken = {name for name in chosen.values() if name}
    warnings: list[str] = []
    dated = [s for s in actual if s not in taken and _YEARS.search(s)]
    for name in declared if dated else ():  # 借阅记录 beside 2018年借阅记录: the year tells (see by_year)
        own = chosen[name]
        pattern = _pattern(normalize_label(name))
        found = [s for s in dated if s not in taken and pattern.fullmatch(normalize_label(s))]
        if own is not None and found and ambiguous is not None and not _YEARS.search(own):
            ambiguous[name] = [own, *found]
            taken.update(found)
    for name in declared:
        if chosen[name] is not None:
            continue
        pattern = _pattern(normalize_label(name))
        found = [s for s in actual if s not in taken and pattern.fullmatch(normalize_label(s))]
        if len(found) == 1:
            chosen[name] = found[0]
            taken.add(found[0])
            warnings.append(f"工作表“{found[0]}”按“{name}”读取")
        elif found and ambiguous is not None:
            ambiguous[name] = found
            taken.update(found)
        elif found:
            listed = "、".join(f"“{s}”" for s in found)
            warnings.append(f"工作表{listed}都可能是“{name}”，未读取；请只保留一个或改名为“{name}”")
    return chosen, warnings


_YEARS = re.compile(r"(?:19|20)\d\d")


def by_year(name: str, candidates: Sequence[str], year: int | None) -> tuple[str | None, str]:
    """The one candidate for the declared sheet `name` that the audit `year` tells apart — the only one whose
    name gives that year, else the only one giving no year when every other gives another year — and the
    warning to show (None and the warning that nothing was read when the year does not decide)."""
    years = [set(map(int, _YEARS.findall(normalize_label(s)))) for s in candidates]
    if year is not None:
        same = [s for s, found in zip(candidates, years, strict=True) if found == {year}]
        plain = [s for s, found in zip(candidates, years, strict=True) if not found]
        others = len(candidates) - len(plain) - len(same)
        one = same[0] if len(same) == 1 else plain[0] if not same and len(plain) == 1 and others else None
        if one is not None:
            rest = "、".join(f"“{s}”" for s in candidates if s != one)
            if normalize_label(one) == normalize_label(name):  # the sheet of its own name, the others dated
                return one, f"工作表{rest}未读取（年度为{year}年）"
            return one, f"工作表“{one}”按“{name}”读取（年度为{year}年，{rest}未读取）"
    own = next((s for s in candidates if normalize_label(s) == normalize_label(name)), None)
    if own is not None:  # the sheet of the declared name, where the year does not tell
        rest = "、".join(f"“{s}”" for s in candidates if s != own)
        return own, f"工作表{rest}未读取（读取同名的工作表“{own}”）"
    listed = "、".join(f"“{s}”" for s in candidates)
    return None, f"工作表{listed}都可能是“{name}”，未读取；请只保留一个或改名为“{name}”"


def match_shown(
    declared: Sequence[str],
    actual: Sequence[str],
    hidden: frozenset[str],
    ambiguous: dict[str, list[str]] | None = None,
) -> tuple[dict[str, str | None], list[str]]:
    """:func:`match_sheets`, the sheets a person sees first: a hidden sheet is read only for a declared name
    no shown sheet can be (Excel's copy of a sheet is ``借阅记录 (2)``; the old one hidden keeps the name).
    Each hidden sheet read, and each one passed over for a shown sheet, is said in a warning."""
    if not hidden:  # nearly every workbook
        return match_sheets(declared, actual, ambiguous)
    shown = [s for s in actual if s not in hidden]
    chosen, warnings = match_sheets(declared, shown, ambiguous)
    rest = [d for d in declared if chosen[d] is None and (ambiguous is None or d not in ambiguous)]
    unseen = [s for s in actual if s in hidden]
    more, said = match_sheets(rest, unseen, ambiguous)
    warnings.extend(said)
    for name, sheet in more.items():
        if sheet is not None:
            chosen[name] = sheet
            warnings.append(f"工作表“{sheet}”是隐藏的工作表，已读取")
    for name in declared:
        sheet = chosen[name]
        if sheet is None or sheet in hidden:
            continue
        pattern = _pattern(normalize_label(name))
        for other in unseen:
            if other not in chosen.values() and pattern.fullmatch(normalize_label(other)):
                renamed = f"工作表“{sheet}”按“{name}”读取"
                warnings = [w for w in warnings if w != renamed]  # said once, in the line below
                if normalize_label(sheet) == normalize_label(name):  # the shown sheet has its own name
                    warnings.append(f"隐藏的工作表“{other}”未读取")
                else:
                    warnings.append(f"隐藏的工作表“{other}”未读取，“{name}”按可见的工作表“{sheet}”读取")
    return chosen, warnings


# a note after a sheet's name saying it holds a part of a table: （续）, 续表, (2), （二）, （下半年）, （7-12月）
_PART = re.compile(
    r"(?:\((?:续|续表|续页|\d{1,2}|[一二三四五六七八九十]|[上下]半年|第?[一二三四1-4]季度|\d{1,2}-\d{1,2}月"
    r"|第?\d{1,2}页)\)|续表?|续页)"
)


def is_part(name: str, sheet: str) -> bool:
    """The sheet's name is the declared `name` extended with a note of a part (借阅记录（续）, 借阅记录 (2),
    借阅记录表（下半年）)."""
    declared, actual = normalize_label(name), normalize_label(sheet)
    if not actual.startswith(declared):
        return False
    rest = actual[len(declared) :]
    word = next((w for w in LIST_WORDS if rest.startswith(w) and rest != w), "")
    return _PART.fullmatch(rest[len(word) :]) is not None


def parts_of(
    layout: Sequence[SheetSpec],
    chosen: dict[str, str | None],
    ambiguous: dict[str, list[str]],
    shown: Sequence[str],
) -> dict[str, list[str]]:
    """Each declared table -> the other sheets holding parts of it: shown sheets no declared sheet is read
    from, named as the table with a note of a part (``借阅记录（续）``, ``借阅记录 (2)``, ``借阅记录（下半年）``),
    in the workbook's order. Nearly every workbook: every sheet is read for its own name, none is left."""
    taken = {n for n in chosen.values() if n} | {s for found in ambiguous.values() for s in found}
    left = [s for s in shown if s not in taken]
    if not left:
        return {}
    more: dict[str, list[str]] = {}
    for spec in layout:
        if spec.kind != "form" and chosen.get(spec.name):
            found = [s for s in left if is_part(spec.name, s)]
            if found:
                more[spec.name] = found
                left = [s for s in left if s not in found]
    return more


def all_parts(name: str, candidates: Sequence[str]) -> bool:
    """Every candidate sheet for the declared table `name` is a part of it (借阅记录（1）, 借阅记录（2）)."""
    return all(is_part(name, s) for s in candidates)


def merged_said(name: str, sheets: Sequence[str]) -> str:
    """The warning for a table read from several sheets."""
    listed = "、".join(f"“{s}”" for s in sheets)
    return f"工作表{listed}按“{name}”合并为一个表格读取"

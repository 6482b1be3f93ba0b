"""Cells made from the values python-calamine reads: a column parsed once per distinct value for the whole
batch (:func:`parse_column`), a column of values that seldom repeat parsed without remembering them
(:func:`parse_fresh`), one value (:func:`parse_value`), and the cell one value makes (:func:`make_cell`)."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Iterable
from itertools import repeat
from operator import itemgetter
from typing import cast

from auditor.workbook.evidence import Cell
from auditor.workbook.texts import TextParser
from auditor.workbook.values import ParseError, comparison_text, is_blank, normalize_label, parse_text

_new_cell = tuple.__new__  # Cell(...) without the generated __new__'s argument handling (a hot path)


# 同上 / 〃 typed for the value above (the words of the standards read, stripped): a cell made of one is
# counted and never remembered, so the reader knows a table holds one at no cost to the tables without any
DITTO: set[str] = set()
_dittos = [0]
_ditto_lists: set[tuple[str, ...]] = set()


def ditto_marks(words: tuple[str, ...]) -> None:
    """The ditto words of a standard read in this process (added to those of any other; once per list)."""
    if words not in _ditto_lists:
        _ditto_lists.add(words)
        DITTO.update(w.strip() for w in words)


def dittos_seen() -> int:
    """How many cells made of a ditto word have been made so far (compare before and after a table)."""
    return _dittos[0]


def _ditto(raw: object) -> bool:
    if type(raw) is str and len(raw) <= 8 and raw.strip() in DITTO:
        _dittos[0] += 1
        return True
    return False


MAX_CELL_CHARS = 32_767  # Excel's and WPS's own limit: a longer text was not typed there, and is cut


def make_cell(
    parse: Callable[[object], object], raw: object, location: str, pii: bool, keyed: bool = False
) -> Cell:
    """The cell parsing `raw` makes; `keyed`: with the text the 疑点 compare (comparison_text). A text field's
    text standing for nothing (无, /, —) is a blank cell."""
    words = parse if type(parse) is TextParser else None
    if (
        (words is not None or parse is parse_text)
        and type(raw) is str
        and raw.isprintable()
        and len(raw) <= MAX_CELL_CHARS
    ):
        # a text typed in a text column (most new values of a batch): what the steps below make of it
        typed = raw.strip()
        if not typed or (words is not None and typed[0] in words.starts and words.empty(typed)):
            return _new_cell(Cell, ("blank", location, None, None, "", pii, "" if keyed else None))
        return _new_cell(
            Cell, ("ok", location, typed, raw, "", pii, normalize_label(typed) if keyed else None)
        )
    if type(raw) is str and len(raw) > MAX_CELL_CHARS:  # what a cell keeps is bounded (a 10 MB text)
        raw = f"{raw[:MAX_CELL_CHARS]}…（共{len(raw)}字）"
    if raw is None or raw == "" or (isinstance(raw, str) and is_blank(raw)):
        return _new_cell(Cell, ("blank", location, None, None, "", pii, "" if keyed else None))
    try:
        value = parse(raw)
    except ParseError as exc:
        text = comparison_text("error", None, raw) if keyed else None
        return _new_cell(Cell, ("error", location, exc.value, raw, exc.expected, pii, text))
    if words is not None and type(value) is str and value and words.empty(value):  # 无 with a line break
        return _new_cell(Cell, ("blank", location, None, None, "", pii, "" if keyed else None))
    return _new_cell(
        Cell, ("ok", location, value, raw, "", pii, comparison_text("ok", value, raw) if keyed else None)
    )


MEMO_LIMIT = 20_000  # distinct values remembered per field and process (about 5 MB at most)
_memos: dict[tuple[Callable[[object], object], bool, bool, type | None], dict[object, Cell]] = {}
_NO_MEMO = bool(os.environ.get("AUDIT_NO_MEMO"))  # every workbook parsed afresh (to measure the memo's worth)
# kinds of value never equal to a value of another kind; 1, 1.0 and True are equal in Python but read
# differently, so a memo's keys hold one other kind at most (a kind of number)
_OWN_KEYS = frozenset({str, type(None), dt.date, dt.datetime, dt.time})


def _memo(parse: Callable[[object], object], pii: bool, keyed: bool, kind: type | None) -> dict[object, Cell]:
    """The cells already made by `parse`, kept for the whole batch: the workbooks of one year share most
    of their values (the dates of the year, 是/否, the categories, 2人 ...). `kind`: the one kind of number
    the memo's keys may hold (None: none; tuple: the keys of mixed columns, see parse_column)."""
    memo = _memos.get((parse, pii, keyed, kind))
    if memo is None or len(memo) > MEMO_LIMIT or _NO_MEMO:
        if len(_memos) > 256:  # parsers of many standards in one process
            _memos.clear()
        memo = _memos[(parse, pii, keyed, kind)] = {}
    return memo


def parse_column(
    parse: Callable[[object], object], raws: Iterable[object], pii: bool, keyed: bool = False
) -> list[Cell]:
    """One column's values -> cells (location-less), each distinct value parsed once per batch (people
    repeat themselves: the same date, the same answer, the same name, the same category). Parsers are
    pure, so a remembered cell is the cell parsing would make. `keyed`: cells with their comparison text.

    Values are their own keys (a text, a date, a blank and one kind of number are never equal to each
    other); a column holding two kinds of number (rare) keys each value by its type too."""
    values = raws if isinstance(raws, list) else list(raws)
    numbers = {*map(type, values)} - _OWN_KEYS
    if len(numbers) <= 1:
        memo = _memo(parse, pii, keyed, numbers.pop() if numbers else None)
        get = memo.get

        def made(raw: object) -> Cell:
            cell = make_cell(parse, raw, "", pii, keyed)
            if type(raw) is not str or len(raw) > 8 or not _ditto(raw):
                memo[raw] = cell
            return cell

        return [get(raw) or made(raw) for raw in values]  # a cell is never falsy
    mixed = _memo(parse, pii, keyed, tuple)
    find = mixed.get

    def new(key: object, raw: object) -> Cell:
        cell = make_cell(parse, raw, "", pii, keyed)
        if not _ditto(raw):
            mixed[key] = cell
        return cell

    return [find(key := raw if type(raw) is str else (type(raw), raw)) or new(key, raw) for raw in values]


def parse_fresh(
    parse: Callable[[object], object], raws: Iterable[object], pii: bool, keyed: bool = False
) -> list[Cell]:
    """:func:`parse_column` of a column whose values seldom repeat across a batch (ids, names, phone
    numbers: a column declared ``unique`` or ``pii``), without the memo, which they would only fill: a
    column of printable texts is made in a few whole-column steps, the cells :func:`make_cell` makes."""
    values = raws if isinstance(raws, list) else list(raws)
    text = parse if type(parse) is TextParser else None
    if (
        (text is not None or parse is parse_text)
        and {*map(type, values)} == {str}
        and all(map(str.isprintable, values))
    ):
        typed = list(map(str.strip, values))
        if (
            all(typed)
            and max(map(len, values)) <= MAX_CELL_CHARS
            and (text is None or text.starts.isdisjoint(map(itemgetter(0), typed)))  # none stands for nothing
        ):
            if DITTO and not DITTO.isdisjoint(typed):
                _dittos[0] += 1
            texts = (typed if folded(typed) else map(normalize_label, typed)) if keyed else repeat(None)
            rows = zip(repeat("ok"), repeat(""), typed, values, repeat(""), repeat(pii), texts)
            return list(map(_new_cell, repeat(Cell), rows))
    if DITTO:
        any(map(_ditto, values))  # counted
    return [make_cell(parse, raw, "", pii, keyed) for raw in values]


def parse_value(parse: Callable[[object], object], raw: object, pii: bool, keyed: bool = False) -> Cell:
    """:func:`parse_column` of one value (a form's field), from the same memos."""
    kind = type(raw)
    memo = _memo(parse, pii, keyed, None if kind in _OWN_KEYS else kind)
    known = memo.get(raw)
    if known is None:
        known = memo[raw] = make_cell(parse, raw, "", pii, keyed)
    return known


_texts: dict[
    TextParser, dict[str | None, str]
] = {}  # a text column's comparison text of each text typed, for the batch


def text_of(raw: object, pii: bool, parse: TextParser) -> str:
    """The comparison text of a text column's value: ``make_cell(parse, raw, "", pii, True).text``."""
    if type(raw) is str and raw.isprintable() and len(raw) <= MAX_CELL_CHARS:
        typed = raw.strip()
        if not typed or (typed[0] in parse.starts and parse.empty(typed)):
            return ""
        return normalize_label(typed)
    return make_cell(parse, raw, "", pii, True)[6] or ""


def folded(texts: list[str]) -> bool:
    """Every text is already what :func:`normalize_label` makes of it, told by one look at them all: printable,
    no blank, no colon, no 【】, in NFKC (joined by "|", which composes with nothing, so each one is)."""
    joined = "|".join(texts)
    if not joined.isprintable() or " " in joined or ":" in joined:
        return False
    return joined.isascii() or (
        "【" not in joined and "】" not in joined and unicodedata.is_normalized("NFKC", joined)
    )


def text_column(raws: list[object], pii: bool, parse: TextParser) -> list[str]:
    """:func:`text_of` of every value of a text column whose cells nothing reads (only the records the 疑点
    compare across centers read it): its texts, without cells. A column of personal data is not remembered."""
    texts = cast("list[str]", raws)
    if (
        {*map(type, raws)} == {str}
        and max(map(len, texts)) <= MAX_CELL_CHARS
        and folded(texts)
        and parse.starts.isdisjoint(map(itemgetter(0), filter(None, texts)))
    ):
        return list(texts)  # a column of plain names: each its own text
    if pii or _NO_MEMO:
        return [text_of(raw, pii, parse) for raw in raws]
    memo = _texts.get(parse)
    if memo is None or len(memo) > MEMO_LIMIT:
        memo = _texts[parse] = {}
    get = memo.get

    def made(raw: object) -> str:
        text = text_of(raw, False, parse)
        if type(raw) is str or raw is None:
            memo[raw] = text
        return text

    known: list[str | None] = list(map(get, raws))  # type: ignore[arg-type]
    if None in known:  # a text not seen before in the batch (a blank is "": seen)
        return [made(raw) if text is None else text for raw, text in zip(raws, known, strict=True)]
    return cast("list[str]", known)

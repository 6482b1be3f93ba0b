"""One sheet's cells as the reader holds them, and the cell each value makes (shared by tables and forms)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from auditor.standard.model import FieldSpec, Standard
from auditor.workbook.cells import parse_value
from auditor.workbook.evidence import Cell
from auditor.workbook.parsers import expected_text, parser_for
from auditor.workbook.texts import DEFAULT_BLANK
from auditor.workbook.values import DEFAULT_PARTLY, comparison_text, is_blank

UNCACHED = "公式没有缓存值（文件未经 Excel/WPS 计算保存），请在 Excel/WPS 中打开并保存后重试"
HEADER_MEMO_LIMIT = 20_000  # texts remembered per list of column names (or a form's labels)


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Sheet:
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

    def cell(self, spec: FieldSpec, r: int, c: int, standard: Standard, keyed: bool | None = None) -> Cell:
        """The cell at (r, c) parsed as `spec`, with its location; `keyed`: with its text (the standard's
        choice by default)."""
        location = f"{self.name}!{column_letter(c)}{r + 1}"
        if (r, c) in self.errors:
            typed = self.errors[(r, c)]
            text = comparison_text("error", None, typed)
            return Cell(
                "error", location, raw=typed, expected=_expected(spec, standard), pii=spec.pii, text=text
            )
        if (r, c) in self.uncached:
            return Cell("blank", location, expected=UNCACHED, pii=spec.pii, text="")
        row = self.rows[r]
        return self.typed(spec, r, c, row[c] if c < len(row) else None, standard, keyed)

    def typed(
        self, spec: FieldSpec, r: int, c: int, raw: object, standard: Standard, keyed: bool | None = None
    ) -> Cell:
        """`raw` parsed as `spec`, located at (r, c): the cell parsing would make, remembered for the batch
        like a table's (a form's dates, years, yes/no)."""
        parse = parser_of(spec, standard, self.epoch1904)
        return parse_value(parse, raw, spec.pii, standard.keyed if keyed is None else keyed)._replace(
            location=f"{self.name}!{column_letter(c)}{r + 1}"
        )


_parsers: dict[tuple[int, int, bool], tuple[FieldSpec, Standard, Callable[[object], object]]] = {}


def parser_of(spec: FieldSpec, standard: Standard, epoch1904: bool) -> Callable[[object], object]:
    """:func:`parser_for` of a field of `standard`, found by identity (its cache hashes every attribute of the
    field and both word lists at each call); the entry holds the field and the standard, so an id is never
    another object's while it is remembered."""
    key = (id(spec), id(standard), epoch1904)
    known = _parsers.get(key)
    if known is not None and known[0] is spec and known[1] is standard:
        return known[2]
    parse = parser_for(spec, standard.yes_words, standard.no_words, epoch1904, *vocabulary(standard))
    if len(_parsers) > 4096:  # fields of many standards in one process
        _parsers.clear()
    _parsers[key] = (spec, standard, parse)
    return parse


def vocabulary(standard: Standard) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The standard's words for a yes only in part and for nothing in a text field (or the engine's)."""
    partly, blank = standard.partly_words, standard.blank_words
    return (DEFAULT_PARTLY if partly is None else partly, DEFAULT_BLANK if blank is None else blank)


def _expected(spec: FieldSpec, standard: Standard) -> str:
    return expected_text(spec, standard.yes_words, standard.no_words)

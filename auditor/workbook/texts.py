"""A text field's values: the text as typed, and the texts people type for nobody and nothing.

A clerk who has no name to give writes 无, 暂无, 无人, a slash or a dash rather than leave the cell empty, or
says why nobody is there (休息, 放假, 请假, 空缺); an inspector reads that as nobody. In a text field (a name,
a person, a note) such a cell is blank. Only text fields: in a yes/no field 无 is a no. The words are a generic default vocabulary that a standard may extend or
replace (``vocabulary: {extra_blank: [...]}`` or ``blank: [...]``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from auditor.workbook.values import normalize_label, parse_text

if TYPE_CHECKING:
    from auditor.standard.model import Standard

# what people type for nothing in a text field; a run of the one-character ones is one too (——, //, --)
DEFAULT_BLANK: Final = (
    *("无", "暂无", "无人", "空", "不详", "/", "\\", "-", "—", "–", "―", "~", "n/a"),
    # typed where a person's name goes for a day or a post nobody took: nobody
    *("空缺", "未安排", "无人值班", "未值班", "休息", "放假", "调休", "请假", "停班"),
)
# characters a placeholder's first one may be typed as: full-width forms (／, －, ～, Ｎ) fold to them
_WIDE: Final = "".join(chr(c) for c in range(0xFF01, 0xFF5F))


class TextParser:
    """The parser of a text field: calling it reads the text as typed (:func:`values.parse_text`); `empty`
    tells a text that stands for nothing (the cell is then blank). One per vocabulary (:func:`text_parser`),
    shared by every text field of a standard, so its cells are remembered together."""

    __slots__ = ("marks", "starts", "words")

    def __init__(self, blank: tuple[str, ...]) -> None:
        self.words = frozenset(w for w in (normalize_label(b).lower() for b in blank) if w)
        self.marks = frozenset(w for w in self.words if len(w) == 1)
        first = {w[0] for w in self.words}
        wide = {c for c in _WIDE if unicodedata.normalize("NFKC", c).lower()[:1] in first}
        # the first characters of a text that may stand for nothing: a pre-test costing one set look-up
        self.starts = frozenset(first | {c.upper() for c in first} | wide)

    def __call__(self, raw: object) -> str:
        return parse_text(raw)

    def empty(self, text: str) -> bool:
        """`text` (stripped, not blank) stands for nothing: 无, ／, ——, N/A."""
        if text[0] not in self.starts:  # nearly every text: a name, a note
            return False
        word = normalize_label(text).lower()
        return word in self.words or (bool(word) and all(c in self.marks for c in word))

    def __repr__(self) -> str:
        return f"TextParser({sorted(self.words)})"


@lru_cache(maxsize=16)
def text_parser(blank: tuple[str, ...] = DEFAULT_BLANK) -> TextParser:
    return TextParser(blank)


def parser_of_texts(standard: Standard) -> TextParser:
    """The parser of the standard's text fields (its words for nothing, or the engine's)."""
    return text_parser(DEFAULT_BLANK if standard.blank_words is None else standard.blank_words)

"""Numbers written in Chinese numerals where a number or a date is asked (三次, 两名, 十二人, 二〇一八年五月十日),
an amount with its currency sign (¥5万), a number with a remark in brackets after it (30（含借调）).

Only a value that cannot be read otherwise is looked at (see :mod:`auditor.workbook.parsers`): each run of
numerals becomes its Arabic number, the sign is dropped, and the value is read again; 三十余人, 十几次 stay
what they were (an error): the run is followed by a word for "more than"."""

from __future__ import annotations

import re

_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_RUN = re.compile(r"[〇零○一二两三四五六七八九十百千]+")
_MORE = "余多几来"  # 十余次, 二十多人, 十几次: more than the number, no number


def _value(run: str) -> int | None:
    """The number a run of numerals writes: 二〇一八 (digit by digit) 2018, 二十三 23, 十二 12, 一百零五 105;
    None for two digits side by side (两三, 三五, 七八: two or three, three to five) and 两 in a digit string."""
    if not any(ch in _UNITS for ch in run):
        if len(run) == 2 or (len(run) > 2 and "两" in run):
            return None
        return int("".join(str(_DIGITS[ch]) for ch in run))
    total, digit = 0, None
    for ch in run:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # 二三十: two digits side by side in a number with units
            digit = _DIGITS[ch] or None
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def arabic(text: str) -> str | None:
    """`text` with each run of Chinese numerals as its Arabic number; None when it holds none, or a run
    followed by a word for "more than" (十余次)."""
    found = False
    parts: list[str] = []
    at = 0
    for match in _RUN.finditer(text):
        value = _value(match.group())
        if value is None or text[match.end() : match.end() + 1] in tuple(_MORE):
            return None
        parts += [text[at : match.start()], str(value)]
        at, found = match.end(), True
    return "".join([*parts, text[at:]]) if found else None


_REMARK = re.compile(r"\s*[(（][^()（）]*[)）]$")  # 30（含借调）, 5万元（区财政）


def retyped(raw: object) -> str | None:
    """The value as it would be typed in Arabic numerals without a currency sign or a remark in brackets after
    it; None when that is the value itself (nothing to read again)."""
    if type(raw) is not str:
        return None
    text = raw.strip()
    plain = _REMARK.sub("", text.lstrip("¥￥").lstrip())
    plain = arabic(plain) or plain
    return plain if plain != text else None


_DATE_MARKS = str.maketrans({"。": ".", "，": ".", ",": ".", "、": ".", "—": "-", "－": "-", "–": "-"})
_COMPACT = re.compile(r"((?:19|20)\d\d)(\d\d)(\d\d)(?=\D|$)")


def retyped_date(raw: object) -> str | None:
    """A date as :func:`retyped` writes it, with the separators people mistype between its numbers made
    plain (2018。5。10, 2018—5—10, 2018,5,10, 2018.5.10., 20180509 全天); None when nothing changes."""
    if type(raw) is not str:
        return None
    text = raw.strip()
    plain = arabic(text) or text
    head, _, rest = plain.partition(" ")
    head = _COMPACT.sub(r"\1-\2-\3", head.translate(_DATE_MARKS)).rstrip("./-")
    plain = f"{head} {rest}".strip() if rest else head
    return plain if plain != text else None

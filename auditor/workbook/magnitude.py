"""A number typed in another magnitude of its unit: 120000元 where the field is in 万元 (12), 1.2万人 where it
is in 人 (12000). The magnitude words are Chinese numerals' own (万, 亿, 千, 百), not words of a standard."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

MAGNITUDES = {"万": 10**4, "亿": 10**8, "千": 10**3, "百": 10**2}
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def _split(unit: str) -> tuple[int, str]:
    """(factor, base) of a unit: 万元 is 10⁴ 元; 元 is 1 元; 万 alone is 10⁴ of nothing."""
    if unit[:1] in MAGNITUDES:
        return MAGNITUDES[unit[0]], unit[1:]
    return 1, unit


def scaled(text: str, units: Sequence[str]) -> Decimal | None:
    """The value in the field's first unit of that base of `text` (normalised, no thousands separators), a
    number with a unit of the same base as a declared one and another magnitude; None otherwise. Down to a
    smaller unit always (1.2万人: 12000); up to a larger one only for a whole amount of at least one of it
    (120000元, 10000元 or 0元 in 万元, not 3.5元 or 800元, which stay errors: the unit may be the slip). A bare
    magnitude (3万) counts only where no declared unit has one (a field in 人: 30000)."""
    for unit in units:
        factor, base = _split(unit)
        if not base or not text.endswith(base):
            continue
        head = text[: -len(base)]
        typed = 1
        if head[-1:] in MAGNITUDES:
            typed, head = MAGNITUDES[head[-1]], head[:-1]
        if typed == factor or not _NUMBER.fullmatch(head):
            return None
        number = Decimal(head) * typed
        if typed < factor and number and (number < factor or number != number.to_integral_value()):
            return None  # 3.5元 in a field in 万元: a slip of the unit as likely as the amount in 元
        return number / factor
    if text[-1:] in MAGNITUDES and _NUMBER.fullmatch(text[:-1]) and all(_split(u)[0] == 1 for u in units):
        return Decimal(text[:-1]) * MAGNITUDES[text[-1]]
    return None

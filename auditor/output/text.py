"""Small text helpers shared by every writer."""

from __future__ import annotations

from fractions import Fraction

from auditor.standard.model import round_half_up


def points_text(value: object) -> str:
    """A number of points as people write it: 12, 2.5, 0.25 (fractions rounded half up to 2 decimals)."""
    if isinstance(value, Fraction):
        value = round_half_up(value, 2)
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text

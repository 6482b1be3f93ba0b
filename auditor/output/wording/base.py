"""The words every output shares: statuses, points, widths, and text from a workbook made safe to show.

Text that came from a workbook or a file name is shown through :func:`shown` (terminal: controls and line
breaks removed) and cut by :func:`cut` ("…（共N字）") in the terminal, Excel and HTML alike.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from fractions import Fraction

from auditor.standard.model import Clause, round_half_up

STATUS_WORDS = {
    "pass": "达标",
    "partial": "部分达标",
    "fail": "未达标",
    "missing": "缺少材料",
    "not_applicable": "不适用",
    "waived": "豁免",
    "error": "无法识别",
}
BONUS_NONE = "未加分"  # a bonus clause that earned nothing: neutral, never 未达标
VETO = "一票否决"
YES, NO = "是", "否"

NAME_LIMIT = 60  # a center's name, id, street, leader as echoed
VALUE_LIMIT = 40  # a value typed by a center, quoted inside a sentence
TEXT_LIMIT = 400  # one finding
PATH_LIMIT = 160  # a file name or path

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and isolates
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_QUOTED = re.compile(r"“([^”]*)”")


def points_text(value: object) -> str:
    """A number of points as people write it: 12, 2.5, 0.25 (fractions rounded half up to 2 decimals)."""
    if isinstance(value, Fraction):
        value = round_half_up(value, 2)
    if isinstance(value, float):
        value = Decimal(str(round(value, 2)))
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent_text(value: object) -> str:
    """A share as a percentage: 0.95 -> 95%, 0.955 -> 95.5%."""
    number = Fraction(str(value)) if not isinstance(value, Fraction) else value
    return f"{points_text(round_half_up(number * 100, 1))}%"


def bonus_text(clause: Clause) -> str:
    """How a bonus clause's points are stated (one phrasing everywhere)."""
    return f"加分项，最多{points_text(clause.points)}分"


def clause_points_text(clause: Clause) -> str:
    """A clause's points as the standard states them: 12分, 加分项，最多3分, 一票否决."""
    if clause.kind == "veto":
        return VETO
    if clause.kind == "bonus":
        return bonus_text(clause)
    return f"{points_text(clause.points)}分"


def text_width(text: str) -> int:
    """Columns the text takes in a terminal or a spreadsheet cell (wide and full-width characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cut(text: str, limit: int = TEXT_LIMIT) -> str:
    """At most `limit` characters; a longer text is cut and says how long it was: 前四十个字…（共812字）."""
    return text if len(text) <= limit else f"{text[:limit]}…（共{len(text)}字）"


def shown(text: object, limit: int = NAME_LIMIT) -> str:
    """Text from a workbook or a file name as any output shows it: control characters, line breaks and
    direction overrides become spaces (a cell can never move the cursor, ring, or reorder a line), values
    quoted inside it are cut to VALUE_LIMIT, the whole to `limit`."""
    clean = _UNSAFE.sub(" ", str(text))
    clean = _QUOTED.sub(lambda m: f"“{cut(m.group(1), VALUE_LIMIT)}”", clean)
    return cut(clean, limit)


def as_of_text(iso: str, year: bool = True) -> str:
    """The day a workbook was audited as of (an ISO date): 2018年6月30日, or 6月30日 without the year."""
    y, m, d = (int(part) for part in iso.split("-"))
    return f"{y}年{m}月{d}日" if year else f"{m}月{d}日"


def quoted(value: str) -> str:
    """A value typed by a center, quoted (and cut) where it is the cause."""
    return f"“{cut(value, VALUE_LIMIT)}”"

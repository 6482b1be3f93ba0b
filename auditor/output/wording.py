"""Every word a user reads about a result, the same in the terminal, Excel, HTML, the tree and the template.

Statuses, points, the phrasing of a clause's points and credit rule, and the width of a text as a
terminal or a spreadsheet column shows it (CJK characters count double).
"""

from __future__ import annotations

import unicodedata
from fractions import Fraction

from auditor.standard.model import Clause, Credit, round_half_up

STATUS_WORDS = {
    "pass": "达标",
    "partial": "部分达标",
    "fail": "未达标",
    "missing": "缺少材料",
    "not_applicable": "不适用",
    "waived": "豁免",
    "error": "无法识别",
}
VETO = "一票否决"


def points_text(value: object) -> str:
    """A number of points as people write it: 12, 2.5, 0.25 (fractions rounded half up to 2 decimals)."""
    if isinstance(value, Fraction):
        value = round_half_up(value, 2)
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


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


def credit_text(credit: Credit) -> str:
    """The credit mode in a few words."""
    if credit.mode == "deduct":
        return f"每项扣{points_text(credit.per)}分，扣完为止"
    if credit.mode == "per_item":
        return "按项平均计分"
    if credit.mode == "proportional":
        return "按比例计分"
    if credit.mode == "tiers":
        return "分档：" + "；".join(f"≥{points_text(t.min)} 得{points_text(t.points)}" for t in credit.tiers)
    if credit.mode == "per_unit":
        return f"每项{points_text(credit.per)}分"
    return "达标得全分，否则0分"


def text_width(text: str) -> int:
    """Columns the text takes in a terminal or a spreadsheet cell (wide and full-width characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

"""考核标准(分值): the rule of a clause in words, generated from its credit mode and its check's parameters,
so a center can check its own score ("12分，每项2分，缺一项扣2分", "4分，覆盖率≥95%得4分，≥80%得2分，低于80%
不得分", "6分，每缺一个月扣0.5分，扣完为止").

The check is read by its parameters (``items``, ``values``, ``period``, ``where``, ``condition`` …), never
by its class: a check type this module does not know still gets the credit mode's sentence.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from auditor.output.wording.base import VETO, percent_text, points_text
from auditor.output.wording.phrases import (
    OP_WORDS,
    PERCENT_WORDS,
    SHORT_WORDS,
    TIER_SIGN,
    filter_text,
    met,
    unmet,
)
from auditor.standard.model import Clause, Condition, Credit

PERIOD_UNITS = {
    "month": ("个月", 12, "每月"),
    "quarter": ("个季度", 4, "每季度"),
    "weekday": ("个工作日", 0, "每个工作日"),
}


def _get(check: Any, name: str, default: Any = None) -> Any:
    return getattr(check, name, default)


def items_of(clause: Clause) -> tuple[int | None, str]:
    """How many items a per-item clause counts and what one is called: (6, 项), (12, 个月), (None, 个工作日)."""
    check = clause.check
    period = _get(check, "period")
    if isinstance(period, str) and period in PERIOD_UNITS:
        unit, count, _ = PERIOD_UNITS[period]
        return (count or None), unit
    for name in ("items", "values"):
        items = _get(check, name)
        if isinstance(items, tuple) and items:
            return len(items), "项"
    return None, "项"


def _conditions(check: Any) -> list[Condition]:
    found = _get(check, "conditions")
    return [c for c in found if isinstance(c, Condition)] if isinstance(found, tuple) else []


def _fields_text(conditions: list[Condition], match: str) -> str:
    joiner = "或" if match == "any" else "且"
    if len(conditions) > 1 and len({(c.op, repr(c.value)) for c in conditions}) == 1:
        first = conditions[0]
        names = joiner.join(c.column for c in conditions)
        return met(Condition(names, first.op, first.value, first.shown))
    return joiner.join(met(c) for c in conditions)


def criterion(clause: Clause) -> str:
    """What passes the clause's check, in words (empty when the check's parameters are not known)."""
    check = clause.check
    where = tuple(c for c in _get(check, "where", ()) or () if isinstance(c, Condition))
    kind = getattr(check, "TYPE", "")
    conditions = _conditions(check)
    if conditions:
        return _fields_text(conditions, str(_get(check, "match", "any")))
    if kind == "row_count":
        scope = "全年" if _get(check, "date_column") else ""
        op, value = str(_get(check, "op", ">=")), _get(check, "value", 0)
        return f"{scope}{filter_text(where)}记录{OP_WORDS.get(op, '')}{value}条"
    numerator, denominator = _get(check, "numerator"), _get(check, "denominator")
    if numerator and denominator:
        op, value = str(_get(check, "op", ">=")), _get(check, "value", 0)
        return f"{numerator}占{denominator}的比例{PERCENT_WORDS.get(op, '')}{percent_text(value)}"
    condition = _get(check, "condition")
    items = _get(check, "items")
    if isinstance(condition, Condition) and isinstance(items, tuple):
        return f"{len(items)}项均{met(condition)}"
    if isinstance(condition, Condition):
        least = _get(check, "min", 1)
        if Decimal(str(least)) >= 1:
            return (
                f"所有记录均已填写{condition.column}"
                if condition.op == "filled"
                else f"所有记录均{met(condition)}"
            )
        return f"{met(condition)}的记录占比不低于{percent_text(least)}"
    values, column = _get(check, "values"), _get(check, "column")
    if isinstance(values, tuple) and column:
        return f"{column}覆盖{'、'.join(str(v) for v in values)}"
    period = _get(check, "period")
    if isinstance(period, str) and period in PERIOD_UNITS:
        return f"{PERIOD_UNITS[period][2]}均有{filter_text(where)}记录"
    return ""


def measure(clause: Clause) -> str:
    """What a tiered or proportional clause measures: 覆盖率, 登记人已填写的记录占比, 群众评议指数."""
    check = clause.check
    kind = getattr(check, "VALUE_KIND", None)
    period = _get(check, "period")
    if isinstance(period, str) and period in PERIOD_UNITS:
        return f"{PERIOD_UNITS[period][2]}覆盖率" if period != "weekday" else "工作日覆盖率"
    condition = _get(check, "condition")
    if kind == "share" and isinstance(condition, Condition):
        return f"{met(condition)}的记录占比"
    if kind == "index":
        return clause.title if clause.title.endswith("指数") else f"{clause.title}指数"
    numerator, denominator = _get(check, "numerator"), _get(check, "denominator")
    if kind == "ratio" and numerator and denominator:
        return f"{numerator}占{denominator}的比例"
    if kind == "count":
        return f"{filter_text(tuple(_get(check, 'where', ()) or ()))}记录数"
    return "达标程度"


def _threshold(clause: Clause, value: Decimal) -> str:
    kind = getattr(clause.check, "VALUE_KIND", None)
    return percent_text(value) if kind in ("share", "ratio") else points_text(value)


def _per_text(points: Decimal, count: int | None) -> str | None:
    if not count:
        return None
    share = Fraction(points) / count
    if (share * 100).denominator != 1:
        return None
    return points_text(share)


def _credit_rule(clause: Clause, credit: Credit) -> str:
    points = points_text(clause.points)
    count, unit = items_of(clause)
    if credit.mode == "per_item":
        per = _per_text(clause.points, count)
        if per is not None:
            one = unit if unit != "项" else "项"
            return f"每{one.lstrip('个')}{per}分，缺一{unit}扣{per}分"
        total = f"共{count}{unit}，" if count else ""
        return f"{total}按达标的{unit.lstrip('个')}数所占比例计分"
    if credit.mode == "deduct":
        return f"每缺一{unit}扣{points_text(credit.per or 0)}分，扣完为止"
    if credit.mode == "proportional":
        return f"按{measure(clause)}计分（{points}分×占比）"
    if credit.mode == "tiers":
        name = measure(clause)
        steps = [f"{TIER_SIGN}{_threshold(clause, t.min)}得{points_text(t.points)}分" for t in credit.tiers]
        text = name + "，".join(steps)
        if credit.tiers:
            text += f"，低于{_threshold(clause, credit.tiers[-1].min)}不得分"
        least = _get(clause.check, "min_count")
        if isinstance(least, int) and least > 1:
            text += f"（有效样本不少于{least}份）"
        return text
    if credit.mode == "per_unit":
        what = criterion(clause) if clause.kind != "bonus" else ""
        per = points_text(credit.per or 0)
        return f"{what}每{_unit_of(clause)}加{per}分" if not what else f"{what}，每{_unit_of(clause)}{per}分"
    what = criterion(clause) or "达到要求"
    return f"{what}得{points}分，否则不得分"


def _unit_of(clause: Clause) -> str:
    where = tuple(_get(clause.check, "where", ()) or ())
    if getattr(clause.check, "TYPE", "") == "row_count":
        noun = filter_text(where)
        return f"条{noun}记录" if noun else "条记录"
    return items_of(clause)[1].lstrip("个")


def violation(clause: Clause) -> str:
    """What triggers a veto clause, in words: 发现违规; 无全职记录."""
    check = clause.check
    conditions = _conditions(check)
    if conditions:
        joiner = "且" if str(_get(check, "match", "any")) == "any" else "或"
        return joiner.join(unmet(c) for c in conditions)
    if getattr(check, "TYPE", "") == "row_count":
        where = tuple(_get(check, "where", ()) or ())
        op, value = str(_get(check, "op", ">=")), _get(check, "value", 0)
        noun = filter_text(where)
        if op == ">=" and value == 1:
            return f"无{noun}记录"
        return f"{noun}记录{SHORT_WORDS.get(op, '不符合')}{value}条"
    text = criterion(clause)
    return f"未做到{text}" if text else clause.requirement or clause.title


@lru_cache(maxsize=2048)
def rule_text(clause: Clause, veto_grade: str = "") -> str:
    """考核标准(分值) of a clause: its points and how they are earned, a bonus's cap, a veto's trigger."""
    if clause.kind == "veto":
        grade = f"，直接评为{veto_grade}" if veto_grade else ""
        return f"{VETO}：{violation(clause)}的{grade}"
    rule = _credit_rule(clause, clause.credit)
    if clause.kind == "bonus":
        return f"加分项，{rule}，最多加{points_text(clause.points)}分"
    return f"{points_text(clause.points)}分，{rule}"


def credit_text(credit: Credit) -> str:
    """The credit mode alone, in a few words (the tree of `audit standard show`)."""
    if credit.mode == "deduct":
        return f"每项扣{points_text(credit.per or 0)}分，扣完为止"
    if credit.mode == "per_item":
        return "按项平均计分"
    if credit.mode == "proportional":
        return "按比例计分"
    if credit.mode == "tiers":
        return "分档：" + "，".join(
            f"{TIER_SIGN}{points_text(t.min)}得{points_text(t.points)}分" for t in credit.tiers
        )
    if credit.mode == "per_unit":
        return f"每项{points_text(credit.per or 0)}分"
    return "达标得全分，否则0分"

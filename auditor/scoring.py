"""Partial credit, statuses and totals. Pure functions over exact fractions.

* ``all_or_nothing``: the points or 0 (from ``passed``).
* ``per_item``: points split equally over the items, for each item met.
* ``deduct``: ``per`` off for each item not met, floored at 0.
* ``proportional``: points x share, rounded half up to 2 decimals.
* ``tiers``: the points of the first tier whose ``min`` the value reaches, else 0.
* ``per_unit``: ``per`` for each unit counted (bonus clauses; capped at the clause's cap).

Totals: base = earned / applicable max x 100 (not-applicable and waived clauses leave the denominator);
final = min(100, base + bonus), rounded half up to one decimal; a triggered veto sets the
veto grade whatever the score; grades apply to the rounded final.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from auditor.result import OUT_OF_SCORE, ClauseResult, Outcome, Status
from auditor.standard.model import HUNDRED, ONE, ZERO, Clause, Standard, exact, round_half_up

__all__ = ["earned_points", "round_half_up", "status_of", "totals", "veto_triggered"]


def earned_points(clause: Clause, outcome: Outcome) -> Fraction:
    """The points a clause earns from its check's outcome (0 for missing evidence and veto clauses)."""
    if clause.kind == "veto" or outcome.missing:
        return ZERO
    points = exact(clause.points)
    credit = clause.credit
    earned: Fraction
    if credit.mode == "all_or_nothing":  # within [0, points] by construction: no clamping
        return points if outcome.passed else ZERO
    if credit.mode == "per_item":
        items = outcome.items or []
        if not items:
            return ZERO
        met = sum(1 for _, ok in items if ok)
        return points if met == len(items) else points * met / len(items)
    if credit.mode == "deduct":
        defects = sum(1 for _, ok in outcome.items or [] if not ok)
        earned = max(ZERO, points - exact(credit.per or 0) * defects)
    elif credit.mode == "proportional":
        share = outcome.value if outcome.value is not None else ZERO
        earned = exact(round_half_up(points * min(max(share, ZERO), ONE), 2))
    elif credit.mode == "tiers":
        earned = ZERO
        if outcome.value is not None:
            for tier in credit.tiers:
                if outcome.value >= exact(tier.min):
                    earned = exact(tier.points)
                    break
    else:  # per_unit
        earned = exact(credit.per or 0) * (outcome.value or ZERO)
    return min(max(earned, ZERO), points)


def veto_triggered(clause: Clause, outcome: Outcome) -> bool:
    """A veto triggers only on readable evidence that fails the check."""
    return clause.kind == "veto" and not outcome.missing and outcome.errors == 0 and outcome.passed is False


def status_of(clause: Clause, outcome: Outcome, earned: Fraction) -> Status:
    if clause.kind == "veto":
        if outcome.missing:
            return "missing"
        if outcome.errors:
            return "error"
        return "fail" if outcome.passed is False else "pass"
    if outcome.missing and clause.kind != "bonus":
        return "missing"
    if outcome.errors:
        return "error"
    points = exact(clause.points)
    if earned is points or earned >= points:  # the clause's own points (shared): no comparison to make
        return "pass"
    return "fail" if earned is ZERO or earned == 0 else "partial"


@dataclass(frozen=True)
class Totals:
    earned: Fraction
    applicable_max: Fraction
    base: Fraction
    bonus: Fraction
    final: Decimal
    base_rounded: Decimal
    bonus_rounded: Decimal
    grade: str
    veto: bool


def _exact_sum(values: Iterable[Fraction]) -> Fraction:
    """``sum(values, ZERO)``, added as integers over the common denominator: the same fraction (a Fraction is
    always in lowest terms), without a Fraction made at each step."""
    fractions = list(values)
    if not all(type(v) is Fraction for v in fractions):
        return sum(fractions, ZERO)
    common = math.lcm(*(v.denominator for v in fractions)) if fractions else 1
    return Fraction(sum(v.numerator * (common // v.denominator) for v in fractions), common)


def totals(standard: Standard, results: Sequence[ClauseResult], vetoed: bool) -> Totals:
    scored = [r for r in results if r.kind == "scored" and r.status not in OUT_OF_SCORE]
    earned = _exact_sum(r.earned for r in scored)
    applicable = _exact_sum(r.max for r in scored)
    base = earned / applicable * HUNDRED if applicable else ZERO
    bonus = _exact_sum(r.earned for r in results if r.kind == "bonus" and r.status not in OUT_OF_SCORE)
    final = round_half_up(min(HUNDRED, base + bonus), 1)
    grade = standard.veto_grade if vetoed else standard.grade_for(final)
    return Totals(
        earned, applicable, base, bonus, final, round_half_up(base, 1), round_half_up(bonus, 1), grade, vetoed
    )

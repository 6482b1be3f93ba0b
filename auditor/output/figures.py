"""The numbers the Excel reports and the web pages share, as pure functions over results.

Points are exact fractions in the results; :func:`two` rounds them half up to the two decimals
every report shows (the same rounding as ``audit check --format json``).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from auditor.result import CenterResult, ClauseResult
from auditor.standard.model import Clause, Standard, round_half_up


def two(value: Fraction) -> float:
    """Points as the reports show them: rounded half up to 2 decimals."""
    return float(round_half_up(value, 2))


def clauses_by_id(standard: Standard) -> dict[str, Clause]:
    return {c.id: c for c in standard.clauses}


def remediation_items(
    standard: Standard, center: CenterResult
) -> list[tuple[ClauseResult, Clause, Fraction]]:
    """Clauses short of full points, most recoverable points first (vetoes first of all)."""
    clauses = clauses_by_id(standard)
    items = []
    for r in center.clauses:
        clause = clauses[r.id]
        if r.status in ("not_applicable", "pass", "waived"):
            continue
        if r.kind == "veto" and r.status == "pass":
            continue
        if r.kind == "bonus" and r.status != "error":
            continue
        items.append((r, clause, r.lost))
    order = {c.id: i for i, c in enumerate(standard.clauses)}
    return sorted(items, key=lambda t: (t[0].kind != "veto", -t[2], order[t[0].id]))


def part_scores(standard: Standard, center: CenterResult) -> list[tuple[str, Fraction, Fraction]]:
    """(part title, earned, applicable max) of every part that carries base points."""
    results = {r.id: r for r in center.clauses}
    rows = []
    for part in standard.parts:
        scored = [results[c.id] for c in part.clauses if c.kind == "scored"]
        if not scored:
            continue
        applicable = [r for r in scored if r.status != "not_applicable"]
        rows.append(
            (
                f"{part.id} {part.title}",
                sum((r.earned for r in applicable), Fraction(0)),
                sum((r.max for r in applicable), Fraction(0)),
            )
        )
    return rows


def ranked(centers: Sequence[CenterResult]) -> list[CenterResult]:
    """Centers by score, highest first (ties by center id, then file)."""
    return sorted(centers, key=lambda c: (-c.score, c.center_id or "", c.file))


def clause_rates(standard: Standard, centers: Sequence[CenterResult]) -> list[dict[str, Any]]:
    """Per clause, over all centers: how many earned all, part or none of its points, how many it did not
    apply to, the average earned and the share of full points (of a veto: passed / triggered)."""
    rows = []
    for index, clause in enumerate(standard.clauses):
        results = [c.clauses[index] for c in centers]
        applicable = [r for r in results if r.status != "not_applicable"]
        if clause.kind == "veto":
            full = sum(1 for r in applicable if r.status == "pass")
            none = sum(1 for r in applicable if r.status == "fail")
            partial = 0
        else:
            full = sum(1 for r in applicable if r.max and r.earned >= r.max)
            none = sum(1 for r in applicable if r.earned == 0)
            partial = len(applicable) - full - none
        average = (
            sum((r.earned for r in applicable), Fraction(0)) / len(applicable) if applicable else Fraction(0)
        )
        rows.append(
            {
                "id": clause.id,
                "title": clause.title,
                "max": clause.points,
                "kind": clause.kind,
                "full": full,
                "partial": partial,
                "none": none,
                "na": len(results) - len(applicable),
                "average": average,
                "rate": Fraction(full, len(applicable)) if applicable else Fraction(0),
            }
        )
    return rows

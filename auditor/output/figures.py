"""The numbers the Excel reports and the web pages share, as pure functions over results.

Points are exact fractions in the results; :func:`two` rounds them half up to the two decimals
every report shows (the same rounding as ``audit check --format json``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from auditor.result import OUT_OF_SCORE, CenterResult, ClauseResult
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


def needs_attention(result: ClauseResult) -> bool:
    """A clause the terminal lists: short of its points (a bonus only when its evidence is unreadable)."""
    if result.status in ("pass", "not_applicable", "waived"):
        return False
    return not (result.kind == "bonus" and result.status != "error")


def part_scores(standard: Standard, center: CenterResult) -> list[tuple[str, Fraction, Fraction]]:
    """(part title, earned, applicable max) of every part that carries base points."""
    results = {r.id: r for r in center.clauses}
    rows = []
    for part in standard.parts:
        scored = [results[c.id] for c in part.clauses if c.kind == "scored"]
        if not scored:
            continue
        applicable = [r for r in scored if r.status not in OUT_OF_SCORE]
        rows.append(
            (
                f"{part.id} {part.title}",
                sum((r.earned for r in applicable), Fraction(0)),
                sum((r.max for r in applicable), Fraction(0)),
            )
        )
    return rows


def rank_key(center: CenterResult) -> tuple[bool, Decimal]:
    """What a rank depends on: a veto (vetoed centers come after every other), then the score."""
    return center.veto, -center.score


def ranked(centers: Sequence[CenterResult]) -> list[CenterResult]:
    """Centers in ranking order: without a veto first, by score, highest first; then the vetoed ones by score
    (equal scores in the order of center id, then file)."""
    return sorted(centers, key=lambda c: (*rank_key(c), c.center_id or "", c.file))


def ranking(centers: Sequence[CenterResult]) -> list[tuple[int, CenterResult]]:
    """(rank, center) in ranking order; equal scores share a rank (并列: 1, 1, 3)."""
    rows: list[tuple[int, CenterResult]] = []
    for i, center in enumerate(ranked(centers), start=1):
        tied = rows and rank_key(rows[-1][1]) == rank_key(center)
        rows.append((rows[-1][0] if tied else i, center))
    return rows


def tied_ranks(rows: Sequence[tuple[int, CenterResult]]) -> set[int]:
    """Ranks shared by more than one center."""
    seen = Counter(rank for rank, _ in rows)
    return {rank for rank, n in seen.items() if n > 1}


def grouped(
    centers: Sequence[CenterResult], key: Callable[[CenterResult], str | None]
) -> list[tuple[str, list[tuple[int, CenterResult]]]]:
    """Centers grouped by `key` (groups in order of first appearance in the ranking, blank last), each ranked
    within its group."""
    groups: dict[str, list[CenterResult]] = {}
    for center in ranked(centers):
        groups.setdefault(key(center) or "", []).append(center)
    order = sorted(groups, key=lambda g: g == "")
    return [(g, ranking(groups[g])) for g in order]


@dataclass(frozen=True)
class Street:
    """One street (district) over its centers: how many, the average final score, the grade mix, the vetoes."""

    name: str
    centers: tuple[CenterResult, ...]
    average: Decimal
    grades: dict[str, int]
    vetoes: int


def streets(standard: Standard, centers: Sequence[CenterResult]) -> list[tuple[int, Street]]:
    """(rank, street) by average final score, highest first; equal averages share a rank."""
    found: list[Street] = []
    for name, rows in grouped(centers, lambda c: c.district):
        members = tuple(c for _, c in rows)
        average = round_half_up(sum((Fraction(c.score) for c in members), Fraction(0)) / len(members), 1)
        grades = {g.name: 0 for g in standard.grades}
        grades.setdefault(standard.veto_grade, 0)
        for c in members:
            grades[c.grade] = grades.get(c.grade, 0) + 1
        found.append(Street(name, members, average, grades, sum(1 for c in members if c.veto)))
    found.sort(key=lambda s: (s.name == "", -s.average, s.name))
    out: list[tuple[int, Street]] = []
    for i, street in enumerate(found, start=1):
        tied = out and out[-1][1].average == street.average
        out.append((out[-1][0] if tied else i, street))
    return out


def clause_rates(standard: Standard, centers: Sequence[CenterResult]) -> list[dict[str, Any]]:
    """Per clause, over all centers: how many earned all, part or none of its points, how many it did not
    apply to, the average earned and the share of full points (of a veto: passed / triggered)."""
    rows = []
    for index, clause in enumerate(standard.clauses):
        results = [c.clauses[index] for c in centers]
        applicable = [r for r in results if r.status not in OUT_OF_SCORE]
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

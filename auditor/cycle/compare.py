"""整改回头看 and year over year: two runs of the same centers compared, clause by clause (cycle.md).

Pure: two sequences of :class:`~auditor.result.CenterResult` and the two standards they were scored
with in, a :class:`~auditor.result.Comparison` out. Review decisions (复核/豁免) are applied to the
results before they come here, so a waived clause reads as such on either side.

The rules, where cycle.md leaves them open:

* Centers are matched by center id. A center without an id, a second center with an id already seen
  on its side, and a center found on one side only are listed with the other side empty, never
  dropped; they count in no completion rate.
* Clauses are matched by id; a clause of AFTER's standard that ``replaces: [ids]`` continues each of
  those of BEFORE's (a merge of two clauses gives two pairs). A clause on one side only is
  ``added`` / ``removed``.
* Points are compared as printed (rounded half up to two decimals), so the outcome read from a
  ``--format json`` document equals the outcome of the workbooks themselves; as shares of the
  clause's points, so a clause whose points changed between two standards compares fairly. A veto
  compares by its status: passed or not.
* ``new`` is any clause that has fewer points than before (full before and short now, or short
  before and shorter now): either way the center lost points it had, which is what a re-inspection
  gates on (``--fail-on-new``). A bonus is never a problem: fewer bonus points read ``ok``.
* A clause not applicable or waived in AFTER reads ``not_applicable``; not applicable or waived in
  BEFORE, it reads ``ok`` when full in AFTER and ``new`` when short.
* BEFORE's 整改清单 items are the clauses short of full points and the failed (or unreadable) vetoes;
  bonuses, ``not_applicable`` and ``waived`` clauses are not items. The 整改完成率 counts the items
  whose clause can be told in AFTER (itself or the clause that replaces it): ``fixed`` of those. An
  item whose clause AFTER removed, or that AFTER does not apply or waives, is listed but leaves the
  denominator.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from auditor.result import (
    CenterChange,
    CenterResult,
    CenterSide,
    ClauseChange,
    ClauseOutcome,
    ClauseResult,
    ClauseSide,
    Comparison,
    CompletionRate,
)
from auditor.standard.model import Standard, round_half_up

NOT_ASSESSED = ("not_applicable", "waived")
COUNTED: frozenset[ClauseOutcome] = frozenset(("fixed", "improved", "open", "new"))
Typed = Mapping[str, Mapping[str, tuple[str, ...]]]  # center id -> clause id -> the typed columns


class Cache:
    """What recurs across centers, made once: sides and outcomes."""

    def __init__(self) -> None:
        self.sides: dict[tuple[str, Fraction, Fraction], ClauseSide] = {}
        self.outcomes: dict[tuple[int, int, str], ClauseOutcome] = {}
        # results read from a document recur as the same objects (json_in): their changes are made once
        self.changes: dict[tuple[int, int], ClauseChange] = {}
        self.kept: list[object] = []  # what the ids of `changes` refer to, kept alive

    def outcome(self, before: ClauseSide, after: ClauseSide, kind: str) -> ClauseOutcome:
        key = (id(before), id(after), kind)  # sides are made once (and kept by `sides`): their ids are theirs
        found = self.outcomes.get(key)
        if found is None:
            found = self.outcomes[key] = outcome(before, after, kind)
        return found


def is_item(result: ClauseResult) -> bool:
    """One of the 整改清单's items: short of full points, or a veto that did not pass; never a bonus."""
    return result.kind != "bonus" and result.status not in ("pass", *NOT_ASSESSED)


def _two(value: Fraction) -> Fraction:
    return value if 100 % value.denominator == 0 else Fraction(round_half_up(value, 2))


def _side(result: ClauseResult, cache: dict[tuple[str, Fraction, Fraction], ClauseSide]) -> ClauseSide:
    """The clause as compared; the same few sides recur across thousands of centers, so each is made once."""
    key = (result.status, result.earned, result.max)
    side = cache.get(key)
    if side is None:
        side = cache[key] = ClauseSide(result.status, _two(result.earned), _two(result.max))
    return side


def _full(side: ClauseSide, kind: str) -> bool:
    if kind == "veto" or not side.max:
        return side.status == "pass"
    return side.earned >= side.max


def outcome(before: ClauseSide, after: ClauseSide, kind: str) -> ClauseOutcome:
    """What became of one clause between two runs (the rules in the module's docstring)."""
    if after.status in NOT_ASSESSED:
        return "not_applicable"
    full_after = _full(after, kind)
    if before.status in NOT_ASSESSED:
        return "ok" if full_after or kind == "bonus" else "new"
    if kind == "bonus":
        return "improved" if after.earned > before.earned else "ok"
    full_before = _full(before, kind)
    if full_after:
        return "ok" if full_before else "fixed"
    if full_before:
        return "new"
    if kind == "veto" or not before.max or not after.max:
        return "open"
    share_before, share_after = before.earned / before.max, after.earned / after.max
    if share_after > share_before:
        return "improved"
    return "open" if share_after == share_before else "new"


def pairs(before: Standard, after: Standard) -> dict[str, tuple[str, ...]]:
    """AFTER's clause id -> the ids of BEFORE's it continues: its own, else those it ``replaces``."""
    old = {c.id for c in before.clauses}
    own = {c.id for c in after.clauses if c.id in old}
    out: dict[str, tuple[str, ...]] = {}
    for clause in after.clauses:
        if clause.id in old:
            out[clause.id] = (clause.id,)
        else:
            out[clause.id] = tuple(r for r in clause.replaces if r in old and r not in own)
    return out


def _center_change(
    before: CenterResult | None,
    after: CenterResult | None,
    paired: Mapping[str, tuple[str, ...]],
    typed: Mapping[str, tuple[str, ...]],
    cache: Cache,
) -> CenterChange:
    either = after or before
    assert either is not None
    if before is None or after is None:  # one side only: nothing to compare
        return CenterChange(
            either.center_id,
            either.name,
            either.type,
            either.district,
            CenterSide(before.file, before.score, before.grade, before.veto) if before else None,
            CenterSide(after.file, after.score, after.grade, after.veto) if after else None,
            (),
        )
    olds = {r.id: r for r in before.clauses}
    used: set[str] = set()
    changes: list[ClauseChange] = []
    items = fixed = 0
    for r in after.clauses:
        sources = paired.get(r.id) or ((r.id,) if r.id in olds else ())
        found = [olds[s] for s in sources if s in olds]
        if not found:
            changes.append(ClauseChange(r.id, None, r.title, r.kind, "added", None, _side(r, cache.sides)))
            continue
        for old in found:
            used.add(old.id)
            item = is_item(old)
            typed_text = typed.get(old.id, ()) if item else ()
            key = (id(old), id(r))
            change = None if typed_text else cache.changes.get(key)
            if change is None:
                side_b, side_a = _side(old, cache.sides), _side(r, cache.sides)
                result = cache.outcome(side_b, side_a, r.kind)
                counted = item and result in COUNTED
                change = ClauseChange(
                    r.id, old.id, r.title, r.kind, result, side_b, side_a, item, counted, typed_text
                )
                if not typed_text:
                    cache.changes[key] = change
                    cache.kept.append((old, r))
            items += change.counted
            fixed += change.counted and change.outcome == "fixed"
            changes.append(change)
    for old in before.clauses:
        if old.id in used:
            continue
        item = is_item(old)
        typed_text = typed.get(old.id, ()) if item else ()
        changes.append(
            ClauseChange(
                old.id,
                old.id,
                old.title,
                old.kind,
                "removed",
                _side(old, cache.sides),
                None,
                item,
                False,
                typed_text,
            )
        )
    return CenterChange(
        after.center_id,
        after.name or before.name,
        after.type or before.type,
        after.district or before.district,
        CenterSide(before.file, before.score, before.grade, before.veto),
        CenterSide(after.file, after.score, after.grade, after.veto),
        tuple(changes),
        items,
        fixed,
    )


def _rates(centers: Iterable[CenterChange], key: str) -> tuple[CompletionRate, ...]:
    groups: dict[str, list[int]] = {}
    for c in centers:
        name = getattr(c, key) or ""
        group = groups.setdefault(name, [0, 0, 0])
        group[0] += 1
        group[1] += c.items
        group[2] += c.fixed
    return tuple(CompletionRate(name, *group) for name, group in sorted(groups.items()))


def compare(
    before: Sequence[CenterResult],
    after: Sequence[CenterResult],
    before_standard: Standard,
    after_standard: Standard,
    typed: Typed | None = None,
) -> Comparison:
    """BEFORE and AFTER compared: a change per center (AFTER's order, then the centers of BEFORE only),
    the completion rates per district (street), per center type and for the whole (of the centers on both sides)."""
    paired = pairs(before_standard, after_standard)
    typed = typed or {}
    cache = Cache()
    olds: dict[str, CenterResult] = {}
    alone_before: list[CenterResult] = []
    for center in before:
        if center.center_id and center.center_id not in olds:
            olds[center.center_id] = center
        else:
            alone_before.append(center)
    seen: set[str] = set()
    changes: list[CenterChange] = []
    for center in after:
        cid = center.center_id
        old = olds.get(cid) if cid and cid not in seen else None
        if cid:
            seen.add(cid)
        changes.append(_center_change(old, center, paired, typed.get(cid or "", {}) if old else {}, cache))
    alone = {id(c) for c in alone_before}
    for center in before:
        if id(center) in alone or (center.center_id and center.center_id not in seen):
            changes.append(_center_change(center, None, paired, {}, cache))
    both = [c for c in changes if c.before is not None and c.after is not None]
    old_ids = {c.id for c in before_standard.clauses}
    continued = {s for sources in paired.values() for s in sources}
    return Comparison(
        tuple(changes),
        _rates(both, "district"),
        _rates(both, "type"),
        CompletionRate("", len(both), sum(c.items for c in both), sum(c.fixed for c in both)),
        tuple(cid for cid, sources in paired.items() if not sources),
        tuple(c.id for c in before_standard.clauses if c.id not in continued),
        tuple((cid, s) for cid, sources in paired.items() for s in sources if s != cid and s in old_ids),
    )

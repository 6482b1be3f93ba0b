"""What changed between two standards: clauses, grade bands, layout — as records, worded by the writers.

:func:`diff_standards` pairs the clauses of the old and the new standard by id, or by a new
clause's ``replaces: [old ids]`` when an id was renamed, and lists for each pair what differs:
its part, title, requirement, method, kind (scored, bonus, veto), points (a bonus clause's cap), the
check's parameters (with their defaults filled in, so writing a default out is no change), the
credit rule, ``applies_when`` and the remediation hint. Clauses of one side only are added or removed. Grade bands are compared
by name, the layout by sheet and field or column name. Two identical standards have an empty diff.

It is also what a year-over-year comparison uses to tell which changes of a center's results come
from the standard rather than from the center (:meth:`StandardDiff.pairs`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from auditor.checks import REGISTRY
from auditor.checks.build import with_defaults
from auditor.standard.model import Clause, FieldSpec, SheetSpec, Standard


def plain(value: Any) -> Any:
    """A value as JSON holds it: numbers as int or float, tuples as lists, dates as text."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


@dataclass(frozen=True)
class Change:
    """One value that differs: ``key`` names it (``points``, ``check.value``, ``credit.tiers``...); ``old`` or
    ``new`` is None where the value is absent on that side."""

    key: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ClauseInfo:
    id: str
    title: str
    part: str
    kind: str
    points: Any


@dataclass(frozen=True)
class ClauseChange:
    """A clause of both standards (``old_id`` differs from ``id`` when the new one ``replaces`` it)."""

    id: str
    old_id: str
    title: str
    changes: tuple[Change, ...]


LayoutKind = Literal[
    "sheet_added", "sheet_removed", "sheet_changed", "field_added", "field_removed", "field_changed"
]


@dataclass(frozen=True)
class LayoutChange:
    kind: LayoutKind
    sheet: str
    name: str = ""  # the field or column
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class StandardDiff:
    old: Standard
    new: Standard
    standard: tuple[Change, ...]
    grades: tuple[Change, ...]  # key: the grade's name; old/new: its minimum (None: not a grade there)
    added: tuple[ClauseInfo, ...]
    removed: tuple[ClauseInfo, ...]
    changed: tuple[ClauseChange, ...]
    layout: tuple[LayoutChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.standard or self.grades or self.added or self.removed or self.changed or self.layout)

    def pairs(self) -> dict[str, str]:
        """New clause id -> the old clause it continues (renamed ones included)."""
        return _pair(self.old.clauses, self.new.clauses)


def _raw_clauses(standard: Standard) -> dict[str, Mapping[str, Any]]:
    parts = standard.raw.get("parts")
    out: dict[str, Mapping[str, Any]] = {}
    for part in parts if isinstance(parts, list) else []:
        for clause in part.get("clauses", []):
            out[str(clause.get("id"))] = clause
    return out


def _info(clause: Clause) -> ClauseInfo:
    return ClauseInfo(clause.id, clause.title, clause.part_id, clause.kind, plain(clause.points))


def _pair(old: Sequence[Clause], new: Sequence[Clause]) -> dict[str, str]:
    old_ids = {c.id for c in old}
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for clause in new:
        if clause.id in old_ids:
            pairs[clause.id] = clause.id
            taken.add(clause.id)
    for clause in new:
        if clause.id not in pairs:
            match = next((r for r in clause.replaces if r in old_ids and r not in taken), None)
            if match is not None:
                pairs[clause.id] = match
                taken.add(match)
    return pairs


def _check_params(raw: Mapping[str, Any]) -> dict[str, Any]:
    check = dict(raw.get("check", {}))
    known = REGISTRY.get(str(check.get("type")))
    return with_defaults(known.SCHEMA, check) if known is not None else check


def _value(value: Any) -> Any:
    """A value as compared: an empty list or mapping is as good as none (``where: []``)."""
    shown = plain(value)
    return None if shown in ([], {}) else shown


def _changes(prefix: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    keys = list(dict.fromkeys([*old, *new]))
    return [
        Change(f"{prefix}{k}", _value(old.get(k)), _value(new.get(k)))
        for k in keys
        if _value(old.get(k)) != _value(new.get(k))
    ]


def _clause_changes(
    old: Clause, new: Clause, old_raw: Mapping[str, Any], new_raw: Mapping[str, Any]
) -> list[Change]:
    out: list[Change] = []
    for key, a, b in (
        ("part", old.part_id, new.part_id),
        ("title", old.title, new.title),
        ("requirement", old.requirement, new.requirement),
        ("method", old.method, new.method),
        ("kind", old.kind, new.kind),
        ("points", old.points, new.points),
    ):
        if plain(a) != plain(b):
            out.append(Change(key, plain(a), plain(b)))
    old_check, new_check = _check_params(old_raw), _check_params(new_raw)
    if old_check.get("type") != new_check.get("type"):
        out.append(Change("check", plain(old_check), plain(new_check)))
    else:
        out += _changes("check.", old_check, new_check)
    default = {"mode": "all_or_nothing"}
    out += _changes("credit.", old_raw.get("credit", default), new_raw.get("credit", default))
    if plain(old_raw.get("applies_when")) != plain(new_raw.get("applies_when")):
        out.append(
            Change("applies_when", plain(old_raw.get("applies_when")), plain(new_raw.get("applies_when")))
        )
    if old.remediation != new.remediation:
        out.append(Change("remediation", old.remediation, new.remediation))
    return out


def _clauses(old: Standard, new: Standard) -> tuple[list[ClauseInfo], list[ClauseInfo], list[ClauseChange]]:
    pairs = _pair(old.clauses, new.clauses)
    old_by_id = {c.id: c for c in old.clauses}
    old_raw, new_raw = _raw_clauses(old), _raw_clauses(new)
    added = [_info(c) for c in new.clauses if c.id not in pairs]
    kept = set(pairs.values())
    removed = [_info(c) for c in old.clauses if c.id not in kept]
    changed = []
    for clause in new.clauses:
        if clause.id in pairs:
            before = old_by_id[pairs[clause.id]]
            found = _clause_changes(before, clause, old_raw.get(before.id, {}), new_raw.get(clause.id, {}))
            if found or before.id != clause.id:
                changed.append(ClauseChange(clause.id, before.id, clause.title, tuple(found)))
    return added, removed, changed


def _grades(old: Standard, new: Standard) -> list[Change]:
    a = {g.name: g.min for g in old.grades}
    b = {g.name: g.min for g in new.grades}
    names = list(dict.fromkeys([*a, *b]))
    return [Change(n, plain(a.get(n)), plain(b.get(n))) for n in names if a.get(n) != b.get(n)]


def _field_changes(old: FieldSpec, new: FieldSpec) -> tuple[Change, ...]:
    keys = ("type", "values", "units", "required", "pii", "unique", "aliases", "min", "synonyms")
    return tuple(
        Change(k, plain(getattr(old, k)), plain(getattr(new, k)))
        for k in keys
        if getattr(old, k) != getattr(new, k)
    )


def _sheet(old: SheetSpec, new: SheetSpec) -> list[LayoutChange]:
    out: list[LayoutChange] = []
    if old.kind != new.kind or old.optional != new.optional:
        changes = [Change(k, getattr(old, k), getattr(new, k)) for k in ("kind", "optional")]
        out.append(LayoutChange("sheet_changed", new.name, "", tuple(c for c in changes if c.old != c.new)))
    a = {f.name: f for f in old.fields}
    b = {f.name: f for f in new.fields}
    out += [LayoutChange("field_removed", new.name, n) for n in a if n not in b]
    out += [LayoutChange("field_added", new.name, n) for n in b if n not in a]
    for name in (n for n in b if n in a):
        found = _field_changes(a[name], b[name])
        if found:
            out.append(LayoutChange("field_changed", new.name, name, found))
    return out


def _layout(old: Standard, new: Standard) -> list[LayoutChange]:
    a = {s.name: s for s in old.layout}
    b = {s.name: s for s in new.layout}
    out = [LayoutChange("sheet_removed", n) for n in a if n not in b]
    out += [LayoutChange("sheet_added", n) for n in b if n not in a]
    for name in (n for n in b if n in a):
        out += _sheet(a[name], b[name])
    return out


def diff_standards(old: Standard, new: Standard) -> StandardDiff:
    """Everything that differs between two standards."""
    meta = [
        Change(k, plain(getattr(old, k)), plain(getattr(new, k)))
        for k in ("id", "title", "version", "year", "total", "veto_grade")
        if getattr(old, k) != getattr(new, k)
    ]
    added, removed, changed = _clauses(old, new)
    return StandardDiff(
        old,
        new,
        tuple(meta),
        tuple(_grades(old, new)),
        tuple(added),
        tuple(removed),
        tuple(changed),
        tuple(_layout(old, new)),
    )

"""A `--format json` document read back into result records (for comparing two runs, say).

The document holds what a reader of results needs, rounded as printed: `earned` and `max` to two
decimals, scores to one. A clause's kind, part, method and remediation are not in the document; given
the standard the document was made with, they are taken from it by clause id (else a clause reads as a
scored clause of no part). Reading a document and writing it again gives the same document.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

from auditor.errors import AuditError
from auditor.result import (
    STATUSES,
    AppliedDecision,
    BatchHint,
    CenterResult,
    ClauseResult,
    FileError,
    Finding,
    FindingCode,
    FindingKind,
    HintSide,
    Status,
)
from auditor.standard.model import Clause, Standard

KINDS = ("defect", "error", "missing", "note", "review", "hint")
# Points repeat (0, 0.5, 2.75, 12 ...): each value read is made a Fraction once (Fractions are immutable).
_FRACTIONS: dict[tuple[type, object], Fraction] = {}


@dataclass(frozen=True)
class Document:
    standard: dict[str, Any]
    year: int | None
    centers: tuple[CenterResult, ...]
    errors: tuple[FileError, ...]
    as_of: str | None = None  # the day every center was audited as of (--as-of), when given
    hints: tuple[BatchHint, ...] = ()  # the 疑点 across centers


def _number(value: object, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{where} 应为数字")
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _day(value: object, where: str) -> str | None:
    """An ISO date (as_of), or None when absent."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"{where} 应为日期（如 2018-06-30），而不是“{value}”") from None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _finding(raw: Mapping[str, Any]) -> Finding:
    kind = raw.get("kind", "defect")
    if kind not in KINDS:
        raise ValueError(f"未知的问题种类“{kind}”")
    return Finding(str(raw["message"]), str(raw.get("location", "")), cast(FindingKind, kind))


def _hint(raw: Mapping[str, Any]) -> Finding:
    return Finding(
        str(raw["message"]), str(raw.get("location", "")), "hint", cast(FindingCode, raw.get("code", ""))
    )


def _side(raw: Mapping[str, Any]) -> HintSide:
    return HintSide(
        str(raw["file"]),
        _text(raw.get("center_id")),
        _text(raw.get("name")),
        tuple(map(str, raw.get("cells", []))),
    )


def _batch_hint(raw: Mapping[str, Any]) -> BatchHint:
    first, second = raw["centers"]
    return BatchHint(cast(FindingCode, raw.get("code", "")), str(raw["message"]), _side(first), _side(second))


def _points(value: object, where: str) -> Fraction:
    key = (type(value), value)
    try:
        return _FRACTIONS[key]
    except (KeyError, TypeError):
        number = Fraction(_number(value, where))
        if len(_FRACTIONS) < 100_000:
            _FRACTIONS[key] = number
        return number


def _clause(raw: Mapping[str, Any], clauses: Mapping[str, Clause], findings: bool = True) -> ClauseResult:
    status = raw["status"]
    if status not in STATUSES:
        raise ValueError(f"未知的状态“{status}”")
    known = clauses.get(str(raw["id"]))
    self_score = raw.get("self_score")
    return ClauseResult(
        id=str(raw["id"]),
        title=str(raw["title"]),
        part_id=known.part_id if known else "",
        kind=known.kind if known else "scored",
        status=cast(Status, status),
        earned=_points(raw["earned"], "earned"),
        max=_points(raw["max"], "max"),
        findings=tuple(_finding(f) for f in raw.get("findings", [])) if findings else (),
        method=known.method if known else "",
        remediation=known.remediation if known else "",
        self_score=None if self_score is None else _number(self_score, "self_score"),
    )


def _decision(raw: Mapping[str, Any]) -> AppliedDecision:
    decision = raw["decision"]
    if decision not in ("waive", "override"):
        raise ValueError(f"未知的复核决定“{decision}”")
    points = raw.get("points")
    expires = raw.get("expires")
    return AppliedDecision(
        clause=str(raw["clause"]),
        decision=decision,
        points=None if points is None else _number(points, "points"),
        reason=str(raw["reason"]),
        approver=str(raw["approver"]),
        date=str(raw["date"]),
        expires=None if expires is None else str(expires),
        scope=str(raw.get("scope", "")),
        source=str(raw.get("source", "")),
    )


Made = dict[tuple[object, ...], ClauseResult]


def _bare_clause(raw: Mapping[str, Any], clauses: Mapping[str, Clause], made: Made) -> ClauseResult:
    """A clause without its findings: the same few recur across thousands of centers, each made once
    per document."""
    try:
        earned, maximum, own = raw["earned"], raw["max"], raw.get("self_score")
        key = (
            raw["id"],
            raw["title"],
            raw["status"],
            type(earned),
            earned,
            type(maximum),
            maximum,
            type(own),
            own,
        )
        found = made.get(key)
    except TypeError:  # a value that is not a plain JSON scalar: read as usual (and refused there)
        return _clause(raw, clauses, False)
    if found is None:
        found = made[key] = _clause(raw, clauses, False)
    return found


def _center(raw: Mapping[str, Any], clauses: Mapping[str, Clause], made: Made | None = None) -> CenterResult:
    year = raw.get("year")
    before = raw.get("score_before_review")
    return CenterResult(
        file=str(raw["file"]),
        center_id=_text(raw.get("center_id")),
        name=_text(raw.get("name")),
        type=_text(raw.get("type")),
        district=_text(raw.get("district")),
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        date=None,
        leader=None,
        score=_number(raw["score"], "score"),
        base=_number(raw["base"], "base"),
        bonus=_number(raw["bonus"], "bonus"),
        grade=str(raw["grade"]),
        veto=bool(raw["veto"]),
        veto_reasons=tuple(str(r) for r in raw.get("veto_reasons", [])),
        clauses=tuple(
            _clause(c, clauses) if made is None else _bare_clause(c, clauses, made)
            for c in raw.get("clauses", [])
        ),
        warnings=tuple(str(w) for w in raw.get("warnings", [])),
        as_of=_day(raw.get("as_of"), "as_of"),
        score_before_review=None if before is None else _number(before, "score_before_review"),
        decisions=tuple(_decision(d) for d in raw.get("decisions", [])),
        hints=tuple(_hint(h) for h in raw.get("hints", [])),
    )


def read_document(
    data: Any, standard: Standard | None = None, file: str = "", findings: bool = True
) -> Document:
    """A parsed `--format json` document -> records; AuditError naming what is wrong. Without `findings`
    the clauses carry none (what a comparison needs, read several times faster)."""
    clauses = {c.id: c for c in standard.clauses} if standard else {}
    try:
        if not isinstance(data, Mapping) or not isinstance(data.get("centers"), list):
            raise ValueError("不是 audit check --format json 的输出（缺少 centers）")
        made: Made | None = None if findings else {}
        centers = tuple(_center(c, clauses, made) for c in data["centers"])
        errors = tuple(FileError(str(e["file"]), str(e["message"])) for e in data.get("errors", []))
        year = data.get("year")
        hints = tuple(_batch_hint(h) for h in data.get("hints", []))
        return Document(
            dict(data.get("standard") or {}),
            year if isinstance(year, int) else None,
            centers,
            errors,
            _day(data.get("as_of"), "as_of"),
            hints,
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        detail = f"缺少“{exc.args[0]}”" if isinstance(exc, KeyError) else str(exc)
        raise AuditError(f"JSON 结果文件格式有误：{detail}", file) from None


def read_file(path: Path, standard: Standard | None = None, findings: bool = True) -> Document:
    """A `--format json` file -> records."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise AuditError(f"无法读取：{exc.strerror}", str(path)) from None
    except (UnicodeDecodeError, ValueError):
        raise AuditError("不是有效的 JSON（应为 audit check --format json 的输出）", str(path)) from None
    return read_document(data, standard, str(path), findings)

"""The `--format json` document (shared/spec/cli.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from auditor.result import CenterResult, ClauseResult, FileError
from auditor.scoring import round_half_up
from auditor.standard.model import Standard


def clause_dict(result: ClauseResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": result.id,
        "title": result.title,
        "status": result.status,
        "earned": float(round_half_up(result.earned, 2)),
        "max": float(round_half_up(result.max, 2)),
        "findings": [{"message": f.message, "location": f.location, "kind": f.kind} for f in result.findings],
    }
    if result.self_score is not None:
        data["self_score"] = float(result.self_score)
    return data


def center_dict(result: CenterResult) -> dict[str, Any]:
    return {
        "file": result.file,
        "center_id": result.center_id,
        "name": result.name,
        "type": result.type,
        "district": result.district,
        "year": result.year,
        "score": float(result.score),
        "base": float(result.base),
        "bonus": float(result.bonus),
        "grade": result.grade,
        "veto": result.veto,
        "veto_reasons": list(result.veto_reasons),
        "warnings": list(result.warnings),
        "clauses": [clause_dict(c) for c in result.clauses],
    }


def grade_counts(standard: Standard, centers: Sequence[CenterResult]) -> dict[str, int]:
    counts = {g.name: 0 for g in standard.grades}
    counts.setdefault(standard.veto_grade, 0)
    for center in centers:
        counts[center.grade] = counts.get(center.grade, 0) + 1
    return counts


def document(standard: Standard, centers: Sequence[CenterResult], errors: Sequence[FileError],
             year: int | None) -> dict[str, Any]:
    years = {c.year for c in centers}
    return {
        "standard": {"id": standard.id, "title": standard.title, "version": standard.version},
        "year": year if year is not None else (years.pop() if len(years) == 1 else None),
        "centers": [center_dict(c) for c in centers],
        "errors": [{"file": e.file, "message": e.message} for e in errors],
        "summary": {
            "centers": len(centers),
            "by_grade": grade_counts(standard, centers),
            "errors": len(errors),
        },
    }


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

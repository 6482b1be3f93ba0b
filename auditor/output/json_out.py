"""The `--format json` document (shared/spec/cli.md)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from fractions import Fraction
from json.encoder import encode_basestring as _encode
from typing import Any

from auditor.result import (
    AppliedDecision,
    BatchHint,
    CenterResult,
    ClauseResult,
    FileError,
    Finding,
    grade_counts,
)
from auditor.standard.model import Standard


def _hundredths(value: Fraction) -> float:
    """``float(round_half_up(value, 2))`` without the Decimal on the way: the rounded hundredths divided as
    integers, which Python rounds correctly, as float() of the Decimal does (the same float)."""
    quotient, rest = divmod(value.numerator * 100, value.denominator)
    if 2 * rest >= value.denominator:
        quotient += 1
    return quotient / 100


def clause_dict(result: ClauseResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": result.id,
        "title": result.title,
        "status": result.status,
        "earned": _hundredths(result.earned),
        "max": _hundredths(result.max),
        "findings": [{"message": f.message, "location": f.location, "kind": f.kind} for f in result.findings],
    }
    if result.self_score is not None:
        data["self_score"] = float(result.self_score)
    return data


def decision_dict(d: AppliedDecision) -> dict[str, Any]:
    return {
        "clause": d.clause,
        "decision": d.decision,
        "points": float(d.points) if d.points is not None else None,
        "reason": d.reason,
        "approver": d.approver,
        "date": d.date,
        "expires": d.expires,
        "scope": d.scope,
        "source": d.source,
    }


def center_dict(result: CenterResult, clauses: bool = True) -> dict[str, Any]:
    """The center's part of the document; `clauses` False: an empty list of them (see :func:`center_text`)."""
    data = {
        "file": result.file,
        "center_id": result.center_id,
        "name": result.name,
        "type": result.type,
        "district": result.district,
        "year": result.year,
        **({"as_of": result.as_of} if result.as_of else {}),
        "score": float(result.score),
        "base": float(result.base),
        "bonus": float(result.bonus),
        "grade": result.grade,
        "veto": result.veto,
        "veto_reasons": list(result.veto_reasons),
        "warnings": list(result.warnings),
        "clauses": [clause_dict(c) for c in result.clauses] if clauses else [],
        "hints": [hint_dict(h) for h in result.hints],
    }
    if result.decisions:  # review decisions applied (cli.md): the score is the reviewed one
        data["score_before_review"] = float(result.score_before_review or result.score)
        data["decisions"] = [decision_dict(d) for d in result.decisions]
    return data


def hint_dict(hint: Finding) -> dict[str, Any]:
    return {"code": hint.code, "message": hint.message, "location": hint.location, "kind": hint.kind}


def batch_hint_dict(hint: BatchHint) -> dict[str, Any]:
    sides = [
        {"file": s.file, "center_id": s.center_id, "name": s.name, "cells": list(s.cells)}
        for s in (hint.first, hint.second)
    ]
    return {"code": hint.code, "message": hint.message, "kind": "hint", "centers": sides}


def document(
    standard: Standard,
    centers: Sequence[CenterResult],
    errors: Sequence[FileError],
    year: int | None,
    batch_hints: Sequence[BatchHint] = (),
) -> dict[str, Any]:
    return _document(
        standard,
        {c.year for c in centers},
        [center_dict(c) for c in centers],
        errors,
        year,
        len(centers),
        grade_counts(standard, centers),
        one_as_of({c.as_of for c in centers}),
        sum(len(c.hints) for c in centers),
        batch_hints,
    )


def _document(
    standard: Standard,
    years: set[int | None],
    centers: list[Any],
    errors: Sequence[FileError],
    year: int | None,
    count: int,
    by_grade: dict[str, int],
    as_of: str | None = None,
    hints: int = 0,
    batch_hints: Sequence[BatchHint] = (),
) -> dict[str, Any]:
    """The one definition of the document's shape (shared with the streaming writer); `hints` counts the
    疑点 within the centers, `batch_hints` are those across them."""
    return {
        "standard": {"id": standard.id, "title": standard.title, "version": standard.version},
        "year": year if year is not None else (next(iter(years)) if len(years) == 1 else None),
        **({"as_of": as_of} if as_of else {}),
        "centers": centers,
        "errors": [{"file": e.file, "message": e.message} for e in errors],
        "hints": [batch_hint_dict(h) for h in batch_hints],
        "summary": {
            "centers": count,
            "by_grade": by_grade,
            "errors": len(errors),
            "hints": hints + len(batch_hints),
        },
    }


def one_as_of(days: set[str | None]) -> str | None:
    """The day every center was audited as of (--as-of), when they share one."""
    return next(iter(days)) if len(days) == 1 else None


def pretty(value: Any, indent: str = "") -> str:
    """Exactly ``json.dumps(value, ensure_ascii=False, indent=2)`` with `indent` before every nested line,
    several times faster (the standard library's C encoder is not used when indenting). Texts, the most
    common values, are written in place, without a call of their own."""
    kind = type(value)
    if kind is str:
        return _encode(value)
    inner = indent + "  "
    if kind is dict:
        if not value:
            return "{}"
        items = ",\n".join(
            [
                f"{inner}{_encode(k if type(k) is str else str(k))}: "
                + (_encode(v) if type(v) is str else pretty(v, inner))
                for k, v in value.items()
            ]
        )
        return "{\n" + items + "\n" + indent + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        lines = ",\n".join([inner + (_encode(v) if type(v) is str else pretty(v, inner)) for v in value])
        return "[\n" + lines + "\n" + indent + "]"
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    if value is None:
        return "null"
    return _other(value, indent)


def _other(value: Any, indent: str) -> str:
    """What :func:`pretty` writes for a value that is not exactly a text, a dict, a list or a tuple."""
    if isinstance(value, str):
        return _encode(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value) if math.isfinite(value) else json.dumps(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = ",\n".join(f"{inner}{_encode(str(k))}: {pretty(v, inner)}" for k, v in value.items())
        return "{\n" + items + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + pretty(v, inner) for v in value) + "\n" + indent + "]"
    raise TypeError(f"not JSON: {type(value).__name__}")


def dumps(doc: dict[str, Any]) -> str:
    return pretty(doc) + "\n"


def center_text(center: CenterResult) -> str:
    """One center as it appears inside the document's "centers" list: ``pretty(center_dict(center), "    ")``,
    its clauses (nearly all of the text) written by :func:`_clauses_text` for their known shape."""
    if not center.clauses:
        return pretty(center_dict(center), "    ")
    # a line break inside a text is written as \n: the key's own line is the only one that can match
    head, _, tail = pretty(center_dict(center, clauses=False), "    ").partition(_CLAUSES_LINE)
    return head + _CLAUSES_KEY + _clauses_text(center.clauses) + tail


_CLAUSES_LINE = '\n      "clauses": []'  # the key's line as pretty() writes an empty list in a center
_CLAUSES_KEY = '\n      "clauses": '
_CLAUSE_KEYS = " " * 10  # the indent of a clause's keys inside a center, and of a finding's
_FINDING_KEYS = " " * 14


def _json_text(value: object, indent: str) -> str:
    return _encode(value) if type(value) is str else pretty(value, indent)


def _clauses_text(clauses: Sequence[ClauseResult]) -> str:
    """``pretty([clause_dict(c) for c in clauses], "      ")``, written for the clause's known shape (the
    generic writer walks each clause's dict and each finding's). Earned and max points are finite floats."""
    parts = []
    for c in clauses:
        findings = c.findings
        if findings:
            listed = ",\n".join(
                [
                    f'            {{\n              "message": {_json_text(f.message, _FINDING_KEYS)},'
                    f'\n              "location": {_json_text(f.location, _FINDING_KEYS)},'
                    f'\n              "kind": {_json_text(f.kind, _FINDING_KEYS)}\n            }}'
                    for f in findings
                ]
            )
            listed = f"[\n{listed}\n          ]"
        else:
            listed = "[]"
        score = c.self_score
        parts.append(
            f'        {{\n          "id": {_json_text(c.id, _CLAUSE_KEYS)},'
            f'\n          "title": {_json_text(c.title, _CLAUSE_KEYS)},'
            f'\n          "status": {_json_text(c.status, _CLAUSE_KEYS)},'
            f'\n          "earned": {float.__repr__(_hundredths(c.earned))},'
            f'\n          "max": {float.__repr__(_hundredths(c.max))},'
            f'\n          "findings": {listed}'
            + ("" if score is None else f',\n          "self_score": {pretty(float(score), _CLAUSE_KEYS)}')
            + "\n        }"
        )
    return "[\n" + ",\n".join(parts) + "\n      ]"


class JsonStream:
    """Writes the same document as ``dumps(document(...))``, holding only one center in memory at a time.

    Center texts are spooled (to disk past a few MB) until the end, when the year and summary are known.
    """

    SENTINEL = "\x00centers\x00"
    HINTS = "\x00hints\x00"

    def __init__(self, standard: Standard) -> None:
        import tempfile

        self.standard = standard
        self.spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024, mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in finish()
        self.count = 0
        self.years: set[int | None] = set()
        self.as_ofs: set[str | None] = set()
        self.by_grade = grade_counts(standard, [])
        self.hints = 0
        self.hint_texts: list[str] = []  # the 疑点 across centers rendered so far (as they are found)

    def add_hints(self, found: Sequence[BatchHint]) -> None:
        """Render the 疑点 across centers found since the last call (`found`: all of them so far), so
        that the end of the run has little left to write."""
        for hint in found[len(self.hint_texts) :]:
            self.hint_texts.append(pretty(batch_hint_dict(hint), "    "))

    def add(self, center: CenterResult, text: str | None = None) -> None:
        """Add a center; `text` is its rendering by :func:`center_text` when done elsewhere already."""
        text = text if text is not None else center_text(center)
        self.spool.write((",\n    " if self.count else "") + text)
        self.count += 1
        self.years.add(center.year)
        self.as_ofs.add(center.as_of)
        self.by_grade[center.grade] = self.by_grade.get(center.grade, 0) + 1
        self.hints += len(center.hints)

    def finish(
        self, errors: Sequence[FileError], year: int | None, out: Any, batch_hints: Sequence[BatchHint] = ()
    ) -> None:
        self.add_hints(batch_hints)
        doc = _document(
            self.standard,
            self.years,
            [self.SENTINEL] if self.count else [],
            errors,
            year,
            self.count,
            self.by_grade,
            one_as_of(self.as_ofs),
            self.hints + len(self.hint_texts),
        )
        if self.hint_texts:
            doc["hints"] = [self.HINTS]
        text = dumps(doc)
        if self.hint_texts:
            text = text.replace(json.dumps(self.HINTS), ",\n    ".join(self.hint_texts), 1)
        marker = json.dumps(self.SENTINEL)
        head, _, tail = text.partition(marker) if self.count else (text, "", "")
        out.write(head.encode("utf-8"))
        self.spool.seek(0)
        while block := self.spool.read(1024 * 1024):
            out.write(block.encode("utf-8"))
        out.write(tail.encode("utf-8"))
        self.spool.close()


class JsonWriter:
    """`--format json`: one UTF-8 document on stdout, centers rendered in the workers."""

    render = staticmethod(center_text)

    def __init__(self, stdout: Any, quiet: bool) -> None:
        self.stdout = stdout
        self.stream: JsonStream | None = None
        self.batch_hints: Sequence[BatchHint] = ()

    def start(self, standard: Standard) -> None:
        self.stream = JsonStream(standard)

    def handle(self, center: CenterResult, text: str | None) -> None:
        assert self.stream is not None
        self.stream.add(center, text)
        if self.batch_hints:  # the live list of the 疑点 across centers, when set before the batch
            self.stream.add_hints(self.batch_hints)

    def stop(self, errors: Sequence[FileError], year: int | None, summary: Sequence[CenterResult]) -> None:
        assert self.stream is not None
        self.stream.finish(errors, year, self.stdout.buffer, self.batch_hints)
        self.stdout.flush()

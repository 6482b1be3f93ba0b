"""Immutable results of an audit: per clause and per center."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from auditor.checks.base import Finding

Status = Literal["pass", "partial", "fail", "missing", "not_applicable", "waived", "error"]
STATUSES: tuple[Status, ...] = ("pass", "partial", "fail", "missing", "not_applicable", "waived", "error")


@dataclass(frozen=True)
class ClauseResult:
    id: str
    title: str
    part_id: str
    kind: str
    status: Status
    earned: Fraction
    max: Fraction
    findings: tuple[Finding, ...]
    method: str = ""
    remediation: str = ""
    self_score: Decimal | None = None

    @property
    def lost(self) -> Fraction:
        return self.max - self.earned if self.status != "not_applicable" else Fraction(0)


@dataclass(frozen=True)
class CenterResult:
    file: str
    center_id: str | None
    name: str | None
    type: str | None
    district: str | None
    year: int | None
    date: str | None
    leader: str | None
    score: Decimal
    base: Decimal
    bonus: Decimal
    grade: str
    veto: bool
    veto_reasons: tuple[str, ...]
    clauses: tuple[ClauseResult, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    applicable_max: Fraction = Fraction(0)
    earned: Fraction = Fraction(0)


@dataclass(frozen=True)
class FileError:
    file: str
    message: str

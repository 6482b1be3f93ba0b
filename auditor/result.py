"""Results of an audit: findings, a check's outcome, and the immutable results per clause and per center.

Imports nothing of the project: checks, the engine and every writer share these records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from auditor.standard.model import Standard

# review: a 复核 decision applied to the clause; hint: a 疑点 for the inspectors (never changes a score)
FindingKind = Literal["defect", "error", "missing", "note", "review", "hint"]

# What a finding says, as a code (like frictionless's error types): tests and writers can tell findings
# apart without reading their Chinese text.
FindingCode = Literal[
    "missing-sheet",  # the sheet is not in the workbook
    "missing-column",  # the table has no such column
    "no-records",  # the table (or the column) has no filled row
    "year-unknown",  # the audit year is needed and unknown
    "unreadable",  # a value is there but cannot be read as its type
    "implausible",  # values that cannot all be right (a part larger than its whole)
    "blank",  # a value the check needs is not filled in
    "below-threshold",  # a count, share, ratio or value does not reach what is required
    "not-met",  # a value, row or item does not meet its condition
    "item-absent",  # a listed item (or a required value) has no row
    "period-absent",  # a period of the year has no record
    "sample",  # the answers counted and the index (a note)
    "applicability",  # whether a clause applies could not be decided (a note)
    "check-failed",  # a bug in a check, reported as the clause's error
    "row-skipped",  # a row of a table not counted as a record (a footer, a total, a section, a repeat)
    "ambiguous",  # a value that could name two items: not guessed
    "unmatched",  # rows whose key names none of the listed items, where some item has no row (a note)
    "after-as-of",  # rows dated after the day audited as of (--as-of), not counted (a note)
    "date-span",  # a date typed as a span of days: each day counted, or its first day (a note)
    # 疑点 (kind "hint"): a reason to look, never a score
    "dated-after-inspection",  # a record dated after the inspection date
    "duty-every-day",  # one person on duty on every day of the year, weekends and holidays included
    "repeated-number",  # a survey number given twice
    "identical-run",  # a long run of identical survey answers in number order
    "shared-records",  # identical records in two centers' workbooks
    "shared-staff",  # one name listed (full-time, say) in two centers
    "shared-answers",  # two centers' survey answers identical in number order
    "",
]


@dataclass(frozen=True)
class Finding:
    message: str
    location: str = ""
    kind: FindingKind = "defect"
    code: FindingCode = ""


@dataclass
class Outcome:
    """What a check found. Credit modes read `passed`, `items` or `value`."""

    missing: bool = False
    passed: bool | None = None
    items: list[tuple[str, bool]] | None = None
    value: Fraction | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.kind == "error")

    def add(self, finding: Finding) -> None:
        if finding not in self.findings:
            self.findings.append(finding)


Status = Literal["pass", "partial", "fail", "missing", "not_applicable", "waived", "error"]
STATUSES: tuple[Status, ...] = ("pass", "partial", "fail", "missing", "not_applicable", "waived", "error")
# Statuses whose points leave the denominator: the clause does not apply, or a review waived it (豁免)
OUT_OF_SCORE: tuple[Status, ...] = ("not_applicable", "waived")


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
        return self.max - self.earned if self.status not in OUT_OF_SCORE else Fraction(0)


@dataclass(frozen=True)
class AppliedDecision:
    """A review decision (复核: 豁免 or 改判) as applied to one clause of one center, with its audit trail."""

    clause: str
    decision: Literal["waive", "override"]
    points: Decimal | None  # the decided points of an override
    reason: str
    approver: str
    date: str  # ISO date of the approval
    expires: str | None  # ISO date, or None for no end
    scope: str  # as written: a center id, "*", "district:<…>" or "type:<…>"
    source: str  # where the decision is written: "<file> 第N行"


@dataclass(frozen=True)
class TableSignature:
    """A table's records as keyed hashes (疑点 across centers): the hash of each record (8 bytes each, one
    string: it travels from the worker in one piece) and its sheet row."""

    sheet: str  # the declared name
    place: str  # where its cells are named: "<sheet as found>!<first column letter>"
    hashes: bytes
    rows: tuple[int, ...]


@dataclass(frozen=True)
class Signatures:
    """What a worker sends back for the 疑点 across centers: hashes only, never a value of a record."""

    tables: tuple[TableSignature, ...] = ()
    staff: tuple[tuple[int, int, str], ...] = ()  # (hash of the name, its sheet row, the name or "" for pii)
    staff_place: str = ""  # where the names are: "<sheet as found>!<column letter>"
    answers: tuple[int, str] | None = None  # (hash of the answers in number order, their cells)


@dataclass(frozen=True)
class HintSide:
    """One of the two centers a 疑点 across centers names."""

    file: str
    center_id: str | None
    name: str | None
    cells: tuple[str, ...]


@dataclass(frozen=True)
class BatchHint:
    """A 疑点 across the centers of a batch: its text names both centers, both files and their cells."""

    code: FindingCode
    message: str
    first: HintSide
    second: HintSide


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
    # the inspection cycle (../shared/spec/cycle.md)
    score_before_review: Decimal | None = None  # set when review decisions changed a clause
    decisions: tuple[AppliedDecision, ...] = ()
    as_of: str | None = None  # ISO date the workbook was audited as of (None: the end of the year)
    hints: tuple[Finding, ...] = ()  # 疑点 within the workbook (kind "hint")
    # for the 疑点 across centers (taken by the parent); hashes under the run's key, not part of the result
    signatures: Signatures | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class FileError:
    file: str
    message: str


def grade_counts(standard: Standard, centers: Sequence[CenterResult]) -> dict[str, int]:
    """Centers per grade, every grade of the standard listed (best first, the veto grade last)."""
    counts = {g.name: 0 for g in standard.grades}
    counts.setdefault(standard.veto_grade, 0)
    for center in centers:
        counts[center.grade] = counts.get(center.grade, 0) + 1
    return counts


# ---------------------------------------------------------------- 整改回头看: two runs compared (cycle.md)

# fixed 已整改 (was short, now full) · improved 部分整改 (more points, not full) · open 未整改 (the same
# shortfall) · new 新增问题 (fewer points than before) · ok (full both times) · added 新增条款 / removed
# 删除条款 (a clause of one standard only) · not_applicable (not applicable or waived in AFTER)
ClauseOutcome = Literal["fixed", "improved", "open", "new", "ok", "added", "removed", "not_applicable"]
CLAUSE_OUTCOMES: tuple[ClauseOutcome, ...] = (
    "fixed",
    "improved",
    "open",
    "new",
    "ok",
    "added",
    "removed",
    "not_applicable",
)


@dataclass(frozen=True)
class ClauseSide:
    """One clause in one run: its status and points (rounded half up to two decimals, as printed)."""

    status: Status
    earned: Fraction
    max: Fraction


@dataclass(frozen=True)
class ClauseChange:
    """One clause of one center, before and after."""

    id: str  # the clause's id in AFTER (in BEFORE for a removed clause)
    before_id: str | None  # its id in BEFORE (differs when AFTER's clause `replaces` it; None: added)
    title: str
    kind: str
    outcome: ClauseOutcome
    before: ClauseSide | None
    after: ClauseSide | None
    item: bool = False  # one of BEFORE's 整改清单 items
    counted: bool = False  # an item counted in the completion rate
    typed: tuple[
        str, ...
    ] = ()  # what the center typed into its previous 整改清单 (措施, 责任人, 时限, 完成情况)


@dataclass(frozen=True)
class CenterSide:
    file: str
    score: Decimal
    grade: str
    veto: bool


@dataclass(frozen=True)
class CompletionRate:
    """整改完成率 of a group: items fixed of the items counted."""

    name: str
    centers: int
    items: int
    fixed: int

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.fixed, self.items) if self.items else None


@dataclass(frozen=True)
class CenterChange:
    """One center before and after; `before` or `after` is None for a center found on one side only."""

    center_id: str | None
    name: str | None
    type: str | None
    district: str | None
    before: CenterSide | None
    after: CenterSide | None
    clauses: tuple[ClauseChange, ...]
    items: int = 0  # BEFORE's 整改清单 items counted in the completion rate
    fixed: int = 0

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.fixed, self.items) if self.items else None

    def count(self, outcome: ClauseOutcome) -> int:
        return sum(1 for c in self.clauses if c.outcome == outcome)


@dataclass(frozen=True)
class Comparison:
    centers: tuple[CenterChange, ...]
    districts: tuple[CompletionRate, ...]
    types: tuple[CompletionRate, ...]
    city: CompletionRate
    added: tuple[str, ...] = ()  # clause ids of AFTER's standard that continue none of BEFORE's
    removed: tuple[str, ...] = ()  # clause ids of BEFORE's standard that AFTER's does not continue
    replaced: tuple[tuple[str, str], ...] = ()  # (AFTER's id, BEFORE's id) paired by `replaces`

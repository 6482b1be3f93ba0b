"""A center's acceptance report of an earlier run (the .xlsx `audit report` writes) read back for 整改回头看.

The report holds what a follow-up needs: the center on the 封面 (its id, score, grade), every clause's
points on the 评分表 (a blank 得分 is a clause not applicable, or a veto), the items of the 整改清单 and,
next to each, what the center typed into it (整改措施, 责任人, 整改时限, 完成情况). Clauses are those of the
standard the report was written with (`--before-standard`); ids the standard does not know are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from auditor.errors import AuditError
from auditor.output.wording import (
    COVER_GRADE,
    COVER_SCORE,
    COVER_SHEET,
    REMEDIATION_COLUMNS,
    REMEDIATION_SHEET,
    SCORE_SHEET,
)
from auditor.result import CenterResult, ClauseResult, Status
from auditor.standard.model import Standard, exact

TYPED_FROM = 6  # the columns the center fills in, from the 7th (0-based 6) on


@dataclass(frozen=True)
class PreviousReport:
    center: CenterResult
    typed: dict[str, tuple[str, ...]]  # clause id -> the columns the center typed


def sheet_names(path: Path) -> list[str] | None:
    """The sheets of a workbook, None when it cannot be opened (the audit then says why)."""
    import python_calamine as pc

    try:
        workbook = pc.CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own errors for every kind of damage
        return None
    try:
        return list(workbook.sheet_names)
    finally:
        workbook.close()


def is_report(names: Sequence[str] | None) -> bool:
    """A center's acceptance report (not an inspection workbook, not the summary)."""
    return names is not None and {COVER_SHEET, SCORE_SHEET, REMEDIATION_SHEET} <= set(names)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except InvalidOperation:
        return None


def _rows(workbook: Any, name: str) -> list[list[object]]:
    return [list(row) for row in workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)]


def read_report(path: Path, standard: Standard) -> PreviousReport:
    """One previous report -> the center's result as it was scored then, and what the center typed."""
    import python_calamine as pc

    where = str(path)
    try:
        workbook = pc.CalamineWorkbook.from_path(where)
        try:
            cover, scores, items = (_rows(workbook, n) for n in (COVER_SHEET, SCORE_SHEET, REMEDIATION_SHEET))
        finally:
            workbook.close()
    except Exception:
        raise AuditError("无法读取验收报告（应为 audit report 写出的中心报告 .xlsx）", where) from None
    labels = {_text(r[0]): r[1] if len(r) > 1 else None for r in cover if r}
    score = _number(labels.get(COVER_SCORE))
    grade = _text(labels.get(COVER_GRADE))
    center_id = _text(labels.get(standard.center.id)) or None
    if score is None or not grade:
        raise AuditError(f"验收报告的“{COVER_SHEET}”缺少{COVER_SCORE}或{COVER_GRADE}", where)
    header = next(
        (i for i, r in enumerate(items) if [_text(v) for v in r[:2]] == REMEDIATION_COLUMNS[:2]), None
    )
    if header is None:
        raise AuditError(
            f"验收报告的“{REMEDIATION_SHEET}”没有表头（{'、'.join(REMEDIATION_COLUMNS[:2])}）", where
        )
    clauses = {c.id: c for c in standard.clauses}
    short: dict[str, tuple[str, ...]] = {}
    for row in items[header + 1 :]:
        first = _text(row[1]) if len(row) > 1 else ""
        cid = first.split(" ", 1)[0]
        if cid in clauses:
            typed = tuple(_text(v) for v in row[TYPED_FROM : len(REMEDIATION_COLUMNS)])
            short[cid] = typed + ("",) * (len(REMEDIATION_COLUMNS) - TYPED_FROM - len(typed))
    earned: dict[str, Decimal | None] = {}
    for row in scores:
        cid = _text(row[0]) if row else ""
        if cid in clauses and cid not in earned:
            earned[cid] = _number(row[6]) if len(row) > 6 else None
    results = []
    for cid, got in earned.items():
        clause = clauses[cid]
        points = exact(clause.points)
        status: Status
        if clause.kind == "veto":
            status, value = ("fail" if cid in short else "pass"), Fraction(0)
        elif got is None:
            status, value = "not_applicable", Fraction(0)
        else:
            value = exact(got)
            full = value >= points if clause.kind == "bonus" else cid not in short
            status = "pass" if full else "partial"
            if status == "partial" and not value:
                status = "fail"
        results.append(
            ClauseResult(cid, clause.title, clause.part_id, clause.kind, status, value, points, ())
        )
    vetoed = [clauses[c].title for c in short if clauses[c].kind == "veto"]
    center = CenterResult(
        file=where,
        center_id=center_id,
        name=_text(cover[4][0]) if len(cover) > 4 and cover[4] else None,
        type=_text(labels.get(standard.center.type)) or None if standard.center.type else None,
        district=_text(labels.get(standard.center.district)) or None if standard.center.district else None,
        year=None,
        date=None,
        leader=None,
        score=score,
        base=score,
        bonus=Decimal(0),
        grade=grade,
        veto=bool(vetoed),
        veto_reasons=tuple(vetoed),
        clauses=tuple(results),
    )
    return PreviousReport(center, {cid: typed for cid, typed in short.items() if any(typed)})

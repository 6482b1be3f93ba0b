"""Review decisions (复核): 豁免 (waive) a clause or 改判 (override) its points, with an audit trail.

A decisions file (``--waivers FILE``, read by :mod:`.decisions_file`) holds one decision a row: the center
it is for, the clause, 豁免 or 改判 with the decided points, the reason, who approved it and when, and until
when it holds. :func:`load_decisions` checks every row against the standard and refuses the file at the
first bad one (its row or line named); :func:`apply_decisions` applies them to one center's result:

* 豁免 (``waive``): the clause is ``waived``; like ``not_applicable`` its points leave the denominator. A veto
  clause can only be waived, never overridden: a waived veto no longer sets the veto grade.
* 改判 (``override``): the clause earns the decided points (0 ≤ points ≤ max) and the status they give.
* Both add a finding of kind ``review`` (reason, approver, date), located at the decision's row.
* A decision whose 有效期至 is before the center's inspection date (the standard's ``center.date``; when the
  workbook has none, the end of the audit year) is not applied: a warning names its row.

Scopes: a center id; ``*`` (or 全部) for every center; ``district:<…>`` and ``type:<…>`` (or the standard's own
labels of those fields, ``<district label>:<…>``). For one center and clause the most specific decision wins: a center
id, then a district, then a type, then ``*``; two decisions of the same scope for one clause are refused.
Which centers exist is only known after the batch: :func:`unknown_scopes` names the decisions that matched
no audited center, for the commands to refuse the run before anything is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Literal

from auditor.cycle.decisions_file import RawRow, labels, read_rows
from auditor.errors import AuditError
from auditor.result import AppliedDecision, CenterResult, ClauseResult, Finding, Status
from auditor.scoring import totals
from auditor.standard.model import Standard, exact
from auditor.workbook.values import ParseError, display, normalize_label, parse_date, parse_number

Level = Literal["center", "district", "type", "all"]
LEVELS: tuple[Level, ...] = ("center", "district", "type", "all")  # most specific first
WAIVE_WORDS = ("豁免", "waive")
OVERRIDE_WORDS = ("改判", "override")
ALL_WORDS = ("*", "全部", "所有", "all")
WORD = {"waive": "豁免", "override": "改判"}


@dataclass(frozen=True)
class Decision:
    """One decision of the file, checked."""

    level: Level
    value: str  # the center id, district or type (normalised for matching); "" for all centers
    scope: str  # as written
    clause: str
    decision: Literal["waive", "override"]
    points: Decimal | None
    reason: str
    approver: str
    date: dt.date
    expires: dt.date | None
    source: str  # 复核登记表.xlsx 第3行

    def applied(self) -> AppliedDecision:
        return AppliedDecision(
            clause=self.clause,
            decision=self.decision,
            points=self.points,
            reason=self.reason,
            approver=self.approver,
            date=self.date.isoformat(),
            expires=self.expires.isoformat() if self.expires else None,
            scope=self.scope,
            source=self.source,
        )


@dataclass(frozen=True)
class Decisions:
    """The decisions of one file (picklable: workers receive them once, with the run's options)."""

    file: str
    items: tuple[Decision, ...]

    def for_clause(self) -> dict[str, list[Decision]]:
        found: dict[str, list[Decision]] = {}
        for d in self.items:
            found.setdefault(d.clause, []).append(d)
        return found


def _key(text: str) -> str:
    return normalize_label(text).casefold()


# ---------------------------------------------------------------- reading and checking


def load_decisions(path: Path, standard: Standard) -> Decisions:
    """The decisions of a file, each checked against the standard; AuditError at the first bad row."""
    rows = read_rows(path, standard)
    items = tuple(_decision(row, standard) for row in rows)
    seen: dict[tuple[Level, str, str], Decision] = {}
    for d in items:
        key = (d.level, d.value, d.clause)
        if key in seen:
            raise AuditError(
                f"与{seen[key].source}重复：同一范围“{d.scope}”的条款“{d.clause}”有两个复核决定", d.source
            )
        seen[key] = d
    return Decisions(path.name, items)


def _text(row: RawRow, key: str) -> str:
    value = row.values.get(key)
    return "" if value is None else display(value).strip()


def _where(row: RawRow, key: str) -> str:
    return row.lines.get(key, row.where)


def _scope(row: RawRow, standard: Standard) -> tuple[Level, str, str]:
    names = labels(standard)
    scope = _text(row, "center")
    if not scope:
        raise AuditError(f"缺少“{names['center']}”（中心的编号，或 * 表示全部中心）", _where(row, "center"))
    if scope in ALL_WORDS:
        return "all", "", scope
    head, sep, tail = scope.replace("：", ":").partition(":")
    if sep:
        prefixes: dict[str, Level] = {"district": "district", "type": "type"}
        if standard.center.district:
            prefixes[_key(standard.center.district)] = "district"
        if standard.center.type:
            prefixes[_key(standard.center.type)] = "type"
        level = prefixes.get(_key(head))
        if level is not None:
            if not tail.strip():
                raise AuditError(f"范围“{scope}”缺少名称", _where(row, "center"))
            return level, _key(tail), scope
    return "center", _key(scope), scope


def _date(row: RawRow, key: str, label: str) -> dt.date | None:
    raw = row.values.get(key)
    if raw is None:
        return None
    try:
        value = parse_date(raw)
    except ParseError as exc:
        raise AuditError(f"{label}“{display(raw)}”无法识别，应为{exc.expected}", _where(row, key)) from None
    if not isinstance(value, dt.date):
        raise AuditError(f"{label}“{display(raw)}”不是完整的日期（应有年、月、日）", _where(row, key))
    return value


def _decision(row: RawRow, standard: Standard) -> Decision:
    names = labels(standard)
    level, value, scope = _scope(row, standard)
    clause_id = _text(row, "clause")
    clauses = {_key(c.id): c for c in standard.clauses}
    clause = clauses.get(_key(clause_id))
    if not clause_id:
        raise AuditError(f"缺少“{names['clause']}”", _where(row, "clause"))
    if clause is None:
        raise AuditError(f"标准中没有条款“{clause_id}”", _where(row, "clause"))
    word = _text(row, "decision")
    kind: Literal["waive", "override"]
    if _key(word) in WAIVE_WORDS:
        kind = "waive"
    elif _key(word) in OVERRIDE_WORDS:
        kind = "override"
    else:
        shown = f"“{word}”" if word else "未填写"
        raise AuditError(f"“{names['decision']}”{shown}，应为 豁免 或 改判", _where(row, "decision"))
    points: Decimal | None = None
    raw_points = row.values.get("points")
    if kind == "override":
        if clause.kind == "veto":
            raise AuditError(
                f"条款“{clause.id}”是一票否决项，不能改判得分；如确不适用，只能明确“豁免”",
                _where(row, "decision"),
            )
        if raw_points is None:
            raise AuditError(f"改判须填写“{names['points']}”（0～{clause.points}分）", _where(row, "points"))
        try:
            points = parse_number(raw_points, ("分",))
        except ParseError:
            raise AuditError(
                f"“{names['points']}”“{display(raw_points)}”无法识别，应为0～{clause.points}的数",
                _where(row, "points"),
            ) from None
        if not 0 <= points <= clause.points:
            raise AuditError(
                f"“{names['points']}”{points}超出范围：条款“{clause.id}”满分{clause.points}分（应为0～{clause.points}）",
                _where(row, "points"),
            )
    elif raw_points is not None:
        raise AuditError(f"豁免不填“{names['points']}”（只有改判才填）", _where(row, "points"))
    reason, approver = _text(row, "reason"), _text(row, "approver")
    if not reason:
        raise AuditError(f"缺少“{names['reason']}”：每个复核决定须写明理由", _where(row, "reason"))
    if not approver:
        raise AuditError(f"缺少“{names['approver']}”：每个复核决定须有批准人", _where(row, "approver"))
    date = _date(row, "date", names["date"])
    if date is None:
        raise AuditError(f"缺少“{names['date']}”", _where(row, "date"))
    expires = _date(row, "expires", names["expires"])
    if expires is not None and expires < date:
        raise AuditError(f"“{names['expires']}”{expires}早于“{names['date']}”{date}", _where(row, "expires"))
    return Decision(level, value, scope, clause.id, kind, points, reason, approver, date, expires, row.where)


# ---------------------------------------------------------------- which decisions meet which centers


def _center_values(center: CenterResult) -> dict[Level, str | None]:
    return {
        "center": _key(center.center_id) if center.center_id else None,
        "district": _key(center.district) if center.district else None,
        "type": _key(center.type) if center.type else None,
        "all": "",
    }


def matches(decision: Decision, center: CenterResult) -> bool:
    return _center_values(center)[decision.level] == decision.value


def unknown_scopes(decisions: Decisions, centers: Iterable[CenterResult], standard: Standard) -> list[str]:
    """One message per decision that met none of the audited centers (an unknown center id, street or type),
    each naming its row; empty when every decision met a center."""
    met: set[tuple[Level, str]] = set()
    for center in centers:
        met.update((level, value) for level, value in _center_values(center).items() if value is not None)
    what = {"center": standard.center.id, "district": standard.center.district, "type": standard.center.type}
    out = []
    for d in decisions.items:
        if (d.level, d.value) not in met:
            label = what.get(d.level) or d.level
            out.append(
                f"{d.source}: 本次检查的中心中没有{label}为“{d.scope.replace('：', ':').partition(':')[2] or d.scope}”的中心"
                if d.level != "center"
                else f"{d.source}: 本次检查的中心中没有{label}“{d.scope}”"
            )
    return out


# ---------------------------------------------------------------- applying


def reference_date(center: CenterResult, as_of: dt.date | None = None) -> dt.date | None:
    """The day a decision must still hold: the inspection date, else the as-of date, else the end of the
    audit year (None when not even the year is known)."""
    if center.date:
        try:
            return dt.date.fromisoformat(center.date[:10])
        except ValueError:
            pass
    if as_of is not None:
        return as_of
    return dt.date(center.year, 12, 31) if center.year else None


def _status(earned: Fraction, maximum: Fraction) -> Status:
    if earned >= maximum:
        return "pass"
    return "fail" if earned == 0 else "partial"


def _finding(d: Decision, before: ClauseResult) -> Finding:
    trail = f"理由：{d.reason}；批准人：{d.approver}，{d.date.isoformat()}"
    if d.decision == "waive":
        return Finding(f"经复核豁免（{trail}）", d.source, "review")
    from auditor.standard.model import round_half_up

    was = round_half_up(before.earned, 2).normalize()
    now = (d.points or Decimal(0)).normalize()
    return Finding(f"经复核改判为{now:f}分（原{was:f}分；{trail}）", d.source, "review")


def _apply(d: Decision, r: ClauseResult) -> ClauseResult:
    findings = (*r.findings, _finding(d, r))
    if d.decision == "waive":
        return dataclasses.replace(r, status="waived", earned=Fraction(0), findings=findings)
    earned = min(exact(d.points or Decimal(0)), r.max)
    return dataclasses.replace(r, status=_status(earned, r.max), earned=earned, findings=findings)


def choose(
    candidates: Sequence[Decision], center: CenterResult, day: dt.date | None
) -> tuple[Decision | None, list[str]]:
    """The decision that applies to the center among those of one clause (most specific first, expired ones
    skipped), and a warning per expired decision that would have applied."""
    warnings: list[str] = []
    for level in LEVELS:
        for d in candidates:
            if d.level != level or not matches(d, center):
                continue
            if d.expires is not None and day is not None and d.expires < day:
                warnings.append(
                    f"{d.source}: 条款{d.clause}的复核决定（{WORD[d.decision]}）有效期至{d.expires.isoformat()}，"
                    f"早于{day.isoformat()}，已过期，未采用，按原检查结果计分"
                )
                continue
            return d, warnings
    return None, warnings


def apply_decisions(
    standard: Standard, center: CenterResult, decisions: Decisions, as_of: dt.date | None = None
) -> CenterResult:
    """The center's result with the decisions that apply to it: the reviewed score, the original one, the
    decisions applied, a warning per expired one. The center as it was when none applies."""
    by_clause = decisions.for_clause()
    if not by_clause:
        return center
    day = reference_date(center, as_of)
    applied: list[AppliedDecision] = []
    warnings: list[str] = []
    results: list[ClauseResult] = []
    for r in center.clauses:
        chosen, expired = choose(by_clause.get(r.id, ()), center, day)
        warnings += expired
        if chosen is None:
            results.append(r)
            continue
        results.append(_apply(chosen, r))
        applied.append(chosen.applied())
    if not applied:
        return dataclasses.replace(center, warnings=(*center.warnings, *warnings)) if warnings else center
    vetoes = tuple(r.title for r in results if r.kind == "veto" and r.status == "fail")
    t = totals(standard, results, bool(vetoes))
    return dataclasses.replace(
        center,
        score=t.final,
        base=t.base_rounded,
        bonus=t.bonus_rounded,
        grade=t.grade,
        veto=t.veto,
        veto_reasons=vetoes,
        clauses=tuple(results),
        warnings=(*center.warnings, *warnings),
        applicable_max=t.applicable_max,
        earned=t.earned,
        score_before_review=center.score,
        decisions=tuple(applied),
    )

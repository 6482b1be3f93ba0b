"""Run every clause of a standard over one workbook's evidence and score the center."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from auditor.checks.conditions import test
from auditor.result import CenterResult, ClauseResult, Finding, Outcome
from auditor.scoring import earned_points, status_of, totals
from auditor.standard.model import ZERO, Clause, RunContext, Standard, exact
from auditor.workbook.evidence import Cell, Evidence
from auditor.workbook.reader import DEFAULT_LIMITS, Limits, read_workbook
from auditor.workbook.values import normalize_label


@dataclass(frozen=True)
class AuditOptions:
    """What one run decides besides the standard and the files; picklable, workers receive it once.

    * ``year`` the audit year when given (``--year``), else each workbook's own;
    * ``as_of`` audit the workbook as it stands on that day (``--as-of``; default the end of the year);
    * ``decisions`` the review decisions to apply (``--waivers``), a ``auditor.cycle.decisions.Decisions``;
    * ``hints`` whether integrity hints are looked for (``--no-hints`` turns them off);
    * ``hint_key`` the run's key for the hashes of records compared across centers (random per run).
    """

    year: int | None = None
    as_of: dt.date | None = None
    decisions: object | None = None
    hints: bool = True
    hint_key: bytes = dataclasses.field(default_factory=lambda: os.urandom(16), repr=False)


def as_options(options: AuditOptions | int | None) -> AuditOptions:
    """Options as given, or the options of a run that gives only a year (or nothing)."""
    return options if isinstance(options, AuditOptions) else AuditOptions(year=options)


def _applies(clause: Clause, evidence: Evidence) -> tuple[bool, list[Finding]]:
    notes: list[Finding] = []
    for rule in clause.applies_when:
        cell = evidence.form_cell(rule.sheet, rule.condition.column)
        if cell is None:
            notes.append(
                Finding(
                    f"缺少工作表“{rule.sheet}”，无法判断是否适用，按适用计分",
                    rule.sheet,
                    "note",
                    "applicability",
                )
            )
            continue
        result = test(rule.condition, cell)
        if result == "no":
            return False, []
        if result in ("blank", "error"):
            state = "未填写" if result == "blank" else f"无法识别（“{cell.shown}”）"
            notes.append(
                Finding(
                    f"{rule.condition.column}{state}，无法判断是否适用，按适用计分",
                    cell.location,
                    "note",
                    "applicability",
                )
            )
    return True, notes


def _self_scores(standard: Standard, evidence: Evidence) -> dict[str, Decimal]:
    spec = standard.self_assessment
    table = evidence.tables.get(spec.sheet) if spec else None
    if spec is None or table is None:
        return {}
    scores: dict[str, Decimal] = {}
    clauses, points = table.column(spec.clause), table.column(spec.score)
    if clauses is None or points is None:
        return {}
    for clause, score in zip(clauses, points, strict=True):
        if clause.ok and score.ok and isinstance(score.value, Decimal):
            scores[normalize_label(str(clause.value))] = score.value
    return scores


def _skipped_rows(clause: Clause, evidence: Evidence) -> list[Finding]:
    """A note for each row of the tables the clause reads that the reader did not count as a record."""
    notes: list[Finding] = []
    for sheet in dict.fromkeys(s for s, _ in clause.check.reads()):
        table = evidence.tables.get(sheet)
        if table is not None and table.skipped:
            letter = table.first_letter()
            notes += [
                Finding(why, f"{sheet_name}!{letter}{n}", "note", "row-skipped")
                for sheet_name, n, why in table.skipped_rows()
            ]
    return notes


def run_clause(
    clause: Clause, evidence: Evidence, ctx: RunContext, skipped: bool | None = None
) -> ClauseResult:
    """One clause's result; `skipped` is ``evidence.skipped_rows`` when the caller knows it already."""
    applies, notes = _applies(clause, evidence)
    if not applies:
        return ClauseResult(
            clause.id,
            clause.title,
            clause.part_id,
            clause.kind,
            "not_applicable",
            ZERO,
            exact(clause.points),
            (),
            clause.method,
            clause.remediation,
        )
    try:
        outcome = clause.check.run(evidence, ctx)
    except Exception as exc:  # a bug in a check must not stop the batch: it becomes this clause's error
        outcome = Outcome(
            findings=[Finding(f"检查时出错：{type(exc).__name__}: {exc}", "", "error", "check-failed")]
        )
    if evidence.skipped_rows if skipped is None else skipped:
        outcome.findings.extend(_skipped_rows(clause, evidence))
    earned = earned_points(clause, outcome)
    status = status_of(clause, outcome, earned)
    return ClauseResult(
        clause.id,
        clause.title,
        clause.part_id,
        clause.kind,
        status,
        earned,
        exact(clause.points),
        (*notes, *outcome.findings),
        clause.method,
        clause.remediation,
    )


def _text(cell: Cell | None) -> str | None:
    if cell is None or not cell.ok:
        return None
    return str(cell.value)


def audit_year(
    standard: Standard, evidence: Evidence, override: int | None, via: str = ""
) -> tuple[int | None, list[str]]:
    """The audit year: `override` when given (named `via` in the warning, --year by default), else the
    workbook's own, else its inspection date's year."""
    warnings: list[str] = []
    center = standard.center
    declared: int | None = None
    unreadable = False  # the year field is typed but cannot be read (its own warning says so)
    if center.year:
        cell = evidence.form_cell(center.sheet, center.year)
        if cell is not None and cell.ok and isinstance(cell.value, int):
            declared = cell.value
        unreadable = cell is not None and cell.status == "error"
    if override is not None:
        if declared is not None and declared != override:
            warnings.append(f"{center.year}为{declared}，按 {via or f'--year {override}'} 检查")
        return override, warnings
    dated = evidence.form_cell(center.sheet, center.date) if center.date else None
    # a date, or a month (2018年12月), has its year
    year_of = getattr(dated.value, "year", None) if dated is not None and dated.ok else None
    what = f"{center.year or '年度'}{'无法识别' if unreadable else '未填写'}"
    if declared is None and isinstance(year_of, int):
        declared = year_of
        warnings.append(f"{what}，按{center.date}取{declared}年")
    elif declared is not None and isinstance(year_of, int) and not _inspected_for(declared, dated):
        # inspected during the year or in the first half of the next: another day is a slip in one of them
        shown = dated.shown if dated is not None else ""
        warnings.append(f"{center.year}为{declared}年，{center.date}却是{shown}，请核对")
    if declared is None:
        warnings.append(f"{what}，按年度统计的条款无法检查（可用 --year 指定）")
    return declared, warnings


def _inspected_for(year: int, dated: Cell | None) -> bool:
    """An inspection on that day (or month) can be of `year`: during it, or in the first half of the next."""
    value = dated.value if dated is not None else None
    day_year, month = getattr(value, "year", None), getattr(value, "month", 1)
    return day_year == year or (day_year == year + 1 and isinstance(month, int) and month <= 6)


def audit(standard: Standard, evidence: Evidence, options: AuditOptions | int | None = None) -> CenterResult:
    """Score one center. Pure: evidence in, result out (`options` may be just the audit year)."""
    options = as_options(options)
    center = standard.center
    as_of = options.as_of
    if as_of is not None and options.year is None:  # audited as of a day: the day's year is the audit year
        audit_in, warnings = audit_year(standard, evidence, as_of.year, f"--as-of {as_of.isoformat()}")
    else:
        audit_in, warnings = audit_year(standard, evidence, options.year)
    if as_of is not None and as_of.year != audit_in:  # the commands refuse it; the API says so here
        warnings.append(f"--as-of {as_of.isoformat()} 不在审核年度{audit_in}年内，按全年检查")
        as_of = None
    warnings = [*evidence.warnings, *warnings]
    if center.sheet not in evidence.forms:
        warnings.append(f"缺少工作表“{center.sheet}”")
    else:
        sheet = standard.sheet(center.sheet)
        for spec in sheet.fields if sheet else ():
            cell = evidence.form_cell(center.sheet, spec.name)
            if spec.required and cell is not None and cell.status == "blank":
                warnings.append(f"{cell.location}: 必填项“{spec.name}”未填写")
            elif cell is not None and cell.status == "error":
                warnings.append(f"{cell.location}: {spec.name}无法识别：“{cell.shown}”，应为{cell.expected}")
    ctx = RunContext(audit_in, standard.calendar, as_of=as_of)
    self_scores = _self_scores(standard, evidence)
    results: list[ClauseResult] = []
    vetoes: list[str] = []
    skipped = evidence.skipped_rows
    for clause in standard.clauses:
        result = run_clause(clause, evidence, ctx, skipped)
        if clause.kind == "veto" and result.status == "fail":
            vetoes.append(clause.title)
        score = self_scores.get(normalize_label(clause.id))
        if score is not None:  # set on the result just made (nothing else holds it yet), not copied
            object.__setattr__(result, "self_score", score)
        results.append(result)
    warnings.extend(ctx.warnings)
    t = totals(standard, results, bool(vetoes))

    def field(name: str | None) -> str | None:
        return _text(evidence.form_cell(center.sheet, name)) if name else None

    date = evidence.form_cell(center.sheet, center.date) if center.date else None
    hints: tuple[Finding, ...] = ()
    signatures = None
    if options.hints and standard.hints is not None:
        from auditor.cycle.hints import find_hints

        try:
            hints, signatures = find_hints(standard, standard.hints, evidence, audit_in, options)
        except Exception as exc:  # a bug in the hints must never cost the center its result
            warnings.append(f"疑点未能检查（{type(exc).__name__}: {exc}），本中心未列疑点")
    audited = CenterResult(
        file=evidence.file,
        center_id=field(center.id),
        name=field(center.name),
        type=field(center.type),
        district=field(center.district),
        year=audit_in,
        date=str(date.value) if date is not None and date.ok else None,
        leader=field(center.leader),
        score=t.final,
        base=t.base_rounded,
        bonus=t.bonus_rounded,
        grade=t.grade,
        veto=t.veto,
        veto_reasons=tuple(vetoes),
        clauses=tuple(results),
        warnings=tuple(warnings),
        applicable_max=t.applicable_max,
        earned=t.earned,
        as_of=as_of.isoformat() if as_of is not None else None,
        hints=hints,
        signatures=signatures,
    )
    if options.decisions is None:
        return audited
    from auditor.cycle.decisions import Decisions, apply_decisions

    assert isinstance(options.decisions, Decisions)
    return apply_decisions(standard, audited, options.decisions, options.as_of)


_reading: dict[int, tuple[Standard, Standard]] = {}


def reading_hints(standard: Standard) -> Standard:
    """The standard as the reader sees it when hints are looked for: the columns they compare read too
    (made once per standard; without hints those columns are never parsed)."""
    known = _reading.get(id(standard))
    if known is None or known[0] is not standard:
        if len(_reading) > 16:
            _reading.clear()
        read = standard.hints.compared() if standard.hints else {}
        compared = standard.hints.compared_only() if standard.hints else {}
        text_only = {  # text columns only the records compared across centers read: their texts, no cells
            sheet.name: frozenset(
                f.name
                for f in sheet.fields
                if f.type == "text"
                and f.name in compared.get(sheet.name, ())
                and f.name not in standard.needed.get(sheet.name, ())
            )
            for sheet in standard.layout
        }
        variant = dataclasses.replace(
            standard,
            needed=standard.hint_needed or standard.needed,
            keyed=True,
            keyed_columns={sheet: frozenset(columns) for sheet, columns in read.items()},
            text_only={sheet: columns for sheet, columns in text_only.items() if columns},
        )
        known = _reading[id(standard)] = (standard, variant)
    return known[1]


def audit_file(
    standard: Standard, path: Path, options: AuditOptions | int | None = None, limits: Limits = DEFAULT_LIMITS
) -> CenterResult:
    """Read and score one workbook (raises WorkbookError when the file cannot be read at all)."""
    options = as_options(options)
    reading = reading_hints(standard) if options.hints and standard.hints is not None else standard
    year = options.year if options.year is not None or options.as_of is None else options.as_of.year
    return audit(standard, read_workbook(path, reading, limits, year), options)

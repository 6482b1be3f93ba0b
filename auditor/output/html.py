"""Self-contained HTML pages (inline CSS, no script, no network): the ranking and one page per center.

The same content as the workbooks, responsive (a table stacks into cards on a phone, so the page never
scrolls sideways at 390 px) and printable (A4, the center and year in every page's header, page numbers in
the footer). Every value is escaped by the templates (autoescape) and, in the page header's CSS string,
by :func:`css_string`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.output.figures import grouped, part_scores, ranking, remediation_items, streets, two
from auditor.output.files import strip_control
from auditor.output.wording import (
    ERROR_COLUMNS,
    GRADE_COLUMNS,
    HTML_WORDS,
    ORIGINAL,
    PAGE_FOOTER_CSS,
    PART_SCORE_COLUMNS,
    REMEDIATION_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_COUNT,
    REVIEW_SHEET,
    REVIEWED,
    as_of_fact,
    center_meta,
    center_name,
    content_text,
    count_line,
    error_notice,
    file_name,
    group_columns,
    issues_text,
    locations,
    page_header,
    part_points_text,
    points_text,
    report_title,
    review_row,
    review_total,
    score_columns,
    shown,
    signatures,
    situation,
    standard_name,
    standard_text,
    status_word,
    street_columns,
    summary_columns,
    summary_title,
    total_text,
    type_heading,
    veto_text,
    veto_total,
    waived_veto_text,
    waived_vetoes,
)
from auditor.output.wording.hints import HINT_KINDS, HINT_WORDS
from auditor.result import (
    OUT_OF_SCORE,
    BatchHint,
    CenterChange,
    CenterResult,
    ClauseResult,
    FileError,
    grade_counts,
)
from auditor.standard.model import Standard

TEMPLATES = Path(__file__).resolve().parent / "templates"
GENERATOR = f"audit {__version__}"


def css_string(text: object) -> Any:
    """A CSS string literal holding `text`, safe inside a style element as it stands (quotes, backslashes,
    line breaks, '<', '>' and '&' written as CSS escapes, so the HTML escaping must not touch it)."""
    from markupsafe import Markup

    out = []
    for ch in strip_control(str(text)):
        out.append(f"\\{ord(ch):x} " if ch in '"\\<>&\n\r' else ch)
    return Markup('"' + "".join(out) + '"')


def _env() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def _clean(value: Any) -> Any:
    """Strip control characters from every string handed to a template (autoescape does the rest)."""
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _render(template: str, standard: Standard, page: str, **context: Any) -> str:
    common = {
        "generator": GENERATOR,
        "standard_name": standard_name(standard),
        "page_header": page,
        "w": HTML_WORDS,
    }
    from markupsafe import Markup

    footer = Markup(PAGE_FOOTER_CSS)  # CSS of our own: counters and quotes, no text from a workbook
    text = _env().get_template(template).render(**_clean({**common, **context}), page_footer=footer)
    return str(text)


def _review(standard: Standard, center: CenterResult) -> dict[str, Any] | None:
    """Both scores, the waived vetoes (red) and the 复核记录 rows, when review decisions apply."""
    if not center.decisions:
        return None
    titles = {c.id: c.title for c in standard.clauses}
    kinds = {c.id: c.kind for c in standard.clauses}
    before = center.score_before_review if center.score_before_review is not None else center.score
    rows = []
    for d in center.decisions:
        cells = review_row(d)
        cells[0] = f"{d.clause} {titles.get(d.clause, '')}".strip()
        rows.append(
            {
                "cells": ["" if v is None else points_text(v) if isinstance(v, float) else v for v in cells],
                "veto": d.decision == "waive" and kinds.get(d.clause) == "veto",
            }
        )
    return {
        "scores": f"{ORIGINAL} {before}　{REVIEWED} {center.score}",
        "vetoes": [waived_veto_text(d, titles) for d in waived_vetoes(center, kinds)],
        "total": review_total(center),
        "title": REVIEW_SHEET,
        "columns": REVIEW_COLUMNS,
        "rows": rows,
    }


def _status_class(result: ClauseResult) -> str:
    if result.kind == "veto" and result.status in ("fail", "waived"):  # a waived veto in red as well
        return "veto"
    if result.kind == "bonus" and not result.earned and result.status in ("fail", "missing"):
        return "none"
    return result.status


def _followup(change: CenterChange | None) -> dict[str, Any]:
    """The 整改落实情况 of a center's page (`--baseline`): last run's items with their outcome."""
    from auditor.output.followup_sheets import followup_line, in_last_order, points_shown
    from auditor.output.wording.compare import FOLLOWUP_COLUMNS, FOLLOWUP_SHEET, clause_label, outcome_word

    items = in_last_order([c for c in change.clauses if c.item]) if change is not None else []
    rows = [
        {
            "clause": clause_label(item.id, item.before_id),
            "title": item.title,
            "before": points_shown(item.before, item.kind),
            "after": points_shown(item.after, item.kind),
            "outcome": outcome_word(item),
            "class": item.outcome,
            "typed": [shown(t, 400) for t in (item.typed or ("",) * (len(FOLLOWUP_COLUMNS) - 5))],
        }
        for item in items
    ]
    return {"title": FOLLOWUP_SHEET, "line": followup_line(change), "columns": FOLLOWUP_COLUMNS, "rows": rows}


def center_page(
    standard: Standard,
    center: CenterResult,
    year: int | None,
    followup: CenterChange | None = None,
    baseline: bool = False,
) -> str:
    """A center's page; with `baseline` (``--baseline``), its 整改落实情况 (`followup` None: not in 上次)."""
    results = {r.id: r for r in center.clauses}
    parts = []
    for part in standard.parts:
        rows = []
        earned = 0.0
        for clause in part.clauses:
            r = results[clause.id]
            counted = clause.kind != "veto" and r.status not in OUT_OF_SCORE
            if counted:
                earned += two(r.earned)
            rows.append(
                {
                    "id": clause.id,
                    "status": _status_class(r),
                    "status_label": status_word(r),
                    "content": content_text(clause),
                    "standard": standard_text(clause, standard),
                    "situation": situation(r, clause),
                    "method": clause.method,
                    "self_score": points_text(r.self_score) if r.self_score is not None else "",
                    "earned": points_text(two(r.earned)) if counted else "",
                    "locations": locations(r),
                }
            )
        scored = any(c.kind != "veto" for c in part.clauses)
        parts.append(
            {
                "id": part.id,
                "title": part.title,
                "rows": rows,
                "note": part_points_text(part.points) if part.points else "",
                "earned": points_text(round(earned, 2)) if scored else "",
            }
        )
    remediation = [
        {
            "clause": f"{r.id} {clause.title}",
            "issues": issues_text(r, clause),
            "locations": locations(r),
            "remediation": clause.remediation,
            "recoverable": veto_text(center) if r.kind == "veto" else points_text(two(lost)),
            "vetoed": r.kind == "veto",
        }
        for r, clause, lost in remediation_items(standard, center)
    ]
    scores = [
        {
            "title": t,
            "earned": points_text(two(e)),
            "max": points_text(two(m)),
            "percent": points_text(round(float(e / m) * 100, 1)) if m else "0",
        }
        for t, e, m in part_scores(standard, center)
    ]
    return _render(
        "center.html.j2",
        standard,
        page_header(center, year),
        title=report_title(standard, year),
        name=center_name(center),
        info=[*center_meta(standard, center), *as_of_fact(center)],
        score=str(center.score),
        grade=center.grade,
        base_line=HTML_WORDS["base_line"].format(base=center.base, bonus=center.bonus),
        failed=center.grade == standard.veto_grade,
        veto=veto_text(center, absent=""),
        veto_total=veto_total(center, standard.veto_grade),
        warnings=[shown(w, 400) for w in center.warnings],
        columns=score_columns(standard),
        parts=parts,
        total_note=total_text(center),
        signatures=signatures(standard),
        remediation=remediation,
        remediation_columns=REMEDIATION_COLUMNS,
        part_columns=PART_SCORE_COLUMNS,
        part_scores=scores,
        review=_review(standard, center),
        followup=_followup(followup) if baseline else None,
        hw=HINT_WORDS,
        hints=[
            {"kind": HINT_KINDS.get(h.code, HINT_WORDS["what"]), "message": h.message, "location": h.location}
            for h in center.hints
        ],
    )


def _center_row(rank: int, c: CenterResult, standard: Standard, hrefs: Mapping[str, str]) -> dict[str, Any]:
    return {
        "rank": rank,
        "id": shown(c.center_id or ""),
        "name": center_name(c),
        "type": shown(c.type or ""),
        "district": shown(c.district or ""),
        "score": str(c.score),
        "grade": c.grade,
        "failed": c.grade == standard.veto_grade,
        "veto": veto_text(c, absent="") or _waived_vetoes(standard, c),
        "href": hrefs.get(c.file, "#"),
        "reviews": len(c.decisions) or "",
    }


def _waived_vetoes(standard: Standard, c: CenterResult) -> str:
    if not c.decisions:
        return ""
    titles = {clause.id: clause.title for clause in standard.clauses}
    kinds = {clause.id: clause.kind for clause in standard.clauses}
    return "；".join(waived_veto_text(d, titles) for d in waived_vetoes(c, kinds))


def index_page(
    standard: Standard,
    centers: Sequence[CenterResult],
    errors: Sequence[FileError],
    year: int | None,
    hrefs: Mapping[str, str],
    batch_hints: Sequence[BatchHint] | None = None,
) -> str:
    counts = grade_counts(standard, centers)
    total = max(len(centers), 1)
    reviewed = any(c.decisions for c in centers)  # the 复核 column only when decisions apply
    return _render(
        "index.html.j2",
        standard,
        page_header(None, year),
        title=summary_title(standard, year),
        count_line=count_line(standard, counts, len(centers)),
        notice=error_notice(len(errors)),
        ranking=[_center_row(rank, c, standard, hrefs) for rank, c in ranking(centers)],
        columns=summary_columns(standard) + ([REVIEW_COUNT] if reviewed else []),
        reviewed=reviewed,
        grade_columns=GRADE_COLUMNS,
        distribution=[(g, n, points_text(round(n / total * 100, 1))) for g, n in counts.items()],
        group_columns=group_columns(standard),
        types=[
            (type_heading(name, len(rows)), [_center_row(rank, c, standard, hrefs) for rank, c in rows])
            for name, rows in grouped(centers, lambda c: c.type)
        ],
        street_columns=street_columns(standard),
        streets=[
            [rank, shown(s.name), len(s.centers), str(s.average), *s.grades.values(), s.vetoes]
            for rank, s in streets(standard, centers)
        ],
        errors=[(shown(file_name(e.file), 160), shown(e.message, 400)) for e in errors],
        error_columns=ERROR_COLUMNS,
        hw=HINT_WORDS,
        hints=None if batch_hints is None else _hint_rows(centers, batch_hints),
        hint_tally=_hint_tally(centers, batch_hints or ()),
    )


def _hint_rows(centers: Sequence[CenterResult], batch: Sequence[BatchHint]) -> list[dict[str, str]]:
    """Every center's 疑点 (the center's own only: those across centers are listed once, after them)."""
    rows = [
        {
            "center": center_name(c),
            "kind": HINT_KINDS.get(h.code, HINT_WORDS["what"]),
            "message": h.message,
            "location": h.location,
        }
        for c in centers
        for h in c.hints
        if not h.code.startswith("shared-")
    ]
    rows += [
        {
            "center": " / ".join(shown(s.name or file_name(s.file)) for s in (h.first, h.second)),
            "kind": f"{HINT_WORDS['across']}：{HINT_KINDS.get(h.code, HINT_WORDS['what'])}",
            "message": h.message,
            "location": " / ".join(c for s in (h.first, h.second) for c in s.cells[:1]),
        }
        for h in batch
    ]
    return rows


def _hint_tally(centers: Sequence[CenterResult], batch: Sequence[BatchHint]) -> str:
    within = sum(1 for c in centers for h in c.hints if not h.code.startswith("shared-"))
    return HINT_WORDS["tally"].format(n=within + len(batch), within=within, across=len(batch))

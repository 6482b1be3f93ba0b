"""Self-contained HTML pages (inline CSS, no script, no network): a ranking and one page per center."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.output.figures import part_scores, ranked, remediation_items, two
from auditor.output.files import strip_control
from auditor.output.wording import (
    STATUS_WORDS,
    VETO,
    content_text,
    locations,
    part_points_text,
    points_text,
    report_title,
    score_columns,
    situation,
    standard_text,
    summary_columns,
    total_text,
    veto_text,
)
from auditor.result import CenterResult, FileError, grade_counts
from auditor.standard.model import Standard

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _env() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _clean(value: Any) -> Any:
    """Strip control characters from every string handed to a template (autoescape does the rest)."""
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def center_page(standard: Standard, center: CenterResult, year: int | None) -> str:
    labels = standard.center
    info = [
        (label, value)
        for label, value in (
            (labels.id, center.center_id),
            (labels.type, center.type),
            (labels.district, center.district),
            (labels.date, center.date),
            (labels.leader, center.leader),
        )
        if label and value
    ]
    results = {r.id: r for r in center.clauses}
    parts = []
    for part in standard.parts:
        rows = []
        earned = 0.0
        for clause in part.clauses:
            r = results[clause.id]
            shown = (
                "" if clause.kind == "veto" or r.status == "not_applicable" else points_text(two(r.earned))
            )
            if shown:
                earned += two(r.earned)
            rows.append(
                {
                    "id": clause.id,
                    "status": r.status,
                    "status_label": STATUS_WORDS[r.status],
                    "content": content_text(clause),
                    "standard": standard_text(clause),
                    "situation": situation(r),
                    "method": clause.method,
                    "self_score": points_text(r.self_score) if r.self_score is not None else "",
                    "earned": shown,
                    "locations": locations(r),
                }
            )
        note = part_points_text(part.points) if part.points else ""
        parts.append(
            {
                "id": part.id,
                "title": part.title,
                "rows": rows,
                "note": note,
                "earned": points_text(round(earned, 2))
                if any(c.kind != "veto" for c in part.clauses)
                else "",
            }
        )
    remediation = [
        {
            "id": r.id,
            "title": r.title,
            "situation": situation(r),
            "locations": locations(r),
            "remediation": clause.remediation,
            "recoverable": VETO if r.kind == "veto" else points_text(two(lost)),
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
    context = {
        "standard": standard,
        "version": __version__,
        "center": center,
        "title": report_title(standard, year),
        "info": info,
        "failed": center.grade == standard.veto_grade,
        "columns": score_columns(standard),
        "parts": parts,
        "remediation": remediation,
        "part_scores": scores,
        "total_note": total_text(center),
    }
    return str(_env().get_template("center.html.j2").render(**_clean(context)))


def index_page(
    standard: Standard,
    centers: Sequence[CenterResult],
    errors: Sequence[FileError],
    year: int | None,
    hrefs: Mapping[str, str],
) -> str:
    ranking = [
        {
            "rank": i,
            "id": c.center_id or "",
            "name": c.name or c.file,
            "type": c.type or "",
            "district": c.district or "",
            "score": str(c.score),
            "grade": c.grade,
            "veto": veto_text(c, absent=""),
            "href": hrefs.get(c.file, "#"),
        }
        for i, c in enumerate(ranked(centers), start=1)
    ]
    counts = grade_counts(standard, centers)
    total = max(len(centers), 1)
    distribution = [(g, n, round(n / total * 100, 1)) for g, n in counts.items()]
    context = {
        "standard": standard,
        "version": __version__,
        "title": f"{report_title(standard, year)} — 汇总",
        "centers": list(centers),
        "errors": list(errors),
        "ranking": ranking,
        "distribution": distribution,
        "columns": summary_columns(standard),
    }
    return str(_env().get_template("index.html.j2").render(**_clean(context)))

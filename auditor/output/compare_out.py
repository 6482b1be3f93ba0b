"""The views of `audit compare`: the terminal (a block per center, then the completion rates) and the
``--format json`` document, both of one :class:`~auditor.result.Comparison`.

A comparison is whole when it is shown (it is small: outcomes, not findings), so a writer here is a
function of it; :data:`COMPARE_WRITERS` is what `--format` chooses from.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from auditor.output.json_out import dumps, pretty
from auditor.output.terminal import Wrapped, make_console
from auditor.output.wording import NAME_LIMIT, PATH_LIMIT, points_text, shown
from auditor.output.wording.compare import (
    CENTERS_LABEL,
    NO_DISTRICT,
    OUTCOME_STYLE,
    OUTCOME_WORDS,
    RATE_LABEL,
    VETO_SIDE,
    WORDS,
    city_line,
    clause_label,
    outcome_word,
    rate_text,
    unscored_word,
)
from auditor.result import (
    CLAUSE_OUTCOMES,
    CenterChange,
    CenterSide,
    ClauseChange,
    ClauseSide,
    Comparison,
    CompletionRate,
    FileError,
)
from auditor.standard.model import Standard, round_half_up

CompareWriter = Callable[[TextIO, "CompareRun"], None]


class CompareRun:
    """What a view shows: the comparison, the two standards, the files that could not be read."""

    def __init__(
        self,
        comparison: Comparison,
        before: Standard,
        after: Standard,
        errors: Sequence[FileError],
        quiet: bool = False,
    ) -> None:
        self.comparison, self.before, self.after, self.errors, self.quiet = (
            comparison,
            before,
            after,
            errors,
            quiet,
        )


# ---------------------------------------------------------------- JSON


def _rate(rate: CompletionRate) -> float | None:
    return None if rate.rate is None else float(round_half_up(rate.rate, 4))


def _side(side: CenterSide | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"file": side.file, "score": float(side.score), "grade": side.grade, "veto": side.veto}


def _clause_side(side: ClauseSide | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"status": side.status, "earned": float(side.earned), "max": float(side.max)}


def _clause(change: ClauseChange) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": change.id,
        "before_id": change.before_id,
        "title": change.title,
        "outcome": change.outcome,
        "item": change.item,
        "before": _clause_side(change.before),
        "after": _clause_side(change.after),
    }
    if change.typed:
        data["typed"] = list(change.typed)
    return data


def _outcomes(changes: Sequence[ClauseChange]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(CLAUSE_OUTCOMES, 0)
    for change in changes:
        counts[change.outcome] += 1
    return counts


def center_dict(center: CenterChange, made: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """One center; `made` keeps the dict of each clause change already shown (changes recur as the same
    objects across centers: the dicts are shared, never modified)."""
    if made is None:
        made = {}
    clauses = []
    for change in center.clauses:
        data = made.get(id(change))
        if data is None:
            data = made[id(change)] = _clause(change)
        clauses.append(data)
    return {
        "center_id": center.center_id,
        "name": center.name,
        "type": center.type,
        "district": center.district,
        "before": _side(center.before),
        "after": _side(center.after),
        "items": center.items,
        "fixed": center.fixed,
        "completion_rate": None if center.rate is None else float(round_half_up(center.rate, 4)),
        "outcomes": _outcomes(center.clauses),
        "clauses": clauses,
    }


def _group(rate: CompletionRate, key: str) -> dict[str, Any]:
    return {key: rate.name or None, "centers": rate.centers, "items": rate.items, "fixed": rate.fixed,
            "completion_rate": _rate(rate)}  # fmt: skip


def _standard(standard: Standard) -> dict[str, Any]:
    return {"id": standard.id, "title": standard.title, "version": standard.version}


def document(run: CompareRun) -> dict[str, Any]:
    c = run.comparison
    made: dict[int, dict[str, Any]] = {}
    both = [x for x in c.centers if x.before and x.after]
    return {
        "before": {"standard": _standard(run.before)},
        "after": {"standard": _standard(run.after)},
        "clauses": {
            "added": list(c.added),
            "removed": list(c.removed),
            "replaced": [{"id": new, "replaces": old} for new, old in c.replaced],
        },
        "centers": [center_dict(x, made) for x in c.centers],
        "errors": [{"file": e.file, "message": e.message} for e in run.errors],
        "summary": {
            "centers": len(c.centers),
            "matched": len(both),
            "before_only": sum(1 for x in c.centers if x.after is None),
            "after_only": sum(1 for x in c.centers if x.before is None),
            "items": c.city.items,
            "fixed": c.city.fixed,
            "completion_rate": _rate(c.city),
            "outcomes": _outcomes([ch for x in c.centers for ch in x.clauses]),
            "by_district": [_group(r, "district") for r in c.districts],
            "by_type": [_group(r, "type") for r in c.types],
            "errors": len(run.errors),
        },
    }


def dumps_document(doc: dict[str, Any]) -> str:
    """The document indented like check's, each clause of a center on one line (a follow-up of 10,000
    centers has hundreds of thousands of clauses: written by the standard library's C encoder)."""
    centers = doc["centers"]
    marker = "\x00centers\x00"
    head, _, tail = dumps({**doc, "centers": [marker] if centers else []}).partition(json.dumps(marker))
    texts = []
    lines_of: dict[int, str] = {}  # the line of each clause dict (shared across centers)
    for center in centers:
        clauses = center["clauses"]
        text = pretty({**center, "clauses": [marker] if clauses else []}, "    ")
        if clauses:
            for c in clauses:
                if id(c) not in lines_of:
                    lines_of[id(c)] = "        " + json.dumps(c, ensure_ascii=False)
            lines = ",\n".join(lines_of[id(c)] for c in clauses)
            before, _, after = text.rpartition(json.dumps(marker))  # "clauses" is the last key
            text = before + lines.lstrip(" ") + after
        texts.append(text)
    if not centers:
        return head
    return head + ",\n    ".join(texts) + tail


def write_json(stdout: TextIO, run: CompareRun) -> None:
    stdout.buffer.write(dumps_document(document(run)).encode("utf-8"))
    stdout.flush()


# ---------------------------------------------------------------- the terminal


def _score(side: CenterSide | None) -> str:
    return "-" if side is None else f"{side.score} {side.grade}"


def _points(side: ClauseSide | None, kind: str) -> str:
    if side is None:
        return "-"
    if side.status in ("not_applicable", "waived"):
        return unscored_word(side)
    if kind == "veto":
        return VETO_SIDE["pass" if side.status == "pass" else "fail"]
    return f"{points_text(side.earned)}/{points_text(side.max)}"


def _center_block(console: Console, center: CenterChange, label: str) -> None:
    title = Text()
    title.append(shown(center.name, NAME_LIMIT) if center.name else "-", style="bold")
    meta = "，".join(shown(x, NAME_LIMIT) for x in (center.center_id, center.district) if x)
    if meta:
        title.append(f"（{meta}）")
    title.append(f"  {_score(center.before)} {WORDS['arrow']} {_score(center.after)}")
    console.print(title)
    if center.before is None or center.after is None:
        side = center.after or center.before
        assert side is not None
        why = WORDS["after_only" if center.before is None else "before_only"]
        if not center.center_id:
            why = WORDS["no_id"]
        console.print(Text(f"  {why}   {shown(side.file, PATH_LIMIT)}", style="yellow"))
        console.print()
        return
    console.print(Text(f"  {label}：{rate_text(center.fixed, center.items)}"))
    shown_changes = [
        c for c in center.clauses if c.outcome != "ok" and (c.item or c.outcome != "not_applicable")
    ]
    if shown_changes:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
        table.add_column(no_wrap=True, justify="right")
        table.add_column(no_wrap=True, justify="right")
        table.add_column(no_wrap=True)
        for change in shown_changes:
            cid = clause_label(change.id, change.before_id)
            table.add_row(
                Text(cid, style="bold"),
                Text(shown(change.title, NAME_LIMIT)),
                Text(_points(change.before, change.kind)),
                Text(_points(change.after, change.kind)),
                Text(outcome_word(change), style=OUTCOME_STYLE[change.outcome]),
            )
        console.print(Padding(table, (0, 0, 0, 2), expand=False))
    console.print()


def _rates_table(rates: Sequence[CompletionRate], heading: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1), pad_edge=False, header_style="bold")
    table.add_column(heading, overflow="fold")
    table.add_column(CENTERS_LABEL, justify="right", no_wrap=True)
    table.add_column(RATE_LABEL, justify="right", no_wrap=True)
    for rate in rates:
        table.add_row(
            shown(rate.name, NAME_LIMIT) or NO_DISTRICT, str(rate.centers), rate_text(rate.fixed, rate.items)
        )
    return table


def write_table(stdout: TextIO, run: CompareRun) -> None:
    console = make_console(stdout)
    c = run.comparison
    label = RATE_LABEL
    if not run.quiet:
        console.print(Text(WORDS["legend"], style="dim"))
        console.print()
        for center in c.centers:
            _center_block(console, center, label)
    console.print(Text(WORDS["title"], style="bold"))
    before, after = run.before, run.after
    for key, standard in (("before_standard", before), ("after_standard", after)):
        console.print(Wrapped(WORDS[key].format(standard=f"{standard.title} {standard.version}")))
    for key, ids in (("added", c.added), ("removed", c.removed)):
        if ids:
            console.print(Text(WORDS[key].format(ids="、".join(ids)), style="cyan"))
    if c.replaced:
        pairs = "、".join(clause_label(new, old) for new, old in c.replaced)
        console.print(Text(WORDS["replaced"].format(pairs=pairs), style="cyan"))
    both = sum(1 for x in c.centers if x.before and x.after)
    before_only = sum(1 for x in c.centers if x.after is None)
    console.print(
        Text(
            WORDS["centers"].format(both=both, before=before_only, after=len(c.centers) - both - before_only)
        )
    )
    counts = _outcomes([ch for x in c.centers for ch in x.clauses])
    shown_counts = "，".join(
        f"{OUTCOME_WORDS[k]} {counts[k]}"
        for k in ("fixed", "improved", "open", "new", "added", "removed")
        if counts[k]
    )
    if shown_counts:
        console.print(Text(WORDS["outcomes"].format(counts=shown_counts)))
    if run.after.center.district and c.districts:
        console.print(_rates_table(c.districts, run.after.center.district))
    if run.after.center.type and c.types:
        console.print(_rates_table(c.types, run.after.center.type))
    console.print(
        Text(city_line(c.city.fixed, c.city.items) if c.city.centers else WORDS["none_matched"], style="bold")
    )
    console.print(Wrapped(WORDS["rule"], style="dim"))


COMPARE_WRITERS: Mapping[str, CompareWriter] = {"table": write_table, "json": write_json}

"""The terminal view: per center its score, grade, veto and the clauses that lost points; then a summary.

One console for everything `audit check` prints (the progress bar runs on it too, so results always
print above the bar, never into it). Every text from a workbook or a file name is a rich ``Text`` (never
markup: a cell typed ``[/red]`` or ``[link=…]`` is shown as typed), stripped of control characters and
line breaks and cut (:func:`auditor.output.wording.shown`). A finding wraps within its column and its
location stays on the finding's first line, at 80 columns as at 200.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from auditor.output.figures import needs_attention
from auditor.output.wording import (
    NAME_LIMIT,
    PATH_LIMIT,
    TERMINAL_WORDS,
    VETO,
    as_of_text,
    count_line,
    decision_text,
    points_text,
    problems,
    scores_text,
    shown,
    status_word,
    text_width,
    waived_veto_text,
    waived_vetoes,
)
from auditor.output.wording.hints import HINT_WORDS
from auditor.output.wrap import wrap
from auditor.output.writers import Render
from auditor.result import BatchHint, CenterResult, ClauseResult, FileError, grade_counts
from auditor.standard.model import Clause, Standard

STATUS_STYLE = {
    "pass": "green",
    "partial": "yellow",
    "fail": "red",
    "missing": "magenta",
    "not_applicable": "dim",
    "waived": "cyan",
    "error": "bold red",
}
MAX_FINDINGS = 6
W = TERMINAL_WORDS


def make_console(stream: TextIO) -> Console:
    """The console of a run: the terminal's width on a terminal, else 160 columns and no colour."""
    width = None if stream.isatty() else 160
    return Console(
        file=stream,
        width=width,
        no_color="NO_COLOR" in os.environ or None,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        markup=False,
    )


def _grade_style(center: CenterResult, standard: Standard) -> str:
    if center.veto or center.grade == standard.veto_grade:
        return "bold red"
    return "bold green" if standard.grades and center.grade == standard.grades[0].name else "bold"


def _status(result: ClauseResult) -> Text:
    style = "bold red" if result.kind == "veto" and result.status == "fail" else STATUS_STYLE[result.status]
    if result.kind == "bonus" and not result.earned:
        style = "dim"
    return Text(status_word(result), style=style)


def _score(result: ClauseResult) -> str:
    if result.kind == "veto":
        return ""
    return f"{points_text(result.earned)}/{points_text(result.max)}"


class Wrapped:
    """A text that wraps between CJK characters (rich breaks only at spaces), with a hanging indent."""

    def __init__(self, text: str, style: str = "", bullet: str = "") -> None:
        self.text, self.style, self.bullet = text, style, bullet

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = " " * text_width(self.bullet)
        for line in wrap(self.bullet + self.text, options.max_width, indent):
            yield Text(line, style=self.style, no_wrap=True, overflow="fold")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(12, options.max_width), text_width(self.bullet + self.text))


def center_block(standard: Standard, center: CenterResult) -> Group:
    """One center: the title line, the score line, warnings, the clauses that lost points."""
    title = Text()
    title.append(
        shown(center.name, NAME_LIMIT) if center.name else W["unnamed"].format(standard.center.name),
        style="bold",
    )
    meta = "，".join(shown(x, NAME_LIMIT) for x in (center.center_id, center.type, center.district) if x)
    if meta:
        title.append(f"（{meta}）")
    title.append(f"  {scores_text(center, ' ' + W['points'])}  ")
    title.append(center.grade, style=_grade_style(center, standard))
    if center.veto:
        title.append(f"  {VETO}：{'、'.join(center.veto_reasons)}", style="bold red")
    clauses = {c.id: c for c in standard.clauses}
    if center.decisions:
        titles = {c.id: c.title for c in standard.clauses}
        for d in waived_vetoes(center, {c.id: c.kind for c in standard.clauses}):
            title.append(f"  {waived_veto_text(d, titles)}", style="bold red")
    parts: list[object] = [title]
    line = Text(f"  {W['base_line'].format(base=center.base, bonus=center.bonus)}   ", style="dim")
    if center.as_of:
        line.append(W["as_of"].format(day=as_of_text(center.as_of)) + "   ")
    line.append(shown(center.file, PATH_LIMIT))
    parts.append(line)
    for warning in center.warnings:
        parts.append(Padding(Wrapped(shown(warning, 400), "yellow", W["note"]), (0, 0, 0, 2), expand=False))
    if center.decisions:
        parts.append(Padding(_decisions_table(center, clauses), (0, 0, 0, 2), expand=False))
    lost = [c for c in center.clauses if needs_attention(c)]
    if not lost:
        parts.append(Text(f"  {W['all_pass']}", style="green"))
    else:
        parts.append(Padding(_clauses_table(lost, clauses), (0, 0, 0, 2), expand=False))
    if center.hints:
        parts.append(Padding(_hints_table(center), (0, 0, 0, 2), expand=False))
    parts.append(Text(""))
    return Group(*parts)  # type: ignore[arg-type]


def _decisions_table(center: CenterResult, clauses: dict[str, Clause]) -> Table:
    """The review decisions applied to the center, each with its approver, date and row."""
    titles = {i: c.title for i, c in clauses.items()}
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    table.add_column(no_wrap=True, justify="right")
    for d in center.decisions:
        veto = d.decision == "waive" and d.clause in clauses and clauses[d.clause].kind == "veto"
        table.add_row(
            Text(W["review"], style="bold red" if veto else "cyan"),
            Wrapped(decision_text(d, titles), style="bold red" if veto else ""),
            Text(shown(d.source, 80), style="dim"),
        )
    return table


def _hints_table(center: CenterResult) -> Table:
    """The center's 疑点: one line saying how many, then each with its cell."""
    table = Table.grid(padding=(0, 1))
    table.add_column(ratio=1, overflow="fold")
    table.add_column(no_wrap=True)
    table.add_row(Text(HINT_WORDS["line"].format(n=len(center.hints)), style="bold magenta"), "")
    for hint in center.hints[:MAX_FINDINGS]:
        table.add_row(
            Wrapped(shown(hint.message, 400), bullet="· "), Text(shown(hint.location, 80), style="dim")
        )
    if len(center.hints) > MAX_FINDINGS:
        table.add_row(Text(W["more"].format(len(center.hints) - MAX_FINDINGS), style="dim"), "")
    return table


def batch_hints_view(console: Console, hints: Sequence[BatchHint]) -> None:
    """The 疑点 across centers, after the centers and before the summary."""
    if not hints:
        return
    console.print(Text(HINT_WORDS["across_title"], style="bold magenta"))
    for hint in hints:
        console.print(Wrapped(shown(hint.message, 1000), bullet="· "))
    console.print(Text(""))


def hint_tally(summary: Sequence[CenterResult], hints: Sequence[BatchHint]) -> str:
    within = sum(len(c.hints) for c in summary)
    return HINT_WORDS["tally"].format(n=within + len(hints), within=within, across=len(hints))


def _clauses_table(lost: Sequence[ClauseResult], clauses: dict[str, Clause]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    table.add_column(no_wrap=True, justify="right")
    for result in lost:
        clause = clauses.get(result.id)
        head = Wrapped(result.title, style="bold")
        right = Text(_score(result) + ("  " if _score(result) else ""))
        right.append_text(_status(result))
        table.add_row(Text(result.id, style="bold"), head, right)
        found = (
            problems(clause, result)
            if clause is not None
            else [(f.message, f.location) for f in result.findings]
        )
        if not found:
            found = [(shown(f.message, 400), f.location) for f in result.findings]
        for text, location in found[:MAX_FINDINGS]:
            table.add_row("", Wrapped(text, bullet="· "), Text(shown(location, 80), style="dim"))
        if len(found) > MAX_FINDINGS:
            table.add_row("", Text(W["more"].format(len(found) - MAX_FINDINGS), style="dim"), "")
    return table


def center_view(console: Console, standard: Standard, center: CenterResult) -> None:
    console.print(center_block(standard, center))


def summary_table(standard: Standard, centers: Sequence[CenterResult]) -> Table:
    table = Table(
        show_header=True,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1),
        pad_edge=False,
    )
    labels = standard.center
    table.add_column(labels.id, no_wrap=True)
    names = [text_width(shown(c.name, NAME_LIMIT)) for c in centers if c.name]
    table.add_column(labels.name, overflow="fold", min_width=min(max(names, default=8), 40))
    table.add_column(labels.type or W["type"], no_wrap=True)
    table.add_column(W["score"], justify="right", no_wrap=True)
    table.add_column(W["grade"], no_wrap=True)
    table.add_column(VETO, no_wrap=True)
    for center in centers:
        table.add_row(
            Text(shown(center.center_id, NAME_LIMIT) if center.center_id else "-"),
            Text(shown(center.name, NAME_LIMIT) if center.name else shown(center.file, PATH_LIMIT)),
            Text(shown(center.type, NAME_LIMIT) if center.type else "-"),
            Text(str(center.score)),
            Text(center.grade, style=_grade_style(center, standard)),
            Text(W["yes"] if center.veto else ""),
        )
    return table


def summary_view(console: Console, standard: Standard, centers: Sequence[CenterResult], errors: int) -> None:
    days = {c.as_of for c in centers}
    day = next(iter(days)) if len(days) == 1 else None
    title = W["summary_as_of"].format(day=as_of_text(day)) if day else W["summary"]
    console.print(Text(title, style="bold"))
    console.print(summary_table(standard, centers))
    counts = count_line(standard, grade_counts(standard, centers), len(centers))
    console.print(Text(W["tally"].format(counts=counts, errors=errors)))


def no_text(center: CenterResult) -> str:
    """A rendering that keeps nothing (with --quiet the workers send back summaries only)."""
    return ""


class TerminalWriter:
    """`--format table`: a block per center (unless quiet), then the summary table. Its console is the one
    the progress bar runs on."""

    def __init__(self, stdout: TextIO, quiet: bool) -> None:
        self.console = make_console(stdout)
        self.quiet = quiet
        self.render: Render | None = no_text if quiet else None
        self.standard: Standard | None = None
        self.batch_hints: Sequence[BatchHint] = ()

    def start(self, standard: Standard) -> None:
        self.standard = standard

    def handle(self, center: CenterResult, text: str | None) -> None:
        assert self.standard is not None
        if not self.quiet:
            center_view(self.console, self.standard, center)

    def stop(self, errors: Sequence[FileError], year: int | None, summary: Sequence[CenterResult]) -> None:
        assert self.standard is not None
        batch_hints_view(self.console, self.batch_hints)
        summary_view(self.console, self.standard, summary, len(errors))
        if self.standard.hints is not None and (self.batch_hints or any(c.hints for c in summary)):
            self.console.print(Text(hint_tally(summary, self.batch_hints)))

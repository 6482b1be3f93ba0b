"""The terminal view: per center its score, grade, veto and the clauses that lost points; then a summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.output.wording import STATUS_WORDS, points_text
from auditor.output.writers import Render
from auditor.result import CenterResult, ClauseResult, FileError, grade_counts
from auditor.standard.model import Standard

STATUS_STYLE = {
    "pass": "green",
    "partial": "yellow",
    "fail": "red",
    "missing": "magenta",
    "not_applicable": "dim",
    "waived": "cyan",
    "error": "bold red",
}


def _grade_style(center: CenterResult, standard: Standard) -> str:
    if center.veto or center.grade == standard.veto_grade:
        return "bold red"
    return "bold green" if standard.grades and center.grade == standard.grades[0].name else "bold"


def needs_attention(result: ClauseResult) -> bool:
    if result.status in ("pass", "not_applicable", "waived"):
        return False
    return not (result.kind == "bonus" and result.status != "error")


def center_view(console: Console, standard: Standard, center: CenterResult) -> None:
    title = Text()
    title.append(center.name or f"（未填写{standard.center.name}）", style="bold")
    meta = "，".join(x for x in (center.center_id, center.type, center.district) if x)
    if meta:
        title.append(f"（{meta}）")
    title.append(f"  {center.score} 分  ")
    title.append(center.grade, style=_grade_style(center, standard))
    if center.veto:
        title.append(f"  一票否决：{'、'.join(center.veto_reasons)}", style="bold red")
    console.print(title)
    console.print(
        f"  基础分 {center.base} + 加分 {center.bonus}   {center.file}", style="dim", highlight=False
    )
    for warning in center.warnings:
        console.print(f"  注意：{warning}", style="yellow", highlight=False)
    lost = [c for c in center.clauses if needs_attention(c)]
    if not lost:
        console.print("  所有条款均达标", style="green")
        console.print()
        return
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False)
    table.add_column("条款", no_wrap=True)
    table.add_column("名称")
    table.add_column("得分", justify="right", no_wrap=True)
    table.add_column("状态", no_wrap=True)
    table.add_column("问题")
    table.add_column("位置")
    for clause in lost:
        label, style = STATUS_WORDS[clause.status], STATUS_STYLE[clause.status]
        findings = [f for f in clause.findings if f.kind != "note"] or list(clause.findings)
        problems = "\n".join(f.message for f in findings[:6]) + ("\n…" if len(findings) > 6 else "")
        where = "\n".join(f.location for f in findings[:6])
        score = (
            "否决"
            if clause.kind == "veto" and clause.status == "fail"
            else (f"{points_text(clause.earned)}/{points_text(clause.max)}")
        )
        table.add_row(clause.id, clause.title, score, Text(label, style=style), problems, where)
    console.print(table)
    console.print()


def summary_view(console: Console, standard: Standard, centers: Sequence[CenterResult], errors: int) -> None:
    table = Table(title="汇总", show_header=True, header_style="bold")
    labels = standard.center
    for name, justify in (
        (labels.id, "left"),
        (labels.name, "left"),
        (labels.type or "类型", "left"),
        ("得分", "right"),
        ("等级", "left"),
        ("一票否决", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for center in centers:
        table.add_row(
            center.center_id or "-",
            center.name or center.file,
            center.type or "-",
            str(center.score),
            Text(center.grade, style=_grade_style(center, standard)),
            "是" if center.veto else "",
        )
    console.print(table)
    counts = "，".join(f"{k} {v}" for k, v in grade_counts(standard, centers).items())
    console.print(f"共 {len(centers)} 个中心：{counts}；无法检查的文件 {errors} 个", highlight=False)


def no_text(center: CenterResult) -> str:
    """A rendering that keeps nothing (with --quiet the workers send back summaries only)."""
    return ""


class TerminalWriter:
    """`--format table`: a block per center (unless quiet), then the summary table."""

    def __init__(self, stdout: TextIO, quiet: bool) -> None:
        import os

        width = None if stdout.isatty() else 160
        self.console = Console(
            file=stdout,
            width=width,
            no_color="NO_COLOR" in os.environ or None,
            highlight=False,
            soft_wrap=False,
        )
        self.quiet = quiet
        self.render: Render | None = no_text if quiet else None
        self.standard: Standard | None = None

    def start(self, standard: Standard) -> None:
        self.standard = standard

    def handle(self, center: CenterResult, text: str | None) -> None:
        assert self.standard is not None
        if not self.quiet:
            center_view(self.console, self.standard, center)

    def stop(self, errors: Sequence[FileError], year: int | None, summary: Sequence[CenterResult]) -> None:
        assert self.standard is not None
        summary_view(self.console, self.standard, summary, len(errors))

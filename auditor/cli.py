"""The `audit` command line. Parses options, calls the core, picks writers, returns the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from auditor import __version__
from auditor.errors import AuditError
from auditor.result import FileError

if TYPE_CHECKING:
    from rich.console import Console

    from auditor.batch import Render, Rendered
    from auditor.result import CenterResult
    from auditor.standard.model import Standard

EXIT_OK, EXIT_FAILED_CENTER, EXIT_ERROR = 0, 1, 2
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


def _err(message: str) -> None:
    click.echo(f"错误: {message}", err=True)


def _warn(message: str) -> None:
    click.echo(f"警告: {message}", err=True)


def collect_workbooks(paths: Iterable[Path]) -> tuple[list[Path], list[FileError]]:
    """Files as given, folders searched recursively for workbooks (skipping ~$ lock files); sorted."""
    found: list[Path] = []
    errors: list[FileError] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in WORKBOOK_SUFFIXES
                and not p.name.startswith(("~$", ".~"))
                and p.is_file()
            )
        elif path.exists():
            found.append(path)
        else:
            errors.append(FileError(str(path), "找不到文件或目录"))
    unique = sorted(set(found), key=lambda p: str(p))
    return unique, errors


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 160
    return Console(
        file=stream, width=width, no_color="NO_COLOR" in os.environ or None, highlight=False, soft_wrap=False
    )


def default_jobs() -> int:
    from auditor.batch import default_jobs as jobs

    return jobs()


def load(standard_path: Path | None) -> Standard:
    from auditor.standard.loader import default_standard_path, load_standard

    return load_standard(standard_path or default_standard_path())


def run_batch(
    standard: Standard,
    files: Sequence[Path],
    year: int | None,
    jobs: int,
    progress: bool,
    render: Render | None = None,
) -> Iterator[CenterResult | FileError | Rendered]:
    """Audit every file (in parallel when jobs > 1), yielding results in path order."""
    from auditor.batch import audit_many

    results = audit_many(standard, files, year, jobs, render=render)
    if not (progress and len(files) > 1):
        yield from results
        return
    from rich.progress import Progress

    with Progress(console=_console(stderr=True), transient=True) as bar:
        task = bar.add_task("检查中", total=len(files))
        for result in results:
            yield result
            bar.advance(task)


class Tally:
    """What the end of a batch needs, without keeping whole results: ids for duplicates, the summary rows."""

    def __init__(self, standard: Standard) -> None:
        self.standard = standard
        self.seen: dict[str, str] = {}
        self.duplicates: list[str] = []
        self.summary: list[CenterResult] = []
        self.failed = False

    def add(self, center: CenterResult) -> None:
        import dataclasses

        if center.center_id:
            if center.center_id in self.seen:
                self.duplicates.append(
                    f"{self.standard.center.id}“{center.center_id}”重复："
                    f"{self.seen[center.center_id]} 与 {center.file}"
                )
            else:
                self.seen[center.center_id] = center.file
        self.failed = self.failed or center.grade == self.standard.veto_grade
        stripped = not center.clauses and not center.warnings  # already a summary (rendered in a worker)
        self.summary.append(center if stripped else dataclasses.replace(center, clauses=(), warnings=()))


def inputs(standard_path: Path | None, paths: Sequence[Path]) -> tuple[Standard, list[Path], list[FileError]]:
    """The standard and the workbooks to audit (missing paths become errors); no workbook at all is an error."""
    standard = load(standard_path)
    files, errors = collect_workbooks(paths)
    if not files and not errors:
        raise AuditError("没有找到工作簿（.xlsx/.xlsm/.xls/.ods）: " + " ".join(map(str, paths)))
    return standard, files, errors


def report_problems(errors: list[FileError], tally: Tally) -> None:
    """One line per file that could not be audited, then the duplicate-id warnings."""
    errors.sort(key=lambda e: e.file)
    for error in errors:
        _err(f"{error.file}: {error.message}")
    for message in tally.duplicates:
        _warn(message)


def exit_code(errors: Sequence[FileError], tally: Tally) -> None:
    """2 when a file could not be audited (it wins), 1 when a center failed, else return (0)."""
    if errors:
        sys.exit(EXIT_ERROR)
    if tally.failed:
        sys.exit(EXIT_FAILED_CENTER)


class AuditGroup(click.Group):
    """Turns any AuditError escaping a command into one line and exit code 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except AuditError as exc:
            _err(str(exc))
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            _err("已中断")
            ctx.exit(130)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug must still be one line, not a traceback
            _err(f"内部错误（请报告）：{type(exc).__name__}: {exc}")
            ctx.exit(EXIT_ERROR)


@click.group(cls=AuditGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audit")
def cli() -> None:
    """audit: year-end acceptance audit — score inspection workbooks against a YAML standard."""


standard_option = click.option(
    "--standard",
    "standard_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Standard YAML (default: the one shipped in standards/).",
)
jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(1, 256), help="Worker processes (default: the number of cores)."
)
year_option = click.option(
    "--year", type=click.IntRange(1900, 2999), help="Audit year (overrides the year field of the workbook)."
)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@standard_option
@year_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--quiet", "-q", is_flag=True, help="Only the summary (table format).")
@jobs_option
def check(
    paths: tuple[Path, ...],
    standard_path: Path | None,
    year: int | None,
    fmt: str,
    quiet: bool,
    jobs: int | None,
) -> None:
    """Audit workbooks (files or folders) and print a result per center.

    Exit code: 0 all centers pass, 1 at least one 不合格, 2 a file could not be audited or bad usage.
    """
    standard, files, errors = inputs(standard_path, paths)
    from auditor.batch import Rendered

    tally = Tally(standard)
    stream = None
    render = None
    if fmt == "json":
        from auditor.output.json_out import JsonStream, center_text

        stream, render = JsonStream(standard), center_text
    else:
        from auditor.output.terminal import center_view, summary_view

        console = _console()
        if quiet:  # only the summary: workers send back summaries, not whole results
            from auditor.batch import no_text

            render = no_text
    progress = fmt == "table" and sys.stderr.isatty()
    for result in run_batch(standard, files, year, jobs or default_jobs(), progress, render):
        if isinstance(result, FileError):
            errors.append(result)
        elif isinstance(result, Rendered):
            tally.add(result.center)
            if stream is not None:
                stream.add(result.center, result.text)
        else:
            tally.add(result)
            if not quiet:
                center_view(console, standard, result)
    report_problems(errors, tally)
    if stream is not None:
        stream.finish(errors, year, sys.stdout.buffer)
        sys.stdout.flush()
    else:
        summary_view(console, standard, tally.summary, len(errors))
    exit_code(errors, tally)


def report_year(centers: Sequence[CenterResult], year: int | None, standard: Standard) -> int:
    if year is not None:
        return year
    from collections import Counter

    years = Counter(c.year for c in centers if c.year is not None)
    return years.most_common(1)[0][0] if years else standard.year


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Output folder (default: reports/<year>/)."
)
@click.option("--html", is_flag=True, help="Also write web pages (html/index.html and one per center).")
@standard_option
@year_option
@click.option("--quiet", "-q", is_flag=True, help="Only where the files are.")
@jobs_option
def report(
    paths: tuple[Path, ...],
    output: Path | None,
    html: bool,
    standard_path: Path | None,
    year: int | None,
    quiet: bool,
    jobs: int | None,
) -> None:
    """Write the year-end acceptance report per center, a ranked summary, and optionally HTML.

    Exit codes as `check`.
    """
    from auditor.output.report import write_reports
    from auditor.result import CenterResult

    standard, files, errors = inputs(standard_path, paths)
    workers = jobs or default_jobs()
    tally = Tally(standard)
    centers: list[CenterResult] = []
    for result in run_batch(standard, files, year, workers, sys.stderr.isatty()):
        if isinstance(result, FileError):
            errors.append(result)
        elif isinstance(result, CenterResult):
            tally.add(result)
            centers.append(result)
    report_problems(errors, tally)
    the_year = report_year(centers, year, standard)
    folder = output or Path("reports") / str(the_year)
    if folder.exists() and not folder.is_dir():
        raise AuditError("输出路径已存在且不是目录", str(folder))

    def line(center: CenterResult, path: Path) -> None:
        if not quiet:
            veto = f" 一票否决：{'、'.join(center.veto_reasons)}" if center.veto else ""
            click.echo(
                f"{center.center_id or '-'} {center.name or center.file} {center.score} {center.grade}{veto}"
                f" → {path}"
            )

    written = write_reports(standard, centers, errors, the_year, folder, files, html, line, workers)
    click.echo(f"已写入 {len(written.centers)} 份验收报告和汇总 {written.summary}")
    if written.index is not None:
        click.echo(f"网页：{written.index}")
    exit_code(errors, tally)


@cli.group()
def standard() -> None:
    """Lint, show or publish the schema of standards."""


@standard.command()
@click.argument("file", type=click.Path(path_type=Path))
def lint(file: Path) -> None:
    """Validate a standard: schema, references, points adding up. Exit 0 when valid, 2 otherwise."""
    from auditor.standard.loader import lint as lint_file

    problems = lint_file(file)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"{file}: {len(problems)} 处问题", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{file}: 有效")


@standard.command()
@click.argument("file", type=click.Path(path_type=Path), required=False)
def show(file: Path | None) -> None:
    """The standard as a tree: parts, clauses, points, checks, credit."""
    from auditor.output.tree import standard_tree

    _console().print(standard_tree(load(file)))


@standard.command()
def schema() -> None:
    """Print the JSON Schema of standards."""
    from auditor.standard.schema import schema_json

    sys.stdout.buffer.write(schema_json().encode("utf-8"))


from auditor.template_cli import template_command  # noqa: E402

cli.add_command(template_command)


def main() -> None:
    from auditor.streams import safe_streams

    safe_streams()
    cli(prog_name="audit")

"""`audit check`: audit workbooks and print a result per center, in the format chosen."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.commands.common import (
    Tally,
    exit_code,
    finish,
    inputs,
    jobs_option,
    report_problems,
    run_batch,
    standard_option,
    year_option,
)
from auditor.output.writers import WRITERS
from auditor.result import FileError


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@standard_option
@year_option
@click.option("--format", "fmt", type=click.Choice(list(WRITERS)), default="table", show_default=True)
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
    finish(run(paths, standard_path, year, fmt, quiet, jobs))


def run(
    paths: tuple[Path, ...],
    standard_path: Path | None,
    year: int | None,
    fmt: str,
    quiet: bool,
    jobs: int | None,
) -> int:
    from auditor.batch import Rendered
    from auditor.output.writers import make_writer

    standard, files, errors = inputs(standard_path, paths)
    writer = make_writer(fmt, sys.stdout, quiet)
    writer.start(standard)
    tally = Tally(standard)
    progress = fmt == "table" and sys.stderr.isatty()
    for result in run_batch(standard, files, year, jobs, progress, writer.render):
        if isinstance(result, FileError):
            errors.append(result)
        elif isinstance(result, Rendered):
            tally.add(result.center)
            writer.handle(result.center, result.text)
        else:
            tally.add(result)
            writer.handle(result, None)
    report_problems(errors, tally)
    writer.stop(errors, year, tally.summary)
    return exit_code(errors, tally)

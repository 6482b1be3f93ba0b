"""`audit report`: the acceptance report per center, the ranked summary and optionally HTML, in one folder."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from auditor.commands.common import (
    Tally,
    default_jobs,
    exit_code,
    finish,
    inputs,
    jobs_option,
    report_problems,
    run_batch,
    standard_option,
    year_option,
)
from auditor.errors import AuditError
from auditor.result import CenterResult, FileError
from auditor.standard.model import Standard

Job = tuple[CenterResult, Path]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
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
    finish(run(paths, output, html, standard_path, year, quiet, jobs))


def report_year(centers: Sequence[CenterResult], year: int | None, standard: Standard) -> int:
    """The year of the reports: as asked, else the most common audit year of the centers, else the standard's."""
    if year is not None:
        return year
    years = Counter(c.year for c in centers if c.year is not None)
    return years.most_common(1)[0][0] if years else standard.year


def run(
    paths: tuple[Path, ...],
    output: Path | None,
    html: bool,
    standard_path: Path | None,
    year: int | None,
    quiet: bool,
    jobs: int | None,
) -> int:
    from auditor.output.report import write_reports

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
                f"{center.center_id or '-'} {center.name or center.file} {center.score} {center.grade}{veto} → {path}"
            )

    def write_centers(jobs: Sequence[Job]) -> Iterable[str | None]:
        return write_in_parallel(standard, the_year, jobs, workers)

    written = write_reports(standard, centers, errors, the_year, folder, files, html, line, write_centers)
    click.echo(f"已写入 {len(written.centers)} 份验收报告和汇总 {written.summary}")
    if written.index is not None:
        click.echo(f"网页：{written.index}")
    return exit_code(errors, tally)


# ---------------------------------------------------------------- center workbooks in worker processes

_standard: Standard | None = None
_year: int | None = None


def _init(standard: Standard, year: int | None) -> None:
    import signal

    global _standard, _year
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _standard, _year = standard, year


def _write(job: Job) -> str | None:
    from auditor.output.report import write_center

    assert _standard is not None
    return write_center(_standard, job[0], job[1], _year)


def write_in_parallel(
    standard: Standard, year: int | None, jobs: Sequence[Job], workers: int
) -> Iterable[str | None]:
    """Each center's workbook written by a worker process, the outcomes in the order of `jobs`."""
    from auditor.output.report import write_center

    if workers <= 1 or len(jobs) <= 1:
        return (write_center(standard, center, path, year) for center, path in jobs)
    from auditor.batch import ordered_map

    return ordered_map(
        _write,
        jobs,
        workers,
        _init,
        (standard, year),
        lambda job: f"{job[1]}: 写报告的进程意外退出（可能内存不足），请用 --jobs 1 重试",
    )

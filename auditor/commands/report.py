"""`audit report`: the acceptance report per center, the ranked summary and optionally HTML, in one folder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from auditor.commands.common import (
    EXIT_ERROR,
    Tally,
    as_of_option,
    as_of_options,
    default_jobs,
    exit_code,
    finish,
    hints_option,
    inputs,
    jobs_option,
    load_waivers,
    refuse_unknown,
    report_problems,
    run_batch,
    standard_option,
    waivers_option,
    year_option,
)
from auditor.errors import AuditError
from auditor.result import CenterChange, CenterResult, Comparison, FileError
from auditor.standard.model import Standard

Job = tuple[CenterResult, Path]
FollowedJob = tuple[CenterResult, Path, CenterChange | None]


@click.command(short_help="年终验收报告：每个中心一份工作簿，汇总、排名和通报，可选网页")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False), metavar="路径..."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="文件夹",
    help="输出文件夹（默认 reports/<年度>/）。",
)
@click.option("--html", is_flag=True, help="同时生成网页（html/index.html 和每个中心一页）。")
@standard_option
@year_option
@as_of_option
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, readable=False),
    metavar="上次",
    help="整改回头看：上次的检查结果（check 的 JSON、工作簿或上次的验收报告文件夹），"
    "每个中心报告加“整改落实情况”，汇总加“整改落实”。",
)
@click.option(
    "--baseline-standard",
    type=click.Path(path_type=Path, dir_okay=False, readable=False),
    metavar="文件",
    help="上次用的标准（默认与 --standard 相同）。",
)
@click.option("--quiet", "-q", is_flag=True, help="只显示写到了哪里。")
@jobs_option
@waivers_option
@hints_option
def report(
    paths: tuple[Path, ...],
    output: Path | None,
    html: bool,
    standard_path: Path | None,
    year: int | None,
    as_of: dt.date | None,
    baseline: Path | None,
    baseline_standard: Path | None,
    quiet: bool,
    jobs: int | None,
    waivers: Path | None,
    no_hints: bool,
) -> None:
    """写年终验收报告：每个中心一份工作簿（封面、评分表、整改清单、分项得分），汇总工作簿（排名、分类排名、镇街排名、条款达标率、通报），可选网页。

    退出代码与 check 相同。
    """
    finish(
        run(
            paths,
            output,
            html,
            standard_path,
            year,
            quiet,
            jobs,
            waivers,
            as_of,
            baseline,
            baseline_standard,
            hints=not no_hints,
        )
    )


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
    waivers: Path | None = None,
    as_of: dt.date | None = None,
    baseline: Path | None = None,
    baseline_standard: Path | None = None,
    hints: bool = True,
) -> int:
    from auditor.cycle.across import AcrossCenters
    from auditor.output.report import write_reports
    from auditor.output.wording import PATH_LIMIT, REPORT_WORDS, report_line, shown

    options = as_of_options(year, as_of)  # a bad --as-of is refused before anything is read
    standard, files, errors = inputs(standard_path, paths)
    decisions = load_waivers(waivers, standard)
    workers = jobs or default_jobs()
    tally = Tally(standard)
    centers: list[CenterResult] = []
    options = dataclasses.replace(options, decisions=decisions, hints=hints)
    across = AcrossCenters(standard.hints)
    for result in run_batch(standard, files, options, workers, sys.stderr.isatty()):
        if isinstance(result, FileError):
            errors.append(result)
        elif isinstance(result, CenterResult):
            center = across.add(result)
            tally.add(center)
            centers.append(center)
    unread: list[FileError] = []  # files of the baseline that could not be read (not this year's)
    followup = _followup(baseline, baseline_standard, standard, centers, unread, workers)
    report_problems([*errors, *unread], tally)
    if refuse_unknown(decisions, tally):  # refused before anything is written
        return EXIT_ERROR
    the_year = report_year(centers, year, standard)
    folder = output or Path("reports") / str(the_year)
    if folder.exists() and not folder.is_dir():
        raise AuditError("输出路径已存在且不是目录", str(folder))

    def line(center: CenterResult, path: Path) -> None:
        if not quiet:
            click.echo(report_line(center, str(path)))

    def write_centers(jobs: Sequence[Job]) -> Iterable[str | None]:
        if followup is None:
            return write_in_parallel(standard, the_year, jobs, workers)
        from auditor.output.report import followups

        changes = followups(followup)
        return write_in_parallel(standard, the_year, [(c, p, changes.get(c.file)) for c, p in jobs], workers)

    batch_hints = across.hints if hints and standard.hints is not None else None
    written = write_reports(
        standard, centers, errors, the_year, folder, files, html, line, write_centers, followup, batch_hints
    )
    click.echo(
        REPORT_WORDS["written"].format(n=len(written.centers), summary=shown(written.summary, PATH_LIMIT))
    )
    if written.index is not None:
        click.echo(REPORT_WORDS["pages"].format(index=shown(written.index, PATH_LIMIT)))
    return EXIT_ERROR if unread else exit_code(errors, tally)


def _followup(
    baseline: Path | None,
    baseline_standard: Path | None,
    standard: Standard,
    centers: Sequence[CenterResult],
    errors: list[FileError],
    workers: int,
) -> Comparison | None:
    """With --baseline: this run compared with the previous one (its files that cannot be read go to
    `errors`: said on stderr and in the exit code, not in this year's summary)."""
    if baseline is None:
        return None
    from auditor.commands.common import load
    from auditor.commands.sides import read_side
    from auditor.cycle.compare import compare

    before_standard = load(baseline_standard) if baseline_standard else standard
    side = read_side(baseline, before_standard, None, workers, "上次")
    errors.extend(side.errors)
    return compare(side.centers, centers, before_standard, standard, side.typed)


# ---------------------------------------------------------------- center workbooks in worker processes

_standard: Standard | None = None
_year: int | None = None


def _init(standard: Standard, year: int | None, run: str) -> None:
    import signal

    from auditor.output.files import set_run

    global _standard, _year
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_run(run)  # its temporary files carry the run's id (a spawned worker does not inherit it)
    _standard, _year = standard, year


def _write(job: Job | FollowedJob) -> str | None:
    from auditor.output.report import write_center

    assert _standard is not None
    return write_center(_standard, job[0], job[1], _year, job[2] if len(job) > 2 else None)


def write_in_parallel(
    standard: Standard, year: int | None, jobs: Sequence[Job | FollowedJob], workers: int
) -> Iterable[str | None]:
    """Each center's workbook written by a worker process, the outcomes in the order of `jobs` (a job may
    carry the center's 整改回头看)."""
    from auditor.output.report import write_center

    if workers <= 1 or len(jobs) <= 1:
        return (write_center(standard, j[0], j[1], year, j[2] if len(j) > 2 else None) for j in jobs)
    from auditor.batch import ordered_map
    from auditor.output.files import run_id

    return ordered_map(
        _write,
        jobs,
        workers,
        _init,
        (standard, year, run_id()),
        lambda job: f"{job[1]}: 写报告的进程意外退出（可能内存不足），请用 --jobs 1 重试",
    )

"""What the commands share: inputs, the batch with its progress bar, the tally, problem lines, options,
exit codes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from auditor.errors import AuditError
from auditor.result import CenterResult, FileError

if TYPE_CHECKING:
    from rich.console import Console

    from auditor.batch import Render, Rendered
    from auditor.cycle.decisions import Decisions
    from auditor.engine import AuditOptions
    from auditor.standard.model import Standard

EXIT_OK, EXIT_FAILED_CENTER, EXIT_ERROR = 0, 1, 2
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
F = TypeVar("F", bound=Callable[..., Any])


def err(message: str) -> None:
    """One line on stderr: 错误: <message> (control characters and line breaks of file names removed)."""
    from auditor.output.wording import ERROR_PREFIX, shown

    click.echo(f"{ERROR_PREFIX}: {shown(message, 2000)}", err=True)


def warn(message: str) -> None:
    from auditor.output.wording import WARNING_PREFIX, shown

    click.echo(f"{WARNING_PREFIX}: {shown(message, 2000)}", err=True)


# ---------------------------------------------------------------- options shared by commands

standard_option = click.option(
    "--standard",
    "standard_path",
    type=click.Path(path_type=Path, dir_okay=False, readable=False),
    metavar="文件",
    help="标准（YAML；默认用 standards/ 中随附的标准）。",
)
jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(1, 256), metavar="N", help="并行的进程数（默认：CPU 核数）。"
)
year_option = click.option(
    "--year", type=click.IntRange(1900, 2999), metavar="年度", help="审核的年度（优先于检查表中填写的年度）。"
)
waivers_option = click.option(
    "--waivers",
    "waivers",
    type=click.Path(path_type=Path, dir_okay=False, readable=False),
    metavar="文件",
    help="复核决定（豁免、改判）登记表：.xlsx 或 .yaml（audit template --waivers 生成空白表）。",
)


def load_waivers(path: Path | None, standard: Standard) -> Decisions | None:
    """The review decisions of `--waivers` (None without it); AuditError at the first bad row."""
    if path is None:
        return None
    from auditor.cycle.decisions import load_decisions

    return load_decisions(path, standard)


def refuse_unknown(decisions: Decisions | None, tally: Tally) -> bool:
    """After the batch: a line per decision that met none of the audited centers; True when there is one
    (the run then exits 2 and writes nothing more)."""
    if decisions is None:
        return False
    from auditor.cycle.decisions import unknown_scopes

    problems = unknown_scopes(decisions, tally.summary, tally.standard)
    for problem in problems:
        err(problem)
    return bool(problems)


class AsOfDate(click.ParamType):  # type: ignore[type-arg]
    """A day of the year: 2018-06-30 (also 2018/6/30, 2018.6.30, 2018年6月30日)."""

    name = "日期"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from auditor.workbook.values import ParseError, parse_date

        text = str(value).strip()
        try:  # read as a date typed in a workbook is (one reader of dates for the whole project)
            day = parse_date(text)
        except ParseError:
            day = None
        if not isinstance(day, dt.date):  # unreadable, or a day without its year
            self.fail(f"“{text}”不是日期（应为 2018-06-30 这样的年-月-日）", param, ctx)
        return day.date() if isinstance(day, dt.datetime) else day


as_of_option = click.option(
    "--as-of",
    "as_of",
    type=AsOfDate(),
    metavar="日期",
    help="年中检查：按检查表在该日的状态审核（如 2018-06-30），只计已结束的月、季度和工作日（默认：年度末）。",
)


def as_of_options(year: int | None, as_of: dt.date | None) -> AuditOptions:
    """The run's options from --year and --as-of. --as-of without --year makes its own year the audit year
    (every workbook is audited for it, a workbook of another year says so in a warning); a day outside
    the --year given is a usage error (exit 2)."""
    from auditor.engine import AuditOptions

    if as_of is not None and year is not None and as_of.year != year:
        raise click.BadParameter(
            f"{as_of.isoformat()} 不在审核年度{year}年内（--year {year}）", param_hint="'--as-of'"
        )
    return AuditOptions(year=year, as_of=as_of)


hints_option = click.option(
    "--no-hints",
    "no_hints",
    is_flag=True,
    help="不列疑点（给中心的报告副本用；疑点从不影响得分）。",
)


# ---------------------------------------------------------------- inputs


def collect_workbooks(paths: Iterable[Path]) -> tuple[list[Path], list[FileError]]:
    """Files as given, folders searched recursively for workbooks (skipping ~$ lock files, not following
    links to folders); sorted. A file named is taken as it is (reading it says what is wrong with it); a
    folder that cannot be read is an error of its own, never skipped silently."""
    from auditor.errors import shown

    found: list[Path] = []
    errors: list[FileError] = []

    def unreadable(exc: OSError) -> None:
        errors.append(FileError(shown(exc.filename), f"无法读取文件夹：{exc.strerror}"))

    for path in paths:
        try:
            is_dir = path.is_dir()
        except OSError as exc:
            errors.append(FileError(shown(path), f"无法读取：{exc.strerror}"))
            continue
        if is_dir:
            for folder, _, names in os.walk(path, onerror=unreadable):
                found.extend(
                    Path(folder, name)
                    for name in names
                    if os.path.splitext(name)[1].lower() in WORKBOOK_SUFFIXES
                    and not name.startswith(("~$", ".~"))
                )
        elif os.path.lexists(path):
            found.append(path)
        else:
            errors.append(FileError(shown(path), "找不到文件或目录"))
    unique = sorted(set(found), key=lambda p: str(p))
    return unique, errors


def load(standard_path: Path | None) -> Standard:
    from auditor.standard.loader import default_standard_path, load_standard

    return load_standard(standard_path or default_standard_path())


def inputs(standard_path: Path | None, paths: Sequence[Path]) -> tuple[Standard, list[Path], list[FileError]]:
    """The standard and the workbooks to audit (missing paths become errors); no workbook at all is an error."""
    standard = load(standard_path)
    files, errors = collect_workbooks(paths)
    if not files and not errors:
        raise AuditError("没有找到工作簿（.xlsx/.xlsm/.xls/.ods）: " + " ".join(map(str, paths)))
    return standard, files, errors


# ---------------------------------------------------------------- the batch


def console(stderr: bool = False) -> Console:
    """A console on stdout (or stderr): the terminal's width on a terminal, else 160 columns."""
    from auditor.output.terminal import make_console

    return make_console(sys.stderr if stderr else sys.stdout)


def default_jobs() -> int:
    from auditor.batch import default_jobs as jobs

    return jobs()


def run_batch(
    standard: Standard,
    files: Sequence[Path],
    options: AuditOptions | int | None,
    jobs: int | None,
    progress: bool,
    render: Render | None = None,
    on: Console | None = None,
) -> Iterator[CenterResult | FileError | Rendered]:
    """Audit every file (in parallel when jobs > 1), yielding results in path order. With `progress`, a bar
    on the console `on` (the one the results are printed on, so they print above the bar; stderr's by
    default)."""
    from auditor.batch import audit_many

    results = audit_many(standard, files, options, jobs or default_jobs(), render=render)
    if not (progress and len(files) > 1):
        yield from results
        return
    from rich.progress import Progress

    from auditor.output.wording import PROGRESS

    with Progress(console=on or console(stderr=True), transient=True) as bar:
        task = bar.add_task(PROGRESS, total=len(files))
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
        if center.center_id:
            if center.center_id in self.seen:
                self.duplicates.append(
                    f"{self.standard.center.id}“{center.center_id}”重复：{self.seen[center.center_id]} 与 {center.file}"
                )
            else:
                self.seen[center.center_id] = center.file
        self.failed = self.failed or center.grade == self.standard.veto_grade
        stripped = not center.clauses and not center.warnings  # already a summary (rendered in a worker)
        self.summary.append(center if stripped else dataclasses.replace(center, clauses=(), warnings=()))


def report_problems(errors: list[FileError], tally: Tally) -> None:
    """One line per file that could not be audited, then the duplicate-id warnings."""
    errors.sort(key=lambda e: e.file)
    for error in errors:
        err(f"{error.file}: {error.message}")
    for message in tally.duplicates:
        warn(message)


def exit_code(errors: Sequence[FileError], tally: Tally) -> int:
    """2 when a file could not be audited (it wins), 1 when a center failed, else 0."""
    if errors:
        return EXIT_ERROR
    if tally.failed:
        return EXIT_FAILED_CENTER
    return EXIT_OK


def finish(code: int) -> None:
    """End the command with its exit code."""
    click.get_current_context().exit(code)

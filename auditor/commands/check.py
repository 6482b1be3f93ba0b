"""`audit check`: audit workbooks and print a result per center, in the format chosen."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import click

from auditor.commands.common import (
    EXIT_ERROR,
    Tally,
    as_of_option,
    as_of_options,
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
from auditor.output.writers import WRITERS
from auditor.result import FileError


@click.command(short_help="检查工作簿（文件或文件夹），逐个中心打分并列出失分条款")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False), metavar="路径..."
)
@standard_option
@year_option
@as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(WRITERS)),
    default="table",
    show_default=True,
    help="输出格式：table（终端表格）或 json（一个 UTF-8 JSON 文档）。",
)
@click.option("--quiet", "-q", is_flag=True, help="只显示汇总（table 格式）。")
@jobs_option
@waivers_option
@hints_option
def check(
    paths: tuple[Path, ...],
    standard_path: Path | None,
    year: int | None,
    as_of: dt.date | None,
    fmt: str,
    quiet: bool,
    jobs: int | None,
    waivers: Path | None,
    no_hints: bool,
) -> None:
    """检查工作簿（文件，或递归查找 .xlsx/.xlsm/.xls/.ods 的文件夹），逐个中心打分并列出失分条款，最后汇总。

    退出代码：0 全部中心合格；1 至少一个中心不合格；2 有文件无法检查或用法错误。
    """
    finish(run(paths, standard_path, year, fmt, quiet, jobs, waivers, as_of=as_of, hints=not no_hints))


def run(
    paths: tuple[Path, ...],
    standard_path: Path | None,
    year: int | None,
    fmt: str,
    quiet: bool,
    jobs: int | None,
    waivers: Path | None = None,
    as_of: dt.date | None = None,
    hints: bool = True,
) -> int:
    from auditor.batch import Rendered
    from auditor.cycle.across import AcrossCenters
    from auditor.output.writers import make_writer

    options = as_of_options(year, as_of)  # a bad --as-of is refused before anything is read
    standard, files, errors = inputs(standard_path, paths)
    decisions = load_waivers(waivers, standard)
    writer = make_writer(fmt, sys.stdout, quiet)
    writer.start(standard)
    tally = Tally(standard)
    # The bar runs on the console the results print on (never a second stream mixing with them).
    screen = getattr(writer, "console", None)
    progress = screen is not None and sys.stdout.isatty()
    options = dataclasses.replace(options, decisions=decisions, hints=hints)
    across = AcrossCenters(standard.hints)
    writer.batch_hints = across.hints  # the list grows as centers arrive (a writer may render as it goes)
    for result in run_batch(standard, files, options, jobs, progress, writer.render, screen):
        if isinstance(result, FileError):
            errors.append(result)
        elif isinstance(result, Rendered):
            center = across.add(result.center)
            tally.add(center)
            writer.handle(center, result.text)
        else:
            center = across.add(result)
            tally.add(center)
            writer.handle(center, None)
    writer.batch_hints = across.hints
    report_problems(errors, tally)
    if refuse_unknown(decisions, tally):  # a decision for a center not audited: no summary, no document
        return EXIT_ERROR
    writer.stop(errors, year, tally.summary)
    return exit_code(errors, tally)

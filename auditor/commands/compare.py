"""`audit compare BEFORE AFTER`: 整改回头看 and year over year, per center and clause (cycle.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import click

from auditor.commands.common import (
    EXIT_ERROR,
    EXIT_FAILED_CENTER,
    EXIT_OK,
    Tally,
    as_of_option,
    as_of_options,
    finish,
    jobs_option,
    load,
    load_waivers,
    refuse_unknown,
    report_problems,
    standard_option,
    waivers_option,
    year_option,
)

PathArgument = click.Path(path_type=Path, readable=False)


@click.command(short_help="整改回头看、逐年对比：逐个中心逐条对比两次检查，算整改完成率")
@click.argument("before", type=PathArgument, metavar="上次")
@click.argument("after", type=PathArgument, metavar="本次")
@standard_option
@click.option(
    "--before-standard",
    "before_standard_path",
    type=click.Path(path_type=Path, dir_okay=False, readable=False),
    metavar="文件",
    help="上次用的标准（默认与 --standard 相同）。",
)
@year_option
@click.option(
    "--before-year",
    type=click.IntRange(1900, 2999),
    metavar="年度",
    help="上次审核的年度（上次是工作簿时）。",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="输出格式：table（终端表格）或 json（一个 UTF-8 JSON 文档）。",
)
@click.option("--fail-on-new", is_flag=True, help="有条款得分比上次低（新增问题）时退出代码为 1。")
@as_of_option
@waivers_option
@click.option("--quiet", "-q", is_flag=True, help="只显示汇总（table 格式）。")
@jobs_option
def compare(
    before: Path,
    after: Path,
    standard_path: Path | None,
    before_standard_path: Path | None,
    year: int | None,
    before_year: int | None,
    fmt: str,
    fail_on_new: bool,
    as_of: dt.date | None,
    waivers: Path | None,
    quiet: bool,
    jobs: int | None,
) -> None:
    """对比两次检查（上次、本次）：逐个中心的得分和等级，逐条的已整改/部分整改/未整改/新增问题，以及上次整改清单的整改完成率（按中心、镇街、类型和全市）。

    上次、本次各是 audit check --format json 的输出，或工作簿文件/文件夹（当场检查；文件夹中
    audit report 写出的中心验收报告也可读回）。中心按编号对照。

    退出代码：0；--fail-on-new 时有新增问题为 1；2 输入有误或有文件无法读取。
    """
    finish(
        run(
            before,
            after,
            standard_path,
            before_standard_path,
            year,
            before_year,
            fmt,
            fail_on_new,
            quiet,
            jobs,
            as_of,
            waivers,
        )
    )


def run(
    before: Path,
    after: Path,
    standard_path: Path | None,
    before_standard_path: Path | None,
    year: int | None,
    before_year: int | None,
    fmt: str,
    fail_on_new: bool,
    quiet: bool,
    jobs: int | None,
    as_of: dt.date | None = None,
    waivers: Path | None = None,
) -> int:
    from auditor.commands.sides import read_side, without_gc
    from auditor.cycle.compare import compare as compare_runs
    from auditor.output.compare_out import COMPARE_WRITERS, CompareRun

    options = as_of_options(year, as_of)  # a bad --as-of is refused before anything is read
    after_standard = load(standard_path)
    before_standard = load(before_standard_path) if before_standard_path else after_standard
    decisions = load_waivers(waivers, after_standard)  # the review decisions of this (AFTER) inspection
    old = read_side(before, before_standard, before_year, jobs, "上次")
    new = read_side(after, after_standard, dataclasses.replace(options, decisions=decisions), jobs, "本次")
    errors = [*old.errors, *new.errors]
    tally = Tally(after_standard)
    for center in new.centers:
        tally.add(center)
    report_problems(errors, Tally(after_standard))
    if refuse_unknown(decisions, tally):  # refused before anything is printed
        return EXIT_ERROR
    with without_gc():
        comparison = compare_runs(old.centers, new.centers, before_standard, after_standard, old.typed)
        COMPARE_WRITERS[fmt](
            sys.stdout, CompareRun(comparison, before_standard, after_standard, errors, quiet)
        )
    if errors:
        return EXIT_ERROR
    if fail_on_new and any(ch.outcome == "new" for c in comparison.centers for ch in c.clauses):
        return EXIT_FAILED_CENTER
    return EXIT_OK

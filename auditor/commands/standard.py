"""`audit standard`: lint, show, test and diff standards, and publish their JSON Schema.

``test`` audits the workbooks a standard's ``tests:`` name (through the engine, here in the command
layer) and compares the results with what the tests expect; ``lint`` warns about clauses no test
exercises (auditing the tests' workbooks only when their statements alone do not cover every
clause); ``diff`` tells what changed between two standards; ``show --resolved`` prints an overlay
resolved into a whole standard.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from auditor.commands.common import EXIT_ERROR, EXIT_FAILED_CENTER, EXIT_OK, console, finish, load, warn

if TYPE_CHECKING:
    from auditor.result import CenterResult
    from auditor.standard.model import Standard
    from auditor.standard.selftest import Run

FORMATS = click.Choice(["table", "json"])


def _json(document: dict[str, Any]) -> None:
    """A JSON document on stdout, as UTF-8 bytes (its contract on any console)."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def _path(file: Path | None) -> Path:
    from auditor.standard.loader import default_standard_path

    return file or default_standard_path()


@click.group(short_help="考核标准：检查、显示、测试、比较，以及 JSON Schema")
def standard() -> None:
    """考核标准（YAML）的检查（lint）、显示（show）、测试（test）、比较（diff）和 JSON Schema（schema）。"""


# ---------------------------------------------------------------- the tests a standard carries


def run_tests(standard: Standard) -> list[Run]:
    """Audit each test's workbook and compare the result with what the test expects."""
    from auditor.engine import audit_file
    from auditor.errors import AuditError
    from auditor.standard.selftest import Run, compare, label, workbook_path

    runs = []
    for test in standard.tests:
        path = workbook_path(standard, test)
        if not path.is_file():
            runs.append(Run(test, label(test, None), str(path), error="找不到检查表文件"))
            continue
        try:
            result = audit_file(standard, path, test.year)
        except AuditError as exc:
            runs.append(Run(test, label(test, None), str(path), error=exc.message))
            continue
        runs.append(Run(test, label(test, result), str(path), tuple(compare(test, result)), result=result))
    return runs


def exercised(standard: Standard, results: Sequence[CenterResult] | None = None) -> set[str]:
    """The clauses the tests exercise: stated by a test, or where a test's workbook loses points (the
    workbooks are audited here only when ``results`` are not given and the statements leave a clause out)."""
    from auditor.standard.selftest import losing, stated, uncovered

    found = stated(standard)
    if results is None and standard.tests and uncovered(standard, found):
        results = [run.result for run in run_tests(standard) if run.result is not None]
    return found | losing(results or ())


@standard.command(short_help="检查标准：语法、结构、引用、分值合计，一次列出全部问题")
@click.argument("file", type=click.Path(path_type=Path), metavar="标准文件")
def lint(file: Path) -> None:
    """检查标准：YAML 语法、重复的键、JSON Schema、对工作表/字段/列的引用、编号、分值合计、计分参数；
    全部问题一次列出（按行号），写错的名称给出最接近的写法。

    覆盖标准（extends:）按展开后的结果检查，每个问题标在引起它的那一行。没有测试覆盖的条款只是警告。

    退出代码：0 有效；2 有问题。
    """
    from auditor.standard.loader import check
    from auditor.standard.selftest import coverage_warnings

    built, problems, resolved = check(file)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems or built is None:
        click.echo(f"{file}: {len(problems)} 处问题", err=True)
        finish(EXIT_ERROR)
        return
    for warning in coverage_warnings(built, resolved.lines, str(file), exercised(built)):
        warn(str(warning))
    click.echo(f"{file}: 有效")


@standard.command(short_help="以树形显示标准；--resolved 输出展开后的 YAML")
@click.argument("file", type=click.Path(path_type=Path), required=False, metavar="[标准文件]")
@click.option("--resolved", is_flag=True, help="以 YAML 输出整个标准（覆盖标准按 extends 展开后的结果）。")
def show(file: Path | None, resolved: bool) -> None:
    """以树形显示标准：各部分、条款、分值、检查方式、计分方式（缺省为随附的标准）。

    --resolved：输出展开后的完整标准（YAML），覆盖标准的修改一目了然。
    """
    if not resolved:
        from auditor.output.tree import standard_tree

        console().print(standard_tree(load(file)))
        return
    from auditor.standard.dump import standard_yaml
    from auditor.standard.loader import check

    path = _path(file)
    _, problems, chain = check(path)
    if chain.data is not None:
        bases = " → ".join(str(p) for p, _ in chain.bases)
        header = f"{path} 展开后的标准（extends：{bases}）" if chain.overlay else f"{path}"
        click.echo(standard_yaml(chain.data, header), nl=False)
    for problem in problems:
        click.echo(str(problem), err=True)
    finish(EXIT_ERROR if problems else EXIT_OK)


@standard.command("test", short_help="运行标准自带的测试（tests:），核对示例检查表的得分")
@click.argument("file", type=click.Path(path_type=Path), required=False, metavar="[标准文件]")
@click.option(
    "--format", "fmt", type=FORMATS, default="table", show_default=True, help="输出格式：table 或 json。"
)
def test_command(file: Path | None, fmt: str) -> None:
    """运行标准自带的测试（tests:）：逐一检查其中的检查表，与预期的得分、等级、一票否决和各条款结果核对，
    逐条列出不符之处（缺省为随附的标准）。

    退出代码：0 全部通过；1 有不符；2 标准或检查表无法读取。
    """
    from auditor.output.standard_views import test_document, test_lines, uncovered_text
    from auditor.standard.loader import load_standard
    from auditor.standard.selftest import uncovered

    path = _path(file)
    standard = load_standard(path)
    runs = run_tests(standard)
    results = [run.result for run in runs if run.result is not None]
    missing = uncovered(standard, exercised(standard, results)) if standard.tests else []
    if fmt == "json":
        _json(test_document(str(path), runs, missing))
    else:
        for line in test_lines(runs):
            click.echo(line)
        if not standard.tests:
            warn(f"{path}: 标准没有测试（tests:）")
        elif missing:
            warn(uncovered_text(missing))
    if any(run.error for run in runs):
        finish(EXIT_ERROR)
    finish(EXIT_OK if all(run.passed for run in runs) else EXIT_FAILED_CENTER)


@standard.command(short_help="比较两个标准：条款增删改、等级、检查表")
@click.argument("old", type=click.Path(path_type=Path), metavar="旧标准")
@click.argument("new", type=click.Path(path_type=Path), metavar="新标准")
@click.option(
    "--format", "fmt", type=FORMATS, default="table", show_default=True, help="输出格式：table 或 json。"
)
def diff(old: Path, new: Path, fmt: str) -> None:
    """比较两个标准：新增、删除、修改的条款（分值、名称、考核内容、检查参数、计分方式、加分项/一票否决、
    适用条件），等级分数线，检查表的工作表、字段和列。两个标准相同时什么也不输出。

    新条款的 replaces: [旧编号] 把改了编号的条款配成一对。退出代码：0。
    """
    from auditor.output.standard_views import diff_document, diff_lines
    from auditor.standard.diff import diff_standards
    from auditor.standard.loader import load_standard

    changes = diff_standards(load_standard(old), load_standard(new))
    if fmt == "json":
        _json(diff_document(changes, str(old), str(new)))
        return
    for line in diff_lines(changes):
        click.echo(line)


@standard.command(short_help="输出标准的 JSON Schema（draft 2020-12）")
def schema() -> None:
    """输出标准文件的 JSON Schema（draft 2020-12），供编辑器自动补全和校验：
    audit standard schema > standards/schema.json
    """
    from auditor.standard.schema import schema_json

    sys.stdout.buffer.write(schema_json().encode("utf-8"))

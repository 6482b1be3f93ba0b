"""The `audit` command line: the click group assembled from :mod:`auditor.commands`, and nothing else.

Any :class:`~auditor.errors.AuditError` escaping a command is one line on stderr and exit code 2; a bug is
one line too, never a traceback. Help and usage errors are in Chinese (:mod:`auditor.output.help`).
"""

from __future__ import annotations

import click

from auditor import __version__
from auditor.commands.check import check
from auditor.commands.common import EXIT_ERROR, err
from auditor.commands.compare import compare
from auditor.commands.report import report
from auditor.commands.standard import standard
from auditor.commands.template import template
from auditor.errors import AuditError
from auditor.output.help import ChineseGroup, localize
from auditor.output.wording import INTERNAL, INTERRUPTED, VERSION


class AuditGroup(ChineseGroup):
    """Turns any AuditError escaping a command into one line and exit code 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except AuditError as exc:
            err(str(exc))
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            err(INTERRUPTED)
            ctx.exit(130)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug must still be one line, not a traceback
            err(f"{INTERNAL}：{type(exc).__name__}: {exc}")
            ctx.exit(EXIT_ERROR)


@click.group("audit", cls=AuditGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audit", message=VERSION)
def cli() -> None:
    """audit：年终验收考核——按 YAML 标准给检查表打分，出验收报告。

    \b
    audit check 检查表/              逐个中心打分，列出失分条款
    audit report 检查表/ --html      写每个中心的验收报告、汇总和通报
    audit template -o 检查表.xlsx    生成空白检查表
    audit compare 上次.json 检查表/  整改回头看：逐条对比两次检查
    """


cli.add_command(check)
cli.add_command(report)
cli.add_command(template)
cli.add_command(standard)
cli.add_command(compare)
localize(cli)


def main() -> None:
    from auditor.streams import safe_streams

    safe_streams()
    cli(prog_name="audit")

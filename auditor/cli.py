"""The `audit` command line: the click group assembled from :mod:`auditor.commands`, and nothing else.

Any :class:`~auditor.errors.AuditError` escaping a command is one line on stderr and exit code 2; a bug is
one line too, never a traceback.
"""

from __future__ import annotations

import click

from auditor import __version__
from auditor.commands.check import check
from auditor.commands.common import EXIT_ERROR, err
from auditor.commands.report import report
from auditor.commands.standard import standard
from auditor.commands.template import template
from auditor.errors import AuditError


class AuditGroup(click.Group):
    """Turns any AuditError escaping a command into one line and exit code 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except AuditError as exc:
            err(str(exc))
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            err("已中断")
            ctx.exit(130)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug must still be one line, not a traceback
            err(f"内部错误（请报告）：{type(exc).__name__}: {exc}")
            ctx.exit(EXIT_ERROR)


@click.group(cls=AuditGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audit")
def cli() -> None:
    """audit: year-end acceptance audit — score inspection workbooks against a YAML standard."""


cli.add_command(check)
cli.add_command(report)
cli.add_command(template)
cli.add_command(standard)


def main() -> None:
    from auditor.streams import safe_streams

    safe_streams()
    cli(prog_name="audit")

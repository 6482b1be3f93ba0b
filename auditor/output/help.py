"""The command line's help and usage errors in Chinese, laid out for a terminal that shows CJK double-width.

* :func:`install` makes click speak Chinese: its own messages ("Usage:", "Error: Missing argument", "Show
  this message and exit." …) through gettext lookups replaced by :data:`auditor.output.wording.CLICK`, its
  type names ("integer") by :data:`~auditor.output.wording.TYPE_NAMES`;
* :class:`HelpFormatter` wraps help text by display width (a CJK character takes two columns), so a line
  never runs past the terminal;
* :class:`ChineseGroup` lists every command with its whole first help line (click cuts it to fit 80
  columns with "...").
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from typing import Any

import click

from auditor.output.wording import (
    CLICK,
    CLICK_PLURAL,
    OPTIONS_METAVAR,
    SUBCOMMAND_METAVAR,
    TYPE_NAMES,
    text_width,
)
from auditor.output.wrap import wrap

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def _gettext(message: str) -> str:
    return CLICK.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    message = singular if n == 1 else plural
    return CLICK_PLURAL.get(message, message)


def install() -> None:
    """Make click's own messages Chinese (idempotent)."""
    import importlib

    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
    for cls in (
        click.types.IntParamType,
        click.types.FloatParamType,
        click.types.IntRange,
        click.types.FloatRange,
    ):
        cls.name = TYPE_NAMES.get(cls.name, cls.name)
    click.Context.formatter_class = HelpFormatter
    group: Any = click.Group
    group.format_commands = ChineseGroup.format_commands


def localize(command: click.Command) -> None:
    """[选项] and 命令 [参数]... in the usage lines of a command and every command under it."""
    command.options_metavar = OPTIONS_METAVAR
    if isinstance(command, click.Group):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            localize(sub)


class HelpFormatter(click.HelpFormatter):
    """click's formatter, wrapping by display width; at most the terminal's width (or 100)."""

    def __init__(
        self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None
    ) -> None:
        columns = shutil.get_terminal_size((100, 24)).columns
        super().__init__(indent_increment, width or max(min(columns, 100) - 2, 40), max_width)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in wrap(text, max(self.width - self.current_indent, 20)):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first = min(max((text_width(r[0]) for r in rows), default=0), col_max)
        for term, definition in rows:
            self.write(" " * self.current_indent + term)
            if not definition:
                self.write("\n")
                continue
            pad = first - text_width(term)
            room = max(self.width - self.current_indent - first - col_spacing, 20)
            lines = list(wrap(definition, room))
            if pad >= 0:
                self.write(" " * (pad + col_spacing))
            else:
                self.write("\n" + " " * (self.current_indent + first + col_spacing))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (self.current_indent + first + col_spacing) + line + "\n")


class ChineseGroup(click.Group):
    """A group listing its commands with their whole first help line (not cut with "...")."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            text = command.short_help or (command.help or "").strip().split("\n")[0]
            rows.append((name, text))
        if rows:
            with formatter.section(CLICK["Commands"]):
                formatter.write_dl(rows)

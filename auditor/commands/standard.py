"""`audit standard`: lint, show and the JSON Schema of standards."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.commands.common import EXIT_ERROR, console, finish, load


@click.group()
def standard() -> None:
    """Lint, show or publish the schema of standards."""


@standard.command()
@click.argument("file", type=click.Path(path_type=Path))
def lint(file: Path) -> None:
    """Validate a standard: schema, references, points adding up. Exit 0 when valid, 2 otherwise."""
    from auditor.standard.loader import lint as lint_file

    problems = lint_file(file)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{file}: {len(problems)} 处问题", err=True)
        finish(EXIT_ERROR)
    click.echo(f"{file}: 有效")


@standard.command()
@click.argument("file", type=click.Path(path_type=Path), required=False)
def show(file: Path | None) -> None:
    """The standard as a tree: parts, clauses, points, checks, credit."""
    from auditor.output.tree import standard_tree

    console().print(standard_tree(load(file)))


@standard.command()
def schema() -> None:
    """Print the JSON Schema of standards."""
    from auditor.standard.schema import schema_json

    sys.stdout.buffer.write(schema_json().encode("utf-8"))

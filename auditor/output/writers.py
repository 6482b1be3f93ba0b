"""The face every result writer shows (flake8's formatter shape), and the registry `--format` chooses from.

A writer is made for one run, then ``start(standard)``; each center is rendered by ``render`` in the
worker process that audited it (where the work is parallel) and handed to ``handle`` in the parent, in
path order; ``stop(errors, year, summary)`` ends the output. ``render`` is a module-level function (it
travels to worker processes), or None when the writer wants whole results in the parent.

Adding an output format is one module with a writer class and one line in :data:`WRITERS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from auditor.result import BatchHint, CenterResult, FileError
    from auditor.standard.model import Standard

Render = Callable[["CenterResult"], str]


class Writer(Protocol):
    render: Render | None
    # the 疑点 across centers: a list that grows during the batch, whole at ``stop``
    batch_hints: Sequence[BatchHint]

    def start(self, standard: Standard) -> None: ...

    def handle(self, center: CenterResult, text: str | None) -> None:
        """One center, in path order: the whole result, or its summary and `render`'s text."""
        ...

    def stop(self, errors: Sequence[FileError], year: int | None, summary: Sequence[CenterResult]) -> None:
        """The end of the output: the files that could not be audited, the year asked for, every center's
        summary (no clauses)."""
        ...


class WriterClass(Protocol):
    def __call__(self, stdout: TextIO, quiet: bool) -> Writer: ...


# --format name -> "module:class" (imported only when chosen, so start-up stays fast)
WRITERS: dict[str, str] = {
    "table": "auditor.output.terminal:TerminalWriter",
    "json": "auditor.output.json_out:JsonWriter",
}


def make_writer(name: str, stdout: TextIO, quiet: bool) -> Writer:
    module, _, attribute = WRITERS[name].partition(":")
    factory: WriterClass = getattr(importlib.import_module(module), attribute)
    return factory(stdout, quiet)

"""Audit many workbooks: in order, one at a time or in parallel worker processes, streaming results.

Results come back in the order of the input paths whatever the parallelism (`Pool.imap`), so the
output is deterministic. Workers receive the loaded standard once (inherited on fork, pickled once
per worker otherwise), ignore Ctrl-C (the parent stops them), and never raise: a file that cannot be
audited becomes a :class:`FileError`.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import AuditError
from auditor.result import CenterResult, FileError
from auditor.standard.model import Standard
from auditor.workbook.container import DEFAULT_LIMITS, Limits

Outcome = CenterResult | FileError
Render = Callable[[CenterResult], str]


@dataclass(frozen=True)
class Rendered:
    """A center rendered in the worker: its summary (no clauses) and the rendered text."""

    center: CenterResult
    text: str


_standard: Standard | None = None
_year: int | None = None
_limits: Limits = DEFAULT_LIMITS
_render: Render | None = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def audit_one(standard: Standard, path: Path, year: int | None, limits: Limits = DEFAULT_LIMITS) -> Outcome:
    """One file, never raising: a result, or the one-line reason it could not be audited."""
    from auditor.engine import audit_file

    try:
        return audit_file(standard, path, year, limits)
    except AuditError as exc:
        return FileError(str(path), exc.message)
    except MemoryError:
        return FileError(str(path), "内存不足，文件过大，无法检查")
    except RecursionError:
        return FileError(str(path), "文件结构过深，无法检查")
    except Exception as exc:  # never a traceback for one bad file: name it and go on
        return FileError(str(path), f"无法检查（{type(exc).__name__}: {str(exc)[:200]}）")


def _init(standard: Standard, year: int | None, limits: Limits, render: Render | None) -> None:
    global _standard, _year, _limits, _render
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _standard, _year, _limits, _render = standard, year, limits, render


def _work(path: Path) -> Outcome | Rendered:
    assert _standard is not None
    return _finish(audit_one(_standard, path, _year, _limits), _render)


def _finish(outcome: Outcome, render: Render | None) -> Outcome | Rendered:
    if render is None or isinstance(outcome, FileError):
        return outcome
    return Rendered(dataclasses.replace(outcome, clauses=(), warnings=()), render(outcome))


def audit_many(standard: Standard, files: Sequence[Path], year: int | None, jobs: int = 1,
               limits: Limits = DEFAULT_LIMITS, render: Render | None = None) -> Iterator[Outcome | Rendered]:
    """Yield one outcome per file, in the order of `files`; with `render`, centers come back rendered
    (in the worker, where the work is parallel) as :class:`Rendered`."""
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield _finish(audit_one(standard, path, year, limits), render)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else methods[0])
    workers = min(jobs, len(files))
    chunk = max(1, min(16, len(files) // (workers * 8)))
    pool = context.Pool(workers, initializer=_init, initargs=(standard, year, limits, render))
    try:
        yield from pool.imap(_work, files, chunksize=chunk)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()

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
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from auditor.errors import AuditError
from auditor.result import CenterResult, FileError
from auditor.standard.model import Standard
from auditor.workbook.container import DEFAULT_LIMITS, Limits

T = TypeVar("T")
R = TypeVar("R")
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
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # never a traceback for one bad file (a reader panic is a BaseException)
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


def ordered_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[object, ...],
    broken: Callable[[T], R],
) -> Iterator[R]:
    """``map(fn, items)`` over worker processes, results in the order of `items`.

    A worker that dies (killed, out of memory) does not hang the batch: the items left get ``broken(item)``.
    On Ctrl-C or an error the queued work is cancelled and the running chunks are waited for, so no worker
    is left writing a file after this returns."""
    methods = multiprocessing.get_all_start_methods()
    wanted = os.environ.get("AUDIT_START_METHOD", "")  # spawn|fork|forkserver: spawn is what Windows has
    method = wanted if wanted in methods else "fork" if "fork" in methods else methods[0]
    context = multiprocessing.get_context(method)
    workers = max(1, min(workers, len(items)))
    chunk = max(1, min(16, len(items) // (workers * 8)))
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=initializer, initargs=initargs)
    done = 0
    try:
        try:
            for result in executor.map(fn, items, chunksize=chunk):
                yield result
                done += 1
        except BrokenProcessPool:
            for item in items[done:]:
                yield broken(item)
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


def _broken(path: Path) -> FileError:
    return FileError(str(path), "检查进程意外退出（可能内存不足），请用 --jobs 1 重试")


def audit_many(
    standard: Standard,
    files: Sequence[Path],
    year: int | None,
    jobs: int = 1,
    limits: Limits = DEFAULT_LIMITS,
    render: Render | None = None,
) -> Iterator[Outcome | Rendered]:
    """Yield one outcome per file, in the order of `files`; with `render`, centers come back rendered
    (in the worker, where the work is parallel) as :class:`Rendered`."""
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield _finish(audit_one(standard, path, year, limits), render)
        return
    yield from ordered_map(_work, files, jobs, _init, (standard, year, limits, render), _broken)

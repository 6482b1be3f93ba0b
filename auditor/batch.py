"""Audit many workbooks in worker processes, streaming results in path order.

Every workbook is read in a worker process, also with ``--jobs 1`` (one worker): a file that makes the
reader abort or exhaust memory costs that file, never the batch. Each worker runs with a memory cap
(RLIMIT_AS where the OS has it), its stderr on the null device (a reader's own panic or allocation
message never reaches the terminal), Ctrl-C ignored (the parent stops it) and a watch on its parent (it
exits when the parent dies, so a killed ``audit`` never leaves workers holding its stdout open). A worker
that dies is replaced: the one file it was reading gets a one-line error and the files queued behind it
are read by the others. Workers receive the loaded standard once (inherited on fork, pickled otherwise).
Every worker hashes text alike (the 疑点 across centers compare the hashes they send): forked workers
share the parent's random hash key; spawned ones are given one random PYTHONHASHSEED for the run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from auditor.errors import AuditError, shown
from auditor.result import CenterResult, FileError
from auditor.standard.model import Standard
from auditor.workbook.container import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from auditor.engine import AuditOptions

T = TypeVar("T")
R = TypeVar("R")
Outcome = CenterResult | FileError
Render = Callable[[CenterResult], str]

READER_FAILED = "文件已损坏（读取器无法解析）"
WORKER_DIED = "读取此文件时检查进程意外退出（文件已损坏或过大，内存不足），已跳过"
PIPELINE = 4  # items queued per worker: it never waits for the parent, and a slow file holds few others


@dataclass(frozen=True)
class Rendered:
    """A center rendered in the worker: its summary (no clauses) and the rendered text."""

    center: CenterResult
    text: str


_standard: Standard | None = None
_options: AuditOptions | None = None
_limits: Limits = DEFAULT_LIMITS
_render: Render | None = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def audit_one(
    standard: Standard, path: Path, options: AuditOptions | int | None, limits: Limits = DEFAULT_LIMITS
) -> Outcome:
    """One file, never raising: a result, or the one-line reason it could not be audited. The file is named
    as it is shown (a name that is not UTF-8 with replacement characters)."""
    from auditor.engine import audit_file

    name = shown(path)
    try:
        result = audit_file(standard, path, options, limits)
    except AuditError as exc:
        return FileError(name, exc.message)
    except MemoryError:
        return FileError(name, "内存不足，文件过大，无法检查")
    except RecursionError:
        return FileError(name, "文件结构过深，无法检查")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # never a traceback for one bad file
        if type(exc).__name__ == "PanicException":  # python-calamine's reader panicked (a damaged file)
            return FileError(name, READER_FAILED)
        return FileError(name, f"无法检查（{type(exc).__name__}: {str(exc)[:200]}）")
    return result if result.file == name else dataclasses.replace(result, file=name)


def _init(standard: Standard, options: AuditOptions, limits: Limits, render: Render | None) -> None:
    global _standard, _options, _limits, _render
    _standard, _options, _limits, _render = standard, options, limits, render


def _work(path: Path) -> Outcome | Rendered:
    assert _standard is not None
    return _finish(audit_one(_standard, path, _options, _limits), _render)


def _finish(outcome: Outcome, render: Render | None) -> Outcome | Rendered:
    if render is None or isinstance(outcome, FileError):
        return outcome
    return Rendered(dataclasses.replace(outcome, clauses=(), warnings=()), render(outcome))


def _broken(path: Path) -> FileError:
    return FileError(shown(path), WORKER_DIED)


def audit_many(
    standard: Standard,
    files: Sequence[Path],
    options: AuditOptions | int | None,
    jobs: int = 1,
    limits: Limits = DEFAULT_LIMITS,
    render: Render | None = None,
) -> Iterator[Outcome | Rendered]:
    """Yield one outcome per file, in the order of `files`, each read in a worker process (`jobs` of them);
    with `render`, centers come back rendered (in the worker, where the work is parallel) as :class:`Rendered`.
    `options` are the run's (or just its audit year)."""
    from auditor.engine import as_options

    yield from ordered_map(
        _work,
        files,
        jobs,
        _init,
        (standard, as_options(options), limits, render),
        _broken,
        memory=limits.max_memory_bytes,
    )


# ---------------------------------------------------------------- the workers


def start_method() -> str:
    """fork where there is one (the standard is inherited), else the platform's; AUDIT_START_METHOD
    (spawn|fork|forkserver) chooses another, as tests do (spawn is what Windows has)."""
    methods = multiprocessing.get_all_start_methods()
    wanted = os.environ.get("AUDIT_START_METHOD", "")
    return wanted if wanted in methods else "fork" if "fork" in methods else methods[0]


def watch_parent(parent: int) -> None:
    """Exit when the parent process dies: the kernel's parent-death signal on Linux when the parent started
    this process itself (fork, spawn), else a thread waiting on the parent's sentinel (forkserver, Windows,
    macOS), or looking at the parent every half second."""
    if sys.platform.startswith("linux") and os.getppid() == parent:
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
            if os.getppid() != parent:  # the parent died before the signal was asked for
                os._exit(1)
            return
    sentinel = getattr(multiprocessing.parent_process(), "sentinel", None)
    started_by = os.getppid()

    def look() -> None:
        if sentinel is not None:
            with contextlib.suppress(OSError, ValueError):
                wait([sentinel])
                os._exit(1)
        while os.getppid() == started_by:  # reparented when the process that started this one dies
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=look, name="parent-watch", daemon=True).start()


def cap_memory(budget: int | None) -> None:
    """Limit the address space to what the process uses now plus `budget` bytes (RLIMIT_AS), where the OS
    has it: past it an allocation fails (MemoryError, or an abort in the reader) instead of the machine
    swapping."""
    if not budget:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    limit = getattr(resource, "RLIMIT_AS", None)
    if limit is None:  # pragma: no cover
        return
    used = 0
    with contextlib.suppress(OSError, ValueError, IndexError), open("/proc/self/statm", "rb") as statm:
        used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    soft, hard = resource.getrlimit(limit)
    cap = used + budget
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft == resource.RLIM_INFINITY or cap < soft:
        with contextlib.suppress(OSError, ValueError):
            resource.setrlimit(limit, (cap, hard))


GC_THRESHOLDS = (50_000, 50, 50)  # a worker's cyclic collector: a young collection per 50,000 new objects


def quiet_collector() -> None:
    """The cyclic garbage collector of a worker: what it holds once ready (the standard, the modules) set
    aside for good (gc.freeze), and collections made rarer. A workbook makes hundreds of thousands of
    short-lived tuples and lists and almost no cycles; with the defaults a full collection walked the
    batch's remembered cells again and again (about 3% of a worker's time)."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _quiet_stderr() -> None:
    """The worker's stderr (fd 2) on the null device: what a reader prints from native code (a panic, a
    failed allocation) and any warning stay out of the terminal, and no fault handler dumps a traceback
    when the reader aborts (the parent says it in one line). AUDIT_WORKER_STDERR=1 keeps them."""
    if os.environ.get("AUDIT_WORKER_STDERR"):
        return
    import faulthandler

    faulthandler.disable()
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)


@dataclass
class _Failed:
    """An exception raised by the function a worker runs (re-raised in the parent)."""

    error: BaseException


def _serve(
    conn: Connection,
    parent: int,
    memory: int | None,
    fn: Callable[[Any], Any],
    initializer: Callable[..., None],
    initargs: tuple[object, ...],
) -> None:
    """A worker: (index, item) in, (index, fn(item)) out, one at a time, until None or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent(parent)
    _quiet_stderr()
    cap_memory(memory)
    initializer(*initargs)
    quiet_collector()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, item = task
        try:
            result: Any = fn(item)
        except BaseException as exc:  # the parent re-raises it
            result = _Failed(exc)
        try:
            conn.send((index, result))
        except (OSError, ValueError):
            return
        except Exception as exc:  # a result that cannot be pickled
            conn.send((index, _Failed(RuntimeError(f"{type(exc).__name__}: {exc}"))))


_HASH_SEED = str(int.from_bytes(os.urandom(4), "little"))  # this run's, for workers that do not fork


@contextlib.contextmanager
def _one_hash_key(method: str) -> Iterator[None]:
    """Workers started without fork get one PYTHONHASHSEED for the whole run, so that every worker (a
    replacement too) hashes text alike; forked workers share the parent's key already."""
    if method == "fork" or "PYTHONHASHSEED" in os.environ:
        yield
        return
    os.environ["PYTHONHASHSEED"] = _HASH_SEED
    try:
        yield
    finally:
        os.environ.pop("PYTHONHASHSEED", None)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    queued: deque[int] = field(default_factory=deque)  # indices sent, in order: the first is in flight


class _Pool(Generic[T, R]):
    """Worker processes fed item by item; a dead worker's first item gets `broken`, the rest is re-queued."""

    def __init__(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        workers: int,
        initializer: Callable[..., None],
        initargs: tuple[object, ...],
        broken: Callable[[T], R],
        memory: int | None,
    ) -> None:
        self.context: Any = multiprocessing.get_context(start_method())
        self.fn, self.items, self.broken = fn, items, broken
        self.args = (os.getpid(), memory, fn, initializer, initargs)
        self.todo: deque[int] = deque(range(len(items)))
        self.done: dict[int, R] = {}
        self.workers: list[_Worker] = []
        self.size = max(1, min(workers, len(items)))

    def _start(self) -> None:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, *self.args), daemon=True)
        with _one_hash_key(self.context.get_start_method()):
            process.start()
        theirs.close()
        self.workers.append(_Worker(process, ours))

    def _feed(self) -> None:
        while self.todo and len(self.workers) < self.size:
            self._start()
        for depth in range(1, PIPELINE + 1):  # round the workers: each gets one before any gets two
            for worker in self.workers:
                if self.todo and len(worker.queued) < depth:
                    index = self.todo.popleft()
                    try:
                        worker.conn.send((index, self.items[index]))
                    except OSError:  # dead: seen by _collect
                        self.todo.appendleft(index)
                        continue
                    worker.queued.append(index)

    def _receive(self, worker: _Worker, ready: bool = False) -> bool:
        """Take what the worker sent; False when its pipe is closed (it died). `ready`: its pipe was just seen
        readable (the first message is read without asking again)."""
        failed: _Failed | None = None
        try:
            while failed is None and (ready or worker.conn.poll()):
                ready = False
                index, result = worker.conn.recv()
                if worker.queued and worker.queued[0] == index:
                    worker.queued.popleft()
                if isinstance(result, _Failed):
                    failed = result
                else:
                    self.done[index] = result
        except (EOFError, OSError):
            return False
        if failed is not None:
            raise failed.error
        return True

    def _bury(self, worker: _Worker) -> None:
        """A worker that died: its item in flight is broken, the items behind it go back to the queue."""
        self._receive(worker)
        worker.process.join(5)
        if worker.process.is_alive():  # its pipe broke, yet it runs: it cannot be used any more
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)
        if worker.queued:
            first = worker.queued.popleft()
            self.done[first] = self.broken(self.items[first])
            self.todo.extendleft(reversed(worker.queued))

    def _collect(self) -> None:
        """Wait for a result or a death."""
        by_handle: dict[Any, _Worker] = {}
        for worker in self.workers:
            by_handle[worker.conn] = by_handle[worker.process.sentinel] = worker
        for handle in wait(list(by_handle)):
            worker = by_handle[handle]
            if worker not in self.workers:  # buried already (its pipe and its sentinel were both ready)
                continue
            if handle is worker.conn and self._receive(worker, ready=True):
                continue
            self._bury(worker)

    def run(self) -> Iterator[R]:
        try:
            for index in range(len(self.items)):
                while index not in self.done:
                    self._feed()
                    self._collect()
                yield self.done.pop(index)
        finally:
            self.stop()

    def stop(self) -> None:
        """Workers told to stop; one still busy is terminated (it is reading, or writing a temporary file that
        its run removes). Nothing is left running when this returns."""
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + 2
        for worker in self.workers:
            if worker.queued:  # busy: it would finish its item first
                worker.process.terminate()
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers.clear()


def ordered_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[object, ...],
    broken: Callable[[T], R],
    memory: int | None = None,
) -> Iterator[R]:
    """``map(fn, items)`` in `workers` worker processes, results in the order of `items`.

    A worker that dies (killed, out of memory, a native abort) does not hang the batch: the item it was
    working on gets ``broken(item)``, a new worker takes over the items queued behind it. An exception raised
    by `fn` is raised here. On Ctrl-C, an error, or when the caller stops iterating, the workers are stopped
    before this returns. `memory` caps each worker's address space growth (bytes)."""
    if not items:
        return iter(())
    return _Pool(fn, items, workers, initializer, initargs, broken, memory).run()

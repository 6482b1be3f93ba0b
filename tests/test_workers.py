"""The worker processes of a batch (auditor/batch.py): whatever still aborts, panics or exhausts memory in the
reader costs its one file; a dead worker is replaced and the files behind it are read; --jobs 1 reads in a
worker too; the reader's own messages never reach the terminal; workers exit when their parent dies."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor import batch
from auditor.batch import READER_FAILED, WORKER_DIED, audit_many, ordered_map
from auditor.cli import cli
from auditor.result import CenterResult, FileError
from auditor.standard.model import Standard
from auditor.workbook.container import DEFAULT_LIMITS, Limits
from tests import hostile
from tests.builders import ROOT
from tests.test_faults import FAR, centers

SAMPLES = sorted((ROOT / "samples" / "2018").glob("*.xlsx"))
PANIC = hostile.tiny_xls(extra_globals=hostile.record(0x0085, b""))  # an empty BoundSheet8: the reader panics


def folder_with(tmp_path: Path, bad: dict[str, bytes], good: int = 4) -> tuple[list[Path], list[Path]]:
    """Good workbooks with the bad ones among them (sorted by name: bad ones in the middle)."""
    folder = tmp_path / "in"
    folder.mkdir()
    goods = []
    for i, sample in enumerate(SAMPLES[:good]):
        goods.append(folder / f"{i * 2}.xlsx")
        shutil.copy(sample, goods[-1])
    bads = []
    for name, data in bad.items():
        bads.append(folder / name)
        bads[-1].write_bytes(data)
    return goods, bads


def check_json(jobs: str, *paths: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--jobs", jobs, *map(str, paths)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_worker_that_aborts_costs_its_file_and_the_batch_goes_on(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    goods, bads = folder_with(
        tmp_path, {"1-abort.xlsx": SAMPLES[5].read_bytes(), "3-abort.xlsx": SAMPLES[6].read_bytes()}
    )
    _, without, _ = check_json(jobs, *goods)
    real = batch.audit_one

    def aborting(standard: Standard, path: Path, year: int | None, limits: Limits = DEFAULT_LIMITS) -> object:
        if path.name.endswith("-abort.xlsx"):
            os.abort()  # what the reader does when an allocation fails
        return real(standard, path, year, limits)

    monkeypatch.setattr(batch, "audit_one", aborting)
    code, stdout, err = check_json(jobs, goods[0].parent)
    assert code == 2
    assert err.splitlines() == [f"错误: {bad}: {WORKER_DIED}" for bad in bads]
    assert centers(stdout) == centers(without)  # the files behind a dead worker were read by its successor
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_real_reader_abort_is_one_file(jobs: int, std2018: Standard, tmp_path: Path) -> None:
    """With the container's bounds lifted, the cell at XFD1048576 makes python-calamine ask for 512 GB and
    abort: the worker dies, the file gets one line, the others are read."""
    goods, bads = folder_with(tmp_path, {"1-far.xlsx": hostile.tiny_xlsx(FAR, name="基本信息")}, good=3)
    files = sorted([*goods, *bads])
    lifted = Limits(max_area=10**13, max_cells=10**12)
    results = list(audit_many(std2018, files, None, jobs, lifted))
    assert [r.file for r in results if not isinstance(r, batch.Rendered)] == [str(p) for p in files]
    assert [r for r in results if isinstance(r, FileError)] == [FileError(str(bads[0]), WORKER_DIED)]
    assert results[2:] == list(audit_many(std2018, goods[1:], None, jobs))


def test_the_readers_abort_message_never_reaches_the_terminal(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from auditor.batch import audit_many
        from auditor.standard.loader import load_standard
        from auditor.workbook.container import Limits
        std = load_standard(Path({str(ROOT / "tests" / "data")!r}).parent.parent / "standards" / "dqfwzx-2018.yaml")
        files = [Path(p) for p in sys.argv[1:]]
        for result in audit_many(std, files, None, 1, Limits(max_area=10**13, max_cells=10**12)):
            print(type(result).__name__, getattr(result, "message", ""))
        """
    )
    far = tmp_path / "far.xlsx"
    far.write_bytes(hostile.tiny_xlsx(FAR, name="基本信息"))  # a sheet the standard reads
    done = subprocess.run(
        [sys.executable, "-c", script, str(far), str(SAMPLES[0])],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stdout.decode().splitlines() == [f"FileError {WORKER_DIED}", "CenterResult "]
    assert done.stderr == b""  # no "memory allocation of 549755813888 bytes failed", no backtrace


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_panic_is_one_line_without_its_text(
    jobs: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    goods, bads = folder_with(tmp_path, {"1-panic.xls": PANIC})
    code, stdout, err = check_json(jobs, goods[0].parent)
    assert code == 2 and err.splitlines() == [f"错误: {bads[0]}: {READER_FAILED}"]
    _, without, _ = check_json(jobs, *goods)
    assert centers(stdout) == centers(without)
    assert "panicked" not in capfd.readouterr().err  # the reader's own message stays in the worker


def test_a_worker_out_of_memory_is_one_line(
    std2018: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import auditor.engine

    goods, _ = folder_with(tmp_path, {}, good=2)
    real = auditor.engine.audit_file

    def greedy(standard: Standard, path: Path, *args: object) -> object:
        if path == goods[0]:
            bytearray(1 << 30)  # beyond the cap: MemoryError, not the machine swapping
        return real(standard, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(auditor.engine, "audit_file", greedy)
    results = list(audit_many(std2018, goods, None, 1, Limits(max_memory_bytes=256 << 20)))
    assert results[0] == FileError(str(goods[0]), "内存不足，文件过大，无法检查")
    assert isinstance(results[1], CenterResult)


def _pid(_item: int) -> int:
    return os.getpid()


def _no_init() -> None:
    pass


def _fail(item: int) -> int:
    if item == 2:
        raise ValueError("a bug in the work")
    return item


def test_one_job_still_reads_in_a_worker() -> None:
    pids = list(ordered_map(_pid, [1, 2, 3], 1, _no_init, (), lambda item: -1))
    assert len(set(pids)) == 1 and pids[0] != os.getpid()


def test_an_exception_in_the_work_is_raised_in_the_parent() -> None:
    with pytest.raises(ValueError, match="a bug in the work"):
        list(ordered_map(_fail, [1, 2, 3], 2, _no_init, (), lambda item: -1))


_PARENT = textwrap.dedent(
    """
    import os, sys, time
    from auditor.batch import ordered_map

    def slow(item):
        time.sleep(60)
        return item

    def init():
        os.write(1, f"{os.getpid()}\\n".encode())  # one write: two workers never mix their lines

    if __name__ == "__main__":
        for _ in ordered_map(slow, list(range(4)), 2, init, (), lambda item: None):
            pass
    """
)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_workers_exit_when_their_parent_is_killed(method: str, tmp_path: Path) -> None:
    """SIGKILL of the parent alone: its workers do not run on, holding its stdout open (a pipeline reading
    it would never end)."""
    script = tmp_path / "parent.py"
    script.write_text(_PARENT)
    parent = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "AUDIT_START_METHOD": method, "PYTHONPATH": str(ROOT)},
    )
    assert parent.stdout is not None
    workers = [int(parent.stdout.readline()) for _ in range(2)]
    assert all(_running(pid) for pid in workers)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(_running(pid) for pid in workers)
    assert parent.stdout.read() == b""  # the pipe ends: nobody holds it open any more


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False

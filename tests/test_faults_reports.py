"""Writing reports under faults (issue #17): a link in place of html/ is refused, a run removes only its own
temporary files and those of killed runs, a full disk is one line (no "Exception ignored") and the manifest
still lists every report completely written, and on Windows a report open in Excel is named as such."""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.output import files
from tests.builders import ROOT

SAMPLES = ROOT / "samples" / "2018"
SMALL, LARGE = (
    SAMPLES / "GM-01-醴泉街道党群服务中心.xlsx",
    SAMPLES / "GM-13-密水街道西关社区党群服务中心.xlsx",
)
SMALL_REPORT = "GM-01-醴泉街道党群服务中心.xlsx"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for sample in (SMALL, LARGE):
        shutil.copy(sample, folder / sample.name)
    return folder


def manifest(out: Path) -> list[str]:
    files_listed: list[str] = json.loads((out / ".audit-report.json").read_text("utf-8"))["files"]
    return files_listed


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_link_in_place_of_html_is_refused(jobs: str, tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "html").symlink_to(elsewhere, target_is_directory=True)
    code, stdout, err = invoke("report", "--html", "-j", jobs, "-o", str(out), str(inputs(tmp_path)))
    assert code == 2 and "已写入" not in stdout
    assert err.splitlines() == [
        f"错误: {out / 'html'}: 输出目录中的“html”是链接或不是文件夹，已拒绝（请删除它或换一个输出目录）"
    ]
    assert list(elsewhere.iterdir()) == [] and sorted(p.name for p in out.iterdir()) == ["html"]


def _temporary(folder: Path, pid: int, host: str | None = None) -> Path:
    path = folder / f"{files.TEMPORARY}{host or files.run_id().split('-')[0]}-{pid}-0badc0de-x1y2.xlsx"
    path.write_bytes(b"PK\x03\x04 half a workbook")
    return path


def _dead_pid() -> int:
    gone = subprocess.Popen(["true"])
    gone.wait()
    return gone.pid


def test_a_run_removes_the_temporaries_of_killed_runs_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    live = subprocess.Popen(["sleep", "60"])
    try:
        killed = _temporary(out, _dead_pid())  # left by a run killed with SIGKILL
        running = _temporary(out, live.pid)  # another run writing into the same folder right now
        other_host = _temporary(
            out, _dead_pid(), host="abcdef"
        )  # a run on another computer (a shared folder)
        code, _, err = invoke("report", "-j", "1", "-o", str(out), str(inputs(tmp_path)))
        assert code == 1, err  # GM-13 fails (不合格)
        assert not killed.exists() and running.exists() and other_host.exists()
    finally:
        live.kill()
        live.wait()


def test_an_interrupted_run_leaves_another_runs_temporaries_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    live = subprocess.Popen(["sleep", "60"])
    try:
        other = _temporary(out, live.pid)

        def interrupted(self: openpyxl.Workbook, filename: str) -> None:
            Path(filename).write_bytes(b"PK\x03\x04 half")
            raise KeyboardInterrupt

        monkeypatch.setattr(openpyxl.Workbook, "save", interrupted)
        code, _, err = invoke("report", "-j", "1", "-o", str(out), str(inputs(tmp_path)))
        assert code == 130 and err.splitlines() == ["错误: 已中断"]
        assert sorted(p.name for p in out.iterdir()) == [
            other.name
        ]  # its own temporary removed, not the other
    finally:
        live.kill()
        live.wait()


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (25_000, 25_000))  # what GM-01's report needs, not GM-13's


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_is_one_line_and_the_manifest_lists_what_was_written(jobs: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "report", "-q", "-j", jobs, "-o", str(out), str(inputs(tmp_path))],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "AUDIT_NO_CACHE": "1", "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=_limit_file_size,
        timeout=120,
        check=False,
    )
    err = done.stderr.decode()
    assert done.returncode == 2
    report = out.resolve() / "GM-13-密水街道西关社区党群服务中心.xlsx"
    assert err.splitlines() == [f"错误: {report}: 无法写入：{os.strerror(errno.EFBIG)}"], err
    assert sorted(p.name for p in out.iterdir()) == [".audit-report.json", SMALL_REPORT]
    assert manifest(out) == [SMALL_REPORT]
    openpyxl.load_workbook(out / SMALL_REPORT)


_FULL_DISK = """
import errno, os, sys, zipfile
folder = sys.argv[-1]
real_init = zipfile.ZipFile.__init__

class Full:
    # the output folder's disk is full once it holds 20,000 bytes, and stays full (others write to it too):
    # every later write fails, also the end record a half-written zip file writes when it is collected
    full = False

    def __init__(self, fp):
        self.fp = fp

    def write(self, data):
        used = sum(e.stat().st_size for e in os.scandir(folder) if e.is_file())
        if Full.full or used + len(data) > 20_000:
            Full.full = True
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self.fp.write(data)

    def __getattr__(self, name):
        return getattr(self.fp, name)

def init(self, file, mode="r", *args, **kwargs):
    real_init(self, file, mode, *args, **kwargs)
    if mode == "w" and not isinstance(file, (bytes, type(None))) and hasattr(self, "fp"):
        self.fp = Full(self.fp)

zipfile.ZipFile.__init__ = init
sys.argv = ["audit", *sys.argv[1:-1]]
from auditor.cli import main
main()
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_disk_that_fills_up_is_one_line_without_exception_ignored(jobs: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = ["report", "-q", "-j", jobs, "-o", str(out), str(inputs(tmp_path)), str(out)]
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, *args], capture_output=True, cwd=ROOT, timeout=120, check=False
    )
    err = done.stderr.decode()
    assert done.returncode == 2
    assert len(err.splitlines()) == 1 and os.strerror(errno.ENOSPC) in err, err  # no "Exception ignored"
    reports = sorted(p.name for p in out.iterdir() if p.suffix == ".xlsx")
    assert [p.name for p in out.iterdir() if p.name.startswith(files.TEMPORARY)] == []
    if jobs == "1":  # (two workers writing at once may both meet the full disk)
        assert reports == [SMALL_REPORT]
    assert manifest(out) == reports if reports else not (out / ".audit-report.json").exists()
    for name in reports:
        openpyxl.load_workbook(out / name)


def test_after_a_failure_the_previous_reports_stay_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, out = inputs(tmp_path), tmp_path / "out"
    assert invoke("report", "-j", "1", "-o", str(out), str(folder))[0] == 1
    before = manifest(out)
    original = openpyxl.Workbook.save

    def full_after_the_first(self: openpyxl.Workbook, filename: str) -> None:
        if "GM-13" in str(self.worksheets[-1].title) or any(
            "西关" in str(c.value) for c in self.worksheets[0]["A"]
        ):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        original(self, filename)

    monkeypatch.setattr(openpyxl.Workbook, "save", full_after_the_first)
    code, _, err = invoke("report", "-j", "1", "-o", str(out), str(folder))
    assert code == 2 and len(err.splitlines()) == 1 and os.strerror(errno.ENOSPC) in err
    assert manifest(out) == before  # the reports of both runs are all there, and listed
    assert not [p for p in out.iterdir() if p.name.startswith(files.TEMPORARY)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_on_windows_a_report_open_in_excel_is_named(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tries: list[str] = []

    def locked(src: object, dst: object) -> None:
        tries.append(str(dst))
        raise PermissionError(13, "Permission denied")  # what Windows says while Excel has the file open

    monkeypatch.setattr(files, "WINDOWS", True)
    monkeypatch.setattr(files, "REPLACE_WAIT", 0.01)
    monkeypatch.setattr(os, "replace", locked)
    out = tmp_path / "out"
    code, _, err = invoke("report", "-j", jobs, "-o", str(out), str(SMALL))
    assert code == 2
    assert err.splitlines() == [f"错误: {out.resolve() / SMALL_REPORT}: {files.OCCUPIED}"]
    if jobs == "1":  # (a worker's tries are its own)
        assert len(tries) == files.REPLACE_TRIES
    assert [p for p in out.iterdir() if p.name.startswith(files.TEMPORARY)] == []


def test_run_ids_are_per_run_and_shared_with_the_workers() -> None:
    ours = files.run_id()
    host, pid, token = ours.split("-")
    assert pid == str(os.getpid()) and len(host) == 6 and len(token) == 8
    other = subprocess.run(
        [sys.executable, "-c", "from auditor.output.files import run_id; print(run_id())"],
        capture_output=True,
        cwd=ROOT,
        check=True,
    )
    assert other.stdout.decode().strip() != ours

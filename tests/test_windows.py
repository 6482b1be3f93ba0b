"""Windows behaviour, simulated here: worker processes started with spawn (Windows has no fork), paths
with drive letters and backslashes, a GBK console or redirection, and file names Windows forbids.

(`safe_filename` itself is unit-tested in tests/test_report.py::test_safe_filename; here a whole report
of a center with hostile names is checked file by file.)
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditor import batch
from auditor.cli import cli
from tests.builders import ROOT

RECORDED = ROOT / "tests" / "data" / "samples-2018-check.json"
SAMPLES = ROOT / "samples" / "2018"
FAILING_SAMPLE = SAMPLES / "GM-13-密水街道西关社区党群服务中心.xlsx"  # 52.2: 不合格, exit 1
NOT_GBK = "😀•✓"  # none of these is in GBK
METHODS = multiprocessing.get_all_start_methods()


def audit(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[bytes]:
    """`python -m auditor ARGS` in a fresh process (main(), with its stream set-up), output as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=300,
    )


# --- worker processes: spawn, as on Windows -------------------------------------------------------------


def _start_method(_item: int) -> str | None:
    return multiprocessing.get_start_method(allow_none=True)


def _no_init() -> None:
    pass


def _broken(_item: int) -> str | None:
    return "broken"


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_audit_start_method_is_the_one_the_workers_use(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if method not in METHODS:
        pytest.skip(f"{method} is not available here")
    monkeypatch.setenv("AUDIT_START_METHOD", method)
    assert list(batch.ordered_map(_start_method, [1, 2, 3], 2, _no_init, (), _broken)) == [method] * 3


def test_unknown_start_method_falls_back_to_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_START_METHOD", "threads")
    assert list(batch.ordered_map(_start_method, [1, 2], 2, _no_init, (), _broken)) != ["broken"] * 2


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_check_json_with_every_start_method_is_the_recorded_one(method: str) -> None:
    """`audit check --format json --jobs 2 samples/` is byte for byte the recorded document whatever the
    start method (the recording was made with fork)."""
    if method not in METHODS:
        pytest.skip(f"{method} is not available here")
    done = audit("check", "--format", "json", "--jobs", "2", "samples/", env={"AUDIT_START_METHOD": method})
    assert done.returncode == 1, done.stderr.decode()  # two centers are 不合格
    assert done.stderr == b""
    assert done.stdout == RECORDED.read_bytes()


def test_report_with_spawned_workers(tmp_path: Path) -> None:
    out = tmp_path / "报告"
    done = audit(
        "report", "--jobs", "2", "--html", "-o", str(out), "samples/", env={"AUDIT_START_METHOD": "spawn"}
    )
    assert done.returncode == 1, done.stderr.decode()  # written; exit 1: 不合格 centers, as check
    assert b"Traceback" not in done.stderr
    workbooks = sorted(p.name for p in out.glob("*.xlsx"))
    assert len(workbooks) == 16 and "汇总-2018.xlsx" in workbooks
    assert {p.stem for p in SAMPLES.glob("*.xlsx")} <= {Path(name).stem for name in workbooks}
    assert (out / "html" / "index.html").is_file()
    assert len(done.stdout.decode().splitlines()) >= 15  # one line per center


# --- paths as typed on Windows --------------------------------------------------------------------------

WINDOWS_PATHS = [
    "C:\\数据\\检查表.xlsx",
    "D:\\检查表\\2018",
    "\\\\server\\共享 文件夹\\GM-01.xlsx",
    "数据\\检查表 (1).xlsx",
    "C:/数据/检查表.xlsx",
]


@pytest.mark.parametrize("path", WINDOWS_PATHS)
def test_missing_windows_path_is_one_line_naming_it_as_typed(path: str) -> None:
    result = CliRunner().invoke(cli, ["check", path])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"错误: {path}: ")
    assert "Traceback" not in result.output and "内部错误" not in result.stderr


@pytest.mark.parametrize("path", WINDOWS_PATHS)
def test_missing_windows_path_in_json_is_as_typed(path: str) -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "json", path])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert [e["file"] for e in doc["errors"]] == [path]
    assert doc["summary"]["errors"] == 1
    assert len(result.stderr.splitlines()) == 1


def test_windows_path_among_good_files_in_a_subprocess() -> None:
    """The real program, not the test runner: the batch goes on, exit 2 wins over 1."""
    typed = "C:\\数据\\检查表.xlsx"
    done = audit("check", "--format", "json", "--jobs", "2", "samples/", typed)
    assert done.returncode == 2
    doc = json.loads(done.stdout.decode("utf-8"))
    assert len(doc["centers"]) == 15
    assert doc["errors"] == [{"file": typed, "message": doc["errors"][0]["message"]}]
    assert done.stderr.decode("utf-8").splitlines() == [f"错误: {typed}: {doc['errors'][0]['message']}"]


# --- a GBK console or redirection -----------------------------------------------------------------------


def with_center_name(source: Path, target: Path, name: str) -> Path:
    """A copy of a sample workbook whose 中心名称 (on 基本信息, the cell right of its label) is `name`."""
    book = openpyxl.load_workbook(source)
    sheet = book["基本信息"]
    label = next(c for row in sheet.iter_rows() for c in row if c.value == "中心名称")
    sheet.cell(row=label.row, column=label.column + 1).value = name
    book.save(target)
    return target


@pytest.fixture()
def unencodable(tmp_path: Path) -> tuple[Path, str]:
    """A folder with one 不合格 center whose name GBK cannot encode."""
    folder = tmp_path / "gbk"
    folder.mkdir()
    name = f"密水街道西关社区{NOT_GBK}党群服务中心"
    with_center_name(FAILING_SAMPLE, folder / f"GM-13-{NOT_GBK}.xlsx", name)
    return folder, name


def assert_clean(done: subprocess.CompletedProcess[bytes], code: int) -> None:
    err = done.stderr.decode("gbk")  # stderr is GBK too, and must be valid GBK
    assert done.returncode == code, err
    assert "Traceback" not in err and "内部错误" not in err and "UnicodeEncodeError" not in err


GBK = {"PYTHONIOENCODING": "gbk", "NO_COLOR": "1"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_gbk_table_on_the_samples(jobs: str) -> None:
    done = audit("check", "--jobs", jobs, "samples/", env=GBK)
    assert_clean(done, 1)
    text = done.stdout.decode("gbk")
    assert "醴泉街道党群服务中心" in text and "共 15 个中心" in text


def test_gbk_json_on_the_samples_is_still_the_utf8_document() -> None:
    done = audit("check", "--format", "json", "--jobs", "2", "samples/", env=GBK)
    assert_clean(done, 1)
    assert done.stdout == RECORDED.read_bytes()


@pytest.mark.parametrize("fmt", ["table", "json"])
@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_gbk_cannot_encode_the_center_name(unencodable: tuple[Path, str], fmt: str, method: str) -> None:
    folder, name = unencodable
    if method not in METHODS:
        pytest.skip(f"{method} is not available here")
    env = {**GBK, "AUDIT_START_METHOD": method}
    done = audit(
        "check",
        "--format",
        fmt,
        "--jobs",
        "2",
        str(folder),
        str(SAMPLES / "GM-01-醴泉街道党群服务中心.xlsx"),
        env=env,
    )
    assert_clean(done, 1)
    if fmt == "json":
        doc = json.loads(done.stdout.decode("utf-8"))  # the JSON document stays UTF-8, the name intact
        center = next(
            c for c in doc["centers"] if c["center_id"] == "GM-13"
        )  # in path order, wherever tmp is
        assert center["name"] == name
        assert center["grade"] == "不合格"
    else:
        text = done.stdout.decode("gbk")
        assert "密水街道西关社区" in text and "党群服务中心" in text
        assert "不合格" in text


def test_gbk_error_line_for_a_file_whose_name_gbk_cannot_encode(unencodable: tuple[Path, str]) -> None:
    folder, _ = unencodable
    (folder / f"坏文件{NOT_GBK}.xlsx").write_bytes(b"not a workbook at all")
    done = audit("check", str(folder), env=GBK)
    assert_clean(done, 2)  # a file could not be audited: 2 wins over 1
    lines = done.stderr.decode("gbk").splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误: ") and "坏文件" in lines[0]


def test_gbk_report(unencodable: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = unencodable
    done = audit(
        "report", "-o", str(tmp_path / "out"), str(folder), env={**GBK, "AUDIT_START_METHOD": "spawn"}
    )
    assert_clean(done, 1)  # GM-13 is 不合格
    assert len(list((tmp_path / "out").glob("*.xlsx"))) == 2


# --- file names Windows forbids -------------------------------------------------------------------------

RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", re.IGNORECASE)


def windows_accepts(name: str) -> bool:
    return (
        not re.search(r'[<>:"/\\|?*\x00-\x1f]', name)
        and not name.endswith((" ", "."))
        and not RESERVED.match(name)
        and len(name) <= 255
    )


def test_report_of_hostile_names_writes_only_names_windows_accepts(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    book = with_center_name(FAILING_SAMPLE, source / "a.xlsx", 'a<b>:c"d/e\\f|g?h*i\tj. ')
    wb = openpyxl.load_workbook(book)
    sheet = wb["基本信息"]
    label = next(c for row in sheet.iter_rows() for c in row if c.value == "中心编号")
    sheet.cell(row=label.row, column=label.column + 1).value = "CON"
    wb.save(book)
    out = tmp_path / "out"
    done = audit("report", "--html", "-o", str(out), str(source))
    assert done.returncode == 1, done.stderr.decode()  # written; exit 1: 不合格 centers, as check
    written = list(out.rglob("*"))
    assert len([p for p in written if p.suffix == ".xlsx"]) == 2
    bad = [str(p.relative_to(out)) for p in written if not windows_accepts(p.name)]
    assert bad == []


def test_windows_accepts_is_a_real_check() -> None:
    assert not windows_accepts("CON.xlsx") and not windows_accepts("a:b") and not windows_accepts("x.")
    assert windows_accepts("GM-01-醴泉街道党群服务中心.xlsx")


def test_one_process_ignores_the_start_method() -> None:
    """--jobs 1 (or one file) starts no worker: the variable changes nothing."""
    done = audit("check", "--jobs", "1", "--quiet", str(FAILING_SAMPLE), env={"AUDIT_START_METHOD": "spawn"})
    assert done.returncode == 1 and done.stderr == b""


def test_samples_copy_with_spaces_and_parentheses_in_the_folder(tmp_path: Path) -> None:
    """A folder like "D:\\新建文件夹 (2)" (here its POSIX twin) under spawn."""
    folder = tmp_path / "新建文件夹 (2)"
    shutil.copytree(SAMPLES, folder)
    done = audit("check", "--quiet", "--jobs", "2", str(folder), env={"AUDIT_START_METHOD": "spawn"})
    assert done.returncode == 1, done.stderr.decode()
    assert "共 15 个中心" in done.stdout.decode()


# --- install.cmd and audit.cmd under a real cmd (wine), Python and audit.exe played by a stub -----------

STUB_C = r"""
#include <windows.h>
#include <stdio.h>
#include <wchar.h>
/* Plays python.exe / py.exe / audit.exe: logs its arguments (UTF-8, separated by 0x1f, one call a line)
   and does just what install.cmd needs: "-c" exits 0, "-m venv DIR" makes DIR\Scripts\{python,audit}.exe. */
int wmain(int argc, wchar_t **argv) {
    wchar_t log[MAX_PATH], self[MAX_PATH], p[MAX_PATH * 2], code[16];
    if (GetEnvironmentVariableW(L"STUB_LOG", log, MAX_PATH)) {
        FILE *f = _wfopen(log, L"ab");
        for (int i = 0; i < argc; i++) {
            char buf[8192];
            int n = WideCharToMultiByte(CP_UTF8, 0, argv[i], -1, buf, sizeof buf, NULL, NULL);
            fwrite(buf, 1, n > 0 ? n - 1 : 0, f);
            fwrite("\x1f", 1, 1, f);
        }
        fwrite("\n", 1, 1, f);
        fclose(f);
    }
    GetModuleFileNameW(NULL, self, MAX_PATH);
    size_t len = wcslen(self);
    if (len >= 9 && _wcsicmp(self + len - 9, L"audit.exe") == 0)
        return GetEnvironmentVariableW(L"STUB_AUDIT_EXIT", code, 16) ? _wtoi(code) : 0;
    if (argc >= 2 && wcsncmp(argv[1], L"-3", 2) == 0) { argv++; argc--; }
    if (argc >= 5 && wcscmp(argv[1], L"-m") == 0 && wcscmp(argv[2], L"venv") == 0) {
        const wchar_t *dir = argv[argc - 1];
        CreateDirectoryW(dir, NULL);
        swprintf(p, MAX_PATH * 2, L"%ls\\Scripts", dir); CreateDirectoryW(p, NULL);
        swprintf(p, MAX_PATH * 2, L"%ls\\Lib", dir); CreateDirectoryW(p, NULL);
        swprintf(p, MAX_PATH * 2, L"%ls\\Lib\\site-packages", dir); CreateDirectoryW(p, NULL);
        swprintf(p, MAX_PATH * 2, L"%ls\\Scripts\\python.exe", dir); CopyFileW(self, p, FALSE);
        swprintf(p, MAX_PATH * 2, L"%ls\\Scripts\\audit.exe", dir); CopyFileW(self, p, FALSE);
    }
    return 0;
}
"""
WINE = shutil.which("wine")
MINGW = shutil.which("x86_64-w64-mingw32-gcc")


def zh_locale() -> str | None:
    """A Chinese locale for wine (its code pages are then 936, as on a Chinese Windows), if installed."""
    done = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    return next((name for name in done.stdout.split() if name.lower() in ("zh_cn.utf8", "zh_cn.utf-8")), None)


class Wine:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.locale = zh_locale()
        self.env = {
            **os.environ,
            "WINEPREFIX": str(root / "prefix"),
            "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml=",  # no Mono/Gecko prompts
            "LANG": self.locale or "C.UTF-8",
            "LC_ALL": self.locale or "C.UTF-8",
            "AUDIT_NO_PAUSE": "1",
            "STUB_LOG": self.windows(root / "log.txt"),
        }
        self.env.pop("DISPLAY", None)
        (root / "bin").mkdir()
        assert MINGW is not None
        (root / "stub.c").write_text(STUB_C)
        subprocess.run(
            [MINGW, "-municode", "-O1", "-o", str(root / "bin" / "py.exe"), str(root / "stub.c")], check=True
        )
        self.env["WINEPATH"] = self.windows(root / "bin")

    @staticmethod
    def windows(path: Path) -> str:
        return "Z:" + str(path).replace("/", "\\")

    def encoding(self) -> str:
        return "gbk" if self.locale else "ascii"

    def cmd(self, line: str, **env: str) -> tuple[int, str, list[list[str]]]:
        """Run one cmd line from a batch file; its exit code, its output, and the stub's calls."""
        log = self.root / "log.txt"
        log.unlink(missing_ok=True)
        script = self.root / "t.cmd"
        script.write_bytes(f"@echo off\r\n{line}\r\nexit /b %errorlevel%\r\n".encode(self.encoding()))
        assert WINE is not None
        done = subprocess.run(
            [WINE, "cmd", "/c", self.windows(script)],
            capture_output=True,
            env={**self.env, **env},
            stdin=subprocess.DEVNULL,
            check=False,
            timeout=120,
        )
        calls = (
            [row.split("\x1f")[:-1] for row in log.read_text("utf-8").splitlines()] if log.exists() else []
        )
        return done.returncode, done.stdout.decode(self.encoding(), "replace"), calls

    def close(self) -> None:
        server = shutil.which("wineserver")
        if server:
            subprocess.run([server, "-k"], env=self.env, check=False, timeout=60)


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    if WINE is None or MINGW is None:
        pytest.skip("wine and x86_64-w64-mingw32-gcc are needed (apt-get install wine gcc-mingw-w64-x86-64)")
    w = Wine(tmp_path_factory.mktemp("wine"))
    yield w
    w.close()


@pytest.fixture(scope="module")
def installed(wine: Wine) -> tuple[Path, tuple[int, str, list[list[str]]]]:
    """The Windows bundle (with no wheels: pip is the stub) in a folder like "D:\\新建文件夹 (2)", installed."""
    from tests.test_wheelhouse import wheelhouse

    parent = wine.root / ("新建文件夹 (2)" if wine.locale else "New folder (2)")
    bundle = parent / "audit-0.1.0-windows-x64"
    (bundle / "wheels").mkdir(parents=True)
    wheelhouse.write_bundle(bundle, "win_amd64", "0.1.0", ["3.11", "3.12", "3.13"], [])
    result = wine.cmd(f'call "{wine.windows(bundle / "install.cmd")}"')
    return bundle, result


def desktop(wine: Wine) -> Path:
    (users,) = [p for p in (wine.root / "prefix" / "drive_c" / "users").iterdir() if p.name != "Public"]
    return users / "Desktop" / "audit.cmd"


def test_install_cmd_runs_every_step(
    wine: Wine, installed: tuple[Path, tuple[int, str, list[list[str]]]]
) -> None:
    bundle, (code, out, calls) = installed
    assert code == 0, out
    here = wine.windows(bundle)
    venv_python = f"{here}\\venv\\Scripts\\python.exe"
    assert calls[0][:3] == ["py", "-3.12", "-c"]  # the py launcher, 3.12 first
    assert ["py", "-3.12", "-m", "venv", "--clear", f"{here}\\venv"] in calls
    pip = next(c for c in calls if c[1:4] == ["-m", "pip", "install"])
    assert pip[0] == venv_python
    assert pip[4:7] == ["--no-index", "--find-links", f"{here}\\wheels"] and pip[-1] == "auditor"
    assert [f"{here}\\venv\\Scripts\\audit.exe", "--version"] in calls
    assert (bundle / "venv" / "Lib" / "site-packages" / "standards" / "dqfwzx-2018.yaml").is_file()
    said = []
    for call in calls:  # what the user reads: each message the stub was asked to print, printed by Python
        args = call[call.index("-c") + 1 :] if "-c" in call else []
        if args and "print(" in args[0]:
            said.append(subprocess.run([sys.executable, "-c", *args], capture_output=True, check=True).stdout)
    text = b"".join(said).decode("utf-8")
    assert "1/4" in text and "4/4" in text and "安装完成" in text, text
    assert f"1/4 创建虚拟环境：{here}\\venv" in text


def test_desktop_launcher_calls_the_bundle(
    wine: Wine, installed: tuple[Path, tuple[int, str, list[list[str]]]]
) -> None:
    bundle, _ = installed
    body = desktop(wine).read_bytes()
    assert body == f'@call "{wine.windows(bundle)}\\audit.cmd" %*\r\n'.encode(wine.encoding())


def test_launcher_passes_arguments_and_exit_code(
    wine: Wine, installed: tuple[Path, tuple[int, str, list[list[str]]]]
) -> None:
    bundle, _ = installed
    audit_exe = f"{wine.windows(bundle)}\\venv\\Scripts\\audit.exe"
    folder = wine.root / ("检查表 2018" if wine.locale else "tables 2018")
    folder.mkdir(exist_ok=True)
    launcher = wine.windows(desktop(wine))
    code, _, calls = wine.cmd(
        f'call "{launcher}" check --format json "{wine.windows(folder)}"', STUB_AUDIT_EXIT="1"
    )
    assert code == 1
    assert calls == [[audit_exe, "check", "--format", "json", wine.windows(folder)]]
    code, _, calls = wine.cmd(f'call "{launcher}" "{wine.windows(folder)}"', STUB_AUDIT_EXIT="1")  # dropped
    assert code == 1 and calls == [[audit_exe, "check", wine.windows(folder)]]


def test_install_cmd_without_python_or_unzipped(wine: Wine, tmp_path: Path) -> None:
    from tests.test_wheelhouse import wheelhouse

    bundle = wine.root / "no-python"
    (bundle / "wheels").mkdir(parents=True)
    wheelhouse.write_bundle(bundle, "win_amd64", "0.1.0", ["3.11", "3.12", "3.13"], [])
    empty = wine.root / "empty"
    empty.mkdir(exist_ok=True)
    code, out, calls = wine.cmd(
        f'call "{wine.windows(bundle / "install.cmd")}"', WINEPATH=wine.windows(empty)
    )
    assert code == 1 and "Python 3.11, 3.12, 3.13 (64-bit) was not found" in out and calls == []
    lone = wine.root / "lone"
    lone.mkdir()
    shutil.copy(bundle / "install.cmd", lone)
    code, out, calls = wine.cmd(f'call "{wine.windows(lone / "install.cmd")}"')
    assert code == 1 and 'the folder "wheels" is not next to install.cmd' in out
    assert not any("venv" in c for call in calls for c in call)


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_workers_hash_records_alike_whatever_the_start_method(tmp_path: Path, method: str) -> None:
    """Two centers sharing six activity records, each read by its own worker: the 疑点 across centers is
    found however the workers start (a spawned worker gets the run's hash key, not one of its own)."""
    if method not in METHODS:
        pytest.skip(f"{method} is not available here")
    from tests.builders import full_center, write_workbook
    from tests.test_hints import _with_rows, own

    a = own(full_center(), "甲")
    b = _with_rows(own(full_center(), "乙"), "活动记录", a["活动记录"][3:9])
    write_workbook(tmp_path / "a.xlsx", a)
    write_workbook(tmp_path / "b.xlsx", b)
    done = audit(
        "check", "--format", "json", "--jobs", "2", str(tmp_path), env={"AUDIT_START_METHOD": method}
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    hints = json.loads(done.stdout)["hints"]
    assert [(h["code"], *(side["file"] for side in h["centers"])) for h in hints] == [
        ("shared-records", str(tmp_path / "a.xlsx"), str(tmp_path / "b.xlsx"))
    ]
    assert hints[0]["centers"][0]["cells"] == ["活动记录!A4、A5、A6、A7、A8、A9"]

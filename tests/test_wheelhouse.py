"""The offline bundles of scripts/wheelhouse.py: the Windows x64 / CPython 3.11 one resolves completely
without an index (with pip, and with the target's own environment markers), its files are what cmd and
Notepad need, the Linux one installs into a fresh venv with --no-index and audits the samples, and a target
without wheels stops the build naming the package and the target.

These tests need the package index (the build downloads wheels); they are skipped, with the reason, when
it cannot be reached within 5 seconds. Nothing marks them out: CI's plain `python -m pytest -q` runs them.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.builders import ROOT

SCRIPT = ROOT / "scripts" / "wheelhouse.py"
RECORDED = ROOT / "tests" / "data" / "samples-2018-check.json"
HERE_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
# pip without this machine's configuration (its find-links and extra indexes): only the bundle counts
NO_PIP_CONFIG = {"PIP_CONFIG_FILE": os.devnull, "PIP_FIND_LINKS": "", "PIP_EXTRA_INDEX_URL": ""}


def index_url() -> str:
    url = os.environ.get("PIP_INDEX_URL", "")
    if not url:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "config", "list"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
        for line in done.stdout.splitlines():
            key, _, value = line.partition("=")
            if key.endswith(".index-url"):
                url = value.strip().strip("'\"").split()[0]
    return url or "https://pypi.org/simple"


def index_unreachable() -> str | None:
    """Why the package index cannot be used, or None when it answers."""
    url = index_url()
    parts = urlsplit(url)
    if parts.scheme == "file":
        return None if Path(parts.path).exists() else f"the package index {url} does not exist"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=5):
            return None
    except OSError as exc:
        return f"the package index {parts.hostname}:{port} is unreachable ({exc})"


UNREACHABLE = index_unreachable()
needs_index = pytest.mark.skipif(UNREACHABLE is not None, reason=UNREACHABLE or "")


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("wheelhouse", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["wheelhouse"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


wheelhouse = load_script()


def build(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Both bundles, for CPython 3.11 (the Windows target asked for) and the Python running the tests."""
    if UNREACHABLE is not None:
        pytest.skip(UNREACHABLE)
    out = tmp_path_factory.mktemp("dist")
    pythons = ",".join(sorted({"3.11", HERE_PYTHON}))
    done = build(out, "--platform", "all", "--python", pythons)
    assert done.returncode == 0, done.stdout + done.stderr
    manifest: dict[str, Any] = json.loads((out / "wheelhouse.json").read_text(encoding="utf-8"))
    manifest["out"] = out
    return manifest


def folder(bundles: dict[str, Any], platform: str) -> Path:
    return Path(bundles["platforms"][platform]["folder"])


@needs_index
def test_windows_cp311_resolves_with_pip_and_no_index(bundles: dict[str, Any], tmp_path: Path) -> None:
    wheels = folder(bundles, "win_amd64") / "wheels"
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links", str(wheels)]
    command += ["--platform", "win_amd64", "--python-version", "3.11", "--only-binary=:all:"]
    command += ["--target", str(tmp_path / "target"), "--disable-pip-version-check", "auditor"]
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env={**os.environ, **NO_PIP_CONFIG}, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"Would install .*\bauditor-\d", done.stdout), done.stdout


@needs_index
def test_windows_cp311_resolves_with_the_targets_markers(bundles: dict[str, Any]) -> None:
    """pip evaluates markers for this Linux machine; the bundle must also hold what Windows alone needs."""
    wheels = folder(bundles, "win_amd64") / "wheels"
    target = wheelhouse.Target("win_amd64", "3.11")
    (project,) = wheels.glob("auditor-*.whl")
    used, missing = wheelhouse.closure(wheels, wheelhouse.Wheel.read(project).requires, target)
    assert missing == []
    names = {w.name for w in used}
    assert {
        "click",
        "pyyaml",
        "jsonschema",
        "jinja2",
        "openpyxl",
        "rich",
        "defusedxml",
        "python-calamine",
    } <= names
    listed = bundles["platforms"]["win_amd64"]["pythons"]["3.11"]
    assert sorted(w.path.name for w in used) == sorted(
        name for name in listed if not name.startswith("auditor-")
    )
    compiled = [name for name in listed if not name.endswith("-none-any.whl")]
    assert compiled and all(
        name.endswith("-cp311-cp311-win_amd64.whl") or "-abi3-" in name for name in compiled
    )


@needs_index
def test_windows_zip_holds_what_cmd_and_notepad_need(bundles: dict[str, Any]) -> None:
    archive = Path(bundles["platforms"]["win_amd64"]["zip"])
    top = folder(bundles, "win_amd64").name
    with zipfile.ZipFile(archive) as z:
        infos = {i.filename: i for i in z.infolist()}
        for name in ("install.cmd", "audit.cmd"):
            body = z.read(f"{top}/{name}")
            assert body.isascii(), name
            assert body.count(b"\n") == body.count(b"\r\n") > 10, name  # CRLF, no bare LF
            assert body.startswith(b"@echo off\r\n")
        guide = infos[f"{top}/安装说明.txt"]
        assert guide.flag_bits & 0x800  # the name is marked UTF-8 in the zip
        text = z.read(guide.filename)
        assert text.startswith(b"\xef\xbb\xbf") and b"\n" not in text.replace(b"\r\n", b"")
        decoded = text.decode("utf-8-sig")
        assert "Python 3.12" in decoded and "install.cmd" in decoded and "audit check" in decoded
        assert any(n.startswith(f"{top}/standards/") and n.endswith(".yaml") for n in infos)
        wheels = [n for n in infos if n.startswith(f"{top}/wheels/")]
        assert sorted(Path(n).name for n in wheels) == bundles["platforms"]["win_amd64"]["wheels"]


def test_install_cmd_is_plain_cmd() -> None:
    """What can be checked of cmd syntax without Windows: every goto has its label, no parenthesised block
    (a path with ")" would end it), every Chinese message passes through Python as \\u escapes."""
    for text in (wheelhouse.install_cmd("0.1.0", ["3.11", "3.12", "3.13"]), wheelhouse.audit_cmd("0.1.0")):
        assert text.isascii()
        lines = text.splitlines()
        labels = {line[1:].strip().lower() for line in lines if line.startswith(":")}
        for line in lines:
            words = line.split()
            if "goto" in words and words[-1] != "goto":
                assert words[words.index("goto") + 1].lower() in labels, line
            if not line.lower().startswith("rem"):
                assert not line.rstrip().endswith("(") and line.strip() != ")", line
        assert text.count('"') % 2 == 0
    assert "py -3.12" in wheelhouse.install_cmd("0.1.0", ["3.11", "3.12", "3.13"])


def test_messages_come_out_in_chinese() -> None:
    line = wheelhouse.say('"python"', "安装完成：{0}", "D:\\审计 (2)\\venv")
    code = line.split(" -c ", 1)[1].rsplit(' "D:', 1)[0].strip('"')
    done = subprocess.run(
        [sys.executable, "-c", code, "D:\\审计 (2)\\venv"], capture_output=True, check=False, timeout=60
    )
    assert done.stdout.decode("utf-8").strip() == "安装完成：D:\\审计 (2)\\venv"


@needs_index
def test_linux_bundle_installs_without_index_and_audits_the_samples(
    bundles: dict[str, Any], tmp_path: Path
) -> None:
    archive = Path(bundles["platforms"]["linux_x86_64"]["zip"])
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path)
    installed = tmp_path / folder(bundles, "linux_x86_64").name
    env = {**os.environ, **NO_PIP_CONFIG, "AUDIT_PYTHON": sys.executable, "PIP_NO_INDEX": "1"}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        ["sh", str(installed / "install.sh")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "安装完成" in done.stdout
    venv = installed / "venv"
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import auditor; print(auditor.__file__)"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    run_env = {**os.environ, "AUDIT_NO_CACHE": "1"}  # YAML and schema through the installed wheels
    check = subprocess.run(
        [str(venv / "bin" / "audit"), "check", "samples/"],
        capture_output=True,
        cwd=ROOT,
        env=run_env,
        check=False,
    )
    assert check.returncode == 1, check.stderr.decode()  # the samples include 不合格 centers
    assert "共 15 个中心" in check.stdout.decode()
    as_json = subprocess.run(
        [str(venv / "bin" / "audit"), "check", "--format", "json", "--jobs", "2", "samples/"],
        capture_output=True,
        cwd=ROOT,
        env=run_env,
        check=False,
    )
    assert as_json.stdout == RECORDED.read_bytes()


@needs_index
def test_a_target_without_wheels_stops_the_build_naming_package_and_target(tmp_path: Path) -> None:
    done = build(tmp_path / "dist", "--platform", "win_amd64", "--python", "3.99")
    assert done.returncode == 1
    message = done.stderr.strip().splitlines()[-1]
    assert message.startswith("wheelhouse: error: ") and "win_amd64 / CPython 3.99" in message
    assert any(name in message.lower() for name in ("calamine", "pyyaml", "markupsafe", "rpds")), message
    assert not (tmp_path / "dist" / "audit-0.1.0-windows-x64.zip").exists()


def test_pip_failures_are_named() -> None:
    target = wheelhouse.Target("win_amd64", "3.13")
    output = (
        "ERROR: Could not find a version that satisfies the requirement chinese-calendar>=2 "
        "(from versions: 1.9.0, 1.10.0)\nERROR: No matching distribution found for chinese-calendar>=2\n"
    )
    assert str(wheelhouse.pip_failure(output, target)) == (
        "chinese-calendar>=2 has no wheel for win_amd64 / CPython 3.13 (versions with other files: 1.9.0, 1.10.0)"
    )
    none = "ERROR: No matching distribution found for foo\n(from versions: none)"
    assert "unreachable" in str(wheelhouse.pip_failure(none, target))

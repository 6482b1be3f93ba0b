#!/usr/bin/env python3
"""Offline installation bundles of `audit` for office PCs without internet (Windows x64, Linux x86_64).

    python scripts/wheelhouse.py [--out dist] [--platform win_amd64|linux_x86_64|all] [--python 3.11,3.12,3.13]

Run it on a machine that reaches the package registry. For each platform it writes

    dist/audit-<version>-<platform>/        wheels/     the project's wheel and every runtime dependency,
                                                        recursively, as wheels for each Python asked for
                                            standards/  the shipped standard
                                            install.cmd + audit.cmd (Windows) or install.sh (Linux)
                                            安装说明.txt  step-by-step instructions in Chinese
    dist/audit-<version>-<platform>.zip     the same folder, zipped: what is carried to the office PC
    dist/wheelhouse.json                    per platform and Python, the wheels an installation uses

Every dependency must have a wheel for every target (platform x Python): if one has none, the script
stops with exit 1 naming the package and the target.

Dependencies are resolved by `pip download --platform ... --python-version ... --only-binary=:all:`. pip
evaluates environment markers (``; sys_platform == "win32"``, ``; python_version < "3.13"``) for the
machine it runs on, not for the target, so the script then walks the requirements itself with the target's
markers and fetches whatever the target needs beyond what pip took (such as ``colorama; platform_system ==
"Windows"``), and drops what no target of the bundle uses.

Encoding of the Windows files: install.cmd and audit.cmd are ASCII only, with CRLF line endings, so cmd
parses them the same in every code page (936 on a Chinese Windows, 437, 65001) and on every Windows version;
``chcp 65001`` with a UTF-8 batch file is avoided because older cmd versions misparse multi-byte lines
after the switch and it changes the code page of the user's window. Their Chinese messages are printed by
Python from ``\\uXXXX`` escapes (Python writes to the console in Unicode, so they show correctly whatever the
code page); the few messages printed before a Python is found are English and are explained in
安装说明.txt, which is UTF-8 with a byte order mark (read correctly by every Notepad) and CRLF.
"""

from __future__ import annotations

import argparse
import email.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:
    from packaging.markers import Marker
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.tags import Tag, compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
    from packaging.version import Version
except ImportError:  # pragma: no cover - packaging comes with pytest (the dev extras)
    sys.exit("wheelhouse: the 'packaging' package is needed: pip install packaging")

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "auditor"
PYTHONS = ("3.11", "3.12", "3.13")
PLATFORMS = ("win_amd64", "linux_x86_64")
LABELS = {"win_amd64": "windows-x64", "linux_x86_64": "linux-x86_64"}
# Linux: any manylinux wheel for glibc 2.28 or older (RHEL 8, Debian 10, Ubuntu 20.04, 麒麟 V10, 统信 UOS 20 on).
MANYLINUX = (
    *(f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)),
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
)
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv*", "build", "dist", "reports", "__pycache__", "*.egg-info", ".*_cache", ".hypothesis"
)
INSTRUCTIONS = "安装说明.txt"


class WheelhouseError(Exception):
    """A target cannot be served: the message names the package and the target."""


@dataclass(frozen=True)
class Target:
    platform: str  # win_amd64 | linux_x86_64
    python: str  # "3.11"

    @property
    def cp(self) -> str:
        return "cp" + self.python.replace(".", "")

    def __str__(self) -> str:
        return f"{self.platform} / CPython {self.python}"

    @property
    def pip_platforms(self) -> tuple[str, ...]:
        return (self.platform,) if self.platform == "win_amd64" else MANYLINUX

    @property
    def tags(self) -> frozenset[Tag]:
        version = tuple(int(part) for part in self.python.split("."))
        platforms = list(self.pip_platforms)
        return frozenset(
            [
                *cpython_tags(version, abis=[self.cp], platforms=platforms),
                *compatible_tags(version, interpreter=self.cp, platforms=platforms),
            ]
        )

    @property
    def markers(self) -> dict[str, str]:
        """The values of PEP 508 environment markers on the target."""
        windows = self.platform == "win_amd64"
        return {
            "implementation_name": "cpython",
            "implementation_version": f"{self.python}.0",
            "os_name": "nt" if windows else "posix",
            "platform_machine": "AMD64" if windows else "x86_64",
            "platform_python_implementation": "CPython",
            "platform_release": "",
            "platform_system": "Windows" if windows else "Linux",
            "platform_version": "",
            "python_full_version": f"{self.python}.0",
            "python_version": self.python,
            "sys_platform": "win32" if windows else "linux",
        }


@dataclass
class Wheel:
    path: Path
    name: str
    version: Version
    tags: frozenset[Tag]
    requires_python: SpecifierSet
    requires: list[Requirement] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> Wheel:
        name, version, _build, tags = parse_wheel_filename(path.name)
        with zipfile.ZipFile(path) as archive:
            metadata = next(
                n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")
            )
            headers = email.parser.BytesHeaderParser().parsebytes(archive.read(metadata))
        return cls(
            path,
            str(name),
            version,
            frozenset(tags),
            SpecifierSet(headers.get("Requires-Python", "") or ""),
            [Requirement(text) for text in headers.get_all("Requires-Dist", [])],
        )

    def fits(self, target: Target) -> bool:
        return bool(self.tags & target.tags) and self.requires_python.contains(
            f"{target.python}.0", prereleases=True
        )


def wanted(requirement: Requirement, target: Target, extra: str) -> bool:
    if requirement.marker is None:
        return True
    return Marker(str(requirement.marker)).evaluate({**target.markers, "extra": extra})


def closure(folder: Path, roots: Sequence[Requirement], target: Target) -> tuple[list[Wheel], list[str]]:
    """The wheels of `folder` an installation of `roots` on `target` uses (markers evaluated for the target),
    and the requirements no wheel of the folder satisfies."""
    index: dict[str, list[Wheel]] = {}
    for path in sorted(folder.glob("*.whl")):
        wheel = Wheel.read(path)
        if wheel.fits(target):
            index.setdefault(wheel.name, []).append(wheel)
    for wheels in index.values():
        wheels.sort(key=lambda w: w.version, reverse=True)
    specifiers: dict[str, SpecifierSet] = {}
    for _round in range(10):  # a specifier met late can change a choice made early: repeat until stable
        chosen: dict[str, Wheel] = {}
        missing: list[str] = []
        seen: set[tuple[str, str]] = set()
        queue = [(r, "") for r in roots if wanted(r, target, "")]
        grew = False
        while queue:
            requirement, _ = queue.pop(0)
            name = str(canonicalize_name(requirement.name))
            before = specifiers.get(name, SpecifierSet())
            specifiers[name] = before & requirement.specifier
            grew = grew or str(specifiers[name]) != str(before)
            fits = [w for w in index.get(name, []) if specifiers[name].contains(w.version, prereleases=True)]
            if not fits:
                missing.append(f"{requirement.name}{specifiers[name]}")
                continue
            wheel = chosen.setdefault(name, fits[0])
            for extra in ("", *sorted(requirement.extras)):
                if (name, extra) in seen:
                    continue
                seen.add((name, extra))
                queue += [(r, extra) for r in wheel.requires if wanted(r, target, extra)]
        if not grew:
            return sorted(chosen.values(), key=lambda w: w.name), sorted(set(missing))
    return sorted(chosen.values(), key=lambda w: w.name), sorted(set(missing))


def run(command: Sequence[str | Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, encoding="utf-8", errors="replace"
    )


def pip_failure(output: str, target: Target) -> WheelhouseError:
    """What a failed `pip download` means, in one message naming the package and the target."""
    lines = [line for line in output.splitlines() if line.strip()]
    found = re.search(r"No matching distribution found for (\S+)", output)
    if found:
        versions = re.search(r"\(from versions: ([^)]*)\)", output)
        hint = (
            " (no version of it has one, or the package index is unreachable)"
            if versions and versions.group(1).strip() == "none"
            else f" (versions with other files: {versions.group(1)})"
            if versions
            else ""
        )
        return WheelhouseError(f"{found.group(1)} has no wheel for {target}{hint}")
    python = re.search(r"Package '([^']+)' requires a different Python", output)
    if python:
        return WheelhouseError(f"{python.group(1)} does not support {target}")
    tail = "\n  ".join(lines[-12:])
    return WheelhouseError(f"pip download failed for {target}:\n  {tail}")


def download(requirements: Sequence[str], dest: Path, target: Target) -> None:
    command: list[str | Path] = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check"]
    command += ["--only-binary=:all:", "--implementation", "cp", "--python-version", target.python]
    for platform in target.pip_platforms:
        command += ["--platform", platform]
    command += ["--dest", dest, *requirements]
    result = run(command)
    if result.returncode != 0:
        raise pip_failure(result.stdout + "\n" + result.stderr, target)


def resolve(project: Wheel, dest: Path, target: Target) -> list[Wheel]:
    """Fill `dest` with the wheels `project` needs on `target`; return them (the project's first)."""
    download([str(project.path)], dest, target)
    roots = project.requires
    for _round in range(6):
        wheels, missing = closure(dest, roots, target)
        if not missing:
            return [project, *wheels]
        download(missing, dest, target)  # what the target's markers want beyond the host's
    raise WheelhouseError(f"{', '.join(missing)}: no wheel for {target} after pip download")


def build_project_wheel(work: Path) -> Wheel:
    """The project's own wheel, built from a clean copy of the tree (a stale build/ cannot leak into it)."""
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=COPY_IGNORE)
    out = work / "wheel"
    result = run(
        [sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "--no-deps", "-w", out, source]
    )
    wheels = sorted(out.glob(f"{PROJECT}-*.whl"))
    if result.returncode != 0 or not wheels:
        tail = "\n  ".join((result.stdout + result.stderr).splitlines()[-12:])
        raise WheelhouseError(f"building the wheel of {PROJECT} failed:\n  {tail}")
    return Wheel.read(wheels[0])


# --- the files beside the wheels --------------------------------------------------------------------------


def escaped(text: str) -> str:
    """`text` as a Python string body made of letters, digits and \\uXXXX escapes only: it passes through
    cmd untouched (no % ^ & | < > " ' ( ) to mean anything) and Python prints it in Unicode."""
    return "".join(c if c.isascii() and (c.isalnum() or c in " .,:-_/") else f"\\u{ord(c):04x}" for c in text)


def say(python: str, message: str, *arguments: str) -> str:
    """A cmd line printing `message` (Chinese) with `python`; {0}, {1} are replaced by the arguments
    (passed as arguments, so paths are never parsed as Python)."""
    args = "".join(f' "{a}"' for a in arguments)
    code = f"import sys; print('{escaped(message)}'.format(*sys.argv[1:]))"
    return f'{python} -c "{code}"{args}'


EXAMPLE = "D:\\检查表\\2018"  # in the Windows messages
EXAMPLE_OUT = "D:\\验收报告\\2018"
VENV_FAILED = (
    "错误：创建虚拟环境失败。请确认这个文件夹可以写入（不要放在 C:\\Program Files 下面），再运行一次。"
)

CHECK_PYTHON = (
    "import sys, struct; "
    "sys.exit(0 if sys.version_info[:2] in ((3, 11), (3, 12), (3, 13)) and struct.calcsize('P') == 8 else 1)"
)


def install_cmd(version: str, pythons: Sequence[str]) -> str:
    check = CHECK_PYTHON.replace(
        "((3, 11), (3, 12), (3, 13))", "(" + ", ".join(f"({p.replace('.', ', ')})" for p in pythons) + ",)"
    )
    order = sorted(pythons, key=lambda p: (p != "3.12", p))  # 3.12 first: the one IT is asked for
    find = "\n".join(
        f'set "PY=py -{p}"\n%PY% -c "%CHECK%" >nul 2>&1\nif not errorlevel 1 goto found' for p in order
    )
    vpy = '"%VPY%"'
    lines = f"""@echo off
rem audit {version}: offline installer for Windows x64 (see the instructions .txt beside this file).
rem Finds Python {", ".join(pythons)} (64-bit), creates the virtual environment venv\\ next to this file,
rem installs audit from wheels\\ without network (--no-index), copies the standard, and puts an audit.cmd
rem launcher on the desktop. Run it again to repair or update; it changes nothing outside this folder
rem except that desktop launcher.
rem This file is ASCII only on purpose (same parsing in every code page); the Chinese messages are
rem printed by Python from \\u escapes. The py launcher first (an .exe); "call python" because a python
rem on PATH may be a .bat shim (pyenv-win). Set AUDIT_NO_PAUSE=1 to skip the final pause.
setlocal
rem pip and Python as shipped, whatever this PC's settings (a pip.ini, a PYTHONPATH left by other software)
set "PIP_CONFIG_FILE=nul"
set "PIP_FIND_LINKS="
set "PIP_EXTRA_INDEX_URL="
set "PYTHONHOME="
set "PYTHONPATH="
set "PYTHONUTF8="
set "HERE=%~dp0"
set "VENV=%~dp0venv"
set "VPY=%~dp0venv\\Scripts\\python.exe"
set "CHECK={check}"

rem -- 1. a Python {" / ".join(pythons)}, 64-bit: the py launcher first, then python on PATH
{find}
where python >nul 2>&1
if errorlevel 1 goto nopython
set "PY=call python"
%PY% -c "%CHECK%" >nul 2>&1
if not errorlevel 1 goto found
:nopython
echo.
echo [audit] ERROR: Python {", ".join(pythons)} (64-bit) was not found on this PC.
echo         Ask IT to install Python 3.12 (Windows installer, 64-bit), then run install.cmd again.
echo         Details: see the instructions file (.txt) next to install.cmd.
goto fail

:found
if exist "%HERE%wheels\\" goto unzipped
echo.
echo [audit] ERROR: the folder "wheels" is not next to install.cmd.
echo         Unzip the whole zip file first (right click, Extract All), then run install.cmd
echo         from the unzipped folder.
{say("%PY%", "错误：没有找到 wheels 文件夹。请先把整个压缩包解压（右键 → 全部解压缩），再双击解压出的 install.cmd。")}
goto fail

:unzipped
{say("%PY%", "正在安装 audit {0}（离线安装，不需要网络）……", version)}
{say("%PY%", "1/4 创建虚拟环境：{0}", "%VENV%")}
%PY% -m venv --clear "%VENV%"
if errorlevel 1 goto venvfail
if not exist "%VPY%" goto venvfail

{say(vpy, "2/4 从 wheels 文件夹安装 audit 及其依赖（--no-index，不联网）")}
"%VPY%" -m pip install --no-index --find-links "%HERE%wheels" --disable-pip-version-check --no-warn-script-location --quiet {PROJECT}
if errorlevel 1 goto pipfail

{say(vpy, "3/4 复制随附的标准（standards 文件夹）")}
xcopy "%HERE%standards" "%VENV%\\Lib\\site-packages\\standards\\" /e /i /y /q >nul
if errorlevel 1 goto copyfail
"%VENV%\\Scripts\\audit.exe" --version >nul 2>&1
if errorlevel 1 goto runfail

{say(vpy, "4/4 在桌面创建启动文件 audit.cmd")}
set "DESK="
for /f "usebackq delims=" %%D in (`powershell -NoProfile -NonInteractive -Command "[Environment]::GetFolderPath('Desktop')" 2^>nul`) do set "DESK=%%D"
if not defined DESK set "DESK=%USERPROFILE%\\Desktop"
if not exist "%DESK%\\" goto nodesk
> "%DESK%\\audit.cmd" echo @call "%HERE%audit.cmd" %%*
if errorlevel 1 goto nodesk
echo.
{say(vpy, "安装完成。桌面上的 audit.cmd：")}
{say(vpy, "  · 把装有检查表的文件夹拖到它上面，就检查这个文件夹；")}
{say(vpy, "  · 双击它，打开一个可以输入 audit 命令的窗口，例如：audit check " + EXAMPLE)}
goto done

:nodesk
echo.
{say(vpy, "安装完成，但没能在桌面创建启动文件。请打开“命令提示符”，这样运行：")}
{say(vpy, '  "{0}" check ' + EXAMPLE, "%HERE%audit.cmd")}
goto done

:venvfail
{say("%PY%", VENV_FAILED)}
goto fail
:pipfail
{say(vpy, "错误：安装失败（见上面 pip 的信息）。这个安装包可能不适合这台电脑的 Python 版本，请把上面的信息发给 IT。")}
goto fail
:copyfail
{say(vpy, "错误：复制 standards 文件夹失败。")}
goto fail
:runfail
{say(vpy, "错误：audit 安装后无法运行。请把这个窗口的内容发给 IT。")}
goto fail

:done
echo.
if not defined AUDIT_NO_PAUSE pause
exit /b 0

:fail
echo.
if not defined AUDIT_NO_PAUSE pause
exit /b 1
"""
    return lines


def audit_cmd(version: str) -> str:
    vpy = '"%~dp0venv\\Scripts\\python.exe"'
    return f"""@echo off
rem audit {version} launcher (the desktop audit.cmd calls this file). ASCII only on purpose.
rem   audit.cmd check D:\\folder ...   runs audit with these arguments
rem   drop a folder or workbook on it   audits it (audit check ...), then waits for a key
rem   double-click                      opens a command window in which "audit" works
setlocal
set "PYTHONHOME="
set "PYTHONPATH="
set "AUDIT_EXE=%~dp0venv\\Scripts\\audit.exe"
if not exist "%AUDIT_EXE%" goto missing
if "%~1"=="" goto shell
if not "%~f1"=="%~1" goto run
if exist "%~1" goto drop
:run
"%AUDIT_EXE%" %*
exit /b %errorlevel%

:drop
"%AUDIT_EXE%" check %*
set "CODE=%errorlevel%"
echo.
pause
exit /b %CODE%

:shell
set "PATH=%~dp0venv\\Scripts;%PATH%"
{say(vpy, "audit {0} 已就绪。在这个窗口里输入命令，例如：", version)}
{say(vpy, "  audit check " + EXAMPLE)}
{say(vpy, "  audit check --format json " + EXAMPLE + " > 结果.json")}
{say(vpy, "  audit report " + EXAMPLE + " -o " + EXAMPLE_OUT + " --html")}
{say(vpy, "  audit --help")}
{say(vpy, "也可以把装有检查表的文件夹直接拖到桌面的 audit.cmd 上。")}
cmd /k
exit /b 0

:missing
echo [audit] ERROR: "%AUDIT_EXE%" not found: run install.cmd in this folder first.
pause
exit /b 2
"""


def install_sh(version: str, pythons: Sequence[str]) -> str:
    versions = " ".join(f"python{p}" for p in sorted(pythons, key=lambda p: (p != "3.12", p)))
    ok = " ".join(f"'{p}'" for p in pythons)
    return f"""#!/bin/sh
# audit {version}: offline installer for Linux x86_64 (see 安装说明.txt beside this file).
# Finds Python {", ".join(pythons)}, creates ./venv next to this file, installs audit from ./wheels
# without network (--no-index) and copies the standard. Run it again to repair or update.
set -eu
export PIP_CONFIG_FILE=/dev/null  # pip as shipped, whatever this machine's pip.conf says
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL PIP_INDEX_URL PYTHONHOME PYTHONPATH
here=$(cd "$(dirname "$0")" && pwd)
py=""
for candidate in ${{AUDIT_PYTHON:-}} {versions} python3; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  v=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || continue
  for ok in {ok}; do [ "$v" = "$ok" ] && py=$candidate && break 2; done
done
if [ -z "$py" ]; then
  echo "错误：没有找到 Python {" / ".join(pythons)}。请 IT 安装 Python 3.12（及 python3.12-venv），再运行 sh install.sh。" >&2
  exit 1
fi
[ -d "$here/wheels" ] || {{ echo "错误：install.sh 旁边没有 wheels 文件夹，请先解压整个压缩包。" >&2; exit 1; }}
echo "正在安装 audit {version}（离线安装，不需要网络），Python：$py"
"$py" -m venv --clear "$here/venv" || {{ echo "错误：创建虚拟环境失败（Debian/Ubuntu 需要 python3-venv 软件包）。" >&2; exit 1; }}
"$here/venv/bin/python" -m pip install --no-index --find-links "$here/wheels" --disable-pip-version-check --quiet {PROJECT}
site=$("$here/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
rm -rf "$site/standards" && cp -R "$here/standards" "$site/standards"
"$here/venv/bin/audit" --version >/dev/null
echo "安装完成。运行：$here/venv/bin/audit check 文件夹"
"""


def instructions_windows(version: str, pythons: Sequence[str], wheels: Iterable[str]) -> str:
    listed = "\n".join(f"      {name}" for name in wheels)
    others = "、".join(p for p in pythons if p != "3.12")
    return f"""audit {version}（党群服务中心年终验收检查工具）离线安装说明 —— Windows 电脑

这个压缩包里有安装 audit 需要的全部文件，安装和使用都不需要互联网，也不需要管理员权限。

一、请信息化部门（IT）先安装 Python（只需一次）
  1. 版本：Python 3.12，64 位。{others} 也可以；不要用 3.14 或更新的版本，也不要用 32 位版本。
  2. 安装文件：python.org 上的 “Windows installer (64-bit)”，文件名类似 python-3.12.10-amd64.exe。
  3. 安装时勾选 “Add python.exe to PATH”，并保留默认勾选的 “py launcher”。
  4. 电脑需要 Windows 10 或 Windows 11（64 位）。Windows 7 装不了 Python 3.12。
  5. 如果电脑上已经有 Python 3.11、3.12 或 3.13（64 位），就不用再装。

二、解压
  1. 在压缩包上点右键 →“全部解压缩…”，解压到一个固定的地方，例如 D:\\audit。
     不要放在 C:\\Program Files 下面（那里普通用户不能写入）。
  2. 不要在压缩包里直接双击 install.cmd：必须先解压。
  3. 解压出来的文件夹以后不要移动或删除：程序就装在它里面的 venv 文件夹里。

三、安装
  1. 打开解压出来的文件夹，双击 install.cmd。
  2. 如果 Windows 提示 “Windows 已保护你的电脑”，点 “更多信息” →“仍要运行”。
  3. 窗口依次显示 1/4 到 4/4，最后显示 “安装完成”，按任意键关闭窗口。大约需要半分钟。
  4. 桌面上会出现 audit.cmd。

四、使用
  方法一：把装有检查表（.xlsx/.xlsm/.xls/.ods）的文件夹拖到桌面的 audit.cmd 上，
          窗口里显示每个中心的得分、等级和扣分原因，看完按任意键关闭。
  方法二：双击桌面的 audit.cmd，在打开的窗口里输入命令，例如：
          audit check D:\\检查表\\2018
          audit check --format json D:\\检查表\\2018 > 结果.json
          audit report D:\\检查表\\2018 -o D:\\验收报告\\2018 --html
          audit --help
  检查结束时的退出代码：0 = 全部合格；1 = 有不合格的中心；2 = 有文件无法检查（原因写在 “错误:” 那一行）。

五、常见问题
  · 窗口显示 “Python 3.11, 3.12, 3.13 (64-bit) was not found on this PC”：
    没有找到合适的 Python。请 IT 按第一步安装，然后再双击 install.cmd。
  · 窗口显示 “the folder "wheels" is not next to install.cmd”：没有先解压，请按第二步做。
  · 安装新版本：把新的压缩包解压到同一个地方（覆盖旧文件），再双击 install.cmd。
  · 重新安装或修复：再双击一次 install.cmd。
  · 卸载：删除解压出来的文件夹和桌面上的 audit.cmd。电脑上别的东西都没有改动。

六、压缩包里的文件
  install.cmd       安装程序
  audit.cmd         启动文件（桌面上的 audit.cmd 调用它）
  standards\\        随附的考核标准
  wheels\\           audit 和它需要的全部软件包（适用于 Windows 64 位的 Python {", ".join(pythons)}）：
{listed}
"""


def instructions_linux(version: str, pythons: Sequence[str], wheels: Iterable[str]) -> str:
    listed = "\n".join(f"      {name}" for name in wheels)
    return f"""audit {version}（党群服务中心年终验收检查工具）离线安装说明 —— Linux 电脑（x86_64）

这个压缩包里有安装 audit 需要的全部文件，安装和使用都不需要互联网。
适用于 glibc 2.28 或更新的 64 位系统（麒麟 V10、统信 UOS 20、CentOS/RHEL 8、Debian 10、Ubuntu 20.04 及以后）。

一、请 IT 安装 Python 3.12（{", ".join(pythons)} 都可以），Debian/Ubuntu/UOS 还需要 python3-venv 软件包。
二、解压：unzip audit-{version}-linux-x86_64.zip，解压出的文件夹以后不要移动。
三、安装：在解压出的文件夹里运行 sh install.sh，最后显示 “安装完成”。
四、使用：文件夹/venv/bin/audit check 检查表文件夹
    退出代码：0 = 全部合格；1 = 有不合格的中心；2 = 有文件无法检查。

压缩包里的软件包（适用于 Python {", ".join(pythons)}）：
{listed}
"""


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def write_bundle(
    folder: Path, platform: str, version: str, pythons: Sequence[str], wheels: list[str]
) -> None:
    shutil.copytree(ROOT / "standards", folder / "standards", ignore=shutil.ignore_patterns("__pycache__"))
    if platform == "win_amd64":
        for name, text in (("install.cmd", install_cmd(version, pythons)), ("audit.cmd", audit_cmd(version))):
            body = crlf(text)
            if not body.isascii():
                raise WheelhouseError(f"{name} must be ASCII only")
            (folder / name).write_bytes(body.encode("ascii"))
        (folder / INSTRUCTIONS).write_bytes(
            crlf(instructions_windows(version, pythons, wheels)).encode("utf-8-sig")
        )
    else:
        (folder / "install.sh").write_text(install_sh(version, pythons), encoding="utf-8", newline="\n")
        (folder / "install.sh").chmod(0o755)
        (folder / INSTRUCTIONS).write_text(
            instructions_linux(version, pythons, wheels), encoding="utf-8", newline="\n"
        )


def zip_folder(folder: Path, archive: Path) -> None:
    tmp = archive.with_name(archive.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for path in sorted(folder.rglob("*")):
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            if path.is_dir():
                continue
            info = zipfile.ZipInfo(name, date_time=time.localtime(path.stat().st_mtime)[:6])
            info.compress_type = zipfile.ZIP_STORED if path.suffix == ".whl" else zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
            out.writestr(info, path.read_bytes())
    os.replace(tmp, archive)


# --- main -------------------------------------------------------------------------------------------------


def build(out: Path, platforms: Sequence[str], pythons: Sequence[str]) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="wheelhouse-") as work:
        project = build_project_wheel(Path(work))
        version = str(project.version)
        print(f"built {project.path.name}")
        for platform in platforms:
            label = f"audit-{version}-{LABELS[platform]}"
            folder, archive = out / label, out / f"{label}.zip"
            shutil.rmtree(folder, ignore_errors=True)
            archive.unlink(missing_ok=True)
            wheels_dir = folder / "wheels"
            wheels_dir.mkdir(parents=True)
            shutil.copy2(project.path, wheels_dir)
            local = Wheel.read(wheels_dir / project.path.name)
            per_python: dict[str, list[str]] = {}
            try:
                for python in pythons:
                    target = Target(platform, python)
                    used = resolve(local, wheels_dir, target)
                    per_python[python] = [w.path.name for w in used]
                    print(f"{target}: {len(used)} wheels")
            except WheelhouseError:
                shutil.rmtree(folder, ignore_errors=True)  # no half-filled bundle is left to be carried off
                raise
            keep = {name for names in per_python.values() for name in names}
            for path in wheels_dir.glob("*"):
                if path.name not in keep:  # taken by pip for this machine's markers, used by no target
                    path.unlink()
            names = sorted(keep)
            write_bundle(folder, platform, version, pythons, names)
            zip_folder(folder, archive)
            size = archive.stat().st_size
            print(f"{archive}: {size / 1e6:.1f} MB, {len(names)} wheels")
            manifest[platform] = {
                "folder": str(folder),
                "zip": str(archive),
                "zip_bytes": size,
                "wheels": names,
                "pythons": per_python,
            }
    document: dict[str, object] = {"project": PROJECT, "version": version, "platforms": manifest}
    (out / "wheelhouse.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return document


def parse_pythons(text: str) -> list[str]:
    pythons = [p.strip() for p in text.split(",") if p.strip()]
    for p in pythons:
        if not re.fullmatch(r"3\.\d{1,2}", p):
            raise argparse.ArgumentTypeError(f"not a Python version like 3.12: {p!r}")
    return sorted(set(pythons), key=lambda p: tuple(int(x) for x in p.split(".")))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the offline installation bundles of audit.")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--platform", choices=[*PLATFORMS, "all"], default="all")
    parser.add_argument(
        "--python",
        type=parse_pythons,
        default=list(PYTHONS),
        help="CPython versions (default: 3.11,3.12,3.13)",
    )
    args = parser.parse_args(argv)
    platforms = PLATFORMS if args.platform == "all" else (args.platform,)
    try:
        build(args.out.resolve(), platforms, args.python)
    except WheelhouseError as exc:
        print(f"wheelhouse: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

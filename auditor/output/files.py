"""Safe output files: sanitised names confined to a folder, atomic writes, text that is never a formula.

A file is written to a temporary file next to it and renamed into place. The temporary file's name carries
the run's own id (``.~audit-<host>-<pid>-<token>-…``): a run removes only its own temporaries, and those
of runs whose process is gone (killed) on this computer, never another live run's. A failed write is one
line: a full disk's second failure when the half-written zip file is collected later ("Exception
ignored in ZipFile.__del__") is not shown again. On Windows a target open in another program (Excel, WPS)
cannot be replaced: the rename is tried a few times, then the user is asked to close it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import socket
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from auditor.errors import AuditError
from auditor.workbook.values import strip_control

__all__ = [
    "atomic_path",
    "confined",
    "confined_folder",
    "remove_stale",
    "remove_temporaries",
    "run_id",
    "safe_filename",
    "set_run",
    "strip_control",
    "write_atomic",
    "write_text",
]

WINDOWS = os.name == "nt"
OCCUPIED = "文件被占用（可能在 Excel/WPS 中打开），请关闭后重试"
REPLACE_TRIES = 5
REPLACE_WAIT = 0.4  # seconds between tries
TEMPORARY = ".~audit-"
_TEMPORARY_NAME = re.compile(r"^\.~audit-([0-9a-f]{6})-([0-9]+)-([0-9a-z]+)-")
_run: str | None = None

_WINDOWS_BAD = re.compile(r'[<>:"/\\|?*]')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(10)}
    | {f"LPT{i}" for i in range(10)}
    | {f"COM{c}" for c in "¹²³"}
    | {f"LPT{c}" for c in "¹²³"}
)
MAX_NAME_CHARS = 80
MAX_NAME_BYTES = 180


def safe_filename(text: str, fallback: str = "未命名") -> str:
    """A file name stem safe on Windows, macOS and Linux: no separators, no "..", no control or format
    characters, no reserved names or characters, not hidden, not an Excel lock file, short
    (MAX_NAME_CHARS characters and MAX_NAME_BYTES bytes of UTF-8 at most)."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        " "
        if unicodedata.category(ch) in ("Zl", "Zp", "Zs")
        else ""
        if unicodedata.category(ch).startswith("C")
        else ch
        for ch in text
    )
    text = _WINDOWS_BAD.sub("_", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r" {2,}", " ", text).strip(" .~$")
    text = text[:MAX_NAME_CHARS]
    while len(text.encode("utf-8")) > MAX_NAME_BYTES:
        text = text[:-1]
    text = text.rstrip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    return text


def confined(folder: Path, name: str) -> Path:
    """folder/name, refusing anything that would land outside folder."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise AuditError(f"输出文件名不安全：{name}")
    return target


def confined_folder(folder: Path, name: str) -> Path:
    """The subfolder `name` of `folder`, confined like a file: a link (to anywhere), or anything that is not a
    folder, in its place is refused."""
    sub = folder / name
    if sub.is_symlink() or (sub.exists() and not sub.is_dir()) or sub.resolve().parent != folder.resolve():
        raise AuditError(
            f"输出目录中的“{name}”是链接或不是文件夹，已拒绝（请删除它或换一个输出目录）", str(sub)
        )
    return sub


def _host() -> str:
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def run_id() -> str:
    """This run's id, the same in its worker processes: <host>-<pid of the run>-<random token>."""
    global _run
    if _run is None:
        _run = f"{_host()}-{os.getpid()}-{secrets.token_hex(4)}"
    return _run


def set_run(run: str) -> None:
    """Adopt the run id of the process that started this one (a worker started by spawn)."""
    global _run
    _run = run


def _alive(pid: int) -> bool:
    """Whether a process is running on this computer (when in doubt, yes)."""
    if pid == os.getpid():
        return True
    if WINDOWS:  # os.kill(pid, 0) would terminate the process on Windows
        try:
            import ctypes

            library: Any = ctypes
            kernel = library.windll.kernel32
            handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
            if not handle:
                return bool(kernel.GetLastError() == 5)  # access denied: it exists
            code = ctypes.c_ulong()
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            kernel.CloseHandle(handle)
            return code.value == 259  # STILL_ACTIVE
        except (OSError, AttributeError):
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_temporaries(folder: Path) -> None:
    """Remove this run's temporary files from `folder`."""
    for leftover in folder.glob(f"{TEMPORARY}{run_id()}-*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def remove_stale(folder: Path) -> None:
    """Remove the temporary files of runs on this computer whose process is gone (killed while writing)."""
    host = _host()
    try:
        names = [p for p in folder.iterdir() if p.name.startswith(TEMPORARY)]
    except OSError:
        return
    for leftover in names:
        owner = _TEMPORARY_NAME.match(leftover.name)
        if owner is not None and owner.group(1) == host and not _alive(int(owner.group(2))):
            with contextlib.suppress(OSError):
                leftover.unlink()


_quiet = False


def _quiet_close_errors() -> None:
    """After a failed write, the half-written zip file of the writer fails again when it is collected
    ("Exception ignored in ZipFile.__del__ … No space left on device"): such OSErrors are not printed, the
    failure has been said once."""
    global _quiet
    if _quiet:
        return
    _quiet = True
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, OSError):
            previous(unraisable)

    sys.unraisablehook = hook


def _replace(tmp: Path, target: Path) -> None:
    """os.replace, tried again for a while on Windows when the target is open in another program."""
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if not WINDOWS or attempt == REPLACE_TRIES - 1:
                raise
            time.sleep(REPLACE_WAIT)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to target; on success it is renamed over target, on any error removed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f"{TEMPORARY}{run_id()}-", suffix=target.suffix, dir=target.parent
        )
    except OSError as exc:
        raise AuditError(f"无法写入输出目录：{exc.strerror}", str(target.parent)) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        _replace(tmp, target)
    except PermissionError as exc:
        _quiet_close_errors()
        if WINDOWS:
            raise AuditError(OCCUPIED, str(target)) from None
        raise AuditError(f"无法写入：{exc.strerror}", str(target)) from None
    except OSError as exc:
        _quiet_close_errors()
        raise AuditError(f"无法写入：{exc.strerror}", str(target)) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(target: Path, write: Callable[[Path], object]) -> Path:
    with atomic_path(target) as tmp:
        write(tmp)
    return target


def write_text(target: Path, text: str) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, "utf-8")
    return target

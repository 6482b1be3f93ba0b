"""Safe output files: sanitised names confined to a folder, atomic writes, text that is never a formula."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from auditor.errors import AuditError
from auditor.workbook.values import strip_control

__all__ = ["atomic_path", "confined", "safe_filename", "strip_control", "write_atomic", "write_text"]

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


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to target; on success it is renamed over target, on any error removed."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".~audit-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise AuditError(f"无法写入输出目录：{exc.strerror}", str(target.parent)) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        raise AuditError(f"无法写入：{exc.strerror}", str(target)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
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

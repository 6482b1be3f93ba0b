"""The cache of validated standards: a pickle per (standard file's bytes, engine's code).

Parsing YAML and validating it against the JSON Schema is most of a small run's start-up, so a
standard that loaded cleanly is pickled under ``$XDG_CACHE_HOME/audit`` (``~/.cache/audit``).
The key hashes the file's text together with a fingerprint of every module of the ``auditor``
package (path, mtime, size) and its version: an edited standard or an edited engine is never
served from the cache. A damaged or unreadable cache entry is ignored, a cache that cannot be
written is no problem, and ``AUDIT_NO_CACHE=1`` bypasses the cache altogether.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from pathlib import Path

from auditor.standard.model import Standard

PACKAGE = Path(__file__).resolve().parent.parent  # the auditor package: its code is part of the key


def enabled(wanted: bool = True) -> bool:
    """Whether to use the cache: wanted by the caller and not turned off by AUDIT_NO_CACHE."""
    return wanted and not os.environ.get("AUDIT_NO_CACHE")


def code_fingerprint() -> str:
    """The engine's version and every module's path, mtime and size."""
    stamps = sorted(
        (str(p.relative_to(PACKAGE)), p.stat().st_mtime_ns, p.stat().st_size) for p in PACKAGE.rglob("*.py")
    )
    from auditor import __version__

    return f"{__version__}:{stamps}"


def cache_file(text: str) -> Path | None:
    """Where the standard with this text is cached (None when the engine's code cannot be fingerprinted)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    try:
        digest = hashlib.sha256((code_fingerprint() + "\0" + text).encode("utf-8")).hexdigest()
    except OSError:
        return None
    return Path(base) / "audit" / f"standard-{digest[:32]}.pickle"


def fetch(target: Path, source: Path) -> Standard | None:
    """The standard cached at ``target``, as read from ``source`` now; None when absent or unusable."""
    try:
        with target.open("rb") as stream:
            standard = pickle.load(stream)
        if isinstance(standard, Standard):
            return dataclasses.replace(standard, source=source)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    return None


def store(target: Path, standard: Standard) -> None:
    """Cache a validated standard (atomically; failing to is no problem)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as stream:
            pickle.dump(standard, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:  # no cache is no problem
        pass

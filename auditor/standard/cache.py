"""The cache of validated standards: a pickle per (standard file's bytes, engine's code), checked
against every other file of an overlay's chain.

Parsing YAML and validating it against the JSON Schema is most of a small run's start-up, so a
standard that loaded cleanly is pickled under ``$XDG_CACHE_HOME/audit`` (``~/.cache/audit``).
The key hashes the file's text together with a fingerprint of every module of the ``auditor``
package (path, mtime, size) and its version: an edited standard or an edited engine is never
served from the cache. An overlay's entry also records each base of its chain (its path relative
to the overlay's folder and the hash of its text): an entry is served only while every one of them
is unchanged, so editing a base is never hidden by the cache either. A damaged or unreadable cache
entry is ignored, a cache that cannot be written is no problem, and ``AUDIT_NO_CACHE=1`` bypasses
the cache altogether.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from collections.abc import Sequence
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


@dataclasses.dataclass(frozen=True)
class Entry:
    """What a cache file holds: the standard, and the bases of its chain as (path relative to the standard's
    folder, sha256 of the text) — empty for a standard that extends none."""

    standard: Standard
    bases: tuple[tuple[str, str], ...] = ()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chain_of(source: Path, bases: Sequence[tuple[Path, str]]) -> tuple[tuple[str, str], ...]:
    """The bases of an overlay (their paths and texts) as an entry records them."""
    return tuple((os.path.relpath(path, source.parent), _digest(text)) for path, text in bases)


def _unchanged(source: Path, bases: Sequence[tuple[str, str]]) -> bool:
    for relative, digest in bases:
        try:
            text = (source.parent / relative).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return False
        if _digest(text) != digest:
            return False
    return True


def fetch(target: Path, source: Path) -> Standard | None:
    """The standard cached at ``target``, as read from ``source`` now; None when absent, unusable, or when a
    base of its chain changed."""
    try:
        with target.open("rb") as stream:
            entry = pickle.load(stream)
        if (
            isinstance(entry, Entry)
            and isinstance(entry.standard, Standard)
            and _unchanged(source, entry.bases)
        ):
            return dataclasses.replace(entry.standard, source=source)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    return None


def store(target: Path, standard: Standard, bases: tuple[tuple[str, str], ...] = ()) -> None:
    """Cache a validated standard with the bases of its chain (atomically; failing to is no problem)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as stream:
            pickle.dump(Entry(standard, bases), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:  # no cache is no problem
        pass

"""Reading a standard file: :func:`load_standard` for the engine, :func:`lint` for the people editing it.

The work is done in the rooms next door: :mod:`.yaml_lines` parses the YAML (duplicate keys
reported, the line of every path kept), :mod:`.overlay` resolves a standard that ``extends:``
another, :mod:`.build` turns the data into a :class:`Standard` (schema, references, sums),
:mod:`.cache` keeps validated standards between runs, and :mod:`.problems` holds what is wrong as
:class:`Problem` records, each printed as ``file:line: yaml.path: message``. :func:`lint` returns
them all, sorted by file (the overlay first, then its bases) and line; :func:`load_standard`
raises :class:`StandardError` when there is any.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from auditor.errors import StandardError
from auditor.standard import cache as standard_cache
from auditor.standard.build import build_standard
from auditor.standard.model import Standard
from auditor.standard.overlay import Resolved, read_text, resolve
from auditor.standard.problems import Problem, ProblemError, invalid_standard
from auditor.standard.yaml_lines import format_path, parse_yaml

__all__ = [
    "Problem",
    "build_standard",
    "check",
    "default_standard_path",
    "format_path",
    "lint",
    "load_standard",
    "parse_yaml",
    "read_text",
    "resolve",
]


def sort_problems(problems: Iterable[Problem], files: Iterable[Path] = ()) -> list[Problem]:
    """Problems without repeats, by file (in the order given, others after) and line (a file's own first)."""
    order = {str(path): i for i, path in enumerate(files)}
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (order.get(p.file, len(order)), p.file, p.line or 0))


def _build(path: Path, resolved: Resolved) -> tuple[Standard | None, list[Problem]]:
    """The standard of a resolved file, and every problem in the order found (the resolution's first)."""
    if resolved.data is None:
        return None, list(dict.fromkeys(resolved.problems))
    standard, problems = build_standard(resolved.data, resolved.lines, str(path), path)
    return standard, list(dict.fromkeys([*resolved.problems, *problems]))


def check(path: Path) -> tuple[Standard | None, list[Problem], Resolved]:
    """The standard of a file (None when it has problems), its problems sorted, and the file resolved."""
    resolved = resolve(path)
    standard, problems = _build(path, resolved)
    return standard, sort_problems(problems, [p for p, _ in resolved.files] or [path]), resolved


def lint(path: Path) -> list[Problem]:
    """Every problem of a standard file (empty when it is valid), sorted by file and line; an overlay is
    checked resolved, each problem at the line that caused it."""
    return check(path)[1]


def load_standard(path: Path, cache: bool = True) -> Standard:
    """Load and validate a standard (an overlay resolved). A valid standard is cached (keyed by its bytes and
    the engine's code, checked against every base of its chain), so later runs skip YAML parsing and schema
    validation; set AUDIT_NO_CACHE=1 to bypass the cache."""
    text = read_text(path)
    target = standard_cache.cache_file(text) if standard_cache.enabled(cache) else None
    if target is not None:
        cached = standard_cache.fetch(target, path)
        if cached is not None:
            return cached
    resolved = resolve(path, text)
    if not resolved.overlay and resolved.problems:  # unreadable, a syntax error, a duplicate key
        raise ProblemError(resolved.problems[0])
    standard, problems = _build(path, resolved)
    if standard is None or problems:
        raise invalid_standard(problems)
    if target is not None:
        standard_cache.store(target, standard, standard_cache.chain_of(path, resolved.bases))
    return standard


def default_standard_path() -> Path:
    """The standard shipped in the repository's standards/ folder (the newest by name), or, in an installed
    package, the copy shipped inside it (auditor/shipped/)."""
    package = Path(__file__).resolve().parent.parent
    candidates = sorted((package.parent / "standards").glob("*.yaml")) or sorted(
        (package / "shipped").glob("*.yaml")
    )
    if not candidates:
        raise StandardError("找不到随附的标准（standards/*.yaml），请用 --standard 指定")
    return candidates[-1]

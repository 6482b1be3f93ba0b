"""Reading a standard file: :func:`load_standard` for the engine, :func:`lint` for the people editing it.

The work is done in the rooms next door: :mod:`.yaml_lines` parses the YAML (duplicate keys
refused, the line of every path kept), :mod:`.build` turns the data into a :class:`Standard`
(schema, references, sums), :mod:`.cache` keeps validated standards between runs, and
:mod:`.problems` holds what is wrong as :class:`Problem` records, each printed as
``file:line: yaml.path: message``. :func:`lint` returns them all; :func:`load_standard` raises
:class:`StandardError` when there is any.
"""

from __future__ import annotations

from pathlib import Path

from auditor.errors import StandardError
from auditor.standard import cache as standard_cache
from auditor.standard.build import build_standard
from auditor.standard.model import Standard
from auditor.standard.problems import Problem, ProblemError, invalid_standard
from auditor.standard.yaml_lines import format_path, parse_yaml

__all__ = [
    "Problem",
    "build_standard",
    "default_standard_path",
    "format_path",
    "lint",
    "load_standard",
    "parse_yaml",
]


def read_text(path: Path) -> str:
    """The standard file's text (UTF-8, a byte order mark allowed); a :class:`ProblemError` when unreadable."""

    def unreadable(message: str) -> ProblemError:
        return ProblemError(Problem(str(path), None, "", message))

    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise unreadable("找不到标准文件") from None
    except IsADirectoryError:
        raise unreadable("这是一个目录，不是标准文件") from None
    except UnicodeDecodeError:
        raise unreadable("不是 UTF-8 编码的文本") from None
    except OSError as exc:
        raise unreadable(f"无法读取：{exc.strerror}") from None


def lint(path: Path) -> list[Problem]:
    """Every problem of a standard file (empty when it is valid)."""
    try:
        data, lines = parse_yaml(read_text(path), str(path))
    except ProblemError as exc:
        return [exc.problem]
    return build_standard(data, lines, str(path), path)[1]


def load_standard(path: Path, cache: bool = True) -> Standard:
    """Load and validate a standard. A valid standard is cached (keyed by its bytes and the engine's code),
    so later runs skip YAML parsing and schema validation; set AUDIT_NO_CACHE=1 to bypass the cache."""
    text = read_text(path)
    target = standard_cache.cache_file(text) if standard_cache.enabled(cache) else None
    if target is not None:
        cached = standard_cache.fetch(target, path)
        if cached is not None:
            return cached
    data, lines = parse_yaml(text, str(path))
    standard, problems = build_standard(data, lines, str(path), path)
    if standard is None:
        raise invalid_standard(problems)
    if target is not None:
        standard_cache.store(target, standard)
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

"""YAML with line numbers: safe-load a standard, refuse duplicate keys, remember where every path is.

PyYAML keeps the last of two equal keys silently; a standard with one would be scored by a
clause nobody meant, so :func:`parse_yaml` refuses it. The line of every YAML path is kept so
that each problem found later names the line an editor can jump to; :func:`format_path` writes
a path the way the messages show it (``parts[0].clauses[1].points``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from auditor.standard.problems import Problem, ProblemError

if TYPE_CHECKING:
    import yaml

YamlPath = tuple[str | int, ...]
Lines = Mapping[YamlPath, int]


def format_path(path: Sequence[str | int]) -> str:
    """``("parts", 0, "clauses", 1, "points")`` -> ``parts[0].clauses[1].points`` (``""`` for the root)."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def line_of(lines: Lines, path: YamlPath) -> int | None:
    """The line of ``path``, or of the nearest enclosing path that has one (a missing key: its mapping)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _to_python(node: yaml.Node, path: YamlPath, lines: dict[YamlPath, int], loader: Any, file: str) -> Any:
    import yaml

    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                message = f"重复的键“{key}”（第{lines[(*path, key)]}行已出现），YAML 只会保留后一个"
                raise ProblemError(Problem(file, key_node.start_mark.line + 1, "", message))
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, (*path, key), lines, loader, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*path, i), lines, loader, file) for i, item in enumerate(node.value)]
    return loader.construct_object(node)


def parse_yaml(text: str, file: str) -> tuple[Any, dict[YamlPath, int]]:
    """Safe-load YAML, refusing duplicate keys; returns the data and the line of every path.

    Raises :class:`ProblemError` (a ``StandardError``) for an empty document, a syntax error
    or a duplicate key.
    """
    import yaml  # only when a standard is read from YAML (not from the cache): start-up stays light

    loader = yaml.SafeLoader(text)  # the pure-Python loader: its messages are the ones documented and tested
    lines: dict[YamlPath, int] = {}
    try:
        node = loader.get_single_node()
        if node is None:
            raise ProblemError(Problem(file, None, "", "文件是空的"))
        return _to_python(node, (), lines, loader, file), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ProblemError(Problem(file, line, "", f"YAML 语法错误：{exc.problem or exc}")) from None
    except yaml.YAMLError as exc:
        raise ProblemError(Problem(file, None, "", f"YAML 语法错误：{exc}")) from None
    finally:
        loader.dispose()

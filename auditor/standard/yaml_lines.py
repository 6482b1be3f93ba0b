"""YAML with line numbers: safe-load a standard, report duplicate keys, remember where every path is.

PyYAML keeps the last of two equal keys silently; a standard with one would be scored by a
clause nobody meant, so :func:`read_yaml` reports it as a problem (and reads on, so that lint can
say everything else too) and :func:`parse_yaml` refuses it. The line of every YAML path is kept so
that each problem found later names the line an editor can jump to; :func:`format_path` writes
a path the way the messages show it (``parts[0].clauses[1].points``). A syntax error is said in
Chinese (:mod:`.yaml_messages`).

The lines of a resolved overlay come from several files: there a path's entry is ``(file, line)``
instead of a bare line, and :func:`locate` answers both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor.standard.problems import Problem, ProblemError
from auditor.standard.yaml_messages import yaml_message

if TYPE_CHECKING:
    import yaml

YamlPath = tuple[str | int, ...]
Origin = tuple[str, int]  # (file, 1-based line)
Lines = Mapping[YamlPath, int | Origin]


def format_path(path: Sequence[str | int]) -> str:
    """``("parts", 0, "clauses", 1, "points")`` -> ``parts[0].clauses[1].points`` (``""`` for the root);
    a key holding a dot is quoted: ``override["1.3"].check``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif "." in str(part) or not str(part):
            text += f'["{part}"]'
        else:
            text += f".{part}" if text else str(part)
    return text


def locate(lines: Lines, path: YamlPath, file: str) -> tuple[str, int | None]:
    """The file and line of ``path``, or of the nearest enclosing path that has one (a missing key: its
    mapping); ``file`` is the file of a bare line."""
    for end in range(len(path), -1, -1):
        where = lines.get(path[:end])
        if where is not None:
            return (file, where) if isinstance(where, int) else where
    return file, None


def line_of(lines: Lines, path: YamlPath) -> int | None:
    """The line of ``path``, or of the nearest enclosing path that has one."""
    return locate(lines, path, "")[1]


@dataclass
class ParsedYaml:
    """A parsed file: its data, the line of every path, and its duplicate keys (problems that do not stop
    the reading: the first of two equal keys is kept, so the lines stay those of the data)."""

    data: Any
    lines: dict[YamlPath, int]
    duplicates: list[Problem] = field(default_factory=list)


class _Reader:
    def __init__(self, loader: Any, file: str) -> None:
        self.loader = loader
        self.file = file
        self.duplicates: list[Problem] = []

    def node(self, node: yaml.Node, path: YamlPath, lines: dict[YamlPath, int]) -> Any:
        import yaml

        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                if key in result:
                    message = f"重复的键“{key}”（第{lines[(*path, key)]}行已出现），YAML 只会保留后一个"
                    self.duplicates.append(Problem(self.file, key_node.start_mark.line + 1, "", message))
                    self.node(value_node, (*path, key), {})  # read on: a duplicate inside is reported too
                    continue
                lines[(*path, key)] = key_node.start_mark.line + 1
                result[key] = self.node(value_node, (*path, key), lines)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.node(item, (*path, i), lines) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node)


def read_yaml(text: str, file: str) -> ParsedYaml:
    """Safe-load YAML: the data, the line of every path, and every duplicate key as a problem.

    Raises :class:`ProblemError` (a ``StandardError``) for an empty document or a syntax error.
    """
    import yaml  # only when a standard is read from YAML (not from the cache): start-up stays light

    from auditor.standard.yaml_guard import check_tree, guarded_loader

    # the pure-Python loader (its messages are the ones translated and tested), bounded: bad characters,
    # nesting, aliases and numbers are problems at their line (yaml_guard)
    loader = guarded_loader(text, file)
    reader = _Reader(loader, file)
    lines: dict[YamlPath, int] = {}
    try:
        node = loader.get_single_node()
        if node is None:
            raise ProblemError(Problem(file, None, "", "文件是空的"))
        check_tree(node, file)
        data = reader.node(node, (), lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = yaml_message(str(exc.problem or exc))
        raise ProblemError(Problem(file, line, "", f"YAML 语法错误：{message}")) from None
    except yaml.YAMLError as exc:
        raise ProblemError(Problem(file, None, "", f"YAML 语法错误：{yaml_message(str(exc))}")) from None
    finally:
        loader.dispose()
    return ParsedYaml(data, lines, reader.duplicates)


def parse_yaml(text: str, file: str) -> tuple[Any, dict[YamlPath, int]]:
    """Safe-load YAML, refusing duplicate keys; returns the data and the line of every path.

    Raises :class:`ProblemError` for an empty document, a syntax error or a duplicate key.
    """
    parsed = read_yaml(text, file)
    if parsed.duplicates:
        raise ProblemError(parsed.duplicates[0])
    return parsed.data, parsed.lines

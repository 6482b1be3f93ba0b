"""Bounds on a standard file, so that no file makes reading it an internal error or run for minutes.

A standard is read only from a regular file of at most MAX_BYTES (5 MB: the shipped standard is 0.1 MB),
counted as it is read. What PyYAML would fail on with an exception of its own, or let run away, is a
:class:`Problem` at its line instead:

- characters YAML does not allow (NUL, other control characters), at their line;
- nesting deeper than MAX_DEPTH (PyYAML composes recursively: 900 levels are a RecursionError);
- aliases: an alias bomb (an anchor used ten times, in an anchor used ten times …) or an anchor that
  contains itself is refused before anything is expanded; at most MAX_NODES values once expanded;
- numbers: more than MAX_NUMBER_CHARS characters, beyond MAX_MAGNITUDE, ``.nan`` or ``.inf``;
- a key that is a list or a mapping.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.standard.problems import Problem, ProblemError
from auditor.workbook.container import NotRegular, TooLarge, read_regular

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_NUMBER_CHARS = 30
MAX_MAGNITUDE = 10**15


def read_bounded(path: Path) -> bytes:
    """The file's bytes: a regular file of at most MAX_BYTES. ProblemError for anything else; OSError as the
    system says it (file not found, a directory, no permission)."""
    try:
        return read_regular(path, MAX_BYTES)
    except NotRegular:
        raise ProblemError(
            Problem(str(path), None, "", "不是普通文件（设备、管道或套接字），无法读取")
        ) from None
    except TooLarge:
        message = f"文件过大（超过 {MAX_BYTES // (1024 * 1024)} MB），不像是一个标准，已拒绝"
        raise ProblemError(Problem(str(path), None, "", message)) from None


def decode(data: bytes, file: str) -> str:
    """UTF-8 text (a byte order mark allowed); UnicodeDecodeError as the caller reports it (a whole file in
    another encoding: its first bad byte would name a line that says nothing)."""
    return data.decode("utf-8-sig")


def _problem(node: yaml.Node, message: str, file: str) -> ProblemError:
    return ProblemError(Problem(file, node.start_mark.line + 1, "", message))


def _number(loader: Any, node: yaml.Node, construct: Any) -> Any:
    text = str(node.value)
    if len(text) > MAX_NUMBER_CHARS:
        raise _problem(node, f"数字过长（{len(text)} 个字符），不是标准中的数", loader.file)
    try:
        value = construct(loader, node)
    except (ValueError, OverflowError):
        raise _problem(node, f"无法读作数字：{text[:MAX_NUMBER_CHARS]}", loader.file) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise _problem(node, f"不是有限的数：{text}", loader.file)
    if abs(value) > MAX_MAGNITUDE:
        raise _problem(node, f"数字过大：{text}", loader.file)
    return value


@functools.cache
def _loader_class() -> Any:
    """The pure-Python safe loader, composing no deeper than MAX_DEPTH and no more than MAX_NODES nodes, and
    constructing only numbers a standard can hold (made when first needed: yaml is imported only when a
    standard is read from YAML)."""
    import yaml

    class Loader(yaml.SafeLoader):
        file = ""
        depth = 0
        nodes = 0

        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            self.depth += 1
            self.nodes += 1
            try:
                if self.depth > MAX_DEPTH or self.nodes > MAX_NODES:
                    event = self.peek_event()  # type: ignore[no-untyped-call]
                    line = event.start_mark.line + 1 if event.start_mark else None
                    message = f"嵌套过深（超过 {MAX_DEPTH} 层）" if self.depth > MAX_DEPTH else "内容过多"
                    raise ProblemError(Problem(self.file, line, "", message + "，已拒绝"))
                node: yaml.Node | None = super().compose_node(parent, index)
                return node
            finally:
                self.depth -= 1

    safe = yaml.SafeLoader
    Loader.add_constructor("tag:yaml.org,2002:int", lambda ld, n: _number(ld, n, safe.construct_yaml_int))
    Loader.add_constructor("tag:yaml.org,2002:float", lambda ld, n: _number(ld, n, safe.construct_yaml_float))
    return Loader


def guarded_loader(text: str, file: str) -> Any:
    """A safe loader over `text`; a ProblemError for text too long or a character YAML does not allow."""
    import yaml

    if len(text) > MAX_BYTES:
        raise ProblemError(
            Problem(file, None, "", f"文件过大（超过 {MAX_BYTES // (1024 * 1024)} MB），已拒绝")
        )
    try:
        loader = _loader_class()(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(0, exc.position)) + 1
        code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
        message = f"含有 YAML 不允许的字符 U+{code:04X}（控制字符等），请删除"
        raise ProblemError(Problem(file, line, "", message)) from None
    loader.file = file
    return loader


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_tree(root: yaml.Node, file: str) -> None:
    """Refuse, before anything is expanded, what the aliases would make of the document: more than
    MAX_NODES values, deeper than MAX_DEPTH, an anchor inside itself; and keys that are not scalars. Linear
    in the nodes as composed (each is measured once, however often it is used)."""
    import yaml

    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        kids = _children(node)
        if done:
            path.discard(key)
            size[key] = 1 + sum(size[id(kid)] for kid in kids)
            depth[key] = 1 + max((depth[id(kid)] for kid in kids), default=0)
            if size[key] > MAX_NODES:
                raise _problem(
                    node, f"别名展开后内容过多（超过 {MAX_NODES} 项），疑似 YAML 炸弹，已拒绝", file
                )
            if depth[key] > MAX_DEPTH:
                raise _problem(node, f"别名展开后嵌套过深（超过 {MAX_DEPTH} 层），已拒绝", file)
            continue
        if key in size:
            continue
        if key in path:
            raise _problem(node, "别名引用了包含它自己的内容（循环引用），已拒绝", file)
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _problem(key_node, "键必须是文字或数字，不能是列表或映射", file)
        path.add(key)
        stack.append((node, True))
        stack.extend((kid, False) for kid in kids if id(kid) not in size)

"""The layering of ``auditor/``: each floor imports only from the floors below it, no import circle, no
file over 500 lines (../shared/design/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "auditor"
MAX_LINES = 500

# Floors, lowest first: a module imports only modules of its own floor or lower ones.
FLOORS: list[tuple[str, ...]] = [
    ("auditor", "auditor.errors", "auditor.standard.model", "auditor.streams"),
    ("auditor.result", "auditor.workbook", "auditor.calendar"),
    ("auditor.checks",),
    ("auditor.standard",),
    ("auditor.scoring", "auditor.engine", "auditor.cycle"),
    ("auditor.output",),
    ("auditor.template",),
    ("auditor.batch",),
    ("auditor.commands",),
    ("auditor.cli", "auditor.__main__"),
]
# Floors that may import less than everything below them.
ONLY: dict[str, tuple[str, ...]] = {
    "auditor.standard.model": ("auditor.errors",),
    "auditor.result": (),
    # writers depend only on the model, results, wording and each other (never batch, engine, scoring, checks)
    "auditor.output": (
        "auditor",
        "auditor.errors",
        "auditor.standard.model",
        "auditor.result",
        "auditor.output",
        "auditor.workbook.values",
    ),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ENGINE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ENGINE.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path) -> set[str]:
    """Project modules imported at run time (anywhere in the file, not under `if TYPE_CHECKING:`)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for other in node.orelse:
                visit(other)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("auditor"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("auditor"):
            found.add(node.module)
            known = modules()
            found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known)
        for inner in ast.iter_child_nodes(node):
            visit(inner)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _prefix_of(name: str, prefixes: tuple[str, ...]) -> str | None:
    best = [p for p in prefixes if name == p or name.startswith(p + ".")]
    return max(best, key=len) if best else None


def floor(name: str) -> int:
    best: tuple[int, int] = (-1, -1)
    for level, prefixes in enumerate(FLOORS):
        prefix = _prefix_of(name, prefixes)
        if prefix is not None and len(prefix) > best[1]:
            best = (level, len(prefix))
    assert best[0] >= 0, f"{name} is on no floor: add it to FLOORS"
    return best[0]


def allowed(importer: str, imported: str) -> bool:
    rule = _prefix_of(importer, tuple(ONLY))
    if rule is not None:
        return _prefix_of(imported, ONLY[rule]) is not None or imported == importer
    return floor(imported) <= floor(importer)


@pytest.mark.parametrize("name", sorted(modules()))
def test_each_module_imports_only_from_its_floor_or_below(name: str) -> None:
    wrong = sorted(m for m in imports(modules()[name]) if m in modules() and not allowed(name, m))
    assert not wrong, f"{name} (floor {floor(name)}) imports {wrong}"


def test_no_import_circle() -> None:
    graph = {
        name: {m for m in imports(path) if m in modules() and m != name} for name, path in modules().items()
    }
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name)


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_file_over_500_lines(name: str) -> None:
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{modules()[name].relative_to(ENGINE.parent)} has {lines} lines"


def test_cli_only_assembles_the_group() -> None:
    text = (ENGINE / "cli.py").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 150
    tree = ast.parse(text)
    commands = [
        n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "add_command"
    ]
    assert len(commands) == len(list((ENGINE / "commands").glob("*.py"))) - 3  # not __init__, common, sides


def test_commands_never_import_cli() -> None:
    for path in (ENGINE / "commands").glob("*.py"):
        assert "auditor.cli" not in imports(path), path.name


def test_writers_registry_names_real_writers() -> None:
    import importlib

    from auditor.output.writers import WRITERS

    assert set(WRITERS) == {"table", "json"}
    for target in WRITERS.values():
        module, _, attribute = target.partition(":")
        writer = getattr(importlib.import_module(module), attribute)
        for method in ("start", "handle", "stop"):
            assert callable(getattr(writer, method)), (target, method)

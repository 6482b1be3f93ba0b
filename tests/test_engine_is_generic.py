"""The engine knows no word of the shipped standard: every Chinese name lives in the YAML.

The words are read from standards/dqfwzx-2018.yaml itself (sheet names, field and column
names, enum values, clause titles and every string inside a clause's check or applies_when:
items, values, weights, ...), so the test follows the standard as it changes. Any string of
two or more CJK characters counts; single characters (是/否/有/无, the generic yes/no
vocabulary) cannot match by construction.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "auditor"
SHIPPED = ROOT / "standards" / "dqfwzx-2018.yaml"

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Files of the engine that could carry words: code, data, and output templates of any kind.
SCANNED_SUFFIXES = {
    ".py",
    ".json",
    ".html",
    ".htm",
    ".j2",
    ".jinja",
    ".jinja2",
    ".tmpl",
    ".tpl",
    ".txt",
    ".css",
    ".js",
    ".xml",
    ".svg",
}
# The engine's own generic vocabulary that a standard may happen to use as a column name too:
# 日期 is how the engine names the date value type ("应为日期"), 类型 is the word "type"
# ("“X”的类型是 number"). Nothing else is allowed.
GENERIC = frozenset(
    {"日期", "类型", "备注"}
)  # 备注：… under a table is the engine's generic footer vocabulary


def cjk_words(data: Any) -> set[str]:
    """Every string of 2+ CJK characters naming a sheet, field, column, enum value, clause or check value."""
    words: set[str] = set()

    def add(value: object) -> None:
        if isinstance(value, str) and len(CJK.findall(value)) >= 2:
            words.add(value)

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                add(key)  # weights: {答案: 分}
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        else:
            add(node)

    for sheet in data["layout"]:
        add(sheet["name"])
        for spec in sheet.get("fields", []) + sheet.get("columns", []):
            add(spec["name"])
            for value in spec.get("values", []):
                add(value)
    for part in data["parts"]:
        for clause in part["clauses"]:
            add(clause["title"])
            walk(clause["check"])
            walk(clause.get("applies_when", {}))
    return words


def shipped_words() -> set[str]:
    return cjk_words(yaml.safe_load(SHIPPED.read_text(encoding="utf-8")))


def engine_files() -> list[Path]:
    return sorted(
        p
        for p in ENGINE.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and (p.suffix in SCANNED_SUFFIXES or "templates" in p.relative_to(ENGINE).parts)
    )


def test_the_shipped_standard_yields_its_words() -> None:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    words = shipped_words()
    assert len(words) >= 50
    assert all(len(CJK.findall(w)) >= 2 for w in words)
    assert {sheet["name"] for sheet in data["layout"]} <= words
    titles = {c["title"] for p in data["parts"] for c in p["clauses"] if len(CJK.findall(c["title"])) >= 2}
    assert titles and titles <= words
    assert "是" not in words and "否" not in words


def test_the_scan_covers_the_engine() -> None:
    names = {p.relative_to(ENGINE).as_posix() for p in engine_files()}
    assert {"engine.py", "scoring.py", "cli.py", "checks/base.py", "workbook/reader.py"} <= names


@pytest.mark.parametrize("path", engine_files(), ids=lambda p: p.relative_to(ENGINE).as_posix())
def test_no_word_of_the_shipped_standard_in_the_engine(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    hits: dict[str, list[int]] = {}
    for word in sorted(shipped_words() - GENERIC):
        if word in text:
            hits[word] = [n for n, line in enumerate(text.splitlines(), 1) if word in line]
    shown = "; ".join(f"“{w}” line {', '.join(map(str, lines))}" for w, lines in hits.items())
    assert not hits, (
        f"auditor/{path.relative_to(ENGINE).as_posix()} knows words of the shipped standard: {shown}"
    )

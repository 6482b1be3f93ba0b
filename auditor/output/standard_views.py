"""What ``audit standard test`` and ``audit standard diff`` print: lines for a person, documents for CI.

The records come from :mod:`auditor.standard.selftest` (a test as run, its differences) and
:mod:`auditor.standard.diff` (what changed between two standards); this module only puts them in
words, with the status words and points of :mod:`auditor.output.wording`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from auditor.output.wording import STATUS_WORDS, VETO, points_text, text_width
from auditor.standard.model import ClauseExpectation

if TYPE_CHECKING:
    from auditor.standard.diff import Change, ClauseInfo, LayoutChange, StandardDiff
    from auditor.standard.selftest import Difference, Run

PASSED_MARK, FAILED_MARK = "✓", "✗"
KIND_WORDS = {"scored": "计分项", "bonus": "加分项", "veto": VETO}
KEY_WORDS = {
    "part": "所属部分",
    "title": "名称",
    "requirement": "考核内容",
    "method": "考核办法",
    "remediation": "整改建议",
    "kind": "条款类型",
    "points": "分值",
    "check": "检查方式",
    "applies_when": "适用条件",
    "id": "编号",
    "version": "版本",
    "year": "年度",
    "total": "总分",
    "veto_grade": "否决等级",
    "type": "类型",
    "values": "可选值",
    "units": "单位",
    "required": "必填",
    "pii": "个人信息",
    "unique": "不重复",
    "aliases": "别名",
    "optional": "可缺",
}


def _yes_no(value: object) -> str:
    return "是" if value else "否"


# ---------------------------------------------------------------- audit standard test


def expectation_text(expected: ClauseExpectation) -> str:
    """``部分达标 2分``, ``未达标``, ``2分``: what a test states of a clause, or what the audit gave."""
    words = []
    if expected.status is not None:
        words.append(STATUS_WORDS.get(expected.status, expected.status))
    if expected.earned is not None:
        words.append(f"{points_text(expected.earned)}分")
    return " ".join(words)


def difference_text(difference: Difference) -> str:
    """``2.8：预期 部分达标 2分，实际 未达标 0分``, ``得分：预期 77.3，实际 75.3``..."""
    d = difference
    if isinstance(d.expected, ClauseExpectation) and isinstance(d.actual, ClauseExpectation):
        return f"{d.clause}：预期 {expectation_text(d.expected)}，实际 {expectation_text(d.actual)}"
    if d.what == "score":
        return f"得分：预期 {d.expected}，实际 {d.actual}"
    if d.what == "grade":
        return f"等级：预期 {d.expected}，实际 {d.actual}"
    return f"{VETO}：预期 {_yes_no(d.expected)}，实际 {_yes_no(d.actual)}"


def test_lines(runs: Sequence[Run]) -> list[str]:
    """Per test ✓ (with the score and grade it got) or each difference; then ``N/M 通过``."""
    lines = []
    for run in runs:
        if run.error:
            lines.append(f"{FAILED_MARK} {run.label} 无法检查：{run.error}")
        elif run.passed:
            got = run.result
            tail = f"  {got.score} 分  {got.grade}" if got is not None else ""
            lines.append(f"{PASSED_MARK} {run.label}{tail}")
        else:
            lines += [f"{FAILED_MARK} {run.label} {difference_text(d)}" for d in run.differences]
    lines.append(f"{sum(r.passed for r in runs)}/{len(runs)} 通过")
    return lines


def uncovered_text(ids: Sequence[str]) -> str:
    return f"没有测试覆盖的条款：{'、'.join(ids)}（运行 audit standard lint 查看各条所在行）"


def _expectation_dict(expected: ClauseExpectation) -> dict[str, Any]:
    earned = None if expected.earned is None else float(expected.earned)
    return {"status": expected.status, "earned": earned}


def _difference_dict(d: Difference) -> dict[str, Any]:
    out: dict[str, Any] = {"what": d.what, "message": difference_text(d)}
    if isinstance(d.expected, ClauseExpectation) and isinstance(d.actual, ClauseExpectation):
        out["clause"] = d.clause
        out["expected"] = _expectation_dict(d.expected)
        out["actual"] = _expectation_dict(d.actual)
    else:
        out["expected"] = float(d.expected) if isinstance(d.expected, Decimal) else d.expected
        out["actual"] = float(d.actual) if isinstance(d.actual, Decimal) else d.actual
    return out


def test_document(file: str, runs: Sequence[Run], uncovered: Sequence[str]) -> dict[str, Any]:
    """``audit standard test --format json``."""
    return {
        "standard": file,
        "tests": [
            {
                "name": run.label,
                "workbook": run.workbook,
                "passed": run.passed,
                "error": run.error or None,
                "score": float(run.result.score) if run.result is not None else None,
                "grade": run.result.grade if run.result is not None else None,
                "differences": [_difference_dict(d) for d in run.differences],
            }
            for run in runs
        ],
        "passed": sum(r.passed for r in runs),
        "total": len(runs),
        "uncovered": list(uncovered),
    }


# ---------------------------------------------------------------- audit standard diff


def value_text(value: Any) -> str:
    """A value of a standard as it is written in YAML's short form: ``15``, ``[早班, 晚班]``,
    ``{min: 0.95, points: 4}``; ``（无）`` when absent."""
    if value is None:
        return "（无）"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {value_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    return str(value)


def key_text(key: str) -> str:
    head, _, rest = key.partition(".")
    if head == "check" and rest:
        return f"检查 {rest}"
    if head == "credit":
        return f"计分 {rest}"
    return KEY_WORDS.get(key, key)


def _change_value(change: Change, side: Any) -> str:
    if change.key == "kind":
        return KIND_WORDS.get(str(side), str(side))
    return value_text(side)


def _changes(changes: Sequence[Change], indent: str) -> list[str]:
    labels = [key_text(c.key) for c in changes]
    width = max((text_width(label) for label in labels), default=0)
    return [
        f"{indent}{label}{' ' * (width - text_width(label))}  {_change_value(c, c.old)} → {_change_value(c, c.new)}"
        for label, c in zip(labels, changes, strict=True)
    ]


def _clause_line(mark: str, info: ClauseInfo) -> str:
    points = "" if info.kind == "veto" else f"，{points_text(info.points)}分"
    kind = "" if info.kind == "scored" else f"，{KIND_WORDS[info.kind]}"
    return f"  {mark} {info.id} {info.title}（第{info.part}部分{kind}{points}）"


def _layout_line(change: LayoutChange, diff: StandardDiff) -> list[str]:
    sheet = diff.new.sheet(change.sheet) or diff.old.sheet(change.sheet)
    what = "字段" if sheet is not None and sheet.kind == "form" else "列"
    if change.kind == "sheet_added":
        return [f"  + 工作表“{change.sheet}”"]
    if change.kind == "sheet_removed":
        return [f"  - 工作表“{change.sheet}”"]
    if change.kind == "sheet_changed":
        return [f"  ~ 工作表“{change.sheet}”", *_changes(change.changes, "      ")]
    mark = {"field_added": "+", "field_removed": "-", "field_changed": "~"}[change.kind]
    head = f"  {mark} {change.sheet}：{what}“{change.name}”"
    return [head, *_changes(change.changes, "      ")] if change.changes else [head]


def diff_lines(diff: StandardDiff) -> list[str]:
    """The terminal view; no line at all when the standards are the same."""
    if diff.empty:
        return []
    old, new = diff.old, diff.new
    lines = [f"{old.id} {old.version} → {new.id} {new.version}"]
    if diff.standard:
        lines += ["标准", *_changes(diff.standard, "  ")]
    if diff.grades:
        lines += ["等级", *_changes(diff.grades, "  ")]
    if diff.added or diff.removed or diff.changed:
        lines.append(f"条款：新增 {len(diff.added)}，删除 {len(diff.removed)}，修改 {len(diff.changed)}")
        lines += [_clause_line("+", c) for c in diff.added]
        lines += [_clause_line("-", c) for c in diff.removed]
        for change in diff.changed:
            renamed = f"（原 {change.old_id}）" if change.old_id != change.id else ""
            lines.append(f"  ~ {change.id}{renamed} {change.title}")
            lines += _changes(change.changes, "      ")
    if diff.layout:
        lines.append("检查表")
        for layout in diff.layout:
            lines += _layout_line(layout, diff)
    return lines


def _info_dict(info: ClauseInfo) -> dict[str, Any]:
    return {"id": info.id, "title": info.title, "part": info.part, "kind": info.kind, "points": info.points}


def _change_dicts(changes: Sequence[Change]) -> list[dict[str, Any]]:
    return [{"key": c.key, "old": c.old, "new": c.new} for c in changes]


def diff_document(diff: StandardDiff, old_file: str, new_file: str) -> dict[str, Any]:
    """``audit standard diff --format json``: every list empty when the standards are the same."""

    def side(standard: Any, file: str) -> dict[str, Any]:
        return {"file": file, "id": standard.id, "version": standard.version}

    return {
        "old": side(diff.old, old_file),
        "new": side(diff.new, new_file),
        "standard": _change_dicts(diff.standard),
        "grades": [{"name": c.key, "old": c.old, "new": c.new} for c in diff.grades],
        "clauses": {
            "added": [_info_dict(c) for c in diff.added],
            "removed": [_info_dict(c) for c in diff.removed],
            "changed": [
                {"id": c.id, "old_id": c.old_id, "title": c.title, "changes": _change_dicts(c.changes)}
                for c in diff.changed
            ],
        },
        "layout": [
            {"change": c.kind, "sheet": c.sheet, "name": c.name or None, "changes": _change_dicts(c.changes)}
            for c in diff.layout
        ],
    }

"""Overlays (`extends:`): a district's standard that changes the shipped one, resolved, linted at its own
lines, shown resolved, used by every command, cached by every file of its chain (auditor/standard/overlay.py)."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from auditor.cli import cli
from auditor.engine import audit_file
from auditor.errors import StandardError
from auditor.standard.loader import lint, load_standard
from auditor.standard.model import Standard
from auditor.standard.problems import Problem
from auditor.standard.schema import build_schema
from tests.builders import ROOT, STANDARD_2018

STRICT = ROOT / "tests" / "data" / "overlays" / "strict-2018.yaml"
SAMPLES = ROOT / "samples" / "2018"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def line_of(text: str, snippet: str) -> int:
    assert text.count(snippet) == 1, snippet
    return text[: text.index(snippet)].count("\n") + 1


def overlay(tmp_path: Path, text: str, name: str = "overlay.yaml", base: Path = STANDARD_2018) -> Path:
    """An overlay in tmp_path extending a copy of ``base`` there (so ``extends`` is a relative path)."""
    (tmp_path / "base.yaml").write_bytes(base.read_bytes())
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def without_source(standard: Standard) -> Standard:
    return dataclasses.replace(standard, source=None, tests=())


# ---------------------------------------------------------------- the strict district: 1.3 at 10 minutes, 优秀 at 92


@pytest.fixture(scope="module")
def strict() -> Standard:
    return load_standard(STRICT)


def test_the_strict_overlay_lints_clean() -> None:
    assert lint(STRICT) == []
    assert invoke("standard", "lint", str(STRICT)) == (0, f"{STRICT}: 有效\n", "")


def test_the_overlay_changes_what_it_says_and_nothing_else(strict: Standard) -> None:
    base = load_standard(STANDARD_2018)
    assert (strict.id, strict.version, strict.title) == (
        "gaomi-dqfwzx-2018-strict",
        "2018.1-strict",
        base.title,
    )
    assert [(g.name, g.min) for g in strict.grades] == [("优秀", 92), ("良好", 80), ("合格", 60)]
    walk = next(c for c in strict.clauses if c.id == "1.3")
    assert walk.title == "步行10分钟服务圈" and walk.check.describe() == base.clauses[
        2
    ].check.describe().replace("15", "10")
    assert [c for c in strict.clauses if c.id != "1.3"] == [c for c in base.clauses if c.id != "1.3"]
    assert (strict.layout, strict.center, strict.total, strict.calendar) == (
        base.layout,
        base.center,
        base.total,
        base.calendar,
    )
    assert len(strict.tests) == 15  # its own tests: the base's are not inherited


EXPECTED_UNDER_STRICT = {  # center: (score, grade) under the shipped standard, then under the strict one
    "GM-01": ((100.0, "优秀"), (100.0, "优秀")),  # walks exactly 10 minutes: 1.3 still met
    "GM-02": ((98.9, "优秀"), (95.9, "优秀")),
    "GM-03": ((88.2, "良好"), (88.2, "良好")),  # 18 minutes: 1.3 failed already
    "GM-04": ((77.3, "合格"), (74.2, "合格")),
    "GM-05": ((96.1, "优秀"), (93.0, "优秀")),
    "GM-06": ((88.5, "良好"), (85.5, "良好")),
    "GM-07": ((90.0, "优秀"), (86.9, "良好")),
    "GM-08": ((87.7, "良好"), (84.7, "良好")),
    "GM-09": ((98.4, "不合格"), (95.4, "不合格")),
    "GM-10": ((70.9, "合格"), (67.9, "合格")),
    "GM-11": ((82.5, "良好"), (79.5, "合格")),
    "GM-12": ((97.9, "优秀"), (94.8, "优秀")),
    "GM-13": ((52.2, "不合格"), (49.2, "不合格")),
    "GM-14": ((96.2, "优秀"), (93.1, "优秀")),
    "GM-15": ((77.0, "合格"), (77.0, "合格")),  # 20 minutes
}


def test_the_samples_under_the_overlay_change_exactly_at_1_3(strict: Standard) -> None:
    base = load_standard(STANDARD_2018)
    for path in sorted(SAMPLES.glob("*.xlsx")):
        before, after = audit_file(base, path), audit_file(strict, path)
        code = str(before.center_id)
        assert (
            (float(before.score), before.grade),
            (float(after.score), after.grade),
        ) == EXPECTED_UNDER_STRICT[code]
        moved = [
            (a.id, a.status, b.status)
            for a, b in zip(before.clauses, after.clauses, strict=True)
            if (a.status, a.earned) != (b.status, b.earned)
        ]
        lost = before.score != after.score
        assert moved == ([("1.3", "pass", "fail")] if lost else []), code


def test_the_overlay_s_own_tests_state_those_scores() -> None:
    code, out, err = invoke("standard", "test", str(STRICT))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[-1] == "15/15 通过"
    assert lines[:-1] == [
        f"✓ {c}  {after[0]:.1f} 分  {after[1]}" for c, (_, after) in EXPECTED_UNDER_STRICT.items()
    ]


def test_show_resolved_prints_the_whole_standard_and_reads_back_the_same(strict: Standard) -> None:
    code, out, err = invoke("standard", "show", "--resolved", str(STRICT))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"# {STRICT} 展开后的标准（extends：{STANDARD_2018}）"
    assert lines[1:13] == [
        "id: gaomi-dqfwzx-2018-strict",
        "title: 党群服务中心建设和管理标准",
        "issuer: 中共高密市委组织部",
        "version: 2018.1-strict",
        "year: 2018",
        "total: 100",
        "grades:",
        "  - {name: 优秀, min: 92}",
        "  - {name: 良好, min: 80}",
        "  - {name: 合格, min: 60}",
        "veto_grade: 不合格",
        "calendar: {official: true}",
    ]
    start = lines.index('      - id: "1.3"')
    assert lines[start : start + 7] == [
        '      - id: "1.3"',
        "        title: 步行10分钟服务圈",
        "        requirement: 群众步行10分钟内可达",
        "        method: 实地查看",
        "        points: 3",
        "        check: {type: field, sheet: 基本信息, fields: [步行可达时间(分钟)], op: <=, value: 10}",
        "        remediation: 优化布局或增设服务点，确保步行10分钟可达",
    ]
    assert "extends" not in yaml.safe_load(out) and "override" not in yaml.safe_load(out)
    copy = STRICT.parent / "resolved-copy.yaml"  # beside the overlay, so its tests' workbooks are found
    try:
        copy.write_text(out, encoding="utf-8")
        assert lint(copy) == []
        again = load_standard(copy, cache=False)
        assert without_source(again) == without_source(strict)
        assert [dataclasses.replace(t, line=None) for t in again.tests] == [
            dataclasses.replace(t, line=None) for t in strict.tests
        ]
    finally:
        copy.unlink()


def test_show_resolved_of_a_whole_standard_is_the_standard() -> None:
    code, out, _ = invoke("standard", "show", "--resolved", str(STANDARD_2018))
    assert code == 0
    assert yaml.safe_load(out) == yaml.safe_load(STANDARD_2018.read_text("utf-8"))


def test_check_report_and_template_take_an_overlay(tmp_path: Path) -> None:
    gm07 = str(SAMPLES / "GM-07-朝阳街道立新社区党群服务中心.xlsx")
    code, out, _ = invoke("check", "--standard", str(STRICT), "--format", "json", "--jobs", "1", gm07)
    assert code == 0
    [center] = json.loads(out)["centers"]
    assert (center["score"], center["grade"]) == (86.9, "良好")
    assert next(c for c in center["clauses"] if c["id"] == "1.3")["status"] == "fail"
    code, _, _ = invoke("template", "--standard", str(STRICT), "-o", str(tmp_path / "t.xlsx"))
    assert code == 0 and (tmp_path / "t.xlsx").is_file()
    code, _, _ = invoke("report", "--standard", str(STRICT), "--jobs", "1", "-o", str(tmp_path / "r"), gm07)
    assert code == 0 and list((tmp_path / "r").glob("GM-07*.xlsx"))


def test_the_published_schema_covers_overlays() -> None:
    schema = json.loads((ROOT / "standards" / "schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(yaml.safe_load(STRICT.read_text("utf-8")))
    errors = list(validator.iter_errors({"extends": "base.yaml", "overide": {}}))
    assert [e.message for e in errors] == ["Additional properties are not allowed ('overide' was unexpected)"]
    assert schema == build_schema()
    overlay_keys = schema["$defs"]["overlay"]["properties"]
    assert {"extends", "override", "remove", "add", "parts", "grades", "tests"} <= set(overlay_keys)
    assert "check" in overlay_keys["override"]["additionalProperties"]["properties"]


# ---------------------------------------------------------------- overlays refused, each at the overlay's line


def test_an_unknown_clause_id(tmp_path: Path) -> None:
    text = 'extends: base.yaml\noverride:\n  "1.33": {points: 4}\nremove: ["2.99"]\n'
    path = overlay(tmp_path, text)
    assert lint(path) == [
        Problem(str(path), 3, 'override["1.33"]', "基础标准中没有条款“1.33”（是否要写“1.3”？）"),
        Problem(str(path), 4, "remove[0]", "基础标准中没有条款“2.99”（是否要写“2.9”？）"),
    ]
    with pytest.raises(StandardError, match=r"1\.33"):
        load_standard(path)


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        pytest.param(
            '"1.3": {check: {op: {value: 10}}}',
            'override["1.3"].check.op',
            "“op”在基础标准中是 '<='，不能与映射合并（直接写新值）",
            id="mapping-into-a-value",
        ),
        pytest.param(
            '"2.9": {applies_when: 街道}',
            'override["2.9"].applies_when',
            "“applies_when”在基础标准中是映射，不能整个换成 '街道'：只写要改的键，如 applies_when: {value: …}",
            id="value-over-a-mapping",
        ),
        pytest.param(
            '"1.3": {id: "1.30"}',
            'override["1.3"].id',
            '不能在 override 中改编号：请 remove “1.3”后用 add 加入新条款，并写 replaces: ["1.3"]',
            id="a-new-id",
        ),
        pytest.param(
            '"1.3": {check: {type: share}}',
            'override["1.3"].check.type',
            "检查类型由 field 改为 share，基础条款的参数 fields、op、value 不适用于 share："
            "请在 override 中写 null 删除它们，或 remove 后 add 新条款",
            id="a-new-check-type",
        ),
        pytest.param(
            '"1.3": {check: 10}',
            'override["1.3"].check',
            "10 应为映射（键: 值）",
            id="a-value-for-the-check",
        ),
    ],
)
def test_a_bad_merge(tmp_path: Path, change: str, where: str, message: str) -> None:
    path = overlay(tmp_path, f"extends: base.yaml\noverride:\n  {change}\n")
    problems = lint(path)
    assert problems[0] == Problem(str(path), 3, where, message)
    assert all(p.file == str(path) and p.line == 3 for p in problems), problems
    with pytest.raises(StandardError, match=f"{path}:3: "):
        load_standard(path)


def test_an_override_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = overlay(tmp_path, 'extends: base.yaml\noverride:\n  "1.3": 10\n')
    assert lint(path) == [Problem(str(path), 3, 'override["1.3"]', "10 应为映射（键: 值）")]


def test_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nid: a\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("# 区里的标准\nextends: a.yaml\n", encoding="utf-8")
    problems = lint(tmp_path / "a.yaml")
    assert problems == [Problem(str(tmp_path / "b.yaml"), 2, "extends", "形成循环：a.yaml → b.yaml → a.yaml")]
    (tmp_path / "c.yaml").write_text("extends: c.yaml\n", encoding="utf-8")
    assert lint(tmp_path / "c.yaml") == [
        Problem(str(tmp_path / "c.yaml"), 1, "extends", "形成循环：c.yaml → c.yaml")
    ]


def test_a_missing_base(tmp_path: Path) -> None:
    path = tmp_path / "o.yaml"
    path.write_text("id: x\nextends: nowhere.yaml\n", encoding="utf-8")
    assert lint(path) == [
        Problem(str(path), 2, "extends", f"找不到基础标准“nowhere.yaml”（{tmp_path / 'nowhere.yaml'}）")
    ]


def test_points_that_no_longer_add_up_are_placed_at_the_change(tmp_path: Path) -> None:
    text = 'extends: base.yaml\nid: x\noverride:\n  "1.1": {points: 10}\n  "1.3": {points: 4}\n'
    path = overlay(tmp_path, text)
    assert lint(path) == [
        Problem(str(path), 4, "parts[0].points", "本部分声明 20 分，但各条分值之和为 19"),
        Problem(str(path), 4, "total", "声明总分 100，但各条分值之和为 99"),
    ]
    fixed = overlay(tmp_path, text + 'parts: {"1": {points: 19}}\ntotal: 99\n', "fixed.yaml")
    assert lint(fixed) == []
    removed = overlay(tmp_path, 'extends: base.yaml\nremove: ["2.9"]\n', "removed.yaml")
    assert lint(removed) == [
        Problem(str(removed), 2, "parts[1].points", "本部分声明 35 分，但各条分值之和为 33"),
        Problem(str(removed), 2, "total", "声明总分 100，但各条分值之和为 98"),
    ]


def test_a_problem_the_base_brings_is_at_the_base_s_line(tmp_path: Path) -> None:
    text = STANDARD_2018.read_text("utf-8").replace(
        "          sheet: 外观标识\n", "          sheet: 外观标志\n"
    )
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    path = tmp_path / "o.yaml"
    path.write_text(
        'extends: broken.yaml\noverride:\n  "1.2": {check: {fields: [财政经费]}}\n', encoding="utf-8"
    )
    problems = lint(path)
    assert [(p.file, p.line, p.path) for p in problems] == [
        (str(path), 3, "parts[0].clauses[1].check.fields[0].column"),
        (str(tmp_path / "broken.yaml"), line_of(text, "sheet: 外观标志"), "parts[0].clauses[0].check.sheet"),
    ]
    assert problems[0].message == "工作表“基本信息”未声明字段“财政经费”（是否要写“财政列支经费(万元)”？）"


def test_a_chain_of_overlays(tmp_path: Path) -> None:
    """The strict district's street adds a clause of its own to part 4 and makes room for it in 4.5."""
    (tmp_path / "strict.yaml").write_text(
        STRICT.read_text("utf-8").replace("../../../standards/dqfwzx-2018.yaml", str(STANDARD_2018)), "utf-8"
    )
    street = tmp_path / "street.yaml"
    street.write_text(
        "extends: strict.yaml\n"
        "id: street\n"
        "override:\n"
        '  "4.5": {points: 1}\n'
        "add:\n"
        '  - part: "4"\n'
        "    clause:\n"
        '      id: "4.6"\n'
        "      title: 服务项目清单公开\n"
        "      points: 1\n"
        "      check: {type: field, sheet: 基本信息, fields: [服务项目清单公开], value: 是}\n"
        'remove: ["V.2"]\n',
        encoding="utf-8",
    )
    assert lint(street) == []
    resolved = load_standard(street, cache=False)
    assert resolved.id == "street" and resolved.grades[0].min == Decimal(92) and not resolved.tests
    assert [c.id for c in resolved.parts[3].clauses] == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6"]
    assert "V.2" not in [c.id for c in resolved.clauses]
    assert next(c for c in resolved.clauses if c.id == "1.3").check.describe().endswith("10")


# ---------------------------------------------------------------- the cache keys on every file of the chain


def test_editing_a_base_is_never_hidden_by_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    path = overlay(tmp_path, 'extends: base.yaml\noverride:\n  "1.3": {check: {value: 10}}\n')
    first = load_standard(path)
    assert len(list((tmp_path / "cache" / "audit").glob("standard-*.pickle"))) == 1
    assert load_standard(path) == first  # served from the cache
    base = tmp_path / "base.yaml"
    base.write_text(
        base.read_text("utf-8").replace("title: 党群服务中心建设和管理标准", "title: 改过的基础标准"), "utf-8"
    )
    assert load_standard(path).title == "改过的基础标准"
    base.write_text(base.read_text("utf-8").replace("points: 12", "points: 13"), "utf-8")
    with pytest.raises(StandardError, match="各条分值之和"):
        load_standard(path)

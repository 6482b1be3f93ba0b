"""`audit standard diff OLD NEW`: what changed between two standards (auditor/standard/diff.py and the views
of auditor/output/standard_views.py)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import cli
from auditor.standard.diff import diff_standards
from auditor.standard.loader import lint, load_standard
from tests.builders import ROOT, STANDARD_2018
from tests.library_builders import LIBRARY_STANDARD

STRICT = ROOT / "tests" / "data" / "overlays" / "strict-2018.yaml"
SHIPPED = STANDARD_2018.read_text(encoding="utf-8")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_the_shipped_standard_against_the_strict_overlay() -> None:
    code, out, err = invoke("standard", "diff", str(STANDARD_2018), str(STRICT))
    assert (code, err) == (0, "")
    assert out == (
        "gaomi-dqfwzx-2018 2018.1 → gaomi-dqfwzx-2018-strict 2018.1-strict\n"
        "标准\n"
        "  编号  gaomi-dqfwzx-2018 → gaomi-dqfwzx-2018-strict\n"
        "  版本  2018.1 → 2018.1-strict\n"
        "等级\n"
        "  优秀  90 → 92\n"
        "条款：新增 0，删除 0，修改 1\n"
        "  ~ 1.3 步行10分钟服务圈\n"
        "      名称        步行15分钟服务圈 → 步行10分钟服务圈\n"
        "      考核内容    群众步行15分钟内可达 → 群众步行10分钟内可达\n"
        "      检查 value  15 → 10\n"
        "      整改建议    优化布局或增设服务点，确保步行15分钟可达 → 优化布局或增设服务点，确保步行10分钟可达\n"
    )


def test_the_same_diff_as_json() -> None:
    code, out, _ = invoke("standard", "diff", "--format", "json", str(STANDARD_2018), str(STRICT))
    assert code == 0
    assert json.loads(out) == {
        "old": {"file": str(STANDARD_2018), "id": "gaomi-dqfwzx-2018", "version": "2018.1"},
        "new": {"file": str(STRICT), "id": "gaomi-dqfwzx-2018-strict", "version": "2018.1-strict"},
        "standard": [
            {"key": "id", "old": "gaomi-dqfwzx-2018", "new": "gaomi-dqfwzx-2018-strict"},
            {"key": "version", "old": "2018.1", "new": "2018.1-strict"},
        ],
        "grades": [{"name": "优秀", "old": 90, "new": 92}],
        "clauses": {
            "added": [],
            "removed": [],
            "changed": [
                {
                    "id": "1.3",
                    "old_id": "1.3",
                    "title": "步行10分钟服务圈",
                    "changes": [
                        {"key": "title", "old": "步行15分钟服务圈", "new": "步行10分钟服务圈"},
                        {"key": "requirement", "old": "群众步行15分钟内可达", "new": "群众步行10分钟内可达"},
                        {"key": "check.value", "old": 15, "new": 10},
                        {
                            "key": "remediation",
                            "old": "优化布局或增设服务点，确保步行15分钟可达",
                            "new": "优化布局或增设服务点，确保步行10分钟可达",
                        },
                    ],
                }
            ],
        },
        "layout": [],
    }


def test_identical_standards_have_an_empty_diff(tmp_path: Path) -> None:
    assert invoke("standard", "diff", str(STANDARD_2018), str(STANDARD_2018)) == (0, "", "")
    copy = (
        tmp_path / "copy.yaml"
    )  # the same standard written another way: a default spelled out, another order
    copy.write_text(
        replace(SHIPPED, "          value: 0\n          match: any\n", "          value: 0\n").replace(
            "          sheet: 外观标识\n          key: 项目\n",
            "          key: 项目\n          sheet: 外观标识\n          where: []\n",
        ),
        encoding="utf-8",
    )
    assert lint(copy) == []
    assert invoke("standard", "diff", str(STANDARD_2018), str(copy)) == (0, "", "")
    code, out, _ = invoke("standard", "diff", "--format", "json", str(STANDARD_2018), str(copy))
    document = json.loads(out)
    assert (code, document["standard"], document["grades"], document["layout"]) == (0, [], [], [])
    assert document["clauses"] == {"added": [], "removed": [], "changed": []}
    assert diff_standards(load_standard(LIBRARY_STANDARD), load_standard(LIBRARY_STANDARD)).empty


def replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def next_year(tmp_path: Path) -> Path:
    """A 2019 standard: 2.9 renamed 2.10 (replaces), 4.5 replaced by a new 4.6, 3.4's tier raised, B.1's cap
    raised, 良好 at 85, 1.4 turned into a veto, a column added, one removed, a sheet added."""
    text = SHIPPED[: SHIPPED.index("\n# 标准自带的测试")] + "\n"
    text = replace(text, 'version: "2018.1"\nyear: 2018\n', 'version: "2019.1"\nyear: 2019\n')
    text = replace(text, "  - {name: 良好, min: 80}\n", "  - {name: 良好, min: 85}\n")
    text = replace(text, '      - id: "2.9"\n', '      - id: "2.10"\n        replaces: ["2.9"]\n')
    text = replace(text, "            - {min: 0.85, points: 2}\n", "            - {min: 0.90, points: 2}\n")
    text = replace(text, "        cap: 3\n", "        cap: 5\n")
    text = replace(
        text,
        '      - id: "4.5"\n        title: 党员积分制管理\n        requirement: 推行党员积分制管理\n',
        '      - id: "4.6"\n        title: 党员积分制管理全覆盖\n        requirement: 推行党员积分制管理\n',
    )
    text = replace(
        text,
        "      - {name: 处理反馈, aliases: [处理结果, 办理结果]}\n",
        "      - {name: 处理反馈, aliases: [处理结果, 办理结果]}\n      - {name: 回访日期, type: date}\n",
    )
    text = replace(
        text,
        "      - {name: 参加人数, type: integer, units: [人, 名, 位], aliases: [参与人数, 人数]}\n      - {name: 记录人}\n",
        "      - {name: 参加人数, type: integer, units: [人, 名, 位], aliases: [参与人数, 人数]}\n",
    )
    text = replace(
        text,
        "  - name: 自评得分\n",
        "  - name: 党员名册\n    kind: table\n    optional: true\n    columns: [{name: 姓名}]\n  - name: 自评得分\n",
    )
    # 1.4 becomes a veto: its 2 points go to 1.1
    text = replace(text, "        points: 12\n", "        points: 14\n")
    text = replace(
        text,
        "        method: 实地查看\n        points: 2\n        check: {type: field, sheet: 基本信息, fields: [活动场所向群众无偿开放], value: 是}\n",
        "        method: 实地查看\n        kind: veto\n        check: {type: field, sheet: 基本信息, fields: [活动场所向群众无偿开放], value: 是}\n",
    )
    path = tmp_path / "dqfwzx-2019.yaml"
    path.write_text(text, encoding="utf-8")
    assert lint(path) == []
    return path


def test_a_year_s_changes(tmp_path: Path) -> None:
    new = next_year(tmp_path)
    code, out, err = invoke("standard", "diff", str(STANDARD_2018), str(new))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "gaomi-dqfwzx-2018 2018.1 → gaomi-dqfwzx-2018 2019.1",
        "标准",
        "  版本  2018.1 → 2019.1",
        "  年度  2018 → 2019",
        "等级",
        "  良好  80 → 85",
        "条款：新增 1，删除 1，修改 5",
        "  + 4.6 党员积分制管理全覆盖（第4部分，2分）",
        "  - 4.5 党员积分制管理（第4部分，2分）",
        '  ~ 1.1 外观标识"六统一"',
        "      分值  12 → 14",
        "  ~ 1.4 阵地资源无偿开放",
        "      条款类型  计分项 → 一票否决",
        "      分值      2 → 0",
        "  ~ 2.10（原 2.9） 工作人员下沉社区",
        "  ~ 3.4 办结率",
        "      计分 tiers  [{min: 0.95, points: 4}, {min: 0.85, points: 2}] → [{min: 0.95, points: 4}, {min: 0.9, points: 2}]",
        '  ~ B.1 "X"特色服务',
        "      分值  3 → 5",
        "检查表",
        "  + 工作表“党员名册”",
        "  - 活动记录：列“记录人”",
        "  + 服务台账：列“回访日期”",
    ]
    changes = diff_standards(load_standard(STANDARD_2018), load_standard(new))
    assert changes.pairs()["2.10"] == "2.9" and "4.6" not in changes.pairs()
    document = json.loads(invoke("standard", "diff", "--format", "json", str(STANDARD_2018), str(new))[1])
    renamed = next(c for c in document["clauses"]["changed"] if c["id"] == "2.10")
    assert renamed == {"id": "2.10", "old_id": "2.9", "title": "工作人员下沉社区", "changes": []}
    assert document["layout"] == [
        {"change": "sheet_added", "sheet": "党员名册", "name": None, "changes": []},
        {"change": "field_removed", "sheet": "活动记录", "name": "记录人", "changes": []},
        {"change": "field_added", "sheet": "服务台账", "name": "回访日期", "changes": []},
    ]


def test_without_replaces_a_renamed_clause_is_removed_and_added(tmp_path: Path) -> None:
    text = next_year(tmp_path).read_text("utf-8").replace('        replaces: ["2.9"]\n', "")
    path = tmp_path / "no-replaces.yaml"
    path.write_text(text, encoding="utf-8")
    changes = diff_standards(load_standard(STANDARD_2018), load_standard(path))
    assert [c.id for c in changes.added] == ["2.10", "4.6"]
    assert [c.id for c in changes.removed] == ["2.9", "4.5"]


def test_check_parameters_credit_and_applies_when(tmp_path: Path) -> None:
    text = SHIPPED[: SHIPPED.index("\n# 标准自带的测试")] + "\n"
    text = replace(
        text,
        "applies_when: {sheet: 基本信息, field: 中心类型, value: 街道}",
        "applies_when: {sheet: 基本信息, field: 中心类型, op: in, value: [街道, 园区]}",
    )
    text = replace(
        text,
        "        credit: {mode: deduct, per: 0.5}\n        remediation: 每月固定",
        "        credit: {mode: per_item}\n        remediation: 每月固定",
    )
    text = replace(
        text,
        "          type: share\n          sheet: 服务台账\n          condition: {column: 首问责任人, op: filled}\n          min: 1\n",
        "          type: share\n          sheet: 服务台账\n          condition: {column: 首问责任人, op: filled}\n          min: 0.9\n",
    )
    path = tmp_path / "tuned.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = invoke("standard", "diff", str(STANDARD_2018), str(path))
    assert code == 0
    assert out.splitlines()[1:] == [
        "条款：新增 0，删除 0，修改 3",
        "  ~ 2.9 工作人员下沉社区",
        "      适用条件  {sheet: 基本信息, field: 中心类型, value: 街道} → {sheet: 基本信息, field: 中心类型, op: in, value: [街道, 园区]}",
        "  ~ 3.3 首问负责",
        "      检查 min  1 → 0.9",
        "  ~ 3.5 支部生活日每月开展",
        "      计分 mode  deduct → per_item",
        "      计分 per   0.5 → （无）",
    ]


def test_a_columns_aliases_and_uniqueness_are_layout_changes(tmp_path: Path) -> None:
    text = STANDARD_2018.read_text(encoding="utf-8")
    text = replace(
        text, "{name: 值班人, aliases: [值班人员, 值班干部]}", "{name: 值班人, aliases: [值班人员]}"
    )
    text = replace(text, "{name: 问卷编号, unique: true}", "{name: 问卷编号}")
    new = tmp_path / "aliases.yaml"
    new.write_text(text, encoding="utf-8")
    code, out, _ = invoke("standard", "diff", str(STANDARD_2018), str(new))
    assert code == 0
    assert out.endswith(
        "检查表\n"
        "  ~ 值班记录：列“值班人”\n"
        "      别名  [值班人员, 值班干部] → [值班人员]\n"
        "  ~ 满意度测评：列“问卷编号”\n"
        "      不重复  true → false\n"
    )

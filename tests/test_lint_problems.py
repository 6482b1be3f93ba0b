"""`audit standard lint` says everything in one run: a duplicate key does not stop it, problems come sorted
by line, a mistyped name gets the nearest declared one, YAML syntax and schema errors are in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.errors import StandardError
from auditor.standard.loader import lint, load_standard
from auditor.standard.problems import Problem, ProblemError
from auditor.standard.suggest import did_you_mean
from tests.builders import STANDARD_2018

SHIPPED = STANDARD_2018.read_text(encoding="utf-8")


def line_of(text: str, snippet: str) -> int:
    assert text.count(snippet) == 1, snippet
    return text[: text.index(snippet)].count("\n") + 1


def variant(tmp_path: Path, *changes: tuple[str, str]) -> tuple[Path, str]:
    text = SHIPPED
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_a_duplicate_key_does_not_hide_the_other_problems(tmp_path: Path) -> None:
    path, text = variant(
        tmp_path,
        ("    title: 管理规范\n", "    title: 管理规范\n    title: 管理\n"),
        ("total: 100\n", "total: 99\n"),
        ("          sheet: 外观标识\n", "          sheet: 外观标志\n"),
    )
    assert lint(path) == [
        Problem(str(path), line_of(text, "total: 99"), "total", "声明总分 99，但各条分值之和为 100"),
        Problem(
            str(path),
            line_of(text, "sheet: 外观标志"),
            "parts[0].clauses[0].check.sheet",
            "未声明的工作表“外观标志”（是否要写“外观标识”？）",
        ),
        Problem(
            str(path),
            line_of(text, "    title: 管理\n"),
            "",
            f"重复的键“title”（第{line_of(text, '    title: 管理规范')}行已出现），YAML 只会保留后一个",
        ),
    ]
    with pytest.raises(ProblemError, match="重复的键"):  # and the standard is still refused at the duplicate
        load_standard(path)


def test_duplicate_keys_inside_a_duplicate_are_reported_too(tmp_path: Path) -> None:
    path, text = variant(tmp_path, ("report:\n", "report: {title: a, title: b}\nreport:\n"))
    lines = [p.line for p in lint(path)]
    assert lines == [line_of(text, "report: {title: a"), line_of(text, "report:\n")]


def test_problems_come_sorted_by_line(tmp_path: Path) -> None:
    path, _ = variant(
        tmp_path,
        ("            - {min: 90, points: 6}\n", "            - {min: 90, points: 7}\n"),
        ("  leader: 检查组组长\n", "  leader: 组长\n"),
        ("  - {name: 良好, min: 80}\n", "  - {name: 良好, min: 95}\n"),
    )
    problems = lint(path)
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)
    assert [p.path for p in problems] == [
        "grades[1].min",
        "center.leader",
        "parts[3].clauses[0].credit.tiers[0].points",
    ]
    result = CliRunner().invoke(cli, ["standard", "lint", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [*map(str, problems), f"{path}: 3 处问题"]


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        pytest.param(
            "          sheet: 外观标识\n",
            "          sheet: 外观标志\n",
            "parts[0].clauses[0].check.sheet",
            "未声明的工作表“外观标志”（是否要写“外观标识”？）",
            id="sheet",
        ),
        pytest.param(
            "fields: [步行可达时间(分钟)]",
            "fields: [步行时间(分钟)]",
            "parts[0].clauses[2].check.fields[0].column",
            "工作表“基本信息”未声明字段“步行时间(分钟)”（是否要写“步行可达时间(分钟)”？）",
            id="field",
        ),
        pytest.param(
            "          key: 项目\n",
            "          key: 项目名称\n",
            "parts[0].clauses[0].check.key",
            "工作表“外观标识”未声明列“项目名称”（是否要写“项目”？）",
            id="column",
        ),
        pytest.param(
            "  leader: 检查组组长\n",
            "  leader: 检察组组长\n",
            "center.leader",
            "工作表“基本信息”未声明字段“检察组组长”（是否要写“检查组组长”？）",
            id="center-field",
        ),
        pytest.param(
            "          sheet: 外观标识\n",
            "          sheet: 花名册\n",
            "parts[0].clauses[0].check.sheet",
            "未声明的工作表“花名册”",
            id="nothing-close",
        ),
        pytest.param(
            "        title: 经费保障\n        requirement:",
            "        title: 经费保障\n        requirment:",
            "parts[0].clauses[1].requirment",
            "不认识的键“requirment”（是否要写“requirement”？）",
            id="key",
        ),
    ],
)
def test_did_you_mean(tmp_path: Path, old: str, new: str, path: str, message: str) -> None:
    file, text = variant(tmp_path, (old, new))
    [problem] = lint(file)
    assert (problem.path, problem.message) == (path, message)
    assert problem.line == line_of(text, new.strip().splitlines()[-1])


def test_did_you_mean_leaves_units_out_of_the_comparison() -> None:
    assert (
        did_you_mean("财政经费", ["财政列支经费(万元)", "党费补助经费(万元)"])
        == "（是否要写“财政列支经费(万元)”？）"
    )
    assert did_you_mean("全不相干", ["财政列支经费(万元)"]) == ""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "    title: 建设规范\n", "\ttitle: 建设规范\n", "含有制表符（Tab）：YAML 只能用空格缩进", id="tab"
        ),
        pytest.param(
            "    title: 建设规范\n",
            "    title: 建设: 规范\n",
            "此处不能出现“: ”（值里含有冒号加空格时请给整个值加引号，或检查缩进）",
            id="colon",
        ),
        pytest.param(
            "    title: 建设规范\n",
            "     title: 建设规范\n",
            "缩进与上文对不上：此处遇到新的键（同一层的键须对齐，列表项须以“- ”开头）",
            id="indentation",
        ),
        pytest.param("items: *eight", "items: *nine", "未定义的别名“*nine”（前文没有“&nine”）", id="alias"),
        pytest.param(
            "title: 党群服务中心建设和管理标准",
            "title: [党群服务中心建设和管理标准",
            "方括号列表中应为“,”或“]”，却遇到“:”（“[”未闭合，或值里的“: ”没有加引号）",
            id="unclosed-bracket",
        ),
        pytest.param(
            "title: 党群服务中心建设和管理标准\n",
            'title: "党群\\q"\n',
            "双引号中有无法识别的转义“\\q”（反斜杠请写成“\\\\”，或改用单引号）",
            id="escape",
        ),
    ],
)
def test_yaml_syntax_errors_in_chinese(tmp_path: Path, old: str, new: str, message: str) -> None:
    path, _ = variant(tmp_path, (old, new))
    [problem] = lint(path)
    assert problem.message == f"YAML 语法错误：{message}"


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        pytest.param(
            "        points: 12\n",
            "        points: 十二\n",
            "parts[0].clauses[0].points",
            "'十二' 应为数字",
            id="number",
        ),
        pytest.param(
            "        points: 12\n",
            "        points: -12\n",
            "parts[0].clauses[0].points",
            "-12 应大于 0",
            id="minimum",
        ),
        pytest.param("year: 2018\n", "year: 二〇一八\n", "year", "'二〇一八' 应为整数", id="integer"),
        pytest.param(
            "    optional: true\n",
            "    optional: 是\n",
            "layout[11].optional",
            "'是' 应为 true 或 false",
            id="boolean",
        ),
        pytest.param(
            "grades:\n  - {name: 优秀, min: 90}\n  - {name: 良好, min: 80}\n  - {name: 合格, min: 60}\n",
            "grades: []\n",
            "grades",
            "不能为空",
            id="empty-list",
        ),
        pytest.param(
            "calendar:\n  official: true\n",
            "calendar: 官方\n",
            "calendar",
            "'官方' 应为映射（键: 值）",
            id="mapping",
        ),
    ],
)
def test_schema_errors_in_chinese(tmp_path: Path, old: str, new: str, path: str, message: str) -> None:
    file, _ = variant(tmp_path, (old, new))
    [problem] = lint(file)
    assert (problem.path, problem.message) == (path, message)
    with pytest.raises(StandardError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_standard(file)

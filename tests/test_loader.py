"""The standard loader: the shipped standard, the published schema, and every kind of lint problem.

Problems are :class:`Problem` records: the tests read their fields (file, line, YAML path,
message), and check once that each prints as the ``file:line: path: message`` line of today.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.errors import StandardError
from auditor.standard.loader import lint, load_standard
from auditor.standard.model import Standard
from auditor.standard.problems import Problem, ProblemError
from auditor.standard.schema import build_schema, schema_json
from tests.builders import ROOT, STANDARD_2018

SCHEMA_FILE = ROOT / "standards" / "schema.json"
SHIPPED = STANDARD_2018.read_text(encoding="utf-8")


def line_of(text: str, snippet: str) -> int:
    """1-based line where `snippet` (unique in `text`) starts."""
    assert text.count(snippet) == 1, f"snippet not unique: {snippet!r}"
    return text[: text.index(snippet)].count("\n") + 1


def line_of_second(text: str, snippet: str) -> int:
    """1-based line where the second of exactly two occurrences of `snippet` starts."""
    assert text.count(snippet) == 2, f"snippet should occur twice: {snippet!r}"
    second = text.index(snippet, text.index(snippet) + 1)
    return text[:second].count("\n") + 1


def variant(tmp_path: Path, old: str, new: str, name: str = "variant.yaml") -> tuple[Path, str]:
    """The shipped standard with one unique snippet replaced, written to tmp_path."""
    assert SHIPPED.count(old) == 1, f"snippet not unique in the shipped standard: {old!r}"
    text = SHIPPED.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, text


def only_problem(path: Path) -> Problem:
    problems = lint(path)
    assert len(problems) == 1, problems
    [problem] = problems
    assert problem.file == str(path)
    return problem


def assert_refused(path: Path, line: int, where: str, fragment: str) -> None:
    """lint reports exactly one problem at `line` on YAML path `where`; load_standard refuses it too."""
    problem = only_problem(path)
    assert problem.line == line, problem
    assert problem.path == where, problem
    assert fragment in problem.message, problem
    with pytest.raises(StandardError) as info:
        load_standard(path)
    assert f"{path}:{line}: {where}: " in str(info.value)


# ------------------------------------------------------------------ the shipped standard

CLAUSE_IDS = [
    "1.1",
    "1.2",
    "1.3",
    "1.4",
    "2.1",
    "2.2",
    "2.3",
    "2.4",
    "2.5",
    "2.6",
    "2.7",
    "2.8",
    "2.9",
    "3.1",
    "3.2",
    "3.3",
    "3.4",
    "3.5",
    "3.6",
    "4.1",
    "4.2",
    "4.3",
    "4.4",
    "4.5",
    "B.1",
    "V.1",
    "V.2",
]


@pytest.fixture(scope="module")
def shipped() -> Standard:
    return load_standard(STANDARD_2018)


def test_shipped_standard_lints_clean() -> None:
    assert lint(STANDARD_2018) == []


def test_shipped_standard_clause_ids(shipped: Standard) -> None:
    ids = [c.id for p in shipped.parts for c in p.clauses]
    assert ids == CLAUSE_IDS
    assert len(ids) == 27


def test_shipped_standard_points(shipped: Standard) -> None:
    assert shipped.total == Decimal(100)
    points = {p.id: p.points for p in shipped.parts}
    assert points == {"1": 20, "2": 35, "3": 30, "4": 15, "B": 0, "V": 0}
    scored = sum(c.points for p in shipped.parts for c in p.clauses if c.kind == "scored")
    assert scored == Decimal(100)


def test_shipped_standard_kinds(shipped: Standard) -> None:
    kinds = {c.id: c.kind for p in shipped.parts for c in p.clauses}
    assert kinds["B.1"] == "bonus"
    assert kinds["V.1"] == kinds["V.2"] == "veto"
    assert {k for i, k in kinds.items() if i[0].isdigit()} == {"scored"}
    bonus = next(c for p in shipped.parts for c in p.clauses if c.id == "B.1")
    assert bonus.points == Decimal(3)  # the cap


def test_shipped_standard_grades(shipped: Standard) -> None:
    assert [(g.name, g.min) for g in shipped.grades] == [
        ("优秀", Decimal(90)),
        ("良好", Decimal(80)),
        ("合格", Decimal(60)),
    ]
    assert shipped.veto_grade == "不合格"


def test_load_standard_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(SHIPPED.encode("utf-8-sig"))
    assert lint(path) == []
    assert [c.id for p in load_standard(path).parts for c in p.clauses] == CLAUSE_IDS


# ------------------------------------------------------------------ the published schema


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json()


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == build_schema()


def test_shipped_standard_is_valid_against_the_published_schema() -> None:
    import yaml

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(SHIPPED))


# ------------------------------------------------------------------ problems as records


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        pytest.param(
            Problem("s.yaml", 9, "total", "声明总分 99"), "s.yaml:9: total: 声明总分 99", id="at-a-path"
        ),
        pytest.param(
            Problem("s.yaml", 3, "", "YAML 语法错误：x"), "s.yaml:3: YAML 语法错误：x", id="on-a-line"
        ),
        pytest.param(Problem("s.yaml", None, "", "文件是空的"), "s.yaml: 文件是空的", id="in-the-file"),
    ],
)
def test_a_problem_prints_as_one_line(problem: Problem, line: str) -> None:
    assert str(problem) == line


def test_an_unreadable_standard_raises_its_problem(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "    title: 管理规范\n", "    title: 管理规范\n    title: 管理\n")
    with pytest.raises(ProblemError) as info:
        load_standard(path)
    assert isinstance(info.value, StandardError)
    assert info.value.problem == lint(path)[0]
    assert str(info.value) == str(info.value.problem)
    assert info.value.file == f"{path}:{line_of(text, '    title: 管理' + chr(10))}"  # as before: file:line


# ------------------------------------------------------------------ YAML itself


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "    title: 建设规范\n", "    title: 建设: 规范\n")
    problems = lint(path)
    line = line_of(text, "    title: 建设: 规范")
    said = "YAML 语法错误：此处不能出现“: ”（值里含有冒号加空格时请给整个值加引号，或检查缩进）"
    assert problems == [Problem(str(path), line, "", said)]
    assert str(problems[0]) == f"{path}:{line}: {said}"
    with pytest.raises(StandardError) as info:
        load_standard(path)
    assert str(info.value).startswith(f"{path}:{line_of(text, '    title: 建设: 规范')}: YAML 语法错误")


def test_yaml_tab_indentation(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "    title: 建设规范\n", "\ttitle: 建设规范\n")
    [problem] = lint(path)
    assert (problem.file, problem.line, problem.path) == (str(path), line_of(text, chr(9) + "title"), "")
    assert problem.message.startswith("YAML 语法错误")


def test_undefined_alias(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "items: *eight", "items: *nine")
    [problem] = lint(path)
    assert problem.line == line_of(text, "items: *nine")
    assert problem.message.startswith("YAML 语法错误")
    assert "nine" in problem.message


def test_duplicate_key_is_refused_with_its_line(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "    title: 管理规范\n", "    title: 管理规范\n    title: 管理\n")
    first = line_of(text, "    title: 管理规范")
    second = line_of(text, "    title: 管理\n")
    assert second == first + 1
    [problem] = lint(path)
    assert (problem.file, problem.line, problem.path) == (str(path), second, "")
    assert "重复的键“title”" in problem.message
    assert f"第{first}行" in problem.message
    with pytest.raises(StandardError, match="重复的键"):
        load_standard(path)


def test_duplicate_key_in_a_flow_mapping(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "  - {name: 优秀, min: 90}", "  - {name: 优秀, min: 90, name: 好}")
    [problem] = lint(path)
    assert problem.line == line_of(text, "name: 好")
    assert "重复的键“name”" in problem.message


@pytest.mark.parametrize("content", ["", "\n\n   \n", "# 只有注释\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(content, encoding="utf-8")
    assert lint(path) == [Problem(str(path), None, "", "文件是空的")]
    assert str(lint(path)[0]) == f"{path}: 文件是空的"
    with pytest.raises(StandardError, match="文件是空的"):
        load_standard(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert lint(path) == [Problem(str(path), None, "", "找不到标准文件")]
    with pytest.raises(StandardError, match="找不到标准文件"):
        load_standard(path)


def test_directory_instead_of_a_file(tmp_path: Path) -> None:
    [problem] = lint(tmp_path)
    assert (problem.file, problem.line, problem.path) == (str(tmp_path), None, "")
    with pytest.raises(StandardError):
        load_standard(tmp_path)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_not_utf8(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(SHIPPED.encode(encoding))
    assert lint(path) == [Problem(str(path), None, "", "不是 UTF-8 编码的文本")]
    with pytest.raises(StandardError, match="UTF-8"):
        load_standard(path)


@pytest.mark.parametrize("content", ["- a\n- b\n", "just text\n", "42\n"])
def test_top_level_not_a_mapping(tmp_path: Path, content: str) -> None:
    path = tmp_path / "list.yaml"
    path.write_text(content, encoding="utf-8")
    assert lint(path) == [Problem(str(path), 1, "(顶层)", "标准文件的顶层应为映射（键: 值）")]
    assert str(lint(path)[0]) == f"{path}:1: (顶层): 标准文件的顶层应为映射（键: 值）"
    with pytest.raises(StandardError):
        load_standard(path)


def test_several_documents_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "multi.yaml"
    path.write_text(SHIPPED + "---\nid: other\n", encoding="utf-8")
    [problem] = lint(path)
    assert "YAML 语法错误" in problem.message
    assert problem.line == SHIPPED.count("\n") + 1


# ------------------------------------------------------------------ schema violations


def test_points_not_a_number(tmp_path: Path) -> None:
    old = "        points: 3\n        check:\n          type: field\n          sheet: 基本信息\n          fields: [财政"
    path, text = variant(tmp_path, old, old.replace("points: 3", 'points: "x"'))
    assert_refused(path, line_of(text, 'points: "x"'), "parts[0].clauses[1].points", "'x'")


def test_negative_points(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "        points: 12\n", "        points: -12\n")
    assert_refused(path, line_of(text, "points: -12"), "parts[0].clauses[0].points", "-12")


def test_unknown_key(tmp_path: Path) -> None:
    path, text = variant(
        tmp_path, "        title: 经费保障\n", "        title: 经费保障\n        colour: red\n"
    )
    # The line of the offending key, not of the mapping that holds it.
    assert_refused(path, line_of(text, "colour: red"), "parts[0].clauses[1].colour", "colour")


def test_unknown_key_in_a_check(tmp_path: Path) -> None:
    old = 'check: {type: field, sheet: 基本信息, fields: [步行可达时间(分钟)], op: "<=", value: 15}'
    path, text = variant(tmp_path, old, old.replace("value: 15}", "value: 15, colour: red}"))
    assert_refused(path, line_of(text, "colour: red"), "parts[0].clauses[2].check.colour", "colour")


def test_missing_required_key(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "        title: 经费保障\n", "")
    assert_refused(path, line_of(text, '      - id: "1.2"'), "parts[0].clauses[1]", "title")


def test_unknown_check_type(tmp_path: Path) -> None:
    old = "          type: table_items\n          sheet: 外观标识\n"
    path, text = variant(tmp_path, old, old.replace("table_items", "table_itemz"))
    assert_refused(path, line_of(text, "type: table_itemz"), "parts[0].clauses[0].check.type", "table_itemz")
    assert "table_items" in lint(path)[0].message  # the known types are listed


def test_unknown_credit_mode(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "credit: {mode: proportional}", "credit: {mode: proportionate}")
    assert_refused(
        path, line_of(text, "mode: proportionate"), "parts[1].clauses[5].credit.mode", "proportionate"
    )


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        pytest.param('      - id: "1.1"\n', "      - id: 1.1\n", "parts[0].clauses[0].id", id="clause"),
        pytest.param('  - id: "3"\n', "  - id: 3\n", "parts[2].id", id="part"),
        pytest.param("id: gaomi-dqfwzx-2018\n", "id: 2018\n", "id", id="standard"),
        pytest.param('version: "2018.1"\n', "version: 2018.1\n", "version", id="version"),
    ],
)
def test_unquoted_numeric_id_says_to_quote_it(tmp_path: Path, old: str, new: str, where: str) -> None:
    path, text = variant(tmp_path, old, new)
    assert_refused(path, line_of(text, new.strip()), where, "请加引号")


# ------------------------------------------------------------------ references


def test_undeclared_sheet(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "          sheet: 外观标识\n", "          sheet: 外观标志\n")
    problems = lint(path)
    assert problems[0] == Problem(
        str(path),
        line_of(text, "sheet: 外观标志"),
        "parts[0].clauses[0].check.sheet",
        "未声明的工作表“外观标志”（是否要写“外观标识”？）",
    )
    assert str(problems[0]) == (
        f"{path}:{line_of(text, 'sheet: 外观标志')}: parts[0].clauses[0].check.sheet: "
        "未声明的工作表“外观标志”（是否要写“外观标识”？）"
    )


def test_undeclared_column(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "          key: 项目\n", "          key: 项目名\n")
    problems = lint(path)
    assert problems[0] == Problem(
        str(path),
        line_of(text, "key: 项目名"),
        "parts[0].clauses[0].check.key",
        "工作表“外观标识”未声明列“项目名”（是否要写“项目”？）",
    )


def test_undeclared_column_in_a_condition(tmp_path: Path) -> None:
    path, text = variant(
        tmp_path, "where: [{column: 专兼职, value: 兼职}]", "where: [{column: 专兼职类别, value: 兼职}]"
    )
    problem = lint(path)[0]
    assert problem.line == line_of(text, "专兼职类别")
    assert problem.path.startswith("parts[1].clauses[3].check.where[0]")
    assert "未声明列“专兼职类别”" in problem.message


def test_undeclared_form_field(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "fields: [步行可达时间(分钟)]", "fields: [步行时间(分钟)]")
    problem = lint(path)[0]
    assert problem.line == line_of(text, "步行时间(分钟)")
    assert problem.path.startswith("parts[0].clauses[2].check.fields[0]")
    assert "工作表“基本信息”未声明字段“步行时间(分钟)”" in problem.message


def test_undeclared_center_field(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "  leader: 检查组组长\n", "  leader: 组长\n")
    assert_refused(path, line_of(text, "leader: 组长"), "center.leader", "未声明字段“组长”")


def test_undeclared_center_sheet(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "  sheet: 基本信息\n  id: 中心编号", "  sheet: 基本情况\n  id: 中心编号")
    assert_refused(path, line_of(text, "sheet: 基本情况"), "center.sheet", "未声明的工作表“基本情况”")


SELF_ASSESSMENT = "self_assessment: {sheet: 自评得分, clause: 条款编号, score: 自评分}"


@pytest.mark.parametrize(
    ("new", "where", "fragment"),
    [
        pytest.param(
            "self_assessment: {sheet: 自评表, clause: 条款编号, score: 自评分}",
            "self_assessment.sheet",
            "“自评表”",
            id="undeclared-sheet",
        ),
        pytest.param(
            "self_assessment: {sheet: 自评得分, clause: 条款号, score: 自评分}",
            "self_assessment.clause",
            "“条款号”",
            id="undeclared-column",
        ),
        pytest.param(
            "self_assessment: {sheet: 自评得分, clause: 条款编号, score: 条款编号}",
            "self_assessment.score",
            "number",
            id="score-not-a-number",
        ),
        pytest.param(
            "self_assessment: {sheet: 基本信息, clause: 条款编号, score: 自评分}",
            "self_assessment.sheet",
            "table",
            id="form-not-table",
        ),
    ],
)
def test_bad_self_assessment_reference(tmp_path: Path, new: str, where: str, fragment: str) -> None:
    path, text = variant(tmp_path, SELF_ASSESSMENT, new)
    assert_refused(path, line_of(text, "self_assessment:"), where, fragment)


def test_duplicate_sheet_name(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "  - name: 值班记录\n", "  - name: 督查记录\n")
    problems = lint(path)
    line = line_of_second(text, "  - name: 督查记录\n")
    assert problems[0] == Problem(str(path), line, "layout[8].name", "工作表“督查记录”重复")


def test_duplicate_column_name(tmp_path: Path) -> None:
    path, text = variant(
        tmp_path,
        "      - {name: 值班人, aliases: [值班人员, 值班干部]}\n",
        "      - {name: 值班人, aliases: [值班人员, 值班干部]}\n      - {name: 值班人 }\n",
    )
    assert_refused(path, line_of(text, "{name: 值班人 }"), "layout[8].columns[2].name", "“值班人”重复")


def test_sheet_of_the_wrong_kind(tmp_path: Path) -> None:
    old = 'check: {type: field, sheet: 基本信息, fields: [步行可达时间(分钟)], op: "<=", value: 15}'
    path, text = variant(tmp_path, old, old.replace("基本信息", "外观标识"))
    problem = lint(path)[0]
    assert problem.line == line_of(text, "sheet: 外观标识, fields")
    assert problem.path == "parts[0].clauses[2].check.sheet"
    assert "table" in problem.message and "form" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "path_prefix"),
    [
        pytest.param(
            "          sheet: 外观标识\n",
            "          sheet: 外观标志\n",
            "parts[0].clauses[0].check.sheet",
            id="sheet",
        ),
        pytest.param(
            "          key: 项目\n", "          key: 项目名\n", "parts[0].clauses[0].check.key", id="column"
        ),
        pytest.param(
            "fields: [步行可达时间(分钟)]",
            "fields: [步行时间(分钟)]",
            "parts[0].clauses[2].check.fields[0]",
            id="form-field",
        ),
    ],
)
def test_unresolved_reference_is_the_only_problem(
    tmp_path: Path, old: str, new: str, path_prefix: str
) -> None:
    """A clause whose check cannot be built must not also make its part and the total 'not add up'."""
    path, _ = variant(tmp_path, old, new)
    problems = lint(path)
    assert problems[0].path.startswith(path_prefix)
    assert not [p for p in problems if "各条分值之和" in p.message], problems


def test_enum_condition_value_not_among_the_column_values(tmp_path: Path) -> None:
    path, text = variant(
        tmp_path, "where: [{column: 专兼职, value: 兼职}]", "where: [{column: 专兼职, value: 临时}]"
    )
    assert_refused(path, line_of(text, "value: 临时"), "parts[1].clauses[3].check.where[0].value", "“临时”")
    assert "专职、兼职" in lint(path)[0].message


def test_enum_value_in_applies_when(tmp_path: Path) -> None:
    old = "applies_when: {sheet: 基本信息, field: 中心类型, value: 街道}"
    path, text = variant(tmp_path, old, old.replace("街道", "镇"))
    assert_refused(path, line_of(text, "value: 镇}"), "parts[1].clauses[8].applies_when.value", "“镇”")


def test_yesno_condition_value_not_a_yes_or_no_word(tmp_path: Path) -> None:
    old = "condition: {column: 是否达标, value: 是}"
    path, text = variant(tmp_path, old, old.replace("value: 是", "value: 也许"))
    assert_refused(path, line_of(text, "value: 也许"), "parts[0].clauses[0].check.condition.value", "“也许”")


def without_tests(path: Path) -> None:
    """The variant without its tests (which name the clause ids a variant changes)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\ntests:\n")] + "\n", encoding="utf-8")


def test_duplicate_clause_ids(tmp_path: Path) -> None:
    path, text = variant(tmp_path, '      - id: "2.4"\n', '      - id: "2.3"\n')
    [first, *rest] = lint(path)
    assert rest and all(
        p.path.startswith("tests[") and "没有条款“2.4”" in p.message for p in rest
    )  # the tests
    without_tests(path)
    assert_refused(
        path, line_of_second(text, '      - id: "2.3"\n'), "parts[1].clauses[3].id", "编号“2.3”重复"
    )
    assert lint(path)[0] == first
    assert "parts[1].clauses[2]" in lint(path)[0].message  # names the first one


def test_clause_id_equal_to_a_part_id(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "      - id: B.1\n", '      - id: "4"\n')
    without_tests(path)
    assert_refused(path, line_of(text, '      - id: "4"\n'), "parts[4].clauses[0].id", "重复")


# ------------------------------------------------------------------ points


def test_part_points_do_not_add_up(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "    points: 35\n", "    points: 36\n")
    assert_refused(path, line_of(text, "    points: 36\n"), "parts[1].points", "36")
    assert "35" in lint(path)[0].message


def test_total_does_not_add_up(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "total: 100\n", "total: 99\n")
    assert_refused(path, line_of(text, "total: 99"), "total", "99")
    assert "100" in lint(path)[0].message


def test_clause_points_change_breaks_part_and_total(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "        points: 12\n", "        points: 11\n")
    problems = lint(path)  # sorted by line
    assert problems == [
        Problem(str(path), line_of(text, "total: 100"), "total", "声明总分 100，但各条分值之和为 99"),
        Problem(
            str(path),
            line_of(text, "    points: 20"),
            "parts[0].points",
            "本部分声明 20 分，但各条分值之和为 19",
        ),
    ]
    assert [str(p) for p in problems] == [
        f"{path}:{line_of(text, 'total: 100')}: total: 声明总分 100，但各条分值之和为 99",
        f"{path}:{line_of(text, '    points: 20')}: parts[0].points: 本部分声明 20 分，但各条分值之和为 19",
    ]


def test_tiers_out_of_order(tmp_path: Path) -> None:
    old = "            - {min: 0.95, points: 4}\n            - {min: 0.80, points: 2}\n"
    new = "            - {min: 0.80, points: 2}\n            - {min: 0.95, points: 4}\n"
    path, text = variant(tmp_path, old, new)
    assert_refused(
        path,
        line_of(text, "{min: 0.95, points: 4}\n        remediation: 落实居干部"),
        "parts[1].clauses[7].credit.tiers[1]",
        "从高到低",
    )


def test_tier_points_increasing(tmp_path: Path) -> None:
    old = "            - {min: 0.95, points: 4}\n            - {min: 0.85, points: 2}\n"
    path, text = variant(tmp_path, old, old.replace("points: 4", "points: 1"))
    assert_refused(
        path, line_of(text, "{min: 0.85, points: 2}"), "parts[2].clauses[3].credit.tiers[1]", "从高到低"
    )


def test_tier_above_the_clause_points(tmp_path: Path) -> None:
    path, text = variant(
        tmp_path, "            - {min: 90, points: 6}\n", "            - {min: 90, points: 7}\n"
    )
    assert_refused(
        path, line_of(text, "{min: 90, points: 7}"), "parts[3].clauses[0].credit.tiers[0].points", "7"
    )


def test_share_tier_threshold_above_one(tmp_path: Path) -> None:
    old = "            - {min: 0.95, points: 4}\n            - {min: 0.85, points: 2}\n"
    path, text = variant(tmp_path, old, old.replace("0.95", "95").replace("0.85", "85"))
    problem = lint(path)[0]
    assert problem.line == line_of(text, "{min: 95, points: 4}")
    assert problem.path == "parts[2].clauses[3].credit.tiers[0].min"
    assert "0~1" in problem.message


def test_deduct_per_above_the_clause_points(tmp_path: Path) -> None:
    old = "credit: {mode: deduct, per: 0.5}\n        remediation: 每月固定"
    path, text = variant(tmp_path, old, old.replace("per: 0.5", "per: 7"))
    assert_refused(path, line_of(text, "per: 7"), "parts[2].clauses[4].credit.per", "7")


def test_bonus_clause_without_cap(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "        cap: 3\n", "")
    assert_refused(path, line_of(text, "      - id: B.1"), "parts[4].clauses[0]", "cap")


def test_bonus_clause_with_points_instead_of_cap(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "        cap: 3\n", "        points: 3\n")
    problems = lint(path)
    assert problems
    line = line_of(text, "      - id: B.1")
    assert all(p.line == line and p.path.startswith("parts[4].clauses[0]") for p in problems), problems


def test_veto_clause_with_points(tmp_path: Path) -> None:
    old = "        kind: veto\n        check: {type: field"
    path, text = variant(tmp_path, old, "        kind: veto\n        points: 1\n        check: {type: field")
    assert_refused(path, line_of(text, "      - id: V.1"), "parts[5].clauses[0]", "不能同时出现")


def test_grades_out_of_order(tmp_path: Path) -> None:
    path, text = variant(tmp_path, "  - {name: 良好, min: 80}\n", "  - {name: 良好, min: 95}\n")
    assert_refused(path, line_of(text, "min: 95"), "grades[1].min", "从高到低")


# ------------------------------------------------------------------ credit modes that do not fit the check


def test_per_item_on_a_field_check(tmp_path: Path) -> None:
    old = 'check: {type: field, sheet: 基本信息, fields: [步行可达时间(分钟)], op: "<=", value: 15}\n'
    path, text = variant(tmp_path, old, old + "        credit: {mode: per_item}\n")
    assert_refused(
        path,
        line_of(text, "credit: {mode: per_item}\n        remediation: 优化布局"),
        "parts[0].clauses[2].credit.mode",
        "per_item",
    )
    assert "field" in lint(path)[0].message


def test_proportional_on_weighted_mean(tmp_path: Path) -> None:
    old = (
        "        credit:\n          mode: tiers\n          tiers:\n            - {min: 90, points: 6}\n"
        "            - {min: 80, points: 3}\n"
    )
    path, text = variant(tmp_path, old, "        credit: {mode: proportional}\n")
    assert_refused(
        path,
        line_of(text, "credit: {mode: proportional}\n        remediation: 针对群众"),
        "parts[3].clauses[0].credit.mode",
        "weighted_mean",
    )


def test_per_unit_on_a_scored_clause(tmp_path: Path) -> None:
    old = '          op: ">="\n          value: 2\n        remediation: 配齐专职'
    path, text = variant(
        tmp_path,
        old,
        old.replace("        remediation", "        credit: {mode: per_unit, per: 1}\n        remediation"),
    )
    assert_refused(
        path,
        line_of(text, "credit: {mode: per_unit, per: 1}\n        remediation: 配齐"),
        "parts[1].clauses[2].credit.mode",
        "per_unit",
    )


def test_veto_on_a_check_that_cannot_pass_or_fail(tmp_path: Path) -> None:
    old = "        kind: veto\n        check: {type: field, sheet: 基本信息, fields: [发现弄虚作假], value: 否}\n"
    new = (
        "        kind: veto\n        check: {type: weighted_mean, sheet: 满意度测评, column: 评价,"
        " weights: {满意: 100}}\n"
    )
    path, text = variant(tmp_path, old, new)
    assert_refused(
        path, line_of(text, "check: {type: weighted_mean"), "parts[5].clauses[0].check", "weighted_mean"
    )


# ------------------------------------------------------------------ every problem at once


def test_lint_reports_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    text = SHIPPED.replace("total: 100\n", "total: 99\n").replace("    points: 35\n", "    points: 36\n")
    path.write_text(text, encoding="utf-8")
    problems = lint(path)
    assert len(problems) == 2
    assert {(p.line, p.path) for p in problems} == {
        (line_of(text, "total: 99"), "total"),
        (line_of(text, "    points: 36"), "parts[1].points"),
    }
    with pytest.raises(StandardError) as info:
        load_standard(path)
    part = next(
        p for p in problems if p.path == "parts[1].points"
    )  # the first found: the part, then the total
    assert str(info.value) == f"标准无效：{part}（另有 1 处问题，运行 audit standard lint 查看）"


# ------------------------------------------------------------------ the command line


def test_cli_lint_shipped_standard() -> None:
    result = CliRunner().invoke(cli, ["standard", "lint", str(STANDARD_2018)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "有效" in result.stdout


def test_cli_lint_broken_standard(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    text = SHIPPED.replace("total: 100\n", "total: 99\n").replace("    points: 35\n", "    points: 36\n")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["standard", "lint", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert f"{path}:{line_of(text, 'total: 99')}: total: 声明总分 99，但各条分值之和为 100" in lines
    assert any(
        line.startswith(f"{path}:{line_of(text, '    points: 36')}: parts[1].points: ") for line in lines
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize("kind", ["missing", "empty", "syntax"])
def test_cli_lint_unreadable_standard(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "bad.yaml"
    if kind == "empty":
        path.write_text("", encoding="utf-8")
    elif kind == "syntax":
        path.write_text("id: [x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["standard", "lint", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}")
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)

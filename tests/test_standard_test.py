"""`audit standard test`: a standard's own tests (``tests:``) run against their workbooks; lint's coverage
warnings; the tests block checked with the standard (auditor/standard/selftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.standard.loader import lint, load_standard
from auditor.standard.problems import Problem
from tests.builders import ROOT, STANDARD_2018
from tests.library_builders import LIBRARY_STANDARD

SAMPLES = ROOT / "samples" / "2018"
SHIPPED = STANDARD_2018.read_text(encoding="utf-8")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def line_of(text: str, snippet: str) -> int:
    assert text.count(snippet) == 1, snippet
    return text[: text.index(snippet)].count("\n") + 1


def shipped_variant(tmp_path: Path, old: str = "", new: str = "") -> tuple[Path, str]:
    """The shipped standard in tmp_path, its tests' workbooks named by absolute paths, one snippet changed."""
    text = SHIPPED.replace("workbook: ../samples/2018/", f"workbook: {SAMPLES}/")
    if old:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "standard.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


SHIPPED_OUTPUT = """\
✓ GM-01  100.0 分  优秀
✓ GM-02  98.9 分  优秀
✓ GM-03  88.2 分  良好
✓ GM-04  77.3 分  合格
✓ GM-05  96.1 分  优秀
✓ GM-06  88.5 分  良好
✓ GM-07  90.0 分  优秀
✓ GM-08  87.7 分  良好
✓ GM-09  98.4 分  不合格
✓ GM-10  70.9 分  合格
✓ GM-11  82.5 分  良好
✓ GM-12  97.9 分  优秀
✓ GM-13  52.2 分  不合格
✓ GM-14  96.2 分  优秀
✓ GM-15  77.0 分  合格
15/15 通过
"""


def test_the_shipped_standard_carries_the_samples_as_its_tests() -> None:
    standard = load_standard(STANDARD_2018)
    assert len(standard.tests) == 15
    assert sorted(Path(t.workbook).name for t in standard.tests) == sorted(
        p.name for p in SAMPLES.glob("*.xlsx")
    )
    assert all(t.others == "pass" and t.score is not None for t in standard.tests)


def test_the_shipped_standard_s_tests_all_hold() -> None:
    assert invoke("standard", "test", str(STANDARD_2018)) == (0, SHIPPED_OUTPUT, "")
    assert invoke("standard", "test") == (0, SHIPPED_OUTPUT, "")  # the shipped standard by default


def test_the_second_standard_s_tests_hold_and_say_what_they_leave_out() -> None:
    code, out, err = invoke("standard", "test", str(LIBRARY_STANDARD))
    assert (code, out) == (
        0,
        "✓ LIB-001  100.0 分  A\n✓ LIB-002  87.5 分  A\n✓ LIB-003  100.0 分  D\n3/3 通过\n",
    )
    assert err == (
        "警告: 没有测试覆盖的条款：L1.3、L1.4、L2.1、L2.2、L2.3、L2.4、L3.1、L3.2、L3.4、L3.5、L3.6"
        "（运行 audit standard lint 查看各条所在行）\n"
    )


def test_a_changed_threshold_fails_the_test_naming_the_clause(tmp_path: Path) -> None:
    """2.8's second tier raised from 80% to 90% of the working days: GM-13 (86%) loses its 2 points there."""
    path, _ = shipped_variant(
        tmp_path, "            - {min: 0.80, points: 2}\n", "            - {min: 0.90, points: 2}\n"
    )
    code, out, err = invoke("standard", "test", str(path))
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[12:14] == [
        "✗ GM-13 得分：预期 52.2，实际 50.2",
        "✗ GM-13 2.8：预期 部分达标 2分，实际 未达标 0分",
    ]
    assert [line for line in lines if line.startswith("✗")] == lines[12:14]
    assert lines[-1] == "14/15 通过"


def test_json_for_ci(tmp_path: Path) -> None:
    path, _ = shipped_variant(
        tmp_path, "            - {min: 0.80, points: 2}\n", "            - {min: 0.90, points: 2}\n"
    )
    code, out, _ = invoke("standard", "test", "--format", "json", str(path))
    assert code == 1
    document = json.loads(out)
    assert (document["standard"], document["passed"], document["total"], document["uncovered"]) == (
        str(path),
        14,
        15,
        [],
    )
    failed = [t for t in document["tests"] if not t["passed"]]
    assert [(t["name"], t["score"], t["grade"], t["error"]) for t in failed] == [
        ("GM-13", 50.2, "不合格", None)
    ]
    assert failed[0]["differences"] == [
        {"what": "score", "message": "得分：预期 52.2，实际 50.2", "expected": 52.2, "actual": 50.2},
        {
            "what": "clause",
            "message": "2.8：预期 部分达标 2分，实际 未达标 0分",
            "clause": "2.8",
            "expected": {"status": "partial", "earned": 2.0},
            "actual": {"status": "fail", "earned": 0.0},
        },
    ]
    assert invoke("standard", "test", "--format", "json", str(STANDARD_2018))[0] == 0


def test_others_pass_catches_a_clause_the_test_does_not_list(tmp_path: Path) -> None:
    """GM-01's test does not list 1.4: with 1.4 asking the opposite, its 2 points are gone all the same."""
    old = "fields: [活动场所向群众无偿开放], value: 是}"
    path, _ = shipped_variant(tmp_path, old, old.replace("是", "否"))
    code, out, _ = invoke("standard", "test", str(path))
    assert code == 1
    assert "✗ GM-01 1.4：预期 达标 2分，实际 未达标 0分" in out.splitlines()


def test_a_grade_and_a_veto_that_differ(tmp_path: Path) -> None:
    path, _ = shipped_variant(
        tmp_path,
        "    score: 98.4\n    grade: 不合格\n    veto: true\n",
        "    score: 98.4\n    grade: 优秀\n    veto: false\n",
    )
    code, out, _ = invoke("standard", "test", str(path))
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("✗")] == [
        "✗ GM-09 等级：预期 优秀，实际 不合格",
        "✗ GM-09 一票否决：预期 否，实际 是",
    ]


def test_a_workbook_that_cannot_be_read_is_exit_2(tmp_path: Path) -> None:
    path, _ = shipped_variant(tmp_path, f"{SAMPLES}/GM-15-高密经济开发区党群服务中心.xlsx", "absent.xlsx")
    code, out, _ = invoke("standard", "test", str(path))
    assert code == 2
    assert "✗ absent.xlsx 无法检查：找不到检查表文件" in out.splitlines()
    assert out.splitlines()[-1] == "14/15 通过"
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    path.write_text(path.read_text("utf-8").replace("absent.xlsx", "broken.xlsx"), "utf-8")
    code, out, _ = invoke("standard", "test", str(path))
    assert code == 2 and "✗ broken.xlsx 无法检查：" in out


def test_a_standard_that_cannot_be_read_is_exit_2(tmp_path: Path) -> None:
    code, out, err = invoke("standard", "test", str(tmp_path / "none.yaml"))
    assert (code, out) == (2, "")
    assert err == f"错误: {tmp_path / 'none.yaml'}: 找不到标准文件\n"


def test_a_standard_without_tests(tmp_path: Path) -> None:
    path = tmp_path / "bare.yaml"
    path.write_text(SHIPPED[: SHIPPED.index("\n# 标准自带的测试")] + "\n", encoding="utf-8")
    assert invoke("standard", "test", str(path)) == (
        0,
        "0/0 通过\n",
        f"警告: {path}: 标准没有测试（tests:）\n",
    )
    code, out, err = invoke("standard", "lint", str(path))
    assert (code, out) == (0, f"{path}: 有效\n")
    assert (
        err
        == f"警告: {path}: 标准没有测试（tests:），改动标准时无法知道它对得分的影响（见 standards/README.md）\n"
    )


# ---------------------------------------------------------------- the tests block, checked with the standard


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        pytest.param(
            '      "2.6": {status: partial, earned: 2.75}\n',
            '      "2.66": {status: partial, earned: 2.75}\n',
            'tests[0].clauses["2.66"]',
            "标准中没有条款“2.66”（是否要写“2.6”？）",
            id="unknown-clause",
        ),
        pytest.param(
            "    score: 100.0\n    grade: 优秀\n",
            "    score: 100.0\n    grade: 优等\n",
            "tests[0].grade",
            "标准中没有等级“优等”（可选：优秀、良好、合格、不合格）",
            id="unknown-grade",
        ),
        pytest.param(
            '      "2.6": {status: partial, earned: 2.75}\n',
            '      "2.6": {status: partial, earned: 3.75}\n',
            'tests[0].clauses["2.6"].earned',
            "预期 3.75 分，超过条款“2.6”的分值 3",
            id="more-than-the-points",
        ),
        pytest.param(
            '      "2.6": {status: partial, earned: 2.75}\n',
            '      "2.6": {status: partly, earned: 2.75}\n',
            'tests[0].clauses["2.6"].status',
            "'partly' 不是可选值之一：pass, partial, fail, missing, not_applicable, waived, error",
            id="unknown-status",
        ),
    ],
)
def test_a_wrong_test_is_a_problem_at_its_line(
    tmp_path: Path, old: str, new: str, where: str, message: str
) -> None:
    path, text = shipped_variant(tmp_path, old, new)
    [problem] = lint(path)
    snippet = new.strip() if "clauses" in where else new.splitlines()[-1].strip()
    assert problem == Problem(str(path), line_of(text, snippet), where, message)


# ---------------------------------------------------------------- coverage, as lint reports it


def test_lint_of_a_standard_whose_tests_cover_every_clause_warns_nothing() -> None:
    assert invoke("standard", "lint", str(STANDARD_2018)) == (0, f"{STANDARD_2018}: 有效\n", "")


def test_lint_warns_about_each_clause_no_test_exercises_at_its_line() -> None:
    code, out, err = invoke("standard", "lint", str(LIBRARY_STANDARD))
    assert (code, out) == (0, f"{LIBRARY_STANDARD}: 有效\n")
    text = LIBRARY_STANDARD.read_text("utf-8")
    lines = err.splitlines()
    assert len(lines) == 11
    assert lines[0] == (
        f"警告: {LIBRARY_STANDARD}:{line_of(text, '      - id: L1.3')}: parts[0].clauses[2]: "
        "条款“L1.3”没有测试覆盖：没有测试写明它的结果，也没有测试的检查表在这里失分"
    )
    assert [line.split("条款“")[1].split("”")[0] for line in lines] == [
        "L1.3", "L1.4", "L2.1", "L2.2", "L2.3", "L2.4", "L3.1", "L3.2", "L3.4", "L3.5", "L3.6"
    ]  # fmt: skip


def test_a_workbook_losing_points_exercises_a_clause_no_test_states(tmp_path: Path) -> None:
    """A test that states only GM-08's score still exercises the clauses where its workbook loses points
    (lint audits the workbook to know): only the others are warned about."""
    path, text = shipped_variant(tmp_path)
    gm08 = f"  - {{workbook: {SAMPLES}/GM-08-朝阳街道南关社区党群服务中心.xlsx, score: 87.7}}\n"
    path.write_text(text[: text.index("tests:\n") + len("tests:\n")] + gm08, "utf-8")
    code, out, err = invoke("standard", "lint", str(path))
    assert (code, out) == (0, f"{path}: 有效\n")
    warned = [line.split("条款“")[1].split("”")[0] for line in err.splitlines()]
    lost_by_gm08 = ["1.2", "2.3", "2.7", "2.8", "3.5", "4.2", "4.4", "B.1"]
    everything = [c.id for c in load_standard(STANDARD_2018).clauses]
    assert warned == [c for c in everything if c not in lost_by_gm08]  # 2.9 does not apply: not exercised

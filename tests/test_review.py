"""Review decisions (复核: 豁免 and 改判, ../shared/spec/cycle.md): reading and refusing a decisions file,
applying it with exact scores, scopes and precedence, expiry, a waived veto, every output, the template."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.cli import cli
from auditor.cycle.decisions import Decision, Decisions, apply_decisions, load_decisions, unknown_scopes
from auditor.engine import AuditOptions, audit_file
from auditor.errors import AuditError
from auditor.result import CenterResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard, round_half_up

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "2018"
GM02 = next(SAMPLES.glob("GM-02-*.xlsx"))  # the spec's worked example: 98.9
GM09 = next(SAMPLES.glob("GM-09-*.xlsx"))  # a veto (弄虚作假) at 98.4
LIBRARY = ROOT / "tests" / "data" / "library-standard.yaml"
LIB002 = ROOT / "tests" / "data" / "library" / "LIB-002.xlsx"  # 87.5: L1.1 6/8, L1.2 0/3, L3.3 3/4

BASE = {"reason": "经现场复核确认", "approver": "张建国", "date": dt.date(2019, 1, 10)}


@cache
def shipped() -> Standard:
    return load_standard(ROOT / "standards" / "dqfwzx-2018.yaml")


@cache
def worked_example() -> CenterResult:
    return audit_file(shipped(), GM02, AuditOptions())


@cache
def library() -> Standard:
    return load_standard(LIBRARY)


def decisions_yaml(tmp: Path, *items: dict[str, Any], name: str = "复核.yaml") -> Path:
    path = tmp / name
    path.write_text(yaml.safe_dump({"decisions": list(items)}, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def audited(
    tmp: Path, workbook: Path, *items: dict[str, Any], standard: Standard | None = None
) -> CenterResult:
    standard = standard or shipped()
    decisions = load_decisions(decisions_yaml(tmp, *items), standard)
    return audit_file(standard, workbook, AuditOptions(decisions=decisions))


def clause(center: CenterResult, clause_id: str) -> Any:
    return next(c for c in center.clauses if c.id == clause_id)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------- applying, exact scores


def test_without_decisions_the_worked_example_is_98_9() -> None:
    center = audit_file(shipped(), GM02, AuditOptions())
    assert (center.score, center.base, center.applicable_max, center.earned) == (
        Decimal("98.9"),
        Decimal("96.9"),
        98,
        95,
    )
    assert center.score_before_review is None and center.decisions == ()


def test_a_waiver_takes_the_clause_out_of_the_denominator(tmp_path: Path) -> None:
    # 3.5 earned 5 of 6: waived, 90 / 92 x 100 = 97.83, + 2 = 99.8
    center = audited(tmp_path, GM02, {"center": "GM-02", "clause": "3.5", "decision": "waive", **BASE})
    assert (center.score, center.base, center.bonus) == (Decimal("99.8"), Decimal("97.8"), Decimal("2.0"))
    assert center.score_before_review == Decimal("98.9")
    assert (center.applicable_max, center.earned) == (92, 90)
    r = clause(center, "3.5")
    assert (r.status, r.earned, r.lost) == ("waived", 0, 0)
    review = [f for f in r.findings if f.kind == "review"]
    assert [(f.message, f.location) for f in review] == [
        ("经复核豁免（理由：经现场复核确认；批准人：张建国，2019-01-10）", "复核.yaml 第2行")
    ]
    [d] = center.decisions
    assert (d.clause, d.decision, d.points, d.approver, d.date, d.expires, d.scope, d.source) == (
        "3.5",
        "waive",
        None,
        "张建国",
        "2019-01-10",
        None,
        "GM-02",
        "复核.yaml 第2行",
    )


def test_an_override_earns_the_decided_points(tmp_path: Path) -> None:
    # 1.1 earned 10 of 12; decided 8: 93 / 98 x 100 = 94.90, + 2 = 96.9
    center = audited(
        tmp_path, GM02, {"center": "GM-02", "clause": "1.1", "decision": "override", "points": 8, **BASE}
    )
    assert (center.score, center.base, center.score_before_review) == (
        Decimal("96.9"),
        Decimal("94.9"),
        Decimal("98.9"),
    )
    r = clause(center, "1.1")
    assert (r.status, r.earned, r.max) == ("partial", 8, 12)
    assert r.findings[-1].kind == "review"
    assert (
        r.findings[-1].message
        == "经复核改判为8分（原10分；理由：经现场复核确认；批准人：张建国，2019-01-10）"
    )
    assert [d.points for d in center.decisions] == [Decimal(8)]


def test_override_status_follows_the_points(tmp_path: Path) -> None:
    full = {"center": "GM-02", "clause": "1.1", "decision": "override", "points": 12, **BASE}
    none = {"center": "GM-02", "clause": "3.5", "decision": "override", "points": 0, **BASE}
    half = {"center": "GM-02", "clause": "1.2", "decision": "override", "points": 1.5, **BASE}
    center = audited(tmp_path, GM02, full, none, half)
    assert [clause(center, i).status for i in ("1.1", "3.5", "1.2")] == ["pass", "fail", "partial"]
    assert clause(center, "1.2").earned == Fraction(3, 2)
    # 1.2 was full (3/3): 95 + 2 (1.1) - 5 (3.5) - 1.5 (1.2) = 90.5; 90.5 / 98 x 100 = 92.35, + 2 = 94.3
    assert (center.earned, center.applicable_max) == (Fraction(181, 2), 98)
    assert (center.score, center.base) == (Decimal("94.3"), Decimal("92.3"))


def test_waiver_and_override_together(tmp_path: Path) -> None:
    # 88 / 92 x 100 = 95.65, + 2 = 97.7
    center = audited(
        tmp_path,
        GM02,
        {"center": "GM-02", "clause": "1.1", "decision": "override", "points": 8, **BASE},
        {"center": "GM-02", "clause": "3.5", "decision": "waive", **BASE},
    )
    assert center.score == Decimal("97.7")
    assert [d.clause for d in center.decisions] == ["1.1", "3.5"]


def test_an_expired_decision_is_not_applied_and_named(tmp_path: Path) -> None:
    # GM-02 was inspected on 2018-12-27; the waiver held until 2018-12-01
    center = audited(
        tmp_path,
        GM02,
        {
            "center": "GM-02",
            "clause": "3.5",
            "decision": "waive",
            **BASE,
            "date": dt.date(2018, 6, 1),
            "expires": dt.date(2018, 12, 1),
        },
    )
    assert center.score == Decimal("98.9")
    assert center.score_before_review is None and center.decisions == ()
    assert clause(center, "3.5").status == "partial"
    assert center.warnings[-1] == (
        "复核.yaml 第2行: 条款3.5的复核决定（豁免）有效期至2018-12-01，早于2018-12-27，已过期，未采用，按原检查结果计分"
    )


def test_a_decision_valid_on_the_inspection_day_applies(tmp_path: Path) -> None:
    center = audited(
        tmp_path,
        GM02,
        {
            "center": "GM-02",
            "clause": "3.5",
            "decision": "waive",
            **BASE,
            "date": dt.date(2018, 6, 1),
            "expires": dt.date(2018, 12, 27),
        },
    )
    assert center.score == Decimal("99.8")


def test_without_an_inspection_date_expiry_is_judged_at_the_end_of_the_year(tmp_path: Path) -> None:
    center = audit_file(shipped(), GM02, AuditOptions())
    nodate = CenterResult(**{**center.__dict__, "date": None})
    item = {"center": "GM-02", "clause": "3.5", "decision": "waive", **BASE, "date": dt.date(2018, 1, 1)}
    late = load_decisions(decisions_yaml(tmp_path, {**item, "expires": dt.date(2018, 12, 30)}), shipped())
    assert apply_decisions(shipped(), nodate, late).decisions == ()
    ok = load_decisions(decisions_yaml(tmp_path, {**item, "expires": dt.date(2018, 12, 31)}), shipped())
    assert apply_decisions(shipped(), nodate, ok).score == Decimal("99.8")


def test_a_waived_veto_no_longer_fails_the_center(tmp_path: Path) -> None:
    before = audit_file(shipped(), GM09, AuditOptions())
    assert (before.grade, before.veto, before.veto_reasons) == ("不合格", True, ("弄虚作假",))
    center = audited(tmp_path, GM09, {"center": "GM-09", "clause": "V.1", "decision": "waive", **BASE})
    assert (center.score, center.grade, center.veto, center.veto_reasons) == (
        Decimal("98.4"),
        "优秀",
        False,
        (),
    )
    assert clause(center, "V.1").status == "waived"
    assert center.score_before_review == Decimal("98.4")


def test_a_veto_cannot_be_overridden(tmp_path: Path) -> None:
    path = decisions_yaml(
        tmp_path, {"center": "GM-09", "clause": "V.1", "decision": "override", "points": 0, **BASE}
    )
    with pytest.raises(AuditError) as caught:
        load_decisions(path, shipped())
    assert (
        str(caught.value)
        == "复核.yaml 第4行: 条款“V.1”是一票否决项，不能改判得分；如确不适用，只能明确“豁免”"
    )


# ---------------------------------------------------------------- scopes and precedence


@cache
def samples() -> tuple[CenterResult, ...]:
    return tuple(audit_file(shipped(), p, AuditOptions()) for p in sorted(SAMPLES.glob("*.xlsx")))


def reviewed(tmp: Path, *items: dict[str, Any]) -> dict[str, CenterResult]:
    decisions = load_decisions(decisions_yaml(tmp, *items), shipped())
    assert unknown_scopes(decisions, samples(), shipped()) == []
    return {c.center_id or "": apply_decisions(shipped(), c, decisions) for c in samples()}


def test_scope_all_centers(tmp_path: Path) -> None:
    out = reviewed(tmp_path, {"center": "*", "clause": "1.1", "decision": "waive", **BASE})
    assert all(clause(c, "1.1").status == "waived" for c in out.values())
    assert len(out) == 15 and all(len(c.decisions) == 1 for c in out.values())
    # GM-02: 1.1 (10/12) out: 85 / 86 x 100 = 98.84, + 2 = 100
    assert out["GM-02"].score == Decimal("100.0")


def test_scope_district_and_type(tmp_path: Path) -> None:
    out = reviewed(
        tmp_path,
        {"center": "district:醴泉街道", "clause": "1.1", "decision": "waive", **BASE},
        {"center": "中心类型:园区", "clause": "1.2", "decision": "waive", **BASE},
    )
    waived_11 = sorted(i for i, c in out.items() if clause(c, "1.1").status == "waived")
    waived_12 = sorted(i for i, c in out.items() if clause(c, "1.2").status == "waived")
    assert waived_11 == ["GM-01", "GM-02", "GM-03", "GM-04", "GM-05"]
    assert waived_12 == ["GM-15"]
    assert out["GM-06"].decisions == () and out["GM-06"].score_before_review is None


def test_the_most_specific_decision_wins(tmp_path: Path) -> None:
    out = reviewed(
        tmp_path,
        {"center": "*", "clause": "1.1", "decision": "override", "points": 1, **BASE},
        {"center": "所属镇街:醴泉街道", "clause": "1.1", "decision": "override", "points": 2, **BASE},
        {"center": "type:社区", "clause": "1.1", "decision": "override", "points": 3, **BASE},
        {"center": "GM-02", "clause": "1.1", "decision": "override", "points": 4, **BASE},
    )
    points = {i: clause(c, "1.1").earned for i, c in out.items()}
    assert points["GM-02"] == 4  # its own
    assert points["GM-03"] == 2  # 醴泉街道 (a 社区 too: the district wins over the type)
    assert points["GM-07"] == 3  # 朝阳街道, a 社区
    assert points["GM-06"] == 1  # 朝阳街道, a 街道: only *
    assert [d.scope for d in out["GM-03"].decisions] == ["所属镇街:醴泉街道"]


def test_an_expired_specific_decision_leaves_the_general_one(tmp_path: Path) -> None:
    out = reviewed(
        tmp_path,
        {"center": "*", "clause": "1.1", "decision": "override", "points": 1, **BASE},
        {
            "center": "GM-02",
            "clause": "1.1",
            "decision": "override",
            "points": 4,
            **BASE,
            "date": dt.date(2018, 1, 1),
            "expires": dt.date(2018, 3, 1),
        },
    )
    assert clause(out["GM-02"], "1.1").earned == 1
    assert (
        out["GM-02"].warnings[-1].startswith("复核.yaml 第9行: 条款1.1的复核决定（改判）有效期至2018-03-01")
    )


def test_two_decisions_of_one_scope_are_refused(tmp_path: Path) -> None:
    item = {"center": "GM-02", "clause": "1.1", "decision": "waive", **BASE}
    with pytest.raises(AuditError) as caught:
        load_decisions(decisions_yaml(tmp_path, item, dict(item)), shipped())
    assert (
        str(caught.value)
        == "复核.yaml 第8行: 与复核.yaml 第2行重复：同一范围“GM-02”的条款“1.1”有两个复核决定"
    )


def test_unknown_scopes_are_named_with_their_rows(tmp_path: Path) -> None:
    decisions = load_decisions(
        decisions_yaml(
            tmp_path,
            {"center": "GM-99", "clause": "1.1", "decision": "waive", **BASE},
            {"center": "district:不存在街道", "clause": "1.1", "decision": "waive", **BASE},
            {"center": "GM-02", "clause": "1.1", "decision": "waive", **BASE},
        ),
        shipped(),
    )
    assert unknown_scopes(decisions, samples(), shipped()) == [
        "复核.yaml 第2行: 本次检查的中心中没有中心编号“GM-99”",
        "复核.yaml 第8行: 本次检查的中心中没有所属镇街为“不存在街道”的中心",
    ]


# ---------------------------------------------------------------- refusals: row or line, exit 2, nothing written

REFUSALS = [
    ({"clause": "9.9"}, "第3行: 标准中没有条款“9.9”"),
    ({"reason": None}, "第2行: 缺少“理由”：每个复核决定须写明理由"),
    ({"approver": " "}, "第6行: 缺少“批准人”：每个复核决定须有批准人"),
    ({"decision": "override", "points": 13}, "第8行: “改判得分”13超出范围：条款“1.1”满分12分（应为0～12）"),
    ({"decision": "override", "points": -1}, "第8行: “改判得分”-1超出范围：条款“1.1”满分12分（应为0～12）"),
    ({"decision": "override"}, "第2行: 改判须填写“改判得分”（0～12分）"),
    ({"date": "去年年底"}, "第7行: 批准日期“去年年底”无法识别，应为日期（如 2018-03-05）"),
    ({"expires": "2019-13-40"}, "第8行: 有效期至“2019-13-40”无法识别，应为日期（如 2018-03-05）"),
    ({"decision": "维持"}, "第4行: “决定”“维持”，应为 豁免 或 改判"),
    ({"decision": None}, "第2行: “决定”未填写，应为 豁免 或 改判"),
    ({"points": 2}, "第8行: 豁免不填“改判得分”（只有改判才填）"),
    ({"expires": dt.date(2019, 1, 9)}, "第8行: “有效期至”2019-01-09早于“批准日期”2019-01-10"),
    ({"center": None}, "第2行: 缺少“中心编号”（中心的编号，或 * 表示全部中心）"),
    ({"center": "district:"}, "第2行: 范围“district:”缺少名称"),
    ({"date": None}, "第2行: 缺少“批准日期”"),
]


@pytest.mark.parametrize(("change", "message"), REFUSALS, ids=[m for _, m in REFUSALS])
def test_a_bad_decision_is_refused_with_its_line(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    item = {"center": "GM-02", "clause": "1.1", "decision": "waive", **BASE, **change}
    item = {k: v for k, v in item.items() if v is not None}
    path = decisions_yaml(tmp_path, item)
    out = tmp_path / "out"
    code, stdout, err = invoke("report", str(GM02), "--waivers", str(path), "-o", str(out), "--jobs", "1")
    assert (code, err) == (2, f"错误: 复核.yaml {message}\n")
    assert not out.exists() and stdout == ""


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=1200))
def test_any_override_within_range_scores_as_the_formula_says(cents: int) -> None:
    points = Decimal(cents) / 100
    decision = Decision(
        "center", "gm-02", "GM-02", "1.1", "override", points, "r", "a", dt.date(2019, 1, 1), None, "f 第2行"
    )
    center = apply_decisions(shipped(), worked_example(), Decisions("f", (decision,)))
    r = clause(center, "1.1")
    assert r.earned == Fraction(points)
    assert r.status == ("pass" if points == 12 else "fail" if points == 0 else "partial")
    earned = 85 + Fraction(points)  # 95 without 1.1's 10
    assert center.earned == earned and center.applicable_max == 98
    assert center.score == round_half_up(min(Fraction(100), earned / 98 * 100 + 2), 1)
    assert center.score_before_review == Decimal("98.9")


def test_a_line_of_a_later_key_is_named(tmp_path: Path) -> None:
    path = decisions_yaml(
        tmp_path,
        {"center": "GM-02", "clause": "1.1", "decision": "waive", **BASE},
        {"center": "GM-02", "clause": "3.5", "decision": "waive", **BASE, "date": "三月"},
    )
    with pytest.raises(AuditError) as caught:
        load_decisions(path, shipped())
    assert str(caught.value) == "复核.yaml 第13行: 批准日期“三月”无法识别，应为日期（如 2018-03-05）"


def test_unknown_center_refuses_report_before_anything_is_written(tmp_path: Path) -> None:
    path = decisions_yaml(tmp_path, {"center": "GM-99", "clause": "1.1", "decision": "waive", **BASE})
    out = tmp_path / "out"
    code, stdout, err = invoke("report", str(GM02), "--waivers", str(path), "-o", str(out), "--jobs", "1")
    assert (code, err) == (2, "错误: 复核.yaml 第2行: 本次检查的中心中没有中心编号“GM-99”\n")
    assert not out.exists() and "已写入" not in stdout


def test_unknown_center_in_check_json_gives_no_document(tmp_path: Path) -> None:
    path = decisions_yaml(tmp_path, {"center": "GM-99", "clause": "1.1", "decision": "waive", **BASE})
    code, stdout, err = invoke("check", str(GM02), "--waivers", str(path), "--format", "json", "--jobs", "1")
    assert (code, stdout) == (2, "")
    assert "复核.yaml 第2行: 本次检查的中心中没有中心编号“GM-99”" in err


def test_a_file_that_is_neither_yaml_nor_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("x", "utf-8")
    code, _, err = invoke("check", str(GM02), "--waivers", str(path), "--jobs", "1")
    assert code == 2 and "复核决定文件应为 .xlsx 或 .yaml" in err


def test_a_decisions_file_that_is_not_there(tmp_path: Path) -> None:
    for name in ("无.yaml", "无.xlsx"):
        code, out, err = invoke("check", str(GM02), "--waivers", str(tmp_path / name), "--jobs", "1")
        assert (code, out, err) == (2, "", f"错误: {tmp_path / name}: 找不到文件\n")


def test_yaml_without_decisions_list(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("other: 1\n", "utf-8")
    code, _, err = invoke("check", str(GM02), "--waivers", str(path), "--jobs", "1")
    assert code == 2 and "应有“decisions:”" in err


# ---------------------------------------------------------------- the .xlsx form and the template


def fill_template(
    tmp: Path, rows: list[list[Any]], standard_args: tuple[str, ...] = (), name: str = "复核登记表.xlsx"
) -> Path:
    import openpyxl

    path = tmp / name
    code, _, err = invoke("template", "--waivers", "-o", str(path), *standard_args)
    assert code == 0, err
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    wb.save(path)
    return path


def test_the_template_has_the_header_and_the_dropdowns(tmp_path: Path) -> None:
    import openpyxl

    path = fill_template(tmp_path, [])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["复核登记表", "填表说明"]
    ws = wb["复核登记表"]
    assert [c.value for c in ws[2]] == [
        "中心编号",
        "条款编号",
        "决定",
        "改判得分",
        "理由",
        "批准人",
        "批准日期",
        "有效期至",
    ]
    rules = {str(d.sqref): (d.type, d.formula1) for d in ws.data_validations.dataValidation}
    assert rules["C3:C202"] == ("list", '"豁免,改判"')
    n = len(shipped().clauses)
    assert rules["B3:B202"] == ("list", f"'填表说明'!$C$2:$C${n + 1}")
    ids = [wb["填表说明"].cell(r, 3).value for r in range(2, n + 2)]
    assert ids == [c.id for c in shipped().clauses]
    assert rules["D3:D202"][0] == "decimal" and rules["G3:H202"][0] == "date"
    assert load_decisions(path, shipped()).items == ()


def test_xlsx_and_yaml_give_the_same_result(tmp_path: Path) -> None:
    xlsx = fill_template(
        tmp_path,
        [
            ["GM-02", "1.1", "改判", 8, "经现场复核确认", "张建国", dt.date(2019, 1, 10), None],
            ["全部", "3.5", "豁免", None, "经现场复核确认", "张建国", "2019年1月10日", dt.date(2019, 12, 31)],
        ],
    )
    yml = decisions_yaml(
        tmp_path,
        {"center": "GM-02", "clause": "1.1", "decision": "override", "points": 8, **BASE},
        {"center": "*", "clause": "3.5", "decision": "waive", **BASE, "expires": dt.date(2019, 12, 31)},
    )
    a = audit_file(shipped(), GM02, AuditOptions(decisions=load_decisions(xlsx, shipped())))
    b = audit_file(shipped(), GM02, AuditOptions(decisions=load_decisions(yml, shipped())))
    assert a.score == b.score == Decimal("97.7")  # as in test_waiver_and_override_together
    assert [c.status for c in a.clauses] == [c.status for c in b.clauses]
    assert [(d.source) for d in a.decisions] == ["复核登记表.xlsx 第3行", "复核登记表.xlsx 第4行"]
    assert [d.scope for d in a.decisions] == ["GM-02", "全部"]
    strip = [(d.clause, d.decision, d.points, d.reason, d.approver, d.date, d.expires) for d in a.decisions]
    assert strip == [
        (d.clause, d.decision, d.points, d.reason, d.approver, d.date, d.expires) for d in b.decisions
    ]


def test_an_xlsx_read_as_a_clerk_fills_it_in(tmp_path: Path) -> None:
    """A 合计 row is not a decision and a 填表人 line under the table ends it (the ledger rules): the two
    decisions above them apply, nothing under the signature line is read."""
    xlsx = fill_template(
        tmp_path,
        [
            ["GM-02", "1.1", "改判", 8, "经现场复核确认", "张建国", dt.date(2019, 1, 10), None],
            ["全部", "3.5", "豁免", None, "经现场复核确认", "张建国", "2019年1月10日", dt.date(2019, 12, 31)],
            ["合计：2项", None, None, None, None, None, None, None],
            [None] * 8,
            ["填表人：李娜    审核人：张建国", None, None, None, None, None, None, None],
            ["GM-02", "9.9", "乱填", None, None, None, None, None],
        ],
    )
    center = audit_file(shipped(), GM02, AuditOptions(decisions=load_decisions(xlsx, shipped())))
    assert center.score == Decimal("97.7")  # as in test_xlsx_and_yaml_give_the_same_result
    assert [d.source for d in center.decisions] == ["复核登记表.xlsx 第3行", "复核登记表.xlsx 第4行"]


def test_an_xlsx_refusal_names_its_row(tmp_path: Path) -> None:
    xlsx = fill_template(
        tmp_path,
        [
            ["GM-02", "1.1", "豁免", None, "经现场复核确认", "张建国", dt.date(2019, 1, 10), None],
            ["GM-02", "3.5", "豁免", None, "经现场复核确认", None, dt.date(2019, 1, 10), None],
        ],
    )
    out = tmp_path / "out"
    code, _, err = invoke("report", str(GM02), "--waivers", str(xlsx), "-o", str(out), "--jobs", "1")
    assert (code, err) == (2, "错误: 复核登记表.xlsx 第4行: 缺少“批准人”：每个复核决定须有批准人\n")
    assert not out.exists()


# ---------------------------------------------------------------- the second standard


def test_the_library_standard_takes_its_own_decisions(tmp_path: Path) -> None:
    before = audit_file(library(), LIB002, AuditOptions())
    assert before.score == Decimal("87.5") and before.applicable_max == 48
    # L1.2 (0/3) waived: 42 / 45 = 93.3; L1.1 decided 8 of 8 on top: 44 / 45 = 97.8
    center = audited(
        tmp_path,
        LIB002,
        {"center": "图书室类别:流动点", "clause": "L1.2", "decision": "waive", **BASE},
        standard=library(),
    )
    assert (center.score, center.score_before_review) == (Decimal("93.3"), Decimal("87.5"))
    both = audited(
        tmp_path,
        LIB002,
        {"center": "所在街区:春晖片区", "clause": "L1.2", "decision": "waive", **BASE},
        {"center": "LIB-002", "clause": "L1.1", "decision": "override", "points": 8, **BASE},
        standard=library(),
    )
    assert both.score == Decimal("97.8")
    assert clause(both, "L1.1").status == "pass"


def test_the_library_template_names_its_own_columns(tmp_path: Path) -> None:
    import openpyxl

    path = fill_template(tmp_path, [], ("--standard", str(LIBRARY)))
    header = [c.value for c in openpyxl.load_workbook(path).worksheets[0][2]]
    assert header[:2] == ["图书室编号", "条款"]
    xlsx = fill_template(
        tmp_path,
        [["LIB-002", "L1.2", "豁免", None, "馆舍改造", "王芳", dt.date(2022, 1, 5), None]],
        ("--standard", str(LIBRARY)),
        "图书室复核.xlsx",
    )
    center = audit_file(library(), LIB002, AuditOptions(decisions=load_decisions(xlsx, library())))
    assert center.score == Decimal("93.3")


def test_a_yaml_decision_may_be_keyed_by_the_sheets_column_labels(tmp_path: Path) -> None:
    # the same two decisions as test_the_library_standard_takes_its_own_decisions, keyed as the sheet is
    labelled = audited(
        tmp_path,
        LIB002,
        {
            "图书室编号": "所在街区:春晖片区",
            "条款": "L1.2",
            "决定": "豁免",
            "理由": "馆舍改造",
            "批准人": "王芳",
            "批准日期": dt.date(2019, 1, 10),
        },
        {
            "图书室编号": "LIB-002",
            "条款": "L1.1",
            "决定": "改判",
            "改判得分": 8,
            "理由": "馆舍改造",
            "批准人": "王芳",
            "批准日期": dt.date(2019, 1, 10),
            "有效期至": dt.date(2030, 12, 31),
        },
        standard=library(),
    )
    assert labelled.score == Decimal("97.8") and clause(labelled, "L1.1").status == "pass"
    assert [(d.clause, d.decision, d.points, d.scope, d.expires, d.source) for d in labelled.decisions] == [
        ("L1.1", "override", Decimal(8), "LIB-002", "2030-12-31", "复核.yaml 第8行"),
        ("L1.2", "waive", None, "所在街区:春晖片区", None, "复核.yaml 第2行"),
    ]  # in the standard's clause order
    # the shipped standard's labels, a number typed as the clause (YAML reads 3.50 as 3.5) kept as typed
    path = tmp_path / "中文键.yaml"
    path.write_text(
        "decisions:\n  - {中心编号: GM-02, 条款编号: 3.5, 决定: 豁免, 理由: 改造, 批准人: 张建国, 批准日期: 2019-01-10}\n",
        "utf-8",
    )
    center = audit_file(shipped(), GM02, AuditOptions(decisions=load_decisions(path, shipped())))
    assert (center.score, clause(center, "3.5").status) == (Decimal("99.8"), "waived")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"中心编号": "GM-02", "center": "GM-02"}, "第2行: “中心编号”与“center”是同一项，只能写一次"),
        (
            {"中心名称": "GM-02"},
            "第2行: 未知的键“中心名称”（可用：center（中心编号）、clause（条款编号）、decision（决定）、"
            "points（改判得分）、reason（理由）、approver（批准人）、date（批准日期）、expires（有效期至））",
        ),
    ],
)
def test_a_yaml_key_that_names_no_column_or_one_twice_is_refused(
    tmp_path: Path, item: dict[str, Any], message: str
) -> None:
    path = decisions_yaml(tmp_path, {**item, "clause": "1.1", "decision": "waive", **BASE})
    code, stdout, err = invoke("check", str(GM02), "--waivers", str(path))
    assert (code, err, stdout) == (2, f"错误: {path} {message}\n", "")


# ---------------------------------------------------------------- outputs


def test_check_terminal_shows_both_scores_and_the_decisions(tmp_path: Path) -> None:
    path = decisions_yaml(
        tmp_path,
        {"center": "GM-02", "clause": "3.5", "decision": "waive", **BASE},
        {"center": "GM-09", "clause": "V.1", "decision": "waive", **BASE},
    )
    code, out, err = invoke("check", str(GM02), str(GM09), "--waivers", str(path), "--jobs", "1")
    assert code == 0, err
    assert "醴泉街道凤城社区党群服务中心（GM-02，社区，醴泉街道）  复核后99.8分（原始98.9）  优秀" in out
    assert "复核 3.5 支部生活日每月开展 豁免：经现场复核确认（批准人 张建国，2019-01-10）" in out
    assert "98.4 分  优秀  一票否决经复核豁免：弄虚作假" in out


def test_json_carries_both_scores_and_reads_back(tmp_path: Path) -> None:
    from auditor.output.json_in import read_document
    from auditor.output.json_out import document, dumps

    path = decisions_yaml(
        tmp_path,
        {
            "center": "GM-02",
            "clause": "1.1",
            "decision": "override",
            "points": 8,
            **BASE,
            "expires": dt.date(2019, 12, 31),
        },
    )
    code, out, _ = invoke("check", str(GM02), "--waivers", str(path), "--format", "json", "--jobs", "1")
    assert code == 0
    doc = json.loads(out)
    [center] = doc["centers"]
    assert (center["score"], center["score_before_review"]) == (96.9, 98.9)
    assert center["decisions"] == [
        {
            "clause": "1.1",
            "decision": "override",
            "points": 8.0,
            "reason": "经现场复核确认",
            "approver": "张建国",
            "date": "2019-01-10",
            "expires": "2019-12-31",
            "scope": "GM-02",
            "source": "复核.yaml 第2行",
        }
    ]
    findings = next(c for c in center["clauses"] if c["id"] == "1.1")["findings"]
    assert findings[-1]["kind"] == "review"
    back = read_document(doc, shipped())
    assert back.centers[0].score_before_review == Decimal("98.9")
    assert back.centers[0].decisions[0].points == Decimal("8.0")
    assert dumps(document(shipped(), back.centers, back.errors, back.year)) == out


def test_json_without_decisions_has_no_review_keys() -> None:
    code, out, _ = invoke("check", str(GM02), "--format", "json", "--jobs", "1")
    assert code == 0
    center = json.loads(out)["centers"][0]
    assert "score_before_review" not in center and "decisions" not in center


def test_report_shows_both_scores_and_a_review_sheet(tmp_path: Path) -> None:
    import openpyxl

    path = decisions_yaml(
        tmp_path,
        {"center": "GM-02", "clause": "3.5", "decision": "waive", **BASE},
        {"center": "GM-02", "clause": "1.1", "decision": "override", "points": 8, **BASE},
        {"center": "GM-09", "clause": "V.1", "decision": "waive", **BASE},
    )
    out = tmp_path / "out"
    code, stdout, err = invoke(
        "report", str(GM02), str(GM09), "--waivers", str(path), "-o", str(out), "--jobs", "1", "--html"
    )
    assert code == 0, err
    assert "GM-02 醴泉街道凤城社区党群服务中心 复核后97.7（原始98.9） 优秀" in stdout
    wb = openpyxl.load_workbook(next(out.glob("GM-02-*.xlsx")))
    assert wb.sheetnames[-1] == "复核记录"
    cover = {r[0]: r[1] for r in wb["封面"].iter_rows(values_only=True) if r[0]}
    assert (cover["复核后得分"], cover["原始得分"]) == (97.7, 98.9)
    total = next(r for r in wb["评分表"].iter_rows(values_only=True) if r[0] == "合计")
    assert total[6] == 97.7
    assert "原始得分 98.9，复核后得分 97.7（复核决定2项，见“复核记录”表）" in str(total[1])
    rows = list(wb["复核记录"].iter_rows(min_row=3, values_only=True))
    assert rows[0] == (
        "序号",
        "条款",
        "决定",
        "改判得分",
        "理由",
        "批准人",
        "批准日期",
        "有效期至",
        "登记位置",
    )
    assert rows[1] == (
        1,
        '1.1 外观标识"六统一"',
        "改判",
        8,
        "经现场复核确认",
        "张建国",
        "2019-01-10",
        None,
        "复核.yaml 第8行",
    )
    assert rows[2][1:3] == ("3.5 支部生活日每月开展", "豁免")
    # 整改清单: a waived clause is no item
    items = [r[1] for r in wb["整改清单"].iter_rows(min_row=4, values_only=True) if r[1]]
    assert not any(str(i).startswith("3.5") for i in items)
    assert any(str(i).startswith("1.1") for i in items)
    veto_wb = openpyxl.load_workbook(next(out.glob("GM-09-*.xlsx")))
    cover_ws = veto_wb["封面"]
    cell = next(r[1] for r in cover_ws.iter_rows() if r[0].value == "一票否决")
    assert cell.value == "一票否决经复核豁免：弄虚作假" and cell.font.color.rgb == "00C00000"
    summary = openpyxl.load_workbook(out / "汇总-2018.xlsx").worksheets[0]
    header = next(r for r in summary.iter_rows(values_only=True) if r[0] == "排名")
    assert header[-1] == "复核"
    counts = {r[1]: r[8] for r in summary.iter_rows(values_only=True) if r[1] in ("GM-02", "GM-09")}
    assert counts == {"GM-02": 2, "GM-09": 1}
    page = next((out / "html").glob("GM-02-*.html")).read_text("utf-8")
    assert "原始得分 98.9　复核后得分 97.7" in page and "<h2>复核记录</h2>" in page
    veto_page = next((out / "html").glob("GM-09-*.html")).read_text("utf-8")
    assert '<p class="veto">一票否决经复核豁免：弄虚作假</p>' in veto_page
    index = (out / "html" / "index.html").read_text("utf-8")
    assert (
        "<th>复核</th>" in index
        and '<td class="veto" data-label="一票否决">一票否决经复核豁免：弄虚作假</td>' in index
    )


def test_report_without_decisions_has_no_review_sheet(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "out"
    code, _, _ = invoke("report", str(GM02), "-o", str(out), "--jobs", "1", "--html")
    assert code == 0
    assert "<th>复核</th>" not in (out / "html" / "index.html").read_text("utf-8")
    assert "复核记录" not in openpyxl.load_workbook(next(out.glob("GM-02-*.xlsx"))).sheetnames
    header = next(
        r
        for r in openpyxl.load_workbook(out / "汇总-2018.xlsx").worksheets[0].iter_rows(values_only=True)
        if r[0] == "排名"
    )
    assert "复核" not in header


def test_decisions_survive_the_batch_workers(tmp_path: Path) -> None:
    from auditor.batch import audit_many

    decisions = load_decisions(
        decisions_yaml(tmp_path, {"center": "*", "clause": "3.5", "decision": "waive", **BASE}), shipped()
    )
    assert isinstance(decisions, Decisions)
    results = list(audit_many(shipped(), [GM02, GM09], AuditOptions(decisions=decisions), jobs=2))
    assert [r.score for r in results if isinstance(r, CenterResult)] == [
        Decimal("99.8"),
        Decimal("98.3"),
    ]  # GM-09: 3.5 (6/6) out, 89.5 / 92 + 1


def test_the_review_sheet_prints_like_the_other_sheets(tmp_path: Path) -> None:
    import openpyxl

    from tests.test_report_print import header_of, table_rows

    path = decisions_yaml(
        tmp_path,
        {"center": "GM-09", "clause": "V.1", "decision": "waive", **BASE},
        {"center": "GM-09", "clause": "1.1", "decision": "override", "points": 12, **BASE},
    )
    out = tmp_path / "out"
    code, _, err = invoke("report", str(GM09), "--waivers", str(path), "-o", str(out), "--jobs", "1")
    assert code == 0, err
    wb = openpyxl.load_workbook(next(out.glob("GM-09-*.xlsx")))
    ws = wb["复核记录"]
    assert header_of(ws) == "朝阳街道凤凰社区党群服务中心 · 2018年度验收"
    footer = str(ws.oddFooter.center.text)  # type: ignore[union-attr]
    assert "&P" in footer and "&N" in footer
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, "landscape")
    head, last = table_rows(ws, "序号")
    assert (head, last) == (3, 6)  # two decisions, then the line with both scores
    for r in range(head, last + 1):
        for c in range(1, 10):
            assert ws.cell(r, c).border.left.style == "thin" or ws.cell(r, c).coordinate in ws.merged_cells
    assert ws.auto_filter.ref == "A3:I5" and ws.print_title_rows == "$3:$3"
    assert {c.font.name for row in ws.iter_rows() for c in row if c.value is not None} <= {"宋体", "黑体"}
    assert {c.font.charset for row in ws.iter_rows() for c in row if c.value is not None} == {134}
    veto_row = next(row for row in ws.iter_rows(min_row=4) if row[1].value == "V.1 弄虚作假")
    assert all(c.font.color is not None and c.font.color.rgb == "00C00000" for c in veto_row[1:])
    other = next(row for row in ws.iter_rows(min_row=4) if str(row[1].value).startswith("1.1"))
    assert other[1].font.color is None or other[1].font.color.rgb != "00C00000"
    status = next(row for row in wb["评分表"].iter_rows() if row[0].value == "V.1")[7]
    assert status.value == "豁免" and status.font.color.rgb == "00C00000"


def test_an_unquoted_clause_id_is_read_as_typed(tmp_path: Path) -> None:
    # YAML reads 3.50 as the number 3.5: the id as typed is what is looked up, never a different clause
    path = tmp_path / "d.yaml"
    path.write_text(
        "decisions:\n"
        "  - center: GM-02\n    clause: 1.1\n    decision: waive\n    reason: x\n    approver: y\n    date: 2019-01-10\n"
        "  - {center: GM-02, clause: 3.50, decision: waive, reason: x, approver: y, date: 2019-01-10}\n",
        "utf-8",
    )
    with pytest.raises(AuditError) as caught:
        load_decisions(path, shipped())
    assert str(caught.value) == "d.yaml 第8行: 标准中没有条款“3.50”"
    path.write_text(path.read_text("utf-8").replace("3.50", "3.5"), "utf-8")
    assert [d.clause for d in load_decisions(path, shipped()).items] == ["1.1", "3.5"]

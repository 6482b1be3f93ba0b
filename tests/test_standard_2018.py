"""The shipped 2018 standard, clause by clause, on workbooks built in tmp_path: exact points and statuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from auditor.calendar import working_days
from auditor.engine import audit_file
from auditor.result import CenterResult, ClauseResult
from auditor.standard.model import Calendar, Standard
from tests.builders import Sheets, drop_rows, full_center, set_field, write_workbook


def run(std: Standard, tmp: Path, sheets: Sheets, year: int | None = None) -> CenterResult:
    return audit_file(std, write_workbook(tmp / "c.xlsx", sheets), year)


def clause(result: CenterResult, cid: str) -> ClauseResult:
    return next(c for c in result.clauses if c.id == cid)


def not_passing(result: CenterResult) -> dict[str, tuple[str, Fraction]]:
    return {
        c.id: (c.status, c.earned)
        for c in result.clauses
        if c.status not in ("pass", "not_applicable") and c.kind != "bonus"
    }


def test_full_center_scores_100(std2018: Standard, tmp: Path) -> None:
    result = run(std2018, tmp, full_center())
    assert result.score == Decimal("100.0")
    assert result.grade == "优秀"
    assert not_passing(result) == {}
    assert clause(result, "2.9").status == "not_applicable"
    assert result.applicable_max == 98
    assert [c.id for c in result.clauses] == [
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
    assert result.warnings == ()


def test_worked_example_is_98_9(std2018: Standard, tmp: Path) -> None:
    sheets = full_center(featured=2)
    drop_rows(sheets, "外观标识", lambda r: r[0] == "门牌外观")
    drop_rows(sheets, "活动记录", lambda r: r[1] == "支部生活日" and r[0].month in (4, 8))
    result = run(std2018, tmp, sheets)
    assert (result.score, result.base, result.bonus, result.grade) == (
        Decimal("98.9"),
        Decimal("96.9"),
        Decimal("2.0"),
        "优秀",
    )
    assert result.earned == 95 and result.applicable_max == 98
    c11 = clause(result, "1.1")
    assert (c11.status, c11.earned) == ("partial", 10)
    assert [(f.message, f.location) for f in c11.findings] == [("门牌外观：缺少记录", "外观标识!A1")]
    c35 = clause(result, "3.5")
    assert (c35.status, c35.earned) == ("partial", 5)
    assert [f.message for f in c35.findings] == [
        "2018年4月无活动类型=支部生活日记录",
        "2018年8月无活动类型=支部生活日记录",
    ]
    assert (clause(result, "B.1").status, clause(result, "B.1").earned) == ("partial", 2)


def test_street_center_applies_2_9(std2018: Standard, tmp: Path) -> None:
    sheets = full_center(kind="街道")
    assert run(std2018, tmp, sheets).applicable_max == 100
    set_field(sheets, "下沉社区工作人员数", 19)  # 19/40 < 50%
    result = run(std2018, tmp, sheets)
    c = clause(result, "2.9")
    assert (c.status, c.earned, c.findings[0].location) == ("fail", 0, "基本信息!B13")
    assert result.score == Decimal("98.0")


@pytest.mark.parametrize(
    ("fin", "fee", "status", "earned"),
    [
        (None, 2, "pass", 3),
        (0, None, "fail", 0),
        (None, None, "missing", 0),
        (0, 0, "fail", 0),
        ("两三万", 1, "error", 3),  # two or three: no number
        ("两万", None, "pass", 3),  # 2万 in Chinese numerals
    ],
)
def test_1_2_either_fund(
    std2018: Standard, tmp: Path, fin: object, fee: object, status: str, earned: int
) -> None:
    sheets = full_center()
    set_field(sheets, "财政列支经费(万元)", fin)
    set_field(sheets, "党费补助经费(万元)", fee)
    c = clause(run(std2018, tmp, sheets), "1.2")
    assert (c.status, c.earned) == (status, earned)


def test_unreadable_number_is_error_naming_cell(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    set_field(sheets, "步行可达时间(分钟)", "一刻钟")
    c = clause(run(std2018, tmp, sheets), "1.3")
    assert (c.status, c.earned) == ("error", 0)
    assert [(f.kind, f.location) for f in c.findings] == [("error", "基本信息!B10")]
    assert "一刻钟" in c.findings[0].message


def test_1_1_blank_and_no_answers(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    sheets["外观标识"][1][1] = None  # 党徽标识 blank
    sheets["外观标识"][2][1] = "×"  # 党旗规格 no
    c = clause(run(std2018, tmp, sheets), "1.1")
    assert (c.status, c.earned) == ("partial", 8)
    assert [(f.message, f.location) for f in c.findings] == [
        ("党徽标识：是否达标未填写", "外观标识!B2"),
        ("党旗规格：是否达标为×，要求为是", "外观标识!B3"),
    ]


def test_missing_sheet_is_missing_only_where_needed(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    del sheets["人员岗位"]
    result = run(std2018, tmp, sheets)
    assert {cid: s for cid, (s, _) in not_passing(result).items()} == {
        "2.3": "missing",
        "2.4": "missing",
        "2.5": "missing",
        "2.6": "missing",
        "V.2": "missing",
    }
    assert result.veto is False
    assert result.earned == 98 - 10


def test_staff_rules_and_veto(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    for row in sheets["人员岗位"][1:]:
        row[2] = "兼职"
    result = run(std2018, tmp, sheets)
    assert result.veto and result.grade == "不合格"
    assert result.veto_reasons == ("未配备专职工作人员",)
    assert clause(result, "V.2").status == "fail"
    assert (clause(result, "2.3").status, result.score) == ("fail", Decimal("96.9"))  # 95/98


def test_fraud_veto_and_unreadable_veto(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    set_field(sheets, "发现弄虚作假", "√")
    result = run(std2018, tmp, sheets)
    assert (result.score, result.grade, result.veto) == (Decimal("100.0"), "不合格", True)
    set_field(sheets, "发现弄虚作假", "说不清")
    result = run(std2018, tmp, sheets)
    assert (clause(result, "V.1").status, result.veto, result.grade) == ("error", False, "优秀")
    set_field(sheets, "发现弄虚作假", None)
    assert clause(run(std2018, tmp, sheets), "V.1").status == "missing"


def test_2_5_posts_and_2_6_training_share(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    sheets["人员岗位"][6][1] = "主任"  # 综合事务管理岗 uncovered
    sheets["人员岗位"][1][3] = "否"
    sheets["人员岗位"][2][3] = None  # blank counts as not trained
    result = run(std2018, tmp, sheets)
    assert (clause(result, "2.5").status, clause(result, "2.5").earned) == ("partial", Fraction(5, 2))
    c26 = clause(result, "2.6")
    assert (c26.status, c26.earned) == ("partial", 2)  # 3 x 4/6
    sheets["人员岗位"][3][3] = "否"  # 3/6 -> 1.5 ; 7 rows: check rounding with 7
    sheets["人员岗位"].append(["员工7", "主任", "兼职", "是", None])  # 4/7 trained -> 3*4/7 = 1.714.. -> 1.71
    assert clause(run(std2018, tmp, sheets), "2.6").earned == Fraction("1.71")


@pytest.mark.parametrize(("covered", "points"), [(250, 4), (238, 4), (237, 2), (200, 2), (199, 0)])
def test_2_8_duty_tiers(std2018: Standard, tmp: Path, covered: int, points: int) -> None:
    # 2018 has 250 official working days; 95% = 237.5, 80% = 200
    sheets = full_center()
    days = list(working_days(Calendar(official=True), 2018)[0])[:covered]
    sheets["值班记录"] = [["日期", "值班人"], *([d, "值班员"] for d in days), [dt.date(2017, 5, 5), "旧"]]
    assert clause(run(std2018, tmp, sheets), "2.8").earned == points


def test_2_8_needs_a_duty_person(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    for row in sheets["值班记录"][1:40]:
        row[1] = None
    # Monday to Friday cover 244 of the 250 working days; the first 39 rows hold 33 of them: 211/250 = 84.4%
    assert clause(run(std2018, tmp, sheets), "2.8").earned == 2


def test_3_1_basic_services_and_bonus(std2018: Standard, tmp: Path) -> None:
    sheets = full_center(featured=5)
    sheets["服务事项"][1][2] = 0
    sheets["服务事项"][2][1] = "特色"  # no longer a 基本 row: missing record
    result = run(std2018, tmp, sheets)
    c = clause(result, "3.1")
    assert (c.status, c.earned) == ("partial", 10)
    assert [f.message for f in c.findings] == [
        "党员教育管理：年度开展次数为0，要求不少于1",
        "党员学习活动：缺少记录",
    ]
    b = clause(result, "B.1")
    assert (b.status, b.earned, b.max) == ("pass", 3, 3)  # 6 featured, capped at 3


def test_3_3_and_3_4_service_ledger(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    sheets["服务台账"][3][4] = None
    sheets["服务台账"][7][4] = "  "
    for row in sheets["服务台账"][1:3]:
        row[5] = None  # 18/20 = 90% closed -> 2
    result = run(std2018, tmp, sheets)
    c33 = clause(result, "3.3")
    assert (c33.status, c33.earned) == ("fail", 0)
    assert [(f.message, f.location) for f in c33.findings] == [
        ("第4、8行首问责任人未填写（2/20条）", "服务台账!E4")
    ]
    assert clause(result, "3.4").earned == 2
    drop_rows(sheets, "服务台账", lambda r: True)
    result = run(std2018, tmp, sheets)
    assert (clause(result, "3.3").status, clause(result, "3.4").status) == ("missing", "missing")


def test_activity_sheet_present_without_rows_is_fail(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    drop_rows(sheets, "活动记录", lambda r: True)
    drop_rows(sheets, "督查记录", lambda r: True)
    result = run(std2018, tmp, sheets)
    assert {k: v for k, v in not_passing(result).items()} == {
        "3.5": ("fail", 0),
        "3.6": ("fail", 0),
        "4.2": ("fail", 0),
        "4.3": ("fail", 0),
    }
    del sheets["活动记录"]
    assert clause(run(std2018, tmp, sheets), "3.5").status == "missing"


def test_rows_of_other_years_are_ignored(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    for row in sheets["活动记录"][1:]:
        row[0] = row[0].replace(year=2017)
    result = run(std2018, tmp, sheets)
    assert (clause(result, "3.5").earned, clause(result, "3.6").earned) == (0, 0)
    result = run(std2018, tmp, sheets, year=2017)  # --year overrides 检查年度, with a warning
    assert (clause(result, "3.5").earned, clause(result, "3.6").earned) == (6, 2)
    assert result.year == 2017
    assert "检查年度为2018，按 --year 2017 检查" in result.warnings


def test_4_2_and_4_3_deductions(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    drop_rows(
        sheets,
        "督查记录",
        lambda r: (r[1] == "月指导" and r[0].month <= 5) or (r[1] == "季督查" and r[0].month == 8),
    )
    result = run(std2018, tmp, sheets)
    assert clause(result, "4.2").earned == Fraction(7, 4)  # 3 - 5 x 0.25
    assert clause(result, "4.3").earned == Fraction(3, 2)
    assert [f.message for f in clause(result, "4.3").findings] == ["2018年第3季度无类型=季督查记录"]


@pytest.mark.parametrize(
    ("answers", "status", "points"),
    [
        ({"满意": 30}, "pass", 6),
        ({"满意": 20, "基本满意": 10, "不了解": 50}, "pass", 6),  # (2000 + 750) / 30 = 91.67, 不了解 left out
        ({"满意": 10, "基本满意": 20}, "partial", 3),  # (1000 + 1500) / 30 = 83.3
        ({"满意": 10, "不满意": 20}, "fail", 0),  # (1000 + 1100) / 30 = 70
        ({"满意": 29, "不了解": 40}, "missing", 0),  # 29 counted answers < 30
    ],
)
def test_4_1_satisfaction(
    std2018: Standard, tmp: Path, answers: dict[str, int], status: str, points: int
) -> None:
    sheets = full_center()
    rows = [[f"Q{i}", a] for i, a in enumerate(a for a, n in answers.items() for _ in range(n))]
    sheets["满意度测评"] = [["问卷编号", "评价"], *rows]
    c = clause(run(std2018, tmp, sheets), "4.1")
    assert (c.status, c.earned) == (status, points)


def test_satisfaction_index_exactly_90_and_80(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    # 60 满意 + 40 基本满意 -> (6000 + 3000) / 100 = 90.0 exactly
    sheets["满意度测评"] = [
        ["问卷编号", "评价"],
        *[[i, "满意"] for i in range(60)],
        *[[i, "基本满意"] for i in range(40)],
    ]
    assert clause(run(std2018, tmp, sheets), "4.1").earned == 6
    # 20 满意 + 80 基本满意 -> (2000 + 6000) / 100 = 80.0 exactly
    sheets["满意度测评"] = [
        ["问卷编号", "评价"],
        *[[i, "满意"] for i in range(20)],
        *[[i, "基本满意"] for i in range(80)],
    ]
    assert clause(run(std2018, tmp, sheets), "4.1").earned == 3


def test_unknown_enum_value_is_error(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    sheets["人员岗位"][4][2] = "临时工"
    result = run(std2018, tmp, sheets)
    for cid in ("2.3", "2.4", "V.2"):
        c = clause(result, cid)
        assert c.status == "error"
        assert [(f.kind, f.location) for f in c.findings if f.kind == "error"] == [("error", "人员岗位!C5")]
    assert clause(result, "2.3").earned == 3  # readable evidence still earns: 3 专职 remain
    assert result.veto is False


def test_pii_never_in_findings(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    sheets["服务台账"].append([dt.date(2018, 3, 3), "咨询", "张秘密", "13912345678", None, "昨天", "无"])
    result = run(std2018, tmp, sheets)
    text = repr(result)
    assert "张秘密" not in text and "13912345678" not in text
    c34 = clause(result, "3.4")
    assert any(
        f.kind == "error" and f.location == "服务台账!F22" and "昨天" in f.message for f in c34.findings
    )


def test_self_assessment_read(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    sheets["自评得分"] = [["条款编号", "自评分"], ["1.1", 12], ["2.8", "4分"]]
    result = run(std2018, tmp, sheets)
    assert clause(result, "1.1").self_score == Decimal(12)
    assert clause(result, "2.8").self_score == Decimal(4)
    assert clause(result, "1.2").self_score is None


def test_year_missing_makes_period_clauses_missing(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    set_field(sheets, "检查年度", None)
    set_field(sheets, "检查日期", None)
    result = run(std2018, tmp, sheets)
    assert {k: s for k, (s, _) in not_passing(result).items()} == {
        "2.8": "missing",
        "3.5": "missing",
        "3.6": "missing",
        "4.2": "missing",
        "4.3": "missing",
    }
    assert result.year is None


def test_items_typed_under_other_names_are_fail_not_missing(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    for i, row in enumerate(sheets["外观标识"][1:], 1):
        row[0] = f"标识{i}"  # no listed item in it (an item with a prefix or a suffix would match it)
    c = clause(run(std2018, tmp, sheets), "1.1")
    assert (c.status, c.earned, len(c.findings)) == ("fail", 0, 7)
    assert c.findings[0].message == "党徽标识：缺少记录"
    assert (c.findings[6].kind, c.findings[6].code, c.findings[6].location) == (
        "note",
        "unmatched",
        "外观标识!A2",
    )
    assert c.findings[6].message == "以下行的项目不对应任何所列条目，未计入：" + "、".join(
        f"外观标识!A{i + 1} “标识{i}”" for i in range(1, 7)
    )
    drop_rows(sheets, "外观标识", lambda r: True)
    assert clause(run(std2018, tmp, sheets), "1.1").status == "missing"


def test_items_listed_but_unanswered_are_missing(std2018: Standard, tmp: Path) -> None:
    sheets = full_center()
    for row in sheets["外观标识"][1:]:
        row[1] = None
    c = clause(run(std2018, tmp, sheets), "1.1")
    assert (c.status, c.earned) == ("missing", 0)
    sheets["外观标识"][1][1] = "是"
    c = clause(run(std2018, tmp, sheets), "1.1")
    assert (c.status, c.earned, len(c.findings)) == ("partial", 2, 5)

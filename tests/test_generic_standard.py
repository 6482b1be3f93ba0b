"""A second, made-up standard (社区图书室, tests/data/library-standard.yaml) run end to end.

Nothing here touches the shipped 2018 standard: other sheets, labels, clause ids, total (50),
grades (A>=85, B>=70, C>=50, D) and yes/no words (达标/具备, 未达标/欠缺). Every scenario is
audited twice - through the Python API and through ``audit check --format json`` - and both
must give the exact expected numbers, statuses and finding locations.

Scoring (shared/spec/standard-2018.md, "Scoring model"): base = earned / applicable max x 100,
final = min(100, base + bonus) rounded half up to one decimal, grade from the rounded final,
a failed veto clause sets grade D whatever the score.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from auditor.cli import cli
from auditor.engine import audit_file
from auditor.result import CenterResult
from auditor.standard.loader import lint, load_standard
from auditor.standard.model import Standard
from auditor.workbook.reader import read_workbook
from tests.builders import Sheets
from tests.library_builders import (
    FIELDS,
    LIBRARY_STANDARD,
    READER_NAMES,
    READER_PHONES,
    YEAR,
    field_cell,
    open_days,
    perfect_library,
    set_field,
    write,
)
from tests.test_engine_is_generic import SHIPPED, cjk_words

CLAUSES = [
    "L1.1",
    "L1.2",
    "L1.3",
    "L1.4",
    "L1.5",
    "L2.1",
    "L2.2",
    "L2.3",
    "L2.4",
    "L3.1",
    "L3.2",
    "L3.3",
    "L3.4",
    "L3.5",
    "L3.6",
    "LB.1",
    "LV.1",
]
MAX = {
    "L1.1": "8",
    "L1.2": "3",
    "L1.3": "2",
    "L1.4": "1",
    "L1.5": "2",
    "L2.1": "3",
    "L2.2": "3",
    "L2.3": "4",
    "L2.4": "4",
    "L3.1": "2",
    "L3.2": "3",
    "L3.3": "4",
    "L3.4": "3",
    "L3.5": "2",
    "L3.6": "6",
    "LB.1": "2",
    "LV.1": "0",
}
NOTE_L36 = ("note", "读者评议!B1")  # weighted_mean always notes its sample and index


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(LIBRARY_STANDARD)


# ---------------------------------------------------------------- expectations


@dataclass
class Expected:
    score: str
    base: str
    bonus: str
    grade: str
    veto: bool = False
    veto_reasons: tuple[str, ...] = ()
    earned: str = "50"  # scored points earned (exact)
    applicable_max: str = "50"
    # clause id -> (status, earned, [(finding kind, location), ...]); unlisted clauses: pass, full points
    clauses: dict[str, tuple[str, str, list[tuple[str, str]]]] = field(default_factory=dict)
    warnings: int = 0

    def clause(self, cid: str) -> tuple[str, str, list[tuple[str, str]]]:
        if cid in self.clauses:
            return self.clauses[cid]
        return "pass", MAX[cid], [NOTE_L36] if cid == "L3.6" else []


def frac(text: str) -> Fraction:
    return Fraction(Decimal(text))


def check_api(result: CenterResult, exp: Expected) -> None:
    assert (result.score, result.base, result.bonus) == (
        Decimal(exp.score),
        Decimal(exp.base),
        Decimal(exp.bonus),
    )
    assert (result.grade, result.veto, result.veto_reasons) == (exp.grade, exp.veto, exp.veto_reasons)
    assert (result.earned, result.applicable_max) == (frac(exp.earned), frac(exp.applicable_max))
    assert [c.id for c in result.clauses] == CLAUSES
    for c in result.clauses:
        status, earned, findings = exp.clause(c.id)
        got = (c.status, c.earned, c.max, [(f.kind, f.location) for f in c.findings])
        assert got == (status, frac(earned), frac(MAX[c.id]), findings), c.id
    assert len(result.warnings) == exp.warnings, result.warnings


def check_json(center: dict[str, Any], exp: Expected) -> None:
    assert (center["score"], center["base"], center["bonus"]) == (
        float(exp.score),
        float(exp.base),
        float(exp.bonus),
    )
    assert (center["grade"], center["veto"], center["veto_reasons"]) == (
        exp.grade,
        exp.veto,
        list(exp.veto_reasons),
    )
    assert [c["id"] for c in center["clauses"]] == CLAUSES
    for c in center["clauses"]:
        status, earned, findings = exp.clause(c["id"])
        got = (c["status"], c["earned"], c["max"], [(f["kind"], f["location"]) for f in c["findings"]])
        want = (status, float(round(frac(earned), 2)), float(MAX[c["id"]]), findings)
        assert got == want, c["id"]
    assert len(center["warnings"]) == exp.warnings


def run_cli(*paths: Path, fmt: str = "json") -> tuple[int, str, str]:
    args = ["check", *map(str, paths), "--standard", str(LIBRARY_STANDARD), "--format", fmt]
    result = CliRunner().invoke(cli, args)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def audit_both(std: Standard, path: Path, exp: Expected, exit_code: int) -> dict[str, Any]:
    check_api(audit_file(std, path), exp)
    code, out, err = run_cli(path)
    assert code == exit_code, err
    doc = json.loads(out)
    assert doc["standard"] == {
        "id": "demo-reading-room-2021",
        "title": "社区图书室运行评估细则（测试用）",
        "version": "0.3",
    }
    assert doc["year"] == YEAR
    assert doc["errors"] == []
    [center] = doc["centers"]
    assert isinstance(center, dict)
    assert center["file"] == str(path)
    assert (center["center_id"], center["name"], center["district"]) == (
        "LIB-001",
        "春晖路社区图书室",
        "春晖片区",
    )
    check_json(center, exp)
    return center


# ---------------------------------------------------------------- scenarios


def defective_library() -> Sheets:
    s = perfect_library(featured=0)
    s["功能分区"][3][1] = "未达标"  # 电子阅览区, row 4
    del s["功能分区"][4]  # 自习区 has no row
    set_field(s, "年度购书经费(元)", 0)  # L1.3 still passes on 社会捐赠经费; L1.5 divides by 0
    s["管理人员"] = [
        s["管理人员"][0],
        ["馆员子", "馆长", "全职", "达标"],
        ["馆员丑", "采编", "轮岗", "达标"],
        ["馆员卯", "志愿者", "轮岗", None],
    ]  # row 4: 持证上岗 blank
    days = open_days()  # 260 working days in 2021 under the standard's calendar
    s["开放日志"] = (
        [["开放时间", "值守人"]] + [[d, "馆员子"] for d in days[:200]] + [[d, None] for d in days[200:210]]
    )  # a day without 值守人 does not count
    s["借阅登记"] = s["借阅登记"][:11]  # 10 loans
    s["借阅登记"][4][2] = None  # row 5: no 读者手机
    activities = [
        r
        for r in s["读书活动"][1:]
        if not (r[1] == "读书会" and r[0].month in (2, 7, 11))
        and not (r[1] == "讲座" and r[0].month == 8)
        and not (r[1] == "展览" and r[0].month == 10)
    ]
    activities += [[dt.date(YEAR - 1, 10, 12), "展览", None, 50]]  # last year: does not count
    activities += [[dt.date(YEAR, m, 28), "特色品牌", "主讲丙", 20] for m in range(3, 8)]  # 5 this year
    activities += [[dt.date(YEAR - 1, 5, 5), "特色品牌", "主讲丙", 20]]  # last year
    s["读书活动"] = [s["读书活动"][0], *activities]
    s["读者评议"] = (
        [["评议编号", "评议等级"]]
        + [[f"A{i}", "非常好"] for i in range(10)]
        + [[f"B{i}", "较好"] for i in range(6)]
        + [[f"C{i}", "较差"] for i in range(4)]
        + [[f"D{i}", "未使用"] for i in range(3)]
    )
    return s


def test_the_standard_lints_and_shares_no_name_with_the_shipped_one() -> None:
    assert lint(LIBRARY_STANDARD) == []
    result = CliRunner().invoke(cli, ["standard", "lint", str(LIBRARY_STANDARD)])
    assert result.exit_code == 0 and "有效" in result.stdout
    mine = cjk_words(yaml.safe_load(LIBRARY_STANDARD.read_text(encoding="utf-8")))
    shipped = cjk_words(yaml.safe_load(SHIPPED.read_text(encoding="utf-8")))
    assert len(mine) >= 40
    assert mine.isdisjoint(shipped), mine & shipped


def test_the_standard_uses_every_check_type_and_credit_mode(std: Standard) -> None:
    from auditor.checks import REGISTRY
    from auditor.standard.model import CREDIT_MODES

    assert {c.check.TYPE for c in std.clauses} == set(REGISTRY)
    assert {c.credit.mode for c in std.clauses if c.kind != "veto"} == set(CREDIT_MODES)
    periods = {c.check.period for c in std.clauses if c.check.TYPE == "period_coverage"}  # type: ignore[attr-defined]
    assert periods == {"month", "quarter", "weekday"}
    assert {c.kind for c in std.clauses} == {"scored", "bonus", "veto"}
    assert [c.id for c in std.clauses if c.applies_when] == ["L1.5"]
    assert (std.total, std.veto_grade, [(g.name, g.min) for g in std.grades]) == (
        Decimal(50),
        "D",
        [("A", Decimal(85)), ("B", Decimal(70)), ("C", Decimal(50))],
    )
    assert (std.yes_words, std.no_words) == (("达标", "具备"), ("未达标", "欠缺"))


def test_perfect_library(std: Standard, tmp_path: Path) -> None:
    # 50/50 -> base 100; bonus 3 特色品牌 x 0.5 = 1.5 (under the cap of 2: partial);
    # final min(100, 101.5) = 100.0 -> A.
    exp = Expected("100.0", "100.0", "1.5", "A", clauses={"LB.1": ("partial", "1.5", [])})
    audit_both(std, write(tmp_path, "perfect", perfect_library()), exp, exit_code=0)


def test_library_with_defects_in_many_clauses(std: Standard, tmp_path: Path) -> None:
    # L1.1 per_item 8/4 = 2 each: 电子阅览区 未达标, 自习区 no row  -> 2 of 4 items = 4
    # L1.5 field_ratio 8000 / 0 (年度购书经费 0)                 -> fail, 0
    # L2.1 row_count 全职 = 1 < 2                                -> fail, 0
    # L2.2 coverage 馆长, 采编 of 馆长/采编/流通                  -> 3 x 2/3 = 2 (a note: B4 志愿者 is none)
    # L2.3 proportional 持证上岗 2 of 3 rows                     -> 4 x 2/3 = 2.666.. -> 2.67
    # L2.4 tiers weekday: 200 of 260 working days = 0.769 >= 0.6 -> 2
    # L3.2 tiers share 读者手机 filled 9 of 10 = 0.9 >= 0.8        -> 1.5
    # L3.3 deduct 0.5: 读书会 missing in Feb, Jul, Nov          -> 4 - 1.5 = 2.5
    # L3.4 deduct 1: 讲座 missing in Q3                          -> 3 - 1 = 2
    # L3.5 row_count 展览 in 2021 = 1 (the 2020 one is ignored)   -> fail, 0
    # L3.6 tiers index (10x100 + 6x80 + 4x40) / 20 = 82 (3 未使用 excluded) -> >= 70: 3
    # L1.2, L1.3 (社会捐赠经费 > 0), L1.4, L3.1 pass: 3 + 2 + 1 + 2 = 8
    # earned = 4 + 8 + 0 + 0 + 2 + 2.67 + 2 + 1.5 + 2.5 + 2 + 0 + 3 = 27.67 of 50
    # base = 27.67 / 50 x 100 = 55.34 -> 55.3
    # bonus: 5 特色品牌 in 2021 x 0.5 = 2.5, capped at 2 (pass); the 2020 one does not count
    # final = 55.34 + 2 = 57.34 -> 57.3 -> C (>= 50, < 70)
    exp = Expected(
        "57.3",
        "55.3",
        "2.0",
        "C",
        earned="27.67",
        clauses={
            "L1.1": ("partial", "4", [("defect", "功能分区!B4"), ("defect", "功能分区!A1")]),
            "L1.5": ("fail", "0", [("defect", field_cell("年度购书经费(元)"))]),
            "L2.1": ("fail", "0", [("defect", "管理人员")]),
            "L2.2": ("partial", "2", [("defect", "管理人员!B1"), ("note", "管理人员!B4")]),
            "L2.3": ("partial", "2.67", [("defect", "管理人员!D4")]),
            "L2.4": ("partial", "2", [("defect", "开放日志!A1")]),
            "L3.2": ("partial", "1.5", [("defect", "借阅登记!C5")]),
            "L3.3": ("partial", "2.5", [("defect", "读书活动!A1")] * 3),
            "L3.4": ("partial", "2", [("defect", "读书活动!A1")]),
            "L3.5": ("fail", "0", [("defect", "读书活动")]),
            "L3.6": ("partial", "3", [NOTE_L36]),
            "LB.1": ("pass", "2", []),
        },
    )
    center = audit_both(std, write(tmp_path, "defects", defective_library()), exp, exit_code=0)
    by_id = {c["id"]: c for c in center["clauses"]}
    assert "自习区" in by_id["L1.1"]["findings"][1]["message"]
    assert [f["message"].split("无")[0] for f in by_id["L3.3"]["findings"]] == [
        "2021年2月",
        "2021年7月",
        "2021年11月",
    ]
    assert "第3季度" in by_id["L3.4"]["findings"][0]["message"]
    assert "60/260个工作日" in by_id["L2.4"]["findings"][0]["message"]
    assert "第5行" in by_id["L3.2"]["findings"][0]["message"]
    assert "82.00" in by_id["L3.6"]["findings"][0]["message"]


def test_not_applicable_clause_leaves_the_denominator(std: Standard, tmp_path: Path) -> None:
    # An 独立馆: L1.5 (共建馆 only) is not_applicable -> applicable max 50 - 2 = 48.
    # 藏书总量 2000 < 3000: L1.2 fails (-3). No 特色品牌: bonus 0 (LB.1 fail, never missing).
    # base = 45 / 48 x 100 = 93.75 -> 93.8 (half up); final 93.75 -> 93.8 -> A.
    # (Over the full 50 it would have been 90.0.)
    sheets = perfect_library(featured=0)
    set_field(sheets, "图书室类别", "独立馆")
    set_field(sheets, "共建方出资(元)", None)
    set_field(sheets, "藏书总量(册)", 2000)
    exp = Expected(
        "93.8",
        "93.8",
        "0.0",
        "A",
        earned="45",
        applicable_max="48",
        clauses={
            "L1.2": ("fail", "0", [("defect", field_cell("藏书总量(册)"))]),
            "L1.5": ("not_applicable", "0", []),
            "LB.1": ("fail", "0", [("defect", "读书活动")]),
        },
    )
    center = audit_both(std, write(tmp_path, "independent", sheets), exp, exit_code=0)
    assert center["type"] == "独立馆"


def test_veto_sets_grade_d_whatever_the_score(std: Standard, tmp_path: Path) -> None:
    # Every scored clause passes (base 100, bonus 1.5, final 100.0) but 馆藏出版物合规 is 未达标:
    # the veto clause fails (earned 0, max 0) -> grade D, exit code 1.
    sheets = perfect_library()
    set_field(sheets, "馆藏出版物合规", "未达标")
    exp = Expected(
        "100.0",
        "100.0",
        "1.5",
        "D",
        veto=True,
        veto_reasons=("馆藏出版物合规审查",),
        clauses={
            "LB.1": ("partial", "1.5", []),
            "LV.1": ("fail", "0", [("defect", field_cell("馆藏出版物合规"))]),
        },
    )
    audit_both(std, write(tmp_path, "veto", sheets), exp, exit_code=1)


def test_unreadable_values_are_errors_naming_their_cells(std: Standard, tmp_path: Path) -> None:
    # 藏书总量 "三千余册" is not an integer -> L1.2 error, 0.
    # 无障碍通道 "是": this standard's yes/no words are 达标/具备 and 未达标/欠缺 only -> L1.4 error, 0.
    # One 评议等级 "还行" (row 34) is none of the enum values -> L3.6 error, but it still earns what
    # the readable answers earn: 30 x 非常好 -> index 100 -> 6.
    # earned 50 - 3 - 1 = 46 -> base 92.0; bonus 1.5; final 93.5 -> A.
    # The two unreadable form fields are also warnings of the center.
    sheets = perfect_library()
    set_field(sheets, "藏书总量(册)", "三千余册")
    set_field(sheets, "无障碍通道", "是")
    sheets["读者评议"].append(["P99", "还行"])
    assert len(sheets["读者评议"]) == 34
    exp = Expected(
        "93.5",
        "92.0",
        "1.5",
        "A",
        earned="46",
        warnings=2,
        clauses={
            "L1.2": ("error", "0", [("error", field_cell("藏书总量(册)"))]),
            "L1.4": ("error", "0", [("error", field_cell("无障碍通道"))]),
            "L3.6": ("error", "6", [("error", "读者评议!B34"), NOTE_L36]),
            "LB.1": ("partial", "1.5", []),
        },
    )
    center = audit_both(std, write(tmp_path, "errors", sheets), exp, exit_code=0)
    by_id = {c["id"]: c for c in center["clauses"]}
    assert "“三千余册”" in by_id["L1.2"]["findings"][0]["message"]
    assert "“是”" in by_id["L1.4"]["findings"][0]["message"]
    assert "“还行”" in by_id["L3.6"]["findings"][0]["message"]
    assert center["warnings"][0].startswith(field_cell("藏书总量(册)"))
    assert center["warnings"][1].startswith(field_cell("无障碍通道"))


def test_missing_sheets_and_blank_veto_evidence(std: Standard, tmp_path: Path) -> None:
    # No 开放日志 and no 读者评议 sheet: L2.4 (4) and L3.6 (6) are missing, 0 points.
    # 馆藏出版物合规 left blank: the veto clause is missing, and does NOT trigger.
    # earned 50 - 4 - 6 = 40 -> base 80.0; bonus 1.5; final 81.5 -> B.
    sheets = perfect_library()
    del sheets["开放日志"], sheets["读者评议"]
    set_field(sheets, "馆藏出版物合规", None)
    exp = Expected(
        "81.5",
        "80.0",
        "1.5",
        "B",
        earned="40",
        clauses={
            "L2.4": ("missing", "0", [("missing", "开放日志")]),
            "L3.6": ("missing", "0", [("missing", "读者评议")]),
            "LB.1": ("partial", "1.5", []),
            "LV.1": ("missing", "0", [("missing", field_cell("馆藏出版物合规"))]),
        },
    )
    center = audit_both(std, write(tmp_path, "missing", sheets), exp, exit_code=0)
    by_id = {c["id"]: c for c in center["clauses"]}
    assert "读者评议" in by_id["L3.6"]["findings"][0]["message"]


def test_form_only_scores_below_the_lowest_grade(std: Standard, tmp_path: Path) -> None:
    # Only 馆情概况: every table clause is missing (0). The form clauses pass: L1.2 3 + L1.3 2 +
    # L1.4 1 + L3.1 2, and L1.5 2 - 图书室类别 is blank, so whether L1.5 applies is unknown: it
    # is scored (with a note) and the blank required field is a warning.
    # earned 10 / 50 -> base 20.0; no 读书活动 sheet: the bonus earns 0 and is fail (never missing);
    # final 20.0 < 50 -> D without any veto; exit code 1.
    sheets = perfect_library()
    sheets = {"馆情概况": sheets["馆情概况"]}
    set_field(sheets, "图书室类别", None)
    exp = Expected(
        "20.0",
        "20.0",
        "0.0",
        "D",
        earned="10",
        warnings=1,
        clauses={
            "L1.1": ("missing", "0", [("missing", "功能分区")]),
            "L1.5": ("pass", "2", [("note", field_cell("图书室类别"))]),
            "L2.1": ("missing", "0", [("missing", "管理人员")]),
            "L2.2": ("missing", "0", [("missing", "管理人员")]),
            "L2.3": ("missing", "0", [("missing", "管理人员")]),
            "L2.4": ("missing", "0", [("missing", "开放日志")]),
            "L3.2": ("missing", "0", [("missing", "借阅登记")]),
            "L3.3": ("missing", "0", [("missing", "读书活动")]),
            "L3.4": ("missing", "0", [("missing", "读书活动")]),
            "L3.5": ("missing", "0", [("missing", "读书活动")]),
            "L3.6": ("missing", "0", [("missing", "读者评议")]),
            "LB.1": ("fail", "0", [("missing", "读书活动")]),
        },
    )
    center = audit_both(std, write(tmp_path, "form-only", sheets), exp, exit_code=1)
    assert center["type"] is None
    assert center["warnings"][0].startswith(field_cell("图书室类别"))


def all_scenarios(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "batch"
    folder.mkdir()
    independent = perfect_library(featured=0)
    set_field(independent, "图书室类别", "独立馆")
    set_field(independent, "共建方出资(元)", None)
    set_field(independent, "藏书总量(册)", 2000)
    vetoed = perfect_library()
    set_field(vetoed, "馆藏出版物合规", "未达标")
    errors = perfect_library()
    set_field(errors, "藏书总量(册)", "三千余册")
    missing = perfect_library()
    del missing["读者评议"]
    paths = []
    for i, (name, sheets) in enumerate(
        [
            ("perfect", perfect_library()),
            ("defects", defective_library()),
            ("independent", independent),
            ("veto", vetoed),
            ("errors", errors),
            ("missing", missing),
        ]
    ):
        set_field(sheets, "图书室编号", f"LIB-{i:03d}")  # distinct ids: no duplicate warning
        paths.append(write(folder, name, sheets))
    return paths


def test_batch_summary_counts_the_standards_own_grades(tmp_path: Path) -> None:
    # perfect 100.0 A, defects 57.3 C, independent 93.8 A, veto D, errors (47/50 + 1.5) 95.5 A,
    # missing 读者评议 (44/50 + 1.5) 89.5 A; a vetoed center makes the exit code 1.
    paths = all_scenarios(tmp_path)
    code, out, err = run_cli(paths[0].parent)
    assert code == 1, err
    doc = json.loads(out)
    # hints (never a score, tests/test_hints.py): the six are variants of one workbook, so their records,
    # 全职 names and answers are shared (30 across centers), and one has a run of identical answers
    assert doc["summary"] == {
        "centers": 6,
        "by_grade": {"A": 4, "B": 0, "C": 1, "D": 1},
        "errors": 0,
        "hints": 31,
    }
    scores = {Path(c["file"]).stem: (c["score"], c["grade"]) for c in doc["centers"]}
    assert scores == {
        "defects": (57.3, "C"),
        "errors": (95.5, "A"),
        "independent": (93.8, "A"),
        "missing": (89.5, "A"),
        "perfect": (100.0, "A"),
        "veto": (100.0, "D"),
    }


def test_personal_data_never_reaches_any_output(std: Standard, tmp_path: Path) -> None:
    paths = all_scenarios(tmp_path)
    secrets = [*READER_NAMES, *READER_PHONES]
    # The values are really in the workbooks and really read (so their absence below is redaction) ...
    table = read_workbook(paths[1], std).tables["借阅登记"]
    assert "读者名" in table.columns and "读者名" not in table.cells  # no clause reads it: never even parsed
    phones = [c.raw for c in table.cells["读者手机"] if c.raw]
    assert len(phones) >= 5 and set(phones) <= set(READER_PHONES)
    assert all(c.pii for c in table.cells["读者手机"])
    # ... and the 借阅登记 clause, which reads the personal column, does report on it.
    _, out, err = run_cli(*paths)
    assert "借阅登记!C5" in out
    for text in (out, err, *run_cli(*paths, fmt="table")[1:]):
        leaked = [s for s in secrets if s in text]
        assert not leaked, leaked
    # the phone number without its area prefix, in case it was reformatted
    assert not any(p[3:] in out for p in READER_PHONES)


# ---------------------------------------------------------------- the standard's own yes/no words


def test_yes_no_vocabulary_replaces_the_default(std: Standard, tmp_path: Path) -> None:
    # 具备 (the standard's second yes word) counts in 持证上岗 (perfect_library uses it once);
    # 是 does not (see the errors scenario).
    sheets = perfect_library()
    set_field(sheets, "无障碍通道", "欠缺")
    result = audit_file(std, write(tmp_path, "vocab", sheets))
    statuses = {c.id: c.status for c in result.clauses}
    assert statuses["L2.3"] == "pass"
    assert statuses["L1.4"] == "fail"


def test_messages_speak_the_standards_yes_no_words(std: Standard, tmp_path: Path) -> None:
    """A defect or an unreadable value must not ask for 是/否 when this standard does not accept them."""
    sheets = perfect_library()
    sheets["功能分区"][3][1] = "未达标"
    set_field(sheets, "无障碍通道", "是")
    result = audit_file(std, write(tmp_path, "words", sheets))
    by_id = {c.id: c for c in result.clauses}
    wanted = by_id["L1.1"].findings[0].message.split("要求", 1)[-1]  # "...建设情况为未达标，要求..."
    assert "是" not in wanted and any(w in wanted for w in std.yes_words), by_id["L1.1"].findings[0].message
    expected = by_id["L1.4"].findings[0].message.split("应为", 1)[1]  # "...无法识别：“是”，应为..."
    assert "是" not in expected, by_id["L1.4"].findings[0].message
    assert any(w in expected for w in std.yes_words) and any(w in expected for w in std.no_words)


def test_unquoted_yes_no_keys_of_the_vocabulary_are_understood(tmp_path: Path) -> None:
    """`vocabulary: {yes: [...], no: [...]}` as written in a hand-made standard: YAML 1.1 reads the
    bare keys as booleans; the loader must still take them as the yes and no words."""
    text = LIBRARY_STANDARD.read_text(encoding="utf-8")
    text = text.replace('  "yes": [达标, 具备]', "  yes: [达标, 具备]").replace(
        '  "no": [未达标, 欠缺]', "  no: [未达标, 欠缺]"
    )
    assert "  yes: [达标, 具备]" in text and "  no: [未达标, 欠缺]" in text
    path = tmp_path / "unquoted.yaml"
    path.write_text(text, encoding="utf-8")
    assert lint(path) == []
    assert load_standard(path).yes_words == ("达标", "具备")


def test_fields_are_where_the_builder_puts_them() -> None:
    assert field_cell(FIELDS[0][0]) == "馆情概况!B2"
    assert field_cell("馆藏出版物合规") == f"馆情概况!B{len(FIELDS) + 1}"


def test_row_count_without_filter_counts_rows(tmp_path: Path) -> None:
    """A row_count with no `where` reads no column: it must still count the filled rows."""
    from auditor.engine import audit_file
    from auditor.standard.loader import load_standard

    text = """
id: t
title: t
version: "1"
total: 1
grades: [{name: 好, min: 50}]
center: {sheet: 表, id: 编号, name: 名称}
layout:
  - {name: 表, kind: form, fields: [{name: 编号}, {name: 名称}]}
  - {name: 单列, kind: table, columns: [{name: 单列}]}
parts:
  - id: "1"
    title: t
    clauses:
      - {id: "1.1", title: t, points: 1, check: {type: row_count, sheet: 单列, op: ">=", value: 2}}
"""
    path = tmp_path / "s.yaml"
    path.write_text(text, "utf-8")
    standard = load_standard(path, cache=False)
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "表"
    ws.append(["编号", "1"])
    other = wb.create_sheet("单列")
    for row in (["单列"], ["a"], ["b"]):
        other.append(row)
    wb.save(tmp_path / "w.xlsx")
    result = audit_file(standard, tmp_path / "w.xlsx")
    assert [(c.status, c.earned) for c in result.clauses] == [("pass", 1)]

"""The expected results of the fifteen samples: read from the shipped standard's own tests, explained here.

The numbers are stated once, in `standards/dqfwzx-2018.yaml` under `tests:` (each sample's score,
grade, veto and the status and points of every clause it does not pass in full; `others: pass`
for the rest), which `audit standard test` checks against the audit. This module reads them and
adds only words: each center's deliberate defects, one note per clause that the tests state, and
what the notes leave to say. From the stated clauses it works out, by the rules samples/README.md
states, the applicable max (a clause `not_applicable` leaves it), earned, base = earned / max x 100,
final = min(100, base + bonus) rounded half up to one decimal, and the grade of the rounded final;
tests/test_samples.py checks that this agrees with the score and grade the tests state, and with
the audit of the committed workbooks. samples/README.md's table is rendered from it.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Final

from auditor.standard.loader import load_standard
from auditor.standard.model import Clause, Standard, StandardTest
from samples.gen.centers import CENTERS, Center

STANDARD: Final = Path(__file__).resolve().parent.parent.parent / "standards" / "dqfwzx-2018.yaml"

# Per center: (clause, what is wrong, or why it passes on purpose); the points come from the tests.
NOTES: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "GM-01": (
        ("2.6", "12 staff, 11 trained → 3 × 11/12 = 2.75"),
        ("4.2", "no 月指导 in 2018-08"),
        ("2.9", "下沉 30 of 总数 45 = 66.7% → passes"),
        ("B.1", "4 特色 services → +4, capped at +3"),
    ),
    "GM-02": (
        ("1.1", "门牌外观 row absent (缺少记录)"),
        ("3.5", "支部生活日 in 10 of 12 months (none in Feb, Aug)"),
        ("B.1", "2 特色"),
    ),
    "GM-03": (
        ("1.3", "步行可达时间 18分钟 > 15"),
        ("2.7", "第一书记 台账动态更新 ×"),
        ("2.8", "229 of 250 working days = 91.6% → tier 2"),
        ("3.3", "3 of 56 records without 首问责任人"),
        ("3.6", "3 志愿服务 in 2018 (2 more in 2017-12 do not count)"),
        ("4.1", "55/45/15 (+5 不了解) → index 84.35 → tier 3"),
        ("B.1", "1 特色"),
    ),
    "GM-04": (
        ("1.1", "版面色调, 导览说明 无"),
        ("2.1", "工作纪实, 考核评价 not 建立"),
        ("2.2", "信息工作, 工作纪实, 考核评价 without 执行记录"),
        ("2.4", "no 兼职 (all 5 staff 专职)"),
        ("2.5", "区域化党建联络岗, 党群带建服务岗 uncovered"),
        ("3.1", "党史知识教育 0 次, 社情民意沟通 row absent"),
        ("3.4", "45 of 50 办结 = 90% → tier 2"),
        ("3.5", "no 支部生活日 in Jan, Feb, Jul, Aug"),
        ("4.2", "no 月指导 in Jan, Feb, Jul"),
        ("4.3", "no 季督查 in Q3"),
        ("4.4", "双诺双述双评 无"),
    ),
    "GM-05": (
        ("1.2", "财政列支 blank, 党费补助 2.5万元 → passes (one blank, the other > 0)"),
        ("2.6", "9 staff, 8 trained → round(3 × 8/9, 2) = 2.67"),
        ("2.8", "236 of 250 working days = 94.4% → tier 2, plus 5 rows with a blank 值班人"),
        ("3.4", "38 of 40 办结 = exactly 95% → 4 (boundary)"),
        ("4.1", "60/40/0 (+12 不了解) → index exactly 90.0 → 6 (boundary)"),
        ("4.3", "no 季督查 in Q1"),
        ("4.5", "党员积分制管理 N"),
        ("B.1", "1 特色"),
    ),
    "GM-06": (
        ("1.1", "主题标语 row absent"),
        ("2.2", "联席会议 without 执行记录"),
        ("2.9", "下沉 18 of 总数 52 = 34.6% < 50%"),
        ("3.2", "服务项目清单公开 否"),
        ("3.3", "2 of 70 records without 首问责任人 (5 of 2017-12 count too)"),
        ("3.5", "no 支部生活日 in 2018-11, 2018-12; the rows of 2017-11 and 2017-12 do not count"),
        ("4.1", "70/50/12 (+8 不了解) → index 86.44 → tier 3"),
        ("4.3", "no 季督查 in 2018 Q4; the 2017 Q4 row does not count"),
        ("B.1", "2 特色"),
    ),
    "GM-07": (
        ("1.1", "党旗规格 否"),
        ("2.1", "调研联络 是否建立 blank (未填写)"),
        ("2.6", "11 staff, 9 trained (1 否, 1 blank) → round(27/11, 2) = 2.45"),
        ("3.1", "党内关爱帮扶 0 次"),
        ("3.4", "52 of 58 办结 = 89.7% → tier 2"),
        ("4.1", "48/52/10 (+6 不了解) → index 84.09 → tier 3"),
        ("4.2", "no 月指导 in Feb"),
        ("B.1", "1 特色"),
    ),
    "GM-08": (
        ("1.2", "财政列支 0, 党费补助 0"),
        ("2.3", "only 1 专职"),
        ("2.7", "党建工作指导员 row absent"),
        ("2.8", "196 of 250 working days = 78.4% → 0"),
        ("3.5", "no 支部生活日 in Mar, Sep"),
        ("4.2", "no 月指导 in May, Jun"),
        ("4.4", "双诺双述双评 FALSE (an Excel boolean)"),
        ("B.1", "3 特色 rows, one of them 0 次"),
        ("V.2", "1 专职 → no veto (the veto needs 0)"),
    ),
    "GM-09": (
        ("V.1", "发现弄虚作假 是 → veto"),
        ("1.1", "导览说明 否"),
        ("4.2", "no 月指导 in Jan, Feb"),
        ("B.1", "1 特色"),
    ),
    "GM-10": (
        ("1.1", "版面色调 ×, 门牌外观 ×"),
        ("1.4", "无偿开放 ×"),
        ("2.5", "3 windows uncovered"),
        (
            "2.8",
            "190 of 250 working days = 76.0% → 0, rows of 2017-12 ignored, "
            "**one unreadable 日期 国庆后 → 2.8 `error`**",
        ),
        ("3.4", "30 of 40 办结 = 75% → 0"),
        ("3.5", "no 支部生活日 in Jan, Feb, Jun, Jul"),
        ("3.6", "2 志愿服务"),
        ("4.1", "20/45/35 (+5 不了解) → index 73.0 → 0"),
        ("4.3", "no 季督查 in Q1, Q2"),
        ("4.5", "党员积分制管理 ×"),
    ),
    "GM-11": (
        ("2.1", "信息工作, 工作纪实, 考核评价 rows absent"),
        ("2.2", "the same 3 rows absent"),
        ("2.6", "7 staff, 4 trained → round(12/7, 2) = 1.71"),
        ("2.9", "下沉 26 of 总数 50 = 52% → passes"),
        ("3.1", "党史知识教育 0 次, 社情民意沟通 0 次"),
        ("3.3", "4 of 64 records without 首问责任人 (4 of 2017-12 count too)"),
        ("3.5", "no 支部生活日 in Jan–Jun"),
        ("4.2", "no 月指导 in Jan–May"),
        ("4.3", "no 季督查 in Q1, Q2"),
        ("B.1", "1 特色"),
    ),
    "GM-12": (
        ("1.1", "导览说明 no"),
        ("2.7", "党建研究会, 社区党组织书记研究会 no"),
        ("3.4", "62 of 68 办结 = 91.2% → tier 2"),
        ("B.1", "3 特色"),
    ),
    "GM-13": (
        ("1.1", "党旗规格, 导览说明 rows absent, 版面色调 否"),
        ("1.2", "both 经费 blank → missing"),
        ("2.1", "信息工作, 工作纪实, 考核评价 not 建立"),
        ("2.2", "联席会议, 信息工作, 工作纪实, 考核评价 without 执行记录"),
        ("2.3", "only 1 专职 (no veto)"),
        ("2.5", "4 windows uncovered"),
        ("2.6", "5 staff, 2 trained → 1.2"),
        ("2.7", "sheet 服务队伍 absent → missing"),
        ("2.8", "215 of 250 working days = 86.0% → tier 2"),
        ("3.1", "党史知识教育, 党内关爱帮扶 rows absent"),
        ("3.4", "28 of 36 办结 = 77.8% → 0"),
        ("3.5", "支部生活日 only in Apr, Jun, Sep, Oct, Dec (7 months without)"),
        ("3.6", "no 志愿服务 in 2018, 3 in 2017 → fail"),
        ("4.1", "30/40/10 (+5 不了解) → index 81.88 → tier 3"),
        ("4.2", "no 月指导 in Jan, Feb, Jul, Aug (dates as Excel serial numbers)"),
        ("4.3", "季督查 only in Q4"),
    ),
    "GM-14": (
        ("1.1", "党徽标识 row present, 是否达标 blank (未填写)"),
        ("2.2", "考核评价 without 执行记录"),
        ("4.2", "no 月指导 in Oct"),
        ("4.3", "no 季督查 in Q2"),
    ),
    "GM-15": (
        ("1.3", "步行可达时间 20分钟"),
        ("2.5", "党群带建服务岗, 党群志愿服务岗 uncovered"),
        ("2.8", "225 of 250 working days = 90.0% → tier 2"),
        ("3.1", "党员学习活动, 党史知识教育 rows absent"),
        ("3.3", "1 of 30 records without 首问责任人"),
        ("3.4", "27 of 30 办结 = 90% → tier 2"),
        ("3.5", "no 支部生活日 in Feb, Jul, Aug"),
        ("4.1", "18/8/2 + 30 不了解 → only 28 counted answers (< 30) → missing"),
        ("4.4", "双诺双述双评 N"),
        ("B.1", "1 特色"),
    ),
}
REMARKS: Final = {"GM-02": "The spec's worked example."}  # a sentence the table adds after the notes


def half_up(x: Fraction, places: int) -> Decimal:
    q = Decimal(1).scaleb(-places)
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(q, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Note:
    clause: str
    text: str
    points: Fraction  # lost (negative), bonus (positive), or 0: a clause that passes or the veto


@dataclass(frozen=True)
class Expected:
    """One sample as the standard's test states it, with what follows from it by the README's rules."""

    test: StandardTest
    standard: Standard

    @property
    def center(self) -> Center:
        name = Path(self.test.workbook).name
        return next(c for c in CENTERS if c.file_name == name)

    @property
    def code(self) -> str:
        return self.center.code

    @property
    def remark(self) -> str:
        return REMARKS.get(self.code, "")

    def clauses(self) -> dict[str, tuple[str, Fraction]]:
        """Every clause of the standard (vetoes included): its status and the points it earns; a clause the
        test does not list passes with full points (`others: pass`)."""
        stated = dict(self.test.clauses)
        out: dict[str, tuple[str, Fraction]] = {}
        for clause in self.standard.clauses:
            wanted = stated.get(clause.id)
            if wanted is None:
                out[clause.id] = ("pass", Fraction(clause.points))
            else:
                status = wanted.status or "pass"
                earned = (
                    wanted.earned if wanted.earned is not None else (0 if status != "pass" else clause.points)
                )
                out[clause.id] = (status, Fraction(earned))
        return out

    def _scored(self) -> list[Clause]:
        return [c for c in self.standard.clauses if c.kind == "scored"]

    @property
    def applicable_max(self) -> Fraction:
        got = self.clauses()
        return sum(
            (Fraction(c.points) for c in self._scored() if got[c.id][0] != "not_applicable"), Fraction(0)
        )

    @property
    def earned(self) -> Fraction:
        got = self.clauses()
        return sum((got[c.id][1] for c in self._scored()), Fraction(0))

    @property
    def bonus(self) -> Fraction:
        got = self.clauses()
        return sum((got[c.id][1] for c in self.standard.clauses if c.kind == "bonus"), Fraction(0))

    @property
    def base_exact(self) -> Fraction:
        return self.earned / self.applicable_max * 100

    @property
    def base(self) -> Decimal:
        return half_up(self.base_exact, 1)

    @property
    def final_exact(self) -> Fraction:
        return min(Fraction(100), self.base_exact + self.bonus)

    @property
    def final(self) -> Decimal:
        return half_up(self.final_exact, 1)

    @property
    def veto(self) -> bool:
        return any(self.clauses()[c.id][0] == "fail" for c in self.standard.clauses if c.kind == "veto")

    @property
    def score_grade(self) -> str:
        """The grade of the rounded final, veto or not."""
        return self.standard.grade_for(self.final)

    @property
    def grade(self) -> str:
        return self.standard.veto_grade if self.veto else self.score_grade

    @property
    def notes(self) -> tuple[Note, ...]:
        got = self.clauses()
        kinds = {c.id: c for c in self.standard.clauses}
        out = []
        for clause, text in NOTES.get(self.code, ()):
            c = kinds[clause]
            earned = got[clause][1]
            points = (
                earned
                if c.kind == "bonus"
                else Fraction(0)
                if c.kind == "veto"
                else earned - Fraction(c.points)
            )
            out.append(Note(clause, text, points))
        return tuple(out)


@cache
def expected() -> tuple[Expected, ...]:
    """The samples' expectations, in the order of the standard's tests."""
    standard = load_standard(STANDARD)
    return tuple(Expected(test, standard) for test in standard.tests)


EXPECTED: Final = expected()

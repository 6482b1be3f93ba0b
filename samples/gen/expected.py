"""The results of the fifteen samples, worked out by hand from standard-2018.md, stated once.

Each center lists its deliberate defects: the clause, what is wrong and the points it loses (or, for
B.1, the bonus it earns; a note of 0 points marks a check that passes on purpose). Everything else is
derived here by the rules samples/README.md states: the applicable max (2.9 only for 街道), earned,
base = earned / max × 100, final = min(100, base + bonus) rounded half up to one decimal, the grade
from the rounded final, and a veto (a V.* note) making it 不合格; and every clause's status and
points: a clause without a note earns its maximum. tests/test_samples.py checks all of it against
the audit of the committed workbooks, and samples/README.md's table is rendered from it.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final, Literal

from samples.gen.centers import CENTERS, Center
from samples.gen.facts import CLAUSE_MAX, FAIL_GRADE, GRADES, STREET_ONLY

Status = Literal["pass", "partial", "fail", "missing", "error", "not_applicable"]
VETOES: Final = ("V.1", "V.2")


@dataclass(frozen=True)
class Note:
    clause: str
    points: Decimal  # lost (negative), bonus (positive), or 0: a check that passes
    text: str
    status: Status | None = None  # only where the points do not tell it (missing, error)

    @property
    def is_veto(self) -> bool:
        return self.clause in VETOES

    @property
    def is_bonus(self) -> bool:
        return self.clause.startswith("B.")


def lose(clause: str, points: str, text: str, status: Status | None = None) -> Note:
    return Note(clause, -Decimal(points), text, status)


def gain(clause: str, points: str, text: str) -> Note:
    return Note(clause, Decimal(points), text)


def ok(clause: str, text: str) -> Note:
    return Note(clause, Decimal(0), text)


def veto(clause: str, text: str) -> Note:
    return Note(clause, Decimal(0), text, "fail")


def half_up(x: Fraction, places: int) -> Decimal:
    q = Decimal(1).scaleb(-places)
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(q, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Expected:
    code: str
    notes: tuple[Note, ...]
    remark: str = ""  # a sentence the table adds after the notes

    @property
    def center(self) -> Center:
        return next(c for c in CENTERS if c.code == self.code)

    def applies(self, clause: str) -> bool:
        return clause not in STREET_ONLY or self.center.type == "街道"

    @property
    def applicable_max(self) -> int:
        return sum(m for k, m in CLAUSE_MAX.items() if not k.startswith("B.") and self.applies(k))

    @property
    def earned(self) -> Fraction:
        lost = sum((Fraction(n.points) for n in self.notes if not (n.is_bonus or n.is_veto)), Fraction(0))
        return self.applicable_max + lost

    @property
    def bonus(self) -> Fraction:
        return sum((Fraction(n.points) for n in self.notes if n.is_bonus), Fraction(0))

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
        return any(n.is_veto for n in self.notes)

    @property
    def score_grade(self) -> str:
        """The grade of the rounded final, veto or not."""
        return next((g for g, least in GRADES if self.final >= least), FAIL_GRADE)

    @property
    def grade(self) -> str:
        return FAIL_GRADE if self.veto else self.score_grade

    def clauses(self) -> dict[str, tuple[Status, Fraction]]:
        """Every clause of the standard (vetoes included): its status and the points it earns."""
        noted: dict[str, list[Note]] = {}
        for n in self.notes:
            noted.setdefault(n.clause, []).append(n)
        out: dict[str, tuple[Status, Fraction]] = {}
        for k, most in [*CLAUSE_MAX.items(), *((v, 0) for v in VETOES)]:
            notes = noted.get(k, [])
            stated = next((n.status for n in notes if n.status), None)
            if not self.applies(k):
                out[k] = ("not_applicable", Fraction(0))
                continue
            if k.startswith("B."):
                earned = self.bonus
            elif k in VETOES:
                earned = Fraction(0)
            else:
                earned = most + sum((Fraction(n.points) for n in notes), Fraction(0))
            implied: Status = "pass" if earned == most else "fail" if earned == 0 else "partial"
            out[k] = (stated or implied, earned)
        return out


EXPECTED: Final = (
    Expected(
        "GM-01",
        (
            lose("2.6", "0.25", "12 staff, 11 trained → 3 × 11/12 = 2.75"),
            lose("4.2", "0.25", "no 月指导 in 2018-08"),
            ok("2.9", "下沉 30 of 总数 45 = 66.7% → passes"),
            gain("B.1", "3", "4 特色 services → +4, capped at +3"),
        ),
    ),
    Expected(
        "GM-02",
        (
            lose("1.1", "2", "门牌外观 row absent (缺少记录)"),
            lose("3.5", "1", "支部生活日 in 10 of 12 months (none in Feb, Aug)"),
            gain("B.1", "2", "2 特色"),
        ),
        "The spec's worked example.",
    ),
    Expected(
        "GM-03",
        (
            lose("1.3", "3", "步行可达时间 18分钟 > 15"),
            lose("2.7", "0.5", "第一书记 台账动态更新 ×"),
            lose("2.8", "2", "229 of 250 working days = 91.6% → tier 2"),
            lose("3.3", "2", "3 of 56 records without 首问责任人"),
            lose("3.6", "2", "3 志愿服务 in 2018 (2 more in 2017-12 do not count)"),
            lose("4.1", "3", "55/45/15 (+5 不了解) → index 84.35 → tier 3"),
            gain("B.1", "1", "1 特色"),
        ),
    ),
    Expected(
        "GM-04",
        (
            lose("1.1", "4", "版面色调, 导览说明 无"),
            lose("2.1", "2", "工作纪实, 考核评价 not 建立"),
            lose("2.2", "3", "信息工作, 工作纪实, 考核评价 without 执行记录"),
            lose("2.4", "1", "no 兼职 (all 5 staff 专职)"),
            lose("2.5", "1", "区域化党建联络岗, 党群带建服务岗 uncovered"),
            lose("3.1", "4", "党史知识教育 0 次, 社情民意沟通 row absent"),
            lose("3.4", "2", "45 of 50 办结 = 90% → tier 2"),
            lose("3.5", "2", "no 支部生活日 in Jan, Feb, Jul, Aug"),
            lose("4.2", "0.75", "no 月指导 in Jan, Feb, Jul"),
            lose("4.3", "0.5", "no 季督查 in Q3"),
            lose("4.4", "2", "双诺双述双评 无"),
        ),
    ),
    Expected(
        "GM-05",
        (
            ok("1.2", "财政列支 blank, 党费补助 2.5万元 → passes (one blank, the other > 0)"),
            lose("2.6", "0.33", "9 staff, 8 trained → round(3 × 8/9, 2) = 2.67"),
            lose("2.8", "2", "236 of 250 working days = 94.4% → tier 2, plus 5 rows with a blank 值班人"),
            ok("3.4", "38 of 40 办结 = exactly 95% → 4 (boundary)"),
            ok("4.1", "60/40/0 (+12 不了解) → index exactly 90.0 → 6 (boundary)"),
            lose("4.3", "0.5", "no 季督查 in Q1"),
            lose("4.5", "2", "党员积分制管理 N"),
            gain("B.1", "1", "1 特色"),
        ),
    ),
    Expected(
        "GM-06",
        (
            lose("1.1", "2", "主题标语 row absent"),
            lose("2.2", "1", "联席会议 without 执行记录"),
            lose("2.9", "2", "下沉 18 of 总数 52 = 34.6% < 50%"),
            lose("3.2", "2", "服务项目清单公开 否"),
            lose("3.3", "2", "2 of 70 records without 首问责任人 (5 of 2017-12 count too)"),
            lose(
                "3.5", "1", "no 支部生活日 in 2018-11, 2018-12; the rows of 2017-11 and 2017-12 do not count"
            ),
            lose("4.1", "3", "70/50/12 (+8 不了解) → index 86.44 → tier 3"),
            lose("4.3", "0.5", "no 季督查 in 2018 Q4; the 2017 Q4 row does not count"),
            gain("B.1", "2", "2 特色"),
        ),
    ),
    Expected(
        "GM-07",
        (
            lose("1.1", "2", "党旗规格 否"),
            lose("2.1", "1", "调研联络 是否建立 blank (未填写)"),
            lose("2.6", "0.55", "11 staff, 9 trained (1 否, 1 blank) → round(27/11, 2) = 2.45"),
            lose("3.1", "2", "党内关爱帮扶 0 次"),
            lose("3.4", "2", "52 of 58 办结 = 89.7% → tier 2"),
            lose("4.1", "3", "48/52/10 (+6 不了解) → index 84.09 → tier 3"),
            lose("4.2", "0.25", "no 月指导 in Feb"),
            gain("B.1", "1", "1 特色"),
        ),
    ),
    Expected(
        "GM-08",
        (
            lose("1.2", "3", "财政列支 0, 党费补助 0"),
            lose("2.3", "3", "only 1 专职 (no veto: V.2 needs 0)"),
            lose("2.7", "0.5", "党建工作指导员 row absent"),
            lose("2.8", "4", "196 of 250 working days = 78.4% → 0"),
            lose("3.5", "1", "no 支部生活日 in Mar, Sep"),
            lose("4.2", "0.5", "no 月指导 in May, Jun"),
            lose("4.4", "2", "双诺双述双评 FALSE (an Excel boolean)"),
            gain("B.1", "2", "3 特色 rows, one of them 0 次"),
        ),
    ),
    Expected(
        "GM-09",
        (
            veto("V.1", "发现弄虚作假 是 → veto"),
            lose("1.1", "2", "导览说明 否"),
            lose("4.2", "0.5", "no 月指导 in Jan, Feb"),
            gain("B.1", "1", "1 特色"),
        ),
    ),
    Expected(
        "GM-10",
        (
            lose("1.1", "4", "版面色调 ×, 门牌外观 ×"),
            lose("1.4", "2", "无偿开放 ×"),
            lose("2.5", "1.5", "3 windows uncovered"),
            lose(
                "2.8",
                "4",
                "190 of 250 working days = 76.0% → 0, rows of 2017-12 ignored, "
                "**one unreadable 日期 国庆后 → 2.8 `error`**",
                "error",
            ),
            lose("3.4", "4", "30 of 40 办结 = 75% → 0"),
            lose("3.5", "2", "no 支部生活日 in Jan, Feb, Jun, Jul"),
            lose("3.6", "2", "2 志愿服务"),
            lose("4.1", "6", "20/45/35 (+5 不了解) → index 73.0 → 0"),
            lose("4.3", "1", "no 季督查 in Q1, Q2"),
            lose("4.5", "2", "党员积分制管理 ×"),
        ),
    ),
    Expected(
        "GM-11",
        (
            lose("2.1", "3", "信息工作, 工作纪实, 考核评价 rows absent"),
            lose("2.2", "3", "the same 3 rows absent"),
            lose("2.6", "1.29", "7 staff, 4 trained → round(12/7, 2) = 1.71"),
            ok("2.9", "下沉 26 of 总数 50 = 52% → passes"),
            lose("3.1", "4", "党史知识教育 0 次, 社情民意沟通 0 次"),
            lose("3.3", "2", "4 of 64 records without 首问责任人 (4 of 2017-12 count too)"),
            lose("3.5", "3", "no 支部生活日 in Jan–Jun"),
            lose("4.2", "1.25", "no 月指导 in Jan–May"),
            lose("4.3", "1", "no 季督查 in Q1, Q2"),
            gain("B.1", "1", "1 特色"),
        ),
    ),
    Expected(
        "GM-12",
        (
            lose("1.1", "2", "导览说明 no"),
            lose("2.7", "1", "党建研究会, 社区党组织书记研究会 no"),
            lose("3.4", "2", "62 of 68 办结 = 91.2% → tier 2"),
            gain("B.1", "3", "3 特色"),
        ),
    ),
    Expected(
        "GM-13",
        (
            lose("1.1", "6", "党旗规格, 导览说明 rows absent, 版面色调 否"),
            lose("1.2", "3", "both 经费 blank → missing", "missing"),
            lose("2.1", "3", "信息工作, 工作纪实, 考核评价 not 建立"),
            lose("2.2", "4", "联席会议, 信息工作, 工作纪实, 考核评价 without 执行记录"),
            lose("2.3", "3", "only 1 专职 (no veto)"),
            lose("2.5", "2", "4 windows uncovered"),
            lose("2.6", "1.8", "5 staff, 2 trained → 1.2"),
            lose("2.7", "3", "sheet 服务队伍 absent → missing", "missing"),
            lose("2.8", "2", "215 of 250 working days = 86.0% → tier 2"),
            lose("3.1", "4", "党史知识教育, 党内关爱帮扶 rows absent"),
            lose("3.4", "4", "28 of 36 办结 = 77.8% → 0"),
            lose("3.5", "3.5", "支部生活日 only in Apr, Jun, Sep, Oct, Dec (7 months without)"),
            lose("3.6", "2", "no 志愿服务 in 2018, 3 in 2017 → fail"),
            lose("4.1", "3", "30/40/10 (+5 不了解) → index 81.88 → tier 3"),
            lose("4.2", "1", "no 月指导 in Jan, Feb, Jul, Aug (dates as Excel serial numbers)"),
            lose("4.3", "1.5", "季督查 only in Q4"),
        ),
    ),
    Expected(
        "GM-14",
        (
            lose("1.1", "2", "党徽标识 row present, 是否达标 blank (未填写)"),
            lose("2.2", "1", "考核评价 without 执行记录"),
            lose("4.2", "0.25", "no 月指导 in Oct"),
            lose("4.3", "0.5", "no 季督查 in Q2"),
        ),
    ),
    Expected(
        "GM-15",
        (
            lose("1.3", "3", "步行可达时间 20分钟"),
            lose("2.5", "1", "党群带建服务岗, 党群志愿服务岗 uncovered"),
            lose("2.8", "2", "225 of 250 working days = 90.0% → tier 2"),
            lose("3.1", "4", "党员学习活动, 党史知识教育 rows absent"),
            lose("3.3", "2", "1 of 30 records without 首问责任人"),
            lose("3.4", "2", "27 of 30 办结 = 90% → tier 2"),
            lose("3.5", "1.5", "no 支部生活日 in Feb, Jul, Aug"),
            lose("4.1", "6", "18/8/2 + 30 不了解 → only 28 counted answers (< 30) → missing", "missing"),
            lose("4.4", "2", "双诺双述双评 N"),
            gain("B.1", "1", "1 特色"),
        ),
    ),
)

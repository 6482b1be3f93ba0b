"""Every word a user reads about a result, the same in the terminal, Excel, HTML, the tree and the template.

Statuses, points, the phrasing of a clause's points and credit rule, and the width of a text as a
terminal or a spreadsheet column shows it (CJK characters count double); the report's wording: its
title and column headers, a clause's 扣分/加分情况 (:func:`situation`) and evidence locations, the
veto, the score formula.
"""

from __future__ import annotations

import unicodedata
from fractions import Fraction

from auditor.output.figures import two
from auditor.result import CenterResult, ClauseResult
from auditor.standard.model import Clause, Credit, Standard, round_half_up

STATUS_WORDS = {
    "pass": "达标",
    "partial": "部分达标",
    "fail": "未达标",
    "missing": "缺少材料",
    "not_applicable": "不适用",
    "waived": "豁免",
    "error": "无法识别",
}
VETO = "一票否决"


def points_text(value: object) -> str:
    """A number of points as people write it: 12, 2.5, 0.25 (fractions rounded half up to 2 decimals)."""
    if isinstance(value, Fraction):
        value = round_half_up(value, 2)
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def bonus_text(clause: Clause) -> str:
    """How a bonus clause's points are stated (one phrasing everywhere)."""
    return f"加分项，最多{points_text(clause.points)}分"


def clause_points_text(clause: Clause) -> str:
    """A clause's points as the standard states them: 12分, 加分项，最多3分, 一票否决."""
    if clause.kind == "veto":
        return VETO
    if clause.kind == "bonus":
        return bonus_text(clause)
    return f"{points_text(clause.points)}分"


def credit_text(credit: Credit) -> str:
    """The credit mode in a few words."""
    if credit.mode == "deduct":
        return f"每项扣{points_text(credit.per)}分，扣完为止"
    if credit.mode == "per_item":
        return "按项平均计分"
    if credit.mode == "proportional":
        return "按比例计分"
    if credit.mode == "tiers":
        return "分档：" + "；".join(f"≥{points_text(t.min)} 得{points_text(t.points)}" for t in credit.tiers)
    if credit.mode == "per_unit":
        return f"每项{points_text(credit.per)}分"
    return "达标得全分，否则0分"


def text_width(text: str) -> int:
    """Columns the text takes in a terminal or a spreadsheet cell (wide and full-width characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# ---------------------------------------------------------------- the acceptance report


def report_title(standard: Standard, year: int | None) -> str:
    template = standard.report_title or "{year}年度验收报告"
    return template.replace("{year}", str(year) if year else "")


def summary_title(year: int | None) -> str:
    return f"{year or ''}年度党群服务中心验收结果汇总"


def standard_name(standard: Standard) -> str:
    """The standard as the cover names it: title, issuer, version."""
    return f"{standard.title}（{standard.issuer}，版本 {standard.version}）"


def clause_label(standard: Standard) -> str:
    return standard.self_assessment.clause if standard.self_assessment else "条款"


def score_columns(standard: Standard) -> list[str]:
    self_label = standard.self_assessment.score if standard.self_assessment else "自评"
    return [
        clause_label(standard),
        "考核内容",
        "考核标准(分值)",
        "扣分/加分情况",
        "考核办法",
        self_label,
        "考核分",
        "状态",
        "证据位置",
    ]


def remediation_columns(standard: Standard) -> list[str]:
    return ["序号", clause_label(standard), "条款", "存在问题", "证据位置", "整改建议", "可挽回分值"]


PART_SCORE_COLUMNS = ["部分", "满分（适用）", "得分", "得分率"]


def summary_columns(standard: Standard) -> list[str]:
    """The ranking's columns."""
    labels = standard.center
    return [
        "排名",
        labels.id,
        labels.name,
        labels.type or "类型",
        labels.district or "所属地区",
        "得分",
        "等级",
        VETO,
    ]


def clause_rate_columns(standard: Standard) -> list[str]:
    return [
        clause_label(standard),
        "条款",
        "分值",
        "全部得分",
        "部分得分",
        "未得分",
        "不适用",
        "平均得分",
        "达标率",
    ]


def content_text(clause: Clause) -> str:
    """考核内容: the clause's title and requirement."""
    return f"{clause.title}：{clause.requirement}" if clause.requirement else clause.title


def standard_text(clause: Clause) -> str:
    """考核标准(分值)."""
    return clause_points_text(clause)


def part_points_text(points: object, applicable: Fraction | None = None) -> str:
    """A part's points, and the points of its clauses that apply: 30分（适用 27）."""
    text = f"{points_text(points)}分"
    return text if applicable is None else f"{text}（适用 {points_text(two(applicable))}）"


def situation(result: ClauseResult) -> str:
    """扣分/加分情况 in plain Chinese, from the findings (and the gap to the self-assessed score)."""
    text = _situation(result)
    if result.self_score is not None and result.kind != "veto" and result.status != "not_applicable":
        gap = two(result.earned) - float(result.self_score)
        if abs(gap) >= 0.005:
            text += f"（自评{points_text(result.self_score)}分，考核分{'高' if gap > 0 else '低'}{points_text(round(abs(gap), 2))}分）"
    return text


def _situation(result: ClauseResult) -> str:
    problems = [f.message for f in result.findings if f.kind != "note"]
    notes = [f.message for f in result.findings if f.kind == "note"]
    if result.status == "not_applicable":
        return "本中心不适用此条"
    if result.kind == "veto":
        if result.status == "fail":
            return "触发一票否决：" + "；".join(problems)
        return "；".join(problems) if problems else "未触发"
    if result.kind == "bonus":
        earned = two(result.earned)
        head = f"加{points_text(earned)}分" if earned else "未加分"
        return "；".join([head, *problems, *notes])
    lost = two(result.lost)
    if not lost and not problems:
        return "；".join(["达标", *notes])
    head = f"扣{points_text(lost)}分" if lost else "不扣分"
    return head + "：" + "；".join([*problems, *notes])


def locations(result: ClauseResult) -> str:
    """Where the evidence is, each `sheet!cell` once."""
    return "、".join(dict.fromkeys(f.location for f in result.findings if f.location))


def veto_text(center: CenterResult, absent: str = "否") -> str:
    """是：<reasons> when a veto was triggered, else `absent`."""
    return "是：" + "、".join(center.veto_reasons) if center.veto else absent


def total_text(center: CenterResult, *, worksheet: bool = False) -> str:
    """How the final score is made: as the score sheet states it (`worksheet`), or the web page."""
    earned, applicable = points_text(two(center.earned)), points_text(two(center.applicable_max))
    if worksheet:
        return (
            f"基础分 = {earned} / {applicable} × 100 = {center.base}；加分 {center.bonus}；最终得分不超过100"
        )
    return f"基础分 {earned} / {applicable} × 100 = {center.base}；加分 {center.bonus}"

"""The words of review decisions (复核: 豁免 and 改判) in every output: both scores, each decision with its
approver and date, the 复核记录 sheet, the blank decisions workbook."""

from __future__ import annotations

from collections.abc import Mapping

from auditor.output.wording.base import VETO, points_text, shown
from auditor.result import AppliedDecision, CenterResult

DECISION_WORDS = {"waive": "豁免", "override": "改判"}
REVIEWED = "复核后得分"
ORIGINAL = "原始得分"
REVIEW_SHEET = "复核记录"
REVIEW_COUNT = "复核"  # the summary's column: decisions applied per center
REVIEW_COLUMNS = ["序号", "条款", "决定", "改判得分", "理由", "批准人", "批准日期", "有效期至", "登记位置"]
REVIEW_NONE = "无复核决定"
WAIVER_FILE = "复核登记表.xlsx"
WAIVER_SHEET = "复核登记表"
WAIVER_INSTRUCTIONS = "填表说明"
ALL_CENTERS = "*"
WAIVER_ERRORS = {
    "decision": "请选择 豁免 或 改判",
    "clause": "请从下拉列表中选择标准中的条款",
    "points": "改判得分应为不小于0的数（不超过该条满分）",
    "date": "请输入日期，如 2019-01-10",
}


def scores_text(center: CenterResult, unit: str = "") -> str:
    """The score as a line shows it: "复核后92.3（原始89.3）" when a review changed it, else the score (no space
    inside: a line too long for the terminal breaks before it, never within it)."""
    before = center.score_before_review
    if before is None or before == center.score:
        return f"{center.score}{unit}"
    return f"复核后{center.score}{unit.strip()}（原始{before}）"


def waived_vetoes(center: CenterResult, kinds: Mapping[str, str]) -> list[AppliedDecision]:
    """The decisions that waived a veto clause (`kinds`: clause id -> kind)."""
    return [d for d in center.decisions if d.decision == "waive" and kinds.get(d.clause) == "veto"]


def decision_text(d: AppliedDecision, titles: Mapping[str, str] | None = None) -> str:
    """One decision as a sentence: "<id> <title> 改判为12分：<reason>（批准人 <approver>，2019-01-10）"."""
    title = (titles or {}).get(d.clause, "")
    head = f"{d.clause} {shown(title)}".strip()
    what = "豁免" if d.decision == "waive" else f"改判为{points_text(d.points)}分"
    until = f"，有效期至{d.expires}" if d.expires else ""
    return f"{head} {what}：{shown(d.reason, 200)}（批准人 {shown(d.approver)}，{d.date}{until}）"


def waived_veto_text(d: AppliedDecision, titles: Mapping[str, str] | None = None) -> str:
    """A waived veto, said where the veto would be (in red): "一票否决经复核豁免：<clause title>"."""
    return f"{VETO}经复核豁免：{shown((titles or {}).get(d.clause, d.clause))}"


def review_row(d: AppliedDecision) -> list[str | float | None]:
    """A row of the 复核记录 sheet (after its 序号)."""
    return [
        d.clause,
        DECISION_WORDS[d.decision],
        float(d.points) if d.points is not None else None,
        d.reason,
        d.approver,
        d.date,
        d.expires or "",
        d.source,
    ]


def waiver_instructions(
    center_label: str, district: str | None, kind: str | None, date: str | None = None
) -> list[str]:
    """The lines of the blank decisions workbook's instructions."""
    scopes = [f"填写{center_label}只对该中心生效；填 * 对全部中心生效"]
    if district:
        scopes.append(f"“{district}:名称”对该{district}的全部中心生效")
    if kind:
        scopes.append(f"“{kind}:名称”对该{kind}的全部中心生效")
    return [
        "复核登记表：每行一个复核决定，用 audit check/report --waivers 本文件 读入。",
        "；".join(scopes) + "。同一中心同一条款有多个决定时，具体中心优先，其次镇街、类型，最后 *。",
        "决定：豁免（该条不计分，分值从满分中扣除）或 改判（按改判得分计分，0到该条满分之间）。",
        "一票否决项只能豁免，不能改判。",
        "理由、批准人、批准日期必填；有效期至可空（长期有效），早于"
        + (date or "检查的日期")
        + "的决定不再采用。",
    ]


def review_total(center: CenterResult) -> str:
    """What the 合计 row adds when decisions apply: both scores and where the decisions are listed."""
    if not center.decisions:
        return ""
    before = center.score_before_review if center.score_before_review is not None else center.score
    return (
        f"{ORIGINAL} {before}，{REVIEWED} {center.score}"
        f"（复核决定{len(center.decisions)}项，见“{REVIEW_SHEET}”表）"
    )


def review_title(center_name: str) -> str:
    return f"{center_name}{REVIEW_SHEET}"

"""The words of 整改回头看 (`audit compare`, `audit report --baseline`): outcomes, headers, lines."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from auditor.output.wording.base import STATUS_WORDS, percent_text

if TYPE_CHECKING:
    from auditor.result import ClauseChange, ClauseSide

OUTCOME_WORDS = {
    "fixed": "已整改",
    "improved": "部分整改",
    "open": "未整改",
    "new": "新增问题",
    "ok": "保持满分",
    "added": "新增条款",
    "removed": "删除条款",
    "not_applicable": "不适用",
}
OUTCOME_STYLE = {
    "fixed": "green",
    "improved": "yellow",
    "open": "red",
    "new": "bold red",
    "ok": "dim",
    "added": "cyan",
    "removed": "cyan",
    "not_applicable": "dim",
}
FOLLOWUP_SHEET = "整改落实情况"
FOLLOWUP_SUMMARY_SHEET = "整改落实"
FOLLOWUP_COLUMNS = [
    "序号",
    "条款",
    "上次得分",
    "本次得分",
    "整改结果",
    "整改措施",
    "责任人",
    "整改时限",
    "完成情况",
]
FOLLOWUP_RATE_COLUMNS = ["范围", "名称", "中心数", "整改项", "已整改", "整改完成率"]
COMPARE_COLUMNS = ["条款", "上次", "本次", "结果"]
SCOPE_WORDS = {"center": "中心", "district": "镇街", "type": "类型", "city": "全市"}
NO_DISTRICT = "（未填）"
NOTHING_TO_FOLLOW = "上次整改清单没有整改项。"
NO_BASELINE = "上次检查中没有本中心（按编号对照），无整改项可回头看。"
WORDS = {
    "before_only": "仅上次有（本次未检查）",
    "after_only": "仅本次有（上次未检查）",
    "no_id": "没有编号，无法对照",
    "arrow": "→",
    "title": "整改回头看",
    "legend": "每个中心：上次得分 等级 → 本次得分 等级；每条：条款  上次得分  本次得分  整改结果",
    "before_standard": "上次标准：{standard}",
    "after_standard": "本次标准：{standard}",
    "added": "新增条款：{ids}",
    "removed": "删除条款：{ids}",
    "replaced": "条款改编号：{pairs}",
    "by_district": "各镇街整改完成率",
    "by_type": "各类型整改完成率",
    "centers": "对照中心 {both} 个；仅上次有 {before} 个；仅本次有 {after} 个",
    "outcomes": "条款结果：{counts}",
    "none": "无整改项",
    "none_matched": "两次检查没有可对照的中心（按编号）。",
    "rule": (
        "整改完成率 = 已整改项 ÷ 上次整改清单的整改项（上次未得满分的条款和触发的否决项，加分项不计；"
        "本次删除、不适用或豁免的条款不计入）。部分整改：得分提高但未满分；新增问题：得分比上次低。"
    ),
    "title_sheet": "{center}整改落实情况",
    "followup_title": "{year}整改落实情况",
}


VETO_SIDE = {"fail": "否决", "pass": "通过"}  # a veto clause's side: triggered or not
RATE_LABEL, CENTERS_LABEL = "整改完成率", "中心数"


def clause_label(clause_id: str, before_id: str | None) -> str:
    """2.10, or 2.10（原2.9） when it continues a clause of another id."""
    return clause_id if before_id in (None, clause_id) else f"{clause_id}（原{before_id}）"


def before_line(score: object, grade: str, fixed: int, items: int) -> str:
    return f"上次得分：{score}（{grade}）　{RATE_LABEL}：{rate_text(fixed, items)}"


def year_title(year: int | None) -> str:
    return WORDS["followup_title"].format(year=f"{year}年度" if year else "")


def rate_text(fixed: int, items: int) -> str:
    """19/25（76%）, or 无整改项."""
    if not items:
        return WORDS["none"]
    return f"{fixed}/{items}（{percent_text(Fraction(fixed, items))}）"


def city_line(fixed: int, items: int) -> str:
    """The sentence a bulletin prints: 25个问题已整改19个，完成率76%."""
    if not items:
        return "上次整改清单没有整改项。"
    return f"{items}个问题已整改{fixed}个，完成率{percent_text(Fraction(fixed, items))}"


def outcome_word(change: ClauseChange) -> str:
    """已整改, 未整改 … ; a clause waived this time (复核豁免) says 豁免 rather than 不适用."""
    if change.outcome == "not_applicable" and change.after is not None and change.after.status == "waived":
        return STATUS_WORDS["waived"]
    return OUTCOME_WORDS[change.outcome]


def unscored_word(side: ClauseSide) -> str:
    """What a clause that was not scored on one side shows instead of its points: 豁免 or 不适用."""
    return STATUS_WORDS["waived"] if side.status == "waived" else OUTCOME_WORDS["not_applicable"]

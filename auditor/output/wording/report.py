"""The acceptance report's words: titles, page headers and footers, column headers, the cover and its
signature block, the veto and the score formula, the ranking rule, the error notice and the 通报."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.output.figures import two
from auditor.output.wording.base import (
    BONUS_NONE,
    NAME_LIMIT,
    STATUS_WORDS,
    VETO,
    as_of_text,
    points_text,
    shown,
)
from auditor.output.wording.rules import rule_text
from auditor.result import CenterResult, ClauseResult
from auditor.standard.model import Clause, Standard

PAGE_FOOTER = "第 &P 页 共 &N 页"
SIGN = "（签字）"
STAMP = "（盖章）"
DATE_BLANK = "年　　月　　日"
DEFAULT_SIGNATURES = ("考核组成员", "日期", "被考核单位负责同志", "日期")
GENERATOR = "audit"

COVER_SCORE, COVER_BASE, COVER_BONUS, COVER_GRADE = "考核得分", "基础分", "加分", "等级"
COVER_STANDARD, COVER_FILE = "考核标准", "工作簿"
# audited as of a day (--as-of): the cover says so, with what was counted
COVER_AS_OF = ("检查截至", "{day}（年中检查：只计截至该日已结束的月份、季度和工作日）")
NO_VETO = "否"
VETO_CLEAR = "未触发"

SCORE_SHEET, REMEDIATION_SHEET, PARTS_SHEET, COVER_SHEET = "评分表", "整改清单", "分项得分", "封面"
SUMMARY_SHEET, TYPES_SHEET, STREETS_SHEET, STREET_CENTERS_SHEET = "汇总", "分类排名", "镇街排名", "镇街内排名"
PARAGRAPH = "　　"  # a paragraph's first-line indent
RATES_SHEET, BULLETIN_SHEET, ERRORS_SHEET, CHART_SHEET = "条款达标率", "通报", "错误", "等级分布"
SUBTOTAL, TOTAL = "小计", "合计"
NOTHING_TO_REMEDY = "各条款均得满分，无需整改。"
CHART_PARTS, CHART_AXIS, CHART_GRADES, CHART_COUNT = "分项得分与满分", "分", "等级分布", "中心数"


def status_word(result: ClauseResult) -> str:
    """The status as the score sheet shows it; a bonus that earned nothing is 未加分 (neutral)."""
    if result.kind == "bonus" and result.status in ("fail", "missing") and not result.earned:
        return BONUS_NONE
    if result.kind == "veto" and result.status in ("pass", "fail"):
        return VETO if result.status == "fail" else VETO_CLEAR
    return STATUS_WORDS[result.status]


def report_title(standard: Standard, year: int | None) -> str:
    template = standard.report_title or "{year}年度验收报告"
    return template.replace("{year}", str(year) if year else "")


def summary_title(standard: Standard, year: int | None) -> str:
    """The summary's title from the standard's report title: …验收报告 -> …验收结果汇总."""
    return f"{report_title(standard, year).removesuffix('报告')}结果汇总"


def bulletin_title(standard: Standard, year: int | None) -> str:
    return f"关于{report_title(standard, year).removesuffix('报告').removesuffix('验收')}验收结果的通报"


def page_header(center: CenterResult | None, year: int | None) -> str:
    """The page header of every printed page: the center and the year (or the summary's title)."""
    what = f"{year}年度验收" if year else "年度验收"
    if center is None:
        return what + "结果汇总"
    return f"{center_name(center)} · {what}"


def center_name(center: CenterResult) -> str:
    return shown(center.name, NAME_LIMIT) if center.name else shown(file_name(center.file), NAME_LIMIT)


def file_name(path: str) -> str:
    """A workbook named by its file name only (never the path of the machine that wrote the report)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def standard_name(standard: Standard) -> str:
    """The standard as the cover names it: title, issuer, version."""
    return f"《{standard.title}》（{standard.issuer}，版本 {standard.version}）"


def properties(standard: Standard, title: str) -> dict[str, str]:
    """The workbook's document properties: title, author and subject from the standard."""
    return {
        "title": title,
        "creator": standard.issuer,
        "lastModifiedBy": standard.issuer,
        "subject": f"{standard.title} {standard.version}",
        "keywords": f"{standard.id} {GENERATOR}",
        "description": f"依据{standard_name(standard)}生成",
    }


def signatures(standard: Standard) -> list[tuple[str, str]]:
    """The signature block as (who signs, the date label) pairs: 考核组成员（签字） / 日期."""
    labels = list(standard.report_signatures or DEFAULT_SIGNATURES)
    pairs: list[tuple[str, str]] = []
    while labels:
        who = labels.pop(0).removesuffix("签字").removesuffix("（签字）")
        date = labels.pop(0) if labels and "日期" in labels[0] else ""
        pairs.append((f"{who}{SIGN}", date))
    return pairs


def clause_label(standard: Standard) -> str:
    return standard.self_assessment.clause if standard.self_assessment else "条款"


def score_columns(standard: Standard) -> list[str]:
    self_label = standard.self_assessment.score if standard.self_assessment else "自评"
    return [
        "序号",
        "考核内容",
        "考核标准(分值)",
        "扣分/加分情况",
        "考核办法",
        self_label,
        "考核分",
        "状态",
        "证据位置",
    ]


REMEDIATION_COLUMNS = [
    "序号",
    "条款",
    "存在问题",
    "证据位置",
    "整改建议",
    "可挽回分值",
    "整改措施",
    "责任人",
    "整改时限",
    "完成情况",
]
PART_SCORE_COLUMNS = ["部分", "满分（适用）", "得分", "得分率"]
GRADE_COLUMNS = ["等级", "中心数", "占比"]
ERROR_COLUMNS = ["文件", "原因"]


def summary_columns(standard: Standard, rank: str = "排名") -> list[str]:
    """The ranking's columns (`rank` names the first: 排名, or 组内排名 within a type or a street)."""
    labels = standard.center
    return [
        rank,
        labels.id,
        labels.name,
        labels.type or "类型",
        labels.district or "所属地区",
        "得分",
        "等级",
        VETO,
    ]


def group_columns(standard: Standard) -> list[str]:
    """A ranking within a center type or a street."""
    return summary_columns(standard, "组内排名")


def street_columns(standard: Standard) -> list[str]:
    grades = [g.name for g in standard.grades] + [standard.veto_grade]
    return ["排名", standard.center.district or "所属地区", "中心数", "平均分", *grades, VETO]


def bulletin_columns(standard: Standard) -> list[str]:
    labels = standard.center
    return ["名次", labels.name, labels.district or "所属地区", "得分", "等级"]


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


RANKING_RULE = (
    "排名规则：按最终得分从高到低排列，得分相同的并列同一名次（如 1、1、3）；"
    "触发一票否决的中心排在所有未被否决的中心之后，其间按得分排列，并注明“一票否决”。"
)
STREET_RULE = "镇街按所属中心最终得分的平均分排列（平均分相同的并列）；各中心在本镇街内的名次按上述排名规则。"
TYPE_RULE = "各类中心分别排名（名次规则同“汇总”表）。"
TIED = "并列"
NONE_LISTED = "无"


def rank_text(rank: int, tied: bool) -> str:
    return f"{TIED}{rank}" if tied else str(rank)


def type_heading(name: str, count: int) -> str:
    return f"{shown(name) or '未填写类型'}（{count}个）"


def street_heading(name: str, count: int, average: object, rank: int) -> str:
    return f"{shown(name) or '未填写镇街'}（{count}个中心，平均分 {average}，镇街排名第{rank}）"


def count_line(standard: Standard, counts: dict[str, int], total: int) -> str:
    mix = "，".join(f"{grade} {n}" for grade, n in counts.items())
    return f"共 {total} 个中心：{mix}"


def error_notice(errors: int, *, sentence: bool = False) -> str:
    """The title block's notice when files could not be audited (the batch is incomplete)."""
    if not errors:
        return ""
    if sentence:
        return f"另有 {errors} 个文件无法检查，未列入本次结果。"
    return f"另有 {errors} 个文件无法检查，未列入排名，见“{ERRORS_SHEET}”表"


def errors_title(errors: int) -> str:
    return f"无法检查的文件（{errors}个）"


def sheet_title(standard: Standard, year: int | None, sheet: str) -> str:
    """The title of a summary sheet: 2018年度…验收结果汇总（分类排名）."""
    return f"{summary_title(standard, year)}（{sheet}）"


def bulletin_intro(standard: Standard, year: int | None, total: int, counts: dict[str, int]) -> str:
    mix = "、".join(f"{grade}{n}个" for grade, n in counts.items() if n)
    return (
        f"根据{standard_name(standard)}，{year or ''}年度共对 {total} 个中心进行了验收考核。"
        f"经考核，{mix}。现将结果通报如下。"
    )


def bulletin_sections(veto_grade: str) -> tuple[str, str, str]:
    return ("一、验收结果", "二、优秀名单", f"三、{veto_grade}名单及原因")


def fail_reason(center: CenterResult, lowest: object) -> str:
    if center.veto:
        return f"{VETO}：{'、'.join(center.veto_reasons)}"
    return f"得分{center.score}分，低于{points_text(lowest)}分"


def veto_text(center: CenterResult, absent: str = NO_VETO) -> str:
    """一票否决：<reasons> when a veto was triggered, else `absent`."""
    return f"{VETO}：{'、'.join(center.veto_reasons)}" if center.veto else absent


def veto_total(center: CenterResult, veto_grade: str) -> str:
    """What the 合计 row and the cover state when a veto was triggered."""
    return f"{veto_text(center)}，等级为{veto_grade}（得分不影响否决）" if center.veto else ""


def total_text(center: CenterResult, *, worksheet: bool = False) -> str:
    """How the final score is made: 基础分 = 得分 / 适用满分 × 100, + 加分, 最终得分."""
    earned, applicable = points_text(two(center.earned)), points_text(two(center.applicable_max))
    text = f"基础分 = {earned} ÷ {applicable} × 100 = {center.base}；加分 {center.bonus}；最终得分 {center.score}"
    return text + "（不超过100分）" if worksheet else text


def content_text(clause: Clause) -> str:
    """考核内容: the clause's title and requirement."""
    return f"{clause.title}：{clause.requirement}" if clause.requirement else clause.title


def standard_text(clause: Clause, standard: Standard | None = None) -> str:
    """考核标准(分值): the rule generated from the clause's credit mode and parameters."""
    return rule_text(clause, standard.veto_grade if standard is not None else "")


def part_points_text(points: object, applicable: object | None = None) -> str:
    """A part's points, and the points of its clauses that apply: 30分（适用 27）."""
    text = f"{points_text(points)}分"
    return text if applicable is None else f"{text}（适用 {points_text(applicable)}）"


def as_of_fact(center: CenterResult) -> list[tuple[str, str]]:
    """检查截至 and the day, for a center audited as of a day (--as-of); [] otherwise."""
    return [(COVER_AS_OF[0], COVER_AS_OF[1].format(day=as_of_text(center.as_of)))] if center.as_of else []


def as_of_line(centers: Sequence[CenterResult]) -> list[str]:
    """检查截至… under the summary's title when every center was audited as of the same day; [] otherwise."""
    days = {c.as_of for c in centers}
    day = next(iter(days)) if len(days) == 1 else None
    return [f"{COVER_AS_OF[0]}：{COVER_AS_OF[1].format(day=as_of_text(day))}"] if day else []


def center_meta(standard: Standard, center: CenterResult) -> list[tuple[str, str]]:
    """The center's identifying fields as (label, value), those the standard names and the center filled."""
    labels = standard.center
    pairs = [
        (labels.id, center.center_id),
        (labels.district, center.district),
        (labels.type, center.type),
        (labels.date, center.date),
        (labels.leader, center.leader),
    ]
    return [(label, shown(value)) for label, value in pairs if label and value]


def meta_line(pairs: Sequence[tuple[str, str]]) -> str:
    return "　".join(f"{label}：{value}" for label, value in pairs)


PAGE_FOOTER_CSS = '"第 " counter(page) " 页 共 " counter(pages) " 页"'  # the HTML pages' printed footer
HTML_WORDS = {
    "back": "← 返回汇总",
    "points": "分",
    "note": "注意：",
    "base_line": "基础分 {base} + 加分 {bonus}",
    "score_sheet": SCORE_SHEET,
    "remediation_sheet": REMEDIATION_SHEET,
    "parts_sheet": PARTS_SHEET,
    "summary_sheet": "排名",
    "types_sheet": TYPES_SHEET,
    "streets_sheet": STREETS_SHEET,
    "grades": CHART_GRADES,
    "subtotal": SUBTOTAL,
    "total": TOTAL,
    "date_blank": DATE_BLANK,
    "stamp": STAMP,
    "nothing": NOTHING_TO_REMEDY,
    "ranking_rule": RANKING_RULE,
    "street_rule": STREET_RULE,
    "errors_title": "无法检查的文件",
}

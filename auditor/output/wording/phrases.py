"""Conditions in words: what a field or column must be (the rule) and how it falls short (the finding).

A yes/no field named like a question (是否合格, 是否有记录) or a verb phrase (开展…) reads as its
statement and its negation (达标 / 未达标, 有执行记录 / 无执行记录, 开展… / 未开展…); any other name as
"未做到…". A comparison reads in words (不少于, 不超过, 少于, 超过), never as an operator.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.output.wording.base import YES, percent_text
from auditor.standard.model import Condition, show_value

# Generic Chinese verbs a yes/no field's name may start with: "未" + the name is its negation.
VERBS = (
    "开展", "推行", "建立", "建成", "落实", "配备", "配置", "参加", "参与", "设置", "设立", "制定", "实行",
    "实施", "组织", "召开", "举办", "完成", "执行", "纳入", "提供", "具备", "达到", "做到", "公开", "公示",
    "张贴", "悬挂", "安装", "开通", "接入", "通过", "取得", "签订", "发现", "按时", "定期", "及时", "坚持",
    "实现", "形成", "编制", "录入", "上报", "报送", "留存", "保存", "明确",
)  # fmt: skip

OP_WORDS = {
    "==": "为",
    "!=": "不为",
    ">": "大于",
    ">=": "不少于",
    "<": "少于",
    "<=": "不超过",
    "in": "为",
    "not_in": "不为",
}
PERCENT_WORDS = {**OP_WORDS, ">=": "不低于", "<=": "不高于", "<": "低于", ">": "高于"}
# How a value falls short of `op v`: 18 against "<= 15" is 超过15.
SHORT_WORDS = {">": "未超过", ">=": "少于", "<": "未低于", "<=": "超过"}
TIER_SIGN = "≥"  # the standard's own notation in 考核标准 (never in a finding)


def value_text(value: object) -> str:
    if isinstance(value, tuple):
        return "或".join(show_value(v) for v in value)
    return show_value(value)


def _question(name: str) -> str | None:
    return name[2:] if name.startswith("是否") and len(name) > 2 else None


def affirmed(name: str, word: str = YES) -> str:
    """A yes/no field answered yes, as a statement: 是否合格 -> 合格; 建设情况 (达标) -> 建设情况达标."""
    if word not in ("", YES):
        return f"有{name}" if word == "有" else f"{name}{word}"
    return _question(name) or name


def denied(name: str, word: str = YES) -> str:
    """A yes/no field answered no, as a statement: 是否合格 -> 未合格; 是否有记录 -> 无记录;
    开展评议 -> 未开展评议; 建设情况 (达标) -> 建设情况不达标; 按月更新台账 -> 未做到按月更新台账."""
    if word not in ("", YES):
        return f"无{name}" if word == "有" else f"{name}不{word}"
    rest = _question(name)
    if rest is not None:
        if rest.startswith("有"):
            return "无" + rest[1:]
        return rest if rest.startswith(("未", "无", "不")) else "未" + rest
    if name.startswith("有"):
        return "无" + name[1:]
    if name.startswith(VERBS):
        return "未" + name
    return "未做到" + name


def is_yesno(condition: Condition) -> bool:
    return isinstance(condition.value, bool) and condition.op in ("==", "!=")


def _yes_word(condition: Condition) -> str:
    """The standard's own word for yes in this condition (达标, 具备), when it names yes at all."""
    return condition.shown if condition.value is True and isinstance(condition.shown, str) else ""


def _wants_yes(condition: Condition) -> bool:
    return bool(condition.value) == (condition.op == "==")


def met(condition: Condition, *, percent: bool = False) -> str:
    """The condition as a statement: 达标, 登记人已填写, 次数不少于1, 分类为X."""
    name = condition.column
    if condition.op == "filled":
        return f"{name}已填写"
    if condition.op == "blank":
        return f"{name}未填写"
    if is_yesno(condition):
        word = condition.shown if isinstance(condition.shown, str) else ""
        return affirmed(name, word) if _wants_yes(condition) else denied(name, word)
    value = (
        percent_text(condition.value) if percent else condition.value_text() or value_text(condition.value)
    )
    return f"{name}{OP_WORDS.get(condition.op, '为')}{value}"


def unmet(condition: Condition, typed: str | None = None) -> str:
    """How a value falls short of the condition: 未达标; 步行时间为18分钟，超过15; 分类为X，应为Y."""
    name = condition.column
    if condition.op == "filled":
        return f"{name}未填写"
    if condition.op == "blank":
        return f"{name}已填写"
    if is_yesno(condition):
        word = _yes_word(condition)
        return denied(name, word) if _wants_yes(condition) else affirmed(name, word)
    have = f"{name}为{typed}" if typed is not None else name
    wanted = condition.value_text() or value_text(condition.value)
    if condition.op in SHORT_WORDS:
        if typed is not None and condition.op == ">" and typed.strip() in ("0", "０"):
            return have
        return f"{have}，{SHORT_WORDS[condition.op]}{wanted}"
    if condition.op in ("!=", "not_in"):
        return have if typed is not None else f"{name}为{wanted}"
    return f"{have}，应为{wanted}"


def filter_text(where: Sequence[Condition]) -> str:
    """The rows a count or coverage keeps, as a noun's attribute: 义诊; 次数不少于1的讲座."""

    def is_bare(c: Condition) -> bool:
        return c.op == "filled" or (c.op in ("==", "in") and not isinstance(c.value, bool))

    bare = [c.column if c.op == "filled" else value_text(c.value) for c in where if is_bare(c)]
    others = [met(c) for c in where if not is_bare(c)]
    text = "、".join(bare)
    return "，".join(others) + "的" + text if others else text

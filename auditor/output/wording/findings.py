"""扣分/加分情况: what a clause's findings say, as the sentences an inspector would write and sign.

"展板无记录，扣2分", "2018年2月、8月无例会记录，扣1分", "发现违规，一票否决" — never an operator,
a field name used as a variable or "要求为". Each finding is phrased from its code and the clause's check
parameters (the condition it failed, the items it lists); a finding this module cannot phrase keeps its
own words with any operator turned into words. The same sentences in the terminal, Excel and HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from auditor.output.figures import two
from auditor.output.wording.base import BONUS_NONE, VETO, cut, points_text, shown
from auditor.output.wording.phrases import SHORT_WORDS, filter_text, unmet
from auditor.result import OUT_OF_SCORE, ClauseResult, Finding
from auditor.standard.model import Clause, Condition

_OPERATORS = (
    (">=", "不少于"),
    ("<=", "不超过"),
    ("!=", "不为"),
    ("==", "为"),
    ("=", "为"),
    (">", "大于"),
    ("<", "小于"),
)
_AS_OF = r"(截至\d{1,2}月\d{1,2}日，)"  # audited as of a day (--as-of)
_PERIOD = re.compile(rf"^({_AS_OF}已结束的\d+个(?:月|季度)中)?(\d{{4}}年)(第\d季度|\d{{1,2}}月)")
_WEEKDAYS = re.compile(rf"^{_AS_OF}?(\d+)/(\d+)个工作日.*?，覆盖率([\d.]+%)：(.*)$")
_COUNT = re.compile(rf"^(\d{{4}}年|{_AS_OF})?.*?记录(\d+)条")
_WANTED = re.compile(r"要求\D*?(\d+)条(（[^）]*）)?$")  # the count asked for (pro-rated: with its basis)
_ROWS = re.compile(r"^(第[\d、]+(?:等\d+)?行)未满足“.*”（(\d+)/(\d+)条）$")
_FRACTION = re.compile(r"（(\d+)/(\d+)条）$")
_RATIO = re.compile(r"=\s*([^=/]+)/([^=/]+?)\s*=\s*(\d+%)，要求\S*?(\d+%)$")
_UNREADABLE = re.compile(r"^(.*?)无法识别：“(.*)”(?:，应为(.*))?$", re.S)


def _get(check: Any, name: str) -> Any:
    return getattr(check, name, None)


def plain(message: str) -> str:
    """A finding's own words with operators and "要求…" turned into words (the fallback)."""
    text = message
    text = re.sub(r"，要求为", "，应为", text)
    text = re.sub(r"，要求", "，应", text)
    for op, word in _OPERATORS:
        text = text.replace(f" {op} ", word).replace(op, word)
    return text


def _typed(message: str, prefix: str) -> str | None:
    """The value as typed, from "<prefix>为<typed>，要求…"."""
    if not message.startswith(prefix + "为"):
        return None
    rest = message[len(prefix) + 1 :]
    end = rest.rfind("，要求")
    return rest[:end] if end >= 0 else None


def _conditions(check: Any) -> list[Condition]:
    found = _get(check, "conditions")
    return [c for c in found if isinstance(c, Condition)] if isinstance(found, tuple) else []


def _where(check: Any) -> tuple[Condition, ...]:
    found = _get(check, "where")
    return tuple(c for c in found if isinstance(c, Condition)) if isinstance(found, tuple) else ()


def _item_prefix(check: Any, message: str) -> str | None:
    items = _get(check, "items")
    if not isinstance(items, tuple):
        return None
    return next((str(i) for i in sorted(items, key=len, reverse=True) if message.startswith(f"{i}：")), None)


def _not_met(clause: Clause, message: str) -> str | None:
    check = clause.check
    for condition in _conditions(check):  # field: "<field>为<typed>，要求…"
        typed = _typed(message, condition.column)
        if typed is not None:
            return unmet(condition, shown(typed))
    condition = _get(check, "condition")
    item = _item_prefix(check, message)
    if isinstance(condition, Condition) and item is not None:  # table_items: "<item>：<column>为…"
        typed = _typed(message[len(item) + 1 :], condition.column)
        return item + unmet(condition, None if typed is None else shown(typed))
    rows = _ROWS.match(message)
    if isinstance(condition, Condition) and rows:  # share: "第3、5行未满足“…”（2/12条）"
        return f"{rows.group(1)}{unmet(condition)}（{rows.group(3)}条中有{rows.group(2)}条）"
    return None


def _below(clause: Clause, message: str) -> str | None:
    check = clause.check
    numerator, denominator = _get(check, "numerator"), _get(check, "denominator")
    if numerator and denominator:
        ratio = _RATIO.search(message)
        if ratio is None:
            return None
        a, b, got, wanted = (g.strip() for g in ratio.groups())
        return f"{numerator}{shown(a)}，占{denominator}{shown(b)}的{got}，低于{wanted}"
    if getattr(check, "TYPE", "") != "row_count":
        return None
    found = _COUNT.match(message)
    if found is None:
        return None
    scope, count = found.group(1) or "", int(found.group(3))
    noun = filter_text(_where(check))
    op = str(_get(check, "op") or ">=")
    wanted = _WANTED.search(message)
    value, basis = (wanted.group(1), wanted.group(2) or "") if wanted else (_get(check, "value"), "")
    if count == 0 and op in (">=", ">"):
        return f"{scope}无{noun}记录{basis}"
    return f"{scope}{noun}记录{count}条，{SHORT_WORDS.get(op, '应为')}{value}条{basis}"


def _blank(clause: Clause, message: str) -> str | None:
    """ "第3行X未填写（1/12条）" -> "第3行X未填写（12条中有1条）"; "<item>：X未填写" -> "<item>未填写X"."""
    item = _item_prefix(clause.check, message)
    if item is not None:
        message = item + "未填写" + _name(message[len(item) + 1 :].removesuffix("未填写"))
    found = _FRACTION.search(message)
    if found:
        message = message[: found.start()] + f"（{found.group(2)}条中有{found.group(1)}条）"
    rows = re.match(r"^(第[\d、]+(?:等\d+)?行)(是否.+)未填写", message)
    if rows:
        message = f"{rows.group(1)}未填写{_name(rows.group(2))}" + message[rows.end() :]
    return message


def _name(column: str) -> str:
    """A column named like a question is quoted where it stands as a noun: 未填写“是否合格”."""
    return f"“{column}”" if column.startswith("是否") else column


def finding_text(clause: Clause, finding: Finding) -> str:
    """One finding as a sentence (without the points)."""
    message = finding.message
    text: str | None = None
    if finding.code == "not-met":
        text = _not_met(clause, message)
    elif finding.code == "below-threshold":
        text = _below(clause, message)
    elif finding.code == "item-absent":
        item = _item_prefix(clause.check, message)
        value = re.search(r"未覆盖“(.*)”$", message)
        text = f"{item}无记录" if item else (f"缺少{value.group(1)}" if value else None)
    elif finding.code == "unreadable":
        found = _UNREADABLE.match(message)
        if found:
            name, typed, wanted = found.groups()
            text = f"{name}填写的“{typed}”无法识别" + (f"（应为{wanted}）" if wanted else "")
    elif finding.code == "blank":
        text = _blank(clause, message)
    return shown(text if text is not None else plain(message), 400)


def _period_text(clause: Clause, findings: Sequence[Finding]) -> str | None:
    """All the absent months or quarters of a clause in one sentence: 2018年2月、8月无X记录."""
    labels: list[str] = []
    year = scope = ""
    for f in findings:
        found = _PERIOD.match(f.message)
        if found is None:
            return None
        scope = scope or found.group(1) or ""
        year = year or found.group(3)
        labels.append(found.group(4))
    noun = filter_text(_where(clause.check))
    return f"{scope}{year}{'、'.join(labels)}无{noun}记录"


def _weekday_text(clause: Clause, finding: Finding) -> str | None:
    found = _WEEKDAYS.match(finding.message)
    if found is None:
        return None
    scope, absent, total, rate, days = found.groups()
    noun = filter_text(_where(clause.check))
    return f"{scope or ''}{total}个工作日中有{absent}天无{noun}记录（覆盖率{rate}）：{days}"


def problems(clause: Clause, result: ClauseResult) -> list[tuple[str, str]]:
    """(sentence, location) of every finding but notes, in order; the absent periods of a clause as one."""
    out: list[tuple[str, str]] = []
    shown_findings = [f for f in result.findings if f.kind != "note"]
    periods = [f for f in shown_findings if f.code == "period-absent"]
    merged = False
    for f in shown_findings:
        if f.code == "period-absent":
            weekday = _weekday_text(clause, f)
            if weekday is not None:
                out.append((shown(weekday, 400), f.location))
                continue
            if merged:
                continue
            text = _period_text(clause, periods)
            if text is not None:
                merged = True
                out.append((shown(text, 400), f.location))
                continue
        out.append((finding_text(clause, f), f.location))
    return out


def notes(result: ClauseResult) -> list[str]:
    return [shown(f.message, 400) for f in result.findings if f.kind == "note"]


def situation(result: ClauseResult, clause: Clause) -> str:
    """扣分/加分情况: the findings as sentences, then what they cost: "展板无记录，扣2分"."""
    text = _situation(result, clause)
    if result.self_score is not None and result.kind != "veto" and result.status not in OUT_OF_SCORE:
        gap = two(result.earned) - float(result.self_score)
        if abs(gap) >= 0.005:
            more = "高" if gap > 0 else "低"
            text += (
                f"（自评{points_text(result.self_score)}分，考核分{more}{points_text(round(abs(gap), 2))}分）"
            )
    return cut(text, 1000)


def _situation(result: ClauseResult, clause: Clause) -> str:
    found = "；".join(text for text, _ in problems(clause, result))
    remarks = "；".join(notes(result))
    if result.status == "not_applicable":
        return "本中心不适用此条"
    if result.status == "waived":  # the review finding says why and who approved it
        return next((plain(f.message) for f in result.findings if f.kind == "review"), "经复核豁免")
    if result.kind == "veto":
        if result.status == "fail":
            return f"{found or clause.title}，{VETO}"
        if result.status == "pass":
            return "未发现否决情形"
        return f"{found}，无法判定是否否决" if found else "无法判定是否否决"
    if result.kind == "bonus":
        earned = two(result.earned)
        if earned:
            return "，".join(x for x in (found, remarks, f"加{points_text(earned)}分") if x)
        return BONUS_NONE + (f"（{found}）" if found else "")
    lost = two(result.lost)
    if not lost:
        detail = "；".join(x for x in (found, remarks) if x)
        return f"{detail}，不扣分" if found else ("符合要求" + (f"（{remarks}）" if remarks else ""))
    return "，".join(x for x in (found, remarks, f"扣{points_text(lost)}分") if x)


def issues_text(result: ClauseResult, clause: Clause) -> str:
    """存在问题 of the 整改清单: the findings as sentences, without the points (a column says them)."""
    found = "；".join(text for text, _ in problems(clause, result))
    if result.kind == "veto" and result.status == "fail":
        return found or clause.title
    return cut(found or _situation(result, clause), 1000)


def locations(result: ClauseResult) -> str:
    """Where the evidence is, each `sheet!cell` once."""
    return "、".join(dict.fromkeys(shown(f.location, 80) for f in result.findings if f.location))

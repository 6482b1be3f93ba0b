"""Hand-made ledgers: the rows of a table that are not records, merged cells, headers with a unit.

People keep their own tables (合计 rows, a 填表人 line under the table, 一月份 section rows, a value
merged down over a week of duty rows, 年度次数（次）as a header). The reader gives the score a person
would give: merged ranges give their value to every cell they cover; a footer line ends the table; totals
and section rows are not records; a record pasted twice counts once. Every row not counted is named, so
an inspector can check what was skipped.

The words are a generic default vocabulary (a standard may add to it or replace it): nothing here is a
word of any particular standard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final

from auditor.standard.model import FieldSpec, RowWords
from auditor.workbook.values import is_blank, normalize_label

# a line under a table: a signature, a date of filling in; it ends the table
DEFAULT_FOOTER: Final = (
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "审批人",
    "统计人",
    "经办人签字",
    "签字",
    "签名",
    "盖章",
    "填表日期",
    "制表日期",
    "填报日期",
    "报送日期",
)
# a note under a table, or a signature, when followed by a colon (备注：…, 经办人：…); it ends the table too
DEFAULT_NOTE: Final = ("备注", "说明", "注", "经办人", "登记人", "填写人")
# a total row: a cell saying 合计 (or 合计：…), or a count such as 共12人
DEFAULT_TOTAL: Final = ("合计", "小计", "总计", "共计", "累计")
_COUNT = re.compile(r"共计?\d+(?:人|条|项|次|个|份|天|场|名|户|件|家|本)")
# a heading inside a table: 一月份, 1月, 2018年1月, 第一季度, 上半年, 二、巡查记录, （一）学习教育
_SECTION = re.compile(
    r"(?:(?:19|20)\d\d年度?)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份?|第?[一二三四1-4]季度|[上下]半年)"
    r"|[一二三四五六七八九十]{1,3}[、.].+"
    r"|\((?:[一二三四五六七八九十]{1,3}|\d{1,2})\).+"
)
_HEADING: Final = 10  # a heading ending with a colon has at most this many characters
_BLANK_START: Final = frozenset(" \t\u3000\n\r")  # a value starting with a blank is looked at closely
_TRIGGERS: Final = frozenset("填制审统经签盖报备说注合小总共累第上下一二三四五六七八九十(（〔")


DEFAULT_WORDS: Final = RowWords(DEFAULT_FOOTER, DEFAULT_NOTE, DEFAULT_TOTAL)

# a column where a clerk marks a record void (declared by the standard or not), and the marks
REMARK_HEADERS: Final = frozenset({"备注", "说明", "状态", "备注说明", "情况说明", "记录状态"})
_VOID: Final = ("作废", "取消", "无效", "删除", "撤销", "撤回", "不计")


# a cell saying "the same as the row above" (同上, 〃): the value of the row above in that column
DEFAULT_DITTO: Final = ("同上", "仝上", "同前", "〃", "″", "々")


def resolve_ditto(
    rows: Sequence[list[object]], start: int, columns: Iterable[int], words: Sequence[str], skip: set[int]
) -> list[tuple[int, int, str]]:
    """Each cell from row `start` on in `columns` whose text is a word of `words` takes the value of the
    nearest row above with a value in that column (in place; `skip`: rows not looked at for a value, such as
    section rows merged across); a mark with nothing above it stays. The cells changed: (row, column, mark)."""
    marks = {normalize_label(w): w for w in words}
    changed: list[tuple[int, int, str]] = []
    for c in sorted(set(columns)):
        above: object = None
        for r in range(start, len(rows)):
            row = rows[r]
            v = row[c] if c < len(row) else None
            if type(v) is str and len(v) <= 8 and normalize_label(v) in marks:
                if above is not None:
                    row[c] = above
                    changed.append((r, c, v.strip()))
            elif r not in skip and not is_blank(v):
                above = v
    return sorted(changed)


# a column naming the batch of each row in a table whose numbers restart in each batch (1–75, then 1–75 again)
GROUP_HEADERS: Final = frozenset(
    {"批次", "场次", "轮次", "期次", "批号", "分组", "组别", "调查批次", "测评批次"}
)


@lru_cache(maxsize=4096)
def is_group_header(text: str) -> bool:
    """A header naming a batch column, with or without a bracketed note (批次, 批次（上/下半年）)."""
    name = normalize_label(text)
    if name.endswith(")") and "(" in name:
        name = name[: name.index("(")]
    return name in GROUP_HEADERS


@lru_cache(maxsize=4096)
def is_remark_header(text: str) -> bool:
    """A header naming a remark column, with or without a bracketed note (备注, 备注（情况说明）): a batch's
    tables share their headers, so each text is looked at once."""
    name = normalize_label(text)
    if name.endswith(")") and "(" in name:
        name = name[: name.index("(")]
    return name in REMARK_HEADERS


def voided(raw: object) -> str | None:
    """The mark a remark cell voids its record with (作废, 已取消, （作废）, 因雨取消), or None."""
    if not isinstance(raw, str) or not raw:
        return None
    text = normalize_label(raw).strip("()[]【】")
    if len(text) > 10 or not text.endswith(_VOID):
        return None
    return text


@lru_cache(maxsize=64)
def triggers(words: RowWords) -> frozenset[str]:
    """First characters of the values that may start a row that is not a record (a fast pre-test; a value
    starting with a digit is looked at only when it ends like a month, a quarter or a year: 1月份, 3月, 2018年上半年)."""
    extra = {w[0] for w in (*words.footer, *words.note, *words.total, *words.section) if w}
    return _TRIGGERS | extra | _BLANK_START


@lru_cache(maxsize=64)
def _patterns(words: RowWords) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], frozenset[str]]:
    """Footer and note prefixes as one pattern each (on normalised text), total and section words as sets."""
    footer = "|".join(re.escape(normalize_label(w)) for w in words.footer if w) or "(?!)"
    note = "|".join(re.escape(normalize_label(w)) for w in words.note if w) or "(?!)"
    return (
        re.compile(f"(?:{footer})"),
        re.compile(f"(?:{note})\\s*[:：]"),
        frozenset(normalize_label(w) for w in words.total),
        frozenset(normalize_label(w) for w in words.section),
    )


def classify(
    values: Sequence[object], merged: bool, words: RowWords = DEFAULT_WORDS
) -> tuple[str, str] | None:
    """What a row is when it is not a record: ("footer" | "total" | "section", its text), else None.

    `values` are the row's non-blank values in the table's columns, left to right; `merged` says that they
    all come from one merged range spanning several columns."""
    footer, note, total, section = _patterns(words)
    first = values[0]
    if isinstance(first, str):
        raw = first.strip()
        if footer.match(normalize_label(first)) or note.match(raw):
            return "footer", raw
    for value in values:
        if isinstance(value, str):
            text = normalize_label(value)
            if text in total or _COUNT.fullmatch(text) or _colon_total(value, total):
                return "total", value.strip()
    if not isinstance(first, str) or any(v != first for v in values):
        return None
    text = normalize_label(first)
    if (merged and len(values) > 1) or _SECTION.fullmatch(text) or text in section:
        return "section", first.strip()
    if len(values) == 1 and first.strip()[-1:] in ":：" and 0 < len(text) <= _HEADING:  # 馆员名单：
        return "section", first.strip()
    return None


def _colon_total(value: str, total: frozenset[str]) -> bool:
    """合计：12人 — a total word, then a colon."""
    head, colon, _ = value.strip().replace("：", ":").partition(":")
    return bool(colon) and normalize_label(head) in total


def spread_merges(
    rows: list[list[object]], ranges: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> set[int]:
    """Give every cell of each merged range the value of its top-left cell (in place); the rows holding a
    merge across two or more columns are returned. Ranges are clamped to the rows and columns there are."""
    if not rows:
        return set()
    width = len(rows[0])  # python-calamine's rows all have the sheet's width
    across: set[int] = set()
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows) or c0 >= width or r1 < r0 or c1 < c0:
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else None
        if value is None or is_blank(value):
            continue
        last_row, last_col = min(r1, len(rows) - 1), min(c1, width - 1)
        for r in range(r0, last_row + 1):
            row = rows[r]
            if len(row) <= last_col:
                row.extend([None] * (last_col + 1 - len(row)))
            for c in range(c0, last_col + 1):
                row[c] = value
            if last_col > c0:
                across.add(r)
    return across


def field_words(fields: Iterable[FieldSpec]) -> dict[str, str]:
    """Each field's name and aliases, normalised, -> its name (what a header or label may say)."""
    fields = tuple(fields)
    return label_words(tuple(f.name for f in fields), tuple((a, f.name) for f in fields for a in f.aliases))


def label_words(names: Sequence[str], aliases: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Names and (alias, name) pairs, normalised, -> the name; a name wins over an alias spelt alike."""
    words: dict[str, str] = {}
    for alias, name in aliases:
        words.setdefault(normalize_label(alias), name)
    return {**words, **{normalize_label(n): n for n in names}}


def header_name(text: str, wanted: dict[str, str]) -> tuple[str | None, str]:
    """The declared column a header cell names, and the unit or note in brackets after it:
    年度次数（次）-> (年度次数, 次); 是否完好(是/否) -> (是否完好, 是/否); 时长\\n（小时）-> (时长, 小时)."""
    key = normalize_label(text)
    name = wanted.get(key)
    if name is not None:
        return name, ""
    for opening, closing in (("(", ")"), ("[", "]")):
        if key.endswith(closing) and opening in key:
            cut = key.rindex(opening)
            name = wanted.get(key[:cut])
            if name is not None:
                return name, key[cut + 1 : -1]
    return None, ""

"""Cell values as people type them -> Python values.

Every parser takes the raw cell value (whatever the reader returned: str, int, float, bool, date, datetime,
time or None) and either returns the clean value or raises :class:`ParseError` saying what was expected.
Blank cells never reach a parser: callers test :func:`is_blank` first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Final

from auditor.workbook.magnitude import scaled
from auditor.workbook.spans import NO_END, DaySpan, EndsEarly, after_day, span, week_day

# Generic vocabulary (not words of any standard); a standard may override it.
DEFAULT_YES: Final = ("是", "有", "√", "✓", "✔", "☑", "✅", "已", "y", "yes", "true", "1", "对")
DEFAULT_NO: Final = ("否", "无", "×", "✗", "✘", "☒", "❌", "x", "未", "n", "no", "false", "0", "没有")
# how a remark after a yes starts when the yes holds only in part: 是（部分时段）, 有，个别时段收费
DEFAULT_PARTLY: Final = ("部分", "部份", "个别", "偶尔")

EXCEL_EPOCH_1900: Final = dt.date(1899, 12, 30)
EXCEL_EPOCH_1904: Final = dt.date(1904, 1, 1)
MAX_SERIAL: Final = 2958465  # 9999-12-31
EARLIEST_DAY: Final = dt.date(1990, 1, 1)  # a serial before it is not meant as a date (3.9, 43, 2018.3)

_BLANKS = re.compile(r"\s+")
_TRAILING_COLON = re.compile(r"[:]+$")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DATE_SEP = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[ T]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_DATE_PLAIN = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", re.ASCII)  # a fast path of _DATE_SEP
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
# a year of two digits (18.3.5, 18年3月5日, 18-03-05: year, month, day, as days are written here): 20yy
_DATE_SHORT_YEAR = re.compile(r"(\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_YEAR = re.compile(r"(\d{4})\s*年?(?:度)?")
_YEAR_MONTH = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月份?|[-/.](\d{1,2}))")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*(?:月\s*(\d{1,2})\s*[日号]?|[-/](\d{1,2}))")
_WEEKDAY = re.compile(r"\s*[(\[]?\s*(?:周|星期|礼拜)\s*([一二三四五六日天])\s*[)\]]?\s*$")


def _span(first: dt.date, end: tuple[int, int, int]) -> dt.date:
    """:func:`span`, its errors as a ParseError."""
    try:
        return span(first, end)
    except EndsEarly:
        raise ParseError(DATE_EXPECTED + "；时间段的结束早于开始") from None
    except ValueError:
        raise ParseError(DATE_EXPECTED) from None


WEEKDAYS: Final = "一二三四五六日"
# Unicode format characters (invisible; pasted from web pages and WeChat): soft hyphen, zero-width space and
# joiners, direction marks, word joiner, BOM ...
_FORMAT = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class MonthDay:
    """A day typed without its year (3月15日, 3-15): that day of the audit year. `weekday` (0 Monday ... 6
    Sunday): the weekday typed after it (7月6日 星期五), which the day of the audit year must be. `last`: the
    (month, day) a range typed without its year ends on (3月15日至17日); `week`: in a table kept a week a row,
    (the weekday its weeks begin on, the weekday meant): the day of that weekday in this day's week."""

    month: int
    day: int
    weekday: int | None = None
    last: tuple[int, int] | None = None
    week: tuple[int, int] | None = None

    def __str__(self) -> str:
        return f"{self.month}月{self.day}日"

    def in_year(self, year: int) -> dt.date | None:
        try:
            day = dt.date(year, self.month, self.day)
            if self.last is not None:
                day = _span(day, (0, *self.last))
        except (ValueError, ParseError):  # 2月29日 of a common year
            return None
        return day if self.week is None else week_day(day, *self.week)

    def contradicted(self, day: dt.date) -> str | None:
        """What is expected when the weekday typed is not `day`'s (the day in the audit year), else None."""
        if self.weekday is None or day.weekday() == self.weekday:
            return None
        return weekday_expected(day)


def weekday_expected(day: dt.date) -> str:
    """What a date typed with a weekday that is not `day`'s should be (the error's expected form)."""
    return f"日期（{day.isoformat()}是星期{WEEKDAYS[day.weekday()]}，与所写星期不符）"


@dataclass(frozen=True)
class Month:
    """A month typed without a day (2018年3月, 2018.3 as text): counts for month and quarter coverage."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月"


DateValue = dt.date | MonthDay | Month


class ParseError(ValueError):
    """A value is present but cannot be read as the expected type. `value`: the answer it still partly gives
    (True for 是（部分时段）: not the yes a requirement asks, yet a yes where any yes fails), else None."""

    def __init__(self, expected: str, value: object = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.value = value


def is_blank(raw: object) -> bool:
    """True for an empty cell: None, '' or only blanks (including the ideographic space)."""
    if raw is None or raw == "":
        return True
    if isinstance(raw, str):  # str.strip() removes every Unicode blank, the ideographic space too
        return not raw.strip() or (not raw.isprintable() and not _FORMAT.sub("", raw).strip())
    return False


# 1. 1、 (1) （一） 一、 七． ⑤ (NFKC makes it 5): a leading number of a list
_NUMBERING = re.compile(
    r"^(?:\((?:\d{1,3}|[一二三四五六七八九十]{1,3})\)"
    r"|(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、:]"
    r"|\d{1,2}(?=[^\d.]))"
)


def strip_numbering(text: str) -> str:
    """A normalised text without the number of a list in front (1.名称 -> 名称, （一）名称 -> 名称)."""
    return _NUMBERING.sub("", text, count=1)


def normalize_label(text: str) -> str:
    """Normalise labels, headers, keys and enumeration values for comparison.

    NFKC folds full-width brackets, colons, digits and letters to half-width;
    every blank (also inside the text) is removed; a trailing colon is dropped.
    """
    if (
        text.isprintable()  # no format character, no blank but the space, no line break
        and " " not in text
        and unicodedata.is_normalized("NFKC", text)
        and "【" not in text
        and "】" not in text
        and not text.endswith(":")
    ):  # nearly every text (a name, a date, a category): already what the folding below would make
        return text
    return _fold(text)


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """The folding of a text that is not already folded (remembered: such labels repeat)."""
    folded = _FORMAT.sub("", text)
    for _ in range(4):  # NFKC can expose blanks, and removing blanks can enable a new composition
        previous = folded
        folded = _BLANKS.sub("", unicodedata.normalize("NFKC", folded))
        if folded == previous:
            break
    folded = folded.replace("【", "[").replace("】", "]")
    return _TRAILING_COLON.sub("", folded)


def strip_format(text: str) -> str:
    """Remove the invisible Unicode format characters (zero-width space, BOM, word joiner, soft hyphen ...)."""
    return _FORMAT.sub("", text)


def strip_control(text: str) -> str:
    """Remove the control characters spreadsheet XML cannot hold (and nobody means to type)."""
    return _CONTROL.sub("", text)


def display(raw: object) -> str:
    """The value as typed, for messages (control characters removed); an Excel boolean as Excel and WPS
    show it (TRUE, FALSE)."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.date) and not _PLAUSIBLE[0] <= raw.year <= _PLAUSIBLE[1]:
        return _serial_of(raw)  # the number typed into a date-formatted cell (3.5), not 1900-01-03
    text = raw.isoformat() if isinstance(raw, dt.date | dt.time) else str(raw)
    return _CONTROL.sub("", text)


def comparison_text(status: str, value: object, raw: object) -> str:
    """A cell's value as values are compared across records and workbooks: blank is empty, text is
    normalised (:func:`normalize_label`), a date or time is its ISO form, an error the value as typed
    (:func:`display`, which the common kinds skip: made for every new value a batch reads)."""
    if status == "blank":
        return ""
    shown = value if status == "ok" else raw
    if isinstance(shown, str):
        return normalize_label(shown)
    if isinstance(shown, dt.date):
        return shown.isoformat()
    if isinstance(shown, float):  # as display() shows it (a number's text has no control character)
        return str(int(shown)) if shown.is_integer() else str(shown)
    if isinstance(shown, dt.time):
        return shown.isoformat()
    return display(shown)


def parse_text(raw: object) -> str:
    """Text as typed, stripped; integral numbers lose their '.0' (a number typed as an id)."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if type(raw) is str and raw.isprintable():  # no format or control character to remove (nearly every text)
        return raw.strip()
    try:
        return _CONTROL.sub("", _FORMAT.sub("", str(raw))).strip()
    except ValueError:  # an integer too long to print
        raise ParseError("文本") from None


def parse_yesno(
    raw: object,
    yes: Iterable[str] = DEFAULT_YES,
    no: Iterable[str] = DEFAULT_NO,
    partly: tuple[str, ...] = DEFAULT_PARTLY,
) -> bool:
    """A yes or a no, also with a remark after it (是（已上墙）); a yes whose remark starts with one of
    `partly` (是（部分时段）) is no full yes: a ParseError holding True (see :class:`ParseError`)."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        yes_set, no_set = _word_sets(tuple(yes), tuple(no))
        word = normalize_label(raw).lower()
        if word in yes_set:
            return True
        if word in no_set:
            return False
        remark = _REMARK.fullmatch(word)  # 是（已上墙）, 否，正在建设: the answer, then a remark on it
        head = remark.group(1) or remark.group(3) if remark else None
        note = (remark.group(2) if remark.group(1) else remark.group(4)) if remark else ""
        if note in (no_set if head in yes_set else yes_set if head in no_set else ()):  # 是、否: both choices
            raise ParseError(f"{next(iter(yes), '是')}或{next(iter(no), '否')}之一，不能两种都写")
        if head in yes_set:
            only = _partly(partly)
            if (
                only is not None and only.match(note) and _POINTER.search(note) is None
            ):  # 是（部分时段）, 有，个别时段收费: a yes only in part
                yes_word = next(iter(yes), "是")
                expected = f"{yes_word}/{next(iter(no), '否')}（“{note}”不是完全的“{yes_word}”）"
                raise ParseError(expected, True)
            return True
        if head in no_set:
            return False
    raise ParseError(f"{next(iter(yes), '是')}/{next(iter(no), '否')}")


# a yes/no answer followed by a remark: in brackets, or after a comma, full stop or semicolon (normalised)
_REMARK = re.compile(r"([^(,。;、]+)\((.*)\)|([^(,。;、]+)[,。;、](.*)")


# a remark saying where the proof is (是，部分资料见附件): the yes is whole, part of its papers are elsewhere
_POINTER = re.compile(r"详见|参见|另见|见附|附后|另附|附件|附表")


@lru_cache(maxsize=16)
def _partly(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """The start of a remark saying a yes holds only in part: a word of `words`, perhaps after 仅, 只, 但
    or 大 (仅部分, 大部分); None without words."""
    alternatives = "|".join(re.escape(normalize_label(w).lower()) for w in words if w.strip())
    return re.compile(f"(?:仅|只|但|大)?(?:{alternatives})") if alternatives else None


@lru_cache(maxsize=16)
def _word_sets(yes: tuple[str, ...], no: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    return (
        frozenset(normalize_label(w).lower() for w in yes),
        frozenset(normalize_label(w).lower() for w in no),
    )


# a number as about so much: 约10, 10左右 (never 10余, 10多: more than it); a comma grouping thousands (not 3,5)
_ABOUT = re.compile(r"^(?:大约|约为|大概|约)|(?:左右|上下)$")
_GROUPS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _strip_unit(text: str, units: Sequence[str]) -> str:
    for unit in sorted((normalize_label(u) for u in units), key=len, reverse=True):
        if unit and text.endswith(unit):
            return text[: -len(unit)]
    return text


def parse_number(raw: object, units: Sequence[str] = (), minimum: Decimal | None = None) -> Decimal:
    """A number: numeric cells, or text such as '２', ' 2 ', '2人', '3.5万元' (unit must be one of `units`);
    one below `minimum` (a count, an amount or a time of -3) is no value the field can have."""
    number = _number(raw, units)
    if minimum is not None and number < minimum:
        raise ParseError(f"不小于{minimum}的数")
    return number


def _number(raw: object, units: Sequence[str]) -> Decimal:
    if isinstance(raw, bool):
        raise ParseError("数字")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ParseError("数字")
        return Decimal(repr(raw))
    if isinstance(raw, str):
        text = _strip_unit(_GROUPS.sub("", normalize_label(raw)), units)
        if not _NUMBER.fullmatch(text):  # 约10分钟, 10分钟左右: about that number
            about = _ABOUT.sub("", text)
            text = _strip_unit(about, units) if about != text else text
        if _NUMBER.fullmatch(text):
            return Decimal(text)  # the pattern admits only what Decimal reads
        other = scaled(_GROUPS.sub("", normalize_label(raw)), units)  # 120000元 in a field in 万元
        if other is not None:
            return other
    expected = "数字" + (f"（单位：{'/'.join(units)}）" if units else "")
    raise ParseError(expected)


def parse_integer(raw: object, units: Sequence[str] = (), minimum: Decimal | None = None) -> int:
    try:
        number = _number(raw, units)
    except ParseError:
        raise ParseError("整数" + (f"（单位：{'/'.join(units)}）" if units else "")) from None
    if number != number.to_integral_value():
        raise ParseError("整数")
    if minimum is not None and number < minimum:
        raise ParseError(f"不小于{minimum}的整数")
    return int(number)


def _serial_to_date(serial: float, epoch1904: bool) -> dt.date:
    if not 1 <= serial <= MAX_SERIAL:
        raise ParseError(DATE_EXPECTED)
    epoch = EXCEL_EPOCH_1904 if epoch1904 else EXCEL_EPOCH_1900
    try:
        day = epoch + dt.timedelta(days=int(serial))
    except OverflowError:
        raise ParseError(DATE_EXPECTED) from None
    if day < EARLIEST_DAY:  # 3.9 meaning 3月9日, 2018.3 meaning a month, 43: not an Excel date
        raise ParseError(DATE_EXPECTED + "；单元格里的数字不能当作日期")
    return day


DATE_EXPECTED = "日期（如 2018-03-05）"
# the years a date-formatted cell may show: a number typed into one (3.9 for 3月9日, 2018.3 for a month, 43)
# shows as a day of 1900-1909, six digits (201803) as a day centuries ahead
_PLAUSIBLE: Final = (1910, 2199)


def _serial_of(raw: dt.date) -> str:
    """The number Excel holds for a date as python-calamine gives it (1900-01-03 12:00 -> 3.5; the 1900 date
    system, which nearly every workbook has)."""
    moment = raw if isinstance(raw, dt.datetime) else dt.datetime(raw.year, raw.month, raw.day)
    # python-calamine counts the days before 1900-03-01 from 1899-12-31 (Excel's 1900 leap day)
    epoch = dt.datetime(1899, 12, 31) if moment < dt.datetime(1900, 3, 1) else dt.datetime(1899, 12, 30)
    serial = round((moment - epoch).total_seconds() / 86400, 6)
    return str(int(serial)) if serial == int(serial) else f"{serial:g}"


def _ymd(year: str, month: str, day: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ParseError(DATE_EXPECTED) from None


def parse_date(raw: object, epoch1904: bool = False) -> DateValue:
    """Excel dates and serials; text 2018-03-05, 2018/3/5, 2018.3.5, 2018年3月5日, 20180305 (18.3.5, 18年3月5日:
    2018), with a weekday after it or not (2018-01-02（周二）); a day without its year (3月15日, 3-15) as
    :class:`MonthDay`; a month without a day (2018年3月, 2018-03, 2018.3 as text) as :class:`Month`. A number
    that is not a plausible Excel date (before 1990: 3.9, 43) is not read as one."""
    if type(raw) is str:  # the common case first: 2018-3-5 typed as text
        match = _DATE_PLAIN.fullmatch(raw)
        if match:
            return _ymd(*match.groups())
    if isinstance(raw, dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
        if not _PLAUSIBLE[0] <= day.year <= _PLAUSIBLE[1]:  # 3.5 or 201803 typed into a date-formatted cell
            raise ParseError(DATE_EXPECTED + "；单元格里的数字不能当作日期")
        return day
    if isinstance(raw, bool):
        raise ParseError(DATE_EXPECTED)
    if isinstance(raw, int | float):
        if isinstance(raw, int) or raw.is_integer():
            as_int = int(raw)
            if 19000101 <= as_int <= 29991231:  # 20180305 typed into a number cell
                return _ymd(str(as_int)[:4], str(as_int)[4:6], str(as_int)[6:])
        return _serial_to_date(raw, epoch1904)
    if isinstance(raw, str):
        return _parse_date_text(_FORMAT.sub("", unicodedata.normalize("NFKC", raw)).strip())
    raise ParseError(DATE_EXPECTED)


def _parse_date_text(text: str) -> DateValue:
    weekday: int | None = None
    match = _WEEKDAY.search(text)
    if match and match.start() > 0:
        weekday = WEEKDAYS.index(match.group(1).replace("天", "日"))
        text = text[: match.start()]
    day: dt.date | None = None
    match = _DATE_SEP.fullmatch(text) or _DATE_COMPACT.fullmatch(text)
    if match:
        day = _ymd(*match.groups())
    elif short := _DATE_SHORT_YEAR.fullmatch(text):
        day = _ymd(f"20{short.group(1)}", short.group(2), short.group(3))
    if day is not None:
        if weekday is not None and day.weekday() != weekday:
            raise ParseError(weekday_expected(day))
        return day
    match = _DATE_SEP.match(text)
    end = after_day(text, match.end(), int(match.group(3)), ":" in match.group(0)) if match else None
    if match and end is not None:  # a range (its days); a time of day
        return _span(_ymd(*match.groups()), end)
    match = _YEAR_MONTH.fullmatch(text)
    if match:
        month = int(match.group(2) or match.group(3))
        if 1 <= month <= 12:
            return Month(int(match.group(1)), month)
        raise ParseError(DATE_EXPECTED)
    match = _MONTH_DAY.fullmatch(text) or _MONTH_DAY.match(text)
    end = NO_END
    if match and match.end() < len(text):
        end = after_day(text, match.end(), int(match.group(2) or match.group(3)))
    if match and end is not None:
        month, number = int(match.group(1)), int(match.group(2) or match.group(3))
        if 1 <= month <= 12 and MonthDay(month, number).in_year(2000) is not None:  # 2000: a leap year
            if not end[2]:
                return MonthDay(month, number, weekday)  # its weekday is checked in the audit year
            if end[0]:  # 3月15日至2018年3月17日: no year at the start
                raise ParseError(DATE_EXPECTED)
            last = (end[1] or month, end[2])
            if not isinstance(_span(dt.date(2000, month, number), (0, *last)), DaySpan):
                return MonthDay(month, number, weekday)  # no later day (3月15日-3月15日)
            return MonthDay(month, number, weekday, last)
    raise ParseError(DATE_EXPECTED)


def parse_year(raw: object) -> int:
    if isinstance(raw, dt.date):
        return raw.year
    if isinstance(raw, bool):
        raise ParseError("年份")
    if isinstance(raw, int | float) and 1900 <= raw <= 2999 and float(raw).is_integer():
        return int(raw)
    if isinstance(raw, str):
        text = normalize_label(raw)
        match = _YEAR.fullmatch(text)
        if match and 1900 <= int(match.group(1)) <= 2999:
            return int(match.group(1))
    raise ParseError("年份（如 2018）")


def parse_enum(raw: object, values: Sequence[str], partly: tuple[str, ...] = DEFAULT_PARTLY) -> str:
    """One of `values`, compared after normalisation; returns the canonical spelling. A value ticked (甲√),
    with a remark (甲（说明）: not one saying it holds only in part, `partly`) or its kind after it (甲活动)
    is that value."""
    word = normalize_label(parse_text(raw))
    spelled = {normalize_label(value): value for value in reversed(values)}
    remark = _ENUM_REMARK.search(word) if word not in spelled else None
    if remark and (only := _partly(partly)) is not None and only.match(remark.group(1)):  # 达标（部分）
        raise ParseError(
            "、".join(values) + f" 之一（“{remark.group(1)}”不是完全的“{word[: remark.start()]}”）"
        )
    for bare in (word, word.strip(_TICKS), _ENUM_REMARK.sub("", word), _ENUM_KIND.sub("", word)):
        if bare in spelled and bare:
            return spelled[bare]
    raise ParseError("、".join(values) + " 之一")


_ENUM_REMARK = re.compile(r"\(([^()]*)\)$")  # NFKC made the brackets half-width
_ENUM_KIND = re.compile(r"(?:类活动|活动|类)$")
_TICKS = "√✓✔☑()[]"

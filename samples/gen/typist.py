"""How a clerk types values into a workbook: yes/no words, dates, numbers with units, labels, headers,
and the layout habits of the tables (header row, 序号 column, shuffled columns, a blank row)."""

import datetime as dt
from dataclasses import dataclass
from random import Random
from typing import Final, Literal, TypeAlias

YesNoStyle: TypeAlias = Literal["std", "check", "youwu", "yn", "english", "space", "mixed", "std_check"]
DateStyle: TypeAlias = Literal[
    "excel", "excel_cn", "excel_slash", "serial", "iso", "slash", "dot", "cn", "compact", "mixed"
]
NumberStyle: TypeAlias = Literal["plain", "unit", "full", "text", "mixed"]
LabelStyle: TypeAlias = Literal["plain", "full", "colon"]

# The (yes, no) pairs of each style; a style with several pairs picks one per answer.
YN_TOKENS: Final[dict[YesNoStyle, tuple[tuple[str, str], ...]]] = {
    "std": (("是", "否"),),
    "check": (("√", "×"),),
    "youwu": (("有", "无"),),
    "yn": (("Y", "N"),),
    "english": (("yes", "no"),),
    "space": ((" 是 ", " 否"), ("是 ", " 否 ")),
    "mixed": (("是", "否"), ("√", "×"), ("有", "无"), ("Y", "N"), ("✓", "✗")),
    "std_check": (("是", "否"), ("√", "×")),
}
MIXED_DATES: Final[tuple[DateStyle, ...]] = ("iso", "slash", "dot", "cn", "compact", "excel")
MIXED_NUMBERS: Final[tuple[NumberStyle, ...]] = ("plain", "unit", "full", "text")
FULLWIDTH: Final = str.maketrans("0123456789", "０１２３４５６７８９")
EXCEL_EPOCH: Final = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Fmt:
    """A cell value with an explicit number format."""

    value: dt.date | int
    fmt: str


# What a sheet cell is given: a plain value, a value with a number format, or nothing.
Value: TypeAlias = str | float | bool | dt.date | Fmt | None


@dataclass(frozen=True)
class Typist:
    """One workbook's clerk. The defaults are the plain way: 是/否, Excel dates, numeric cells, a title
    row and the header in row 2. Mixed styles draw from the run's random stream, passed in."""

    yn: YesNoStyle = "std"
    dates: DateStyle = "excel"
    numbers: NumberStyle = "plain"
    labels: LabelStyle = "plain"  # 基本信息 labels: plain, full-width with "：", or with ":"
    header_row: int = 2  # 1: no title; 2: a title row; 3: a title and a 填报单位 row
    seq: bool = False  # a 序号 column first
    shuffle: bool = False  # the columns in a random order
    blank_row: bool = False  # a blank row in the middle of every table of 4 rows or more
    spaced_headers: bool = False  # two-character headers typed "日 期", "姓　名"
    year_text: bool = False  # 检查年度 typed as the text "2018"
    bools: bool = False  # yes/no as Excel booleans TRUE/FALSE

    def yes_no(self, rng: Random, v: bool | None) -> str | bool | None:
        if v is None:
            return None
        if self.bools:
            return bool(v)
        yes, no = rng.choice(YN_TOKENS[self.yn])
        return yes if v else no

    def date(self, rng: Random, d: dt.date, style: DateStyle | None = None) -> Fmt | str:
        style = style or self.dates
        if style == "mixed":
            style = rng.choice(MIXED_DATES)
        match style:
            case "excel":
                return Fmt(d, "yyyy-mm-dd")
            case "excel_cn":
                return Fmt(d, 'yyyy"年"m"月"d"日"')
            case "excel_slash":
                return Fmt(d, "yyyy/m/d")
            case "serial":
                return Fmt((d - EXCEL_EPOCH).days, "General")
            case "iso":
                return d.isoformat()
            case "slash":
                return f"{d.year}/{d.month}/{d.day}"
            case "dot":
                return f"{d.year}.{d.month}.{d.day}"
            case "cn":
                return f"{d.year}年{d.month}月{d.day}日"
            case "compact":
                return d.strftime("%Y%m%d")
        raise ValueError(style)

    def num(self, rng: Random, x: float | None, unit: str = "") -> float | str | None:
        if x is None:
            return None
        style = self.numbers
        if style == "mixed":
            style = rng.choice(MIXED_NUMBERS)
        if style == "plain":
            return x
        text = f"{x:g}" if isinstance(x, float) else str(x)
        match style:
            case "unit":
                return text + unit
            case "full":
                return text.translate(FULLWIDTH) if isinstance(x, int) else text
            case "text":
                return text
        raise ValueError(style)

    def label(self, name: str) -> str:
        if self.labels == "full":
            return name.replace("(", "（").replace(")", "）") + "："
        if self.labels == "colon":
            return name + ":"
        return name

    def header(self, name: str) -> str:
        if self.spaced_headers and len(name) == 2:
            return name[0] + "\u3000" + name[1] if name == "姓名" else name[0] + " " + name[1]
        return name

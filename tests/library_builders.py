"""Workbooks for the made-up reading-room standard (tests/data/library-standard.yaml).

Sheets are lists of rows written with openpyxl (tests.builders.write_workbook). The form
sheet has a title in row 1, so field ``i`` of FIELDS is in row ``i + 2`` (value in column B).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.builders import Sheets, weekdays, write_workbook

ROOT = Path(__file__).resolve().parent.parent
LIBRARY_STANDARD = ROOT / "tests" / "data" / "library-standard.yaml"
YEAR = 2021

FORM = "馆情概况"
ZONES = ["少儿阅读区", "报刊阅览区", "电子阅览区", "自习区"]
# Distinctive personal data: must never reach any output.
READER_NAMES = [f"隐名读者{i:02d}" for i in range(12)]
READER_PHONES = [f"1397531{i:04d}" for i in range(12)]

FIELDS: list[tuple[str, Any]] = [
    ("图书室名称", "春晖路社区图书室"),
    ("图书室编号", "LIB-001"),
    ("所在街区", "春晖片区"),
    ("图书室类别", "共建馆"),
    ("统计年份", YEAR),
    ("评估日期", dt.date(YEAR, 12, 15)),
    ("评估人", "评估员戊"),
    ("藏书总量(册)", 5200),
    ("年度购书经费(元)", 20000),
    ("社会捐赠经费(元)", 3000),
    ("共建方出资(元)", 8000),
    ("无障碍通道", "具备"),
    ("服务人口(人)", 4000),
    ("持证读者(人)", 600),
    ("馆藏出版物合规", "达标"),
]


def field_cell(label: str) -> str:
    """sheet!cell of a field's value in the form built by perfect_library()."""
    for i, (name, _) in enumerate(FIELDS):
        if name == label:
            return f"{FORM}!B{i + 2}"
    raise KeyError(label)


CLOSED = (dt.date(2021, 5, 3), dt.date(2021, 5, 4))  # the standard's own calendar: weekdays off
MAKE_UP = (dt.date(2021, 5, 8),)  # and a Saturday on


def open_days() -> list[dt.date]:
    """The working days of 2021 under the library standard's calendar: 261 - 2 + 1 = 260."""
    return sorted({d for d in weekdays(YEAR) if d not in CLOSED} | set(MAKE_UP))


def perfect_library(featured: int = 3) -> Sheets:
    """A reading room meeting every clause (base 100), with `featured` 特色品牌 events (0.5 each)."""
    activities: list[list[Any]] = [["举办时间", "活动形式", "主讲人", "到场人数"]]
    activities += [[dt.date(YEAR, m, 6), "读书会", "主讲甲", "15人"] for m in range(1, 13)]
    activities += [[dt.date(YEAR, m, 20), "讲座", "主讲乙", 40] for m in (2, 5, 8, 11)]
    activities += [[dt.date(YEAR, m, 12), "展览", None, 60] for m in (4, 10)]
    activities += [[dt.date(YEAR, 3 + i, 25), "特色品牌", "主讲丙", 30] for i in range(featured)]
    return {
        FORM: [["社区图书室评估表"], *[[name, value] for name, value in FIELDS]],
        "功能分区": [["分区名称", "建设情况", "说明"], *[[z, "达标", None] for z in ZONES]],
        "管理人员": [
            ["馆员", "职责", "在岗方式", "持证上岗"],
            ["馆员子", "馆长", "全职", "达标"],
            ["馆员丑", "采编", "全职", "达标"],
            ["馆员寅", "流通", "轮岗", "达标"],
            ["馆员卯", "志愿者", "轮岗", "具备"],
        ],
        "借阅登记": [["借出时间", "读者名", "读者手机", "经办人"]]
        + [[dt.date(YEAR, i + 1, 3), READER_NAMES[i], READER_PHONES[i], "馆员寅"] for i in range(12)],
        "开放日志": [["开放时间", "值守人"], *[[d, "馆员子"] for d in open_days()]],
        "读书活动": activities,
        "读者评议": [["评议编号", "评议等级"]]
        + [[f"P{i:02d}", "非常好"] for i in range(30)]
        + [[f"P{i:02d}", "未使用"] for i in range(30, 32)],
    }


def set_field(sheets: Sheets, label: str, value: Any) -> None:
    for row in sheets[FORM]:
        if row and row[0] == label:
            row[1] = value
            return
    raise KeyError(label)


def write(tmp_path: Path, name: str, sheets: Sheets) -> Path:
    return write_workbook(tmp_path / f"{name}.xlsx", sheets)

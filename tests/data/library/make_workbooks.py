"""Write the workbooks the reading-room test standard's own tests name (tests/data/library-standard.yaml,
``tests:``): a perfect reading room, one with defects, one vetoed.

Usage (from the repository root):  python tests/data/library/make_workbooks.py

The sheets come from tests/library_builders.py; the files are saved like the samples (fixed workbook
properties and zip times), so a run writes the committed bytes again.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if __name__ == "__main__" and not __package__:  # run as a script: make `tests` and `samples` importable
    sys.path.insert(0, str(HERE.parents[2]))

import openpyxl  # noqa: E402

from samples.gen.build import FIXED_TIME, save_deterministic  # noqa: E402
from tests.builders import Sheets  # noqa: E402
from tests.library_builders import YEAR, perfect_library, set_field  # noqa: E402


def perfect() -> Sheets:
    """Every clause met, three 特色品牌 events: base 100, bonus 1.5, capped at 100."""
    return perfect_library(featured=3)


def defects() -> Sheets:
    """A 流动点 (L1.5 does not apply) with 2000 books (L1.2), one zone not built (L1.1: 6 of 8), no reading
    club in March and September (L3.3: 4 - 2 x 0.5), and no 特色品牌 event."""
    sheets = perfect_library(featured=0)
    set_field(sheets, "图书室编号", "LIB-002")
    set_field(sheets, "图书室名称", "秋实巷流动图书点")
    set_field(sheets, "图书室类别", "流动点")
    set_field(sheets, "共建方出资(元)", None)
    set_field(sheets, "藏书总量(册)", 2000)
    zones = sheets["功能分区"]
    zones[-1] = [zones[-1][0], "未达标", None]
    sheets["读书活动"] = [
        row
        for row in sheets["读书活动"]
        if not (row[1] == "读书会" and row[0] in (dt.date(YEAR, 3, 6), dt.date(YEAR, 9, 6)))
    ]
    return sheets


def vetoed() -> Sheets:
    """A perfect reading room whose collection failed the review: the veto makes it D whatever its score."""
    sheets = perfect_library(featured=1)
    set_field(sheets, "图书室编号", "LIB-003")
    set_field(sheets, "图书室名称", "东湖社区图书室")
    set_field(sheets, "馆藏出版物合规", "未达标")
    return sheets


WORKBOOKS: dict[str, Any] = {"LIB-001.xlsx": perfect, "LIB-002.xlsx": defects, "LIB-003.xlsx": vetoed}


def write(folder: Path = HERE) -> list[Path]:
    written = []
    for name, make in WORKBOOKS.items():
        wb = openpyxl.Workbook()
        for sheet in list(wb.worksheets):
            wb.remove(sheet)
        for title, rows in make().items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        wb.properties.creator = wb.properties.lastModifiedBy = "audit tests"
        wb.properties.created = wb.properties.modified = FIXED_TIME
        save_deterministic(wb, folder / name)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in write():
        print(f"wrote {path.name}")

"""A workbook typed the way people type scores exactly as its clean twin."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.engine import audit_file
from auditor.result import CenterResult
from auditor.standard.model import Standard
from tests.builders import Sheets, drop_rows, full_center, set_field, write_workbook

FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")
YES = itertools.cycle(["√", "有", "Y", " 是 ", "✓", "已", "yes", "TRUE", 1])
NO = itertools.cycle(["×", "无", "N", "否", "✗", "未", "no", "false", 0])
DATE_FORMS: list[Callable[[dt.date], Any]] = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d:%Y%m%d}",
    lambda d: (d - dt.date(1899, 12, 30)).days,
    lambda d: f"{d:%Y-%m-%d}".translate(FULL),
]
UNITS = {
    "财政列支经费(万元)": "万元",
    "步行可达时间(分钟)": "分钟",
    "年度开展次数": "次",
    "人数": "人",
    "镇街工作人员总数": "人",
    "下沉社区工作人员数": "名",
    "参加人数": "人",
    "检查年度": "年",
}


def messy_value(value: Any, column: str, i: int) -> Any:
    if value == "是":
        return next(YES)
    if value == "否":
        return next(NO)
    if isinstance(value, dt.date):
        return DATE_FORMS[i % len(DATE_FORMS)](value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = f"{value}"
        if i % 2:
            text = text.translate(FULL)
        return f" {text}{UNITS.get(column, '')} " if i % 3 else text
    return value


def messy_label(label: str) -> str:
    return "  " + label.replace("(", "（").replace(")", "）") + " ："


def write_messy(path: Path, sheets: Sheets) -> Path:
    wb = openpyxl.Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name + " ")  # a trailing blank in the sheet name
        if name == "基本信息":
            ws.append(["检查表"])
            ws.merge_cells("A1:D1")
            for i, (label, value) in enumerate(rows):
                ws.append([None, messy_label(label), None, messy_value(value, label, i)])
            continue
        header, *data = rows
        order = list(reversed(range(len(header))))
        ws.append([f"{name}（2018年度）"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header) + 1)
        ws.append(["序号", *[messy_label(header[c]) for c in order]])
        for i, row in enumerate(data):
            ws.append([i + 1, *[messy_value(row[c], header[c], i) for c in order]])
            if i % 5 == 4:
                ws.append([])
    wb.save(path)
    return path


def scores(result: CenterResult) -> tuple[Any, ...]:
    return (
        result.score,
        result.base,
        result.bonus,
        result.grade,
        result.veto,
        [(c.id, c.status, c.earned, len(c.findings)) for c in result.clauses],
    )


def defective() -> Sheets:
    sheets = full_center(kind="街道", featured=2)
    drop_rows(sheets, "外观标识", lambda r: r[0] == "门牌外观")
    sheets["制度机制"][3][2] = "否"
    sheets["人员岗位"][2][3] = "否"
    drop_rows(sheets, "值班记录", lambda r: r[0].month == 2)
    drop_rows(sheets, "活动记录", lambda r: r[1] == "支部生活日" and r[0].month in (4, 8))
    sheets["服务台账"][5][5] = None
    set_field(sheets, "下沉社区工作人员数", 15)
    return sheets


def test_messy_twin_scores_exactly_as_clean(std2018: Standard, tmp_path: Path) -> None:
    clean = audit_file(std2018, write_workbook(tmp_path / "clean.xlsx", defective()))
    messy = audit_file(std2018, write_messy(tmp_path / "messy.xlsx", defective()))
    assert clean.score < Decimal(100)
    assert [c for c in clean.clauses if c.status == "error"] == []
    assert scores(messy) == scores(clean)
    assert messy.warnings == clean.warnings == ()


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 12), st.integers(0, 6), st.integers(0, 5), st.booleans())
def test_messy_equals_clean_for_random_defects(months: int, signs: int, featured: int, street: bool) -> None:
    import tempfile

    from auditor.standard.loader import load_standard
    from tests.builders import STANDARD_2018

    std = load_standard(STANDARD_2018)
    sheets = full_center(kind="街道" if street else "社区", featured=featured)
    drop_rows(sheets, "活动记录", lambda r: r[1] == "支部生活日" and r[0].month <= months)
    for row in sheets["外观标识"][1 : 1 + signs]:
        row[1] = "否"
    with tempfile.TemporaryDirectory() as tmp:
        clean = audit_file(std, write_workbook(Path(tmp) / "c.xlsx", sheets))
        messy = audit_file(std, write_messy(Path(tmp) / "m.xlsx", sheets))
    assert scores(messy) == scores(clean)

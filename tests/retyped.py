"""A sample's records typed again from scratch, the way a clerk keeps a ledger of their own: a merged title
over every sheet, a form with two label/value pairs a row and colons, a 序号 column, headers with a unit or
a note (年度开展次数（次）, 是否达标（是/否）), √ and 已建立 for 是, items numbered and suffixed (1.调研联络制度),
values with their unit (15次, 50人), a value merged down (类别), month section rows, a 合计 row, 填表人 and
注 lines, dates typed as text with their weekday (2018年1月10日 星期三, 2018-01-02（周二）) or dotted
(2018.1.17), a two-row header with a group over three columns, and zero-width characters and a BOM pasted
from WeChat. The records are the ones the reader counts in the sample, so the score must not move."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from auditor.standard.model import Standard
from auditor.workbook.evidence import Evidence
from auditor.workbook.reader import read_workbook

WEEKDAYS = "一二三四五六日"
MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
Records = tuple[list[str], list[list[object]]]


def read_all(standard: Standard, source: Path) -> Evidence:
    """The sample as the reader counts it, every declared column read."""
    every = {s.name: frozenset(f.name for f in s.fields) for s in standard.layout}
    return read_workbook(source, dataclasses.replace(standard, needed=every))


def _records(standard: Standard, evidence: Evidence, name: str) -> Records | None:
    table = evidence.tables.get(name)
    spec = standard.sheet(name)
    if table is None or spec is None:
        return None
    columns = [f.name for f in spec.fields if f.name in table.columns]
    return columns, [[table.cells[c][i].raw for c in columns] for i in range(len(table))]


def _with_unit(value: object, unit: str) -> object:
    return f"{int(value)}{unit}" if isinstance(value, float) and value.is_integer() else value


def _day(value: object, style: str) -> object:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return value
    if style == "weekday":
        return f"{value.year}年{value.month}月{value.day}日 星期{WEEKDAYS[value.weekday()]}"
    if style == "bracket":
        return f"{value.isoformat()}（周{WEEKDAYS[value.weekday()]}）"
    return f"{value.year}.{value.month}.{value.day}"


class Clerk:
    def __init__(self, standard: Standard, evidence: Evidence) -> None:
        self.standard, self.evidence = standard, evidence
        self.book = Workbook()
        self.book.remove(self.book.active)  # type: ignore[arg-type]
        self.sections = 0  # section rows written

    def records(self, name: str) -> Records | None:
        return _records(self.standard, self.evidence, name)

    def sheet(self, name: str, header: Sequence[object], header_row: bool = True) -> Worksheet:
        """A sheet under its merged title (row 1), with `header` as its next row."""
        ws: Worksheet = self.book.create_sheet(
            self.evidence.tables[name].actual_name if name in self.evidence.tables else name
        )
        ws.append([f"{name}（2018年度）"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(header), 2))
        if header_row:
            ws.append(list(header))
        return ws

    def table(
        self,
        name: str,
        header: Callable[[str], str] = str,
        value: Callable[[str, object], object] = lambda column, v: v,
        numbered: bool = False,
    ) -> tuple[Worksheet, list[str], list[list[object]]] | None:
        """The table's records under `header`'s names, each value as `value` types it; `numbered`: after a
        序号 column."""
        found = self.records(name)
        if found is None:
            return None
        columns, rows = found
        ws = self.sheet(name, [*(["序号"] if numbered else []), *map(header, columns)])
        for i, row in enumerate(rows, 1):
            ws.append([*([i] if numbered else []), *(value(c, v) for c, v in zip(columns, row, strict=True))])
        return ws, columns, rows


def _form(clerk: Clerk) -> None:
    form = clerk.evidence.forms[clerk.standard.layout[0].name]
    ws = clerk.book.create_sheet(form.actual_name)
    ws.append(["基本信息表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    items = list(form.fields.items())
    for i in range(0, len(items), 2):  # two label/value pairs a row
        row: list[object] = []
        for label, cell in items[i : i + 2]:
            raw = "√" if cell.raw == "是" else cell.raw
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            row += [label.replace("(", "（").replace(")", "）") + "：", raw]
        ws.append(row)
    ws.append(["填表人：王芳", "", "联系电话：0536-1234567"])


def _merge_down(ws: Worksheet, column: int, start: int) -> None:
    """Runs of one value in `column` (from row `start`) merged down, the value in the top cell only."""
    r = start
    while r <= ws.max_row:
        end = r
        value = ws.cell(r, column).value
        while end + 1 <= ws.max_row and value not in (None, "") and ws.cell(end + 1, column).value == value:
            end += 1
        if end > r:
            for below in range(r + 1, end + 1):
                ws.cell(below, column).value = None
            ws.merge_cells(start_row=r, start_column=column, end_row=end, end_column=column)
        r = end + 1


def _activities(clerk: Clerk) -> None:
    found = clerk.records("活动记录")
    if found is None:
        return
    columns, rows = found
    ws = clerk.sheet("活动记录", columns)
    month = None
    date = columns.index("日期") if "日期" in columns else None
    for row in rows:
        day = row[date] if date is not None else None
        if isinstance(day, dt.date) and day.year == 2018 and day.month != month:
            month = day.month
            ws.append([f"{MONTHS[month - 1]}月份"])  # a section row merged across the table
            clerk.sections += 1
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(columns))
        ws.append(
            [
                _day(v, "weekday") if c == "日期" else _with_unit(v, "人") if c == "参加人数" else v
                for c, v in zip(columns, row, strict=True)
            ]
        )
    ws.append(["合计"])
    ws.append(["填表人：王芳    审核人：李强    日期：2018年12月20日"])


def _ledger(clerk: Clerk) -> None:
    found = clerk.records("服务台账")
    if found is None:
        return
    columns, rows = found
    group = [c for c in columns if c in ("首问责任人", "办结日期", "处理反馈")]
    ws = clerk.sheet("服务台账", columns, header_row=False)
    top: list[object] = [c if c not in group else None for c in columns]
    if group:
        top[columns.index(group[0])] = "办理情况"
    ws.append(top)
    ws.append([c if c in group else None for c in columns])
    for k, c in enumerate(columns, 1):
        if c not in group:
            ws.merge_cells(start_row=2, start_column=k, end_row=3, end_column=k)
    first, last = (columns.index(group[0]) + 1, columns.index(group[-1]) + 1) if group else (0, 0)
    if len(group) > 1 and last - first + 1 == len(group):
        ws.merge_cells(start_row=2, start_column=first, end_row=2, end_column=last)
    for row in rows:
        ws.append(
            [
                _day(v, "dot") if c in ("受理日期", "办结日期") else v
                for c, v in zip(columns, row, strict=True)
            ]
        )


def retype(standard: Standard, source: Path, target: Path) -> int:
    """The sample at `source` typed again by a clerk, saved at `target`; the number of section rows written
    (a month's heading in the activities, where the sample's dates are dates)."""
    clerk = Clerk(standard, read_all(standard, source))
    _form(clerk)
    made = clerk.table(
        "外观标识",
        lambda c: c + "（是/否）" if c == "是否达标" else c,
        lambda c, v: "√" if v == "是" else v,
        numbered=True,
    )
    if made:
        made[0].append(["填表人：王芳", None, "审核人：李强"])
    numbered = iter(range(1, 1000))

    def system(column: str, value: object) -> object:
        if column == "制度名称" and isinstance(value, str) and value:
            return f"{next(numbered)}.{value}制度"
        if column == "是否建立" and value == "是":
            return "已建立"
        return "有" if column == "是否有执行记录" and value == "是" else value

    made = clerk.table("制度机制", value=system)
    if made:
        made[0].append(["注：制度均已上墙公示"])
    made = clerk.table("人员岗位")
    if made:
        ws, columns, rows = made
        ws.append(["合计", *[None] * (len(columns) - 2), f"共{len(rows)}人"])
    clerk.table(
        "服务队伍",
        lambda c: c + "（人）" if c == "人数" else c,
        lambda c, v: _with_unit(v, "人") if c == "人数" else v,
    )
    made = clerk.table(
        "服务事项",
        lambda c: c + "（次）" if c == "年度开展次数" else c,
        lambda c, v: _with_unit(v, "次") if c == "年度开展次数" else v,
    )
    if made and "类别" in made[1]:
        _merge_down(made[0], made[1].index("类别") + 1, 3)
    _activities(clerk)
    clerk.table("督查记录", value=lambda c, v: _day(v, "dot") if c == "日期" else v)
    clerk.table("值班记录", value=lambda c, v: _day(v, "bracket") if c == "日期" else v)
    _ledger(clerk)
    pasted = iter(range(1_000_000))

    def answer(column: str, value: object) -> object:
        i = next(pasted)
        if not isinstance(value, str) or column == "问卷编号":
            return value
        return f"\u200b{value}" if i % 7 == 0 else f"\ufeff{value}" if i % 11 == 0 else value

    clerk.table("满意度测评", value=answer)
    clerk.table("自评得分")
    clerk.book.save(target)
    return clerk.sections

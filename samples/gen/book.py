"""One center's workbook in the making, and the table layout every list sheet shares."""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from random import Random

from openpyxl import Workbook
from openpyxl.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from samples.gen import vocab
from samples.gen.centers import Center
from samples.gen.typist import DateStyle, Fmt, Value

TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)
CENTERED = Alignment(horizontal="center", vertical="center")


@dataclass
class Book:
    """The workbook of one center, written by its typist with the run's random stream. Every random
    draw goes through `rng`, in the order the sheets are written, so the bytes depend on the seed only."""

    center: Center
    rng: Random
    wb: Workbook

    def yn(self, v: bool | None) -> str | bool | None:
        return self.center.typist.yes_no(self.rng, v)

    def date(self, d: dt.date, style: DateStyle | None = None) -> Fmt | str:
        return self.center.typist.date(self.rng, d, style)

    def num(self, x: float | None, unit: str = "") -> float | str | None:
        return self.center.typist.num(self.rng, x, unit)

    def person(self) -> str:
        return vocab.person(self.rng)

    def phone(self) -> str:
        return vocab.phone(self.rng)


def put(cell: Cell | MergedCell, value: Value) -> None:
    if value is None:
        return
    # Only the top-left cell of a merged range is ever written to, and that is a Cell.
    assert isinstance(cell, Cell), cell.coordinate
    if isinstance(value, Fmt):
        cell.value = value.value
        cell.number_format = value.fmt
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula


def write_table(
    b: Book,
    sheet: str,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Value]],
    widths: Mapping[str, int] | None = None,
) -> Worksheet:
    """A table sheet: optional title rows, a header row, one record a row."""
    t = b.center.typist
    name = b.center.name
    ws: Worksheet = b.wb.create_sheet(sheet)
    cols = list(columns)
    if t.shuffle:
        b.rng.shuffle(cols)
    if t.seq:
        cols = ["序号", *cols]
    n = len(cols)
    hr = t.header_row
    if hr >= 2:
        ws.cell(1, 1, f"{name}{title}").font = TITLE_FONT
        ws.cell(1, 1).alignment = CENTERED
        if n > 1:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    if hr >= 3:
        put(ws.cell(2, 1), f"填报单位：{name}　　填报时间：2018年12月")
        if n > 1:
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    for j, col in enumerate(cols, start=1):
        cell = ws.cell(hr, j)
        put(cell, t.header(col))
        cell.font = HEADER_FONT
        cell.alignment = CENTERED
        w = (widths or {}).get(col, 14 if col != "序号" else 6)
        ws.column_dimensions[get_column_letter(j)].width = w
    r = hr + 1
    blank_at = len(rows) // 2 if (t.blank_row and len(rows) >= 4) else None
    for i, row in enumerate(rows):
        if i == blank_at:
            r += 1  # a blank row in the middle of the data
        for j, col in enumerate(cols, start=1):
            put(ws.cell(r, j), i + 1 if col == "序号" else row.get(col))
        r += 1
    return ws

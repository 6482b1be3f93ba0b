"""Tables side by side on one sheet: the header typed again to the right of itself (last year's block
beside this year's, a long list printed in two halves).

Each block is read as a table. Once the audit year is known, the blocks holding dates of that year are
read and the others not (a block of another year beside this year's); when every block, or none, holds
such dates they are read as one table. A warning names the blocks and what was read: never silently one
of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.standard.model import SheetSpec
from auditor.workbook.evidence import Cell, TableSheet
from auditor.workbook.values import Month, MonthDay

_BLANK = Cell("blank", "", text="")


def side_by_side(cells: Sequence[tuple[int, str]]) -> list[dict[str, int]] | None:
    """The blocks of a header row ((column, declared name) of its cells, left to right): a new block starts
    where a name of the block being read comes again. Side by side when there are two blocks or more, each
    naming two columns or more, every later one names of the first in the first's order (the header typed
    again); else None (one table naming a column twice)."""
    blocks: list[dict[str, int]] = [{}]
    for c, name in cells:
        if name in blocks[-1]:
            blocks.append({})
        blocks[-1][name] = c
    order = list(blocks[0])
    if len(blocks) < 2 or any(len(b) < 2 or list(b) != [n for n in order if n in b] for b in blocks):
        return None
    return blocks


def span(table: TableSheet) -> str:
    """A–D列: the letters of a block's declared columns."""
    letters = sorted(table.columns.values(), key=lambda letter: (len(letter), letter))
    return f"{letters[0]}–{letters[-1]}列" if len(letters) > 1 else f"{letters[0]}列"


def join(parts: Sequence[TableSheet], sheets: bool = False) -> TableSheet:
    """Blocks read as one table: the first block's records, then the next one's; each cell keeps its letter.
    `sheets`: the parts are on several sheets (a sheet and its 续表), each row keeps its sheet too."""
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    columns = {n: letter for part in reversed(parts) for n, letter in part.columns.items()}
    table = TableSheet(first.name, first.actual_name, first.header_row, {**columns, **first.columns})
    with_cells = dict.fromkeys(n for part in parts for n in part.cells)
    with_texts = dict.fromkeys(n for part in parts for n in part.texts)
    batched = any(part.batches for part in parts)
    for part in parts:
        n = len(part)
        table.numbers += part.numbers
        table.skipped += part.skipped
        if sheets:
            table.sheets += part.sheets or [part.actual_name] * n
            table.skipped_sheets += part.skipped_sheets or [part.actual_name] * len(part.skipped)
        if batched:
            table.batches += part.batches or [""] * n
        for name in with_cells:
            table.cells.setdefault(name, []).extend(part.cells.get(name) or [_BLANK] * n)
        for name in with_texts:
            own = part.texts.get(name) or [cell.text or "" for cell in part.cells.get(name) or [_BLANK] * n]
            table.texts.setdefault(name, []).extend(own)
        for name in {**with_cells, **with_texts}:
            letters = part.letters.get(name) or [part.columns.get(name, table.columns.get(name, ""))] * n
            table.letters.setdefault(name, []).extend(letters)
    if not sheets:
        table.skipped.sort()
    return table


def join_sheets(parts: Sequence[TableSheet]) -> TableSheet:
    """A table kept on several sheets read as one (:func:`join`); a record of a later sheet that repeats one
    of an earlier sheet (a copy of the sheet kept beside it) counts once, with a note."""
    table = join(parts, sheets=True)
    columns = [table.cells[n] for n in table.cells] + [
        table.texts[n] for n in table.texts if n not in table.cells
    ]
    seen: dict[tuple[object, ...], int] = {}
    kept: list[int] = []
    for i in range(len(table)):
        key = tuple(c.raw if isinstance(c, Cell) else c for c in (column[i] for column in columns))
        earlier = seen.get(key)
        if earlier is None or table.sheets[earlier] == table.sheets[i]:
            seen.setdefault(key, i)
            kept.append(i)
            continue
        table.skipped.append(
            (
                table.numbers[i],
                f"第{table.numbers[i]}行与工作表“{table.sheets[earlier]}”第"
                f"{table.numbers[earlier]}行重复，只计一次",
            )
        )
        table.skipped_sheets.append(table.sheets[i])
    if len(kept) < len(table):
        _only(table, kept)
    return table


def _only(table: TableSheet, kept: list[int]) -> None:
    """The table with only the rows `kept` (in place)."""
    table.numbers = [table.numbers[i] for i in kept]
    table.sheets = [table.sheets[i] for i in kept]
    if table.batches:
        table.batches = [table.batches[i] for i in kept]
    for name, cells in table.cells.items():
        table.cells[name] = [cells[i] for i in kept]
    for texts in (table.texts, table.letters):
        for name, values in texts.items():
            texts[name] = [values[i] for i in kept]


@dataclass
class SideBySide:
    """A table read as blocks side by side, to be chosen among once the year is known; `at` is the place of
    its warning among the workbook's."""

    spec: SheetSpec
    parts: list[TableSheet]
    at: int

    def choose(self, year: int | None) -> tuple[TableSheet, str]:
        """The table read (the blocks of `year`, or all of them) and the warning saying so."""
        parts = self.parts
        spans = "、".join(map(span, parts))
        said = f"{parts[0].actual_name}: 表头在{spans}各出现一次（并排的{len(parts)}个表格）"
        read = (
            f.name for f in self.spec.fields if f.type == "date" and any(f.name in p.cells for p in parts)
        )
        dates = next(read, None)
        of_year = [year is not None and dates is not None and _has_year(part, dates, year) for part in parts]
        if any(of_year) and not all(of_year):
            chosen = [part for part, ok in zip(parts, of_year, strict=True) if ok]
            others = [part for part, ok in zip(parts, of_year, strict=True) if not ok]
            shown = "、".join(map(span, chosen))
            return join(
                chosen
            ), f"{said}，读取{shown}（{dates}在{year}年），{'、'.join(map(span, others))}未读取"
        return join(parts), f"{said}，{'都' if len(parts) == 2 else '全部'}读取，合为一个表格"


def _has_year(table: TableSheet, column: str, year: int) -> bool:
    """Some cell of the column holds a date of `year` (a day typed without its year is of every year)."""
    for cell in table.cells.get(column, ()):
        value = cell.value
        if isinstance(value, dt.date | Month) and value.year == year:
            return True
        if isinstance(value, MonthDay):
            return True
    return False

"""A day typed as the day of another date of the same row: a clerk writes 当日办结, 当场办结 or 即办 in a
column of the day something was done, meaning the day it was asked for. A column declares the date column
it is then read from (``same_day``); the words are the engine's generic vocabulary."""

from __future__ import annotations

import re
from operator import itemgetter

from auditor.standard.model import SheetSpec
from auditor.workbook.evidence import Cell, TableSheet
from auditor.workbook.values import comparison_text, normalize_label

# the same day: 当日/当天/当场/即时 (办结, 办理, 完成, 解决 …), 即办, 即办即结, 随到随办
_SAME_DAY = re.compile(
    r"(?:当日|当天|当场|即时|即日|立即|现场)(?:办结|办理|办完|完成|解决|处理|答复|受理)?(?:完毕)?"
    r"|即办(?:即结)?|随到随办"
)
SHOWN = 10  # cells a warning names before 等共N处


def same_day_word(raw: object) -> bool:
    """The text says "on the same day" (当日办结, 当场解决, 即办)."""
    return type(raw) is str and len(raw) <= 12 and _SAME_DAY.fullmatch(normalize_label(raw)) is not None


def read_same_day(spec: SheetSpec, table: TableSheet, keyed: frozenset[str]) -> list[str]:
    """Each column declaring ``same_day``: its cells typed 当日办结 (unreadable as dates) take the date of the
    declared column in the same row, where that one is read (in place). The warnings naming the cells."""
    said: list[str] = []
    for f in spec.fields:
        cells = table.cells.get(f.name) if f.same_day else None
        base = table.cells.get(f.same_day) if cells is not None else None
        if cells is None or base is None or "error" not in map(itemgetter(0), cells):
            continue  # nearly always: no cell of the column is unreadable
        changed: list[int] = []
        for i, cell in enumerate(cells):
            if cell.status == "error" and same_day_word(cell.raw) and base[i].ok:
                text = comparison_text("ok", base[i].value, cell.raw) if f.name in keyed else None
                cells[i] = Cell("ok", cell.location, base[i].value, cell.raw, "", cell.pii, text)
                changed.append(i)
        if not changed:
            continue
        if f.name in table.texts and f.name in keyed:
            table.texts[f.name] = [cell.text or "" for cell in cells]
        letter = table.columns.get(f.name, "")
        words = "、".join(f"“{w}”" for w in dict.fromkeys(str(cells[i].raw).strip() for i in changed))
        where = "、".join(f"{letter}{table.numbers[i]}" for i in changed[:SHOWN])
        more = f" 等共{len(changed)}处" if len(changed) > SHOWN else ""
        said.append(f"{table.actual_name}: {f.name}{words}按同一行的{f.same_day}读取：{where}{more}")
    return said

"""A form sheet's fields: each declared label looked for anywhere in the sheet, as clerks type it (numbered,
marked, with a note, with its value after a colon, twice), and its value the first cell to its right."""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.standard.model import FieldSpec, SheetSpec, Standard
from auditor.workbook.evidence import Cell, FormSheet
from auditor.workbook.ledger import field_words, header_name
from auditor.workbook.sheet import HEADER_MEMO_LIMIT, Sheet, column_letter
from auditor.workbook.values import is_blank, normalize_label, strip_numbering


class _Labels:
    """How a form's cells name its fields: the label itself (``馆名``, ``馆名：``), the label with a bracketed
    note (``馆名（全称）``), the label without the unit it is declared with (``藏书`` for ``藏书(册)``, when no
    other label has that stem), and the label with its value typed after a colon in the same cell
    (``馆号：LIB-9``)."""

    def __init__(self, spec: SheetSpec) -> None:
        by_name = {f.name: f for f in spec.fields}
        self.exact = {word: by_name[name] for word, name in field_words(spec.fields).items()}
        stems: dict[str, FieldSpec | None] = {}
        for key, f in self.exact.items():
            stem = key[: key.rindex("(")] if key.endswith(")") and "(" in key else None
            if stem and stem not in self.exact:
                stems[stem] = None if stem in stems else f  # two labels of one stem: neither
        self.stems = {stem: f for stem, f in stems.items() if f is not None}
        self.names = {key: key for key in (*self.exact, *self.stems)}
        self.seen: dict[str, tuple[FieldSpec | None, str | None]] = {}  # a batch's forms share their texts
        self.other_unit: dict[
            str, tuple[FieldSpec, str]
        ] = {}  # a label giving another unit: the field, the unit

    def field(self, text: str, raw: str = "") -> FieldSpec | None:
        """The field a label's text names (normalised), or None: also a label numbered or marked as a list
        of a form's rows is (1.名称, 一、名称, *名称); a label naming another unit in brackets than its field's
        is none (步行时间（小时） for 步行时间(分钟)), remembered in `other_unit` under `raw`."""
        found = self.exact.get(text) or self.stems.get(text)
        if found is None and text[-1:] in ")]】":
            name, note = header_name(text, self.names)
            if name is not None and note:
                found = self.exact.get(name) or self.stems.get(name)
                if (
                    found is not None
                    and name in self.stems
                    and note in UNIT_WORDS
                    and note not in found.units
                ):
                    self.other_unit[raw] = (found, note)
                    return None
        if (
            found is None
            and text
            and (text[0] in _MARKS or text[0].isdigit() or text[0] in "(一二三四五六七八九十")
        ):
            bare = strip_numbering(text.lstrip(_MARKS))
            if bare != text and bare:
                return self.field(bare, raw)
        return found

    def read(self, raw: str) -> tuple[FieldSpec | None, str | None]:
        """The field a cell names, and the value typed after its colon in the cell (None: none there)."""
        known = self.seen.get(raw)
        if known is None:
            known = self._read(raw)
            if len(self.seen) < HEADER_MEMO_LIMIT:
                self.seen[raw] = known
        return known

    def _read(self, raw: str) -> tuple[FieldSpec | None, str | None]:
        found = self.field(normalize_label(raw), raw)
        if found is not None:
            return found, None
        colon = min((i for i in (raw.find(":"), raw.find("：")) if i > 0), default=-1)
        if colon < 0:
            return None, None
        found = self.field(normalize_label(raw[:colon]), raw)
        value = raw[colon + 1 :].strip()
        return (found, value) if found is not None and not is_blank(value) else (None, None)


_MARKS = "*※★☆●◆■▲·•"  # a mark before a form's label (a required field, a list's bullet)
# units a bracket after a label may give, other than its field's: the label is then not the field's
UNIT_WORDS = frozenset(
    [
        "元",
        "万元",
        "千元",
        "百元",
        "亿元",
        "分",
        "分钟",
        "小时",
        "时",
        "秒",
        "天",
        "日",
        "周",
        "月",
        "年",
        "人",
        "名",
        "位",
        "个",
        "次",
        "场",
        "份",
        "件",
        "户",
        "家",
        "本",
        "册",
        "米",
        "千米",
        "公里",
        "平方米",
        "㎡",
        "m2",
        "m²",
        "km",
        "%",
        "‰",
    ]
)

_labels: dict[int, tuple[SheetSpec, _Labels]] = {}


def _labels_of(spec: SheetSpec) -> _Labels:
    """The form's labels, made once per declared sheet."""
    known = _labels.get(id(spec))
    if known is None or known[0] is not spec:
        if len(_labels) > 256:  # forms of many standards in one process
            _labels.clear()
        known = _labels[id(spec)] = (spec, _Labels(spec))
    return known[1]


def read_form(
    spec: SheetSpec, sheet: Sheet, standard: Standard, warnings: list[str] | None = None
) -> FormSheet:
    """Each field's cell: the value right of its label (or after its colon). A label that stands twice (a
    legend above the form, a row typed again) is read where its value is readable, the first such row when
    two are, with a warning naming both cells; a label giving another unit is not read, with a warning."""
    labels = _labels_of(spec)
    found: dict[str, Cell] = {}
    again: dict[str, list[Cell]] = {}
    width = sheet.width
    for r, row in enumerate(sheet.rows):
        header: list[tuple[FieldSpec, int]] = []  # labels with nothing right of them but other labels
        for c, raw in enumerate(row):
            if not isinstance(raw, str) or not raw:
                continue
            field_spec, inline = labels.read(raw)
            if field_spec is None:
                other = labels.other_unit.get(raw)
                if other is not None and warnings is not None:
                    name = other[0].name
                    warnings.append(
                        f"{sheet.name}!{column_letter(c)}{r + 1}: “{raw.strip()}”的单位（{other[1]}）与“{name}”不同，"
                        f"未读取；请换算后填在“{name}”一栏"
                    )
                continue
            if inline is not None:  # 馆号：LIB-9 — the value in the label's own cell
                cell = sheet.typed(field_spec, r, c, inline, standard)
            else:
                value_col = _value_column(sheet, r, c + 1, width, field_spec, labels)
                if value_col is None:
                    header.append((field_spec, c))
                    cell = Cell(
                        "blank", f"{sheet.name}!{column_letter(c + 1)}{r + 1}", pii=field_spec.pii, text=""
                    )
                else:
                    cell = sheet.cell(field_spec, r, value_col, standard)
            _found(found, again, field_spec.name, cell)
        if len(header) >= _HEADER_LABELS:  # the form laid out as a table: labels in a row, values below
            for field_spec, c in header:
                if found.get(field_spec.name) is not None and found[field_spec.name].status != "blank":
                    continue
                below = _below(sheet, r, c, labels)
                if below is not None:
                    cell = (
                        sheet.cell(field_spec, r + 1, c, standard)
                        if below
                        else Cell(
                            "blank", f"{sheet.name}!{column_letter(c)}{r + 2}", pii=field_spec.pii, text=""
                        )
                    )
                    _replace_last(found, again, field_spec.name, cell)
    for name, cells in again.items():
        found[name] = _one_of(name, cells, warnings)
    return FormSheet(spec.name, sheet.name, found)


_HEADER_LABELS = 3  # labels a row holds, none with a value right of it, where the values are in the row below


def _found(found: dict[str, Cell], again: dict[str, list[Cell]], name: str, cell: Cell) -> None:
    if name in found:
        again.setdefault(name, [found[name]]).append(cell)
    else:
        found[name] = cell


def _replace_last(found: dict[str, Cell], again: dict[str, list[Cell]], name: str, cell: Cell) -> None:
    """The cell last found for `name` is `cell` instead."""
    if name in again:
        again[name][-1] = cell
    else:
        found[name] = cell


def _below(sheet: Sheet, r: int, c: int, labels: _Labels) -> bool | None:
    """Whether the cell below a label holds its value (True), is blank (False), or is another label (None)."""
    if r + 1 >= len(sheet.rows) or not sheet.present(r + 1, c):
        return False
    row = sheet.rows[r + 1]
    raw = row[c] if c < len(row) else None
    if isinstance(raw, str) and labels.read(raw)[0] is not None:
        return None
    return True


def _one_of(name: str, cells: list[Cell], warnings: list[str] | None) -> Cell:
    """The cell read for a label that stands more than once: the first readable, else the first typed in."""
    chosen = next((c for c in cells if c.ok), None) or next(
        (c for c in cells if c.status != "blank"), cells[0]
    )
    differ = len({c.value for c in cells if c.ok}) > 1
    if warnings is not None and (chosen is not cells[0] or differ):
        places = "、".join(_cell_name(c) for c in cells)
        how = "，所填不同" if differ else ""
        warnings.append(
            f"{chosen.location}: “{name}”出现 {len(cells)} 次{how}（{places}），读取{_cell_name(chosen)}"
        )
    return chosen


def _cell_name(cell: Cell) -> str:
    return cell.location.rsplit("!", 1)[-1]


def _value_column(
    sheet: Sheet, r: int, start: int, width: int, label: FieldSpec, labels: _Labels
) -> int | None:
    """The first cell right of a label holding its value. Another declared label is never a value (a row
    with two label/value pairs, one value left blank); the label's own merged copies are passed over, and
    so is a note on who fills the field in (评估组填写, 仅分馆填写: a blank value with its note beside it)."""
    row = sheet.rows[r]
    for k in range(start, width):
        if not sheet.present(r, k):
            continue
        raw = row[k] if k < len(row) else None
        if isinstance(raw, str):
            named, inline = labels.read(raw)
            if named is label and inline is None:
                continue
            if named is not None:
                return None
            if _who_fills(raw):
                continue
        return k
    return None


# a note beside a form's value on who fills it in: 评估组填写, 仅分馆填写, （由评估组填写）
_WHO_FILLS = re.compile(r"(?!已)[(（]?(?:仅|只|由|请)?[^\d:：]{1,10}填写[)）]?")


@lru_cache(maxsize=4096)
def _who_fills(text: str) -> bool:
    return _WHO_FILLS.fullmatch(normalize_label(text)) is not None

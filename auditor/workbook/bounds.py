"""How much a sheet will make python-calamine allocate, found before it sees the file, in linear time.

python-calamine builds each sheet it reads as a dense grid from the first to the last cell holding a
value (the used range: rows × columns, 32 bytes a cell) and reserves what a file declares (the count of
shared strings): one cell at XFD1048576 in a 17 KB file asks for 512 GB, and the process aborts. Here
every XML part is measured the way the reader will read it:

- a worksheet (any part with ``sheetData``): when every cell is written ``<c r="A1"`` with at most two
  letters and four digits (what Excel, WPS, LibreOffice and openpyxl write for a sheet up to ZZ9999)
  one regular-expression search says so; otherwise every tag is read in one pass, as the reader does
  (comments, CDATA and quoted attribute values skipped, cells without ``r`` placed by counting, a
  prefixed ``<x:c>`` counted as a cell), and the cells holding a value, the used range and any cell
  reference outside Excel's grid are measured exactly;
- ``sharedStrings.xml``: its ``<si>`` entries and the ``uniqueCount`` it declares (reserved as given);
- an OpenDocument ``content.xml``: rows and cells with their ``number-*-repeated`` counts expanded.

Nothing here is quadratic: each scan moves forward only, and every search for a tag's end stops at the
first unquoted ``>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_ROW = 1_048_576  # Excel's grid: rows 1..1,048,576, columns A..XFD
MAX_COL = 16_384


@dataclass(frozen=True)
class Extent:
    """The cells holding a value and the used range (rows × columns) a sheet will be read as."""

    cells: int = 0
    rows: int = 0
    cols: int = 0

    @property
    def area(self) -> int:
        return self.rows * self.cols


class OutOfGrid(ValueError):
    """A cell reference beyond Excel's grid (no spreadsheet program writes one)."""

    def __init__(self, ref: bytes) -> None:
        super().__init__(ref.decode("ascii", "replace")[:20])
        self.ref = self.args[0]


# A cell start tag that is not `<c r="A1"` (one or two capital letters, one to four digits): prefixed,
# attributes in another order, no r, a longer reference, whitespace or quotes of another kind.
# Two searches, each led by a literal the regular-expression engine skips to quickly (one search with both
# alternatives would try every position).
_UNUSUAL_CELL = re.compile(rb'<c(?! r="[A-Z]{1,2}[0-9]{1,4}")[\s>/]')
_PREFIXED_CELL = re.compile(rb":c[\s>/]")
_TAG_END = frozenset(b" \t\n\r\x0b\x0c>/")  # what ends a tag's name (the regular expressions' [\s>/])
RARE_TRIES = 64  # a rare byte's occurrences looked at one by one before a regular expression takes over
PLAIN_MAX_AREA = 702 * 9_999  # ZZ9999: the largest used range a sheet of plain cells can have
_TAG = re.compile(rb"""<(/?)([^\s<>/"']*)((?:[^>"']|"[^"]*"|'[^']*')*+)>""")
_ATTR = re.compile(rb"""([^\s=<>/"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"([A-Za-z]*)([0-9]*)")


def _tags(body: bytes) -> Iterator[tuple[bool, bytes, bytes]]:
    """(closing, name, attributes) of every tag, in order, as an XML reader sees them: comments, CDATA,
    processing instructions and declarations skipped, quoted attribute values (which may hold ``<`` and
    ``>``) kept inside their tag. Stops where a reader would fail (an unterminated comment, an unclosed
    quote). A self-closing tag ends its attributes with ``/``."""
    find, match, startswith = body.find, _TAG.match, body.startswith
    pos = 0
    while True:
        lt = find(b"<", pos)
        if lt < 0:
            return
        second = body[lt + 1 : lt + 2]
        if second in (b"!", b"?"):
            if startswith(b"<!--", lt):
                end, skip = find(b"-->", lt + 4), 3
            elif startswith(b"<![CDATA[", lt):
                end, skip = find(b"]]>", lt + 9), 3
            elif second == b"?":
                end, skip = find(b"?>", lt + 2), 2
            else:
                end, skip = find(b">", lt + 2), 1
            if end < 0:
                return
            pos = end + skip
            continue
        tag = match(body, lt)
        if tag is None:
            return
        pos = tag.end()
        yield tag.group(1) == b"/", tag.group(2), tag.group(3)


def _attr(attrs: bytes, key: bytes) -> bytes | None:
    """The raw value of the first attribute named `key` (as the reader takes it)."""
    for found in _ATTR.finditer(attrs):
        if found.group(1) == key:
            value = found.group(2)
            return value if value is not None else found.group(3)
    return None


def _position(ref: bytes) -> tuple[int, int | None] | None:
    """0-based (row, column or None) of a reference like the reader's; None where the reader fails on it;
    OutOfGrid beyond Excel's grid."""
    parts = _REF.fullmatch(ref)
    if parts is None or not parts.group(2):
        return None
    letters, digits = parts.group(1), parts.group(2)
    if len(letters) > 3 or len(digits.lstrip(b"0")) > 7:
        raise OutOfGrid(ref)
    row = int(digits.lstrip(b"0") or b"0")
    col = 0
    for ch in letters.upper():
        col = col * 26 + ch - 64
    if row > MAX_ROW or col > MAX_COL:
        raise OutOfGrid(ref)
    if row == 0:
        return None
    return row - 1, (col - 1 if letters else None)


class _Box:
    """The cells counted and their bounding box."""

    def __init__(self) -> None:
        self.cells = 0
        self.top = self.left = 1 << 62
        self.bottom = self.right = -1

    def add(self, row: int, col: int, times: int = 1, rows: int = 1) -> None:
        self.cells += times * rows
        self.top, self.bottom = min(self.top, row), max(self.bottom, row + rows - 1)
        self.left, self.right = min(self.left, col), max(self.right, col + times - 1)

    def extent(self) -> Extent:
        if not self.cells:
            return Extent()
        return Extent(self.cells, self.bottom - self.top + 1, self.right - self.left + 1)


def sheet_extent(body: bytes, max_cells: int, max_area: int) -> Extent | None:
    """The extent of a worksheet part; None when it is within both limits for sure: every cell is plain (a
    used range within ZZ9999, found by one search) and there cannot be more than `max_cells` of them.
    OutOfGrid for a reference beyond Excel's grid."""
    if max_area >= PLAIN_MAX_AREA and len(body) // 16 <= max_cells:
        # the reader reads cells from its first sheetData to the end of it: from the first mention of the word
        # to the last one is never less
        start, end = body.find(b"sheetData"), body.rfind(b"sheetData")
        begin, stop = max(start, 0), end if end > start else len(body)
        if not has_prefixed_cell(body, begin, stop) and _UNUSUAL_CELL.search(body, begin, stop) is None:
            return None
    return _scan_sheet(body)


def has_prefixed_cell(body: bytes, start: int, stop: int) -> bool:
    """A prefixed cell tag (``<x:c``) in ``body[start:stop]``: each ":" (rare in a worksheet) is found at
    memchr speed and looked at; a part with many falls back to one regular-expression search (linear)."""
    find = body.find
    i = find(b":", start, stop)
    for _ in range(RARE_TRIES):
        if i < 0:
            return False
        if i + 2 < stop and body[i + 1] == 0x63 and body[i + 2] in _TAG_END:  # 0x63: "c"
            return True
        i = find(b":", i + 1, stop)
    return i >= 0 and _PREFIXED_CELL.search(body, i, stop) is not None


_FORMULA_END = re.compile(rb"</f>")  # a formula (its element closes: a shared formula's master)
_ERROR_TYPE = re.compile(rb'e(?<=t="e)"')  # an error cell (led by a literal the engine skips to)


def has_specials(sheet: bytes) -> bool:
    """A formula or an error cell in a worksheet part. A formula's end ``</f>`` is found by its "f" (rare in
    a worksheet: its tags have none) at memchr speed, each looked at; a part with many falls back to one
    regular-expression search. An error cell holds an error value, which begins with "#" (absent from
    nearly every sheet): only a part with one is searched for ``t="e"``."""
    find = sheet.find
    i = find(b"f", 2)
    for _ in range(RARE_TRIES):
        if i < 0:
            break
        if sheet.startswith(b"</f>", i - 2):
            return True
        i = find(b"f", i + 1)
    else:
        if _FORMULA_END.search(sheet, i - 2) is not None:
            return True
    return b"#" in sheet and _ERROR_TYPE.search(sheet) is not None


def _scan_sheet(body: bytes) -> Extent:
    """Every tag read as python-calamine reads a worksheet: a cell is placed by its ``r`` or, without one,
    after the previous cell of its row (a row by its ``r`` or after the previous row); it counts when it
    holds an element (a value, a formula, an inline string); a self-closing cell is empty."""
    box = _Box()
    row = col = 0
    cell: tuple[int, int] | None = None  # the open cell
    valued = False
    for closing, name, attrs in _tags(body):
        local = name[name.rfind(b":") + 1 :]
        if local == b"c" and (closing or cell is None):
            if closing:
                if cell is not None:
                    if valued:
                        box.add(*cell)
                    col += 1
                cell = None
                continue
            ref = _attr(attrs, b"r")
            at = row
            if ref is not None:
                where = _position(ref)
                if where is None or where[1] is None:
                    return box.extent()  # the reader fails on this sheet
                at, col = where[0], where[1]
            if attrs.endswith(b"/"):
                col += 1
            else:
                cell, valued = (at, col), False
        elif cell is not None:
            valued = valued or not closing
        elif local == b"row":
            if closing:
                row, col = row + 1, 0
                continue
            ref = _attr(attrs, b"r")
            if ref is not None:
                found = _position(ref)
                if found is None:
                    return box.extent()
                row = found[0]
            if attrs.endswith(b"/"):
                row, col = row + 1, 0
    return box.extent()


def shared_strings(body: bytes) -> tuple[int, int]:
    """(the ``<si>`` entries, at most: a prefixed closing tag is counted too; the uniqueCount declared)."""
    count = body.count(b"<si") + body.count(b":si")
    declared = 0
    head = re.search(rb"<(?:[^\s<>/:]*:)?sst\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*+)>", body[:65536])
    if head is not None:
        value = _attr(head.group(1), b"uniqueCount")
        if value is not None and value.strip().isdigit():
            declared = int(value.strip()[:19])
    return count, declared


def _repeats(attrs: bytes, key: bytes, cap: int) -> int:
    value = _attr(attrs, key)
    if value is None:
        return 1
    digits = value.strip()
    return min(cap, int(digits[:12])) if digits.isdigit() else 1


_ODS_CONTENT = (
    b"office:value",
    b"office:date-value",
    b"office:time-value",
    b"office:boolean-value",
    b"office:string-value",
    b"table:formula",
)


def ods_extents(body: bytes) -> Iterator[tuple[str, Extent]]:
    """(table name, extent) of each table of an OpenDocument content.xml, repeated rows and cells expanded
    (capped as the reader caps them, at Excel's grid)."""
    box, name, row = _Box(), "", 0
    col, row_repeats, row_cells = 0, 1, list[tuple[int, int]]()
    cell: tuple[int, int] | None = None
    for closing, tag, attrs in _tags(body):
        if tag == b"table:table":
            if closing:
                yield name, box.extent()
                box, row = _Box(), 0
            else:
                raw = _attr(attrs, b"table:name") or b""
                name = raw.decode("utf-8", "replace")
        elif tag == b"table:table-row":
            if not closing:
                row_repeats = _repeats(attrs, b"table:number-rows-repeated", MAX_ROW - row) or 1
                row_cells, col = [], 0
            if closing or attrs.endswith(b"/"):
                for at, times in row_cells:
                    box.add(row, at, times, row_repeats)
                row = min(MAX_ROW, row + row_repeats)
                row_cells, col = [], 0
        elif tag in (b"table:table-cell", b"table:covered-table-cell"):
            if closing:
                if cell is not None:
                    row_cells.append(cell)
                    col = min(MAX_COL, col + cell[1])
                cell = None
                continue
            times = _repeats(attrs, b"table:number-columns-repeated", MAX_COL - col) or 1
            if attrs.endswith(b"/"):
                if any(key in attrs for key in _ODS_CONTENT):
                    row_cells.append((col, times))
                col = min(MAX_COL, col + times)
            else:
                cell = (col, times)

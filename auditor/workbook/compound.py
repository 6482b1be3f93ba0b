"""An .xls file (an OLE compound file holding BIFF records) checked the way python-calamine will read it.

python-calamine follows the file's sector chains wherever they lead and reserves what the records
declare: a 1.5 KB .xls whose directory chain points back to itself grows until memory runs out, a
DIFAT chain in a circle never ends, a header declaring four billion FAT sectors or a DIMENSIONS record
declaring 4 billion rows reserve that much at once, and cells spread over a 65,536 × 65,536 grid are
allocated densely. Here, in time linear in the file: the header's counts against the file's size, the
DIFAT and directory chains (no circle, no sector past the end), the streams the reader takes (no longer
than the file), and, in the Workbook stream, every sheet's DIMENSIONS and cell positions (the used range
and the cells it will allocate).
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass

from auditor.workbook.bounds import Extent, _Box

ENDOFCHAIN, DIFSECT, RESERVED = 0xFFFFFFFE, 0xFFFFFFFC, 0xFFFFFFFA
MAX_SHEETS = 4096
_U32 = struct.Struct("<I")


class Damaged(ValueError):
    """The compound file or its records are not what any spreadsheet program writes."""


@dataclass(frozen=True)
class SheetExtent:
    name: str  # as the workbook's sheet list gives it (or "第 N 个" when it cannot be read)
    extent: Extent
    declared: int  # rows × columns its DIMENSIONS record declares


def _u32s(raw: bytes) -> array[int]:
    values = array("I")
    values.frombytes(raw[: len(raw) // 4 * 4])
    if values.itemsize != 4:  # pragma: no cover - every platform Python runs on has a 4-byte "I"
        raise Damaged("u32")
    if struct.pack("=I", 1) != struct.pack("<I", 1):  # pragma: no cover - big-endian machine
        values.byteswap()
    return values


class _Sectors:
    def __init__(self, data: bytes | bytearray, size: int, maxid: int, start: int) -> None:
        self.data, self.size, self.maxid, self.start = data, size, maxid, start

    def get(self, sid: int) -> bytes:
        if sid > self.maxid:
            raise Damaged("sector past the end")
        begin = self.start + sid * self.size
        return bytes(self.data[begin : begin + self.size])

    def chain(self, sid: int, fats: array[int], length: int) -> bytes:
        """The chain from `sid`, as the reader reads it: until its end, or `length` bytes (a circle in a
        chain with a length is read round until the length: bounded, as the length is checked)."""
        out = bytearray()
        seen: set[int] = set()
        while sid != ENDOFCHAIN:
            if length >= 1 << 62 and sid in seen:
                raise Damaged("circular chain")
            seen.add(sid)
            piece = self.get(sid)
            out += piece[: max(0, length - len(out))]
            if len(out) >= length:
                break
            if sid >= len(fats):
                raise Damaged("chain past the FAT")
            sid = fats[sid]
        return bytes(out)


def check_compound(data: bytes) -> bytes | None:
    """Refuse (Damaged) what would make the reader loop or reserve without bound; return the Workbook stream
    (None when there is none: the reader says so itself)."""
    if len(data) < 512:
        raise Damaged("short header")
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if shift not in (9, 12) or mini_shift != 6:
        raise Damaged("sector size")
    size = 1 << shift
    maxid = len(data) // size
    fat_len, dir_start = struct.unpack_from("<II", data, 44)
    mini_fat_start, mini_fat_len, difat_start = struct.unpack_from("<III", data, 60)
    if fat_len > maxid + 1 or _U32.unpack_from(data, 62)[0] > 1 << 24 or mini_fat_len * size > len(data):
        raise Damaged("header counts")
    sectors = _Sectors(data, size, maxid, size)
    difat = list(struct.unpack_from("<109I", data, 76))
    seen: set[int] = set()
    sid = difat_start
    while sid < RESERVED:
        if sid in seen:
            raise Damaged("circular DIFAT")
        seen.add(sid)
        difat.extend(_u32s(sectors.get(sid)))
        sid = difat.pop()
    fat_ids = [i for i in difat if i < DIFSECT]
    if len(fat_ids) > maxid + 1:
        raise Damaged("FAT sectors")
    fats = array("I")
    for fat in fat_ids:
        fats.extend(_u32s(sectors.get(fat)))
    directory = sectors.chain(dir_start, fats, 1 << 62)
    if not directory or len(directory) % 128:  # the reader takes a short last entry and panics on it
        raise Damaged("directory cut short")
    entries = [directory[i : i + 128] for i in range(0, len(directory), 128)]

    def stream_length(entry: bytes) -> int:
        length = _U32.unpack_from(entry, 120)[0] if size == 512 else struct.unpack_from("<Q", entry, 120)[0]
        if length > len(data):
            raise Damaged("stream longer than the file")
        return int(length)

    root_len = stream_length(entries[0])
    names: dict[str, bytes] = {}
    for each in entries:
        names.setdefault(each[:64].decode("utf-16-le", "replace").split("\x00", 1)[0], each)
    entry = names.get("Workbook") or names.get("Book")
    if entry is None:
        return None
    start, length = _U32.unpack_from(entry, 116)[0], stream_length(entry)
    if length >= 4096 or not mini_fat_len:
        return sectors.chain(start, fats, length)
    ministream = sectors.chain(_U32.unpack_from(entries[0], 116)[0], fats, root_len)
    mini_fats = _u32s(sectors.chain(mini_fat_start, fats, mini_fat_len * size))
    return _Sectors(ministream, 64, maxid * 8, 0).chain(start, mini_fats, length)


_CELLS = {0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD}  # Number, Label, RString, BoolErr, Rk, LabelSst


def _records(stream: bytes, pos: int) -> tuple[list[tuple[int, int, int]], int]:
    """(type, data offset, data length) of the records of one substream from `pos` to its EOF (nested
    substreams skipped), and the bytes read."""
    out: list[tuple[int, int, int]] = []
    depth, seen_bof, start = 0, False, pos
    unpack = struct.Struct("<HH").unpack_from
    while pos + 4 <= len(stream):
        typ, size = unpack(stream, pos)
        if pos + 4 + size > len(stream):
            break
        data, pos = pos + 4, pos + 4 + size
        if depth:
            depth += 1 if typ == 0x0809 else -1 if typ == 0x000A else 0
            continue
        if typ == 0x0809:
            depth, seen_bof = (depth + 1, seen_bof) if seen_bof else (0, True)
            continue
        if typ == 0x000A:
            break
        out.append((typ, data, size))
    return out, pos - start


def biff_extents(stream: bytes) -> list[SheetExtent]:
    """Each sheet's extent as the reader allocates it (cells and formulas, densely), and what its DIMENSIONS
    record makes the reader reserve. Damaged for more sheets than a workbook has or substreams read over
    and over."""
    globals_, read = _records(stream, 0)
    sheets = [(data, size) for typ, data, size in globals_ if typ == 0x0085 and size >= 4]
    if len(sheets) > MAX_SHEETS:
        raise Damaged("sheets")
    budget = 2 * len(stream) + (1 << 20)
    measured: dict[int, tuple[Extent, int]] = {}
    result = []
    for number, (data, size) in enumerate(sheets, 1):
        pos = _U32.unpack_from(stream, data)[0]
        if pos not in measured:
            if pos > len(stream):
                raise Damaged("sheet offset")
            records, read = _records(stream, pos)
            budget -= read
            if budget < 0:
                raise Damaged("substreams read over and over")
            measured[pos] = _sheet(stream, records)
        extent, declared = measured[pos]
        result.append(
            SheetExtent(_sheet_name(stream[data + 6 : data + size]) or f"第 {number} 个", extent, declared)
        )
    return result


def _sheet_name(raw: bytes) -> str:
    """A BoundSheet8 name (ShortXLUnicodeString: a count, a flags byte, the characters), best effort."""
    if len(raw) < 2:
        return ""
    count, wide = raw[0], raw[1] & 1
    text = (
        raw[2 : 2 + count * 2].decode("utf-16-le", "replace")
        if wide
        else raw[2 : 2 + count].decode("latin-1")
    )
    return "".join(ch for ch in text if ch.isprintable())[:100]


def _sheet(stream: bytes, records: list[tuple[int, int, int]]) -> tuple[Extent, int]:
    box, declared = _Box(), 1
    for typ, data, size in records:
        if typ in _CELLS or (typ == 0x0006 and size >= 20):
            if size >= 4:
                row, col = struct.unpack_from("<HH", stream, data)
                box.add(row, col)
        elif typ == 0x00BD and size >= 6:  # MulRk: row, first column, 6 bytes per cell, last column
            row, col = struct.unpack_from("<HH", stream, data)
            box.add(row, col, (size - 6) // 6 or 1)
        elif typ == 0x0200 and size in (10, 14):
            if size == 10:
                rf, rl, cf, cl = struct.unpack_from("<4H", stream, data)
            else:
                rf, rl, cf, cl = struct.unpack_from("<IIHH", stream, data)
            if cf > 0xFF or cl < cf:
                cf = 0
            if rl >= 1 and cl >= 1:
                rows = (rl - 1 - rf + 1) & 0xFFFFFFFF
                cols = (cl - 1 - cf + 1) & 0xFFFFFFFF
                declared = max(declared, rows * cols)
    return box.extent(), declared

"""The archive python-calamine reads: a zip-based workbook rebuilt member by member after the container's
checks, its XML parts stored already inflated (so they are not inflated twice), each worksheet with its
merged ranges before its cells (see :func:`merges_first`)."""

from __future__ import annotations

import os
import struct
import zipfile

ZIP_MAGIC = b"PK\x03\x04"


class Rebuilt:
    """A zip archive written member by member (no zip64: the limits keep every size far below 4 GiB)."""

    def __init__(self) -> None:
        self.parts: list[bytes | memoryview] = []
        self.central: list[bytes] = []
        self.offset = 0

    def add(
        self,
        member: Entry,
        payload: bytes | memoryview,
        method: int,
        crc: int | None = None,
        file_size: int | None = None,
    ) -> None:
        """The member with `payload` (stored or as compressed); `crc` and `file_size` of a payload that is
        not the member's own content (a worksheet with its merged ranges moved)."""
        name = member.filename.encode("utf-8")
        size = len(payload)
        crc = member.CRC if crc is None else crc
        file_size = member.file_size if file_size is None else file_size
        local = _LOCAL_OUT.pack(ZIP_MAGIC, 20, _UTF8, method, 0, 0, crc, size, file_size, len(name), 0)
        self.central.append(
            _CENTRAL_OUT.pack(
                _CENTRAL_MAGIC,
                20,
                20,
                _UTF8,
                method,
                0,
                0,
                crc,
                size,
                file_size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                self.offset,
            )
            + name
        )
        self.parts += (local, name, payload)
        self.offset += len(local) + len(name) + size

    def finish(self) -> bytes:
        directory = b"".join(self.central)
        count = len(self.central)
        end = _END_OUT.pack(_END_MAGIC, 0, 0, count, count, len(directory), self.offset, 0)
        return b"".join([*self.parts, directory, end])


_MERGES_END = b"</mergeCells>"
_NO_MERGES = b"<mergeCells></mergeCells>"


def merges_first(sheet: bytes) -> bytes | None:
    """The worksheet with its merged ranges (or an empty list of them) also before its cells, where
    python-calamine's look for merged ranges, which it makes for every sheet it reads, stops at once instead
    of reading the whole sheet a second time (about a third of its time). The cells are unchanged: None where
    the part is not a plain worksheet (one list of merged ranges after the cells, holding only ranges), so
    that the reader reads it as the file has it."""
    start = sheet.find(b"<sheetData")
    if start < 0 or sheet[start + 10 : start + 11] not in (b">", b" ", b"/"):
        return None
    at = sheet.find(b"<mergeCells")  # Excel writes them after the cells: one pass over the sheet
    if at < 0:
        return b"".join((sheet[:start], _NO_MERGES, sheet[start:]))
    end = sheet.find(_MERGES_END, at)
    if at < start or end < 0 or sheet.find(b"<mergeCells", at + 1) >= 0:  # not one list after the cells
        return None
    block = sheet[at : end + len(_MERGES_END)]
    if block.count(b"<") != block.count(b"<mergeCell") + 1:  # anything but ranges in it: as it is
        return None
    return b"".join((sheet[:start], block, sheet[start:]))


_UTF8 = 0x800  # general purpose flag: the name is UTF-8
_CENTRAL_MAGIC = b"PK\x01\x02"
_END_MAGIC = b"PK\x05\x06"
_LOCAL_OUT = struct.Struct("<4s5H3L2H")
_CENTRAL_OUT = struct.Struct("<4s6H3L5H2L")
_END_OUT = struct.Struct("<4s4H2LH")


class Member:
    """What the container's pass reads of a zip member (as :class:`zipfile.ZipInfo` names it)."""

    __slots__ = (
        "CRC",
        "compress_size",
        "compress_type",
        "file_size",
        "filename",
        "flag_bits",
        "header_offset",
    )

    def __init__(
        self, filename: str, flag_bits: int, compress_type: int, crc: int, packed: int, size: int, offset: int
    ) -> None:
        self.filename = filename
        self.flag_bits = flag_bits
        self.compress_type = compress_type
        self.CRC = crc
        self.compress_size = packed
        self.file_size = size
        self.header_offset = offset


Entry = Member | zipfile.ZipInfo  # a member as read by plain_directory, or by zipfile


_CENTRAL_IN = struct.Struct("<4s4B4HL2L5H2L")  # a central directory entry (zipfile.structCentralDir)
_END_IN = struct.Struct("<4s4H2LH")  # the end of central directory record (zipfile.structEndArchive)
_ZIP64 = (0xFFFF, 0xFFFFFFFF)


def plain_directory(data: bytes) -> list[Entry] | None:
    """The members of an archive as Excel, WPS and LibreOffice write it (one disk, no comment, no zip64, the
    directory right before its end record, nothing before the first member), read in one pass; None for any
    other archive, which :mod:`zipfile` reads (it takes everything this does, at several times the cost).
    Names are decoded as zipfile decodes them."""
    at = len(data) - _END_IN.size
    if at < 0:
        return None
    signature, disk, disk_cd, on_disk, count, size, offset, comment = _END_IN.unpack_from(data, at)
    if signature != _END_MAGIC or disk or disk_cd or on_disk != count or comment or offset + size != at:
        return None
    if count in _ZIP64 or size in _ZIP64 or offset in _ZIP64:
        return None
    members: list[Entry] = []
    pos, unpack = offset, _CENTRAL_IN.unpack_from
    try:
        for _ in range(count):
            entry = unpack(data, pos)
            if entry[0] != _CENTRAL_MAGIC:
                return None
            flags, method, crc, packed, full = entry[5], entry[6], entry[9], entry[10], entry[11]
            name_len, extra_len, note_len, start_disk, start = (
                entry[12],
                entry[13],
                entry[14],
                entry[15],
                entry[18],
            )
            if start_disk or packed in _ZIP64 or full in _ZIP64 or start in _ZIP64:
                return None
            raw = data[pos + _CENTRAL_IN.size : pos + _CENTRAL_IN.size + name_len]
            name = raw.decode("utf-8" if flags & _UTF8 else "cp437")
            if "\0" in name:
                name = name[: name.index("\0")]
            if os.sep != "/" and os.sep in name:
                name = name.replace(os.sep, "/")
            members.append(Member(name, flags, method, crc, packed, full, start))
            pos += _CENTRAL_IN.size + name_len + extra_len + note_len
    except (struct.error, UnicodeDecodeError):
        return None
    return members if pos == at else None

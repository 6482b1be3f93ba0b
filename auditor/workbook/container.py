"""The file around the cells: what kind of file it is, whether it is safe to parse, and what the
cell reader cannot see (formulas without cached values, error cells, the 1904 date system).

Everything here runs before or beside python-calamine and never expands the archive beyond the
declared limits: sizes and ratios come from the zip directory, each member is inflated once (never
beyond its declared size plus one byte) and entity declarations are looked for in every XML part. What
the reader will allocate for each sheet is measured first (:mod:`.bounds`, :mod:`.compound`): a file
that would make it allocate beyond the limits is refused here, in plain words, before it sees the file.
Only a regular file is read, and its size is the bytes actually read.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from auditor.errors import WorkbookError, shown
from auditor.workbook.bounds import (
    _ATTR,
    Extent,
    OutOfGrid,
    has_specials,
    ods_extents,
    shared_strings,
    sheet_extent,
)
from auditor.workbook.compound import Damaged, biff_extents, check_compound
from auditor.workbook.rebuilt import ZIP_MAGIC, Entry, Rebuilt, merges_first, plain_directory

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
NOT_A_WORKBOOK = "不是电子表格文件（应为 .xlsx/.xlsm/.xls/.ods）"
DAMAGED_ZIP = "文件已损坏（不是完整的 xlsx 压缩包）"
DAMAGED_XLS = "文件已损坏，无法读取（.xls 格式有误）"
NOT_REGULAR = "不是普通文件（设备、管道或套接字），无法读取"
MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True)
class Limits:
    """Refuse files larger than an inspection workbook can plausibly be (all configurable)."""

    max_file_bytes: int = 100 * MiB
    max_uncompressed_bytes: int = 200 * MiB  # all members of the archive together, as declared
    max_ratio: int = 200  # uncompressed/compressed, for members above 1 MiB
    max_rows: int = 200_000  # rows of one sheet
    max_cells: int = 2_000_000  # cells holding a value, in one sheet
    max_area: int = 16_000_000  # rows × columns of one sheet's used range (the reader allocates each one)
    max_shared_strings: int = 1_000_000  # entries of the shared-string table, found or declared
    max_memory_bytes: int = 2 * GiB  # address space a worker process may grow by while reading


DEFAULT_LIMITS = Limits()


@dataclass
class Specials:
    """Cells of an .xlsx that python-calamine shows as blank, keyed by sheet name then (row, col), 0-based."""

    date1904: bool = False
    uncached: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    errors: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)


_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)


class NotRegular(OSError):
    """A FIFO, a device or a socket: never read (a FIFO blocks, a device may never end)."""


class TooLarge(OSError):
    """More bytes than the limit (counted as they are read)."""

    def __init__(self, size: int | None) -> None:
        super().__init__("too large")
        self.size = size  # what stat said, when it said too much already


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most `limit` of them. The file is opened without blocking (so a FIFO
    is refused instead of waiting for a writer), refused unless it is a regular file (IsADirectoryError,
    NotRegular), and the limit applies to the bytes actually read, never to what stat says (TooLarge).
    Other OSErrors as they come."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path)) from None
        if not stat.S_ISREG(mode):  # a socket cannot even be opened
            raise NotRegular("not a regular file") from None
        raise
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular("not a regular file")
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        data = os.read(fd, min(info.st_size, limit) + 1)
        more = os.read(fd, min(MiB, limit + 1 - len(data))) if data and len(data) <= limit else b""
        if more:  # it grew, or its size is not what stat said
            parts, total = [data, more], len(data) + len(more)
            while more and total <= limit:
                more = os.read(fd, min(MiB, limit + 1 - total))
                parts.append(more)
                total += len(more)
            data = b"".join(parts)
        if len(data) > limit:
            raise TooLarge(None)
    finally:
        os.close(fd)
    return data


def read_file(path: Path, limits: Limits) -> bytes:
    """The workbook's bytes (see :func:`read_regular`), or WorkbookError in plain words."""
    file = shown(path)
    try:
        data = read_regular(path, limits.max_file_bytes)
    except FileNotFoundError:
        raise WorkbookError("找不到文件", file) from None
    except IsADirectoryError:
        raise WorkbookError("这是一个目录", file) from None
    except NotRegular:
        raise WorkbookError(NOT_REGULAR, file) from None
    except TooLarge as exc:
        size = f"{exc.size // MiB} MB，" if exc.size else ""
        raise WorkbookError(
            f"文件过大（{size}上限 {limits.max_file_bytes // MiB} MB），已拒绝", file
        ) from None
    except OSError as exc:
        raise WorkbookError(f"无法读取文件：{exc.strerror}", file) from None
    if not data:
        raise WorkbookError("空文件，不是电子表格文件", file)
    return data


@dataclass
class Archive:
    """A zip-based workbook that passed the checks: the archive to read (its XML parts stored already
    inflated) and the few parts the specials scan needs."""

    parts: dict[str, bytes] = field(default_factory=dict)
    data: bytes = b""
    oversized: list[tuple[str, str]] = field(default_factory=list)  # (part, message with {sheet})


_WORKBOOK_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
_UNSAFE_XML = (b"<!DOCTYPE", b"<!ENTITY")


def check_container(data: bytes, file: str, limits: Limits) -> Archive | None:
    """Refuse what must not reach a parser. For zip-based workbooks every member is inflated once, so a
    member larger than it declares, an entity declaration anywhere in an XML part, or damaged data is
    refused before python-calamine sees the file. Returns the parts the specials scan needs and the
    archive rebuilt with its XML parts stored already inflated (so they are not inflated twice)."""
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_OOXML in data[: 512 * 1024]:
            raise WorkbookError("加密的工作簿，请先取消密码", file)
        _check_xls(data, file, limits)
        return None
    if not data.startswith(ZIP_MAGIC):
        raise WorkbookError(NOT_A_WORKBOOK, file)
    members: list[Entry] | None = plain_directory(data)
    if members is None:  # an archive not as office programs write it: zipfile reads its directory
        try:
            members = list(zipfile.ZipFile(io.BytesIO(data)).infolist())
        # zipfile's errors, and what a damaged directory makes it raise (NotImplementedError …)
        except Exception:
            raise WorkbookError(DAMAGED_ZIP, file) from None
    names = {m.filename for m in members}
    if not ({"xl/workbook.xml", "content.xml"} & names):
        if "xl/workbook.bin" in names:  # binary sheets the bounds cannot measure: not read at all
            raise WorkbookError(
                NOT_A_WORKBOOK + "：这是 .xlsb 二进制工作簿，请在 Excel/WPS 中另存为 .xlsx", file
            )
        if any(n.startswith(("word/", "ppt/")) for n in names):
            raise WorkbookError(NOT_A_WORKBOOK + "：这是 Word/PowerPoint 文档", file)
        raise WorkbookError("文件已损坏（缺少工作簿内容）", file)
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MiB and member.file_size > limits.max_ratio * max(member.compress_size, 1):
            raise WorkbookError(f"疑似压缩炸弹（{member.filename} 压缩比过高），已拒绝", file)
    if total > limits.max_uncompressed_bytes:
        raise WorkbookError(
            f"解压后 {total // MiB} MB，超过上限 {limits.max_uncompressed_bytes // MiB} MB，已拒绝", file
        )
    result = Archive()
    view = memoryview(data)
    stored = Rebuilt() if len(members) < 0xFFFF else None
    for member in members:
        try:
            if member.compress_type not in _RAW_METHODS:
                raise WorkbookError(
                    f"压缩方式不受支持（{member.filename}），请在 Excel/WPS 中打开并另存为 .xlsx", file
                )
            raw = _compressed(view, member)
            body = _inflate(raw, member)
            if _inspect(member.filename, body, result, file, limits) and stored is not None:
                content = bytes(body)  # no copy when inflated already
                moved = merges_first(content) if b"sheetData" in content else None
                if moved is None:
                    stored.add(member, body, zipfile.ZIP_STORED)
                else:
                    stored.add(member, moved, zipfile.ZIP_STORED, zlib.crc32(moved), len(moved))
            elif stored is not None:
                stored.add(member, raw, member.compress_type)
        except WorkbookError:
            raise
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            RuntimeError,
            NotImplementedError,
            zlib.error,
            ValueError,
            struct.error,
        ):
            raise WorkbookError(DAMAGED_ZIP + f"：{member.filename} 数据有误", file) from None
    if result.oversized:
        part, message = result.oversized[0]
        raise WorkbookError(message.format(sheet=_sheet_of(result, part)), file)
    result.data = stored.finish() if stored is not None else data
    return result


def _too_big(extent: Extent, limits: Limits) -> str | None:
    """What is wrong with a sheet of this extent (the sheet's name left as {sheet}), or None."""
    if extent.cells > limits.max_cells:
        return f"工作表“{{sheet}}”的单元格过多（{extent.cells} 个，上限 {limits.max_cells} 个），已拒绝"
    if extent.area > limits.max_area:
        return (
            f"工作表“{{sheet}}”的使用范围过大（{extent.rows} 行 × {extent.cols} 列，"
            f"上限 {limits.max_area} 个单元格），已拒绝"
        )
    return None


def _check_xls(data: bytes, file: str, limits: Limits) -> None:
    """An .xls whose structure would make the reader loop or allocate without bound is refused."""
    try:
        stream = check_compound(data)
        sheets = biff_extents(stream) if stream else []
    except (Damaged, struct.error, IndexError, OverflowError):
        raise WorkbookError(DAMAGED_XLS, file) from None
    for sheet in sheets:
        name = sheet.name
        problem = _too_big(sheet.extent, limits)
        if problem is None and sheet.declared > limits.max_area:
            problem = f"工作表“{{sheet}}”声明的范围过大（{sheet.declared} 个单元格），文件已损坏"
        if problem is not None:
            raise WorkbookError(problem.format(sheet=name), file)


_RAW_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # a zip local file header (zipfile.structFileHeader)


def _compressed(data: memoryview, member: Entry) -> memoryview:
    """The member's data as stored in the archive (after its local header)."""
    start = member.header_offset
    header = _LOCAL_HEADER.unpack_from(data, start)
    if header[0] != ZIP_MAGIC:
        raise zipfile.BadZipFile("local header")
    begin = start + _LOCAL_HEADER.size + header[10] + header[11]
    end = begin + member.compress_size
    if end > len(data):
        raise zipfile.BadZipFile("truncated member")
    return data[begin:end]


def _inflate(raw: memoryview, member: Entry) -> bytes | memoryview:
    """A stored or deflated member (Excel, WPS and LibreOffice write nothing else; the cell reader reads
    nothing else) inflated in one call, never beyond its declared size plus one byte (so a member that
    inflates to more than it declares is seen without inflating the rest), its CRC checked."""
    if member.flag_bits & 0x1:
        raise zipfile.BadZipFile("encrypted member")
    body: bytes | memoryview
    if member.compress_type == zipfile.ZIP_STORED:
        body = raw  # not copied: only XML parts are read further
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        body = inflater.decompress(raw, member.file_size + 1)
        if len(body) > member.file_size or not inflater.eof:
            raise zipfile.BadZipFile("size")
    if len(body) != member.file_size or zlib.crc32(body) != member.CRC:
        raise zipfile.BadZipFile("crc")
    return body


def _inspect(name: str, inflated: bytes | memoryview, result: Archive, file: str, limits: Limits) -> bool:
    """Refuse unsafe XML; measure what the reader will allocate for it (a sheet's used range and cells,
    the shared strings, an OpenDocument table); keep the parts the specials scan needs (workbook parts,
    sheets with formulas or error cells). True for an XML part (the parts a reader parses)."""
    if not name.endswith((".xml", ".rels")):
        return False
    body = bytes(inflated)  # no copy when already bytes
    # "!" is found at memchr speed and is rare in XML: only a part that has one is searched for both
    if b"!" in body and any(n in body for n in _UNSAFE_XML):
        raise WorkbookError("含有不安全的 XML（DOCTYPE/实体定义），已拒绝", file)
    if b"sheetData" in body:
        try:
            extent = sheet_extent(body, limits.max_cells, limits.max_area)
        except OutOfGrid as exc:
            result.oversized.append(
                (name, f"工作表“{{sheet}}”的单元格位置 {exc.ref} 超出 Excel 的范围，文件已损坏")
            )
            extent = None
        problem = _too_big(extent, limits) if extent is not None else None
        if problem is not None:
            result.oversized.append((name, problem))
    elif name.replace("\\", "/").lower().endswith("sharedstrings.xml"):
        count, declared = shared_strings(body)
        if max(count, declared) > limits.max_shared_strings:
            raise WorkbookError(
                f"共享字符串过多（{max(count, declared)} 个，上限 {limits.max_shared_strings} 个），已拒绝",
                file,
            )
    elif name == "content.xml":
        for table, extent in ods_extents(body):
            problem = _too_big(extent, limits)
            if problem is not None:
                raise WorkbookError(problem.format(sheet=table), file)
    sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
    if name in _WORKBOOK_PARTS or (sheet and has_specials(body)):
        result.parts[name] = body
    return True


# Every pattern below moves forward only: attributes stop at the next "<" or ">", a cell's content at the
# next cell, so a part made of many "<c " or "<sheet " with no end is scanned in linear time.
_ELEMENT = re.compile(rb"<(?:[\w.-]+:)?(sheet|Relationship)(?=[\s/>])([^<>]*+)>")
_CELL = re.compile(rb"<c(?=[\s/>])((?:[^<>/]|/(?!>))*+)(?:/>|>((?:[^<]|<(?!/?c[\s/>]))*+)</c>)")
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_TYPE_ERROR = re.compile(rb'\bt="e"')
_VALUE = re.compile(rb"<v>([^<]*+)</v>")
_DATE1904 = re.compile(rb'date1904="(1|true)"')
MAX_ERROR_TEXT = 255  # an error cell holds a code such as #N/A


def _unescape(raw: bytes) -> str:
    import html

    return html.unescape(raw.decode("utf-8", "replace"))


def _col_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1


def _attrs(attrs: bytes, first: bytes, second: bytes) -> tuple[bytes | None, bytes | None]:
    """The raw values of the first attributes named `first` and `second` (as :func:`_attr` finds each), read
    in one pass."""
    found: dict[bytes, bytes] = {}
    for match in _ATTR.finditer(attrs):
        key = match.group(1)
        if key not in found:
            value = match.group(2)
            found[key] = value if value is not None else match.group(3)
            if first in found and second in found:
                break
    return found.get(first), found.get(second)


def _sheet_targets(archive: Archive) -> dict[str, str]:
    """Sheet name -> its part, from xl/workbook.xml and its relationships (empty when either is missing)."""
    workbook = archive.parts.get("xl/workbook.xml")
    rels = archive.parts.get("xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return {}
    targets: dict[bytes, bytes] = {}
    for kind, attrs in _ELEMENT.findall(rels):
        rid, target = _attrs(attrs, b"Id", b"Target")
        if kind == b"Relationship" and rid is not None and target is not None:
            targets.setdefault(rid, target)
    parts: dict[str, str] = {}
    for kind, attrs in _ELEMENT.findall(workbook):
        raw, rid = _attrs(attrs, b"name", b"r:id")
        if kind != b"sheet" or raw is None or rid is None or rid not in targets:
            continue
        where = targets[rid].decode("utf-8", "replace")
        parts.setdefault(_unescape(raw), where.lstrip("/") if where.startswith("/") else "xl/" + where)
    return parts


def _sheet_of(archive: Archive, part: str) -> str:
    """The name of the sheet held in `part` (the part's name when the workbook does not say)."""
    return next((name for name, target in _sheet_targets(archive).items() if target == part), part)


def scan_specials(archive: Archive, wanted: set[str]) -> Specials:
    """Formulas without cached values and error cells in the sheets named in `wanted` (xlsx/xlsm only)."""
    specials = Specials()
    workbook = archive.parts.get("xl/workbook.xml")
    if workbook is None:
        return specials
    specials.date1904 = bool(_DATE1904.search(workbook))
    if all(part in _WORKBOOK_PARTS for part in archive.parts):  # no sheet has a formula or an error cell
        return specials
    for name, part in _sheet_targets(archive).items():
        xml = archive.parts.get(part)
        if name not in wanted or xml is None:  # no part kept: no formula and no error cell in that sheet
            continue
        for attrs, body in _CELL.findall(xml):
            is_error = bool(_TYPE_ERROR.search(attrs))
            has_formula = b"<f" in body
            if not (is_error or has_formula):
                continue
            ref = _REF.search(attrs)
            if ref is None:
                continue
            key = (int(ref.group(2)) - 1, _col_index(ref.group(1)))
            value = _VALUE.search(body)
            if is_error:
                text = _unescape(value.group(1)[:MAX_ERROR_TEXT]) if value else "#错误"
                specials.errors.setdefault(name, {})[key] = text
            elif value is None:
                specials.uncached.setdefault(name, set()).add(key)
    return specials

"""Hostile and odd input files for tests/test_hardening.py, all built at test time, small and deterministic.

Not-a-workbook files (an OLE compound file holding an encrypted OOXML package, a damaged .xls, a Word
document, archives missing parts), XML entity bombs, zip bombs (honest and lying sizes), LibreOffice
round trips, and a probe that audits one file in a fresh interpreter to measure its time and peak memory.
The files that made the reader allocate without bound (tests/test_faults.py) are built here from their
XML or BIFF records: a few hundred bytes each.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

MiB = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# ------------------------------------------------------------------------------------------------ OLE (CFB v3)

_END, _FREE, _FATSECT, _NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR = 512
_MINI_CUTOFF = 4096


def _dir_entry(name: str, kind: int, left: int, child: int, start: int, size: int) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0"
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBBIII", len(raw), kind, 1, left, _NOSTREAM, child)
        + b"\0" * 36
        + struct.pack("<IQ", start, size)
    )


def compound_file(streams: Sequence[tuple[str, bytes]]) -> bytes:
    """A minimal but valid OLE compound file (CFB v3, 512-byte sectors) holding `streams` at the root.

    Every stream is padded to the 4096-byte mini-stream cutoff so that only the regular FAT is needed:
    sector 0 is the FAT, sector 1 the directory, then the streams one after the other.
    """
    assert 1 <= len(streams) <= 3
    fat = [_FATSECT, _END]
    entries: list[tuple[str, int, int]] = []
    body = b""
    for name, data in streams:
        data = data.ljust(max(len(data), _MINI_CUTOFF), b"\0")
        count = -(-len(data) // _SECTOR)
        first = len(fat)
        entries.append((name, first, len(data)))
        fat += [first + i + 1 for i in range(count - 1)] + [_END]
        body += data.ljust(count * _SECTOR, b"\0")
    assert len(fat) <= _SECTOR // 4
    fat_sector = struct.pack(f"<{_SECTOR // 4}I", *fat, *[_FREE] * (_SECTOR // 4 - len(fat)))
    # the root's child is the last stream; each stream has the previous one as its left sibling
    directory = _dir_entry("Root Entry", 5, _NOSTREAM, len(entries), _END, 0)
    for i, (name, start, size) in enumerate(entries):
        directory += _dir_entry(name, 2, i if i else _NOSTREAM, _NOSTREAM, start, size)
    directory = directory.ljust(_SECTOR, b"\0")
    header = (
        OLE_MAGIC
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<9I", 0, 1, 1, 0, _MINI_CUTOFF, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *[_FREE] * 108)
    )
    assert len(header) == _SECTOR
    return header + fat_sector + directory + body


def encrypted_workbook() -> bytes:
    """What Excel/WPS save for an .xlsx with an open password: an OLE file with EncryptionInfo and
    EncryptedPackage streams (agile encryption header; the package bytes are noise)."""
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        b"</encryption>"
    )
    package = struct.pack("<Q", 6000) + random.Random(4).randbytes(6000)
    return compound_file([("EncryptionInfo", info), ("EncryptedPackage", package)])


def damaged_xls() -> bytes:
    """An OLE signature followed by garbage: a .xls cut off or overwritten."""
    return OLE_MAGIC + random.Random(5).randbytes(4096)


def record(kind: int, data: bytes) -> bytes:
    """A BIFF record: type, length, data."""
    return struct.pack("<HH", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    return record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def tiny_xls(
    cells: Sequence[tuple[int, int, float]] = ((0, 0, 1.0),),
    dimensions: tuple[int, int, int, int] | None = None,
    name: str = "S",
    extra_globals: bytes = b"",
) -> bytes:
    """An .xls (BIFF8 in a compound file) with one sheet of NUMBER cells (row, column, value), 0-based, and
    optionally a DIMENSIONS record (first row, last row + 1, first column, last column + 1) as declared and
    records of the workbook globals after the sheet list (an empty BoundSheet8 makes the reader panic)."""
    sheet = _bof(0x0010)
    if dimensions is not None:
        sheet += record(0x0200, struct.pack("<IIHHH", *dimensions, 0))
    sheet += b"".join(record(0x0203, struct.pack("<HHHd", r, c, 0, v)) for r, c, v in cells)
    sheet += record(0x000A, b"")
    raw = name.encode("latin-1")

    def book(at: int) -> bytes:
        bound = record(0x0085, struct.pack("<IBB", at, 0, 0) + bytes([len(raw), 0]) + raw)
        return _bof(0x0005) + bound + extra_globals + record(0x000A, b"")

    return compound_file([("Workbook", book(len(book(0))) + sheet)])


def patched(data: bytes, offset: int, value: int) -> bytes:
    """`data` with the little-endian u32 at `offset` replaced (a header field, a FAT entry)."""
    out = bytearray(data)
    struct.pack_into("<I", out, offset, value)
    return bytes(out)


# ------------------------------------------------------------------------------------------------ zip files

_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def tiny_xlsx(
    cells: str = '<row r="1"><c r="A1"><v>1</v></c></row>',
    *,
    sheet: str | bytes | None = None,
    shared: str | None = None,
    workbook_extra: str = "",
    name: str = "S",
) -> bytes:
    """The smallest .xlsx python-calamine reads: one sheet `name` whose <sheetData> holds `cells` (or whose
    whole part is `sheet`), optionally a shared-string part, and `workbook_extra` at the end of workbook.xml."""
    part = (
        sheet
        if sheet is not None
        else f"<?xml version='1.0'?><worksheet {_MAIN}><sheetData>{cells}</sheetData></worksheet>"
    )
    shared_rel = (
        f'<Relationship Id="rId9" Type="{_RELS}/sharedStrings" Target="sharedStrings.xml"/>' if shared else ""
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook {_MAIN} xmlns:r="{_RELS}"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>{workbook_extra}</workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>{shared_rel}</Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", part)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
    return buf.getvalue()


def docx() -> bytes:
    """A tiny Word document (what a .docx renamed to .xlsx looks like inside)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
            '2006/main"><w:body><w:p><w:r><w:t>检查报告</w:t></w:r></w:p></w:body></w:document>',
        )
    return buf.getvalue()


def rewrite_zip(
    src: Path,
    dst: Path,
    replace: Mapping[str, bytes | str | None] | None = None,
    add: Mapping[str, bytes | str] | None = None,
    compresslevel: int | None = None,
) -> Path:
    """Copy the archive `src` to `dst`, replacing (None: dropping) members and adding new ones."""
    replace = replace or {}
    with (
        zipfile.ZipFile(src) as zin,
        zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zout,
    ):
        for info in zin.infolist():
            if info.filename in replace:
                new = replace[info.filename]
                if new is not None:
                    zout.writestr(info.filename, new)
            else:
                zout.writestr(info.filename, zin.read(info.filename))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def recompress(src: Path, dst: Path, method: int) -> Path:
    """Copy the archive `src` to `dst` with every member compressed by `method` (ZIP_STORED, ZIP_BZIP2...)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", method) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
    return dst


def member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def shared_strings(text_xml: str, prolog: str = "") -> str:
    """xl/sharedStrings.xml with one string; `prolog` goes between the XML declaration and the root."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
        f'<sst xmlns="{SPREADSHEET_NS}" count="1" uniqueCount="1"><si><t>{text_xml}</t></si></sst>'
    )


def with_shared_strings(src: Path, dst: Path, sst: str | bytes) -> Path:
    """`src` (written by openpyxl, inline strings) with 基本信息!B1 turned into shared string 0 of `sst`."""
    sheet = member(src, "xl/worksheets/sheet1.xml")
    cell = b'<c r="B1" t="inlineStr"><is><t>'
    start = sheet.index(cell)
    end = sheet.index(b"</c>", start) + len(b"</c>")
    rels = member(src, "xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        b'Target="sharedStrings.xml" Id="rId999" /></Relationships>',
    )
    types = member(src, "[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml" /></Types>',
    )
    return rewrite_zip(
        src,
        dst,
        {
            "xl/worksheets/sheet1.xml": sheet[:start] + b'<c r="B1" t="s"><v>0</v></c>' + sheet[end:],
            "xl/_rels/workbook.xml.rels": rels,
            "[Content_Types].xml": types,
        },
        {"xl/sharedStrings.xml": sst},
    )


def billion_laughs(root: str) -> str:
    """The classic: ten levels of ten references, 10^9 copies of 'lol' once expanded."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f"<!DOCTYPE {root} [{entities}]>"


def quadratic_blowup(root: str) -> tuple[str, str]:
    """One 20 kB entity referenced 20,000 times (400 MB once expanded): (prolog, text referencing it)."""
    return f'<!DOCTYPE {root} [<!ENTITY big "{"x" * 20_000}">]>', "&big;" * 20_000


def external_entity(root: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def with_zero_member(src: Path, dst: Path, name: str, megabytes: int) -> Path:
    """`src` plus a member of `megabytes` MiB of zeros, streamed (honest sizes, ratio ~1000:1)."""
    rewrite_zip(src, dst)
    with (
        zipfile.ZipFile(dst, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z,
        z.open(name, "w", force_zip64=True) as out,
    ):
        chunk = bytes(MiB)
        for _ in range(megabytes):
            out.write(chunk)
    return dst


def patch_declared_size(data: bytes, name: str, declared: int) -> bytes:
    """Rewrite the uncompressed size that the local header and the central directory declare for `name`."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(name)
    buf = bytearray(data)
    assert buf[info.header_offset : info.header_offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", buf, info.header_offset + 22, declared)
    raw = name.encode()
    pos = buf.find(b"PK\x01\x02")
    while pos >= 0:
        length = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46 : pos + 46 + length]) == raw:
            struct.pack_into("<I", buf, pos + 24, declared)
            return bytes(buf)
        pos = buf.find(b"PK\x01\x02", pos + 4)
    raise KeyError(name)


def with_declared_members(src: Path, dst: Path, count: int, declared_mb: int) -> Path:
    """`src` plus `count` 1 MiB members of noise, each declaring `declared_mb` MiB uncompressed.

    Each ratio stays below a ratio limit of 200, but together they declare far more than an inspection
    workbook can hold."""
    rng = random.Random(6)
    buf = io.BytesIO()
    rewrite_zip(src, dst)
    buf.write(dst.read_bytes())
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_STORED) as z:
        for i in range(count):
            z.writestr(f"xl/media/image{i + 1}.png", rng.randbytes(MiB))
    data = buf.getvalue()
    for i in range(count):
        data = patch_declared_size(data, f"xl/media/image{i + 1}.png", declared_mb * MiB)
    dst.write_bytes(data)
    return dst


def with_lying_sheet(src: Path, dst: Path, sheet: str, megabytes: int) -> Path:
    """`src` whose member `sheet` inflates to `megabytes` MiB (blanks inside <sheetData>) while its headers
    declare only 1 MiB: a bomb that a check of the declared sizes alone does not see."""
    original = member(src, sheet)
    head, tail = original.split(b"<sheetData>", 1)
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(src) as zin,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout,
    ):
        for info in zin.infolist():
            if info.filename != sheet:
                zout.writestr(info.filename, zin.read(info.filename))
        with zout.open(sheet, "w") as out:
            out.write(head + b"<sheetData>")
            chunk = b" " * MiB
            for _ in range(megabytes):
                out.write(chunk)
            out.write(tail)
    dst.write_bytes(patch_declared_size(buf.getvalue(), sheet, MiB))
    return dst


def with_corrupt_deflate(src: Path, dst: Path, name: str) -> Path:
    """`src` with the first byte of `name`'s deflate stream set to 0xFF (block type 3, which is invalid)."""
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo(name)
    assert info.compress_type == zipfile.ZIP_DEFLATED
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    data[info.header_offset + 30 + name_len + extra_len] = 0xFF
    dst.write_bytes(bytes(data))
    return dst


# ------------------------------------------------------------------------------------------------ LibreOffice


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: Sequence[Path], target: str, outdir: Path, profile: Path) -> list[Path]:
    """Convert with LibreOffice headless (a private profile, so it never touches the user's): the output
    paths, in the order of `files`. `target` is e.g. 'xlsx', 'ods', 'xls'."""
    program = soffice()
    assert program is not None
    outdir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            program,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    suffix = "." + target.split(":")[0]
    outputs = [outdir / (f.stem + suffix) for f in files]
    missing = [p for p in outputs if not p.exists()]
    assert not missing, (missing, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace"))
    return outputs


# ------------------------------------------------------------------------------------------------ probe

_PROBE = r"""
import json, resource, sys, time
from pathlib import Path
import python_calamine  # noqa: F401  (imported before the baseline: its code is not the file's cost)
from auditor.engine import audit_file
from auditor.errors import AuditError
from auditor.standard.loader import load_standard

standard = load_standard(Path(sys.argv[1]))
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
start = time.perf_counter()
try:
    result = audit_file(standard, Path(sys.argv[2]))
    out = {"score": float(result.score), "grade": result.grade, "warnings": list(result.warnings),
           "statuses": {c.id: c.status for c in result.clauses}}
except AuditError as exc:
    out = {"error": exc.message}
out["seconds"] = time.perf_counter() - start
out["rss_growth_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale - before) / 2**20
print(json.dumps(out, ensure_ascii=False))
"""


def probe(standard: Path, workbook: Path, timeout: float = 60) -> dict[str, Any]:
    """Audit one workbook in a fresh interpreter: its result (or error message), the seconds the audit
    took, and how much the peak resident memory grew during it (MB)."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(standard), str(workbook)],
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    result: dict[str, Any] = json.loads(done.stdout.decode("utf-8"))
    return result


def member_bytes(archive: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        return z.read(name)

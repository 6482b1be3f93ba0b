"""No input takes a batch down or hangs it (issue #17): each file below made python-calamine abort the process
(a dense grid of hundreds of GB, a reserve of what the file declares, a sector chain in a circle), block
(a FIFO) or read without end (/dev/zero). Each now costs one line, at --jobs 1 and --jobs 2, and the good
files around it are audited with the JSON they have without it, byte for byte."""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import socket
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.errors import WorkbookError
from tests import hostile
from tests.builders import ROOT

SAMPLES = ROOT / "samples" / "2018"
GOOD = [SAMPLES / "GM-01-醴泉街道党群服务中心.xlsx", SAMPLES / "GM-02-醴泉街道凤城社区党群服务中心.xlsx"]
DAMAGED_XLS = "文件已损坏，无法读取（.xls 格式有误）"
NOT_REGULAR = "不是普通文件（设备、管道或套接字），无法读取"
FAR = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
ONE = '<row r="1"><c r="A1"><v>1</v></c></row>'
TOO_WIDE = "工作表“S”的使用范围过大（1048576 行 × 16384 列，上限 16000000 个单元格），已拒绝"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def centers(stdout: str) -> str:
    """The text of the centers in `check --format json` (everything of the good files)."""
    return stdout[stdout.index('"centers": [') : stdout.index('  "errors": [')]


def ods(rows: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        f'<table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _self_looping_directory() -> bytes:
    data = hostile.tiny_xls()
    return hostile.patched(data, 512 + 4, 1)  # FAT[1] (the directory's sector) -> 1


def _circular_difat() -> bytes:
    data = hostile.patched(hostile.tiny_xls(), 68, 0)  # the DIFAT starts at sector 0 (the FAT) ...
    return hostile.patched(data, 512 + 508, 0)  # ... whose last entry (the next DIFAT sector) is 0 again


# case: (file name, bytes, the message after "错误: <file>: ")
BAD: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "a cell at XFD1048576": ("far.xlsx", lambda: hostile.tiny_xlsx(FAR), TOO_WIDE),
    "a fuzzed reference": (
        "ref.xlsx",
        lambda: hostile.tiny_xlsx(
            '<row r="1"><c r="A1"><v>1</v></c><c r="A1222222222227"><v>1</v></c></row>'
        ),
        "工作表“S”的单元格位置 A1222222222227 超出 Excel 的范围，文件已损坏",
    ),
    "rows without r": (
        "rows.xlsx",
        lambda: hostile.tiny_xlsx(
            "<row><c><v>1</v></c></row>" + '<row r="1048576">' + "<c><v>1</v></c>" * 20 + "</row>"
        ),
        "工作表“S”的使用范围过大（1048576 行 × 20 列，上限 16000000 个单元格），已拒绝",
    ),
    "a prefixed cell": (
        "prefix.xlsx",
        lambda: hostile.tiny_xlsx(FAR.replace("<c ", "<x:c ").replace("</c>", "</x:c>")),
        TOO_WIDE,
    ),
    "a cell behind a comment": (
        "comment.xlsx",
        lambda: hostile.tiny_xlsx(
            '<row r="1"><c r="A1"><v>1</v></c><!-- <c a=" --><c r="XFD1048576"><v>1</v></c><!-- " --></row>'
        ),
        TOO_WIDE,
    ),
    "a declared shared-string count": (
        "sst.xlsx",
        lambda: hostile.tiny_xlsx(
            '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
            shared='<sst xmlns="x" uniqueCount="99999999999"><si><t>a</t></si></sst>',
        ),
        "共享字符串过多（99999999999 个，上限 1000000 个），已拒绝",
    ),
    "ods: a cell repeated over the grid": (
        "repeat.ods",
        lambda: ods(
            '<table:table-row table:number-rows-repeated="5000"><table:table-cell table:number-columns-repeated="16384"'
            ' office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
        ),
        "工作表“S”的单元格过多（81920000 个，上限 2000000 个），已拒绝",
    ),
    "xlsb: binary sheets": (
        "binary.xlsx",
        lambda: _zip({"xl/workbook.bin": b"\x83\x01\x00", "[Content_Types].xml": b""}),
        "不是电子表格文件（应为 .xlsx/.xlsm/.xls/.ods）：这是 .xlsb 二进制工作簿，请在 Excel/WPS 中另存为 .xlsx",
    ),
    "xls: a directory chain pointing to itself": ("loop.xls", _self_looping_directory, DAMAGED_XLS),
    "xls: a DIFAT in a circle": ("difat.xls", _circular_difat, DAMAGED_XLS),
    "xls: four billion FAT sectors declared": (
        "fat.xls",
        lambda: hostile.patched(hostile.tiny_xls(), 44, 0xFFFFFFFF),
        DAMAGED_XLS,
    ),
    "xls: four billion rows declared": (
        "dims.xls",
        lambda: hostile.tiny_xls(dimensions=(0, 0xFFFFFFFF, 0, 200)),
        "工作表“S”声明的范围过大（858993459000 个单元格），文件已损坏",
    ),
    "xls: cells 65,535 rows and columns apart": (
        "wide.xls",
        lambda: hostile.tiny_xls(cells=((0, 0, 1.0), (65535, 65535, 2.0))),
        "工作表“S”的使用范围过大（65536 行 × 65536 列，上限 16000000 个单元格），已拒绝",
    ),
}


def batch_with(tmp_path: Path, name: str, data: bytes | None = None) -> tuple[list[Path], Path]:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    first, last = folder / "a.xlsx", folder / "z.xlsx"
    shutil.copy(GOOD[0], first)
    shutil.copy(GOOD[1], last)
    bad = folder / name
    if data is not None:
        bad.write_bytes(data)
    return [first, bad, last], bad


def check_one_line(jobs: str, paths: list[Path], bad: Path, message: str) -> None:
    """The batch `paths` gives one line for `bad`, and for the others the JSON they have without it."""
    good = [p for p in paths if p != bad]
    code, stdout, err = invoke("check", "--format", "json", "--jobs", jobs, *map(str, good))
    assert code == 0 and err == ""
    expected = centers(stdout)
    start = time.perf_counter()
    code, stdout, err = invoke("check", "--format", "json", "--jobs", jobs, *map(str, paths))
    assert time.perf_counter() - start < 30
    assert code == 2
    assert err.splitlines() == [f"错误: {bad}: {message}"]
    assert centers(stdout) == expected
    assert json.loads(stdout)["errors"] == [{"file": str(bad), "message": message}]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("case", list(BAD))
def test_a_file_the_reader_would_abort_on_is_one_line(case: str, jobs: str, tmp_path: Path) -> None:
    name, make, message = BAD[case]
    data = make()
    assert len(data) < 20_000  # tiny files: the reader asked for gigabytes
    paths, bad = batch_with(tmp_path, name, data)
    check_one_line(jobs, paths, bad, message)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fifo_a_device_and_a_socket_are_not_read(jobs: str, tmp_path: Path) -> None:
    paths, fifo = batch_with(tmp_path, "pipe.xlsx")
    os.mkfifo(fifo)  # opening it to read would wait for a writer for ever
    check_one_line(jobs, paths, fifo, NOT_REGULAR)
    check_one_line(jobs, [paths[0], Path("/dev/zero"), paths[2]], Path("/dev/zero"), NOT_REGULAR)
    # in a folder too: the FIFO is found by its name and refused, the workbooks around it audited
    code, stdout, err = invoke("check", "--format", "json", "--jobs", jobs, str(fifo.parent))
    assert code == 2 and err.splitlines() == [f"错误: {fifo}: {NOT_REGULAR}"]
    assert len(json.loads(stdout)["centers"]) == 2
    sock = tmp_path / "s.xlsx"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(sock))
        check_one_line(jobs, [paths[0], sock, paths[2]], sock, NOT_REGULAR)
    finally:
        server.close()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_named_file_that_cannot_be_read_is_one_line(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, secret = batch_with(tmp_path, "secret.xlsx", GOOD[0].read_bytes())
    real_open, real_access = os.open, os.access

    def denied(path: object, *args: object, **kwargs: object) -> int:
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    # what a file another user owns looks like (root reads everything, so it is simulated)
    monkeypatch.setattr(os, "open", denied)
    monkeypatch.setattr(
        os, "access", lambda path, mode, **kw: str(path) != str(secret) and real_access(path, mode)
    )
    check_one_line(jobs, paths, secret, "无法读取文件：Permission denied")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unreadable_subfolder_is_one_line(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, _ = batch_with(tmp_path, "unused")
    locked = paths[0].parent / "locked"
    locked.mkdir()
    shutil.copy(GOOD[0], locked / "hidden.xlsx")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    code, stdout, err = invoke("check", "--format", "json", "--jobs", jobs, str(paths[0].parent))
    assert code == 2 and err.splitlines() == [f"错误: {locked}: 无法读取文件夹：Permission denied"]
    assert [c["file"] for c in json.loads(stdout)["centers"]] == [str(paths[0]), str(paths[2])]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_name_that_is_not_utf8_is_shown_replaced(jobs: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/\xff\xfe-GM-01.xlsx"
    with open(raw, "wb") as out:
        out.write(GOOD[0].read_bytes())
    with open(os.fsencode(folder) + b"/\xff-bad.xlsx", "wb") as out:
        out.write(b"not a workbook")
    code, stdout, err = invoke("check", "--format", "json", "--jobs", jobs, str(folder))
    assert code == 2
    document = json.loads(stdout.encode("utf-8").decode("utf-8"))  # valid UTF-8, no lone surrogate
    assert document["centers"][0]["file"] == f"{folder}/\ufffd\ufffd-GM-01.xlsx"
    assert document["errors"][0]["file"] == f"{folder}/\ufffd-bad.xlsx"
    assert err.splitlines() == [
        f"错误: {folder}/\ufffd-bad.xlsx: 不是电子表格文件（应为 .xlsx/.xlsm/.xls/.ods）"
    ]


@pytest.mark.parametrize("field", ["步行可达时间(分钟)", "中心名称"])
def test_a_text_of_ten_megabytes_is_cut_and_quick(field: str, tmp_path: Path) -> None:
    """Excel keeps at most 32,767 characters in a cell; a longer text (written by a program) is cut to that,
    with its length, so that no output takes minutes or gigabytes (a number field echoed in a finding, the
    center's name on every page); the JSON stays whole."""
    from tests.builders import full_center, set_field, write_workbook

    sheets = full_center()
    set_field(sheets, field, "LONG-TEXT-HERE")
    written = write_workbook(tmp_path / "short.xlsx", sheets)
    with zipfile.ZipFile(written) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    where = next(name for name, body in parts.items() if b"LONG-TEXT-HERE" in body)
    path = hostile.rewrite_zip(
        written,
        tmp_path / "long.xlsx",
        {
            where: parts[where].replace(
                b"LONG-TEXT-HERE", random.Random(7).randbytes(5_000_000).hex().encode()
            )
        },
    )
    for fmt in ("json", "table"):
        start = time.perf_counter()
        code, stdout, err = invoke("check", "--format", fmt, "--jobs", "1", str(path))
        assert time.perf_counter() - start < 20 and code in (0, 1), err
        assert len(stdout) < 200_000
    code, stdout, _ = invoke("check", "--format", "json", "--jobs", "1", str(path))
    assert "…（共10000000字）" in json.dumps(json.loads(stdout), ensure_ascii=False)
    start = time.perf_counter()
    code, _, err = invoke("report", "--html", "-q", "-j", "1", "-o", str(tmp_path / "out"), str(path))
    assert time.perf_counter() - start < 20 and code in (0, 1), err
    assert max(p.stat().st_size for p in (tmp_path / "out").rglob("*") if p.is_file()) < 1_000_000


def _struct_check() -> None:  # the compound-file fields patched above are the ones the format has
    data = hostile.tiny_xls()
    assert struct.unpack_from("<I", data, 44)[0] == 1 and struct.unpack_from("<I", data, 48)[0] == 1


def test_the_hostile_xls_differ_from_a_good_one_only_where_said() -> None:
    _struct_check()
    assert _self_looping_directory() != hostile.tiny_xls()


# ------------------------------------------------------------------------------- the limits, made small


def _cells(n: int, width: int = 10) -> str:
    rows = []
    for r in range(1, n // width + 2):
        row = "".join(
            f'<c r="{chr(65 + c)}{r}"><v>1</v></c>' for c in range(width) if (r - 1) * width + c < n
        )
        rows.append(f'<row r="{r}">{row}</row>')
    return "".join(rows)


@pytest.mark.parametrize(
    ("cells", "limits", "message"),
    [
        (_cells(1001), {"max_cells": 1000}, "工作表“基本信息”的单元格过多（1001 个，上限 1000 个），已拒绝"),
        (_cells(1000), {"max_cells": 1000}, None),
        (
            '<row r="1"><c r="A1"><v>1</v></c></row><row r="11"><c r="J11"><v>1</v></c></row>',
            {"max_area": 100},
            "工作表“基本信息”的使用范围过大（11 行 × 10 列，上限 100 个单元格），已拒绝",
        ),
        (
            '<row r="1"><c r="A1"><v>1</v></c></row><row r="10"><c r="J10"><v>1</v></c></row>',
            {"max_area": 100},
            None,
        ),
    ],
)
def test_the_cells_and_the_used_range_of_a_sheet_are_bounded(
    cells: str, limits: dict[str, int], message: str | None, tmp_path: Path
) -> None:
    """A 16,384 × 200 form sheet took 847 MB: past the bounds (here made small) a sheet is refused unread."""
    from auditor.standard.loader import default_standard_path, load_standard
    from auditor.workbook.reader import Limits, read_workbook

    path = tmp_path / "wide.xlsx"
    path.write_bytes(hostile.tiny_xlsx(cells, name="基本信息"))
    standard = load_standard(default_standard_path())
    if message is None:
        read_workbook(path, standard, Limits(**limits))
    else:
        with pytest.raises(WorkbookError, match=re.escape(message)):
            read_workbook(path, standard, Limits(**limits))


def test_the_shared_strings_are_bounded(tmp_path: Path) -> None:
    """Ten million shared strings took 1.2 GB (the bound is 1,000,000; here 10)."""
    from auditor.standard.loader import default_standard_path, load_standard
    from auditor.workbook.reader import Limits, read_workbook

    entries = "".join(f"<si><t>{i}</t></si>" for i in range(11))
    path = tmp_path / "sst.xlsx"
    path.write_bytes(
        hostile.tiny_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=f"<sst>{entries}</sst>")
    )
    with pytest.raises(WorkbookError, match=re.escape("共享字符串过多（11 个，上限 10 个），已拒绝")):
        read_workbook(path, load_standard(default_standard_path()), Limits(max_shared_strings=10))


@pytest.mark.parametrize(
    "make",
    [
        # an XML comment holding many "<c " after </worksheet> (18 KB compressed: 40k copies took 33 s)
        lambda n: hostile.tiny_xlsx(
            sheet=f"<worksheet><sheetData>{ONE}</sheetData></worksheet><!--{'<c ' * n}-->"
        ),
        # the same in workbook.xml with "<sheet "
        lambda n: hostile.tiny_xlsx(workbook_extra=f"<!--{'<sheet ' * n}-->"),
        # cells that never end, in a sheet with a formula (the formula scan)
        lambda n: hostile.tiny_xlsx('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c>' + "<c " * n + "</row>"),
        # a tag that never ends
        lambda n: hostile.tiny_xlsx('<row r="1"><c r="A1" a="' + "<c a=" * n + "</row>"),
    ],
)
def test_no_scan_of_the_xml_is_quadratic(make: Callable[[int], bytes], tmp_path: Path) -> None:
    """100,000 copies take no longer than ten times 10,000 (and both well under a second or two)."""
    timings = []
    for n in (10_000, 100_000):
        path = tmp_path / f"{n}.xlsx"
        path.write_bytes(make(n))
        start = time.perf_counter()
        invoke("check", "--format", "json", "--jobs", "1", str(path))
        timings.append(time.perf_counter() - start)
    assert timings[1] < 5 and timings[1] < 10 * timings[0] + 1, timings

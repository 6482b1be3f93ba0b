"""Hardening: hostile, huge and odd inputs; safe outputs; broken standards; random workbooks.

What the user sees is asserted exactly: the exit code, the one stderr line ``错误: <file>: <message>``,
the rest of the batch audited, no traceback. Every hostile file is built in tmp_path at test time.
Cases that need LibreOffice are skipped when `soffice` is not installed.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import json
import os
import random
import re
import shutil
import struct
import time
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from auditor.cli import cli
from auditor.engine import audit_file
from auditor.errors import WorkbookError
from auditor.result import STATUSES, CenterResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from auditor.workbook.reader import Limits, read_workbook
from tests import hostile
from tests.builders import (
    ROOT,
    STANDARD_2018,
    Sheets,
    drop_rows,
    full_center,
    set_field,
    weekdays,
    write_workbook,
)

SAMPLES = ROOT / "samples" / "2018"
NOT_A_WORKBOOK = "不是电子表格文件（应为 .xlsx/.xlsm/.xls/.ods）"
DAMAGED_ZIP = "文件已损坏（不是完整的 xlsx 压缩包）"
UNSAFE_XML = "含有不安全的 XML（DOCTYPE/实体定义），已拒绝"
UNCACHED_HINT = "公式没有缓存值（文件未经 Excel/WPS 计算保存），请在 Excel/WPS 中打开并保存后重试"
needs_soffice = pytest.mark.skipif(hostile.soffice() is None, reason="LibreOffice (soffice) is not installed")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def lines(text: str) -> list[str]:
    return text.strip().splitlines() if text.strip() else []


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def outcome(center: dict[str, Any] | CenterResult) -> tuple[Any, ...]:
    """What a score is: totals, grade, veto, and every clause's status and points."""
    if isinstance(center, CenterResult):
        return (
            float(center.score),
            float(center.base),
            float(center.bonus),
            center.grade,
            center.veto,
            [(c.id, c.status, round(float(c.earned), 2)) for c in center.clauses],
        )
    return (
        center["score"],
        center["base"],
        center["bonus"],
        center["grade"],
        center["veto"],
        [(c["id"], c["status"], c["earned"]) for c in center["clauses"]],
    )


def check_json(*paths: Path) -> tuple[int, dict[str, Any], list[str]]:
    code, out, err = invoke("check", "--format", "json", *map(str, paths))
    return code, json.loads(out), lines(err)


def defective() -> Sheets:
    """A center short of full points in several ways (so that equal scores mean something)."""
    sheets = full_center(featured=2)
    drop_rows(sheets, "外观标识", lambda r: r[0] == "门牌外观")
    sheets["制度机制"][3][2] = "否"
    drop_rows(sheets, "值班记录", lambda r: r[0].month == 2)
    drop_rows(sheets, "活动记录", lambda r: r[1] == "支部生活日" and r[0].month in (4, 8))
    sheets["服务台账"][5][5] = None
    return sheets


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean workbook scoring 100 (read-only: tests copy it)."""
    return write_workbook(tmp_path_factory.mktemp("good") / "good.xlsx", full_center())


@pytest.fixture(scope="module")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lo-profile")


# =============================================================================== 1. not a workbook


def _bytes(data: bytes) -> Callable[[Path, Path], object]:
    return lambda good, bad: bad.write_bytes(data)


def _truncated(good: Path, bad: Path) -> object:
    data = good.read_bytes()
    return bad.write_bytes(data[: len(data) // 2])


NOT_WORKBOOKS: dict[str, tuple[str, Callable[[Path, Path], object], str]] = {
    # case: (file name, how to make it from the good workbook, the message the user reads)
    "empty": ("empty.xlsx", _bytes(b""), "空文件，不是电子表格文件"),
    "random bytes": ("noise.xlsx", _bytes(b"\x00" + random.Random(1).randbytes(4095)), NOT_A_WORKBOOK),
    "csv renamed": (
        "list.xlsx",
        _bytes("中心名称,中心编号\n测试社区党群服务中心,T-01\n".encode()),
        NOT_A_WORKBOOK,
    ),
    "html saved as xls": (
        "export.xls",
        _bytes(b"<html><body><table><tr><td>1</td></tr></table></body></html>"),
        NOT_A_WORKBOOK,
    ),
    "encrypted": ("secret.xlsx", _bytes(hostile.encrypted_workbook()), "加密的工作簿，请先取消密码"),
    "truncated zip": ("cut.xlsx", _truncated, DAMAGED_ZIP),
    "missing xl/workbook.xml": (
        "parts.xlsx",
        lambda good, bad: hostile.rewrite_zip(good, bad, {"xl/workbook.xml": None}),
        "文件已损坏（缺少工作簿内容）",
    ),
    "docx renamed": ("report.xlsx", _bytes(hostile.docx()), NOT_A_WORKBOOK + "：这是 Word/PowerPoint 文档"),
}


@pytest.mark.parametrize("case", list(NOT_WORKBOOKS))
def test_not_a_workbook_is_one_line_and_the_batch_goes_on(case: str, good: Path, tmp_path: Path) -> None:
    name, make, message = NOT_WORKBOOKS[case]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(good, folder / "a-good.xlsx")
    bad = folder / name
    make(good, bad)
    code, doc, err = check_json(folder)
    assert code == 2
    assert err == [f"错误: {bad}: {message}"]
    assert doc["errors"] == [{"file": str(bad), "message": message}]
    assert [(c["file"], c["score"]) for c in doc["centers"]] == [(str(folder / "a-good.xlsx"), 100.0)]
    with pytest.raises(WorkbookError) as raised:
        audit_file(load_standard(STANDARD_2018), bad)
    assert raised.value.message == message


def test_encrypted_container_is_a_real_compound_file(tmp_path: Path) -> None:
    """The hand-made OLE file is well formed: python-calamine itself recognises it as password protected."""
    import python_calamine as pc

    path = tmp_path / "secret.xlsx"
    path.write_bytes(hostile.encrypted_workbook())
    with pytest.raises(pc.PasswordError):
        pc.CalamineWorkbook.from_path(str(path))


def _sparse(size: int) -> Callable[[Path, Path], object]:
    def make(good: Path, bad: Path) -> object:
        with bad.open("wb") as f:  # a sparse file: no disk space, no time
            return f.truncate(size)

    return make


DAMAGED: dict[str, tuple[str, Callable[[Path, Path], object], str]] = {
    # case: (file name, how to make it, how the message begins: the rest quotes the reader's own words)
    "damaged xls (OLE header, then garbage)": (
        "damaged.xls",
        _bytes(hostile.damaged_xls()),
        "文件已损坏，无法读取",
    ),
    "sheet part missing from the archive": (
        "nosheet.xlsx",
        lambda good, bad: hostile.rewrite_zip(good, bad, {"xl/worksheets/sheet9.xml": None}),
        "工作表“值班记录”已损坏",
    ),
    "empty xl/workbook.xml": (
        "emptywb.xlsx",
        lambda good, bad: hostile.rewrite_zip(good, bad, {"xl/workbook.xml": b""}),
        "文件已损坏，无法读取工作簿内容",
    ),
    "101 MB file": ("huge.xlsx", _sparse(101 * 2**20), "文件过大（101 MB，上限 100 MB），已拒绝"),
}


@pytest.mark.parametrize("case", list(DAMAGED))
def test_damaged_workbook_is_one_line(case: str, good: Path, tmp_path: Path) -> None:
    name, make, begins = DAMAGED[case]
    shutil.copy(good, tmp_path / "a.xlsx")
    bad = tmp_path / f"b-{name}"
    make(good, bad)
    code, doc, err = check_json(tmp_path)
    assert code == 2 and doc["summary"]["centers"] == 1 and doc["centers"][0]["score"] == 100.0
    assert len(err) == 1 and err[0].startswith(f"错误: {bad}: {begins}"), err
    assert doc["errors"] == [{"file": str(bad), "message": err[0].removeprefix(f"错误: {bad}: ")}]


def test_corrupt_deflate_stream_is_a_damaged_file(good: Path, tmp_path: Path) -> None:
    """A bit-rotted member (invalid deflate data in a sheet) is a damaged file, not an internal error."""
    shutil.copy(good, tmp_path / "a.xlsx")
    bad = hostile.with_corrupt_deflate(good, tmp_path / "b-rotten.xlsx", "xl/worksheets/sheet9.xml")
    code, doc, err = check_json(tmp_path)
    assert code == 2 and doc["summary"]["centers"] == 1
    assert err == [f"错误: {bad}: {DAMAGED_ZIP}：xl/worksheets/sheet9.xml 数据有误"]
    with pytest.raises(WorkbookError):
        audit_file(load_standard(STANDARD_2018), bad)


def test_archive_handed_to_the_reader_holds_the_same_members(good: Path, tmp_path: Path) -> None:
    """The safety pass inflates every member once and hands the reader the archive with its XML parts stored
    inflated: every member reads back byte for byte (a worksheet with its merged ranges also before its
    cells), in the same order; other members keep their data."""
    from auditor.workbook.container import DEFAULT_LIMITS, check_container
    from auditor.workbook.rebuilt import merges_first

    src = hostile.rewrite_zip(
        good, tmp_path / "img.xlsx", add={"xl/media/image1.png": bytes(range(256)) * 40}
    )
    archive = check_container(src.read_bytes(), str(src), DEFAULT_LIMITS)
    assert archive is not None
    with zipfile.ZipFile(src) as before, zipfile.ZipFile(io.BytesIO(archive.data)) as after:
        assert after.testzip() is None
        assert [m.filename for m in after.infolist()] == [m.filename for m in before.infolist()]
        for old, new in zip(before.infolist(), after.infolist(), strict=True):
            content = before.read(old)
            moved = merges_first(content) if b"sheetData" in content else None
            assert after.read(new) == (content if moved is None else moved), new.filename
            xml = new.filename.endswith((".xml", ".rels"))
            assert new.compress_type == (zipfile.ZIP_STORED if xml else old.compress_type), new.filename


def test_stored_members_score_like_deflated(
    good: Path, clean: CenterResult, std2018: Standard, tmp_path: Path
) -> None:
    """An archive written without compression (some tools do) is read like the usual deflated one."""
    scores_like_clean(std2018, hostile.recompress(good, tmp_path / "stored.xlsx", zipfile.ZIP_STORED), clean)


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_other_compression_methods_are_one_line(good: Path, tmp_path: Path, method: int) -> None:
    """bzip2/lzma members (no spreadsheet program writes them; the cell reader cannot read them): one line
    naming the first such member and what to do, never a traceback."""
    bad = hostile.recompress(good, tmp_path / "odd.xlsx", method)
    first = zipfile.ZipFile(bad).infolist()[0].filename
    code, _, err = check_json(bad)
    assert code == 2
    assert err == [f"错误: {bad}: 压缩方式不受支持（{first}），请在 Excel/WPS 中打开并另存为 .xlsx"]


def test_member_cut_short_is_a_damaged_file(good: Path, tmp_path: Path) -> None:
    """A member whose data ends before its declared compressed size (a file cut inside the archive, the
    directory rebuilt) is refused by the safety pass with the member named."""
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("xl/worksheets/sheet9.xml")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    begin = info.header_offset + 30 + name_len + extra_len
    data[begin + info.compress_size // 2 : begin + info.compress_size] = bytes(
        info.compress_size - info.compress_size // 2
    )
    bad = tmp_path / "cut.xlsx"
    bad.write_bytes(bytes(data))
    code, _, err = check_json(bad)
    assert code == 2
    assert err == [f"错误: {bad}: {DAMAGED_ZIP}：xl/worksheets/sheet9.xml 数据有误"]


@pytest.fixture(scope="module")
def converted(good: Path, lo_profile: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The defective center as .xlsx (openpyxl), .ods and .xls (LibreOffice)."""
    if hostile.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("formats")
    xlsx = write_workbook(folder / "center.xlsx", defective())
    ods = hostile.convert([xlsx], "ods", folder / "ods", lo_profile)[0]
    xls = hostile.convert([xlsx], "xls", folder / "xls", lo_profile)[0]
    return {"xlsx": xlsx, "ods": ods, "xls": xls}


@needs_soffice
@pytest.mark.parametrize(
    ("real", "named"),
    [
        ("ods", "xlsx"),
        ("xls", "xlsx"),
        ("xlsx", "xls"),
        ("xlsx", "ods"),
        ("ods", "xls"),
        ("xls", "ods"),
        ("ods", "ods"),
        ("xls", "xls"),
    ],
)
def test_wrong_extension_is_read_by_content(
    converted: dict[str, Path], real: str, named: str, tmp_path: Path
) -> None:
    path = tmp_path / f"center-{real}.{named}"
    shutil.copy(converted[real], path)
    code, doc, err = check_json(converted["xlsx"], path)
    assert code == 0
    assert err == [f"警告: 中心编号“T-01”重复：{converted['xlsx']} 与 {path}"]  # the same center twice
    original, renamed = doc["centers"]
    assert original["score"] < 100
    assert outcome(renamed) == outcome(original)
    assert renamed["warnings"] == original["warnings"]


# =============================================================================== 2. bombs


XML_BOMBS: dict[str, tuple[str, Callable[[Path, Path], Path]]] = {}


def _sst_bomb(prolog: str, text: str) -> Callable[[Path, Path], Path]:
    return lambda src, dst: hostile.with_shared_strings(src, dst, hostile.shared_strings(text, prolog))


def _sheet_bomb(prolog: str, cell_text: str) -> Callable[[Path, Path], Path]:
    def make(src: Path, dst: Path) -> Path:
        sheet = hostile.member(src, "xl/worksheets/sheet1.xml").decode()
        sheet = sheet.replace("<t>测试社区党群服务中心</t>", f"<t>{cell_text}</t>", 1)
        return hostile.rewrite_zip(src, dst, {"xl/worksheets/sheet1.xml": prolog + sheet})

    return make


_quad_prolog, _quad_text = hostile.quadratic_blowup("sst")
XML_BOMBS.update(
    {
        "billion laughs in sharedStrings": (
            "sst-laughs.xlsx",
            _sst_bomb(hostile.billion_laughs("sst"), "&lol9;"),
        ),
        "quadratic blowup in sharedStrings": ("sst-quadratic.xlsx", _sst_bomb(_quad_prolog, _quad_text)),
        "external entity in sharedStrings": (
            "sst-xxe.xlsx",
            _sst_bomb(hostile.external_entity("sst"), "&xxe;"),
        ),
        "billion laughs in a sheet": (
            "sheet-laughs.xlsx",
            _sheet_bomb(hostile.billion_laughs("worksheet"), "&lol9;"),
        ),
        "external entity in a sheet": (
            "sheet-xxe.xlsx",
            _sheet_bomb(hostile.external_entity("worksheet"), "&xxe;"),
        ),
        "billion laughs after a 70 kB comment": (
            "late-laughs.xlsx",
            _sst_bomb("<!--" + "x" * 70_000 + "-->\n" + hostile.billion_laughs("sst"), "&lol9;"),
        ),
        "external entity after 70 kB of blanks": (
            "late-xxe.xlsx",
            _sst_bomb(" " * 70_000 + hostile.external_entity("sst"), "&xxe;"),
        ),
    }
)


def test_shared_strings_construction_is_valid(good: Path, tmp_path: Path, std2018: Standard) -> None:
    """Without a DOCTYPE the same construction reads normally: a refusal below is the bomb's, not ours."""
    path = hostile.with_shared_strings(
        good, tmp_path / "sst.xlsx", hostile.shared_strings("共享字符串社区党群服务中心")
    )
    result = audit_file(std2018, path)
    assert (result.name, float(result.score)) == ("共享字符串社区党群服务中心", 100.0)


def test_exclamation_marks_and_comments_are_not_unsafe(good: Path, tmp_path: Path, std2018: Standard) -> None:
    """A part holding "!" is searched for DOCTYPE/ENTITY in full; text and an XML comment are not refused."""
    path = _sheet_bomb("<!-- 注释 -->", "测试社区党群服务中心!")(good, tmp_path / "bang.xlsx")
    result = audit_file(std2018, path)
    assert (result.name, float(result.score)) == ("测试社区党群服务中心!", 100.0)


@pytest.mark.parametrize("case", list(XML_BOMBS))
def test_xml_entity_bomb_refused(case: str, good: Path, tmp_path: Path) -> None:
    name, make = XML_BOMBS[case]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(good, folder / "a-good.xlsx")
    bomb = make(good, folder / name)
    start = time.perf_counter()
    code, doc, err = check_json(folder)
    assert time.perf_counter() - start < 5
    assert code == 2 and doc["summary"]["centers"] == 1 and doc["centers"][0]["score"] == 100.0
    assert err == [f"错误: {bomb}: {UNSAFE_XML}"]
    assert "root:" not in json.dumps(doc)  # nothing of /etc/passwd leaked


@pytest.fixture(scope="module")
def zip_bombs(good: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    return {
        # 300 MiB of zeros streamed into one member: ~1.4 MB on disk, honest sizes, ratio ~1000
        "ratio": hostile.with_zero_member(good, folder / "zeros.xlsx", "xl/media/zeros.bin", 300),
        # two members of 1 MiB noise each declaring 150 MiB: ratios 150, 300 MiB together
        "total": hostile.with_declared_members(good, folder / "declared.xlsx", 2, 150),
        # a sheet declaring 1 MiB that inflates to 300 MiB (~0.3 MB on disk)
        "lying": hostile.with_lying_sheet(good, folder / "lying.xlsx", "xl/worksheets/sheet9.xml", 300),
    }


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("ratio", "疑似压缩炸弹（xl/media/zeros.bin 压缩比过高），已拒绝"),
        ("total", "解压后 300 MB，超过上限 200 MB，已拒绝"),
    ],
)
def test_zip_bomb_refused_before_parsing(zip_bombs: dict[str, Path], case: str, message: str) -> None:
    seen = hostile.probe(STANDARD_2018, zip_bombs[case])
    print(
        f"\nzip bomb ({case}): refused in {seen['seconds'] * 1000:.1f} ms, "
        f"peak memory +{seen['rss_growth_mb']:.1f} MB"
    )
    assert seen.get("error") == message
    assert seen["seconds"] < 2
    assert seen["rss_growth_mb"] < 300


def test_zip_bomb_with_lying_sizes_refused_without_memory_growth(zip_bombs: dict[str, Path]) -> None:
    """The sizes in a zip are only claims: a member that declares 1 MiB and inflates to 300 MiB must not cost
    300+ MB of memory either (the spec: a 1 MB file inflating to 1 GiB costs ~1 GB in every reader)."""
    seen = hostile.probe(STANDARD_2018, zip_bombs["lying"])
    print(
        f"\nzip bomb (lying sizes): {seen.get('error')!r} in {seen['seconds']:.2f} s, "
        f"peak memory +{seen['rss_growth_mb']:.1f} MB"
    )
    assert "error" in seen, seen  # refused (a damaged or bomb file), not audited
    assert seen["seconds"] < 5
    assert seen["rss_growth_mb"] < 300


def test_zip_bomb_in_a_batch(zip_bombs: dict[str, Path], good: Path, tmp_path: Path) -> None:
    shutil.copy(good, tmp_path / "a.xlsx")
    bomb = tmp_path / "b-bomb.xlsx"
    shutil.copy(zip_bombs["ratio"], bomb)
    code, doc, err = check_json(tmp_path)
    assert code == 2 and doc["summary"] == {
        "centers": 1,
        "by_grade": {"优秀": 1, "良好": 0, "合格": 0, "不合格": 0},
        "errors": 1,
        "hints": 1,  # full_center's 40 answers are all 满意: an identical run (tests/test_hints.py)
    }
    assert err == [f"错误: {bomb}: 疑似压缩炸弹（xl/media/zeros.bin 压缩比过高），已拒绝"]


# =============================================================================== 3. huge but honest


def write_big_duty_log(path: Path, rows: int) -> Path:
    """full_center() with a 值班记录 of `rows` records (openpyxl write-only mode)."""
    wb = openpyxl.Workbook(write_only=True)
    days = weekdays(2018)
    for name, sheet_rows in full_center().items():
        ws = wb.create_sheet(name)
        if name == "值班记录":
            ws.append(["日期", "值班人"])
            for i in range(rows):
                ws.append([days[i % len(days)], f"值班员{i % 7}"])
        else:
            for row in sheet_rows:
                ws.append(row)
    wb.save(path)
    return path


def test_hundred_thousand_rows_audited_in_bounded_memory(tmp_path: Path) -> None:
    start = time.perf_counter()
    path = write_big_duty_log(tmp_path / "big.xlsx", 100_000)
    written = time.perf_counter() - start
    seen = hostile.probe(STANDARD_2018, path)
    print(
        f"\n100,000-row 值班记录 ({path.stat().st_size // 1024} KiB): written in {written:.2f} s, "
        f"audited in {seen['seconds']:.2f} s, peak memory +{seen['rss_growth_mb']:.0f} MB"
    )
    assert seen.get("score") == 100.0, seen
    assert seen["statuses"]["2.8"] == "pass" and seen["warnings"] == []
    assert seen["seconds"] < 10
    assert seen["rss_growth_mb"] < 400


def test_row_limit_refusal_is_clear(good: Path, std2018: Standard) -> None:
    with pytest.raises(WorkbookError) as raised:
        read_workbook(good, std2018, Limits(max_rows=261))
    assert str(raised.value) == f"{good}: 工作表“值班记录”超过上限 261 行，已拒绝"
    evidence = read_workbook(good, std2018, Limits(max_rows=262))  # exactly at the limit: read
    assert len(evidence.tables["值班记录"]) == 261


# =============================================================================== 4. formula injection

HTML_HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "</td></tr><b>x</b>"]


def injected_center(number: int) -> Sheets:
    """A center whose every text of 基本信息 and many table texts are formulas or markup."""
    sheets = defective()
    set_field(sheets, "所属镇街", "=1+1")
    set_field(sheets, "检查组组长", "@SUM(A1)")
    set_field(sheets, "中心编号", f"=X{number}+1")
    set_field(
        sheets, "中心名称", f'=HYPERLINK("http://evil/{number}","中心{number}")<script>alert(1)</script>'
    )
    set_field(sheets, "中心类型", "=1+1")  # an unknown enumeration value: a finding quoting it
    set_field(sheets, "检查日期", "@TODAY()")  # unreadable date: a warning quoting it
    set_field(sheets, "步行可达时间(分钟)", "-2+3")  # unreadable number: an error finding quoting it
    set_field(sheets, "活动场所向群众无偿开放", "+cmd")  # unreadable yes/no
    set_field(sheets, "服务项目清单公开", HTML_HOSTILE[1])
    set_field(sheets, "开展双诺双述双评", HTML_HOSTILE[2])
    sheets["外观标识"][1][0] = "=1+1"  # an item under a name that is not in the standard
    sheets["外观标识"][2][1] = '=HYPERLINK("x")'  # unreadable yes/no in a table
    sheets["制度机制"][2][3] = "@SUM(A1)"  # 备注
    sheets["人员岗位"][1][0] = "=cmd|' /C calc'!A0"  # 姓名 (staff names may appear in reports)
    sheets["人员岗位"][1][2] = "-2+3"  # 专兼职: unknown enumeration value
    sheets["服务队伍"][1][3] = "+cmd"
    sheets["服务事项"][1][1] = "=1+1"  # 类别
    sheets["服务事项"][2][2] = '=DISPIMG("ID_1",1)'  # 年度开展次数
    sheets["活动记录"][1][1] = HTML_HOSTILE[0]  # 活动类型
    sheets["督查记录"][1][0] = "=TODAY()"  # 日期
    sheets["值班记录"][1][0] = "@NOW()"
    sheets["值班记录"][2][1] = "=1+1"  # 值班人
    sheets["服务台账"][1][2] = '=HYPERLINK("http://evil","居民")'  # 群众姓名: personal data, never shown
    sheets["满意度测评"][1][1] = "+满意"
    return sheets


def all_report_cells(folder: Path) -> Iterator[tuple[Path, str, Any]]:
    for path in sorted(folder.rglob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        for ws in wb:
            for row in ws.iter_rows():
                for cell in row:
                    yield path, f"{ws.title}!{cell.coordinate}", cell


def test_text_from_workbooks_is_never_a_formula_in_any_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_workbook(inputs / "=1+1.xlsx", injected_center(1))
    blank_ids = injected_center(2)
    set_field(blank_ids, "中心编号", None)
    set_field(blank_ids, "中心名称", None)  # the report is named after the file, which looks like a formula
    write_workbook(inputs / "@SUM(A1).xlsx", blank_ids)
    (inputs / '=HYPERLINK("x").xlsx').write_bytes(b"not a workbook")  # a file name in the 错误 sheet
    monkeypatch.chdir(inputs)  # relative paths: the file names themselves start with '=' or '@'
    out = tmp_path / "out"
    code, stdout, err = invoke(
        "report", "=1+1.xlsx", "@SUM(A1).xlsx", '=HYPERLINK("x").xlsx', "-o", str(out), "--html"
    )
    assert code == 2 and "已写入 2 份验收报告" in stdout
    assert lines(err) == [f'错误: =HYPERLINK("x").xlsx: {NOT_A_WORKBOOK}']
    reports = sorted(p.name for p in out.glob("*.xlsx"))
    assert len(reports) == 3 and "汇总-2018.xlsx" in reports

    texts: list[str] = []
    for path, where, cell in all_report_cells(out):
        assert cell.data_type != "f", (path.name, where, cell.value)
        if isinstance(cell.value, str):
            texts.append(cell.value)
    for path in out.rglob("*.xlsx"):  # and in the file itself: no formula element in any part
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/"):
                    assert not re.search(rb"<f[ >]", z.read(name)), (path.name, name)
    joined = "\n".join(texts)
    # the hostile texts did reach the reports (as text), so the assertions above mean something
    assert "=1+1.xlsx" in texts and '=HYPERLINK("x").xlsx' in texts and "@SUM(A1).xlsx" in texts
    assert '=HYPERLINK("http://evil/1","中心1")<script>alert(1)</script>' in texts
    for value in [
        "=X1+1",
        "@SUM(A1)",
        "“=1+1”",
        "“-2+3”",
        "“+cmd”",
        "“@NOW()”",
        "“+满意”",
        "“=TODAY()”",
        '“=HYPERLINK("x")”',
        '“=DISPIMG("ID_1",1)”',
        "“<img src=x onerror=alert(2)>”",
    ]:
        assert value in joined, value
    assert "居民" not in joined and 'http://evil","居民' not in joined  # residents' data never shown

    pages = {p.name: p.read_text("utf-8") for p in (out / "html").glob("*.html")}
    assert len(pages) == 3
    for name, page in pages.items():
        for raw in HTML_HOSTILE:
            assert raw not in page, (name, raw)
        body = re.sub(
            r"<(/?)(html|head|meta|title|style|body|h[1-6]|p|div|span|table|thead|tbody|tr|th|td|a|ul|li|"
            r"section|header|footer|small|strong|em|br|caption|colgroup|col|nav|main|details|summary|ol|"
            r"dl|dt|dd|b|i|sup|sub|figure|figcaption|svg|rect|text|g|line|!DOCTYPE)\b[^<>]*>",
            "",
            page,
        )
        assert "<" not in body, (name, body[body.index("<") - 80 : body.index("<") + 80])
    joined_pages = "\n".join(pages.values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in joined_pages
    assert "&lt;img src=x onerror=alert(2)&gt;" in joined_pages


# =============================================================================== 5. paths and outputs


def named_center(center_id: str | None, name: str | None) -> Sheets:
    sheets = full_center()
    set_field(sheets, "中心编号", center_id)
    set_field(sheets, "中心名称", name)
    return sheets


def test_output_names_are_sanitised_and_confined(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    long_name = "长" * 300
    centers = {
        "a.xlsx": ("../../x", "甲中心"),
        "b.xlsx": ("CON", None),
        "c.xlsx": ("a/b\\c:d", "乙中心"),
        "d.xlsx": ("L-01", long_name),
        "e.xlsx": ("..", "/etc/passwd"),
    }
    for file, (center_id, name) in centers.items():
        write_workbook(inputs / file, named_center(center_id, name))
    before_inputs = digest(inputs)
    out = tmp_path / "deep" / "new" / "out"  # missing: created
    code, stdout, err = invoke("report", str(inputs), "-o", str(out), "--html")
    assert code == 0, err
    expected = {"_._x-甲中心", "_CON", "a_b_c_d-乙中心", "L-01-" + "长" * 58, "-_etc_passwd"}
    assert {p.stem for p in out.glob("*.xlsx")} == expected | {"汇总-2018"}
    assert {p.stem for p in (out / "html").glob("*.html")} == expected | {"index"}
    assert max(len(p.name.encode()) for p in out.rglob("*")) <= 185
    allowed = (Path("in"), Path("deep") / "new" / "out")
    strays = [
        p
        for p in tmp_path.rglob("*")
        if not any(p.relative_to(tmp_path).is_relative_to(a) for a in allowed)
        and p not in (tmp_path / "deep", tmp_path / "deep" / "new")
    ]
    assert strays == []  # nothing written outside the output folder
    assert digest(inputs) == before_inputs
    assert not list(out.rglob(".~audit-*"))
    assert f"→ {out.resolve() / '_._x-甲中心.xlsx'}" in stdout


def test_inputs_never_modified_when_output_is_the_input_folder(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    write_workbook(folder / "T-01-测试社区党群服务中心.xlsx", full_center())  # named like its own report
    write_workbook(folder / "other.xlsx", named_center("T-02", "第二中心"))
    before = digest(folder)
    for _ in range(2):  # and again: the reports of the first run are not inputs of the second
        code, _, err = invoke(
            "report",
            str(folder / "T-01-测试社区党群服务中心.xlsx"),
            str(folder / "other.xlsx"),
            "-o",
            str(folder),
        )
        assert code == 0, err
        after = digest(folder)
        assert {k: after[k] for k in before} == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [
            ".audit-report.json",
            "T-01-测试社区党群服务中心.xlsx",
            "T-01-测试社区党群服务中心-验收报告.xlsx",
            "other.xlsx",
            "T-02-第二中心.xlsx",
            "汇总-2018.xlsx",
        ]
    )


def test_output_path_is_a_file(good: Path, tmp_path: Path) -> None:
    target = tmp_path / "reports"
    target.write_text("x")
    code, stdout, err = invoke("report", str(good), "-o", str(target))
    assert (
        code == 2 and lines(err) == [f"错误: {target}: 输出路径已存在且不是目录"] and "已写入" not in stdout
    )
    assert target.read_text() == "x"


def test_output_folder_below_a_file_is_one_line(good: Path, tmp_path: Path) -> None:
    target = tmp_path / "reports"
    target.write_text("x")
    below = target / "2018"  # a folder inside a file cannot be created
    code, stdout, err = invoke("report", str(good), "-o", str(below))
    assert code == 2 and len(lines(err)) == 1 and "已写入" not in stdout, err
    assert lines(err)[0].startswith(f"错误: {target}") and "目录" in lines(err)[0], err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unwritable_output_folder_is_one_line(
    jobs: str, good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    out = tmp_path / "out"
    monkeypatch.setattr(tempfile, "mkstemp", denied)  # what a read-only folder does (root ignores chmod)
    code, stdout, err = invoke("report", str(good), "-o", str(out), "-j", jobs)
    assert code == 2 and "已写入" not in stdout
    assert lines(err) == [f"错误: {out.resolve()}: 无法写入输出目录：{os.strerror(errno.EACCES)}"]
    assert list(out.iterdir()) == []


def _enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _report_batch(tmp_path: Path) -> tuple[Path, Path]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_workbook(inputs / "a.xlsx", full_center())
    write_workbook(inputs / "b.xlsx", named_center("T-02", "第二中心"))
    return inputs, tmp_path / "out"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_disk_full_on_rename_is_one_line_and_leaves_nothing(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out = _report_batch(tmp_path)
    before = digest(inputs)
    monkeypatch.setattr(os, "replace", _enospc)  # inherited by forked workers
    code, stdout, err = invoke("report", str(inputs), "-o", str(out), "-j", jobs)
    assert code == 2
    assert lines(err) == [
        f"错误: {out.resolve() / 'T-01-测试社区党群服务中心.xlsx'}: 无法写入：{os.strerror(errno.ENOSPC)}"
    ]
    assert list(out.iterdir()) == []  # no partial report, no temporary .~audit-* file
    assert "已写入" not in stdout
    assert digest(inputs) == before


def test_disk_full_while_saving_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out = _report_batch(tmp_path)

    def full_disk(self: openpyxl.Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
        _enospc()

    monkeypatch.setattr(openpyxl.Workbook, "save", full_disk)
    code, _, err = invoke("report", str(inputs), "-o", str(out), "-j", "1")
    assert code == 2
    assert lines(err) == [
        f"错误: {out.resolve() / 'T-01-测试社区党群服务中心.xlsx'}: 无法写入：{os.strerror(errno.ENOSPC)}"
    ]
    assert list(out.iterdir()) == []


def test_interrupted_save_leaves_no_half_written_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out = _report_batch(tmp_path)
    original = openpyxl.Workbook.save
    saved: list[str] = []

    def interrupted(self: openpyxl.Workbook, filename: str) -> None:
        if saved:  # the first report is written, Ctrl-C arrives while the second is half written
            Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
            raise KeyboardInterrupt
        saved.append(filename)
        original(self, filename)

    monkeypatch.setattr(openpyxl.Workbook, "save", interrupted)
    code, _, err = invoke("report", str(inputs), "-o", str(out), "-j", "1")
    assert code == 130 and lines(err) == ["错误: 已中断"]
    assert sorted(p.name for p in out.iterdir()) == [".audit-report.json", "T-01-测试社区党群服务中心.xlsx"]
    openpyxl.load_workbook(out / "T-01-测试社区党群服务中心.xlsx")  # the finished one is whole
    # the manifest lists the report completely written, so that the next run replaces it cleanly
    assert json.loads((out / ".audit-report.json").read_text("utf-8"))["files"] == [
        "T-01-测试社区党群服务中心.xlsx"
    ]


def _cover_ids(wb: openpyxl.Workbook) -> set[object]:
    """The texts of the cover's first rows (the center's name is there; its id may be)."""
    return {cell.value for row in wb.worksheets[0].iter_rows(max_row=12) for cell in row}


def test_interrupt_while_a_worker_is_saving_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C with parallel workers: the terminal sends SIGINT to all; workers ignore it and the parent stops
    them. A report a worker was half-way through writing must not stay behind as a .~audit-* file."""
    inputs, out = _report_batch(tmp_path)
    started = tmp_path / "second-save-started"
    original = openpyxl.Workbook.save

    def save(self: openpyxl.Workbook, filename: str) -> None:
        ids = _cover_ids(self)
        if "第二中心" in ids or "T-02" in ids:  # worker 2: half written when the interrupt comes
            Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
            started.touch()
            time.sleep(3)  # still writing when the parent is interrupted
        elif "测试社区党群服务中心" in ids or "T-01" in ids:  # worker 1: finishes once worker 2 is writing
            deadline = time.monotonic() + 10
            while not started.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        original(self, filename)

    echo = click.echo

    def interrupt_on_progress(message: object = None, *args: Any, **kwargs: Any) -> None:
        if isinstance(message, str) and "→" in message:  # the parent reports the first finished center
            raise KeyboardInterrupt
        echo(message, *args, **kwargs)

    monkeypatch.setattr(openpyxl.Workbook, "save", save)
    monkeypatch.setattr(click, "echo", interrupt_on_progress)
    code, _, err = invoke("report", str(inputs), "-o", str(out), "-j", "2")
    assert code == 130 and lines(err) == ["错误: 已中断"]
    assert started.exists()
    time.sleep(0.2)
    left = sorted(p.name for p in out.iterdir())
    assert [n for n in left if n.startswith(".~audit-")] == [], left  # no half-written temporary file
    assert "T-01-测试社区党群服务中心.xlsx" in left
    reports = [name for name in left if name.endswith(".xlsx")]
    for name in reports:  # whatever is there is whole (the worker half-way through was stopped)
        openpyxl.load_workbook(out / name)
    assert json.loads((out / ".audit-report.json").read_text("utf-8"))["files"] == reports


# =============================================================================== 6. broken standards


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def broken_standards() -> dict[str, tuple[str, str]]:
    """case -> (YAML text, the message after '错误: <file>' / '错误: 标准无效：<file>')."""
    text = STANDARD_2018.read_text("utf-8")
    tiers = "            - {min: 0.95, points: 4}\n            - {min: 0.80, points: 2}"
    swapped = "            - {min: 0.80, points: 2}\n            - {min: 0.95, points: 4}"
    unknown = _replace_once(text, "type: table_items", "type: table_itemz")
    undeclared = _replace_once(text, "          sheet: 外观标识\n", "          sheet: 外观标志\n")
    with_tiers = _replace_once(text, tiers, swapped)
    no_cap = _replace_once(text, "        cap: 3\n", "")
    points = _replace_once(text, "total: 100", "total: 99")
    part_points = _replace_once(text, "points: 12\n", "points: 11\n")
    tier_line = _line_of(with_tiers, swapped) + 1
    return {
        "yaml syntax error": (
            _replace_once(text, "title: 党群服务中心", "title: [党群服务中心"),
            f":{_line_of(text, 'issuer:')}: YAML 语法错误：方括号列表中应为“,”或“]”，却遇到“:”"
            "（“[”未闭合，或值里的“: ”没有加引号）",
        ),
        "duplicate key": (
            _replace_once(
                text, "issuer: 中共高密市委组织部\n", "issuer: 中共高密市委组织部\ntitle: 另一个标题\n"
            ),
            f":{_line_of(text, 'issuer:') + 1}: 重复的键“title”（第{_line_of(text, 'title:')}行已出现），"
            "YAML 只会保留后一个",
        ),
        "unknown check type": (
            unknown,
            f":{_line_of(unknown, 'type: table_itemz')}: parts[0].clauses[0].check.type: "
            "'table_itemz' 不是可选值之一：coverage, field, field_ratio, period_coverage, row_count, "
            "share, table_items, weighted_mean",
        ),
        "undeclared sheet": (
            undeclared,
            f":{_line_of(undeclared, 'sheet: 外观标志')}: parts[0].clauses[0].check.sheet: "
            "未声明的工作表“外观标志”（是否要写“外观标识”？）",
        ),
        "total does not add up": (
            points,
            f":{_line_of(points, 'total: 99')}: total: 声明总分 99，但各条分值之和为 100",
        ),
        "part does not add up": (
            part_points,
            f":{_line_of(part_points, 'points: 20')}: parts[0].points: "
            "本部分声明 20 分，但各条分值之和为 19（另有 1 处问题，运行 audit standard lint 查看）",
        ),
        "tiers out of order": (
            with_tiers,
            f":{tier_line}: parts[1].clauses[7].credit.tiers[1]: 档位须按门槛从高到低排列，分数不增",
        ),
        "bonus without cap": (
            no_cap,
            f":{_line_of(no_cap, '- id: B.1')}: parts[4].clauses[0]: 'cap' 是必填项",
        ),
    }


BROKEN = broken_standards()


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_standard_refused(case: str, good: Path, tmp_path: Path) -> None:
    text, message = BROKEN[case]
    path = tmp_path / "BROKEN.yaml"
    path.write_text(text, "utf-8")
    code, stdout, err = invoke("check", "--standard", str(path), str(good))
    assert code == 2 and stdout == ""
    prefix = "错误: " if case in ("yaml syntax error", "duplicate key") else "错误: 标准无效："
    assert lines(err) == [f"{prefix}{path}{message}"]


# =============================================================================== 7. valid but odd


def write_odd(
    path: Path,
    sheets: Sheets,
    *,
    epoch: dt.datetime | None = None,
    shape: Callable[[openpyxl.Workbook], None] | None = None,
) -> Path:
    """Like builders.write_workbook, with a date system and a final touch on the openpyxl workbook."""
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    if shape is not None:
        shape(wb)
    wb.save(path)
    return path


def scores_like_clean(std: Standard, path: Path, clean: CenterResult) -> CenterResult:
    result = audit_file(std, path)
    assert outcome(result) == outcome(clean)
    return result


@pytest.fixture(scope="module")
def clean(good: Path) -> CenterResult:
    return audit_file(load_standard(STANDARD_2018), good)


def test_hidden_sheets_are_read(std2018: Standard, clean: CenterResult, tmp_path: Path) -> None:
    def hide(wb: openpyxl.Workbook) -> None:
        wb["值班记录"].sheet_state = "hidden"
        wb["活动记录"].sheet_state = "veryHidden"
        wb.active = 1

    result = scores_like_clean(std2018, write_odd(tmp_path / "hidden.xlsx", full_center(), shape=hide), clean)
    assert result.warnings == (  # the only sheets of their names: read, and said
        "工作表“活动记录”是隐藏的工作表，已读取",
        "工作表“值班记录”是隐藏的工作表，已读取",
    )


def test_merged_cells_title_block_and_header_below(
    std2018: Standard, clean: CenterResult, tmp_path: Path
) -> None:
    sheets = full_center()
    info = [[label, None, value] for label, value in sheets["基本信息"]]  # labels merged over A:B, value in C
    sheets["基本信息"] = [["党群服务中心基本信息", None, None], *info]
    duty = sheets["值班记录"]
    sheets["值班记录"] = [
        ["2018年度值班记录", None],
        ["填报单位：测试社区", "填报人：李"],
        [None, None],
        [duty[0][0], duty[0][1]],
        [None, None],
        *duty[1:],
    ]
    activity = sheets["活动记录"]
    sheets["活动记录"] = [
        ["活动记录"],
        [*activity[0][:3], None, *activity[0][3:]],
        *[[*r[:3], None, *r[3:]] for r in activity[1:]],
    ]

    def merge(wb: openpyxl.Workbook) -> None:
        ws = wb["基本信息"]
        ws.merge_cells("A1:C1")
        for r in range(2, ws.max_row + 1):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        duty_ws = wb["值班记录"]
        duty_ws.merge_cells("A1:B1")
        duty_ws.merge_cells("A4:A5")  # header cells merged down over a blank row
        duty_ws.merge_cells("B4:B5")
        act = wb["活动记录"]
        act.merge_cells("A1:F1")
        act.merge_cells("C2:D2")  # 主题 merged over two columns, the text in the first

    write_odd(tmp_path / "merged.xlsx", sheets, shape=merge)
    result = scores_like_clean(std2018, tmp_path / "merged.xlsx", clean)
    assert result.warnings == ()


def test_duplicated_header_first_wins_with_a_warning(
    std2018: Standard, clean: CenterResult, tmp_path: Path
) -> None:
    sheets = full_center()
    sheets["值班记录"] = [["日期", "值班人", "值班人", "日期"]] + [
        [d, p, None, "去年"] for d, p in sheets["值班记录"][1:]
    ]
    result = scores_like_clean(std2018, write_workbook(tmp_path / "dup.xlsx", sheets), clean)
    assert result.warnings == (
        "值班记录: 表头“值班人”出现多次，使用第 B 列",
        "值班记录: 表头“日期”出现多次，使用第 A 列",
    )


def test_styled_blank_cell_at_the_last_row_is_fast(
    std2018: Standard, clean: CenterResult, tmp_path: Path
) -> None:
    def far(wb: openpyxl.Workbook) -> None:
        for name in ("基本信息", "值班记录", "服务台账"):
            ws = wb[name]
            ws.cell(1_048_576, 1).fill = PatternFill("solid", start_color="FFFF00")
            ws.cell(1_048_576, 16_384).fill = PatternFill("solid", start_color="FFFF00")

    path = write_odd(tmp_path / "far.xlsx", full_center(), shape=far)
    start = time.perf_counter()
    result = scores_like_clean(std2018, path, clean)
    assert time.perf_counter() - start < 2
    assert result.warnings == ()


def test_blank_text_at_the_last_row_is_not_content(
    std2018: Standard, clean: CenterResult, tmp_path: Path
) -> None:
    """A space typed into A1048576 is a blank cell (spec: stop at the last row with content), so the sheet
    has 262 rows of content and is audited, not refused by the 200,000-row limit."""

    def far(wb: openpyxl.Workbook) -> None:
        wb["值班记录"].cell(1_048_576, 1).value = " "

    path = write_odd(tmp_path / "far-space.xlsx", full_center(), shape=far)
    start = time.perf_counter()
    scores_like_clean(std2018, path, clean)
    assert time.perf_counter() - start < 5


def formula_center(path: Path, fields: dict[str, str], cells: dict[tuple[str, str], str]) -> Path:
    """full_center() with live formulas (written by openpyxl: no cached values)."""

    def formulas(wb: openpyxl.Workbook) -> None:
        for row in wb["基本信息"].iter_rows():
            if row[0].value in fields:
                row[1].value = fields[str(row[0].value)]
        for (sheet, ref), formula in cells.items():
            wb[sheet][ref] = formula

    return write_odd(path, full_center(), shape=formulas)


CACHED_FORMULAS = (
    {"财政列支经费(万元)": "=2+3", "步行可达时间(分钟)": "=6*2", "检查年度": "=2000+18"},
    {("服务事项", "C2"): "=1+2", ("满意度测评", "B2"): '="满"&"意"'},
)
ERROR_FORMULAS = (
    {"步行可达时间(分钟)": "=1/0", "财政列支经费(万元)": "=NA()", "党费补助经费(万元)": "=NA()"},
    {("服务事项", "C2"): "=NA()"},
)


@pytest.fixture(scope="module")
def lo_saved(lo_profile: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Files computed and saved by LibreOffice: formulas with cached values, error cells, two samples."""
    if hostile.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("lo-in")
    cached = formula_center(folder / "cached.xlsx", *CACHED_FORMULAS)
    errors = formula_center(folder / "errors.xlsx", *ERROR_FORMULAS)
    samples = [
        SAMPLES / "GM-04-醴泉街道北关社区党群服务中心.xlsx",
        SAMPLES / "GM-10-朝阳街道月潭社区党群服务中心.xlsx",
    ]
    out = hostile.convert([cached, errors, *samples], "xlsx", tmp_path_factory.mktemp("lo-out"), lo_profile)
    return {"cached": out[0], "errors": out[1], "GM-04": out[2], "GM-10": out[3]}


@needs_soffice
def test_formulas_with_cached_values_read_as_values(
    std2018: Standard, clean: CenterResult, lo_saved: dict[str, Path]
) -> None:
    sheet = hostile.member(lo_saved["cached"], "xl/worksheets/sheet1.xml")
    assert b"<f" in sheet  # still formulas, now with the values LibreOffice computed
    result = scores_like_clean(std2018, lo_saved["cached"], clean)
    assert result.warnings == ()


def test_formula_without_cached_value_is_missing_with_a_hint(std2018: Standard, tmp_path: Path) -> None:
    path = formula_center(
        tmp_path / "uncached.xlsx", {"步行可达时间(分钟)": "=6*2"}, {("服务事项", "C2"): "=1+2"}
    )
    result = audit_file(std2018, path)
    by_id = {c.id: c for c in result.clauses}
    assert (by_id["1.3"].status, by_id["1.3"].earned) == ("missing", 0)
    assert [f.location for f in by_id["1.3"].findings] == ["基本信息!B10"]
    assert by_id["3.1"].status == "partial" and [f.location for f in by_id["3.1"].findings] == ["服务事项!C2"]
    assert result.warnings == (f"基本信息!B10: {UNCACHED_HINT}", f"服务事项!C2: {UNCACHED_HINT}")


@needs_soffice
def test_error_cells_are_errors_naming_cell_and_value(std2018: Standard, lo_saved: dict[str, Path]) -> None:
    result = audit_file(std2018, lo_saved["errors"])
    by_id = {c.id: c for c in result.clauses}
    assert (by_id["1.3"].status, by_id["1.3"].earned) == ("error", 0)
    [finding] = by_id["1.3"].findings
    assert finding.location == "基本信息!B10" and "“#DIV/0!”" in finding.message
    assert by_id["1.2"].status == "error"
    assert [(f.location, "“#N/A”" in f.message) for f in by_id["1.2"].findings] == [
        ("基本信息!B8", True),
        ("基本信息!B9", True),
    ]
    assert by_id["3.1"].status == "error"
    assert [(f.location, "“#N/A”" in f.message) for f in by_id["3.1"].findings] == [("服务事项!C2", True)]


@needs_soffice
def test_expected_units_are_listed_once(std2018: Standard, lo_saved: dict[str, Path]) -> None:
    """The field 步行可达时间(分钟) declares units [分钟, 分, min]; the message lists each unit once."""
    result = audit_file(std2018, lo_saved["errors"])
    [finding] = next(c for c in result.clauses if c.id == "1.3").findings
    assert finding.message == "步行可达时间(分钟)无法识别：“#DIV/0!”，应为数字（单位：分钟/分/min）"


def test_1904_date_system(std2018: Standard, clean: CenterResult, tmp_path: Path) -> None:
    result = scores_like_clean(
        std2018, write_odd(tmp_path / "mac.xlsx", full_center(), epoch=CALENDAR_MAC_1904), clean
    )
    assert result.date == "2018-12-20"
    # plain numbers in the date columns are serials of the workbook's own (1904) date system
    sheets = full_center()
    for name in ("值班记录", "活动记录", "督查记录"):
        for row in sheets[name][1:]:
            row[0] = (row[0] - dt.date(1904, 1, 1)).days
    set_field(sheets, "检查日期", (dt.date(2018, 12, 20) - dt.date(1904, 1, 1)).days)
    result = scores_like_clean(
        std2018, write_odd(tmp_path / "mac-serials.xlsx", sheets, epoch=CALENDAR_MAC_1904), clean
    )
    assert result.date == "2018-12-20"


def test_sheet_names_with_blanks(std2018: Standard, clean: CenterResult, tmp_path: Path) -> None:
    sheets = {
        (f"{name}   " if i % 2 else f" {name} "): rows for i, (name, rows) in enumerate(full_center().items())
    }
    result = scores_like_clean(std2018, write_workbook(tmp_path / "blanks.xlsx", sheets), clean)
    assert result.warnings == ()


def test_duplicate_center_ids_in_a_batch_warn_with_both_files(tmp_path: Path) -> None:
    write_workbook(tmp_path / "x.xlsx", full_center())
    (tmp_path / "y").mkdir()
    write_workbook(tmp_path / "y" / "z.xlsx", full_center())
    code, doc, err = check_json(tmp_path)
    assert code == 0 and doc["summary"]["centers"] == 2
    assert err == [f"警告: 中心编号“T-01”重复：{tmp_path / 'x.xlsx'} 与 {tmp_path / 'y' / 'z.xlsx'}"]


# =============================================================================== 8. real files from real programs


@needs_soffice
@pytest.mark.parametrize("sample", ["GM-04", "GM-10"])
def test_libreoffice_resave_scores_the_same(lo_saved: dict[str, Path], sample: str) -> None:
    original = next(SAMPLES.glob(f"{sample}-*.xlsx"))
    assert lo_saved[sample].name == original.name
    assert b"LibreOffice" in hostile.member(
        lo_saved[sample], "docProps/app.xml"
    )  # really written by LibreOffice
    code, doc, err = check_json(original, lo_saved[sample])
    assert code in (0, 1) and len(err) == 1 and err[0].startswith("警告: 中心编号")  # the same center twice
    by_file = {c["file"]: c for c in doc["centers"]}
    assert outcome(by_file[str(lo_saved[sample])]) == outcome(by_file[str(original)])


# =============================================================================== 9. fuzz


FUZZ_STANDARD = load_standard(STANDARD_2018)
SHEET_NAMES = [s.name for s in FUZZ_STANDARD.layout]
FIELD_NAMES = {s.name: [f.name for f in s.fields] for s in FUZZ_STANDARD.layout}
ENUM_VALUES = sorted({v for s in FUZZ_STANDARD.layout for f in s.fields for v in f.values})
SAFE_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=12)


def _noisy(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            name,
            f" {name} ",
            name + "：",
            name.replace("(", "（").replace(")", "）"),
            name[:-1] if len(name) > 1 else name,
            f"{name}{name}",
            name + "\u3000",
        ]
    )


def _sheet_name(real: str) -> st.SearchStrategy[str]:
    garbled = st.text(
        st.characters(exclude_categories=("Cc", "Cs", "Cn"), exclude_characters="[]:*?/\\'"),
        min_size=1,
        max_size=10,
    )
    return st.one_of(st.just(real), st.just(real + " "), st.just(" " + real), st.just(real[:-1]), garbled)


VALUES: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**30), 10**30),
    st.integers(0, 3000),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
    st.times(),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**6), max_value=10**6),
    SAFE_TEXT,
    SAFE_TEXT.map(lambda s: "=" + s),
    st.sampled_from(ENUM_VALUES),
    st.sampled_from(
        [
            "是",
            "否",
            "√",
            "×",
            "2人",
            "3.5万元",
            "２",
            "2018-03-05",
            "2018年3月5日",
            "20180305",
            "两人",
            "去年",
            "#N/A",
            "#DIV/0!",
            "",
            " ",
        ]
    ),
)


@st.composite
def fuzz_workbook(draw: st.DrawFn) -> tuple[Sheets, set[tuple[str, int, int]]]:
    """Random sheets of the standard (random names), labels and headers drawn from the real ones plus noise,
    values of every type; and the cells whose '=' text is written as a live formula."""
    sheets: Sheets = {}
    formulas: set[tuple[str, int, int]] = set()
    for real in draw(st.lists(st.sampled_from(SHEET_NAMES), max_size=len(SHEET_NAMES), unique=True)):
        name = draw(_sheet_name(real))
        if not name.strip() or name.lower() in {n.lower() for n in sheets} or len(name) > 31:
            continue
        labels = st.one_of(st.sampled_from(FIELD_NAMES[real]).flatmap(_noisy), SAFE_TEXT, st.none())
        rows: list[list[Any]] = [[draw(SAFE_TEXT)] for _ in range(draw(st.integers(0, 2)))]  # a title block
        if real == "基本信息":
            rows += [
                [draw(labels), *draw(st.lists(VALUES, min_size=0, max_size=3))]
                for _ in range(draw(st.integers(0, 20)))
            ]
        else:
            width = draw(st.integers(1, 6))
            rows.append([draw(labels) for _ in range(width)])
            rows += [
                draw(st.lists(VALUES, min_size=0, max_size=width + 1)) for _ in range(draw(st.integers(0, 8)))
            ]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str) and value.startswith("=") and draw(st.booleans()):
                    formulas.add((name, r, c))
        sheets[name] = rows
    return sheets, formulas


def write_fuzz(path: Path, sheets: Sheets, formulas: set[tuple[str, int, int]]) -> Path:
    wb = openpyxl.Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    if not sheets:
        wb.create_sheet("Sheet1")
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = ws.cell(r + 1, c + 1, value)
                if isinstance(value, str) and value.startswith("=") and (name, r, c) not in formulas:
                    cell.data_type = "s"
    wb.save(path)
    return path


def assert_sane(result: CenterResult, standard: Standard) -> None:
    assert Decimal(0) <= result.score <= Decimal(100)
    assert Decimal(0) <= result.base <= Decimal(100) and result.bonus >= 0
    assert [c.id for c in result.clauses] == [c.id for c in standard.clauses]
    for clause in result.clauses:
        assert clause.status in STATUSES
        assert 0 <= clause.earned <= clause.max, clause
        for finding in clause.findings:
            assert isinstance(finding.message, str) and finding.message


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(fuzz_workbook())
def test_fuzz_audit_file_never_raises(workbook: tuple[Sheets, set[tuple[str, int, int]]]) -> None:
    import tempfile

    sheets, formulas = workbook
    with tempfile.TemporaryDirectory() as tmp:
        path = write_fuzz(Path(tmp) / "fuzz.xlsx", sheets, formulas)
        try:
            result = audit_file(FUZZ_STANDARD, path)
        except WorkbookError as exc:  # accounted for: one line naming the file
            assert exc.file == str(path) and "\n" not in exc.message
            return
    assert_sane(result, FUZZ_STANDARD)


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.lists(fuzz_workbook(), min_size=2, max_size=4))
def test_fuzz_cli_accounts_for_every_file(workbooks: list[tuple[Sheets, set[tuple[str, int, int]]]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        files = {
            str(write_fuzz(folder / f"w{i}.xlsx", sheets, formulas))
            for i, (sheets, formulas) in enumerate(workbooks)
        }
        (folder / "zz-broken.xlsx").write_bytes(b"PK\x03\x04 broken")
        files.add(str(folder / "zz-broken.xlsx"))
        code, out, err = invoke("check", "--format", "json", str(folder))
        doc = json.loads(out)
        centers = [c["file"] for c in doc["centers"]]
        errors = [e["file"] for e in doc["errors"]]
        assert sorted(centers + errors) == sorted(files) and not set(centers) & set(errors)
        assert code == 2 and doc["summary"]["errors"] == len(errors) >= 1
        error_lines = [line for line in lines(err) if line.startswith("错误: ")]
        assert error_lines == [f"错误: {e['file']}: {e['message']}" for e in doc["errors"]]
        assert all(line.startswith(("错误: ", "警告: ")) for line in lines(err))
        for center in doc["centers"]:
            assert 0 <= center["score"] <= 100
            assert all(c["status"] in STATUSES for c in center["clauses"])
        code, _, _ = invoke("report", str(folder), "-o", str(Path(tmp) / "out"), "--html")
        assert code == 2
        for path, where, cell in all_report_cells(Path(tmp) / "out"):
            assert cell.data_type != "f", (path.name, where, cell.value)

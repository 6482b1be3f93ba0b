"""`audit report`: the numbers equal `audit check --format json`, text stays text, files are safe."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.output.files import safe_filename
from auditor.output.wording import STATUS_WORDS
from tests.builders import ROOT, full_center, set_field, write_workbook

SAMPLES = ROOT / "samples" / "2018"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("reports")
    code, _, _ = invoke("report", str(SAMPLES), "-o", str(out), "--html")
    assert code == 1  # two centers are 不合格
    _, stdout, _ = invoke("check", "--format", "json", str(SAMPLES))
    return out, json.loads(stdout)


def rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    wb = openpyxl.load_workbook(path)
    return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]


def test_files_written(reports: tuple[Path, dict[str, Any]]) -> None:
    out, doc = reports
    names = sorted(p.name for p in out.glob("*.xlsx"))
    assert names == sorted([Path(c["file"]).name for c in doc["centers"]] + ["汇总-2018.xlsx"])
    assert (out / "html" / "index.html").exists()
    assert len(list((out / "html").glob("*.html"))) == 16
    assert not list(out.rglob(".~audit-*"))  # no temporary file left behind


def status_shown(clause: dict[str, Any]) -> str:
    """The status as the score sheet shows it: a triggered veto 一票否决, a bonus that earned nothing 未加分."""
    if clause["id"].startswith("V") and clause["status"] in ("pass", "fail"):
        return "一票否决" if clause["status"] == "fail" else "未触发"
    if clause["id"].startswith("B") and clause["status"] in ("fail", "missing") and not clause["earned"]:
        return "未加分"
    return STATUS_WORDS[clause["status"]]


def header_index(sheet: list[tuple[Any, ...]], first: str) -> int:
    return next(i for i, r in enumerate(sheet) if r and r[0] == first)


@pytest.mark.parametrize("center_id", ["GM-04", "GM-09", "GM-01"])
def test_score_sheet_equals_check_json_cell_by_cell(
    reports: tuple[Path, dict[str, Any]], center_id: str
) -> None:
    out, doc = reports
    center = next(c for c in doc["centers"] if c["center_id"] == center_id)
    path = out / Path(center["file"]).name
    sheet = rows(path, "评分表")
    head = header_index(sheet, "序号")
    assert sheet[head] == (
        "序号",
        "考核内容",
        "考核标准(分值)",
        "扣分/加分情况",
        "考核办法",
        "自评分",
        "考核分",
        "状态",
        "证据位置",
    )
    total_at = header_index(sheet, "合计")
    body = sheet[head + 1 : total_at]
    by_id = {r[0]: r for r in body if r[0] is not None}
    for clause in center["clauses"]:
        row = by_id[clause["id"]]
        assert row[7] == status_shown(clause), clause["id"]
        if clause["status"] == "not_applicable" or clause["id"].startswith("V"):
            assert row[6] is None
        else:
            assert row[6] == clause["earned"], clause["id"]
        locations = "、".join(dict.fromkeys(f["location"] for f in clause["findings"] if f["location"]))
        assert (row[8] or "") == locations
        if "self_score" in clause:
            assert row[5] == clause["self_score"]
    total = sheet[total_at]
    assert (total[0], total[6], total[7]) == ("合计", center["score"], center["grade"])
    assert ("一票否决：" + "、".join(center["veto_reasons"]) in total[1]) == center["veto"]
    cover = {r[0]: r[1] for r in rows(path, "封面") if r[0]}
    assert (cover["考核得分"], cover["基础分"], cover["加分"], cover["等级"]) == (
        center["score"],
        center["base"],
        center["bonus"],
        center["grade"],
    )
    assert cover["一票否决"] == ("一票否决：" + "、".join(center["veto_reasons"]) if center["veto"] else "否")
    assert cover["中心编号"] == center_id
    assert cover["工作簿"] == Path(center["file"]).name  # the file's name, never the machine's path
    parts = {r[0]: r for r in body if r[0] in ("1", "2", "3", "4")}
    assert len(parts) == 4
    for pid, subtotal in parts.items():
        clauses = [
            c for c in center["clauses"] if c["id"].split(".")[0] == pid and c["status"] != "not_applicable"
        ]
        assert subtotal[6] == pytest.approx(sum(c["earned"] for c in clauses))


def test_remediation_ordered_by_recoverable_points(reports: tuple[Path, dict[str, Any]]) -> None:
    out, doc = reports
    center = next(c for c in doc["centers"] if c["center_id"] == "GM-04")
    sheet = rows(out / Path(center["file"]).name, "整改清单")
    head = header_index(sheet, "序号")
    assert sheet[head][6:] == ("整改措施", "责任人", "整改时限", "完成情况")  # left for the center to fill in
    items = [r for r in sheet[head + 1 :] if isinstance(r[0], int)]
    lost = {
        c["id"]: c["max"] - c["earned"]
        for c in center["clauses"]
        if c["status"] in ("partial", "fail", "missing", "error") and c["id"][0].isdigit()
    }
    assert {r[1].split()[0] for r in items} == set(lost)
    recoverable = [r[5] for r in items]
    assert recoverable == sorted(recoverable, reverse=True)
    assert recoverable[0] == 4.0 and all(r[4] for r in items)  # every item has a remediation hint
    assert all(r[6:] == (None, None, None, None) for r in items)


def test_summary_ranked_and_rates(reports: tuple[Path, dict[str, Any]]) -> None:
    out, doc = reports
    sheet = rows(out / "汇总-2018.xlsx", "汇总")
    head = header_index(sheet, "排名")
    ranking = sheet[head + 1 : head + 16]
    # vetoed centers after every other, whatever their score; the others by score
    expected = sorted(doc["centers"], key=lambda c: (c["veto"], -c["score"], c["center_id"]))
    assert [(r[0], r[1], r[5], r[6]) for r in ranking] == [
        (i, c["center_id"], c["score"], c["grade"]) for i, c in enumerate(expected, start=1)
    ]
    assert ranking[0][1] == "GM-01" and ranking[-1][1] == "GM-09" and ranking[-2][1] == "GM-13"
    assert ranking[-1][7] == "一票否决：弄虚作假"
    rates_sheet = rows(out / "汇总-2018.xlsx", "条款达标率")
    rates = {r[0]: r for r in rates_sheet[header_index(rates_sheet, "条款编号") + 1 :] if r[0]}
    c11 = [c["clauses"][0] for c in doc["centers"]]
    full = sum(1 for c in c11 if c["earned"] == c["max"])
    assert rates["1.1"][3] == full
    assert rates["1.1"][7] == pytest.approx(round(sum(c["earned"] for c in c11) / 15, 2))
    assert rates["2.9"][6] == 12  # not applicable to the 12 non-街道 centers
    assert "错误" not in openpyxl.load_workbook(out / "汇总-2018.xlsx").sheetnames  # no error, no error sheet


def test_personal_data_never_in_reports(reports: tuple[Path, dict[str, Any]]) -> None:
    out, _ = reports
    secrets = set()
    for sample in SAMPLES.glob("*.xlsx"):
        table = rows(sample, "服务台账")
        header_row = next(i for i, r in enumerate(table) if "群众姓名" in r)
        cols = [table[header_row].index("群众姓名"), table[header_row].index("联系电话")]
        secrets |= {str(r[c]) for r in table[header_row + 1 :] for c in cols if r[c]}
    assert len(secrets) > 100
    for path in out.rglob("*"):
        if path.suffix == ".xlsx":
            text = "\n".join(
                str(v)
                for ws in openpyxl.load_workbook(path)
                for row in ws.iter_rows(values_only=True)
                for v in row
                if v is not None
            )
        elif path.suffix == ".html":
            text = path.read_text("utf-8")
        else:
            continue
        assert not [s for s in secrets if s in text], path


def test_text_from_workbooks_is_never_a_formula(tmp_path: Path) -> None:
    sheets = full_center()
    set_field(sheets, "中心名称", '=HYPERLINK("http://evil","点我")')
    set_field(sheets, "检查组组长", "=cmd|' /C calc'!A0")
    set_field(sheets, "所属镇街", "醴泉街道<script>alert(1)</script>")
    write_workbook(tmp_path / "in.xlsx", sheets)
    out = tmp_path / "out"
    code, _, _ = invoke("report", str(tmp_path / "in.xlsx"), "-o", str(out), "--html")
    assert code == 0
    report = next(p for p in out.glob("*.xlsx") if not p.name.startswith("汇总"))
    wb = openpyxl.load_workbook(report)
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    assert wb["封面"]["A5"].value == '=HYPERLINK("http://evil","点我")'  # the center's name, as text
    cover = {r[0]: r[1] for r in wb["封面"].iter_rows(values_only=True) if r[0]}
    assert cover["所属镇街"] == "醴泉街道<script>alert(1)</script>"
    assert cover["检查组组长"] == "=cmd|' /C calc'!A0"
    summary = openpyxl.load_workbook(out / "汇总-2018.xlsx")["汇总"]
    name = next(c for row in summary.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK"))
    assert name.data_type == "s"
    page = next((out / "html").glob("T-01*.html")).read_text("utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_control_characters_stripped_before_writing() -> None:
    from auditor.output.xlkit import put

    ws = openpyxl.Workbook().create_sheet("t")
    cell = put(ws, 1, 1, "醴泉\x07街道\x00\x1f")
    assert (cell.value, cell.data_type) == ("醴泉街道", "s")
    assert put(ws, 2, 1, "#N/A").data_type == "s"  # an error code typed as text stays text


def test_inputs_never_overwritten_and_rerun_replaces(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    shutil.copytree(SAMPLES, folder)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.xlsx")}
    code, _, _ = invoke("report", str(folder), "-o", str(folder))
    assert code == 1
    for name, digest in before.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest  # inputs untouched
        assert (folder / name.replace(".xlsx", "-验收报告.xlsx")).exists()
    # a second run over the reports folder of another year's inputs replaces its own files only
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    (out / "keep.xlsx").write_bytes(b"someone else's file")
    first = folder / "GM-01-醴泉街道党群服务中心.xlsx"
    invoke("report", str(first), str(folder / "GM-02-醴泉街道凤城社区党群服务中心.xlsx"), "-o", str(out))
    assert (out / "GM-02-醴泉街道凤城社区党群服务中心.xlsx").exists()
    invoke("report", str(first), "-o", str(out))
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".audit-report.json", "GM-01-醴泉街道党群服务中心.xlsx", "keep.xlsx", "mine.txt", "汇总-2018.xlsx"]
    )


def test_output_path_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    code, _, err = invoke("report", str(SAMPLES / "GM-01-醴泉街道党群服务中心.xlsx"), "-o", str(target))
    assert code == 2 and "不是目录" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("GM-01-醴泉街道", "GM-01-醴泉街道"),
        ("../../etc/passwd", "_._etc_passwd"),
        ("a/b\\c:d*e?", "a_b_c_d_e_"),
        ("CON", "_CON"),
        ("  ..  ", "未命名"),
        ("x" * 300, "x" * 80),
        ("中" * 100, "中" * 60),
        ("~$lock", "lock"),
    ],
)
def test_safe_filename(raw: str, safe: str) -> None:
    assert safe_filename(raw) == safe


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_html_page_renders_in_headless_chromium(reports: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, _ = reports
    page = next((out / "html").glob("GM-04*.html"))
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1280,1600",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from PIL import Image

    image = Image.open(shot).convert("L")
    colours = image.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 20  # text and tables were drawn, the page is not blank
    dark = sum(count for count, value in colours if isinstance(value, int) and value < 128)
    assert dark > 2000


def test_self_assessment_gap_shown(reports: tuple[Path, dict[str, Any]]) -> None:
    out, doc = reports
    center = next(c for c in doc["centers"] if c["center_id"] == "GM-03")
    by_id = {r[0]: r for r in rows(out / Path(center["file"]).name, "评分表")[3:] if r[0]}
    assert by_id["2.7"][3] == "第一书记未做到台账动态更新，扣0.5分（自评3分，考核分低0.5分）"
    assert (by_id["2.7"][5], by_id["2.7"][6]) == (3, 2.5)


def test_two_workbooks_of_one_center_named_by_their_files(tmp_path: Path) -> None:
    """A center that handed in two workbooks (a first version and a corrected one): the second report is
    told apart by its workbook's file name, in the workbooks and the pages alike."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_workbook(inputs / "a-初稿.xlsx", full_center())
    write_workbook(inputs / "b-修改稿.xlsx", full_center())
    out = tmp_path / "out"
    code, _, err = invoke("report", str(inputs), "-o", str(out), "--html")
    assert code == 0, err
    assert sorted(p.name for p in out.glob("*.xlsx")) == [
        "T-01-测试社区党群服务中心.xlsx",
        "T-01-测试社区党群服务中心（b-修改稿）.xlsx",
        "汇总-2018.xlsx",
    ]
    assert sorted(p.name for p in (out / "html").glob("T-01*.html")) == [
        "T-01-测试社区党群服务中心.html",
        "T-01-测试社区党群服务中心（b-修改稿）.html",
    ]
    manifest = json.loads((out / ".audit-report.json").read_text("utf-8"))
    assert "T-01-测试社区党群服务中心（b-修改稿）.xlsx" in manifest["files"]


def test_reading_warnings_in_the_report(tmp_path: Path) -> None:
    """A hand-made copy of GM-01 (its activity sheet renamed 活动记录表, 同上 typed in 活动记录 B4): its report
    has a 读取说明 sheet with the warnings `check` gives, in order; the clean sample's report has none."""
    book = openpyxl.load_workbook(SAMPLES / "GM-01-醴泉街道党群服务中心.xlsx")
    book["活动记录"]["B4"] = "同上"
    book["活动记录"].title = "活动记录表"
    inputs = tmp_path / "in"
    inputs.mkdir()
    book.save(inputs / "GM-01-手工.xlsx")
    shutil.copy(SAMPLES / "GM-02-醴泉街道凤城社区党群服务中心.xlsx", inputs)
    out = tmp_path / "out"
    code, _, err = invoke("report", str(inputs), "-o", str(out))
    assert code == 0, err
    _, stdout, _ = invoke("check", "--format", "json", str(inputs / "GM-01-手工.xlsx"))
    warnings = json.loads(stdout)["centers"][0]["warnings"]
    assert warnings == [
        "工作表“活动记录表”按“活动记录”读取",
        "活动记录表: “同上”按上一行同列的值读取：B4",
    ]
    report = openpyxl.load_workbook(out / "GM-01-醴泉街道党群服务中心.xlsx")
    assert report.sheetnames[-1] == "读取说明"
    sheet = list(report["读取说明"].iter_rows(values_only=True))
    assert sheet[0][0] == "醴泉街道党群服务中心读取说明"
    assert sheet[3][:2] == ("序号", "说明")
    assert [r[:2] for r in sheet[4:]] == [(1, warnings[0]), (2, warnings[1])]
    clean = openpyxl.load_workbook(out / "GM-02-醴泉街道凤城社区党群服务中心.xlsx")
    assert "读取说明" not in clean.sheetnames

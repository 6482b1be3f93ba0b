"""The report as paper: read back with openpyxl (borders on every table cell, the page header naming the
center, the signature blocks, the 整改清单's columns, the rankings and the error notice), printed through
LibreOffice to PDF (every page names its center), and the web page at a phone's width."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.builders import ROOT

SAMPLES = ROOT / "samples" / "2018"
GM09 = "GM-09-朝阳街道凤凰社区党群服务中心"
# A Chinese desktop's font configuration: 宋体/黑体 are the Noto CJK SC faces where Windows fonts are absent.
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
"""
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("print")
    inputs = tmp_path_factory.mktemp("inputs")
    for sample in SAMPLES.glob("*.xlsx"):
        shutil.copy(sample, inputs / sample.name)
    (inputs / "zz-broken.xlsx").write_bytes(b"PK\x03\x04 truncated")  # a batch that is not complete
    (inputs / "zz-empty.xlsx").write_bytes(b"")
    result = CliRunner().invoke(cli, ["report", str(inputs), "-o", str(folder), "--html"])
    assert result.exit_code == 2, result.output  # two files could not be audited
    return folder


def sheet(path: Path, name: str) -> Any:
    return openpyxl.load_workbook(path)[name]


def header_of(ws: Any) -> str:
    return str(ws.oddHeader.center.text)


def table_rows(ws: Any, first: str) -> tuple[int, int]:
    """The header row of the table whose first header is `first`, and its last row (the 合计 row when there
    is one, else the last filled row before a blank one)."""
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == first)
    last = head
    while last + 1 <= ws.max_row and ws.cell(last + 1, 1).value is not None:
        last += 1
        if ws.cell(last, 1).value == "合计":
            break
    return head, last


@pytest.mark.parametrize(("name", "first"), [("评分表", "序号"), ("整改清单", "序号")])
def test_every_cell_of_the_tables_has_borders(out: Path, name: str, first: str) -> None:
    ws = sheet(out / f"{GM09}.xlsx", name)
    head, last = table_rows(ws, first)
    assert last - head >= 3
    columns = sum(1 for c in ws[head] if c.value is not None)
    spans = {(r, c): rng for rng in ws.merged_cells.ranges for r, c in rng.cells}
    for r in range(head, last + 1):
        for c in range(1, columns + 1):
            border = ws.cell(r, c).border
            rng = spans.get((r, c))  # a merged cell is one cell on paper: its outer edges are drawn
            wanted = (
                rng is None or c == rng.min_col,
                rng is None or c == rng.max_col,
                rng is None or r == rng.min_row,
                rng is None or r == rng.max_row,
            )
            sides = (border.left.style, border.right.style, border.top.style, border.bottom.style)
            for side, want in zip(sides, wanted, strict=True):
                assert side == "thin" or not want, (name, ws.cell(r, c).coordinate, sides)
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith(f"A{head}:")
    assert ws.print_title_rows == f"${head}:${head}"


def test_every_sheet_names_the_center_in_its_page_header(out: Path) -> None:
    wb = openpyxl.load_workbook(out / f"{GM09}.xlsx")
    assert wb.sheetnames == ["封面", "评分表", "整改清单", "分项得分"]
    for ws in wb:
        assert header_of(ws) == "朝阳街道凤凰社区党群服务中心 · 2018年度验收", ws.title
        footer = str(ws.oddFooter.center.text)  # type: ignore[union-attr]
        assert "&P" in footer and "&N" in footer
        assert ws.page_setup.paperSize == 9
    assert wb["评分表"].page_setup.orientation == "landscape"
    assert wb.properties.creator == "中共高密市委组织部" and "openpyxl" not in (
        wb.properties.lastModifiedBy or ""
    )
    assert "朝阳街道凤凰社区党群服务中心" in (wb.properties.title or "")
    fonts = {c.font.name for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts <= {"宋体", "黑体"}
    assert {c.font.charset for ws in wb for row in ws.iter_rows() for c in row if c.value is not None} == {
        134
    }


def test_cover_and_score_sheet_end_with_a_signature_block(out: Path) -> None:
    for name in ("封面", "评分表"):
        ws = sheet(out / f"{GM09}.xlsx", name)
        texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        assert "考核组成员（签字）：" in texts and "中心负责人（签字）：" in texts, name
        assert texts.count("日期：") == 2 and "（盖章）" in texts
        signer = next(c for row in ws.iter_rows() for c in row if c.value == "考核组成员（签字）：")
        line = ws.cell(signer.row, signer.column + 1)
        assert line.border.bottom.style == "thin"  # a line to sign on
        assert (ws.row_dimensions[signer.row].height or 0) >= 30  # room to sign
    cover = sheet(out / f"{GM09}.xlsx", "封面")
    values = {c.value for row in cover.iter_rows() for c in row}
    assert not any(isinstance(v, str) and "/" in v and v.endswith(".xlsx") for v in values)  # no path
    veto = next(c for row in cover.iter_rows() for c in row if c.value == "一票否决：弄虚作假")
    assert veto.font.bold and veto.font.color.rgb.endswith("C00000")


def test_veto_on_the_total_row_and_no_operator_in_any_situation(out: Path) -> None:
    for path in out.glob("GM-*.xlsx"):
        ws = sheet(path, "评分表")
        head, last = table_rows(ws, "序号")
        for r in range(head + 1, last):
            text = ws.cell(r, 4).value or ""
            assert not any(op in text for op in (">=", "<=", "==", "=", ">", "<")), (path.name, r, text)
            assert "要求为" not in text, (path.name, r, text)
        total = ws.cell(last, 2)
        if path.name.startswith("GM-09"):
            assert "一票否决：弄虚作假，等级为不合格" in total.value and total.font.color.rgb.endswith(
                "C00000"
            )
        else:
            assert "一票否决" not in total.value


def test_summary_ranking_rule_and_error_notice(out: Path) -> None:
    ws = sheet(out / "汇总-2018.xlsx", "汇总")
    texts = [str(c.value) for row in ws.iter_rows(max_row=6) for c in row if c.value]
    assert "另有 2 个文件无法检查，未列入排名，见“错误”表" in texts
    head, last = table_rows(ws, "排名")
    ranked = [ws.cell(r, 2).value for r in range(head + 1, last + 1)]
    assert ranked[-1] == "GM-09" and len(ranked) == 15  # the vetoed center last
    rule = next(str(c.value) for row in ws.iter_rows() for c in row if str(c.value).startswith("排名规则"))
    assert "并列" in rule and "一票否决" in rule
    wb = openpyxl.load_workbook(out / "汇总-2018.xlsx")
    assert wb.sheetnames == [
        "汇总",
        "分类排名",
        "镇街排名",
        "镇街内排名",
        "条款达标率",
        "通报",
        "错误",
        "疑点清单",
    ]
    errors = [
        (r[0], r[1])
        for r in wb["错误"].iter_rows(values_only=True)
        if r[0] in ("zz-broken.xlsx", "zz-empty.xlsx")
    ]
    assert len(errors) == 2  # file names, never the machine's paths
    for ws in wb:
        assert ws["A1"].value and ws["A1"].font.name == "黑体", ws.title  # a title row on every sheet
        assert header_of(ws) == "2018年度验收结果汇总"


def test_per_type_and_per_street_rankings(out: Path) -> None:
    wb = openpyxl.load_workbook(out / "汇总-2018.xlsx")
    streets = [r for r in wb["镇街排名"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [(r[0], r[1], r[2], r[3]) for r in streets] == [
        (1, "醴泉街道", 5, 92.1),
        (2, "朝阳街道", 5, 87.1),
        (3, "密水街道", 5, 81.2),
    ]
    assert streets[1][4:] == (1, 2, 1, 1, 1)  # 优秀 良好 合格 不合格, 一票否决
    inner = [r for r in wb["镇街内排名"].iter_rows(values_only=True)]
    heading = next(
        i
        for i, r in enumerate(inner)
        if str(r[0]).startswith("朝阳街道（5个中心，平均分 87.1，镇街排名第2）")
    )
    assert [r[1] for r in inner[heading + 1 : heading + 6]] == ["GM-07", "GM-06", "GM-08", "GM-10", "GM-09"]
    types = [r for r in wb["分类排名"].iter_rows(values_only=True)]
    street_type = next(i for i, r in enumerate(types) if r[0] == "街道（3个）")
    assert [(r[0], r[1]) for r in types[street_type + 1 : street_type + 4]] == [
        (1, "GM-01"),
        (2, "GM-06"),
        (3, "GM-11"),
    ]
    bulletin = [str(c) for r in wb["通报"].iter_rows(values_only=True) for c in r if c]
    assert bulletin[0] == "关于2018年度党群服务中心标准化建设验收结果的通报"
    assert "一票否决：弄虚作假" in bulletin and "得分52.2分，低于60分" in bulletin
    assert any("另有 2 个文件无法检查" in t for t in bulletin)


def test_no_error_sheet_when_every_file_was_audited(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", str(SAMPLES / f"{GM09}.xlsx"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    wb = openpyxl.load_workbook(tmp_path / "汇总-2018.xlsx")
    assert "错误" not in wb.sheetnames
    assert not any("无法检查" in str(c.value) for c in wb["汇总"]["A"])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_printed_through_libreoffice_every_page_names_the_center(out: Path, tmp_path: Path) -> None:
    fonts = tmp_path / "fonts.conf"
    fonts.write_text(FONTS_CONF, "utf-8")
    source = tmp_path / "gm09.xlsx"
    shutil.copy(out / f"{GM09}.xlsx", source)
    env = {"FONTCONFIG_FILE": str(fonts), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180, env=env,
    )  # fmt: skip
    pdf = tmp_path / "gm09.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 5 <= pages <= 9  # cover, 3-4 pages of 评分表 with its signatures, 整改清单, 分项得分
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert "朝阳街道凤凰社区党群服务中心 · 2018年度验收" in text, page
        assert f"第{page}页共{pages}页" in text.replace(" ", ""), page
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert "考核组成员（签字）" in first and "一票否决：弄虚作假" in first


def _probe(page: Path, tmp_path: Path, width: int) -> tuple[int, int]:
    """scrollWidth and innerWidth of `page` in an iframe `width` px wide (the page itself has no script)."""
    shutil.copy(page, tmp_path / "page.html")
    (tmp_path / "probe.html").write_text(
        f'<!DOCTYPE html><html><head><title>-</title></head><body style="margin:0">'
        f'<iframe id="f" src="page.html" style="width:{width}px;height:800px;border:0"></iframe><script>'
        "document.getElementById('f').onload=function(){var d=this.contentDocument;"
        "document.title=d.documentElement.scrollWidth+'x'+this.contentWindow.innerWidth;};</script></body></html>",
        "utf-8",
    )
    done = subprocess.run(
        ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--allow-file-access-from-files",
         "--window-size=800,900", "--virtual-time-budget=5000", "--dump-dom", (tmp_path / "probe.html").as_uri()],
        check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    title = done.stdout.split("<title>", 1)[1].split("</title>", 1)[0]
    scroll, inner = title.split("x")
    return int(scroll), int(inner)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
@pytest.mark.parametrize("page", [f"{GM09}.html", "index.html"])
def test_html_has_no_sideways_scroll_at_390_px(out: Path, tmp_path: Path, page: str) -> None:
    scroll, inner = _probe(out / "html" / page, tmp_path, 390)
    assert 0 < scroll <= inner, (scroll, inner)


def test_html_center_page_names_the_center_in_its_body_and_printed_header(out: Path) -> None:
    page = (out / "html" / f"{GM09}.html").read_text("utf-8")
    body = page.split("<body>", 1)[1]
    assert '<h1 class="center">朝阳街道凤凰社区党群服务中心</h1>' in body
    assert '<span class="score">98.4</span>' in body and "一票否决：弄虚作假" in body
    assert '@top-center { content: "朝阳街道凤凰社区党群服务中心 · 2018年度验收"' in page
    assert "counter(page)" in page and "<script" not in page
    index = (out / "html" / "index.html").read_text("utf-8")
    assert "另有 2 个文件无法检查" in index and "zz-broken.xlsx" in index


def test_summary_workbook_ranks_a_tie_together_and_a_veto_last(tmp_path: Path) -> None:
    import dataclasses

    from auditor.batch import audit_many
    from auditor.output.summary_workbook import summary_workbook
    from auditor.result import CenterResult
    from auditor.standard.loader import load_standard
    from tests.builders import STANDARD_2018

    std = load_standard(STANDARD_2018)
    files = sorted(SAMPLES.glob("*.xlsx"))[:5]
    found = [r for r in audit_many(std, files, None, 1) if isinstance(r, CenterResult)]
    by = {c.center_id: c for c in found}
    centers = [
        by["GM-01"],
        dataclasses.replace(by["GM-02"], score=by["GM-05"].score),  # 96.1 twice: 并列
        by["GM-03"],
        dataclasses.replace(by["GM-04"], veto=True, veto_reasons=("弄虚作假",), grade="不合格"),
        by["GM-05"],
    ]
    path = tmp_path / "summary.xlsx"
    summary_workbook(std, centers, [], 2018).save(path)
    ws = openpyxl.load_workbook(path)["汇总"]
    head, last = table_rows(ws, "排名")
    rows = [
        (ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 8).value) for r in range(head + 1, last + 1)
    ]
    assert rows == [
        (1, "GM-01", None),
        (2, "GM-02", None),
        (2, "GM-05", None),  # the same score, the same rank
        (4, "GM-03", None),
        (5, "GM-04", "一票否决：弄虚作假"),  # a veto after every other center, whatever its score
    ]

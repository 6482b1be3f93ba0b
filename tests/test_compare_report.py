"""`audit report --baseline`: each center's 整改落实情况 (last run's items, their outcome and what the center
typed into its previous 整改清单) and the summary's 整改落实 (completion rates per center, street, type, city)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.library_builders import perfect_library, set_field, write

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "2018"
STRICT = str(ROOT / "tests" / "data" / "overlays" / "strict-2018.yaml")
LIBRARY = ROOT / "tests" / "data" / "library"
LIBRARY_STANDARD = str(ROOT / "tests" / "data" / "library-standard.yaml")
GM02 = "GM-02-醴泉街道凤城社区党群服务中心.xlsx"
TYPED = {
    "1.3": ("调整服务点布局，增设便民服务点", "李四", "2019年6月", "已完成"),
    "1.1": ("重新制作外观标识，补齐六统一", "张三", "2019年3月", "进行中"),
}


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def rows(ws: Any, first: int = 1) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in ws.iter_rows(min_row=first, values_only=True)]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs") / "2018"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture(scope="module")
def previous(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Last year's reports (the strict standard), GM-02's 整改清单 filled in by the center."""
    folder = tmp_path_factory.mktemp("previous")
    code, _, _ = invoke("report", str(inputs), "-o", str(folder), "--standard", STRICT, "-q", "-j", "1")
    assert code == 1
    wb = openpyxl.load_workbook(folder / GM02)
    ws = wb["整改清单"]
    header = [c.value for c in ws[3]]
    assert header[6:10] == ["整改措施", "责任人", "整改时限", "完成情况"]
    for row in range(4, ws.max_row + 1):
        cid = str(ws.cell(row, 2).value).split(" ")[0]
        for offset, text in enumerate(TYPED.get(cid, ())):
            ws.cell(row, 7 + offset).value = text
    wb.save(folder / GM02)
    return folder


@pytest.fixture(scope="module")
def followed(inputs: Path, previous: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("now")
    code, _, err = invoke(
        "report",
        str(inputs),
        "-o",
        str(folder),
        "--baseline",
        str(previous),
        "--baseline-standard",
        STRICT,
        "-j",
        "1",
    )
    assert code == 1 and err == ""  # GM-09 (veto) and GM-13 不合格, as without --baseline
    return folder


def test_center_sheet_lists_last_years_items_with_outcome_and_typed_measures(followed: Path) -> None:
    wb = openpyxl.load_workbook(followed / GM02)
    assert wb.sheetnames == ["封面", "评分表", "整改清单", "整改落实情况", "分项得分"]
    ws = wb["整改落实情况"]
    assert ws["A1"].value == "醴泉街道凤城社区党群服务中心整改落实情况"
    assert str(ws["A2"].value).endswith("上次得分：95.9（优秀）　整改完成率：1/3（33.3%）")
    assert rows(ws, 3)[:4] == [
        ("序号", "条款", "上次得分", "本次得分", "整改结果", "整改措施", "责任人", "整改时限", "完成情况"),
        (
            1,
            "1.3 步行15分钟服务圈",
            0,
            3,
            "已整改",
            *TYPED["1.3"],
        ),  # last year's order: most points lost first
        (2, '1.1 外观标识"六统一"', 10, 10, "未整改", *TYPED["1.1"]),
        (3, "3.5 支部生活日每月开展", 5, 5, "未整改", None, None, None, None),
    ]
    assert str(ws["A7"].value).startswith("整改完成率 = 已整改项 ÷ 上次整改清单的整改项")
    # printed like the 整改清单: A4 landscape, the header row repeated, the center in the page header
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$3:$3"
    assert str(ws.oddHeader.center.text) == "醴泉街道凤城社区党群服务中心 · 2018年度验收"  # type: ignore[union-attr]
    for r in range(3, 7):
        for c in range(1, 10):
            border = ws.cell(r, c).border
            assert (border.left.style, border.right.style, border.top.style, border.bottom.style) == (
                "thin",
            ) * 4
    assert ws.cell(4, 5).fill.fgColor.rgb.endswith("E2EFDA")  # 已整改 green
    assert ws.cell(5, 5).fill.fgColor.rgb.endswith("F8CBAD")  # 未整改


def test_summary_sheet_gives_the_rates_of_city_streets_types_and_centers(followed: Path) -> None:
    wb = openpyxl.load_workbook(followed / "汇总-2018.xlsx")
    assert wb.sheetnames[-2:] == ["整改落实", "疑点清单"]  # the 疑点 for the inspectors come last
    table = rows(wb["整改落实"])
    assert table[:2] == [
        ("2018年度整改落实情况", *([None] * 5)),
        ("112个问题已整改12个，完成率10.7%", *([None] * 5)),
    ]
    assert table[2] == ("范围", "名称", "中心数", "整改项", "已整改", "整改完成率")
    assert table[3:10] == [
        ("全市", None, 15, 112, 12, 0.1071),
        ("镇街", "密水街道", 5, 44, 4, 0.0909),
        ("镇街", "朝阳街道", 5, 40, 5, 0.125),
        ("镇街", "醴泉街道", 5, 28, 3, 0.1071),
        ("类型", "园区", 1, 9, 0, 0),
        ("类型", "社区", 11, 83, 10, 0.1205),
        ("类型", "街道", 3, 20, 2, 0.1),
    ]
    assert table[10:12] == [
        ("中心", "GM-01 醴泉街道党群服务中心", 1, 2, 0, 0),
        ("中心", "GM-02 醴泉街道凤城社区党群服务中心", 1, 3, 1, 0.3333),
    ]
    assert len(table) == 10 + 15


def test_baseline_from_check_json_has_the_outcomes_without_typed_text(inputs: Path, tmp_path: Path) -> None:
    code, out, _ = invoke("check", str(inputs), "--standard", STRICT, "--format", "json", "-j", "1")
    doc = json.loads(out)
    doc["centers"] = [c for c in doc["centers"] if c["center_id"] != "GM-15"]  # not inspected last year
    baseline = tmp_path / "2017.json"
    baseline.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    folder = tmp_path / "now"
    code, _, err = invoke(
        "report",
        str(inputs),
        "-o",
        str(folder),
        "--baseline",
        str(baseline),
        "--baseline-standard",
        STRICT,
        "-q",
    )
    assert code == 1 and err == ""
    ws = openpyxl.load_workbook(folder / GM02)["整改落实情况"]
    assert rows(ws, 4)[:3] == [
        (1, "1.3 步行15分钟服务圈", 0, 3, "已整改", None, None, None, None),
        (2, '1.1 外观标识"六统一"', 10, 10, "未整改", None, None, None, None),
        (3, "3.5 支部生活日每月开展", 5, 5, "未整改", None, None, None, None),
    ]
    alone = openpyxl.load_workbook(folder / "GM-15-高密经济开发区党群服务中心.xlsx")["整改落实情况"]
    assert alone["A4"].value == "上次检查中没有本中心（按编号对照），无整改项可回头看。"
    summary = rows(openpyxl.load_workbook(folder / "汇总-2018.xlsx")["整改落实"])
    assert summary[3] == ("全市", None, 14, 103, 12, 0.1165)


def test_without_baseline_the_reports_are_as_before(inputs: Path, tmp_path: Path) -> None:
    code, _, _ = invoke("report", str(inputs), "-o", str(tmp_path), "-q")
    assert code == 1
    assert openpyxl.load_workbook(tmp_path / GM02).sheetnames == ["封面", "评分表", "整改清单", "分项得分"]
    assert "整改落实" not in openpyxl.load_workbook(tmp_path / "汇总-2018.xlsx").sheetnames


def test_library_standard_baseline_all_fixed(tmp_path: Path) -> None:
    now = tmp_path / "now"
    now.mkdir()
    sheets = perfect_library()
    set_field(sheets, "图书室编号", "LIB-002")
    write(now, "LIB-002", sheets)
    out = tmp_path / "out"
    code, _, err = invoke(
        "report", str(now), "-o", str(out), "--standard", LIBRARY_STANDARD, "--baseline", str(LIBRARY), "-q"
    )
    assert code == 0 and err == ""
    report = next(p for p in out.glob("LIB-002*.xlsx"))
    ws = openpyxl.load_workbook(report)["整改落实情况"]
    assert str(ws["A2"].value).endswith("整改完成率：3/3（100%）")
    assert [r[1:5] for r in rows(ws, 4)[:3]] == [
        ("L1.2 馆藏规模", 0, 3, "已整改"),
        ("L1.1 功能分区齐全", 6, 8, "已整改"),
        ("L3.3 读书会每月举办", 3, 4, "已整改"),
    ]
    summary = rows(openpyxl.load_workbook(next(out.glob("汇总*.xlsx")))["整改落实"])
    assert summary[3] == ("全市", None, 1, 3, 3, 1)
    assert summary[1][0] == "3个问题已整改3个，完成率100%"


def test_a_baseline_that_is_not_there_exits_2(inputs: Path, tmp_path: Path) -> None:
    code, _, err = invoke(
        "report", str(inputs), "-o", str(tmp_path / "out"), "--baseline", str(tmp_path / "nowhere")
    )
    assert code == 2 and len(err.splitlines()) == 1 and "找不到上次" in err
    assert not (tmp_path / "out").exists()


def test_a_broken_baseline_report_is_one_line_and_exit_2_the_reports_still_written(
    inputs: Path, previous: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "previous"
    shutil.copytree(previous, baseline)
    broken = baseline / "GM-03-醴泉街道康成社区党群服务中心.xlsx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    folder = tmp_path / "now"
    code, _, err = invoke(
        "report",
        str(inputs),
        "-o",
        str(folder),
        "--baseline",
        str(baseline),
        "--baseline-standard",
        STRICT,
        "-q",
    )
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith(f"错误: {broken}: ")
    ws = openpyxl.load_workbook(folder / "GM-03-醴泉街道康成社区党群服务中心.xlsx")["整改落实情况"]
    assert ws["A4"].value == "上次检查中没有本中心（按编号对照），无整改项可回头看。"
    summary = openpyxl.load_workbook(folder / "汇总-2018.xlsx")
    assert "错误" not in summary.sheetnames  # this year's batch was whole
    assert rows(summary["整改落实"])[3] == ("全市", None, 14, 106, 12, 0.1132)  # GM-03: 6 items, none fixed


def test_compare_reads_last_years_reports_with_what_the_centers_typed(inputs: Path, previous: Path) -> None:
    code, out, err = invoke(
        "compare", str(previous), str(inputs), "--before-standard", STRICT, "--format", "json"
    )
    assert code == 0 and err == ""  # the summary workbook of the folder is skipped
    doc = json.loads(out)
    assert (doc["summary"]["matched"], doc["summary"]["items"], doc["summary"]["fixed"]) == (15, 112, 12)
    gm02 = next(c for c in doc["centers"] if c["center_id"] == "GM-02")
    assert [(c["id"], c["outcome"], c.get("typed")) for c in gm02["clauses"] if c["item"]] == [
        ("1.1", "open", list(TYPED["1.1"])),
        ("1.3", "fixed", list(TYPED["1.3"])),
        ("3.5", "open", None),
    ]
    assert gm02["before"]["file"] == str(previous / GM02) and gm02["before"]["score"] == 95.9
    # the same outcomes as comparing last year's workbooks themselves
    code, again, _ = invoke(
        "compare", str(inputs), str(inputs), "--before-standard", STRICT, "--format", "json"
    )
    books = json.loads(again)
    for center in (*doc["centers"], *books["centers"]):
        center["before"].pop("file")
        for clause in center["clauses"]:
            clause.pop("typed", None)
            if clause["before"] and clause["before"]["status"] in ("fail", "partial", "missing", "error"):
                clause["before"]["status"] = "short"  # a report shows points, not why they were lost
    assert doc["centers"] == books["centers"]


def test_the_summary_workbook_alone_is_not_a_side(previous: Path, inputs: Path) -> None:
    code, _, err = invoke("compare", str(previous / "汇总-2018.xlsx"), str(inputs), "-q")
    assert code == 2
    assert err == f"错误: {previous / '汇总-2018.xlsx'}: 这是“汇总”工作簿，不是中心的检查表或验收报告\n"


def test_the_web_page_of_a_center_has_its_follow_up_too(inputs: Path, previous: Path, tmp_path: Path) -> None:
    folder = tmp_path / "now"
    code, _, err = invoke(
        "report",
        str(inputs),
        "-o",
        str(folder),
        "--html",
        "--baseline",
        str(previous),
        "--baseline-standard",
        STRICT,
        "-q",
    )
    assert code == 1 and err == ""
    page = (folder / "html" / GM02.replace(".xlsx", ".html")).read_text("utf-8")
    assert "<h2>整改落实情况</h2>" in page and "整改完成率：1/3（33.3%）" in page
    assert (
        '<td class="c" data-label="整改结果">已整改</td>\n<td data-label="整改措施">调整服务点布局，增设便民服务点</td>'
        '<td data-label="责任人">李四</td>'
    ) in page
    plain = tmp_path / "plain"
    invoke("report", str(inputs), "-o", str(plain), "--html", "-q")
    assert "整改落实情况" not in (plain / "html" / GM02.replace(".xlsx", ".html")).read_text("utf-8")

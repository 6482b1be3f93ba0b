"""`audit template`: the blank inspection workbook generated from a standard's layout.

The central property is the round trip: a template filled in the way a person would (values
typed next to the labels, records typed under the headers, the prefilled item rows completed)
is audited with exactly the scores of an equivalent workbook written from the same data.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.engine import audit_file
from auditor.errors import AuditError
from auditor.result import CenterResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from auditor.template import (
    build_template,
    read_centers,
    safe_file_stem,
    write_template,
    write_workbook_atomic,
)
from auditor.workbook.values import normalize_label
from tests.builders import (
    EIGHT_RULES,
    SEVEN_SERVICES,
    SIX_SIGNS,
    SIX_TEAMS,
    STANDARD_2018,
    Sheets,
    drop_rows,
    full_center,
    set_field,
    write_workbook,
)

LIBRARY_STANDARD = Path(__file__).resolve().parent / "data" / "library-standard.yaml"
LAYOUT_2018 = [
    "基本信息",
    "外观标识",
    "制度机制",
    "人员岗位",
    "服务队伍",
    "服务事项",
    "活动记录",
    "督查记录",
    "值班记录",
    "服务台账",
    "满意度测评",
    "自评得分",
]
FORM_FIELDS_2018 = [
    "中心名称",
    "中心编号",
    "所属镇街",
    "中心类型",
    "检查年度",
    "检查日期",
    "检查组组长",
    "财政列支经费(万元)",
    "党费补助经费(万元)",
    "步行可达时间(分钟)",
    "活动场所向群众无偿开放",
    "镇街工作人员总数",
    "下沉社区工作人员数",
    "服务项目清单公开",
    "开展双诺双述双评",
    "推行党员积分制管理",
    "发现弄虚作假",
]
# An untouched template of the 2018 standard, its year known: everything is missing evidence, except
# the clauses whose spec says an empty sheet fails (when_empty: fail) and the bonus (never missing).
UNTOUCHED_2018 = {
    "1.1": "missing",
    "1.2": "missing",
    "1.3": "missing",
    "1.4": "missing",
    "2.1": "missing",
    "2.2": "missing",
    "2.3": "missing",
    "2.4": "missing",
    "2.5": "missing",
    "2.6": "missing",
    "2.7": "missing",
    "2.8": "missing",
    "2.9": "missing",
    "3.1": "missing",
    "3.2": "missing",
    "3.3": "missing",
    "3.4": "missing",
    "3.5": "fail",
    "3.6": "fail",
    "4.1": "missing",
    "4.2": "fail",
    "4.3": "fail",
    "4.4": "missing",
    "4.5": "missing",
    "B.1": "fail",
    "V.1": "missing",
    "V.2": "missing",
}


@pytest.fixture(scope="module")
def std(std2018: Standard) -> Standard:
    return std2018


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def statuses(result: CenterResult) -> dict[str, str]:
    return {c.id: c.status for c in result.clauses}


def scores(result: CenterResult) -> tuple[Any, ...]:
    return (
        result.score,
        result.base,
        result.bonus,
        result.grade,
        result.veto,
        tuple((c.id, c.status, c.earned) for c in result.clauses),
    )


# ---------------------------------------------------------------- filling a template like a person


def fill(template: Path, standard: Standard, sheets: Sheets, out: Path) -> Path:
    """Type `sheets` (the tests.builders format) into a template with openpyxl.

    Forms: the value goes into the cell right of the label. Tables: a record whose values agree
    with a prefilled row completes that row; any other record goes into the next free row.
    """
    wb = openpyxl.load_workbook(template)
    for name, rows in sheets.items():
        spec = standard.sheet(name)
        assert spec is not None, name
        ws = wb[name]
        if spec.kind == "form":
            labels = {
                normalize_label(str(c.value)): c
                for row in ws.iter_rows()
                for c in row
                if isinstance(c.value, str)
            }
            for row in rows:
                if len(row) < 2 or spec.field(str(row[0])) is None:
                    continue  # a title row of the builder's sheet
                label = labels[normalize_label(str(row[0]))]
                if row[1] is not None:
                    ws.cell(label.row, label.column + 1).value = row[1]
            continue
        header = {str(c.value): c.column for c in ws[2] if c.value is not None}
        assert set(header) == {f.name for f in spec.fields}
        prefilled = [
            r
            for r in range(3, ws.max_row + 1)
            if any(ws.cell(r, col).value is not None for col in header.values())
        ]
        used: set[int] = set()
        free = max(prefilled, default=2) + 1
        names, *records = rows
        for record in records:
            values = {n: v for n, v in zip(names, record, strict=True) if v is not None}
            target = next(
                (
                    r
                    for r in prefilled
                    if r not in used
                    and all(
                        normalize_label(str(values.get(n, ""))) == normalize_label(str(ws.cell(r, col).value))
                        for n, col in header.items()
                        if ws.cell(r, col).value is not None
                    )
                ),
                None,
            )
            if target is None:
                target, free = free, free + 1
            used.add(target)
            for n, value in values.items():
                ws.cell(target, header[n]).value = value
    wb.save(out)
    return out


def defects_2018() -> Sheets:
    """A 街道 center with defects across many clauses and check types."""
    sheets = full_center(kind="街道", featured=2)
    set_field(sheets, "步行可达时间(分钟)", 20)  # 1.3 fail
    set_field(sheets, "下沉社区工作人员数", 10)  # 2.9 fail (10/40)
    set_field(sheets, "党费补助经费(万元)", None)
    for row in sheets["外观标识"][1:]:
        if row[0] == "门牌外观":
            row[1] = "否"  # 1.1 partial
    drop_rows(sheets, "制度机制", lambda r: r[0] == "考核评价")  # 2.1/2.2: no answer for one rule
    sheets["人员岗位"][2][3] = "否"  # 2.6 proportional
    drop_rows(sheets, "活动记录", lambda r: r[1] == "支部生活日" and r[0].month in (5, 6))  # 3.5 deduct
    for row in sheets["服务事项"][1:]:
        if row[0] == "党史知识教育":
            row[2] = 0  # 3.1 per item
    for row in sheets["服务台账"][1:4]:
        row[5] = None  # 3.4 tiers
    for row in sheets["满意度测评"][1:16]:
        row[1] = "不满意"  # 4.1 tiers
    drop_rows(sheets, "督查记录", lambda r: r[1] == "季督查" and r[0].month == 11)  # 4.3 deduct
    return sheets


# ---------------------------------------------------------------- the round trip


def test_filled_template_scores_exactly_like_the_equivalent_workbook(std: Standard, tmp_path: Path) -> None:
    template = write_template(std, tmp_path / "blank.xlsx")
    sheets = defects_2018()
    filled = audit_file(std, fill(template, std, sheets, tmp_path / "filled.xlsx"))
    plain = audit_file(std, write_workbook(tmp_path / "plain.xlsx", sheets))
    assert scores(filled) == scores(plain)
    assert (filled.center_id, filled.name, filled.type, filled.year) == (
        "T-01",
        "测试社区党群服务中心",
        "街道",
        2018,
    )
    changed = {c.id: (c.status, c.earned) for c in filled.clauses if c.status != "pass"}
    assert changed == {
        "1.1": ("partial", Fraction(10)),
        "1.3": ("fail", Fraction(0)),
        "2.1": ("partial", Fraction(7)),
        "2.2": ("partial", Fraction(7)),
        "2.6": ("partial", Fraction(5, 2)),
        "2.9": ("fail", Fraction(0)),
        "3.1": ("partial", Fraction(12)),
        "3.4": ("partial", Fraction(2)),
        "3.5": ("partial", Fraction(5)),
        "4.1": ("partial", Fraction(3)),
        "4.3": ("partial", Fraction(3, 2)),
        "B.1": ("partial", Fraction(2)),
    }
    assert (filled.score, filled.base, filled.bonus, filled.grade) == (
        plain.score,
        plain.base,
        plain.bonus,
        plain.grade,
    )
    assert str(filled.grade) == "良好"


def test_filled_template_without_defects_scores_100(std: Standard, tmp_path: Path) -> None:
    template = write_template(std, tmp_path / "blank.xlsx", year=2018)
    sheets = full_center(featured=1)
    filled = audit_file(std, fill(template, std, sheets, tmp_path / "filled.xlsx"))
    plain = audit_file(std, write_workbook(tmp_path / "plain.xlsx", sheets))
    assert scores(filled) == scores(plain)
    assert (str(filled.score), str(filled.bonus), filled.grade) == ("100.0", "1.0", "优秀")
    assert filled.warnings == plain.warnings


# ---------------------------------------------------------------- the untouched template


def test_untouched_template_with_year(std: Standard, tmp_path: Path) -> None:
    result = audit_file(std, write_template(std, tmp_path / "t.xlsx", year=2018))
    assert statuses(result) == UNTOUCHED_2018
    assert all(c.earned == 0 for c in result.clauses)
    assert (str(result.score), str(result.base), str(result.bonus), result.grade, result.veto) == (
        "0.0",
        "0.0",
        "0.0",
        "不合格",
        False,
    )
    assert result.year == 2018
    assert result.warnings == (
        "基本信息!D3: 必填项“中心名称”未填写",
        "基本信息!D4: 必填项“中心编号”未填写",
        "基本信息!D6: 必填项“中心类型”未填写",
    )


def test_untouched_template_year_given_on_the_command_line(std: Standard, tmp_path: Path) -> None:
    result = audit_file(std, write_template(std, tmp_path / "t.xlsx"), 2018)
    assert statuses(result) == UNTOUCHED_2018
    assert result.grade == "不合格"


def test_untouched_template_without_any_year(std: Standard, tmp_path: Path) -> None:
    """No year at all: the clauses covering periods cannot be judged, so they are missing too; an empty
    sheet counted with when_empty: fail counts 0 in any year (3.6 fails as it does with a year)."""
    result = audit_file(std, write_template(std, tmp_path / "t.xlsx"))
    expected = {**UNTOUCHED_2018, "3.5": "missing", "4.2": "missing", "4.3": "missing"}
    assert statuses(result) == expected
    assert result.grade == "不合格"


def test_cli_untouched_template_is_audited(tmp_path: Path) -> None:
    out = tmp_path / "2019-检查表.xlsx"
    code, stdout, stderr = invoke("template", "-o", str(out), "--year", "2019")
    assert (code, stdout, stderr) == (0, f"{out}\n", "")
    code, stdout, _ = invoke("check", "--format", "json", str(out))
    assert code == 1  # 不合格
    import json

    doc = json.loads(stdout)
    center = doc["centers"][0]
    assert center["year"] == 2019 and center["grade"] == "不合格"
    assert {c["id"]: c["status"] for c in center["clauses"]} == UNTOUCHED_2018


# ---------------------------------------------------------------- what the workbook holds


def test_sheets_in_layout_order_after_the_instructions(std: Standard) -> None:
    wb = build_template(std)
    assert wb.sheetnames == ["填表说明", *LAYOUT_2018]
    assert wb.active is not None and wb.active.title == "填表说明"
    assert all(ws.sheet_state == "visible" for ws in wb.worksheets)


def test_form_sheet_rows(std: Standard) -> None:
    ws = build_template(std)["基本信息"]
    assert [c.value for c in ws[2]] == ["必填", "填写说明", "栏目", "填写内容"]
    assert [ws.cell(r, 3).value for r in range(3, 3 + len(FORM_FIELDS_2018))] == FORM_FIELDS_2018
    assert ws.max_row == 2 + len(FORM_FIELDS_2018)
    assert all(ws.cell(r, 4).value is None for r in range(3, ws.max_row + 1))
    marks = {ws.cell(r, 3).value for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "★"}
    assert marks == {"中心名称", "中心编号", "中心类型", "检查年度"}
    hints = {ws.cell(r, 3).value: ws.cell(r, 2).value for r in range(3, ws.max_row + 1)}
    assert hints["财政列支经费(万元)"] == "数字；用于条款 1.2"
    assert hints["中心类型"] == "选择：市级/街道/社区/园区；用于条款 2.9"
    assert hints["镇街工作人员总数"] == "整数（单位：人/名/位）；仅街道中心填写；用于条款 2.9"
    assert hints["检查日期"] == "由考核组填写，中心不填；日期，如 2018-03-05"  # filled_by: inspectors
    assert hints["发现弄虚作假"] == "由考核组填写，中心不填；选择：是/否；用于条款 V.1"
    inspectors = {
        ws.cell(r, 3).value
        for r in range(3, ws.max_row + 1)
        if ws.cell(r, 4).fill.fgColor.rgb.endswith("FCE4D6")
    }
    assert inspectors == {
        "检查日期",
        "检查组组长",
        "发现弄虚作假",
    }  # shaded apart from the center's own fields
    assert hints["检查年度"] == "年份，如 2018；按年、季、月、工作日统计的条款以此年份为准"
    assert ws["A1"].value == "基本信息"


def test_table_sheets_header_and_fixed_items(std: Standard) -> None:
    wb = build_template(std)
    for spec in std.layout[1:]:
        ws = wb[spec.name]
        header = [c.value for c in ws[2]]
        assert header[: len(spec.fields)] == [f.name for f in spec.fields], spec.name
        beside = ["条款名称", "满分"] if spec.name == "自评得分" else []  # the template's own, locked
        assert [h for h in header[len(spec.fields) :] if h is not None] == beside

    def column(sheet: str, col: int, rows: int) -> list[Any]:
        return [wb[sheet].cell(r, col).value for r in range(3, 3 + rows)]

    assert column("外观标识", 1, 7) == [*SIX_SIGNS, None]
    assert column("外观标识", 2, 6) == [None] * 6
    assert column("制度机制", 1, 9) == [*EIGHT_RULES, None]
    assert column("服务队伍", 1, 7) == [*SIX_TEAMS, None]
    assert column("服务事项", 1, 8) == [*SEVEN_SERVICES, None]
    assert column("服务事项", 2, 8) == ["基本"] * 7 + [None]  # the where filter of 3.1, so the row counts
    assert column("服务事项", 3, 7) == [None] * 7
    non_veto = [c.id for c in std.clauses if c.kind != "veto"]
    assert column("自评得分", 1, len(non_veto) + 1) == [*non_veto, None]
    for sheet in ("人员岗位", "活动记录", "督查记录", "值班记录", "服务台账", "满意度测评"):
        assert wb[sheet].max_row == 2 + 30, sheet  # 30 ready rows, nothing in them
        assert all(c.value is None for row in wb[sheet].iter_rows(min_row=3) for c in row)
    assert wb["外观标识"]["A1"].value == "外观标识"
    assert wb["自评得分"]["A1"].value == "自评得分（可选，可不填）"


def validations(ws: Any) -> dict[str, Any]:
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def test_form_validations(std: Standard) -> None:
    found = validations(build_template(std)["基本信息"])
    rows = {f: f"D{3 + i}" for i, f in enumerate(FORM_FIELDS_2018)}
    assert set(found) == set(rows.values())
    kind = {f: (found[c].type, found[c].formula1, found[c].formula2) for f, c in rows.items()}
    assert kind["中心类型"] == ("list", '"市级,街道,社区,园区"', None)
    assert kind["活动场所向群众无偿开放"] == ("list", '"是,否"', None)
    assert kind["发现弄虚作假"] == ("list", '"是,否"', None)
    assert kind["检查年度"] == ("whole", "1900", "2999")
    assert kind["检查日期"] == (
        "date",
        "43101",
        "43646",
    )  # 2018-01-01 .. 2019-06-30: inspections follow the year
    assert kind["财政列支经费(万元)"] == ("decimal", "0", "999999999999")  # never negative
    assert kind["镇街工作人员总数"] == ("whole", "0", "999999999999")
    assert kind["中心名称"] == (None, None, None)  # text: an input message only
    dv = found[rows["中心类型"]]
    assert (dv.promptTitle, dv.prompt) == ("中心类型", "选择：市级/街道/社区/园区；用于条款 2.9")
    assert (dv.errorTitle, dv.error, dv.errorStyle) == (
        "输入有误",
        "请从下拉列表中选择：市级/街道/社区/园区",
        "stop",
    )
    assert dv.showErrorMessage and dv.showInputMessage and dv.allow_blank
    assert found[rows["检查日期"]].error == "请输入2018-01-01至2019-06-30之间的日期，如 2018-03-05"
    assert found[rows["财政列支经费(万元)"]].error == "请输入不小于0的数字（不要带单位或文字）"
    assert not found[rows["中心名称"]].showErrorMessage


def test_table_validations(std: Standard) -> None:
    wb = build_template(std)
    staff = validations(wb["人员岗位"])
    assert set(staff) == {f"{c}3:{c}10000" for c in "ABCDE"}
    assert (staff["C3:C10000"].type, staff["C3:C10000"].formula1) == ("list", '"专职,兼职"')
    assert (staff["D3:D10000"].type, staff["D3:D10000"].formula1) == ("list", '"是,否"')
    assert (
        staff["B3:B10000"].prompt
        == "文字；应包括：咨询接待岗、党员党组织管理岗、区域化党建联络岗、党群带建服务岗、党群志愿服务岗、综合事务管理岗；用于条款 2.5"
    )
    activity = validations(wb["活动记录"])
    assert (activity["A3:A10000"].type, activity["B3:B10000"].formula1) == (
        "date",
        '"支部生活日,志愿服务,党课,主题党日,其他"',
    )
    assert activity["D3:D10000"].type == "whole"
    ledger = validations(wb["服务台账"])
    assert ledger["C3:C10000"].prompt == "文字；个人信息，不会出现在任何报告中"
    # every closed set of answers in the layout is a dropdown
    for spec in std.layout:
        found = validations(wb[spec.name])
        for f in spec.fields:
            if f.type in ("yesno", "enum"):
                assert any(dv.type == "list" and dv.promptTitle == f.name for dv in found.values()), f.name


def test_usable_by_a_person(std: Standard) -> None:
    wb = build_template(std)
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title  # A4
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
        assert not any(d.hidden for d in ws.column_dimensions.values())
        assert not any(d.hidden for d in ws.row_dimensions.values())
        assert ws.protection.password is None
        assert ws["A1"].font.name in ("宋体", "黑体") and ws["A1"].font.charset == 134  # a Chinese face
        if ws.title != "填表说明":
            assert ws.freeze_panes == "A3"
            assert ws.print_title_rows == "$1:$2"
    info = wb["基本信息"]
    assert info.column_dimensions["C"].width >= 2 * len("下沉社区工作人员数")
    # protection only where the reader depends on fixed labels: forms and tables with fixed items
    protected = [ws.title for ws in wb.worksheets if ws.protection.sheet]
    assert protected == ["基本信息", "外观标识", "制度机制", "服务队伍", "服务事项", "自评得分"]
    assert info["C3"].protection.locked and not info["D3"].protection.locked
    signs = wb["外观标识"]
    assert signs["A3"].protection.locked and not signs["B3"].protection.locked
    assert not signs.column_dimensions["A"].protection.locked  # rows below the items stay writable
    assert signs.protection.insertRows is False and signs.protection.deleteRows is False
    assert wb["活动记录"]["B2"].font.b
    assert wb["活动记录"]["A3"].number_format == "yyyy-mm-dd"
    assert info["D3"].number_format == "@"


def test_instructions_sheet(std: Standard) -> None:
    ws = build_template(std)["填表说明"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = rows.index(["条款", "名称", "读取的工作表：栏目", "检查内容", "考核办法", "分值"])
    by_id = {r[0]: r for r in rows[header + 1 :] if r[0] in {c.id for c in std.clauses}}
    assert list(by_id) == [c.id for c in std.clauses]
    assert by_id["1.2"] == [
        "1.2",
        "经费保障",
        "基本信息：财政列支经费(万元)、党费补助经费(万元)",
        "基本信息：财政列支经费(万元)或党费补助经费(万元)大于0",
        "查阅台账",
        3,
    ]
    assert str(by_id["2.9"][3]).endswith("\n（仅当 中心类型=街道 时适用）")
    assert by_id["3.1"][2] == "服务事项：事项名称、类别、年度开展次数"
    assert by_id["B.1"][5] == "加分项，最多3分"
    assert by_id["V.1"][5] == "一票否决"
    assert ["1　建设规范（20分）", None, None, None, None, None] in rows
    assert ["B　加分项（加分）", None, None, None, None, None] in rows
    text = "\n".join(str(r[0]) for r in rows if r[0])
    assert "满分100分；等级：优秀≥90分、良好≥80分、合格≥60分；低于60分或触发一票否决为不合格。" in text
    assert "个人信息栏目（服务台账：群众姓名、服务台账：联系电话）" in text
    fields = rows.index(["工作表", "栏目", "填写要求", "说明", "必填", None])
    assert rows[fields + 1] == ["基本信息", "中心名称", "文字", None, "★", None]
    assert [
        "基本信息",
        "镇街工作人员总数",
        "整数（单位：人/名/位）；仅街道中心填写",
        "用于条款 2.9",
        None,
        None,
    ] in rows
    assert [
        "人员岗位",
        "岗位",
        "文字",
        "应包括：咨询接待岗、党员党组织管理岗、区域化党建联络岗、党群带建服务岗、"
        "党群志愿服务岗、综合事务管理岗；用于条款 2.5",
        None,
        None,
    ] in rows
    assert sum(1 for r in rows[fields + 1 :] if r[0] in LAYOUT_2018) == sum(len(s.fields) for s in std.layout)
    assert not ws.protection.sheet  # nothing in it is read back


# ---------------------------------------------------------------- a standard with awkward names


ODD_STANDARD = """
id: odd
title: 古怪的标准
issuer: 测试
version: "1"
year: 2020
total: 10
grades: [{name: 好, min: 50}]
veto_grade: 差
center: {sheet: 填表说明, id: 编号, name: 名称, year: 年份}
layout:
  - name: 填表说明
    kind: form
    fields:
      - {name: 名称}
      - {name: 编号}
      - {name: 年份, type: year}
      - {name: 栏目}
      - {name: 等第, type: enum, values: ["甲,一", '乙"二', 丙]}
  - name: 单列
    kind: table
    columns:
      - {name: 单列}
parts:
  - id: "1"
    title: 一
    points: 10
    clauses:
      - id: "1.1"
        title: 等第为丙
        points: 5
        check: {type: field, sheet: 填表说明, fields: [等第], value: 丙}
      - id: "1.2"
        title: 单列有两行
        points: 5
        check: {type: row_count, sheet: 单列, where: [{column: 单列, op: filled}], op: ">=", value: 2}
"""


@pytest.fixture()
def odd(tmp_path: Path) -> Standard:
    path = tmp_path / "odd.yaml"
    path.write_text(ODD_STANDARD, encoding="utf-8")
    return load_standard(path)


def test_awkward_names_do_not_mislead_the_reader(odd: Standard, tmp_path: Path) -> None:
    wb = build_template(odd, year=2020)
    assert wb.sheetnames == ["填表说明(模板)", "填表说明", "单列"]
    form = wb["填表说明"]
    assert [c.value for c in form[2]] == [
        "必填",
        "填写说明",
        "栏目（模板）",
        "填写内容",
    ]  # 栏目 is a label here
    assert form["C6"].value == "栏目"
    assert wb["单列"]["A1"].value == "单列（模板）"  # the title must not read as the header
    # answers with a comma or a quote cannot stand in an inline list: the list is in the instructions sheet
    dv = validations(form)["D7"]
    match = re.fullmatch(r"'填表说明\(模板\)'!\$B\$(\d+):\$B\$(\d+)", dv.formula1)
    assert match is not None, dv.formula1
    start, end = int(match[1]), int(match[2])
    listed = [wb["填表说明(模板)"].cell(r, 2).value for r in range(start, end + 1)]
    assert listed == ["甲,一", '乙"二', "丙"]
    assert wb["填表说明(模板)"].protection.sheet  # the dropdown lists must not be broken
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    result = audit_file(odd, path)
    assert statuses(result) == {"1.1": "missing", "1.2": "fail"}  # an empty table counts 0 rows
    assert result.year == 2020
    filled = openpyxl.load_workbook(path)
    filled["填表说明"]["D7"] = "丙"
    filled["单列"]["A3"] = "一"
    filled["单列"]["A4"] = "二"
    filled.save(path)
    assert statuses(audit_file(odd, path)) == {"1.1": "pass", "1.2": "pass"}


def test_sheet_name_excel_cannot_hold_is_an_error(odd: Standard) -> None:
    from dataclasses import replace

    bad = replace(odd, layout=(replace(odd.layout[1], name="一/二"), *odd.layout[:1]))
    with pytest.raises(AuditError, match="不能用作 Excel 工作表名"):
        build_template(bad)


# ---------------------------------------------------------------- input text is written as text


def test_text_from_an_input_is_never_a_formula(std: Standard, tmp_path: Path) -> None:
    name = '=HYPERLINK("http://evil.example","点我")'
    wb = build_template(std, center={"中心名称": name, "中心编号": "A\x01B\x1f-1"})
    ws = wb["基本信息"]
    assert (ws["D3"].value, ws["D3"].data_type) == (name, "s")
    assert ws["D4"].value == "AB-1"
    path = tmp_path / "t.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(member), member
    result = audit_file(std, path)
    assert (result.name, result.center_id) == (name, "AB-1")


# ---------------------------------------------------------------- saving


def test_write_is_atomic_and_refuses_to_overwrite(
    std: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"filled in by a person")
    with pytest.raises(AuditError, match="文件已存在"):
        write_template(std, path)
    assert path.read_bytes() == b"filled in by a person"

    def broken_save(self: Any, filename: Any) -> None:
        Path(filename).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(AuditError, match="无法写入：No space left on device"):
        write_template(std, path, overwrite=True)
    assert path.read_bytes() == b"filled in by a person"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx"]  # no temporary file left


def test_write_never_replaces_an_input(std: Standard, tmp_path: Path) -> None:
    source = tmp_path / "in.xlsx"
    source.write_bytes(b"input")
    with pytest.raises(AuditError, match="输出文件不能是输入文件"):
        write_workbook_atomic(build_template(std), source, overwrite=True, inputs=[source])
    assert source.read_bytes() == b"input"


def test_written_file_has_ordinary_permissions(std: Standard, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = write_template(std, tmp_path / "t.xlsx")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


# ---------------------------------------------------------------- the list of centers


def centers_file(path: Path, rows: list[list[Any]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名单"
    ws.append(["2019年全市党群服务中心名单"])
    ws.append([])
    ws.append(["序号", "中心名称", "中心编号", "中心类型", "所属镇街"])  # any order, extra columns
    for row in rows:
        ws.append(row)
    for line in ws.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed as text in the list, not a formula
    wb.save(path)
    return path


CITY: list[list[Any]] = [
    [1, "朝阳社区党群服务中心", "GM-001", "社区", "朝阳街道"],
    [2, "醴泉街道党群服务中心", "GM-002", "街道 ", "醴泉街道"],
    [None, None, None, None, None],
    [3, "../../etc/passwd", "GM-003", "园区", None],
    [4, '=HYPERLINK("http://x","y")', 1004, "市级", None],
    [5, "A<B>|C?", "CON", "社区", None],
]


def test_cli_centers_writes_one_prefilled_workbook_per_center(std: Standard, tmp_path: Path) -> None:
    listing = centers_file(tmp_path / "centers.xlsx", CITY)
    out = tmp_path / "out"
    code, stdout, stderr = invoke("template", "--centers", str(listing), "--year", "2019", "-o", f"{out}/")
    assert code == 0, stderr
    names = [
        "GM-001-朝阳社区党群服务中心.xlsx",
        "GM-002-醴泉街道党群服务中心.xlsx",
        "GM-003-._._etc_passwd.xlsx",
        "1004-=HYPERLINK(_http___x_,_y_).xlsx",
        "CON-A_B__C_.xlsx",
    ]
    assert stdout.splitlines() == [str(out / n) for n in names]
    assert stderr == f"已生成 5 个检查表：{out}\n"
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    results = [audit_file(std, out / n) for n in names]
    assert [(r.center_id, r.name, r.type, r.district, r.year) for r in results] == [
        ("GM-001", "朝阳社区党群服务中心", "社区", "朝阳街道", 2019),
        ("GM-002", "醴泉街道党群服务中心", "街道", "醴泉街道", 2019),
        ("GM-003", "../../etc/passwd", "园区", None, 2019),
        ("1004", '=HYPERLINK("http://x","y")', "市级", None, 2019),
        ("CON", "A<B>|C?", "社区", None, 2019),
    ]
    # the type is known now: 2.9 (街道 only) does not apply to the others
    assert [statuses(r) for r in results] == [
        {**UNTOUCHED_2018, "2.9": "missing" if r.type == "街道" else "not_applicable"} for r in results
    ]
    ws = openpyxl.load_workbook(out / names[3])["基本信息"]
    assert (ws["D3"].value, ws["D3"].data_type) == ('=HYPERLINK("http://x","y")', "s")
    assert ws["A1"].value == '=HYPERLINK("http://x","y")\u3000基本信息'
    assert openpyxl.load_workbook(out / names[0])["外观标识"]["A1"].value == "朝阳社区党群服务中心　外观标识"
    # again: nothing is overwritten without --force
    code, _, stderr = invoke("template", "--centers", str(listing), "-o", str(out))
    assert code == 2
    assert stderr == f"错误: {out}: {out / names[0]}等5个文件已存在（用 --force 覆盖）\n"
    code, _, _ = invoke("template", "--centers", str(listing), "-o", str(out), "--force")
    assert code == 0
    assert audit_file(std, out / names[0]).year is None  # rewritten without --year


def test_read_centers_types_values_as_the_form_declares(std: Standard, tmp_path: Path) -> None:
    rows = read_centers(centers_file(tmp_path / "c.xlsx", CITY[:2]), std)
    assert [(r.row, r.values) for r in rows] == [
        (
            4,
            {
                "中心名称": "朝阳社区党群服务中心",
                "中心编号": "GM-001",
                "中心类型": "社区",
                "所属镇街": "朝阳街道",
            },
        ),
        (
            5,
            {
                "中心名称": "醴泉街道党群服务中心",
                "中心编号": "GM-002",
                "中心类型": "街道",
                "所属镇街": "醴泉街道",
            },
        ),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [[1, "甲", "A-1", "乡镇", None]],
            "第4行“中心类型”无法识别：“乡镇”，应为市级、街道、社区、园区 之一",
        ),
        ([[1, "甲", "A-1", "社区", None], [2, "乙", "a-1", "社区", None]], "第5行“中心编号”“a-1”与第4行重复"),
        (
            [[1, "甲", None, "社区", None], [2, "乙", None, "乡镇", None]],
            "第4行缺少“中心编号”（另有2处问题）",
        ),
        ([], "名单中没有任何一行"),
    ],
)
def test_cli_centers_bad_list_is_one_line(tmp_path: Path, rows: list[list[Any]], message: str) -> None:
    listing = centers_file(tmp_path / "c.xlsx", rows)
    code, stdout, stderr = invoke("template", "--centers", str(listing), "-o", str(tmp_path / "out"))
    assert (code, stdout, stderr) == (2, "", f"错误: {listing}: {message}\n")
    assert not (tmp_path / "out").exists()


def test_read_centers_header_is_the_row_with_id_and_name(std: Standard, tmp_path: Path) -> None:
    # the reader's header finder, asked for a row naming the id and the name: a row naming more of the
    # center fields but not those two is not the header; the first sheet that has one is the list
    listing = write_workbook(
        tmp_path / "c.xlsx",
        {
            "说明": [["中心类型", "所属镇街"], ["社区", "朝阳街道"]],
            "名单": [
                ["中心类型", "所属镇街", "检查年度"],
                ["中心编号", "中心名称"],
                ["GM-001", "朝阳社区党群服务中心"],
            ],
        },
    )
    rows = read_centers(listing, std)
    assert [(r.row, r.values) for r in rows] == [
        (3, {"中心编号": "GM-001", "中心名称": "朝阳社区党群服务中心"})
    ]


def test_an_error_code_from_the_list_is_text(std: Standard) -> None:
    ws = build_template(std, center={"中心名称": "#N/A", "中心编号": "A-1"})["基本信息"]
    assert (ws["D3"].value, ws["D3"].data_type) == ("#N/A", "s")


def test_cli_centers_without_header(tmp_path: Path) -> None:
    listing = write_workbook(tmp_path / "c.xlsx", {"表": [["名称", "编号"], ["甲", "1"]]})
    code, _, stderr = invoke("template", "--centers", str(listing), "-o", str(tmp_path / "out"))
    assert code == 2
    assert stderr == (
        f"错误: {listing}: 名单中找不到表头（至少要有“中心编号”和“中心名称”两列；"
        "可有：中心编号、中心名称、中心类型、所属镇街、检查年度、检查日期、检查组组长）\n"
    )


def test_cli_centers_never_overwrite_the_list(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    listing = centers_file(out / "A-1-甲.xlsx", [[1, "甲", "A-1", "社区", None]])
    before = listing.read_bytes()
    code, _, stderr = invoke("template", "--centers", str(listing), "-o", str(out), "--force")
    assert (code, stderr) == (2, f"错误: {listing}: 输出文件不能是输入文件\n")
    assert listing.read_bytes() == before


def test_cli_errors(tmp_path: Path) -> None:
    a_file = tmp_path / "a.xlsx"
    a_file.write_bytes(b"x")
    cases = [
        (
            ["template", "-o", str(tmp_path / "t.txt")],
            f"错误: {tmp_path / 't.txt'}: 输出文件应以 .xlsx 结尾\n",
        ),
        (["template", "-o", str(a_file)], f"错误: {a_file}: 文件已存在（用 --force 覆盖）\n"),
        (
            ["template", "--centers", str(tmp_path / "none.xlsx"), "-o", str(tmp_path)],
            f"错误: {tmp_path / 'none.xlsx'}: 找不到文件\n",
        ),
        (
            ["template", "--centers", str(centers_file(tmp_path / "c.xlsx", CITY[:1])), "-o", str(a_file)],
            f"错误: {a_file}: 使用 --centers 时 -o 应为文件夹\n",
        ),
    ]
    for args, expected in cases:
        code, stdout, stderr = invoke(*args)
        assert (code, stdout, stderr) == (2, "", expected), args
    assert a_file.read_bytes() == b"x"


def test_cli_output_folder_gets_a_default_name(tmp_path: Path) -> None:
    code, stdout, _ = invoke(
        "template", "-o", str(tmp_path), "--year", "2019", "--standard", str(STANDARD_2018)
    )
    assert code == 0
    assert stdout == f"{tmp_path / '2019-党群服务中心建设和管理标准-检查表.xlsx'}\n"


@pytest.mark.parametrize(
    ("text", "stem"),
    [
        ("GM-001-朝阳社区", "GM-001-朝阳社区"),
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
        ("../../x", "_._x"),
        ("...", "检查表"),
        ("  .hidden ", "hidden"),
        ("~$lock", "lock"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("Com1", "_Com1"),
        ("a\x00b\x1fc\u202ed\u200be", "abcde"),
        ("行\n一\u2028二", "行一 二"),
        ("名" * 200, "名" * 60),
        ("x" * 200, "x" * 80),
    ],
)
def test_safe_file_stem(text: str, stem: str) -> None:
    assert safe_file_stem(text) == stem


# ---------------------------------------------------------------- the second standard


def library() -> Standard:
    if not LIBRARY_STANDARD.exists():
        pytest.skip(f"{LIBRARY_STANDARD} is not there yet (written with the generic-standard tests)")
    return load_standard(LIBRARY_STANDARD)


def test_second_standard_round_trip(tmp_path: Path) -> None:
    from tests.library_builders import FORM, perfect_library, set_field

    standard = library()
    template = write_template(standard, tmp_path / "lib.xlsx")
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["填表说明", *(s.name for s in standard.layout)]
    zones = [wb["功能分区"].cell(r, 1).value for r in range(3, 7)]
    assert zones == ["少儿阅读区", "报刊阅览区", "电子阅览区", "自习区"]
    assert validations(wb[FORM])["D14"].formula1 == '"达标,未达标"'  # the standard's own yes/no words

    untouched = audit_file(standard, template, 2021)
    assert statuses(untouched) == {
        "L1.1": "missing",
        "L1.2": "missing",
        "L1.3": "missing",
        "L1.4": "missing",
        "L1.5": "missing",
        "L2.1": "missing",
        "L2.2": "missing",
        "L2.3": "missing",
        "L2.4": "missing",
        "L3.1": "missing",
        "L3.2": "missing",
        "L3.3": "fail",
        "L3.4": "missing",
        "L3.5": "fail",
        "L3.6": "missing",
        "LB.1": "fail",
        "LV.1": "missing",
    }
    assert untouched.grade == "D"

    for sheets in (perfect_library(), _library_defects(perfect_library(featured=1), set_field)):
        filled = audit_file(standard, fill(template, standard, sheets, tmp_path / "filled.xlsx"))
        plain = audit_file(standard, write_workbook(tmp_path / "plain.xlsx", sheets))
        assert scores(filled) == scores(plain)
    assert (filled.grade, filled.veto, str(filled.base)) == ("D", True, "83.0")


def _library_defects(sheets: Sheets, set_field: Callable[[Sheets, str, Any], None]) -> Sheets:
    set_field(sheets, "藏书总量(册)", 1000)
    sheets["功能分区"][2][1] = "未达标"
    drop_rows(sheets, "读书活动", lambda r: r[1] == "读书会" and r[0].month in (1, 2, 3))
    drop_rows(sheets, "开放日志", lambda r: r[0].month < 4)
    set_field(sheets, "馆藏出版物合规", "未达标")  # veto
    return sheets


# ---------------------------------------------------------------- LibreOffice


def soffice_convert(source: Path, out_dir: Path, profile: Path) -> Path:
    soffice = shutil.which("soffice")
    assert soffice is not None
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = out_dir / source.name
    assert converted.exists()
    return converted


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_and_saves_the_template(std: Standard, tmp_path: Path) -> None:
    (tmp_path / "lo").mkdir()
    blank = write_template(std, tmp_path / "blank.xlsx", year=2018)
    filled = fill(blank, std, defects_2018(), tmp_path / "filled.xlsx")
    converted_blank = soffice_convert(blank, tmp_path / "lo", tmp_path / "profile")
    converted_filled = soffice_convert(filled, tmp_path / "lo", tmp_path / "profile")
    assert statuses(audit_file(std, converted_blank)) == UNTOUCHED_2018
    assert scores(audit_file(std, converted_filled)) == scores(audit_file(std, filled))
    wb = openpyxl.load_workbook(converted_blank)
    assert wb.sheetnames == ["填表说明", *LAYOUT_2018]
    assert validations(wb["基本信息"])["D6"].formula1 == '"市级,街道,社区,园区"'
    assert wb["基本信息"].protection.sheet


def test_dates_typed_as_a_person_would(std: Standard, tmp_path: Path) -> None:
    """A date typed in a template date cell keeps the yyyy-mm-dd format and reads as a date."""
    template = write_template(std, tmp_path / "t.xlsx", year=2018)
    wb = openpyxl.load_workbook(template)
    wb["基本信息"]["D8"] = dt.date(2018, 12, 20)
    wb.save(template)
    assert audit_file(std, template).date == "2018-12-20"


def test_self_assessment_lists_title_and_points_and_validates_the_score(std: Standard) -> None:
    ws = build_template(std, year=2018)["自评得分"]
    assert [c.value for c in ws[2]][:4] == ["条款编号", "自评分", "条款名称", "满分"]
    scored = [c for c in std.clauses if c.kind != "veto"]
    for i, clause in enumerate(scored, start=3):
        assert (ws.cell(i, 1).value, ws.cell(i, 3).value) == (clause.id, clause.title)
        assert ws.cell(i, 4).value == float(clause.points)
        assert ws.cell(i, 3).protection.locked and ws.cell(i, 4).protection.locked
    found = validations(ws)
    by_cell = {cell: dv for ref, dv in found.items() for cell in ref.split()}
    first = by_cell["B3"]  # 1.1: 12 points
    assert (first.type, first.formula1, first.formula2) == ("decimal", "0", "12")
    bonus = by_cell[f"B{3 + [c.id for c in scored].index('B.1')}"]
    assert (bonus.formula1, bonus.formula2) == ("0", "3")  # a bonus: up to its cap
    assert "请输入0到12之间的分数" in first.error
    below = next(dv for ref, dv in found.items() if ref.startswith(f"B{3 + len(scored)}:"))
    assert below.formula1 == "0"  # rows a person adds below: never negative


def test_dates_within_the_audit_year_and_no_negative_numbers(std: Standard) -> None:
    wb = build_template(std, year=2019)
    dates = validations(wb["活动记录"])["A3:A10000"]
    assert (dates.type, dates.formula1, dates.formula2) == (
        "date",
        "43466",
        "43830",
    )  # 2019-01-01 .. 2019-12-31
    counts = validations(wb["活动记录"])["D3:D10000"]
    assert (counts.type, counts.formula1) == ("whole", "0")


def test_inspection_team_fields_explained(std: Standard) -> None:
    ws = build_template(std)["填表说明"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "浅橙底色的栏目（检查日期、检查组组长、发现弄虚作假）由考核组在检查时填写，中心不要填写。" in text


def test_instructions_repeat_their_table_header_on_each_page(std: Standard) -> None:
    ws = build_template(std)["填表说明"]
    headers = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value in ("条款", "工作表")]
    breaks = [b.id for b in ws.row_breaks.brk]
    assert len(breaks) >= 2
    for b in breaks:  # every page break inside a table is followed by the table's header
        assert b + 1 in headers, b

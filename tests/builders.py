"""Small workbooks for tests: sheets as lists of rows, written with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

from auditor.engine import AuditOptions
from auditor.result import CenterResult

Sheets = dict[str, list[list[Any]]]
ROOT = Path(__file__).resolve().parent.parent
STANDARD_2018 = ROOT / "standards" / "dqfwzx-2018.yaml"
NO_HINTS = AuditOptions(hints=False)
GM01 = next((ROOT / "samples" / "2018").glob("GM-01-*.xlsx"))


def scored(center: CenterResult) -> list[tuple[str, str, object]]:
    """Each clause's id, status and points: what two readings of one center are compared by."""
    return [(c.id, c.status, c.earned) for c in center.clauses]


SIX_SIGNS = ["党徽标识", "党旗规格", "版面色调", "主题标语", "门牌外观", "导览说明"]
EIGHT_RULES = ["调研联络", "工作会商", "联席会议", "登记受理", "报告总结", "信息工作", "工作纪实", "考核评价"]
SIX_POSTS = [
    "咨询接待岗",
    "党员党组织管理岗",
    "区域化党建联络岗",
    "党群带建服务岗",
    "党群志愿服务岗",
    "综合事务管理岗",
]
SIX_TEAMS = ["党组织书记", "党建管理员", "党建工作指导员", "第一书记", "党建研究会", "社区党组织书记研究会"]
SEVEN_SERVICES = [
    "党员教育管理",
    "党员学习活动",
    "党员志愿服务",
    "党务综合服务",
    "党史知识教育",
    "党内关爱帮扶",
    "社情民意沟通",
]


def write_workbook(path: Path, sheets: Sheets) -> Path:
    wb = openpyxl.Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for line in ws.iter_rows():
            for cell in line:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text typed by a person, not a formula
    wb.save(path)
    return path


def weekdays(year: int) -> list[dt.date]:
    day, days = dt.date(year, 1, 1), []
    while day.year == year:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def full_center(year: int = 2018, kind: str = "社区", featured: int = 0) -> Sheets:
    """A center that meets every clause of the 2018 standard (score 100 before bonus)."""
    info: list[list[Any]] = [
        ["中心名称", "测试社区党群服务中心"],
        ["中心编号", "T-01"],
        ["所属镇街", "醴泉街道"],
        ["中心类型", kind],
        ["检查年度", year],
        ["检查日期", dt.date(year, 12, 20)],
        ["检查组组长", "王组长"],
        ["财政列支经费(万元)", 5],
        ["党费补助经费(万元)", 1.5],
        ["步行可达时间(分钟)", 12],
        ["活动场所向群众无偿开放", "是"],
        ["镇街工作人员总数", 40 if kind == "街道" else None],
        ["下沉社区工作人员数", 24 if kind == "街道" else None],
        ["服务项目清单公开", "是"],
        ["开展双诺双述双评", "是"],
        ["推行党员积分制管理", "是"],
        ["发现弄虚作假", "否"],
    ]
    services: list[list[Any]] = [["事项名称", "类别", "年度开展次数", "备注"]] + [
        [s, "基本", 3, None] for s in SEVEN_SERVICES
    ]
    services += [[f"特色服务{i + 1}", "特色", 2, None] for i in range(featured)]
    activities: list[list[Any]] = [["日期", "活动类型", "主题", "参加人数", "记录人"]]
    activities += [[dt.date(year, m, 10), "支部生活日", "学习", 20, "李"] for m in range(1, 13)]
    activities += [[dt.date(year, m, 20), "志愿服务", "清扫", 10, "李"] for m in (3, 6, 9, 12)]
    inspections: list[list[Any]] = [["日期", "类型", "督查人", "发现问题"]]
    inspections += [[dt.date(year, m, 15), "月指导", "赵", "无"] for m in range(1, 13)]
    inspections += [[dt.date(year, m, 25), "季督查", "钱", "无"] for m in (2, 5, 8, 11)]
    return {
        "基本信息": info,
        "外观标识": [["项目", "是否达标", "备注"]] + [[s, "是", None] for s in SIX_SIGNS],
        "制度机制": [["制度名称", "是否建立", "是否有执行记录", "备注"]]
        + [[r, "是", "是", None] for r in EIGHT_RULES],
        "人员岗位": [["姓名", "岗位", "专兼职", "是否参加党务培训", "备注"]]
        + [[f"员工{i}", p, "专职" if i < 3 else "兼职", "是", None] for i, p in enumerate(SIX_POSTS)],
        "服务队伍": [["队伍名称", "负责人", "人数", "台账动态更新", "备注"]]
        + [[t, "张", 5, "是", None] for t in SIX_TEAMS],
        "服务事项": services,
        "活动记录": activities,
        "督查记录": inspections,
        "值班记录": [["日期", "值班人"]] + [[d, "值班员"] for d in weekdays(year)],
        "服务台账": [["受理日期", "服务事项", "群众姓名", "联系电话", "首问责任人", "办结日期", "处理反馈"]]
        + [
            [
                dt.date(year, 1 + i % 12, 5),
                "咨询",
                f"居民{i}",
                f"1380000{i:04d}",
                "孙",
                dt.date(year, 1 + i % 12, 8),
                "已办",
            ]
            for i in range(20)
        ],
        "满意度测评": [["问卷编号", "评价"]] + [[f"Q{i}", "满意"] for i in range(40)],
    }


def set_field(sheets: Sheets, label: str, value: Any) -> None:
    for row in sheets["基本信息"]:
        if row[0] == label:
            row[1] = value
            return
    raise KeyError(label)


def drop_rows(sheets: Sheets, sheet: str, predicate: Any) -> None:
    header, *rows = sheets[sheet]
    sheets[sheet] = [header, *[r for r in rows if not predicate(r)]]

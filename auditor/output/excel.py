"""The year-end acceptance report (one workbook per center) and the ranked summary workbook.

Every number comes from the same CenterResult that `audit check --format json` prints, rounded
the same way. Text that came from a workbook is written as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from auditor.output.files import strip_control
from auditor.output.wording import STATUS_WORDS, clause_points_text, points_text
from auditor.result import CenterResult, ClauseResult, FileError, grade_counts
from auditor.standard.model import Clause, Standard, round_half_up

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "等线"
NUMBER_FORMAT = "0.0#"
STATUS_FILL = {
    "pass": "E2EFDA",
    "partial": "FFF2CC",
    "fail": "F8CBAD",
    "missing": "E4DFEC",
    "not_applicable": "EDEDED",
    "waived": "DDEBF7",
    "error": "FF9999",
}


def clause_label(standard: Standard) -> str:
    return standard.self_assessment.clause if standard.self_assessment else "条款"


def score_columns(standard: Standard) -> list[str]:
    self_label = standard.self_assessment.score if standard.self_assessment else "自评"
    return [
        clause_label(standard),
        "考核内容",
        "考核标准(分值)",
        "扣分/加分情况",
        "考核办法",
        self_label,
        "考核分",
        "状态",
        "证据位置",
    ]


def report_title(standard: Standard, year: int | None) -> str:
    template = standard.report_title or "{year}年度验收报告"
    return template.replace("{year}", str(year) if year else "")


def two(value: Fraction) -> float:
    return float(round_half_up(value, 2))


def text(value: object) -> str:
    return strip_control(str(value)) if value is not None else ""


def put(
    ws: Worksheet,
    row: int,
    column: int,
    value: str | int | float | Decimal | None,
    *,
    bold: bool = False,
    number_format: str | None = None,
    fill: str | None = None,
    wrap: bool = False,
    align: str | None = None,
    size: int | None = None,
) -> Any:
    """Write one cell. Strings are always text (a leading '=' never becomes a formula)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = strip_control(value)
        cell.data_type = "s"
    elif isinstance(value, Decimal):
        cell.value = float(value)
    else:
        cell.value = value
    _style(ws, cell, (bold, size or 11, number_format, fill, wrap, align))
    return cell


StyleKey = tuple[bool, int, str | None, str | None, bool, str | None]


def _style(ws: Worksheet, cell: Any, key: StyleKey) -> None:
    """Apply a style, built once per workbook and then copied (openpyxl's style objects are slow to
    compare and register; copying the registered style ids of a cell styled before is not)."""
    import copy

    cache: dict[StyleKey, Any] = ws.parent.__dict__.setdefault("_audit_styles", {})
    known = cache.get(key)
    if known is not None:
        cell._style = copy.copy(known)
        return
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, size, number_format, fill, wrap, align = key
    cell.font = Font(name=FONT_NAME, bold=bold, size=size)
    if number_format:
        cell.number_format = number_format
    if fill:
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    cell.alignment = Alignment(wrap_text=wrap, vertical="center", horizontal=align)
    cache[key] = copy.copy(cell._style)


def _print_setup(ws: Worksheet, landscape: bool, title_rows: str | None = None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        ws.print_title_rows = title_rows
    if ws.oddFooter is not None and ws.oddFooter.center is not None:
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    """Set column widths, then row heights that fit wrapped text (LibreOffice and WPS do not refit them)."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows():
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or cell.column > len(widths):
                continue
            if not (cell.alignment is not None and cell.alignment.wrap_text):
                continue
            width = widths[cell.column - 1]
            text_width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in cell.value)
            lines = max(lines, -(-text_width // max(int(width) - 3, 1)))
        if lines > 1 and row[0].row is not None:
            ws.row_dimensions[row[0].row].height = 15 * lines + 2


def _header(ws: Worksheet, row: int, names: Sequence[str]) -> None:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="999999")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    for col, name in enumerate(names, start=1):
        cell = put(ws, row, col, name, bold=True, fill="D9E1F2", align="center", wrap=True)
        cell.border = border


def standard_text(clause: Clause) -> str:
    return clause_points_text(clause)


def situation(result: ClauseResult) -> str:
    """扣分/加分情况 in plain Chinese, from the findings (and the gap to the self-assessed score)."""
    text = _situation(result)
    if result.self_score is not None and result.kind != "veto" and result.status != "not_applicable":
        gap = two(result.earned) - float(result.self_score)
        if abs(gap) >= 0.005:
            text += f"（自评{points_text(result.self_score)}分，考核分{'高' if gap > 0 else '低'}{points_text(round(abs(gap), 2))}分）"
    return text


def _situation(result: ClauseResult) -> str:
    problems = [f.message for f in result.findings if f.kind != "note"]
    notes = [f.message for f in result.findings if f.kind == "note"]
    if result.status == "not_applicable":
        return "本中心不适用此条"
    if result.kind == "veto":
        if result.status == "fail":
            return "触发一票否决：" + "；".join(problems)
        return "；".join(problems) if problems else "未触发"
    if result.kind == "bonus":
        earned = two(result.earned)
        head = f"加{points_text(earned)}分" if earned else "未加分"
        return "；".join([head, *problems, *notes])
    lost = two(result.lost)
    if not lost and not problems:
        return "；".join(["达标", *notes])
    head = f"扣{points_text(lost)}分" if lost else "不扣分"
    return head + "：" + "；".join([*problems, *notes])


def locations(result: ClauseResult) -> str:
    return "、".join(dict.fromkeys(f.location for f in result.findings if f.location))


def _clauses_by_id(standard: Standard) -> dict[str, Clause]:
    return {c.id: c for c in standard.clauses}


def _first_sheet(wb: Workbook) -> Worksheet:
    from openpyxl.worksheet.worksheet import Worksheet

    ws = wb.active
    assert isinstance(ws, Worksheet)
    return ws


def _cover(wb: Workbook, standard: Standard, center: CenterResult, year: int | None) -> None:
    ws = _first_sheet(wb)
    ws.title = "封面"
    put(ws, 1, 1, report_title(standard, year), bold=True, size=16, align="center")
    ws.merge_cells("A1:B1")
    labels = standard.center
    rows: list[tuple[str, str | Decimal]] = [
        (labels.name, center.name or ""),
        (labels.id, center.center_id or ""),
        *[
            (label, value or "")
            for label, value in (
                (labels.type, center.type),
                (labels.district, center.district),
                (labels.date, center.date),
                (labels.leader, center.leader),
            )
            if label
        ],
        ("考核得分", center.score),
        ("基础分", center.base),
        ("加分", center.bonus),
        ("等级", center.grade),
        ("一票否决", "是：" + "、".join(center.veto_reasons) if center.veto else "否"),
        ("考核标准", f"{standard.title}（{standard.issuer}，版本 {standard.version}）"),
        ("工作簿", center.file),
    ]
    for i, (label, value) in enumerate(rows, start=3):
        put(ws, i, 1, label, bold=True)
        fmt = "0.0" if isinstance(value, Decimal) else None
        put(ws, i, 2, value, number_format=fmt, wrap=True, align="left")
        ws.row_dimensions[i].height = 22
    row = len(rows) + 5
    for label in standard.report_signatures or ("签字", "日期"):
        put(ws, row, 1, f"{label}：", bold=True)
        put(ws, row, 2, "")
        row += 2
    _widths(ws, [18, 70])
    _print_setup(ws, landscape=False)


def _score_sheet(wb: Workbook, standard: Standard, center: CenterResult) -> None:
    ws = wb.create_sheet("评分表")
    put(ws, 1, 1, f"{center.name or ''} 考核评分表", bold=True, size=14)
    _header(ws, 2, score_columns(standard))
    _clauses_by_id(standard)
    results = {r.id: r for r in center.clauses}
    row = 3
    for part in standard.parts:
        put(ws, row, 1, part.id, bold=True, fill="F2F2F2")
        put(ws, row, 2, part.title, bold=True, fill="F2F2F2")
        part_row = row
        row += 1
        earned, maximum, self_total, has_self = Fraction(0), Fraction(0), Decimal(0), False
        for clause in part.clauses:
            r = results[clause.id]
            put(ws, row, 1, clause.id)
            put(
                ws,
                row,
                2,
                f"{clause.title}：{clause.requirement}" if clause.requirement else clause.title,
                wrap=True,
            )
            put(ws, row, 3, standard_text(clause), wrap=True)
            put(ws, row, 4, situation(r), wrap=True)
            put(ws, row, 5, clause.method)
            if r.self_score is not None:
                put(ws, row, 6, r.self_score, number_format=NUMBER_FORMAT)
                self_total += r.self_score
                has_self = True
            if clause.kind != "veto" and r.status != "not_applicable":
                put(ws, row, 7, two(r.earned), number_format=NUMBER_FORMAT)
                earned += r.earned
                maximum += r.max if clause.kind == "scored" else 0
            put(ws, row, 8, STATUS_WORDS[r.status], fill=STATUS_FILL[r.status], align="center")
            put(ws, row, 9, locations(r), wrap=True)
            row += 1
        if part.points:
            put(
                ws,
                part_row,
                3,
                f"{points_text(part.points)}分（适用 {points_text(two(maximum))}）",
                fill="F2F2F2",
            )
        if any(c.kind != "veto" for c in part.clauses):
            put(ws, part_row, 4, "小计", bold=True, fill="F2F2F2")
            if has_self:
                put(ws, part_row, 6, self_total, number_format=NUMBER_FORMAT, bold=True, fill="F2F2F2")
            put(ws, part_row, 7, two(earned), number_format=NUMBER_FORMAT, bold=True, fill="F2F2F2")
    put(ws, row, 1, "合计", bold=True)
    put(
        ws,
        row,
        2,
        f"基础分 = {points_text(two(center.earned))} / {points_text(two(center.applicable_max))} × 100 = {center.base}；"
        f"加分 {center.bonus}；最终得分不超过100",
        wrap=True,
    )
    put(ws, row, 7, center.score, number_format="0.0", bold=True)
    put(ws, row, 8, center.grade, bold=True, align="center")
    _widths(ws, [9, 42, 14, 52, 11, 8, 9, 10, 22])
    ws.freeze_panes = "A3"
    _print_setup(ws, landscape=True, title_rows="2:2")


def remediation_items(
    standard: Standard, center: CenterResult
) -> list[tuple[ClauseResult, Clause, Fraction]]:
    """Clauses short of full points, most recoverable points first (vetoes first of all)."""
    clauses = _clauses_by_id(standard)
    items = []
    for r in center.clauses:
        clause = clauses[r.id]
        if r.status in ("not_applicable", "pass", "waived"):
            continue
        if r.kind == "veto" and r.status == "pass":
            continue
        if r.kind == "bonus" and r.status != "error":
            continue
        items.append((r, clause, r.lost))
    order = {c.id: i for i, c in enumerate(standard.clauses)}
    return sorted(items, key=lambda t: (t[0].kind != "veto", -t[2], order[t[0].id]))


def _remediation_sheet(wb: Workbook, standard: Standard, center: CenterResult) -> None:
    ws = wb.create_sheet("整改清单")
    put(ws, 1, 1, f"{center.name or ''} 整改清单（按可挽回分值排序）", bold=True, size=14)
    _header(ws, 2, ["序号", clause_label(standard), "条款", "存在问题", "证据位置", "整改建议", "可挽回分值"])
    for i, (r, clause, lost) in enumerate(remediation_items(standard, center), start=1):
        row = i + 2
        put(ws, row, 1, i)
        put(ws, row, 2, r.id)
        put(ws, row, 3, r.title, wrap=True)
        put(ws, row, 4, situation(r), wrap=True)
        put(ws, row, 5, locations(r), wrap=True)
        put(ws, row, 6, clause.remediation, wrap=True)
        if r.kind == "veto":
            put(ws, row, 7, "一票否决")
        else:
            put(ws, row, 7, two(lost), number_format=NUMBER_FORMAT)
    _widths(ws, [6, 9, 24, 56, 22, 40, 11])
    ws.freeze_panes = "A3"
    _print_setup(ws, landscape=True, title_rows="2:2")


def part_scores(standard: Standard, center: CenterResult) -> list[tuple[str, Fraction, Fraction]]:
    """(part title, earned, applicable max) of every part that carries base points."""
    results = {r.id: r for r in center.clauses}
    rows = []
    for part in standard.parts:
        scored = [results[c.id] for c in part.clauses if c.kind == "scored"]
        if not scored:
            continue
        applicable = [r for r in scored if r.status != "not_applicable"]
        rows.append(
            (
                f"{part.id} {part.title}",
                sum((r.earned for r in applicable), Fraction(0)),
                sum((r.max for r in applicable), Fraction(0)),
            )
        )
    return rows


def _parts_sheet(wb: Workbook, standard: Standard, center: CenterResult) -> None:
    from openpyxl.chart import BarChart, Reference

    ws = wb.create_sheet("分项得分")
    _header(ws, 1, ["部分", "满分（适用）", "得分", "得分率"])
    rows = part_scores(standard, center)
    for i, (title, earned, maximum) in enumerate(rows, start=2):
        put(ws, i, 1, title)
        put(ws, i, 2, two(maximum), number_format=NUMBER_FORMAT)
        put(ws, i, 3, two(earned), number_format=NUMBER_FORMAT)
        put(ws, i, 4, float(round_half_up(earned / maximum, 4)) if maximum else 0.0, number_format="0.0%")
    chart = BarChart()
    chart.type = "col"
    chart.title = "分项得分与满分"
    chart.y_axis.title = "分"
    data = Reference(ws, min_col=2, max_col=3, min_row=1, max_row=len(rows) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(rows) + 1))
    chart.width, chart.height = 18, 9
    ws.add_chart(chart, "F2")
    _widths(ws, [22, 14, 10, 10])
    _print_setup(ws, landscape=True)


def center_workbook(standard: Standard, center: CenterResult, year: int | None) -> Workbook:
    from openpyxl import Workbook

    wb = Workbook()
    _cover(wb, standard, center, year)
    _score_sheet(wb, standard, center)
    _remediation_sheet(wb, standard, center)
    _parts_sheet(wb, standard, center)
    return wb


def ranked(centers: Sequence[CenterResult]) -> list[CenterResult]:
    return sorted(centers, key=lambda c: (-c.score, c.center_id or "", c.file))


def clause_rates(standard: Standard, centers: Sequence[CenterResult]) -> list[dict[str, Any]]:
    rows = []
    for index, clause in enumerate(standard.clauses):
        results = [c.clauses[index] for c in centers]
        applicable = [r for r in results if r.status != "not_applicable"]
        if clause.kind == "veto":
            full = sum(1 for r in applicable if r.status == "pass")
            none = sum(1 for r in applicable if r.status == "fail")
            partial = 0
        else:
            full = sum(1 for r in applicable if r.max and r.earned >= r.max)
            none = sum(1 for r in applicable if r.earned == 0)
            partial = len(applicable) - full - none
        average = (
            sum((r.earned for r in applicable), Fraction(0)) / len(applicable) if applicable else Fraction(0)
        )
        rows.append(
            {
                "id": clause.id,
                "title": clause.title,
                "max": clause.points,
                "kind": clause.kind,
                "full": full,
                "partial": partial,
                "none": none,
                "na": len(results) - len(applicable),
                "average": average,
                "rate": Fraction(full, len(applicable)) if applicable else Fraction(0),
            }
        )
    return rows


def summary_workbook(
    standard: Standard, centers: Sequence[CenterResult], errors: Sequence[FileError], year: int | None
) -> Workbook:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    wb = Workbook()
    ws = _first_sheet(wb)
    ws.title = "汇总"
    put(ws, 1, 1, f"{year or ''}年度党群服务中心验收结果汇总", bold=True, size=14)
    labels = standard.center
    names = [
        "排名",
        labels.id,
        labels.name,
        labels.type or "类型",
        labels.district or "所属地区",
        "得分",
        "等级",
        "一票否决",
    ]
    _header(ws, 2, names)
    for i, center in enumerate(ranked(centers), start=1):
        row = i + 2
        put(ws, row, 1, i)
        put(ws, row, 2, center.center_id or "")
        put(ws, row, 3, center.name or center.file)
        put(ws, row, 4, center.type or "")
        put(ws, row, 5, center.district or "")
        put(ws, row, 6, center.score, number_format="0.0")
        put(ws, row, 7, center.grade, fill="F8CBAD" if center.grade == standard.veto_grade else None)
        put(ws, row, 8, "是：" + "、".join(center.veto_reasons) if center.veto else "否")
    counts = grade_counts(standard, centers)
    start = len(centers) + 5
    _header(ws, start - 1, ["等级", "中心数"])
    for i, (grade, count) in enumerate(counts.items()):
        put(ws, start + i, 1, grade)
        put(ws, start + i, 2, count)
    chart = BarChart()
    chart.type = "col"
    chart.title = "等级分布"
    chart.add_data(
        Reference(ws, min_col=2, min_row=start - 1, max_row=start + len(counts) - 1), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=start, max_row=start + len(counts) - 1))
    chart.legend = None
    ws.add_chart(chart, "J2")
    _widths(ws, [6, 10, 34, 8, 14, 8, 8, 22])
    ws.freeze_panes = "A3"
    _print_setup(ws, landscape=True, title_rows="2:2")

    rates = wb.create_sheet("条款达标率")
    _header(
        rates,
        1,
        [
            clause_label(standard),
            "条款",
            "分值",
            "全部得分",
            "部分得分",
            "未得分",
            "不适用",
            "平均得分",
            "达标率",
        ],
    )
    for i, r in enumerate(clause_rates(standard, centers), start=2):
        put(rates, i, 1, r["id"])
        put(rates, i, 2, r["title"])
        put(
            rates,
            i,
            3,
            "一票否决" if r["kind"] == "veto" else float(r["max"]),
            number_format=NUMBER_FORMAT if r["kind"] != "veto" else None,
        )
        for col, key in ((4, "full"), (5, "partial"), (6, "none"), (7, "na")):
            put(rates, i, col, r[key])
        put(rates, i, 8, two(r["average"]), number_format=NUMBER_FORMAT)
        put(rates, i, 9, float(round_half_up(r["rate"], 4)), number_format="0.0%")
    _widths(rates, [9, 30, 8, 10, 10, 8, 8, 10, 9])
    rates.freeze_panes = "A2"
    _print_setup(rates, landscape=True, title_rows="1:1")

    errs = wb.create_sheet("错误")
    _header(errs, 1, ["文件", "原因"])
    for i, error in enumerate(errors, start=2):
        put(errs, i, 1, error.file)
        put(errs, i, 2, error.message, wrap=True)
    _widths(errs, [60, 60])
    _print_setup(errs, landscape=True, title_rows="1:1")
    return wb

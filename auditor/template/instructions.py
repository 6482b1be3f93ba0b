"""The template's first sheet, 填表说明: how to fill the workbook in, every clause with what it reads,
its method and its points, every field and column with what it accepts, and the long dropdown lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from auditor.output.wording import TEMPLATE_WORDS
from auditor.output.xlkit import column_widths, header_row, page_room, write
from auditor.standard.model import Clause, Standard
from auditor.template.hints import clause_points, hint_parts, plain_number
from auditor.template.sheets import Context, center_name
from auditor.template.styles import (
    FIRST_ROW,
    FORM_HEADERS,
    HEADER_ROW,
    REQUIRED_MARK,
    page_setup,
    protect_sheet,
    row_height,
)
from auditor.workbook.values import normalize_label

if TYPE_CHECKING:
    from openpyxl import Workbook

INSTRUCTIONS = "填表说明"
HEADER_HEIGHT = 20.0


def instructions_name(standard: Standard) -> str:
    """The instructions sheet's name, distinct from every layout sheet (as the reader compares names)."""
    taken = {normalize_label(s.name).casefold() for s in standard.layout}
    name = INSTRUCTIONS
    for candidate in (INSTRUCTIONS, f"{INSTRUCTIONS}(模板)", "模板填表说明"):
        if normalize_label(candidate).casefold() not in taken:
            return candidate
    n = 2
    while normalize_label(f"{name}{n}").casefold() in taken:
        n += 1
    return f"{name}{n}"


def _grades_text(standard: Standard) -> str:
    grades = "、".join(f"{g.name}≥{plain_number(g.min)}分" for g in standard.grades)
    lowest = plain_number(standard.grades[-1].min) if standard.grades else 0
    return f"满分{plain_number(standard.total)}分；等级：{grades}；低于{lowest}分或触发一票否决为{standard.veto_grade}。"


def _reads_text(clause: Clause) -> str:
    by_sheet: dict[str, list[str]] = {}
    for sheet, column in clause.check.reads():
        by_sheet.setdefault(sheet, []).append(column)
    return "\n".join(f"{sheet}：{'、'.join(columns)}" for sheet, columns in by_sheet.items())


def _check_text(clause: Clause) -> str:
    text = clause.check.describe()
    for rule in clause.applies_when:
        text += f"\n（仅当 {rule.condition.describe()} 时适用）"
    return text


def _instruction_lines(ctx: Context, sheet_name: str) -> list[str]:
    standard = ctx.standard
    forms = [s.name for s in standard.layout if s.kind == "form"]
    tables = [s.name for s in standard.layout if s.kind == "table"]
    optional = [s.name for s in standard.layout if s.optional]
    pii = [f"{s.name}：{f.name}" for s in standard.layout for f in s.fields if f.pii]
    names = "、".join(s.name for s in standard.layout)
    yes, no = standard.yes_words[0], standard.no_words[0]
    lines = [
        f"本工作簿按《{standard.title}》（{standard.issuer}，版本 {standard.version}）生成，"
        f"除本表外共 {len(standard.layout)} 张表：{names}。请逐表填写，不要改动工作表的名称。",
    ]
    if forms:
        lines.append(
            f"表单（{'、'.join(forms)}）：在“{FORM_HEADERS[3]}”列填写，不要改动“{FORM_HEADERS[2]}”列的文字，"
            f"也不要在“{FORM_HEADERS[3]}”右侧写字；标{REQUIRED_MARK}的是必填项；"
            f"“{FORM_HEADERS[1]}”列说明应填什么、哪些条款用到它。"
        )
    if tables:
        lines.append(
            f"表格（{'、'.join(tables)}）：第{HEADER_ROW}行是表头，请勿改动表头文字；自第{FIRST_ROW}行起"
            "每行填写一条记录，行数不够可继续往下填或插入行，空行会被忽略；可在右侧加列自用，不影响计分。"
        )
    if ctx.fixed_sheets:
        lines.append(
            f"灰底格子是预先填好的固定名称（{'、'.join(ctx.fixed_sheets)}），请不要修改，"
            "只需在同一行填写其余各栏；缺少的请照样补行。"
        )
    lines.append(
        f"有下拉箭头的格子请从列表中选择（如 {yes}/{no}）；日期按 {ctx.year}-03-05 的格式填写；"
        "数字栏只填数字，单位见栏目名称或填写说明。选中格子时会显示填写提示。"
    )
    if optional:
        lines.append(f"{'、'.join(optional)}为可选表，可以不填。")
    inspectors = [f.name for s in standard.layout for f in s.fields if f.filled_by == "inspectors"]
    if inspectors:
        lines.append(TEMPLATE_WORDS["inspectors_line"].format(fields="、".join(inspectors)))
    if pii:
        lines.append(f"个人信息栏目（{'、'.join(pii)}）只用于核查，不会出现在任何报告或导出结果中。")
    if ctx.protected:
        lines.append(
            f"为防误改，{'、'.join(ctx.protected)}已设保护（无密码），只能在留给填写的格子里输入；"
            "确需修改可用“审阅 → 撤销工作表保护”解除。"
        )
    lines.append(_grades_text(standard))
    lines.append(
        f"填好后保存为 .xlsx，运行 audit check 文件名.xlsx 即可查看得分和整改清单（本表“{sheet_name}”不参与计分）。"
    )
    return lines


def instructions_sheet(wb: Workbook, name: str, ctx: Context) -> None:

    st, standard = ctx.styles, ctx.standard
    ws = wb.create_sheet(name, 0)
    widths = [9.0, 24.0, 34.0, 50.0, 11.0, 13.0]
    ncols = len(widths)
    column_widths(ws, widths, fit_rows=False)
    full = sum(widths)
    row = 1
    room = page_room(widths, landscape=full > 100) * 0.96
    used = 0.0
    table_header: list[str] = []  # the header of the table being written (repeated on each new page)

    def account(height: float) -> None:
        nonlocal used
        used += height

    def merged(
        text: str, font: Any, fill: Any = None, height: float | None = None, section: bool = False
    ) -> None:
        nonlocal row, used, table_header
        if section:
            table_header = []
        need = height or row_height([(text, full)]) or 18
        if table_header and used + need + 30 > room:  # a part heading never ends a page
            from openpyxl.worksheet.pagebreak import Break

            ws.row_breaks.append(Break(id=row - 1))
            used = 0.0
            header(table_header)
        cell = ws.cell(row, 1)
        write(cell, text, blank_if_empty=True)
        cell.font, cell.alignment = font, st.wrap
        if fill is not None:
            cell.fill = fill
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
        ws.row_dimensions[row].height = height or row_height([(text, full)]) or 18
        account(float(ws.row_dimensions[row].height or 18))
        row += 1

    def header(texts: Sequence[str]) -> None:
        nonlocal row, table_header
        header_row(ws, row, texts, st.header)
        table_header = list(texts)
        account(HEADER_HEIGHT)
        ws.row_dimensions[row].height = HEADER_HEIGHT
        row += 1

    def line(values: Sequence[object]) -> None:
        nonlocal row, used
        height = row_height([(str(v), w) for v, w in zip(values, widths, strict=False)]) or 15.0
        if used + height > room and table_header:  # a new page: the table's header again on top of it
            from openpyxl.worksheet.pagebreak import Break

            ws.row_breaks.append(Break(id=row - 1))
            used = 0.0
            header(table_header)
        for c, value in enumerate(values, 1):
            cell = ws.cell(row, c)
            write(cell, value, blank_if_empty=True)
            cell.font, cell.border = st.font, st.border
            cell.alignment = st.center if c == ncols else st.top
        ws.row_dimensions[row].height = height
        account(height)
        row += 1

    year_label = standard.center.year
    subtitle = f"{standard.issuer}　版本 {standard.version}"
    if ctx.given_year is not None:
        subtitle += f"　{year_label or '年度'}：{ctx.given_year}"
    name_text = center_name(ctx)
    if name_text:
        subtitle += f"　{name_text}"
    merged(f"{standard.title} — 检查表{INSTRUCTIONS}", st.title, st.title_fill, 30)
    merged(subtitle, st.hint)
    row += 1
    merged("一、怎样填写", st.bold, st.part_fill, section=True)
    for i, text in enumerate(_instruction_lines(ctx, name), 1):
        merged(f"{i}. {text}", st.font)
    row += 1
    account(15)
    merged("二、条款、所读栏目与分值", st.bold, st.part_fill, section=True)
    header(["条款", "名称", "读取的工作表：栏目", "检查内容", "考核办法", "分值"])
    for part in standard.parts:
        kinds = {c.kind for c in part.clauses}
        what = (
            "加分"
            if kinds == {"bonus"}
            else "一票否决"
            if kinds == {"veto"}
            else f"{plain_number(part.points)}分"
        )
        merged(f"{part.id}　{part.title}（{what}）", st.bold, st.part_fill, 20)
        for clause in part.clauses:
            line(
                [
                    clause.id,
                    clause.title,
                    _reads_text(clause),
                    _check_text(clause),
                    clause.method,
                    clause_points(clause),
                ]
            )
    row += 1
    account(15)
    merged("三、各表栏目的填写要求", st.bold, st.part_fill, section=True)
    header(["工作表", "栏目", "填写要求", "说明", "必填"])
    for sheet in standard.layout:
        for spec in sheet.fields:
            what, notes = hint_parts(standard, sheet, spec, ctx.readers, ctx.year)
            line([sheet.name, spec.name, what, "；".join(notes), REQUIRED_MARK if spec.required else ""])
            ws.cell(row - 1, 5).alignment = st.center
    if ctx.lists.pending:
        row += 1
        merged("四、下拉列表的选项（供数据验证引用，请勿修改）", st.bold, st.part_fill, section=True)
        for title, values in ctx.lists.pending:
            write(ws.cell(row, 1), title, blank_if_empty=True)
            ws.cell(row, 1).font = st.bold
            first = row
            for value in values:
                cell = ws.cell(row, 2)
                write(cell, value, blank_if_empty=True)
                cell.font, cell.border = st.font, st.border
                row += 1
            ctx.lists.refs.append(f"{_quote_sheet(name)}!$B${first}:$B${row - 1}")
        protect_sheet(ws, rows=False)
    ws.freeze_panes = None
    page_setup(ws, full, None)


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"

"""Hand-made ledgers (shared/spec/inspection-workbook.md, "Hand-made ledgers"): each pattern a clerk makes,
built on a full center and compared with its clean twin — the same score, plus a note naming each row that
is not counted."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from auditor.engine import audit_file
from auditor.result import CenterResult, ClauseResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from tests.builders import STANDARD_2018, Sheets, full_center, scored, set_field
from tests.hostile import convert, soffice


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


def write(path: Path, sheets: Sheets, merges: dict[str, list[str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    wb.save(path)
    return path


def run(
    std: Standard, tmp_path: Path, sheets: Sheets, merges: dict[str, list[str]] | None = None
) -> CenterResult:
    return audit_file(std, write(tmp_path / f"c{len(list(tmp_path.iterdir()))}.xlsx", sheets, merges))


def clause(center: CenterResult, cid: str) -> ClauseResult:
    return next(c for c in center.clauses if c.id == cid)


def notes(result: ClauseResult) -> list[tuple[str, str]]:
    return [(f.message, f.location) for f in result.findings if f.code == "row-skipped"]


@pytest.fixture(scope="module")
def clean(std: Standard, tmp_path_factory: pytest.TempPathFactory) -> CenterResult:
    return audit_file(std, write(tmp_path_factory.mktemp("clean") / "clean.xlsx", full_center()))


def test_the_clean_twin_scores_100(clean: CenterResult) -> None:
    assert str(clean.score) == "100.0"
    assert {c.status for c in clean.clauses if c.kind != "bonus"} == {"pass", "not_applicable"}


def test_a_footer_line_ends_the_table(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    sheets = full_center()
    sheets["服务台账"] += [
        [None] * 7,
        ["填表人：张三", None, None, None, "审核人：李四", None, "2018年12月20日"],
        ["备注：群众姓名已隐去", None, None, None, None, None, None],
    ]
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean) and center.score == clean.score
    assert notes(clause(center, "3.3")) == [
        ("第23行“填表人：张三”是表尾，此行及以下不计为记录", "服务台账!A23")
    ]
    assert notes(clause(center, "3.4")) == notes(clause(center, "3.3"))
    assert notes(clause(center, "1.1")) == []  # a clause on another sheet


@pytest.mark.parametrize(
    "line",
    [
        ["经办人：张三", None, None, None, "负责人：李四", None, None],
        ["填表人：张三", None, None, None, "审核人：李四", None, "2018年6月30日"],
        [None, "负责人：李四", None, None, None, None, None],
    ],
)
def test_a_signature_line_at_a_pages_end_does_not_end_the_table(
    std: Standard, tmp_path: Path, clean: CenterResult, line: list[Any]
) -> None:
    """A ledger printed a page a half year, signed under each page: the records below the signature count."""
    sheets = full_center()
    ledger = sheets["服务台账"]
    half = len(ledger) // 2
    sheets["服务台账"] = [*ledger[:half], line, *ledger[half:]]
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean) and center.score == clean.score
    shown = next(v for v in line if v)
    assert notes(clause(center, "3.3")) == [
        (f"第{half + 1}行“{shown}”是表中的签字行，不计为记录", f"服务台账!A{half + 1}")
    ]
    # two records below it are not enough: the line ended the table, as under a table's last page
    sheets["服务台账"] = [*ledger[: len(ledger) - 2], line, *ledger[len(ledger) - 2 :]]
    ended = run(std, tmp_path, sheets)
    assert [m for m, _ in notes(clause(ended, "3.3"))] == [
        f"第{len(ledger) - 1}行“{shown}”是表尾，此行及以下不计为记录"
    ]


def test_a_library_staff_list_signed_between_its_pages_counts_every_member(tmp_path: Path) -> None:
    from tests.library_builders import LIBRARY_STANDARD, perfect_library

    library = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean_result = run(library, tmp_path, sheets)
    staff = sheets["管理人员"]
    members = staff[1:]
    assert len(members) >= 3
    sheets["管理人员"] = [staff[0], ["登记员：馆员子"], *members]  # signed above the members
    center = run(library, tmp_path, sheets)
    assert scored(center) == scored(clean_result)
    assert notes(next(c for c in center.clauses if c.id == "L2.1")) == [
        ("第2行“登记员：馆员子”是表中的签字行，不计为记录", "管理人员!A2")
    ]


@pytest.mark.parametrize("note", ["备注：以上为全年台账", "说明：共20件", "注：首问责任人为接待人"])
def test_a_note_line_ends_the_table(std: Standard, tmp_path: Path, clean: CenterResult, note: str) -> None:
    sheets = full_center()
    sheets["服务台账"] += [[note, None, None, None, None, None, None], [dt.date(2018, 6, 1), "咨询"]]
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)
    assert [m for m, _ in notes(clause(center, "3.3"))] == [
        f"第22行“{note[:20]}”是表尾，此行及以下不计为记录"
    ]


def test_a_total_row_is_not_a_staff_member(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    sheets = full_center()
    sheets["人员岗位"].append(["合计", None, None, None, "共6人"])
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)
    assert notes(clause(center, "2.6")) == [("第8行“合计”是合计行，不计为记录", "人员岗位!A8")]


def test_a_count_in_the_remarks_is_a_total(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    sheets = full_center()
    sheets["服务队伍"].append([None, None, None, None, "共6支队伍"])
    sheets["人员岗位"].append([None, None, None, None, "共6人"])
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)
    assert notes(clause(center, "2.6")) == [("第8行“共6人”是合计行，不计为记录", "人员岗位!A8")]


def test_month_sections_in_the_ledger_cost_nothing(
    std: Standard, tmp_path: Path, clean: CenterResult
) -> None:
    sheets = full_center()
    header, *rows = sheets["服务台账"]
    ordered = sorted(rows, key=lambda r: r[0])
    table: list[list[Any]] = [header]
    merges: list[str] = []
    month = 0
    for row in ordered:
        if row[0].month != month:
            month = row[0].month
            table.append([f"{month}月份", None, None, None, None, None, None])
            merges.append(f"A{len(table)}:G{len(table)}")
        table.append(row)
    sheets["服务台账"] = table
    center = run(std, tmp_path, sheets, {"服务台账": merges})
    assert scored(center) == scored(clean)
    assert [m for m, _ in notes(clause(center, "3.3"))][:2] == [
        "第2行“1月份”是分段标题行，不计为记录",
        "第5行“2月份”是分段标题行，不计为记录",
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "第一季度",
        "上半年",
        "二、咨询服务",
        "（一）日常咨询",
        "一月份",
        "2018年1月",
        "2018年3月份",
        "2018年下半年",
    ],
)
def test_a_section_row_without_a_merge_is_recognised_by_its_words(
    std: Standard, tmp_path: Path, clean: CenterResult, heading: str
) -> None:
    sheets = full_center()
    sheets["服务台账"].insert(1, [heading, None, None, None, None, None, None])
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)
    assert [m for m, _ in notes(clause(center, "3.4"))] == [f"第2行“{heading}”是分段标题行，不计为记录"]


def test_a_value_merged_down_applies_to_every_row(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    sheets = full_center()
    for row in sheets["服务事项"][2:8]:
        row[1] = None  # 类别 基本 typed once, merged over the seven services
    duty = sheets["值班记录"]
    for row in duty[2:6]:
        row[1] = None  # 值班人 merged over the week of 2018-01-01
    center = run(std, tmp_path, sheets, {"服务事项": ["B2:B8"], "值班记录": ["B2:B6"]})
    assert scored(center) == scored(clean)
    assert not notes(clause(center, "3.1"))


def test_one_date_merged_over_two_same_day_records(
    std: Standard, tmp_path: Path, clean: CenterResult
) -> None:
    sheets = full_center()
    activities = sheets["活动记录"]
    del activities[-4]  # three 志愿服务 left: one short of the four 3.6 needs
    activities.insert(2, [None, "志愿服务", "植树", 8, "李"])  # the fourth, the same day as the row above
    with_merge = run(std, tmp_path, sheets, {"活动记录": ["A2:A3"]})
    assert (clause(with_merge, "3.6").status, clause(with_merge, "3.6").findings) == ("pass", ())
    assert clause(run(std, tmp_path, sheets), "3.6").status == "fail"  # unmerged, the row has no date


def test_headers_with_a_unit_a_note_or_a_line_break(
    std: Standard, tmp_path: Path, clean: CenterResult
) -> None:
    sheets = full_center()
    sheets["服务事项"][0] = ["事项名称", "类别（基本/特色）", "年度开展次数（次）", "备注"]
    sheets["活动记录"][0] = ["日期", "活动\n类型", "主题", "参加人数(人)", "记录人"]
    sheets["外观标识"][0] = ["项目", "是否达标（是/否）", "备注"]
    for row in sheets["服务事项"][1:]:
        row[2] = f"{row[2]}次"
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)


def test_a_two_row_header(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    sheets = full_center()
    _, *rows = sheets["活动记录"]
    sheets["活动记录"] = [
        ["日期", "活动情况", None, None, "记录人"],
        [None, "活动类型", "主题", "参加人数", None],
        *rows,
    ]
    merged = run(std, tmp_path, sheets, {"活动记录": ["A1:A2", "B1:D1", "E1:E2"]})
    assert scored(merged) == scored(clean)
    unmerged = run(std, tmp_path, sheets)  # the same, typed without merging: 日期 and 记录人 only in row 1
    assert scored(unmerged) == scored(clean)


def test_item_names_with_a_number_a_prefix_or_a_suffix(
    std: Standard, tmp_path: Path, clean: CenterResult
) -> None:
    sheets = full_center()
    forms = ["1.{}", "（二）{}", "{}制度", "3、{}制度", "⑤{}", "{}", "七．{}", "{}机制"]
    for row, form in zip(sheets["制度机制"][1:], forms, strict=True):
        row[0] = form.format(row[0])
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)


def test_a_key_that_could_name_two_items_is_not_guessed(std: Standard, tmp_path: Path) -> None:
    sheets = full_center()
    sheets["制度机制"][6][0] = "信息工作纪实"  # 信息工作 + 工作纪实 in one key
    sheets["制度机制"][7][0] = "工作纪实2"
    center = run(std, tmp_path, sheets)
    c21 = clause(center, "2.1")
    assert (c21.status, c21.earned) == ("partial", 7)
    ambiguous = [f for f in c21.findings if f.code == "ambiguous"]
    assert [(f.kind, f.location) for f in ambiguous] == [("note", "制度机制!A7")]
    assert "信息工作、工作纪实" in ambiguous[0].message


def test_a_record_pasted_twice_counts_once(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    sheets = full_center()
    sheets["满意度测评"] = [["问卷编号", "评价"]] + [[f"Q{i}", "满意"] for i in range(20)]
    once = run(std, tmp_path, sheets)
    sheets["满意度测评"] += copy.deepcopy(sheets["满意度测评"][1:])  # 20 questionnaires pasted twice
    twice = run(std, tmp_path, sheets)
    assert scored(twice) == scored(once)
    assert clause(twice, "4.1").status == "missing"  # 20 answers, not 40: below the 30 needed
    assert notes(clause(twice, "4.1"))[0] == ("第22行与第2行重复，只计一次", "满意度测评!A22")


def test_a_repeated_unique_key_counts_once(std: Standard, tmp_path: Path) -> None:
    sheets = full_center()
    sheets["人员岗位"] = [sheets["人员岗位"][0], ["员工0", "咨询接待岗", "专职", "是", None]] + [
        [f"员工{i}", post, "兼职", "是", None] for i, post in enumerate(["党员党组织管理岗"] * 4, 1)
    ]
    sheets["人员岗位"].append(["员工0", "综合事务管理岗", "专职", "是", "另兼一岗"])  # one 专职 person twice
    center = run(std, tmp_path, sheets)
    assert clause(center, "2.3").status == "fail"  # one 专职 person, not two
    assert ("第7行的姓名与第2行相同，只计一次", "人员岗位!A7") in notes(clause(center, "2.3"))


def test_invisible_characters_from_a_wechat_paste(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    sheets = full_center()
    for row in sheets["外观标识"][1:]:
        row[1] = "\u200b是\ufeff"
    sheets["制度机制"][1][0] = "\ufeff调研联络\u2060"
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)


def test_a_blank_value_never_takes_the_next_label(std: Standard, tmp_path: Path) -> None:
    sheets = full_center()
    info = sheets["基本信息"]
    info[1] = ["中心编号", None, "所属镇街", "醴泉街道"]
    del info[2]
    center = run(std, tmp_path, sheets)
    assert center.center_id is None and center.district == "醴泉街道"
    assert any("中心编号" in w and "未填写" in w for w in center.warnings)


def test_a_label_merged_over_two_cells(std: Standard, tmp_path: Path) -> None:
    sheets = full_center()
    sheets["基本信息"] = [[label, None, value] for label, value in sheets["基本信息"]]
    center = run(std, tmp_path, sheets, {"基本信息": [f"A{i}:B{i}" for i in range(1, 18)]})
    assert center.center_id == "T-01" and str(center.score) == "100.0"


def test_a_day_typed_as_a_number_is_an_error_naming_the_cell(std: Standard, tmp_path: Path) -> None:
    sheets = full_center()
    sheets["活动记录"][3][0] = 3.9  # meant 3月9日, typed into a General cell
    center = run(std, tmp_path, sheets)
    c35 = clause(center, "3.5")
    errors = [f for f in c35.findings if f.kind == "error"]
    assert [(f.location, f.message) for f in errors] == [
        ("活动记录!A4", "日期无法识别：“3.9”，应为日期（如 2018-03-05）；单元格里的数字不能当作日期")
    ]


def test_months_without_a_day_count_for_month_coverage(
    std: Standard, tmp_path: Path, clean: CenterResult
) -> None:
    sheets = full_center()
    for row in sheets["活动记录"][1:13]:
        row[0] = f"2018年{row[0].month}月"
    center = run(std, tmp_path, sheets)
    assert (clause(center, "3.5").status, clause(center, "3.5").earned) == (
        "pass",
        clause(clean, "3.5").earned,
    )


def test_days_without_a_year_and_with_a_weekday(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    sheets = full_center()
    for row in sheets["督查记录"][1:]:
        day = row[0]
        row[0] = (
            f"{day.month}月{day.day}日"
            if day.month % 2
            else f"{day.isoformat()}（周{'一二三四五六日'[day.weekday()]}）"
        )
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)


def test_yes_words_of_the_shipped_vocabulary(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    sheets = full_center()
    for row in sheets["制度机制"][1:]:
        row[1], row[2] = "已建立", "已落实"
    sheets["服务队伍"][1][3] = "已更新"
    sheets["人员岗位"][1][3] = "已参加"
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)
    sheets["制度机制"][1][1] = "未建立"
    assert clause(run(std, tmp_path, sheets), "2.1").earned == 7


def test_a_met_standard_answered_in_its_own_words(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    # 是否达标 answered 达标 / 已达标 (the header asks whether it is met): yes; 不达标 / 未达标: no
    sheets = full_center()
    for i, row in enumerate(sheets["外观标识"][1:]):
        row[1] = ("达标", "已达标")[i % 2]
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)
    sheets["外观标识"][1][1], sheets["外观标识"][2][1] = "不达标", "未达标"
    assert (
        clause(run(std, tmp_path, sheets), "1.1").status,
        clause(run(std, tmp_path, sheets), "1.1").earned,
    ) == (
        "partial",
        8,
    )


def test_the_same_center_typed_every_way_at_once(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    """A clerk's whole ledger: footer, totals, sections, merges, units, numbering, duplicates, invisible marks."""
    sheets = full_center()
    sheets["服务事项"][0][2] = "年度开展次数（次）"
    for row in sheets["服务事项"][2:8]:
        row[1] = None
    sheets["服务事项"].append(["合计", None, 21, None])
    sheets["人员岗位"].append(["合计", None, None, None, "共6人"])
    sheets["值班记录"] += copy.deepcopy(sheets["值班记录"][1:30])
    sheets["值班记录"].append(["填表人：王五"])
    sheets["制度机制"][1][0] = "1.调研联络制度"
    sheets["外观标识"][1][1] = "是\u200b"
    set_field(sheets, "开展双诺双述双评", "已开展")
    center = run(std, tmp_path, sheets, {"服务事项": ["B2:B8"]})
    assert scored(center) == scored(clean) and center.score == clean.score


# ---------------------------------------------------------------- the second standard, its own words


def test_the_library_standard_s_own_footer_total_merge_and_repeat(tmp_path: Path) -> None:
    from tests.library_builders import LIBRARY_STANDARD, perfect_library

    library = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean_result = run(library, tmp_path, sheets)
    staff = sheets["管理人员"]
    staff.append(["总数", None, "4人", None])  # the standard's own total word
    staff.append(["登记员：馆员子"])  # the standard's own footer word
    staff.append(["馆员辰", "流通", "全职", "达标"])  # below the footer: not a record
    for row in staff[3:5]:
        row[2] = None  # 在岗方式 轮岗 merged down over two rows
    sheets["读者评议"] += copy.deepcopy(sheets["读者评议"][1:11])  # ten questionnaires pasted again
    center = run(library, tmp_path, sheets, {"管理人员": ["C4:C5"]})
    assert scored(center) == scored(clean_result)
    l21 = next(c for c in center.clauses if c.id == "L2.1")
    assert notes(l21) == [
        ("第6行“总数”是合计行，不计为记录", "管理人员!A6"),
        ("第7行“登记员：馆员子”是表尾，此行及以下不计为记录", "管理人员!A7"),
    ]
    l36 = next(c for c in center.clauses if c.id == "L3.6")
    assert notes(l36)[0] == ("第34行与第2行重复，只计一次", "读者评议!A34")
    assert len(notes(l36)) == 10


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_merges_are_read_from_xls_and_ods_too(
    std: Standard, tmp_path: Path, clean: CenterResult, suffix: str
) -> None:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot save .xls/.ods")
    sheets = full_center()
    for row in sheets["服务事项"][2:8]:
        row[1] = None  # 类别 基本 merged over the seven services
    source = write(tmp_path / "merged.xlsx", sheets, {"服务事项": ["B2:B8"]})
    (saved,) = convert([source], suffix, tmp_path / "out", tmp_path / "profile")
    converted = audit_file(std, saved)
    assert clause(converted, "3.1").status == "pass"
    assert clause(converted, "3.1").earned == clause(clean, "3.1").earned


def test_a_block_pasted_with_its_header_again(std: Standard, tmp_path: Path, clean: CenterResult) -> None:
    sheets = full_center()
    ledger = sheets["服务台账"]
    ledger.insert(11, list(ledger[0]))  # the header again in the middle (a second page, a pasted block)
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)
    assert notes(clause(center, "3.3")) == [("第12行重复了表头，不计为记录", "服务台账!A12")]


def test_a_staff_list_in_sections_headed_in_the_name_column(
    std: Standard, tmp_path: Path, clean: CenterResult
) -> None:
    """专职人员： / 兼职人员： typed in the 姓名 column above each group: headings, not people (they were
    people without training: 2.6 3 → 2.4)."""
    sheets = full_center()
    header, *staff = sheets["人员岗位"]
    full = [row for row in staff if "专职" in row]
    part = [row for row in staff if "专职" not in row]
    sheets["人员岗位"] = [header, ["专职人员："], *full, ["兼职人员:"], *part]
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)
    assert [m for m, _ in notes(clause(center, "2.6"))] == [
        "第2行“专职人员：”是分段标题行，不计为记录",
        f"第{len(full) + 3}行“兼职人员:”是分段标题行，不计为记录",
    ]


def test_the_header_typed_again_with_other_blanks_is_no_record(
    std: Standard, tmp_path: Path, clean: CenterResult
) -> None:
    sheets = full_center()
    header, *staff = sheets["人员岗位"]
    again = [" ".join(name) if isinstance(name, str) and len(name) <= 4 else name for name in header]
    assert again != header
    sheets["人员岗位"] = [header, *staff[:2], again, *staff[2:]]
    center = run(std, tmp_path, sheets)
    assert scored(center) == scored(clean)
    assert [m for m, _ in notes(clause(center, "2.6"))] == ["第4行重复了表头，不计为记录"]

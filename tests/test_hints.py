"""疑点: integrity hints within a workbook and across the centers of a batch (../shared/spec/cycle.md).

Each hint with its exact cells; thresholds (5 shared records, runs of 20) at and below the line; a hint
never changes a score; no personal data in any hint; the second standard declares hints of its own.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from auditor.cycle.across import AcrossCenters
from auditor.engine import AuditOptions, audit_file
from auditor.result import BatchHint, CenterResult, Signatures
from auditor.standard.loader import lint, load_standard
from auditor.standard.model import Standard
from auditor.workbook.evidence import Cell
from tests.builders import ROOT, Sheets, full_center, set_field, write_workbook
from tests.library_builders import LIBRARY_STANDARD, READER_NAMES, READER_PHONES, perfect_library
from tests.library_builders import set_field as set_library_field

OPTIONS = AuditOptions(hint_key=b"k" * 16)
YEAR = 2018


def own(sheets: Sheets, tag: str) -> Sheets:
    """A center whose records are its own: every name and text of its tables made distinct by `tag`, the
    survey answers in an order of its own."""
    sheets = copy.deepcopy(sheets)
    set_field(sheets, "中心编号", f"T-{tag}")
    set_field(sheets, "中心名称", f"{tag}社区党群服务中心")
    for row in sheets["活动记录"][1:]:
        row[4] = f"记录人{tag}"
    for row in sheets["督查记录"][1:]:
        row[2] = f"督查人{tag}"
    for row in sheets["服务台账"][1:]:
        row[4] = f"首问{tag}"
    for i, row in enumerate(sheets["人员岗位"][1:]):
        row[0] = f"员工{tag}{i}"
    answers = ["满意", "基本满意", "不满意", "不了解"]
    seed = sum(map(ord, tag))
    sheets["满意度测评"] = [["问卷编号", "评价"]] + [
        [f"Q{i}", answers[(i * i + seed) % 4 if i % 3 else (i + seed) % 4]] for i in range(40)
    ]
    return sheets


def audit(tmp_path: Path, name: str, sheets: Sheets, standard: Standard) -> CenterResult:
    return audit_file(standard, write_workbook(tmp_path / f"{name}.xlsx", sheets), OPTIONS)


def across(standard: Standard, *centers: CenterResult) -> list[BatchHint]:
    batch = AcrossCenters(standard.hints)
    for center in centers:
        assert batch.add(center).signatures is None  # the parent keeps no signature
    return batch.hints


# ---------------------------------------------------------------- the standard declares them


def test_the_shipped_standard_declares_its_hints(std2018: Standard) -> None:
    spec = std2018.hints
    assert spec is not None and (spec.shared_min, spec.run_min) == (5, 20)
    assert [(d.sheet, d.column) for d in spec.dated][:2] == [("活动记录", "日期"), ("督查记录", "日期")]
    assert [t.sheet for t in spec.shared] == ["活动记录", "督查记录", "服务台账"]
    assert spec.shared[0].columns == ("日期", "活动类型", "主题", "参加人数", "记录人")  # every column
    assert spec.staff is not None and spec.staff.name == "姓名"
    assert "群众姓名" not in std2018.needed_columns("服务台账")  # read only when hints are looked for
    assert "群众姓名" in std2018.hint_needed["服务台账"]


def _variant(tmp_path: Path, change: Any) -> Path:
    data = yaml.safe_load((ROOT / "standards" / "dqfwzx-2018.yaml").read_text(encoding="utf-8"))
    change(data["hints"])
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda h: h["shared"].append({"sheet": "会议记录"}), "未声明的工作表“会议记录”"),
        (lambda h: h["dated"].append({"sheet": "活动记录", "column": "主题"}), "“主题”的类型是 text"),
        (lambda h: h["survey"].update(answers=["评分"]), "工作表“满意度测评”未声明列“评分”"),
        (lambda h: h["staff"]["where"][0].update(value="外聘"), "“外聘”不是“专兼职”的有效值"),
        (lambda h: h.update(run_min=1), "1 不能小于 2"),
        (lambda h: h.update(colour="red"), "不认识的键“colour”"),
    ],
)
def test_lint_checks_every_reference_of_the_hints(tmp_path: Path, change: Any, message: str) -> None:
    problems = lint(_variant(tmp_path, change))
    assert any(message in p.message and p.path.startswith("hints") for p in problems), problems


# ---------------------------------------------------------------- within a workbook


def test_records_dated_after_the_inspection_name_their_cells(tmp_path: Path, std2018: Standard) -> None:
    sheets = full_center()
    sheets["活动记录"].append([dt.date(YEAR, 12, 28), "志愿服务", "清扫", 10, "李"])  # row 18
    sheets["督查记录"].append([dt.date(YEAR, 12, 21), "月指导", "赵", "无"])  # row 18
    sheets["督查记录"].append([dt.date(YEAR, 12, 20), "月指导", "赵", "无"])  # the day itself: not after
    center = audit(tmp_path, "a", sheets, std2018)
    dated = [h for h in center.hints if h.code == "dated-after-inspection"]
    assert [(h.location, h.kind) for h in dated] == [("活动记录!A18", "hint"), ("督查记录!A18", "hint")]
    assert (
        dated[0].message == "活动记录有1条记录的日期晚于检查日期2018-12-20（最晚 2018-12-28）：活动记录!A18"
    )


def test_one_person_on_duty_every_day_of_the_year(tmp_path: Path, std2018: Standard) -> None:
    sheets = full_center()
    days = [dt.date(YEAR, 1, 1) + dt.timedelta(n) for n in range(354)]  # to the inspection, 12-20
    sheets["值班记录"] = [["日期", "值班人"], *[[d, "王五"] for d in days]]
    center = audit(tmp_path, "a", sheets, std2018)
    assert [(h.code, h.location) for h in center.hints if h.code == "duty-every-day"] == [
        ("duty-every-day", "值班记录!B2")
    ]
    hint = next(h for h in center.hints if h.code == "duty-every-day")
    assert hint.message == (
        "值班记录：值班人“王五”在2018-01-01至2018-12-20每一天（共354天，含周末和节假日）都有记录："
        "值班记录!B2…值班记录!B355"
    )
    sheets["值班记录"] = [["日期", "值班人"], *[[d, "王五"] for d in days if d != dt.date(YEAR, 10, 1)]]
    assert not [h for h in audit(tmp_path, "b", sheets, std2018).hints if h.code == "duty-every-day"]


def test_a_repeated_survey_number_is_named_though_the_reader_counts_it_once(
    tmp_path: Path, std2018: Standard
) -> None:
    sheets = full_center()
    sheets["满意度测评"].append(["Q5", "不满意"])  # row 42: the number of row 7 again
    sheets["满意度测评"].append(["Q9", "满意"])  # row 43: row 11 again, whole
    center = audit(tmp_path, "a", sheets, std2018)
    clean = audit(tmp_path, "b", full_center(), std2018)
    assert center.score == clean.score  # the reader counted each once: the score does not move
    repeated = [h for h in center.hints if h.code == "repeated-number"]
    assert len(repeated) == 1 and repeated[0].location == "满意度测评!A7"
    assert repeated[0].message == (
        "满意度测评：问卷编号重复2处：“Q5” 满意度测评!A7 与 满意度测评!A42；“Q9” 满意度测评!A11 与 满意度测评!A43"
    )


def _survey(answers: list[str]) -> Sheets:
    sheets = full_center()
    sheets["满意度测评"] = [["问卷编号", "评价"]] + [[f"Q{i + 1}", a] for i, a in enumerate(answers)]
    return sheets


MIXED = ["满意", "基本满意", "不满意", "不了解"]


def test_a_run_of_twenty_identical_answers_in_number_order(tmp_path: Path, std2018: Standard) -> None:
    answers = [MIXED[i % 4] for i in range(1, 11)] + ["满意"] * 20 + [MIXED[i % 4] for i in range(1, 11)]
    center = audit(tmp_path, "a", _survey(answers), std2018)
    runs = [h for h in center.hints if h.code == "identical-run"]
    assert [h.location for h in runs] == ["满意度测评!A12"]
    assert runs[0].message == (
        "满意度测评：按问卷编号顺序，Q11至Q30连续20份答案完全相同（均为“满意”）：满意度测评!A12…满意度测评!A31"
    )
    nineteen = [MIXED[i % 4] for i in range(1, 11)] + ["满意"] * 19 + [MIXED[i % 4] for i in range(1, 12)]
    assert not [
        h for h in audit(tmp_path, "b", _survey(nineteen), std2018).hints if h.code == "identical-run"
    ]


def test_a_run_chance_explains_is_no_hint(tmp_path: Path, std2018: Standard) -> None:
    """Nine answers in ten 满意 over 150 questionnaires: a run of 20 is what chance gives."""
    answers = (
        (["满意"] * 9 + ["基本满意"]) * 4
        + ["满意"] * 22
        + (["基本满意"] + ["满意"] * 9) * 8
        + ["基本满意"] * 8
    )
    center = audit(tmp_path, "a", _survey(answers), std2018)
    assert not [h for h in center.hints if h.code == "identical-run"]


def test_numbers_are_ordered_naturally(tmp_path: Path, std2018: Standard) -> None:
    """Q2 comes before Q10: the rows' order does not make a run, the numbers' order does."""
    rows = [[f"Q{i}", "满意" if i <= 20 else MIXED[i % 4]] for i in range(1, 41)]
    sheets = full_center()
    sheets["满意度测评"] = [["问卷编号", "评价"], *rows[10:], *rows[:10]]  # Q11..Q40, then Q1..Q10
    runs = [h for h in audit(tmp_path, "a", sheets, std2018).hints if h.code == "identical-run"]
    assert [h.location for h in runs] == ["满意度测评!A32"] and "Q1至Q20连续20份" in runs[0].message


def _with_rows(sheets: Sheets, sheet: str, rows: list[list[Any]]) -> Sheets:
    sheets = copy.deepcopy(sheets)
    sheets[sheet] = [*sheets[sheet], *copy.deepcopy(rows)]
    return sheets


# ---------------------------------------------------------------- never a score, never personal data


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args], capture_output=True, check=False, cwd=ROOT
    )


def _suspicious_batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    a = own(full_center(), "甲")
    a["活动记录"].append([dt.date(YEAR, 12, 28), "志愿服务", "清扫", 10, "李"])
    b = _with_rows(own(full_center(), "乙"), "服务台账", a["服务台账"][1:7])  # 6 records with pii
    b["人员岗位"].append(["员工甲0", "综合事务管理岗", "专职", "是", None])
    write_workbook(folder / "a.xlsx", a)
    write_workbook(folder / "b.xlsx", b)
    return folder


def _without_hints(doc: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc.pop("hints")
    doc["summary"].pop("hints")
    for center in doc["centers"]:
        center.pop("hints")
    return doc


def test_hints_never_change_a_score_or_a_status(tmp_path: Path) -> None:
    folder = _suspicious_batch(tmp_path)
    on, off = (
        run("check", "--format", "json", str(folder)),
        run("check", "--format", "json", "--no-hints", str(folder)),
    )
    assert on.returncode == off.returncode
    with_hints, without = json.loads(on.stdout), json.loads(off.stdout)
    assert [len(c["hints"]) for c in with_hints["centers"]] == [1, 0]
    assert [h["code"] for h in with_hints["hints"]] == ["shared-records", "shared-staff"]
    assert with_hints["summary"]["hints"] == 3
    assert without["hints"] == [] and without["summary"]["hints"] == 0
    assert all(c["hints"] == [] for c in without["centers"])
    assert _without_hints(with_hints) == _without_hints(without)


def test_no_personal_data_in_any_hint_or_output(tmp_path: Path) -> None:
    folder = _suspicious_batch(tmp_path)
    outputs = [run("check", "--format", "json", str(folder)).stdout, run("check", str(folder)).stdout]
    done = run("report", "--html", "-o", str(tmp_path / "out"), str(folder))
    assert done.returncode == 0, done.stderr.decode()
    assert b"6\xe6\x9d\xa1" in outputs[0]  # 6条: the shared service records are there
    for path in (tmp_path / "out").rglob("*"):
        if path.suffix == ".html":
            outputs.append(path.read_bytes())
        elif path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path)
            outputs.append(
                " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row).encode()
            )
    for i in range(6):
        for secret in (f"居民{i}", f"1380000{i:04d}"):
            assert not any(secret.encode() in text for text in outputs), secret


def test_the_reports_list_the_hints_for_the_inspectors(tmp_path: Path) -> None:
    folder = _suspicious_batch(tmp_path)
    out = tmp_path / "out"
    assert run("report", "--html", "-o", str(out), str(folder)).returncode == 0
    a = openpyxl.load_workbook(out / "T-甲-甲社区党群服务中心.xlsx")
    assert a.sheetnames[-1] == "疑点"
    rows = [[c.value for c in row] for row in a["疑点"].iter_rows(min_row=5)]
    assert [r[1] for r in rows] == ["记录日期在检查之后", "两个中心记录相同", "两个中心人员相同"]
    assert rows[0][3] == "活动记录!A18" and str(rows[1][3]).startswith("服务台账!A2、A3")
    summary = openpyxl.load_workbook(out / "汇总-2018.xlsx")["疑点清单"]
    listed = [[c.value for c in row] for row in summary.iter_rows(min_row=5)]
    assert [r[1] for r in listed] == ["T-甲", "T-甲 / T-乙", "T-甲 / T-乙"]
    assert summary["A2"].value == "疑点 3 处（中心内 1，跨中心 2）"
    page = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "疑点清单" in page and "跨中心：两个中心人员相同" in page
    off = tmp_path / "copies"
    assert run("report", "--no-hints", "-o", str(off), str(folder)).returncode == 0
    assert "疑点" not in openpyxl.load_workbook(off / "T-甲-甲社区党群服务中心.xlsx").sheetnames
    assert "疑点清单" not in openpyxl.load_workbook(off / "汇总-2018.xlsx").sheetnames


def test_the_terminal_shows_a_line_per_center_and_a_count(tmp_path: Path) -> None:
    done = run("check", str(_suspicious_batch(tmp_path)))
    text = done.stdout.decode()
    assert "疑点（1处，供核查，不影响得分）：" in text
    assert text.index("疑点（跨中心，供核查，不影响得分）") < text.index("汇总")
    assert text.rstrip().endswith("疑点 3 处（中心内 1，跨中心 2）")
    assert "疑点" not in run("check", "--no-hints", str(_suspicious_batch(tmp_path / "x"))).stdout.decode()


# ---------------------------------------------------------------- the second standard


@pytest.fixture(scope="module")
def library() -> Standard:
    return load_standard(LIBRARY_STANDARD)


def test_the_library_standard_declares_hints_of_its_own(tmp_path: Path, library: Standard) -> None:
    spec = library.hints
    assert spec is not None and (spec.shared_min, spec.run_min) == (3, 10)
    a = perfect_library()
    a["读书活动"].append([dt.date(2021, 12, 20), "讲座", "主讲丁", 12])  # after 评估日期 12-15: row 23
    a["读者评议"].append(["P03", "较好"])  # row 34: the number of row 5 again
    b = perfect_library()
    set_library_field(b, "图书室编号", "LIB-009")
    b["借阅登记"] = [
        ["借出时间", "读者名", "读者手机", "经办人"],
        *b["借阅登记"][1:4],
    ]  # 3 shared: shared_min
    b["读书活动"] = [b["读书活动"][0]]
    b["管理人员"] = [b["管理人员"][0], ["馆员丑", "采编", "全职", "达标"]]
    b["读者评议"] = [
        ["评议编号", "评议等级"],
        *[[f"P{i}", ["非常好", "较好", "较差"][i % 3]] for i in range(30)],
    ]
    first = audit_file(library, write_workbook(tmp_path / "a.xlsx", a), OPTIONS)
    second = audit_file(library, write_workbook(tmp_path / "b.xlsx", b), OPTIONS)
    assert [(h.code, h.location) for h in first.hints] == [
        ("dated-after-inspection", "读书活动!A23"),
        ("repeated-number", "读者评议!A5"),
    ]
    assert first.hints[1].message == "读者评议：评议编号重复1处：“P03” 读者评议!A5 与 读者评议!A34"
    assert "晚于评估日期2021-12-15" in first.hints[0].message
    hints = across(library, first, second)
    assert [(h.code, h.first.cells, h.second.cells) for h in hints] == [
        ("shared-records", ("借阅登记!A2、A3、A4",), ("借阅登记!A2、A3、A4",)),
        ("shared-staff", ("管理人员!A3",), ("管理人员!A2",)),
    ]
    assert hints[1].message.startswith("馆员“馆员丑”在两个中心都列为全职")
    text = json.dumps([h.message for h in hints] + [h.message for h in first.hints], ensure_ascii=False)
    assert not any(secret in text for secret in (*READER_NAMES, *READER_PHONES))


def test_a_pii_name_takes_part_only_as_a_hash(tmp_path: Path) -> None:
    data = yaml.safe_load(LIBRARY_STANDARD.read_text(encoding="utf-8"))
    staff = next(s for s in data["layout"] if s["name"] == "管理人员")
    staff["columns"][0]["pii"] = True
    data.pop("tests", None)
    path = tmp_path / "pii.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    standard = load_standard(path, cache=False)
    a, b = perfect_library(), perfect_library()
    set_library_field(b, "图书室编号", "LIB-009")
    first = audit_file(standard, write_workbook(tmp_path / "a.xlsx", a), OPTIONS)
    second = audit_file(standard, write_workbook(tmp_path / "b.xlsx", b), OPTIONS)
    staff_hints = [h for h in across(standard, first, second) if h.code == "shared-staff"]
    assert [h.second.cells for h in staff_hints] == [("管理人员!A2",), ("管理人员!A3",)]
    assert all("同一人（个人信息，已隐去）" in h.message and "馆员子" not in h.message for h in staff_hints)
    assert all(name == "" for _, _, name in (first.signatures or Signatures()).staff)


def test_the_hint_sheets_print_like_the_other_sheets(tmp_path: Path) -> None:
    """A4 landscape, fitted to the width, the header row repeated, the center (or the summary) named in
    the page header, page numbers, every cell of the table bordered, 宋体/黑体 only."""
    folder = _suspicious_batch(tmp_path)
    out = tmp_path / "out"
    assert run("report", "-o", str(out), str(folder)).returncode == 0
    sheets = [
        (
            openpyxl.load_workbook(out / "T-甲-甲社区党群服务中心.xlsx")["疑点"],
            "甲社区党群服务中心 · 2018年度验收",
            4,
        ),
        (openpyxl.load_workbook(out / "汇总-2018.xlsx")["疑点清单"], "2018年度验收结果汇总", 6),
    ]
    for ws, header, columns in sheets:
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage  # type: ignore[union-attr]
        assert ws.print_title_rows == "$4:$4" and ws.freeze_panes == "A5"
        assert str(ws.oddHeader.center.text).endswith(header)  # type: ignore[union-attr]
        footer = str(ws.oddFooter.center.text)  # type: ignore[union-attr]
        assert "&P" in footer and "&N" in footer
        assert ws.auto_filter.ref == f"A4:{'ABCDEF'[columns - 1]}{ws.max_row}"
        for row in ws.iter_rows(min_row=4, max_col=columns):
            for cell in row:
                sides = (cell.border.left.style, cell.border.right.style, cell.border.top.style)
                assert sides == ("thin", "thin", "thin"), cell.coordinate
        fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
        assert fonts <= {"宋体", "黑体"}
        assert all(ws.row_dimensions[r].height for r in range(5, ws.max_row + 1))  # heights fitted


def test_a_failing_hint_rule_costs_the_center_nothing(
    tmp_path: Path, std2018: Standard, monkeypatch: pytest.MonkeyPatch
) -> None:
    import auditor.cycle.hints as rules

    def broken(*args: object) -> object:
        raise ValueError("坏了")

    clean = audit(tmp_path, "a", full_center(), std2018)
    monkeypatch.setattr(rules, "find_hints", broken)
    center = audit(tmp_path, "b", full_center(), std2018)
    assert (center.score, center.grade, center.clauses) == (clean.score, clean.grade, clean.clauses)
    assert center.hints == () and center.signatures is None
    assert center.warnings[-1] == "疑点未能检查（ValueError: 坏了），本中心未列疑点"


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["", "Q1", "Q2", "Q10", "q2", "A9", "A1B", "GM02-9", "GM02-10", "１２", "12"]),
            st.sampled_from(["", "满意", "不满意"]),
            st.sampled_from(["", "是"]),
        ),
        max_size=40,
    )
)
def test_answers_come_in_number_order_each_number_once(rows: list[tuple[str, str, str]]) -> None:
    """Survey rows in their numbers' natural order, the first row of each number, rows without a number
    or without any answer left out — the same as looking at the rows one by one."""
    from auditor.cycle.hints import _answers_in_order, _number_key
    from auditor.standard.model import SurveySpec
    from auditor.workbook.evidence import Cell, TableSheet
    from auditor.workbook.values import normalize_label

    def cell(v: str) -> Cell:
        return Cell("ok", "", v, v) if v else Cell("blank", "")

    survey = SurveySpec("问卷", "编号", ("评价", "知晓"))
    table = TableSheet(
        "问卷", "问卷", 1, {"编号": "A", "评价": "B", "知晓": "C"}, list(range(2, 2 + len(rows)))
    )
    table.cells = {name: [cell(r[k]) for r in rows] for k, name in enumerate(("编号", "评价", "知晓"))}
    first: dict[str, int] = {}
    for i, (number, *answers) in enumerate(rows):
        key = normalize_label(number)
        if key and key not in first and any(answers):
            first[key] = i
    expected = [(first[n], rows[first[n]][1:]) for n in sorted(first, key=_number_key)]
    assert _answers_in_order(survey, table) == expected


@settings(max_examples=80, deadline=None)
@given(
    head=st.sampled_from(["GM01-", "Q", "B00039-", "问卷", "A-1-"]),
    width=st.integers(1, 4),
    picks=st.lists(st.integers(0, 60), min_size=1, max_size=40),
    shuffle=st.randoms(use_true_random=False),
    sort=st.booleans(),
    answers=st.lists(st.sampled_from(["满意", "不满意", ""]), min_size=40, max_size=40),
)
def test_numbers_of_one_width_after_one_head_come_in_their_order(
    head: str, width: int, picks: list[int], shuffle: Any, sort: bool, answers: list[str]
) -> None:
    """Numbered as surveys are (GM01-001 …, one head, one width), typed in order or not, numbers repeated or
    not, answers left blank or not: the same as the rows looked at one by one."""
    from auditor.cycle.hints import _answers_in_order, _number_key
    from auditor.standard.model import SurveySpec
    from auditor.workbook.evidence import Cell, TableSheet

    numbers = [f"{head}{n % 10**width:0{width}d}" for n in picks]
    if sort:
        numbers.sort()
    else:
        shuffle.shuffle(numbers)
    given_answers = answers[: len(numbers)]
    survey = SurveySpec("问卷", "编号", ("评价",))
    table = TableSheet("问卷", "问卷", 1, {"编号": "A", "评价": "B"}, list(range(2, 2 + len(numbers))))
    table.cells = {
        "编号": [Cell("ok", "", n, n) for n in numbers],
        "评价": [Cell("ok", "", a, a) if a else Cell("blank", "") for a in given_answers],
    }
    table.texts = {"编号": list(numbers), "评价": list(given_answers)}
    first: dict[str, int] = {}
    for i, (number, answer) in enumerate(zip(numbers, given_answers, strict=True)):
        if number not in first and answer:
            first[number] = i
    expected = [(first[n], (given_answers[first[n]],)) for n in sorted(first, key=_number_key)]
    assert _answers_in_order(survey, table) == expected


@settings(max_examples=60, deadline=None)
@given(
    answers=st.lists(st.sampled_from(["满意", "基本满意", "不满意"]), min_size=0, max_size=80),
    run_min=st.integers(2, 12),
)
def test_runs_are_the_maximal_runs_chance_explains_poorly(answers: list[str], run_min: int) -> None:
    """identical_runs against a plain count: every maximal run of at least run_min, no other."""
    from auditor.cycle.hints import _answers_in_order, identical_runs
    from auditor.standard.model import SurveySpec
    from auditor.workbook.evidence import Cell, TableSheet

    survey = SurveySpec("问卷", "编号", ("评价",))
    table = TableSheet("问卷", "问卷", 1, {"编号": "A", "评价": "B"}, list(range(2, 2 + len(answers))))
    table.cells = {
        "编号": [Cell("ok", "", f"N{i}", f"N{i}") for i in range(len(answers))],
        "评价": [Cell("ok", "", a, a) for a in answers],
    }
    found = identical_runs(survey, table, _answers_in_order(survey, table), run_min, 0.01)
    expected: list[str] = []
    start = 0
    for k in range(1, len(answers) + 1):
        if k < len(answers) and answers[k] == answers[start]:
            continue
        share = answers.count(answers[start]) / len(answers)
        if k - start >= run_min and len(answers) * (1 - share) * share ** (k - start) < 0.01:
            expected.append(f"问卷!A{start + 2}")
        start = k
    assert [h.location for h in found] == expected


def test_the_json_document_reads_back_with_its_hints(tmp_path: Path, std2018: Standard) -> None:
    from auditor.output.json_in import read_document
    from auditor.output.json_out import document, dumps

    done = run("check", "--format", "json", str(_suspicious_batch(tmp_path)))
    doc = read_document(json.loads(done.stdout), std2018)
    assert [h.code for h in doc.hints] == ["shared-records", "shared-staff"]
    assert [h.code for c in doc.centers for h in c.hints] == ["dated-after-inspection"]
    again = dumps(document(std2018, list(doc.centers), list(doc.errors), doc.year, doc.hints))
    assert again.encode() == done.stdout


def test_the_reader_gives_cells_their_comparison_text_only_when_asked() -> None:
    """With the 疑点 on the reader makes each cell with the text they compare (remembered with it, apart
    from the cells made without), so a column's texts are read off its cells."""
    from auditor.standard.model import FieldSpec
    from auditor.workbook.cells import parse_column
    from auditor.workbook.parsers import parser_for

    date = parser_for(FieldSpec("日期", "date"), ("是",), ("否",), False)
    text = parser_for(FieldSpec("姓名", "text"), ("是",), ("否",), False)
    raws = ["2018.3.9", " ", "3.9x", "2018.3.9"]
    keyed = parse_column(date, raws, False, True)
    assert [c.text for c in keyed] == ["2018-03-09", "", "3.9x", "2018-03-09"]
    assert [c.status for c in keyed] == ["ok", "blank", "error", "ok"]
    plain = parse_column(date, raws, False)
    assert [c.text for c in plain] == [None] * 4  # the memo without texts is apart
    assert [c._replace(text=None) for c in keyed] == plain
    assert [c.text for c in parse_column(text, ["ＧＭ０１ ", "张 三", 12.0, True], False, True)] == [
        "GM01",
        "张三",
        "12",
        "TRUE",
    ]


_RAWS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "张 三",
            " ＧＭ０１",
            "\u200b满意",
            "是\ufeff",
            "",
            " ",
            "\u3000",
            "a\nb",
            "x" * 40_000,
            "无",
            " ／",
            "——",
            "无\n",
        ]
    ),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)


@given(st.lists(_RAWS, max_size=12), st.booleans())
@example(["张三", "x" * 40_000], False)  # a column of plain texts, one longer than a cell holds
@example(["李四", "王五", ""], False)
@example(["GM01-001", "GM01-002"], True)
@example(["张三", "ｘ"], False)  # not in NFKC
@example(["张三", "备注:"], False)
@example(["张三", "无", "N/A", "——"], False)  # texts standing for nothing: blank
@example(["张三", "无人", "／"], True)
def test_a_columns_texts_without_cells_are_the_texts_of_its_cells(raws: list[object], pii: bool) -> None:
    """The columns only the records compared across centers read are made as texts, without cells: the
    same texts their cells would carry, personal data or not."""
    from auditor.workbook.cells import make_cell, parse_fresh, text_column
    from auditor.workbook.texts import text_parser

    parse = text_parser()
    cells = [make_cell(parse, raw, "", pii, True) for raw in raws]
    assert text_column(raws, pii, parse) == [cell.text for cell in cells]
    assert parse_fresh(parse, raws, pii, True) == cells  # a unique or personal column, made whole
    assert text_column(raws, pii, parse) == text_column(list(raws), pii, parse)  # remembered: the same again


_POOL = [
    Cell("ok", "", "张 三", "张 三"),
    Cell("ok", "", "ＧＭ０１", "ＧＭ０１"),
    Cell("ok", "", dt.date(2018, 3, 9), 43168.0),
    Cell("blank", ""),
    Cell("error", "", None, "3.9x", "日期"),
    Cell("ok", "", 12.0, 12.0),
]


def test_cells_compare_by_their_folded_text_and_day() -> None:
    """What the 疑点 compare of a cell: its value folded (blanks, full-width letters and digits), a date as
    its day, a number as typed, a value that could not be read as typed, a blank as nothing."""
    from auditor.cycle import hints

    texts = ["张三", "GM01", "2018-03-09", "", "3.9x", "12"]
    assert hints.column_texts(_POOL) == texts  # cells made without their text: made now
    keyed = [c._replace(text=t) for c, t in zip(_POOL, texts, strict=True)]
    assert hints.column_texts(keyed) == texts
    assert hints.column_texts([*keyed, *_POOL]) == texts * 2  # some made with it, some without
    assert hints.column_texts([c._replace(text=f"<{t}>") for c, t in zip(_POOL, texts, strict=True)]) == [
        f"<{t}>" for t in texts
    ]  # the reader's text is the one compared
    fresh = [Cell(*c) for c in _POOL]  # new objects beside known ones, each twice
    dated = [Cell("ok", "", dt.date(2018, 3, d), 43160.0 + d) for d in (9, 10)]
    blank = Cell("blank", "")
    assert hints.column_days(dated) == [dt.date(2018, 3, 9), dt.date(2018, 3, 10)]  # taken as it is
    assert hints.column_days([blank, *dated, blank]) == [dt.date.min, *(c.value for c in dated), dt.date.min]
    timed = Cell("ok", "", dt.datetime(2018, 3, 11, 9, 30), 43170.4)
    assert hints.column_days([*dated, timed, blank]) == [c.value for c in dated] + [dt.date(2018, 3, 11)] + [
        dt.date.min
    ]
    days = [dt.date.min, dt.date.min, dt.date(2018, 3, 9)] + [dt.date.min] * 3
    assert hints.column_days(_POOL) == days
    assert hints.column_days([*fresh, *_POOL]) == days * 2


@pytest.mark.parametrize("which", ["2018", "library"])
def test_the_reader_keeps_the_texts_of_the_columns_the_hints_read(
    tmp_path: Path, std2018: Standard, which: str
) -> None:
    """With the 疑点 on, the reader keeps for each column the hints compare as texts the text of each of its
    cells (its key_text), makes the text-only columns (those only the records compared across centers read)
    as texts without cells, and gives no text to the cells of the other columns; the scores are the same."""
    import dataclasses

    from auditor.cycle.hints import key_text
    from auditor.engine import reading_hints
    from auditor.workbook.reader import read_workbook

    if which == "2018":
        standard, path = std2018, ROOT / "samples" / "2018" / "GM-03-醴泉街道康成社区党群服务中心.xlsx"
    else:
        standard = load_standard(LIBRARY_STANDARD)
        path = write_workbook(tmp_path / "library.xlsx", perfect_library())
    assert standard.hints is not None
    compared = standard.hints.compared()
    reading = reading_hints(standard)
    evidence = read_workbook(path, reading)
    with_cells = read_workbook(path, dataclasses.replace(reading, text_only={}))  # every column as cells
    kept = only = 0
    for name, table in evidence.tables.items():
        text_only = reading.text_only.get(name, frozenset())
        for column, texts in table.texts.items():
            assert column in compared.get(name, set())
            assert texts == [key_text(c) for c in with_cells.tables[name].cells[column]]
            kept += len(texts)
            only += column in text_only
            assert (column in table.cells) == (column not in text_only)
        for column, cells in table.cells.items():
            assert all((c.text is not None) == (column in table.texts) for c in cells)
            assert column in table.texts or column not in compared.get(name, set())
    assert kept > 100 and only >= (4 if which == "2018" else 0)
    on = audit_file(standard, path, AuditOptions(hints=True, hint_key=b"k" * 16))
    off = audit_file(standard, path, AuditOptions(hints=False))
    assert on.clauses == off.clauses and on.score == off.score

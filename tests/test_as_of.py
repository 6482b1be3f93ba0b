"""`--as-of DATE`: a workbook audited as it stands on a day of the year (../shared/spec/cycle.md).

The workbook: the worked full center (tests.builders.full_center), its 值班记录 on every official working
day of 2018, with every record dated after 30 June cut. Audited as of 30 June it meets every clause;
at the end of the year it lacks Jul-Dec.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import chinese_calendar
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks.asof import months_ended, prorated
from auditor.cli import cli
from auditor.engine import AuditOptions, audit, audit_file
from auditor.output.json_in import read_document
from auditor.output.json_out import document
from auditor.result import CenterResult, ClauseResult
from auditor.standard.loader import load_standard
from auditor.standard.model import RunContext, Standard
from auditor.workbook.reader import read_workbook
from tests.builders import STANDARD_2018, Sheets, drop_rows, full_center, write_workbook
from tests.library_builders import LIBRARY_STANDARD, open_days, perfect_library

JUNE_30, JUNE_15 = dt.date(2018, 6, 30), dt.date(2018, 6, 15)
DATED = {"活动记录": 0, "督查记录": 0, "值班记录": 0, "服务台账": 0}  # the date column of each dated table


def official_days(first: dt.date, last: dt.date) -> list[dt.date]:
    """The State Council's working days from first to last, straight from chinese-calendar: 2018's own
    notice (29 and 31 December, moved by the 2019 notice, keep their Monday-to-Friday status)."""
    days, day = [], first
    while day <= last:
        moved = day >= dt.date(2018, 12, 29)
        if (day.weekday() < 5) if moved else chinese_calendar.is_workday(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def cut_after(sheets: Sheets, last: dt.date) -> Sheets:
    """The workbook as it stood on `last`: every dated record after it removed."""
    for sheet, column in DATED.items():
        drop_rows(sheets, sheet, lambda row, c=column: isinstance(row[c], dt.date) and row[c] > last)
    return sheets


def half_year(**changes: Any) -> Sheets:
    sheets = full_center()
    sheets["值班记录"] = [["日期", "值班人"]] + [
        [d, "值班员"] for d in official_days(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    ]
    return cut_after(sheets, JUNE_30)


@pytest.fixture(scope="module")
def standard() -> Standard:
    return load_standard(STANDARD_2018)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("asof") / "上半年.xlsx", half_year())


def clause(center: CenterResult, clause_id: str) -> ClauseResult:
    return next(c for c in center.clauses if c.id == clause_id)


def points(center: CenterResult, *ids: str) -> dict[str, tuple[str, float]]:
    return {i: (clause(center, i).status, float(clause(center, i).earned)) for i in ids}


PERIOD_CLAUSES = ("2.8", "3.5", "3.6", "4.2", "4.3")


def test_the_official_working_days_of_the_first_half_of_2018() -> None:
    assert len(official_days(dt.date(2018, 1, 1), JUNE_30)) == 123
    assert len(official_days(dt.date(2018, 1, 1), JUNE_15)) == 114
    assert len(official_days(dt.date(2018, 1, 1), dt.date(2018, 12, 31))) == 250


def test_complete_to_30_june_scores_100_as_of_30_june(standard: Standard, workbook: Path) -> None:
    center = audit_file(standard, workbook, AuditOptions(as_of=JUNE_30))
    assert (center.score, center.grade, center.as_of) == (Decimal("100.0"), "优秀", "2018-06-30")
    assert all(c.status in ("pass", "not_applicable") for c in center.clauses if c.kind == "scored")
    assert points(center, *PERIOD_CLAUSES) == {
        "2.8": ("pass", 4.0),  # 123/123 working days
        "3.5": ("pass", 6.0),  # 6/6 months
        "3.6": ("pass", 2.0),  # 2 >= ceil(4 x 6 / 12) = 2
        "4.2": ("pass", 3.0),
        "4.3": ("pass", 2.0),  # 2/2 quarters
    }
    notes = {c.id: [f.message for f in c.findings] for c in center.clauses if c.id in PERIOD_CLAUSES}
    assert notes == {
        "2.8": ["截至6月30日，123个工作日均有记录"],
        "3.5": ["截至6月30日，已结束的6个月（1–6月）均有记录"],
        "3.6": ["截至6月30日，要求不少于2条（全年4条，按已结束的6个月折算），已有2条"],
        "4.2": ["截至6月30日，已结束的6个月（1–6月）均有记录"],
        "4.3": ["截至6月30日，已结束的2个季度（第1–2季度）均有记录"],
    }
    assert all(f.kind == "note" for c in center.clauses for f in c.findings if c.id in PERIOD_CLAUSES)


def test_the_same_workbook_at_the_end_of_the_year_lacks_july_to_december(
    standard: Standard, workbook: Path
) -> None:
    center = audit_file(standard, workbook)
    # 2.8: 123/250 working days < 80% -> 0 of 4; 3.5: 6 months x 0.5 -> 3 of 6; 3.6: 2 < 4 -> 0 of 2;
    # 4.2: 6 x 0.25 -> 1.5 of 3; 4.3: 2 quarters x 0.5 -> 1 of 2: 98 - 11.5 = 86.5 of the 98 that
    # apply (2.9 is for 街道 only), 86.5 / 98 = 88.27
    assert (center.score, center.grade, center.as_of) == (Decimal("88.3"), "良好", None)
    assert points(center, *PERIOD_CLAUSES) == {
        "2.8": ("fail", 0.0),
        "3.5": ("partial", 3.0),
        "3.6": ("fail", 0.0),
        "4.2": ("partial", 1.5),
        "4.3": ("partial", 1.0),
    }
    assert (
        clause(center, "2.8")
        .findings[0]
        .message.startswith("127/250个工作日无记录（需填写值班人），覆盖率49.2%")
    )
    assert [f.message for f in clause(center, "3.6").findings] == [
        "2018年活动类型=志愿服务的记录2条，要求不少于4条"
    ]


def test_as_of_15_june_counts_through_may(standard: Standard, tmp_path: Path) -> None:
    sheets = half_year()
    drop_rows(sheets, "活动记录", lambda r: r[0] == dt.date(2018, 3, 10))  # no 支部生活日 in March
    center = audit_file(
        standard, write_workbook(tmp_path / "缺3月.xlsx", sheets), AuditOptions(as_of=JUNE_15)
    )
    assert points(center, *PERIOD_CLAUSES) == {
        "2.8": ("pass", 4.0),  # 114/114 working days up to and including 15 June
        "3.5": ("partial", 5.5),  # 4 of the 5 months ended (January to May): March lacks, -0.5
        "3.6": ("fail", 0.0),  # 1 (20 March; 20 June is after the day) < ceil(4 x 5 / 12) = 2
        "4.2": ("pass", 3.0),  # January to May
        "4.3": ("pass", 2.0),  # the first quarter only
    }
    assert center.score == Decimal("97.4")  # 98 - 0.5 - 2 = 95.5 of 98
    found = {
        c.id: [(f.message, f.kind) for f in c.findings] for c in center.clauses if c.id in ("3.5", "3.6")
    }
    assert found == {
        "3.5": [("截至6月15日，已结束的5个月中2018年3月无活动类型=支部生活日记录", "defect")],
        "3.6": [
            (
                "截至6月15日，活动类型=志愿服务的记录1条，要求不少于2条（全年4条，按已结束的5个月折算）",
                "defect",
            ),
            ("第8行的日期晚于6月15日，未计入", "note"),  # 20 June
        ],
    }
    assert [f.message for f in clause(center, "4.3").findings] == [
        "截至6月15日，已结束的1个季度（第1季度）均有记录"
    ]
    assert [f.message for f in clause(center, "4.2").findings] == [
        "截至6月15日，已结束的5个月（1–5月）均有记录"  # 15 June's own visit counts, June has not ended
    ]


def test_working_days_through_the_day_with_the_official_calendar(standard: Standard, tmp_path: Path) -> None:
    sheets = half_year()
    gone = official_days(dt.date(2018, 1, 1), JUNE_30)[-7:]  # the last 7 working days of June
    drop_rows(sheets, "值班记录", lambda r: r[0] in gone)
    path = write_workbook(tmp_path / "缺7天.xlsx", sheets)
    center = audit_file(standard, path, AuditOptions(as_of=JUNE_30))
    result = clause(center, "2.8")
    assert (result.status, float(result.earned)) == ("partial", 2.0)  # 116/123 = 94.3%: the 80% tier
    assert result.findings[0].message == (
        "截至6月30日，7/123个工作日无记录（需填写值班人），覆盖率94.3%："
        + "、".join(d.isoformat() for d in gone)
    )


def test_a_day_outside_the_year_or_unreadable_is_a_usage_error(workbook: Path) -> None:
    runner = CliRunner()
    outside = runner.invoke(cli, ["check", str(workbook), "--year", "2018", "--as-of", "2019-01-02"])
    assert outside.exit_code == 2
    assert (
        outside.output.strip().splitlines()[-1]
        == "错误: '--as-of' 的值无效：2019-01-02 不在审核年度2018年内（--year 2018）"
    )
    bad = runner.invoke(cli, ["check", str(workbook), "--as-of", "6月30日"])
    assert bad.exit_code == 2
    assert (
        bad.output.strip().splitlines()[-1]
        == "错误: '--as-of' 的值无效：“6月30日”不是日期（应为 2018-06-30 这样的年-月-日）"
    )
    day = runner.invoke(cli, ["check", str(workbook), "--as-of", "2018-02-30"])
    assert day.exit_code == 2
    assert "“2018-02-30”不是日期" in day.stderr
    assert not outside.stdout and not bad.stdout and not day.stdout


def test_the_day_s_year_is_the_audit_year_without_year(standard: Standard, tmp_path: Path) -> None:
    sheets = half_year()
    path = write_workbook(tmp_path / "上半年.xlsx", sheets)
    center = audit_file(standard, path, AuditOptions(as_of=dt.date(2019, 6, 30)))
    assert center.year == 2019
    assert "检查年度为2018，按 --as-of 2019-06-30 检查" in center.warnings
    same = audit_file(standard, path, AuditOptions(as_of=JUNE_30))
    assert same.year == 2018 and not same.warnings


def test_the_cli_prints_and_writes_as_of(workbook: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(cli, ["check", str(workbook), "--as-of", "2018-06-30"])
    assert table.exit_code == 0, table.output
    assert "基础分 100.0 + 加分 0.0   截至2018年6月30日" in table.output
    assert "汇总（截至2018年6月30日）" in table.output
    out = runner.invoke(cli, ["check", str(workbook), "--as-of", "2018-6-30", "--format", "json"])
    doc = json.loads(out.stdout)
    assert doc["as_of"] == "2018-06-30" and doc["centers"][0]["as_of"] == "2018-06-30"
    assert doc["centers"][0]["score"] == 100.0
    plain = json.loads(runner.invoke(cli, ["check", str(workbook), "--format", "json"]).stdout)
    assert "as_of" not in plain and "as_of" not in plain["centers"][0]
    folder = tmp_path / "报告"
    report = runner.invoke(
        cli, ["report", str(workbook), "--as-of", "2018-06-30", "-o", str(folder), "-q", "--html"]
    )
    assert report.exit_code == 0, report.output
    (center_file,) = [p for p in folder.glob("*.xlsx") if "汇总" not in p.name]
    cover = openpyxl.load_workbook(center_file)["封面"]
    cells = {cover.cell(r, 1).value: cover.cell(r, 2).value for r in range(1, cover.max_row + 1)}
    assert cells["检查截至"] == "2018年6月30日（年中检查：只计截至该日已结束的月份、季度和工作日）"
    assert cells["考核得分"] == 100.0
    summary = openpyxl.load_workbook(folder / "汇总-2018.xlsx").worksheets[0]
    assert (
        summary["A4"].value == "检查截至：2018年6月30日（年中检查：只计截至该日已结束的月份、季度和工作日）"
    )
    (page,) = [p for p in (folder / "html").glob("*.html") if p.name != "index.html"]
    assert "<dt>检查截至</dt><dd>2018年6月30日（年中检查：只计截至该日已结束的月份、季度和工作日）</dd>" in (
        page.read_text("utf-8")
    )


def test_json_round_trip_keeps_as_of(standard: Standard, workbook: Path) -> None:
    center = audit_file(standard, workbook, AuditOptions(as_of=JUNE_30))
    doc = document(standard, [center], [], 2018)
    back = read_document(json.loads(json.dumps(doc)), standard)
    assert back.as_of == "2018-06-30" and back.centers[0].as_of == "2018-06-30"
    assert document(standard, list(back.centers), [], 2018) == doc


def test_the_library_standard_audits_as_of_its_own_periods(tmp_path: Path) -> None:
    library = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    cut = {"借阅登记": 0, "开放日志": 0, "读书活动": 0}
    for sheet, column in cut.items():
        drop_rows(
            sheets, sheet, lambda r, c=column: isinstance(r[c], dt.date) and r[c] > dt.date(2021, 6, 30)
        )
    path = write_workbook(tmp_path / "图书室.xlsx", sheets)
    mid = audit_file(library, path, AuditOptions(as_of=dt.date(2021, 6, 30)))
    end = audit_file(library, path)
    ids = ("L2.4", "L3.3", "L3.4", "L3.5")
    assert points(mid, *ids) == {
        "L2.4": ("pass", 4.0),
        "L3.3": ("pass", 4.0),
        "L3.4": ("pass", 3.0),
        "L3.5": ("pass", 2.0),  # 展览 1 (April) >= ceil(2 x 6 / 12) = 1
    }
    half = [d for d in open_days() if d <= dt.date(2021, 6, 30)]  # its own calendar: 129 - 2 + 1
    assert len(half) == 128
    assert [f.message for f in clause(mid, "L2.4").findings] == ["截至6月30日，128个工作日均有记录"]
    assert [f.message for f in clause(mid, "L3.5").findings] == [
        "截至6月30日，要求不少于1条（全年2条，按已结束的6个月折算），已有1条"
    ]
    assert (mid.base, mid.bonus, mid.score) == (Decimal("100.0"), Decimal("1.5"), Decimal("100.0"))
    # at the end of the year: 132/260 open days (0 of 4), 读书会 6 months x 0.5 (1 of 4), 讲座 2 quarters
    # x 1 (1 of 3), 展览 1 < 2 (0 of 2): 39 of 50 -> 78.0 + 1.5
    assert points(end, *ids) == {
        "L2.4": ("fail", 0.0),
        "L3.3": ("partial", 1.0),
        "L3.4": ("partial", 1.0),
        "L3.5": ("fail", 0.0),
    }
    assert (end.base, end.score) == (Decimal("78.0"), Decimal("79.5"))


# ---------------------------------------------------------------- any day of the year

MONTHS = {1: 28, 2: 1, 4: 30, 5: 15, 7: 31, 9: 2, 12: 31}  # months with a record, and its day


@pytest.fixture(scope="module")
def monthly(tmp_path_factory: pytest.TempPathFactory, standard: Standard) -> Any:
    sheets = full_center()
    activities: list[list[Any]] = [["日期", "活动类型", "主题", "参加人数", "记录人"]]
    activities += [[dt.date(2018, m, d), "支部生活日", "学习", 20, "李"] for m, d in MONTHS.items()]
    activities += [[dt.date(2018, m, d), "志愿服务", "清扫", 10, "李"] for m, d in MONTHS.items()]
    sheets["活动记录"] = activities
    path = write_workbook(tmp_path_factory.mktemp("monthly") / "月.xlsx", sheets)
    return read_workbook(path, standard)


def last_day(month: int) -> dt.date:
    return (dt.date(2018, month % 12 + 1, 1) if month < 12 else dt.date(2019, 1, 1)) - dt.timedelta(days=1)


@settings(max_examples=150, deadline=None)
@given(day=st.dates(dt.date(2018, 1, 1), dt.date(2018, 12, 31)))
def test_any_day_a_month_counts_iff_it_ended_and_a_count_is_prorated(
    day: dt.date, monthly: Any, standard: Standard
) -> None:
    by_id = {c.id: c for c in standard.clauses}
    ctx = RunContext(2018, standard.calendar, as_of=day)
    months = by_id["3.5"].check.run(monthly, ctx)
    ended = [m for m in range(1, 13) if last_day(m) <= day]
    assert months.items == [(f"2018年{m}月", m in MONTHS) for m in ended]
    assert months.passed == all(m in MONTHS for m in ended)
    assert months_ended(day) == len(ended)
    count = by_id["3.6"].check.run(monthly, ctx)
    wanted = math.ceil(4 * len(ended) / 12)
    assert prorated(4, day) == wanted
    have = sum(1 for m, d in MONTHS.items() if dt.date(2018, m, d) <= day)
    assert count.value == have and count.passed == (have >= wanted)
    assert all(
        f.message.startswith(f"截至{day.month}月{day.day}日")
        if f.code != "after-as-of"
        else f.message.endswith(f"晚于{day.month}月{day.day}日，未计入")
        for f in months.findings + count.findings
    )
    quarters = by_id["4.3"].check.run(monthly, ctx)  # 季督查 on 25 February, May, August, November
    assert quarters.items == [(f"2018年第{q}季度", True) for q in range(1, 5) if last_day(3 * q) <= day]
    duty = by_id["2.8"].check.run(monthly, ctx)  # 值班记录 on every Monday to Friday
    days = official_days(dt.date(2018, 1, 1), day)
    assert [d for d, _ in duty.items or []] == [d.isoformat() for d in days]
    assert [d for d, ok in duty.items or [] if not ok] == [
        d.isoformat() for d in days if d.weekday() >= 5
    ]  # the make-up Saturdays and Sundays (调休) the builder's weekdays lack


def test_no_period_ended_yet_costs_nothing(standard: Standard, workbook: Path) -> None:
    center = audit_file(standard, workbook, AuditOptions(as_of=dt.date(2018, 1, 20)))
    assert points(center, "3.5", "4.3", "3.6") == {
        "3.5": ("pass", 6.0),
        "4.3": ("pass", 2.0),
        "3.6": ("pass", 2.0),
    }
    assert [f.message for f in clause(center, "4.3").findings] == [
        "截至1月20日，尚无已结束的季度，不计缺漏",
        "第8、9行的日期晚于1月20日，未计入",  # 25 February and 25 May
    ]


def test_the_engine_without_as_of_is_unchanged(standard: Standard, workbook: Path) -> None:
    evidence = read_workbook(workbook, standard)
    assert audit(standard, evidence, 2018) == audit(standard, evidence, AuditOptions(year=2018, as_of=None))


def test_prorate_needs_a_date_column(tmp_path: Path) -> None:
    text = STANDARD_2018.read_text("utf-8")
    dated = "          where: [{column: 活动类型, value: 志愿服务}]\n          date_column: 日期\n"
    assert text.count(dated) == 1
    path = tmp_path / "标准.yaml"
    path.write_text(text.replace(dated, "          where: [{column: 活动类型, value: 志愿服务}]\n"), "utf-8")
    line = text[: text.index(dated)].count("\n") + 1 + 4  # the clause's `prorate:` line, one line up now
    done = CliRunner().invoke(cli, ["standard", "lint", str(path)])
    assert done.exit_code != 0
    assert (
        f"{path}:{line}: parts[2].clauses[5].check.prorate: prorate 需要 date_column（按日期折算全年要求）"
        in (done.output)
    )

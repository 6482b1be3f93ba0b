"""Clause 2.8 (a duty row on every working day) under the official calendar, and `calendar:` in a standard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditor.calendar import working_days
from auditor.engine import audit_file
from auditor.result import ClauseResult
from auditor.standard.loader import lint, load_standard
from auditor.standard.model import Calendar, Standard
from tests.builders import STANDARD_2018, full_center, weekdays, write_workbook

OFFICIAL_2018 = list(working_days(Calendar(official=True), 2018)[0])


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


def duty(
    std: Standard, tmp_path: Path, days: list[dt.date], year: int = 2018
) -> tuple[ClauseResult, list[str]]:
    sheets = full_center(year)
    sheets["值班记录"] = [["日期", "值班人"]] + [[d, "值班员"] for d in days]
    center = audit_file(std, write_workbook(tmp_path / "c.xlsx", sheets))
    return next(c for c in center.clauses if c.id == "2.8"), list(center.warnings)


def test_on_duty_every_official_working_day_passes_in_full(std: Standard, tmp_path: Path) -> None:
    clause, warnings = duty(std, tmp_path, OFFICIAL_2018)
    assert len(OFFICIAL_2018) == 250
    assert (clause.status, clause.earned, clause.findings) == ("pass", 4, ())
    assert not any("工作日按周一至周五" in w for w in warnings)


def test_monday_to_friday_with_holidays_but_no_make_up_days_is_244_of_250(
    std: Standard, tmp_path: Path
) -> None:
    clause, _ = duty(std, tmp_path, weekdays(2018))
    assert (clause.status, clause.earned) == ("pass", 4)  # 97.6% >= 95%
    (finding,) = clause.findings
    assert finding.message.startswith(
        "6/250个工作日无记录（需填写值班人），覆盖率97.6%：2018-02-11、2018-02-24"
    )
    assert finding.location == "值班记录!A1"


def test_holidays_off_are_not_missing_days(std: Standard, tmp_path: Path) -> None:
    on_duty = [d for d in OFFICIAL_2018 if d.month != 3]  # March off: 22 working days, 91.2% -> 2 points
    clause, _ = duty(std, tmp_path, on_duty)
    assert (clause.status, clause.earned) == ("partial", 2)
    assert clause.findings[0].message.startswith("22/250个工作日")


def test_a_year_no_calendar_knows_is_monday_to_friday_with_a_warning(std: Standard, tmp_path: Path) -> None:
    clause, warnings = duty(std, tmp_path, weekdays(2031), year=2031)
    assert (clause.status, clause.earned) == ("pass", 4)
    assert "2031年的法定节假日和调休安排未知（标准的 calendar 未列出该年），工作日按周一至周五计" in warnings


def test_a_standard_lists_a_year_itself(tmp_path: Path) -> None:
    text = STANDARD_2018.read_text(encoding="utf-8").replace(
        "calendar:\n  official: true\n",
        "calendar:\n  official: true\n  years:\n    - {year: 2031, holidays: [2031-01-01], workdays: [2031-01-04]}\n",
    )
    assert "2031-01-04" in text
    path = tmp_path / "std.yaml"
    path.write_text(text, encoding="utf-8")
    days, warning = working_days(load_standard(path, cache=False).calendar, 2031)
    assert (
        warning is None
        and len(days) == 261
        and dt.date(2031, 1, 4) in days
        and dt.date(2031, 1, 1) not in days
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{year: 2031, holidays: [2031-01-04]}", "2031-01-04不是周一至周五（holidays 只列周一至周五的日子）"),
        ("{year: 2031, workdays: [2031-01-06]}", "2031-01-06不是周末（workdays 只列周末的日子）"),
        ("{year: 2031, holidays: [2030-01-01]}", "“2030-01-01”不是2031年的日期"),
        ("{year: 2031, holidays: [国庆]}", "“国庆”不是2031年的日期"),
    ],
)
def test_a_bad_calendar_is_a_problem_at_its_line(tmp_path: Path, entry: str, message: str) -> None:
    text = STANDARD_2018.read_text(encoding="utf-8").replace(
        "calendar:\n  official: true\n", f"calendar:\n  official: true\n  years:\n    - {entry}\n"
    )
    path = tmp_path / "std.yaml"
    path.write_text(text, encoding="utf-8")
    (problem,) = lint(path)
    assert (
        message in problem.message
        and problem.line is not None
        and problem.path.startswith("calendar.years[0]")
    )

"""A standard's own tests (``tests:``): read and checked with the standard, compared with audit results.

Each test names a workbook (relative to the standard's file) and what its audit must give: the
``score``, ``grade`` and ``veto``, and for any clause its ``status`` and/or ``earned`` points;
``others: pass`` says every clause not listed passes with full points. :func:`build_tests` reads
them while the standard is built (a clause id the standard does not have, a grade it does not
give, more points than a clause has are problems at their lines); :func:`compare` tells the
differences between a test and the audit of its workbook, as records the writers put in words.

Coverage, as ``lint`` reports it: a clause is *exercised* when a test states its status or points
(under ``clauses:``), or when the audit of a test's workbook loses points there (earned below the
clause's maximum; for a veto clause, the veto triggered). ``others: pass`` alone exercises nothing:
a clause that every test passes without saying so would not notice a changed threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from auditor.result import OUT_OF_SCORE, CenterResult, ClauseResult
from auditor.standard.model import ClauseExpectation, Standard, StandardTest, round_half_up
from auditor.standard.problems import Problem
from auditor.standard.suggest import did_you_mean
from auditor.standard.yaml_lines import Lines, YamlPath, format_path, locate

Add = Callable[[YamlPath, str], None]


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def build_tests(
    raw: Sequence[Mapping[str, Any]],
    data: Mapping[str, Any],
    grades: Iterable[str],
    lines: Lines,
    add: Add,
) -> tuple[StandardTest, ...]:
    """The tests as written (the schema has checked their shape and that of ``data``, the standard they
    belong to); each wrong reference is a problem."""
    points = {
        str(c["id"]): Decimal(str(c.get("points", c.get("cap", 0))))
        for part in data.get("parts", [])
        for c in part.get("clauses", [])
    }
    known_grades = list(dict.fromkeys(grades))
    tests: list[StandardTest] = []
    for i, entry in enumerate(raw):
        path: YamlPath = ("tests", i)
        grade = entry.get("grade")
        if grade is not None and grade not in known_grades:
            add((*path, "grade"), f"标准中没有等级“{grade}”（可选：{'、'.join(known_grades)}）")
        expected: list[tuple[str, ClauseExpectation]] = []
        for cid, spec in (entry.get("clauses") or {}).items():
            cid = str(cid)
            if cid not in points:
                add((*path, "clauses", cid), f"标准中没有条款“{cid}”{did_you_mean(cid, points)}")
                continue
            earned = _decimal(spec.get("earned"))
            if earned is not None and earned > points[cid]:
                add(
                    (*path, "clauses", cid, "earned"),
                    f"预期 {earned} 分，超过条款“{cid}”的分值 {points[cid]}",
                )
            expected.append((cid, ClauseExpectation(spec.get("status"), earned)))
        tests.append(
            StandardTest(
                workbook=str(entry["workbook"]),
                name=str(entry.get("name", "")),
                score=_decimal(entry.get("score")),
                grade=grade,
                veto=entry.get("veto"),
                clauses=tuple(expected),
                others=entry.get("others"),
                year=entry.get("year"),
                line=locate(lines, path, "")[1],
            )
        )
    return tuple(tests)


def workbook_path(standard: Standard, test: StandardTest) -> Path:
    """Where a test's workbook is: relative to the standard's file (the overlay's own, for an overlay)."""
    folder = standard.source.parent if standard.source is not None else Path()
    return folder / test.workbook


# ---------------------------------------------------------------- comparing with the audit

What = Literal["score", "grade", "veto", "clause"]


@dataclass(frozen=True)
class Difference:
    """One way the audit differs from what the test expects. For a clause, ``expected`` is the test's
    :class:`ClauseExpectation` and ``actual`` the audit's (status and points); otherwise the values."""

    what: What
    expected: object
    actual: object
    clause: str = ""


def _actual(result: ClauseResult) -> ClauseExpectation:
    return ClauseExpectation(result.status, round_half_up(result.earned, 2))


def _full(result: ClauseResult) -> ClauseExpectation:
    return ClauseExpectation("pass", round_half_up(result.max, 2))


def _holds(expected: ClauseExpectation, actual: ClauseExpectation) -> bool:
    return (expected.status is None or expected.status == actual.status) and (
        expected.earned is None or expected.earned == actual.earned
    )


def compare(test: StandardTest, result: CenterResult) -> list[Difference]:
    """Every difference between the test and the audit of its workbook, in the order score, grade, veto,
    then the clauses in the standard's order."""
    out: list[Difference] = []
    if test.score is not None and test.score != result.score:
        out.append(Difference("score", test.score, result.score))
    if test.grade is not None and test.grade != result.grade:
        out.append(Difference("grade", test.grade, result.grade))
    if test.veto is not None and test.veto != result.veto:
        out.append(Difference("veto", test.veto, result.veto))
    stated = dict(test.clauses)
    for clause in result.clauses:
        wanted = stated.get(clause.id)
        if wanted is None and test.others == "pass":
            wanted = _full(clause)
        if wanted is not None and not _holds(wanted, _actual(clause)):
            out.append(Difference("clause", wanted, _actual(clause), clause.id))
    return out


@dataclass(frozen=True)
class Run:
    """A test as run: its label, its workbook, and the differences (or why the workbook could not be read)."""

    test: StandardTest
    label: str
    workbook: str
    differences: tuple[Difference, ...] = ()
    error: str = ""
    result: CenterResult | None = None

    @property
    def passed(self) -> bool:
        return not self.error and not self.differences


def label(test: StandardTest, result: CenterResult | None) -> str:
    """How a test is named in the output: its name, else the center id of its workbook, else the file."""
    if test.name:
        return test.name
    if result is not None and result.center_id:
        return result.center_id
    return Path(test.workbook).name


# ---------------------------------------------------------------- coverage


def stated(standard: Standard) -> set[str]:
    """The clauses some test states the status or points of."""
    return {cid for test in standard.tests for cid, _ in test.clauses}


def losing(results: Iterable[CenterResult]) -> set[str]:
    """The clauses where some audited workbook loses points (or triggers the veto)."""
    return {
        c.id
        for result in results
        for c in result.clauses
        if c.status not in OUT_OF_SCORE and (c.earned < c.max or (c.kind == "veto" and c.status == "fail"))
    }


def uncovered(standard: Standard, exercised: set[str]) -> list[str]:
    """The ids of clauses no test exercises, in the standard's order."""
    return [c.id for c in standard.clauses if c.id not in exercised]


def coverage_warnings(standard: Standard, lines: Lines, file: str, exercised: set[str]) -> list[Problem]:
    """A warning at each clause no test exercises (at the line of its id), or one when there is no test."""
    if not standard.tests:
        return [
            Problem(
                file,
                None,
                "",
                "标准没有测试（tests:），改动标准时无法知道它对得分的影响（见 standards/README.md）",
            )
        ]
    out = []
    for p, part in enumerate(standard.parts):
        for c, clause in enumerate(part.clauses):
            if clause.id not in exercised:
                path: YamlPath = ("parts", p, "clauses", c, "id")
                where, line = locate(lines, path, file)
                message = f"条款“{clause.id}”没有测试覆盖：没有测试写明它的结果，也没有测试的检查表在这里失分"
                out.append(Problem(where, line, format_path(path[:-1]), message))
    return out

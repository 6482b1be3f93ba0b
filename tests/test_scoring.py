"""Credit modes, statuses and totals: exact numbers, and hypothesis invariants."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.checks.count import RowCountCheck
from auditor.engine import run_clause
from auditor.result import ClauseResult, Finding, Outcome
from auditor.scoring import earned_points, round_half_up, status_of, totals, veto_triggered
from auditor.standard.build import build_standard
from auditor.standard.model import Clause, Credit, RunContext, Standard, Tier
from auditor.standard.problems import Problem
from auditor.workbook.evidence import Cell, Evidence, TableSheet

DUMMY = RowCountCheck("s", (), None, ">=", 1, "missing")


def make(
    points: str = "6",
    mode: str = "all_or_nothing",
    kind: str = "scored",
    per: str | None = None,
    tiers: tuple[tuple[str, str], ...] = (),
) -> Clause:
    credit = Credit(
        mode,  # type: ignore[arg-type]
        Decimal(per) if per else None,
        tuple(Tier(Decimal(a), Decimal(b)) for a, b in tiers),
    )
    return Clause("x", "t", "p", kind, Decimal(points), DUMMY, credit)  # type: ignore[arg-type]


def items(ok: int, bad: int) -> list[tuple[str, bool]]:
    return [(f"i{i}", True) for i in range(ok)] + [(f"j{i}", False) for i in range(bad)]


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(5, 100), 1, "0.1"),
        (Fraction(25, 100), 1, "0.3"),
        (Fraction(2675, 1000), 2, "2.68"),
        (Fraction(9500, 98) + 2, 1, "98.9"),
        (Fraction(-5, 100), 1, "0.0"),
        (Fraction(1, 3), 2, "0.33"),
        (Fraction(2, 3), 2, "0.67"),
        (Fraction(100), 1, "100.0"),
        (Fraction(0), 1, "0.0"),
    ],
)
def test_round_half_up(value: Fraction, places: int, expected: str) -> None:
    assert str(round_half_up(value, places)) == expected


def test_all_or_nothing() -> None:
    assert earned_points(make("3"), Outcome(passed=True)) == 3
    assert earned_points(make("3"), Outcome(passed=False)) == 0
    assert earned_points(make("3"), Outcome(passed=True, missing=True)) == 0


def test_per_item() -> None:
    assert earned_points(make("12", "per_item"), Outcome(items=items(5, 1))) == 10
    assert earned_points(make("3", "per_item"), Outcome(items=items(5, 1))) == Fraction(5, 2)
    assert earned_points(make("2", "per_item"), Outcome(items=items(1, 2))) == Fraction(2, 3)
    assert earned_points(make("2", "per_item"), Outcome(items=[])) == 0


def test_deduct_floored_at_zero() -> None:
    assert earned_points(make("6", "deduct", per="0.5"), Outcome(items=items(10, 2))) == 5
    assert earned_points(make("3", "deduct", per="0.25"), Outcome(items=items(0, 12))) == 0
    assert earned_points(make("2", "deduct", per="0.5"), Outcome(items=items(0, 4))) == 0
    assert earned_points(make("1", "deduct", per="0.5"), Outcome(items=items(0, 12))) == 0


@pytest.mark.parametrize(("points", "per"), [("2", "2"), ("0.5", "0.5"), ("3", "3")])
def test_deduct_per_equal_to_points(points: str, per: str) -> None:
    """The boundary lint allows (per == points): no defect keeps every point, one defect takes them all."""
    clause = make(points, "deduct", per=per)
    full, one, two = (Outcome(items=items(4, bad)) for bad in (0, 1, 2))
    assert earned_points(clause, full) == Fraction(points)
    assert status_of(clause, full, earned_points(clause, full)) == "pass"
    assert earned_points(clause, one) == 0
    assert status_of(clause, one, earned_points(clause, one)) == "fail"
    assert earned_points(clause, two) == 0


def coverage_standard(points: str, per: str) -> tuple[Standard | None, list[Problem]]:
    """A standard of one coverage clause (two values) credited `deduct` with `per`."""
    clause = {
        "id": "1.1",
        "title": "岗位齐全",
        "points": float(points),
        "check": {"type": "coverage", "sheet": "岗位表", "column": "岗位", "values": ["甲岗", "乙岗"]},
        "credit": {"mode": "deduct", "per": float(per)},
    }
    data = {
        "id": "t",
        "title": "t",
        "version": "1",
        "total": float(points),
        "grades": [{"name": "合格", "min": 60}],
        "center": {"sheet": "信息", "id": "编号", "name": "名称"},
        "layout": [
            {"name": "信息", "kind": "form", "fields": [{"name": "编号"}, {"name": "名称"}]},
            {"name": "岗位表", "kind": "table", "columns": [{"name": "岗位"}]},
        ],
        "parts": [{"id": "1", "title": "p", "clauses": [clause]}],
    }
    return build_standard(data, {}, "t.yaml")


def posts(*values: str) -> Evidence:
    cells = [Cell("ok", "", value, value) for value in values]
    table = TableSheet("岗位表", "岗位表", 1, {"岗位": "A"}, list(range(2, 2 + len(values))), {"岗位": cells})
    return Evidence("t.xlsx", tables={"岗位表": table})


def test_deduct_per_equal_to_points_through_the_loader_and_the_engine() -> None:
    standard, problems = coverage_standard("2", "2")
    assert standard is not None, problems
    clause = standard.clauses[0]
    assert (clause.credit.mode, clause.credit.per) == ("deduct", Decimal("2"))
    ctx = RunContext(2018)
    full = run_clause(clause, posts("甲岗", "乙岗"), ctx)
    assert (full.status, full.earned) == ("pass", 2)
    one = run_clause(clause, posts("甲岗", "甲岗"), ctx)
    assert (one.status, one.earned) == ("fail", 0)
    assert [(f.kind, f.code) for f in one.findings] == [("defect", "item-absent")]
    refused, problems = coverage_standard("2", "2.5")
    assert refused is None
    assert [p.path for p in problems] == ["parts[0].clauses[0].credit.per"]


def test_proportional_rounds_to_two_decimals() -> None:
    assert earned_points(make("3", "proportional"), Outcome(value=Fraction(4, 7))) == Fraction("1.71")
    assert earned_points(make("3", "proportional"), Outcome(value=Fraction(5, 6))) == Fraction("2.5")
    assert earned_points(make("3", "proportional"), Outcome(value=Fraction(1))) == 3


def test_tiers_first_met_wins() -> None:
    clause = make("4", "tiers", tiers=(("0.95", "4"), ("0.8", "2")))
    assert earned_points(clause, Outcome(value=Fraction(95, 100))) == 4
    assert earned_points(clause, Outcome(value=Fraction(9499, 10000))) == 2
    assert earned_points(clause, Outcome(value=Fraction(8, 10))) == 2
    assert earned_points(clause, Outcome(value=Fraction(79, 100))) == 0
    assert earned_points(clause, Outcome(value=None)) == 0


def test_per_unit_bonus_capped() -> None:
    clause = make("3", "per_unit", kind="bonus", per="1")
    assert earned_points(clause, Outcome(value=Fraction(2))) == 2
    assert earned_points(clause, Outcome(value=Fraction(7))) == 3
    assert status_of(clause, Outcome(value=Fraction(7)), Fraction(3)) == "pass"
    assert status_of(clause, Outcome(value=Fraction(2)), Fraction(2)) == "partial"
    assert status_of(clause, Outcome(value=Fraction(0)), Fraction(0)) == "fail"
    assert status_of(clause, Outcome(missing=True), Fraction(0)) == "fail"  # never missing for a bonus


def test_statuses() -> None:
    clause = make("6")
    assert status_of(clause, Outcome(passed=True), Fraction(6)) == "pass"
    assert status_of(clause, Outcome(passed=False), Fraction(0)) == "fail"
    assert status_of(clause, Outcome(missing=True), Fraction(0)) == "missing"
    error = Outcome(passed=False, findings=[Finding("x", "s!A1", "error")])
    assert status_of(clause, error, Fraction(0)) == "error"
    veto = make("0", kind="veto")
    assert (
        status_of(veto, Outcome(passed=False), Fraction(0)),
        veto_triggered(veto, Outcome(passed=False)),
    ) == ("fail", True)
    assert (status_of(veto, error, Fraction(0)), veto_triggered(veto, error)) == ("error", False)
    assert veto_triggered(veto, Outcome(missing=True, passed=False)) is False


def std() -> Standard:
    from auditor.standard.loader import load_standard
    from tests.builders import STANDARD_2018

    return load_standard(STANDARD_2018)


STD = std()


def result(kind: str, status: str, earned: Fraction, maximum: Fraction) -> ClauseResult:
    return ClauseResult("x", "t", "p", kind, status, earned, maximum, ())  # type: ignore[arg-type]


clause_results = st.lists(
    st.tuples(
        st.sampled_from(["scored", "scored", "scored", "bonus"]),
        st.integers(0, 20),  # max in quarter points
        st.fractions(0, 1),  # share earned
        st.booleans(),  # applicable
    ),
    min_size=1,
    max_size=30,
).map(
    lambda rows: [
        result(
            kind,
            "pass" if applicable else "not_applicable",
            Fraction(m, 4) * share if applicable else Fraction(0),
            Fraction(m, 4),
        )
        for kind, m, share, applicable in rows
    ]
)


@given(clause_results, st.booleans())
def test_score_within_0_and_100_and_veto_fails(results: list[ClauseResult], vetoed: bool) -> None:
    t = totals(STD, results, vetoed)
    assert Decimal(0) <= t.final <= Decimal(100)
    assert t.final == t.final.quantize(Decimal("0.1"))
    if vetoed:
        assert t.grade == STD.veto_grade
    else:
        assert t.grade == STD.grade_for(t.final)


@given(clause_results, st.integers(1, 40))
def test_not_applicable_never_lowers_a_score(results: list[ClauseResult], points: int) -> None:
    """A clause that does not apply can only help, compared with the same clause applying and earning 0."""
    maximum = Fraction(points, 4)
    applied = totals(STD, [*results, result("scored", "fail", Fraction(0), maximum)], False)
    exempt = totals(STD, [*results, result("scored", "not_applicable", Fraction(0), maximum)], False)
    assert exempt.final >= applied.final


@given(st.integers(0, 20), st.integers(0, 20), st.sampled_from(["per_item", "deduct"]))
def test_item_credit_within_bounds_and_monotone(ok: int, bad: int, mode: str) -> None:
    clause = make("6", mode, per="0.5" if mode == "deduct" else None)
    earned = earned_points(clause, Outcome(items=items(ok, bad)))
    assert 0 <= earned <= 6
    better = earned_points(clause, Outcome(items=items(ok + 1, max(bad - 1, 0))))
    assert better >= earned


@given(st.fractions(0, 1), st.fractions(0, 1))
def test_proportional_and_tiers_monotone(a: Fraction, b: Fraction) -> None:
    low, high = sorted((a, b))
    for clause in (make("3", "proportional"), make("4", "tiers", tiers=(("0.95", "4"), ("0.8", "2")))):
        assert (
            0
            <= earned_points(clause, Outcome(value=low))
            <= earned_points(clause, Outcome(value=high))
            <= clause.points
        )


def test_totals_worked_example() -> None:
    results = [
        result("scored", "pass", Fraction(95), Fraction(98)),
        result("scored", "not_applicable", Fraction(0), Fraction(2)),
        result("bonus", "partial", Fraction(2), Fraction(3)),
    ]
    t = totals(STD, results, False)
    assert (t.final, t.base_rounded, t.bonus_rounded, t.grade) == (
        Decimal("98.9"),
        Decimal("96.9"),
        Decimal("2.0"),
        "优秀",
    )
    capped = totals(STD, [dataclasses.replace(results[0], earned=Fraction(98)), results[2]], False)
    assert capped.final == Decimal("100.0")


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("90.0", "优秀"),
        ("89.9", "良好"),
        ("80.0", "良好"),
        ("79.9", "合格"),
        ("60.0", "合格"),
        ("59.9", "不合格"),
        ("0.0", "不合格"),
    ],
)
def test_grade_bands(score: str, grade: str) -> None:
    assert STD.grade_for(Decimal(score)) == grade

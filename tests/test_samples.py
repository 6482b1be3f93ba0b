"""The shipped samples: the results the shipped standard's tests state (standards/dqfwzx-2018.yaml,
``tests:``) follow from their clauses by the README's rules and hold for the workbooks, every clause the
tests state is explained by a note of samples/gen/expected.py, the README's table is rendered from them,
and the generator still makes the committed files."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from auditor.engine import audit_file
from auditor.result import CenterResult
from auditor.standard.model import Standard
from samples import make_samples
from samples.gen.build import write_samples
from samples.gen.centers import CENTERS
from samples.gen.expected import EXPECTED, NOTES, Expected
from samples.gen.readme import README, current_block, render
from tests.builders import ROOT

SAMPLES = ROOT / "samples" / "2018"
RECORDED = ROOT / "tests" / "data" / "samples-2018-check.json"


@pytest.fixture(scope="module")
def results(std2018: Standard) -> dict[str, CenterResult]:
    return {p.name: audit_file(std2018, p) for p in sorted(SAMPLES.glob("*.xlsx"))}


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    """The recorded `audit check --format json samples` by center id."""
    centers: list[dict[str, Any]] = json.loads(RECORDED.read_text(encoding="utf-8"))["centers"]
    return {c["center_id"]: c for c in centers}


def test_fifteen_samples_every_grade(results: dict[str, CenterResult]) -> None:
    assert len(results) == 15
    assert {r.grade for r in results.values()} == {"优秀", "良好", "合格", "不合格"}
    assert sum(r.veto for r in results.values()) == 1
    assert "街道" in {r.type for r in results.values()}


def test_one_expectation_per_center_and_one_file_per_center() -> None:
    assert [e.code for e in EXPECTED] == [c.code for c in CENTERS]
    assert sorted(p.name for p in SAMPLES.glob("*.xlsx")) == sorted(c.file_name for c in CENTERS)


@pytest.mark.parametrize("e", EXPECTED, ids=[e.code for e in EXPECTED])
def test_the_stated_results_follow_from_the_stated_clauses(e: Expected) -> None:
    """What a test states of the whole center (score, grade, veto) is what its clauses give by the rules
    samples/README.md states: the expectations are consistent before any workbook is read."""
    assert e.test.others == "pass"
    assert (e.test.score, e.test.grade, e.test.veto) == (e.final, e.grade, e.veto)


@pytest.mark.parametrize("e", EXPECTED, ids=[e.code for e in EXPECTED])
def test_every_stated_clause_has_a_note_and_every_note_a_stated_clause(e: Expected) -> None:
    """A clause a test states is explained in the README (save a clause that does not apply and a bonus
    not earned), and a note explains only what a test states."""
    kinds = {c.id: c.kind for c in e.standard.clauses}
    unearned_bonus = {cid for cid, w in e.test.clauses if kinds[cid] == "bonus" and w.status == "fail"}
    stated = {cid for cid, w in e.test.clauses if w.status != "not_applicable"} - unearned_bonus
    assert {clause for clause, _ in NOTES[e.code]} == stated


@pytest.mark.parametrize("e", EXPECTED, ids=[e.code for e in EXPECTED])
def test_sample_scores_match_hand_computation(results: dict[str, CenterResult], e: Expected) -> None:
    result = results[e.center.file_name]
    assert (result.center_id, result.type) == (e.code, e.center.type)
    assert result.applicable_max == e.applicable_max
    assert result.earned == e.earned
    assert (result.base, result.bonus, result.score) == (e.base, e.bonus, e.final)
    assert (result.grade, result.veto) == (e.grade, e.veto)


@pytest.mark.parametrize("e", EXPECTED, ids=[e.code for e in EXPECTED])
def test_recorded_json_matches_hand_computation(recorded: dict[str, Any], e: Expected) -> None:
    """Every number the expected results state or imply, against the recorded JSON of the samples:
    score, base, bonus, grade, veto, and each clause's status and points."""
    got = recorded[e.code]
    assert Path(got["file"]).name == e.center.file_name
    assert (got["type"], got["grade"], got["veto"]) == (e.center.type, e.grade, e.veto)
    assert [Decimal(str(got[k])) for k in ("score", "base", "bonus")] == [e.final, e.base, e.bonus]
    clauses = {c["id"]: (c["status"], Fraction(str(c["earned"]))) for c in got["clauses"]}
    assert clauses == e.clauses()


def statuses(result: CenterResult) -> dict[str, tuple[str, Fraction]]:
    return {c.id: (c.status, c.earned) for c in result.clauses}


def test_sample_details(results: dict[str, CenterResult]) -> None:
    gm10 = next(r for r in results.values() if r.center_id == "GM-10")
    duty = next(c for c in gm10.clauses if c.id == "2.8")
    assert duty.status == "error"
    assert next(f.message for f in duty.findings if f.kind == "error").startswith("日期无法识别：“国庆后”")
    gm15 = next(r for r in results.values() if r.center_id == "GM-15")
    assert statuses(gm15)["4.1"] == ("missing", 0)
    gm13 = next(r for r in results.values() if r.center_id == "GM-13")
    assert statuses(gm13)["2.7"] == ("missing", 0)
    gm09 = next(r for r in results.values() if r.center_id == "GM-09")
    assert gm09.veto_reasons == ("弄虚作假",)
    gm02 = next(r for r in results.values() if r.center_id == "GM-02")
    assert (gm02.score, statuses(gm02)["1.1"], statuses(gm02)["3.5"]) == (
        Decimal("98.9"),
        ("partial", 10),
        ("partial", 5),
    )


def test_readme_table_is_rendered_from_the_expected_results() -> None:
    """samples/README.md holds, between its markers, what `python samples/make_samples.py` writes there."""
    assert current_block(README.read_text(encoding="utf-8")) == render()


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.xlsx"))}


def test_generator_is_deterministic_and_committed_files_current(tmp_path: Path) -> None:
    """The script as the README runs it, and the generator called twice in this process, all write
    the committed bytes; --out leaves samples/ alone."""
    readme = README.read_bytes()
    done = subprocess.run(
        [sys.executable, "samples/make_samples.py", "--out", str(tmp_path / "script")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("wrote ") == 15
    committed = digests(SAMPLES)
    assert digests(tmp_path / "script") == committed
    assert make_samples.main(["--out", str(tmp_path / "main")]) == 0
    write_samples(tmp_path / "again")
    assert digests(tmp_path / "main") == digests(tmp_path / "again") == committed
    assert README.read_bytes() == readme


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_on_the_samples_is_unchanged_byte_for_byte(jobs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`audit check samples --format json` as recorded before the performance work (tests/data): every
    optimisation must leave it byte for byte the same, with one process or several."""
    monkeypatch.chdir(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--format", "json", "--jobs", jobs, "samples"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1  # two centers are 不合格
    assert done.stdout == RECORDED.read_bytes()

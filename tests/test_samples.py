"""The shipped samples: exact scores computed by hand in samples/make_samples.py, and the generator is current."""

from __future__ import annotations

import hashlib
import importlib.util
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import ModuleType

import pytest

from auditor.engine import audit_file
from auditor.result import CenterResult
from auditor.standard.model import Standard
from tests.builders import ROOT

SAMPLES = ROOT / "samples" / "2018"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "samples" / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = generator()


@pytest.fixture(scope="module")
def results(std2018: Standard) -> dict[str, CenterResult]:
    return {p.name: audit_file(std2018, p) for p in sorted(SAMPLES.glob("*.xlsx"))}


def test_fifteen_samples_every_grade(results: dict[str, CenterResult]) -> None:
    assert len(results) == 15
    assert {r.grade for r in results.values()} == {"优秀", "良好", "合格", "不合格"}
    assert sum(r.veto for r in results.values()) == 1
    assert "街道" in {r.type for r in results.values()}


@pytest.mark.parametrize("row", MAKE.EXPECTED, ids=[e[0] for e in MAKE.EXPECTED])
def test_sample_scores_match_hand_computation(
    results: dict[str, CenterResult], row: tuple[object, ...]
) -> None:
    code, name, kind, earned, applicable, base, bonus, final, grade, veto = row
    result = results[str(name)]
    assert (result.center_id, result.type) == (code, kind)
    assert result.applicable_max == applicable
    assert round(float(result.earned), 2) == earned
    assert result.base == Decimal(str(base)).quantize(Decimal("0.1"))
    assert result.bonus == Decimal(str(bonus)).quantize(Decimal("0.1"))
    assert result.score == Decimal(str(final)).quantize(Decimal("0.1"))
    assert (result.grade, result.veto) == (grade, veto)


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


def test_generator_is_deterministic_and_committed_files_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MAKE, "OUT_DIR", tmp_path)
    MAKE.main()
    made = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.glob("*.xlsx")}
    committed = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SAMPLES.glob("*.xlsx")}
    assert made == committed


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_on_the_samples_is_unchanged_byte_for_byte(jobs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`audit check samples --format json` as recorded before the performance work (tests/data): every
    optimisation must leave it byte for byte the same, with one process or several."""
    import subprocess
    import sys

    monkeypatch.chdir(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--format", "json", "--jobs", jobs, "samples"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1  # two centers are 不合格
    assert done.stdout == (ROOT / "tests" / "data" / "samples-2018-check.json").read_bytes()

"""Every sample typed again from scratch as a clerk's own ledger (tests/retyped.py: merged titles, two
pairs a form row, 序号, units in headers and cells, √ and 已建立, numbered items, a value merged down,
month sections, 合计 and 填表人 lines, dates typed with their weekday or dotted, a two-row header, zero-width
characters): the same score, grade, veto, and status and points of every clause as the sample, the same
defects but for their row numbers, and a note naming each row not counted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.engine import audit_file
from auditor.result import CenterResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from tests import hostile
from tests.builders import NO_HINTS, ROOT, STANDARD_2018, scored
from tests.retyped import retype

SAMPLES = sorted((ROOT / "samples" / "2018").glob("*.xlsx"))


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


def defects(center: CenterResult) -> list[tuple[str, str, str]]:
    """Each clause's findings other than notes, row numbers and echoed yes words left out (the ledger
    has other rows; 是 is typed √)."""
    return [
        (c.id, f.kind, re.sub(r"第[\d、]+行", "第N行", f.message).replace("为√", "为是").replace("0次", "0"))
        for c in center.clauses
        for f in c.findings
        if f.kind != "note"
    ]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name[:5])
def test_a_sample_retyped_as_a_clerks_ledger_scores_as_the_sample(
    std: Standard, tmp_path: Path, sample: Path
) -> None:
    clean = audit_file(std, sample, NO_HINTS)
    sections = retype(std, sample, tmp_path / sample.name)
    typed = audit_file(std, tmp_path / sample.name, NO_HINTS)
    assert (typed.score, typed.grade, typed.veto, typed.base, typed.bonus) == (
        clean.score,
        clean.grade,
        clean.veto,
        clean.base,
        clean.bonus,
    )
    assert scored(typed) == scored(clean)
    assert defects(typed) == defects(clean)
    assert typed.warnings == clean.warnings
    notes = {(f.message, f.location) for c in typed.clauses for f in c.findings if f.code == "row-skipped"}
    words = [m for m, _ in notes]
    assert any(m.endswith("“合计”是合计行，不计为记录") and "人员岗位" in where for m, where in notes)
    assert sum(bool(re.search(r"“[一二三四五六七八九十]+月份”是分段标题行", m)) for m in words) == sections
    assert any("“注：制度均已上墙公示”是表尾" in m for m in words)
    assert any("“填表人：王芳    审核人：李强    …”是表尾" in m for m in words)


@pytest.mark.skipif(hostile.soffice() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("target", ["xls", "ods"])
def test_a_retyped_ledger_saved_by_libreoffice_scores_as_the_sample(
    std: Standard, tmp_path: Path, target: str
) -> None:
    # the merges (title, 类别, month sections, the two-row header) as .xls and .ods store them
    chosen = [s for s in SAMPLES if s.name.startswith(("GM-02", "GM-08"))]
    typed = [tmp_path / s.name for s in chosen]
    for sample, path in zip(chosen, typed, strict=True):
        retype(std, sample, path)
    saved = hostile.convert(typed, target, tmp_path / target, tmp_path / "lo-profile")
    for sample, path in zip(chosen, saved, strict=True):
        clean, again = audit_file(std, sample, NO_HINTS), audit_file(std, path, NO_HINTS)
        # an Excel boolean (GM-08's FALSE) is a number in .ods: the same 否, echoed as typed there
        echoed = (
            [(c, k, m.replace("为FALSE", "为0")) for c, k, m in defects(clean)] if target == "ods" else None
        )
        assert (again.score, scored(again), defects(again)) == (
            clean.score,
            scored(clean),
            echoed or defects(clean),
        )

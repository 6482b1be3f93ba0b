"""`output/json_in` reads check's own JSON back: the same document comes out again, records as the engine's."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from auditor.errors import AuditError
from auditor.output.json_in import read_document, read_file
from auditor.output.json_out import center_dict, document, dumps
from auditor.standard.loader import default_standard_path, load_standard

RECORDED = Path(__file__).parent / "data" / "samples-2018-check.json"


def test_round_trip_of_the_samples_document_is_byte_for_byte() -> None:
    standard = load_standard(default_standard_path())
    doc = read_file(RECORDED, standard)
    assert len(doc.centers) == 15 and doc.year == 2018 and doc.errors == ()
    again = dumps(document(standard, list(doc.centers), list(doc.errors), None))
    assert again == RECORDED.read_text(encoding="utf-8")


def test_records_carry_exact_numbers_and_the_standard_s_clause_kinds() -> None:
    standard = load_standard(default_standard_path())
    doc = read_file(RECORDED, standard)
    gm02 = next(c for c in doc.centers if c.center_id == "GM-02")
    assert str(gm02.score) == "98.9" and not gm02.veto
    by_id = {c.id: c for c in gm02.clauses}
    assert by_id["1.1"].status == "partial" and by_id["1.1"].earned == Fraction(10) and by_id["1.1"].max == 12
    assert {c.kind for c in gm02.clauses} == {"scored", "bonus", "veto"}
    vetoed = next(c for c in doc.centers if c.center_id == "GM-09")
    assert vetoed.veto and vetoed.veto_reasons


def test_without_the_standard_clauses_read_as_scored_and_the_document_is_still_the_same() -> None:
    raw = json.loads(RECORDED.read_text(encoding="utf-8"))
    doc = read_document(raw)
    assert [center_dict(c) for c in doc.centers] == raw["centers"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"x": 1}, "缺少 centers"),
        ({"centers": [{"file": "a.xlsx"}]}, "缺少“score”"),
        (
            {"centers": [{"file": "a", "score": "高", "base": 1, "bonus": 0, "grade": "优", "veto": False}]},
            "score 应为数字",
        ),
    ],
)
def test_a_bad_document_is_one_line_naming_what_is_wrong(data: object, expected: str) -> None:
    with pytest.raises(AuditError, match=expected):
        read_document(data, None, "before.json")


def test_a_file_that_is_not_json(tmp_path: Path) -> None:
    bad = tmp_path / "before.json"
    bad.write_text("不是JSON", encoding="utf-8")
    with pytest.raises(AuditError, match="不是有效的 JSON"):
        read_file(bad)

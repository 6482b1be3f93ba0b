"""The weighted mean counts distinct cells at once: the same outcome as looking at the rows one by one."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks.mean import WeightedMeanCheck
from auditor.standard.model import RunContext
from auditor.workbook.cells import parse_column
from auditor.workbook.evidence import Cell, Evidence, TableSheet
from auditor.workbook.values import parse_text

WEIGHTS = (("满意", Fraction(100)), ("基本满意", Fraction(75)), ("不满意", Fraction(55)))
CHECK = WeightedMeanCheck("测评", "评价", WEIGHTS, ("不了解",), 3)


def _outcome(cells: list[Cell]) -> tuple[object, bool, list[tuple[str, str, str]]]:
    table = TableSheet("测评", "测评", 1, {"评价": "B"}, list(range(2, 2 + len(cells))), {"评价": cells})
    evidence = Evidence("x.xlsx", tables={"测评": table})
    out = CHECK.run(evidence, RunContext(2018, None))
    return out.value, out.missing, [(f.kind, f.location, f.message) for f in out.findings]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["满意", "基本满意", "不满意", "不了解", "", " ", "很好"]), max_size=30))
def test_shared_cells_count_as_rows(answers: list[str]) -> None:
    shared = parse_column(parse_text, answers, False)  # equal values share one cell, as the reader makes them
    apart = [Cell(*c) for c in shared]  # every row its own cell object
    assert _outcome(shared) == _outcome(apart)
    counted = [a for a in answers if a in dict(WEIGHTS)]
    if len(counted) >= 3 and len(counted) == len([a for a in answers if a.strip() and a != "不了解"]):
        assert _outcome(shared)[0] == sum(dict(WEIGHTS)[a] for a in counted) / len(counted)


def test_an_unknown_answer_is_named_at_its_row() -> None:
    cells = parse_column(parse_text, ["满意", "很好", "满意", "不满意", "满意"], False)
    value, missing, findings = _outcome(cells)
    assert value == Fraction(100 * 3 + 55, 4) and not missing
    assert findings[0] == ("error", "测评!B3", "评价无法识别：“很好”")

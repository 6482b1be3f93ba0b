"""The fast JSON writer is byte-identical to json.dumps(indent=2), and the streamed document to the whole one."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from auditor.engine import audit_file
from auditor.output.json_out import JsonStream, center_dict, center_text, document, dumps, pretty
from auditor.result import CenterResult, ClauseResult, FileError, Finding
from auditor.standard.model import Standard
from tests.builders import ROOT

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=30,
)


@given(json_values)
def test_pretty_equals_json_dumps(value: Any) -> None:
    assert pretty(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_stream_equals_document(std2018: Standard) -> None:
    centers = [audit_file(std2018, p) for p in sorted((ROOT / "samples" / "2018").glob("*.xlsx"))[:4]]
    errors = [FileError("x.xlsx", "不是电子表格文件")]
    stream = JsonStream(std2018)
    for center in centers:
        stream.add(center)
    out = io.BytesIO()
    stream.finish(errors, None, out)
    assert out.getvalue().decode("utf-8") == dumps(document(std2018, centers, errors, None))
    empty = JsonStream(std2018)
    out = io.BytesIO()
    empty.finish(errors, 2018, out)
    assert out.getvalue().decode("utf-8") == dumps(document(std2018, [], errors, 2018))


def test_stream_with_hints_found_during_the_batch_equals_document(std2018: Standard) -> None:
    """疑点 across centers rendered as they are found (some during the batch, the rest at the end) make the
    document the whole one makes."""
    from auditor.result import BatchHint, HintSide

    centers = [audit_file(std2018, p) for p in sorted((ROOT / "samples" / "2018").glob("*.xlsx"))[:3]]
    hints = [
        BatchHint(
            "shared-records",
            f"活动记录有{n}条记录完全相同：“引号”\\",
            HintSide("a.xlsx", "A", "甲", (f"活动记录!A{n}",)),
            HintSide("b.xlsx", None, None, ("活动记录!A9",)),
        )
        for n in (5, 6, 7)
    ]
    stream = JsonStream(std2018)
    stream.add(centers[0])
    stream.add_hints(hints[:1])
    stream.add(centers[1])
    stream.add_hints(hints[:2])
    stream.add(centers[2])
    out = io.BytesIO()
    stream.finish([], 2018, out, hints)
    text = out.getvalue().decode("utf-8")
    assert text == dumps(document(std2018, centers, [], 2018, hints))
    assert json.loads(text)["summary"]["hints"] == 3


_texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ['\n      "clauses": []', "第3行\n合计", '"引号"\\', "\x00\x1f\u2028"]
)
_findings = st.builds(Finding, _texts, _texts, st.sampled_from(["defect", "note", "error", "hint"]))
_points = st.fractions(min_value=0, max_value=200, max_denominator=1000)
_clauses = st.builds(
    ClauseResult,
    id=_texts,
    title=_texts,
    part_id=st.just("1"),
    kind=st.just("scored"),
    status=st.sampled_from(["pass", "partial", "fail", "missing", "not_applicable"]),
    earned=_points,
    max=_points,
    findings=st.lists(_findings, max_size=3).map(tuple),
    self_score=st.none() | st.decimals(min_value=0, max_value=100, places=1),
)


@given(st.lists(_clauses, max_size=4), st.lists(_findings, max_size=2), _texts)
def test_center_text_equals_the_generic_writer(
    clauses: list[ClauseResult], hints: list[Finding], name: str
) -> None:
    """The clauses written for their known shape make the text the generic writer makes of the center's dict
    (a text holding the clauses key's own line, quotes, line breaks and controls; no clauses at all)."""
    center = CenterResult(
        "a.xlsx", "A1", name, None, None, 2018, None, None, Decimal("85.5"), Decimal("80"), Decimal("5.5"),
        "合格", False, (), tuple(clauses), warnings=(name,), hints=tuple(hints),
    )  # fmt: skip
    assert center_text(center) == pretty(center_dict(center), "    ")


def test_center_text_of_every_sample_equals_the_generic_writer(std2018: Standard) -> None:
    for path in sorted((ROOT / "samples" / "2018").glob("*.xlsx")):
        center = audit_file(std2018, path)
        assert center.clauses and any(c.findings for c in center.clauses)
        assert center_text(center) == pretty(center_dict(center), "    ")

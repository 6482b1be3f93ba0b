"""The fast JSON writer is byte-identical to json.dumps(indent=2), and the streamed document to the whole one."""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from auditor.engine import audit_file
from auditor.output.json_out import JsonStream, document, dumps, pretty
from auditor.result import FileError
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

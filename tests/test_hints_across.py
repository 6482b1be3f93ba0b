"""疑点 across the centers of a batch: shared records at and below the threshold, one 专职 name in two
centers, identical answer sequences, and the parent's memory (one entry per distinct record)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.cycle.across import AcrossCenters
from auditor.cycle.hints import digest
from auditor.result import CenterResult, Signatures, TableSignature
from auditor.standard.model import HintsSpec, Standard
from tests.builders import full_center
from tests.test_hints import _with_rows, across, audit, own


@pytest.mark.parametrize(("shared", "expected"), [(6, True), (5, True), (4, False)])
def test_two_centers_sharing_activity_records(
    tmp_path: Path, std2018: Standard, shared: int, expected: bool
) -> None:
    a = own(full_center(), "甲")
    b = _with_rows(own(full_center(), "乙"), "活动记录", a["活动记录"][3 : 3 + shared])
    hints = across(std2018, audit(tmp_path, "a", a, std2018), audit(tmp_path, "b", b, std2018))
    if not expected:
        assert hints == []
        return
    (hint,) = hints
    assert hint.code == "shared-records"
    assert (hint.first.file, hint.second.file) == (str(tmp_path / "a.xlsx"), str(tmp_path / "b.xlsx"))
    assert (hint.first.center_id, hint.second.center_id) == ("T-甲", "T-乙")
    rows_a = "、".join(["活动记录!A4", *(f"A{r}" for r in range(5, 4 + shared))][:6])
    rows_b = "、".join(["活动记录!A18", *(f"A{r}" for r in range(19, 18 + shared))][:6])
    more = f" 等{shared}处" if shared > 6 else ""
    assert hint.first.cells == (rows_a + more,) and hint.second.cells == (rows_b + more,)
    assert hint.message == (
        f"活动记录有{shared}条记录完全相同：T-甲，甲社区党群服务中心（{tmp_path / 'a.xlsx'}） {rows_a}{more}；"
        f"T-乙，乙社区党群服务中心（{tmp_path / 'b.xlsx'}） {rows_b}{more}"
    )


def test_records_equal_after_normalisation_are_the_same_record(tmp_path: Path, std2018: Standard) -> None:
    """A date typed as text, a count with its unit, full-width blanks: the same record read."""
    a = own(full_center(), "甲")
    copied = [
        [f"{d.year}/{d.month}/{d.day}", kind, f"{topic}\u3000", f"{n}人", who]
        for d, kind, topic, n, who in a["活动记录"][1:6]
    ]
    b = _with_rows(own(full_center(), "乙"), "活动记录", copied)
    (hint,) = across(std2018, audit(tmp_path, "a", a, std2018), audit(tmp_path, "b", b, std2018))
    assert hint.code == "shared-records" and hint.second.cells == ("活动记录!A18、A19、A20、A21、A22",)


def test_one_full_time_name_in_two_centers(tmp_path: Path, std2018: Standard) -> None:
    a = own(full_center(), "甲")
    b = own(full_center(), "乙")
    b["人员岗位"].append(["员工甲1", "综合事务管理岗", "专职", "是", None])  # 专职 in 甲 too (row 3)
    b["人员岗位"].append(["员工甲4", "综合事务管理岗", "专职", "是", None])  # 兼职 in 甲: not the same claim
    hints = across(std2018, audit(tmp_path, "a", a, std2018), audit(tmp_path, "b", b, std2018))
    assert [(h.code, h.first.cells, h.second.cells) for h in hints] == [
        ("shared-staff", ("人员岗位!A3",), ("人员岗位!A8",))
    ]
    assert hints[0].message.startswith("姓名“员工甲1”在两个中心都列为专职：T-甲，甲社区党群服务中心（")


def test_identical_survey_answers_in_two_centers(tmp_path: Path, std2018: Standard) -> None:
    a = own(full_center(), "甲")
    b = own(full_center(), "乙")
    b["满意度测评"] = [["问卷编号", "评价"], *reversed(a["满意度测评"][1:])]  # same answers, rows reversed
    hints = across(std2018, audit(tmp_path, "a", a, std2018), audit(tmp_path, "b", b, std2018))
    assert [(h.code, h.first.cells, h.second.cells) for h in hints] == [
        ("shared-answers", ("满意度测评!A2…满意度测评!B41",), ("满意度测评!A41…满意度测评!B2",))
    ]


def bare(name: str, signatures: Signatures) -> CenterResult:
    """A center result with nothing but its name and signatures (what the parent's pass reads)."""
    zero = Decimal(0)
    return CenterResult(
        name, name, name, None, None, None, None, None, zero, zero, zero, "", False, (), (),
        signatures=signatures,
    )  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(shared=st.integers(0, 12), extra=st.integers(0, 30), minimum=st.integers(2, 8))
def test_a_hint_exactly_when_enough_records_are_shared(shared: int, extra: int, minimum: int) -> None:
    spec = HintsSpec(shared_min=minimum)
    key = b"x" * 16

    def center(name: str, records: list[str]) -> CenterResult:
        hashes = b"".join(digest(key, "t", r) for r in records)
        table = TableSignature("t", "t!A", hashes, tuple(range(2, 2 + len(records))))
        return bare(name, Signatures((table,)))

    common = [f"c{i}" for i in range(shared)]
    batch = AcrossCenters(spec)
    batch.add(center("a", [*common, *(f"a{i}" for i in range(extra))]))
    batch.add(center("b", [*(f"b{i}" for i in range(extra)), *common, *common]))  # a repeat counts once
    assert len(batch.hints) == (1 if shared >= minimum else 0)
    assert len(batch.records) == shared + 2 * extra  # one entry per distinct record, no more


def test_the_parent_holds_one_entry_per_distinct_record_for_many_centers() -> None:
    batch = AcrossCenters(HintsSpec())
    key = b"y" * 16
    for n in range(2000):
        hashes = b"".join(digest(key, "t", f"{n}-{i}") for i in range(40))
        table = TableSignature("t", "t!A", hashes, tuple(range(2, 42)))
        batch.add(bare(f"f{n}", Signatures((table,))))
    assert batch.hints == [] and len(batch.records) == 80_000

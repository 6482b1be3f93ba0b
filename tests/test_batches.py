"""A survey numbered again in each batch (批次 / 场次, a column the standard does not declare): a number
declared unique is unique within its batch, so 1–20 上半年 and 1–20 下半年 are 40 questionnaires, and the
疑点 do not call the numbers repeated. Without a batch column a repeated number still counts once."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine import AuditOptions, audit_file
from auditor.result import CenterResult, ClauseResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from tests.builders import STANDARD_2018, Sheets, full_center, write_workbook
from tests.library_builders import LIBRARY_STANDARD, perfect_library

HINTS = AuditOptions(hint_key=b"k" * 16)


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


@pytest.fixture(scope="module")
def library() -> Standard:
    return load_standard(LIBRARY_STANDARD)


def run(standard: Standard, tmp_path: Path, name: str, sheets: Sheets) -> CenterResult:
    path = tmp_path / f"{name}.xlsx"
    write_workbook(path, sheets)
    return audit_file(standard, path, HINTS)


def clause(center: CenterResult, cid: str) -> ClauseResult:
    return next(c for c in center.clauses if c.id == cid)


def skipped(result: ClauseResult) -> list[str]:
    return [f.location for f in result.findings if f.code == "row-skipped"]


def two_batches(header: list[str], answers: list[str], word: str, batch: bool) -> list[list[object]]:
    """The answers in two halves, each numbered from 1 (with the batch column when `batch`)."""
    half = len(answers) // 2
    rows: list[list[object]] = [[*header, word] if batch else list(header)]
    for i, answer in enumerate(answers):
        number = f"{i % half + 1:03d}"
        rows.append([number, answer, ("上半年" if i < half else "下半年")] if batch else [number, answer])
    return rows


def test_a_survey_numbered_in_each_batch_counts_every_questionnaire(std: Standard, tmp_path: Path) -> None:
    answers = ["满意"] * 30 + ["基本满意"] * 10  # index (30·100 + 10·75) / 40 = 93.75
    sheets = full_center()
    sheets["满意度测评"] = two_batches(["问卷编号", "评价"], answers, "批次", batch=True)
    center = run(std, tmp_path, "batched", sheets)
    survey = clause(center, "4.1")
    assert (survey.status, survey.earned) == ("pass", 6)
    assert [f.message for f in survey.findings] == ["有效样本40份，指数93.75"]
    assert skipped(survey) == []
    assert [h.code for h in center.hints if h.code == "repeated-number"] == []


def test_without_a_batch_column_a_repeated_number_counts_once(std: Standard, tmp_path: Path) -> None:
    answers = ["满意"] * 30 + ["基本满意"] * 10
    sheets = full_center()
    sheets["满意度测评"] = two_batches(["问卷编号", "评价"], answers, "批次", batch=False)
    center = run(std, tmp_path, "unbatched", sheets)
    survey = clause(center, "4.1")
    # numbers 001–020 twice: the second 20 rows (sheet rows 22–41) count once, 20 answers are too few
    assert (survey.status, survey.earned) == ("missing", 0)
    assert skipped(survey) == [f"满意度测评!A{r}" for r in range(22, 42)]
    assert [h.code for h in center.hints if h.code == "repeated-number"] == ["repeated-number"]


@pytest.mark.parametrize("word", ["场次", "批次（上/下半年）", "轮次"])
def test_the_library_standard_reads_its_own_batches(library: Standard, tmp_path: Path, word: str) -> None:
    answers = ["非常好"] * 8 + ["较好"] * 4  # min_count 10: 12 counted, 6 without the batches
    sheets = perfect_library()
    sheets["读者评议"] = two_batches(["评议编号", "评议等级"], answers, word, batch=True)
    batched = clause(run(library, tmp_path, "lib-batched", sheets), "L3.6")
    sheets["读者评议"] = two_batches(["评议编号", "评议等级"], answers, word, batch=False)
    alone = clause(run(library, tmp_path, "lib-alone", sheets), "L3.6")
    # (8·100 + 4·80) / 12 = 93.3 ≥ 85: 6 points
    assert (batched.status, batched.earned, skipped(batched)) == ("pass", 6, [])
    assert (alone.status, alone.earned) == ("missing", 0)
    assert skipped(alone) == [f"读者评议!A{r}" for r in range(8, 14)]


def test_a_record_pasted_twice_in_one_batch_still_counts_once(std: Standard, tmp_path: Path) -> None:
    answers = ["满意"] * 40
    sheets = full_center()
    rows = two_batches(["问卷编号", "评价"], answers, "批次", batch=True)
    rows.append(list(rows[5]))  # 005 of 上半年 pasted again
    sheets["满意度测评"] = rows
    survey = clause(run(std, tmp_path, "pasted", sheets), "4.1")
    assert (survey.status, survey.earned) == ("pass", 6)
    assert skipped(survey) == ["满意度测评!A42"]

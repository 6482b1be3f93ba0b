"""Batches in worker processes: order, equality with one process, and a dying worker never hangs a batch."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from auditor import batch
from auditor.batch import audit_many
from auditor.result import CenterResult, FileError
from auditor.standard.model import Standard
from tests.builders import ROOT

SAMPLES = sorted((ROOT / "samples" / "2018").glob("*.xlsx"))


def test_parallel_equals_serial_in_path_order(std2018: Standard) -> None:
    serial = list(audit_many(std2018, SAMPLES, None, jobs=1))
    parallel = list(audit_many(std2018, SAMPLES, None, jobs=2))
    assert [r.file for r in parallel if not isinstance(r, batch.Rendered)] == [str(p) for p in SAMPLES]
    assert parallel == serial


def test_dying_worker_does_not_hang_the_batch(
    std2018: Standard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for i, sample in enumerate(SAMPLES[:6]):
        target = tmp_path / (f"{i}-die.xlsx" if i == 3 else f"{i}.xlsx")
        shutil.copy(sample, target)
        files.append(target)
    real = batch.audit_one

    def dying(standard: Standard, path: Path, year: int | None, limits: object = None) -> object:
        if path.name.endswith("-die.xlsx"):
            os._exit(9)  # a worker killed from outside (out of memory)
        return real(standard, path, year)

    monkeypatch.setattr(batch, "audit_one", dying)
    results = list(audit_many(std2018, files, None, jobs=2))
    assert [r.file for r in results if not isinstance(r, batch.Rendered)] == [str(p) for p in files]
    broken = [r for r in results if isinstance(r, FileError)]
    assert broken and all("进程意外退出" in r.message for r in broken)
    assert str(files[3]) in {r.file for r in broken}
    assert all(isinstance(r, CenterResult) for r in results[: results.index(broken[0])])


def _collector(item: int) -> tuple[tuple[int, int, int], bool]:
    import gc

    return gc.get_threshold(), gc.get_freeze_count() > 0


def _no_init() -> None:
    pass


def test_workers_collect_rarely_and_leave_what_they_hold_at_start_alone() -> None:
    """A worker's cyclic collector: what it holds once ready is frozen, young collections are rare (a
    workbook makes hundreds of thousands of short-lived objects, and the default walked the batch's
    remembered cells again and again); the parent's own collector is left as it is."""
    import gc

    before = gc.get_threshold()
    got = list(batch.ordered_map(_collector, [1, 2, 3], 2, _no_init, (), lambda item: ((0, 0, 0), False)))
    assert got == [(batch.GC_THRESHOLDS, True)] * 3
    assert gc.get_threshold() == before

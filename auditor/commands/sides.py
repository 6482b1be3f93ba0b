"""One side of a comparison (BEFORE or AFTER of `audit compare`, the `--baseline` of `audit report`), read
from what the user names: a `audit check --format json` document, or workbook files/folders. A folder
may hold inspection workbooks (audited on the spot) and the center reports an earlier `audit report`
wrote (read back with what the center typed into their 整改清单); the summary workbook is skipped."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.errors import AuditError
from auditor.result import CenterResult, FileError
from auditor.standard.model import Standard

if TYPE_CHECKING:
    from auditor.engine import AuditOptions


@dataclass
class Side:
    centers: list[CenterResult] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    typed: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # center -> clause -> typed


@contextlib.contextmanager
def without_gc() -> Iterator[None]:
    """Hundreds of thousands of small acyclic records are made: the cyclic collector would only slow it
    (they are freed by reference counting all the same). Never around auditing workbooks."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_side(
    path: Path, standard: Standard, options: AuditOptions | int | None, jobs: int | None, what: str
) -> Side:
    """The centers of one side; a path that is neither a check document nor workbooks is an AuditError,
    a workbook that cannot be read is one FileError (the others are still read). `options` (or just the
    audit year) are those workbooks are audited with; their review decisions apply also to the centers
    read back from a document or a report, unless those carry decisions of their own already."""
    from auditor.engine import as_options

    options = as_options(options)
    side = _read(path, standard, options, jobs, what)
    if options.decisions is not None:
        from auditor.cycle.decisions import Decisions, apply_decisions

        assert isinstance(options.decisions, Decisions)
        side.centers = [
            c
            if c.decisions or not c.clauses
            else apply_decisions(standard, c, options.decisions, options.as_of)
            for c in side.centers
        ]
    return side


def _read(path: Path, standard: Standard, options: AuditOptions, jobs: int | None, what: str) -> Side:
    from auditor.commands.common import collect_workbooks, run_batch
    from auditor.errors import shown

    side = Side()
    try:
        is_file = path.is_file()
    except OSError as exc:
        raise AuditError(f"{what}无法读取：{exc.strerror}", shown(path)) from None
    if is_file and path.suffix.lower() == ".json":
        from auditor.output.json_in import read_file

        with without_gc():
            document = read_file(path, standard, findings=False)
        made_with = (document.standard.get("id"), document.standard.get("version"))
        if made_with != (standard.id, standard.version):
            from auditor.commands.common import warn

            warn(
                f"{shown(path)}: {what}的结果是按标准“{made_with[0]} {made_with[1]}”得出的，对照用的是“{standard.id} {standard.version}”（可用 --before-standard/--standard 指定）"
            )
        if document.errors:
            from auditor.commands.common import warn

            warn(
                f"{shown(path)}: {what}的结果中有 {len(document.errors)} 个文件当时无法检查，这些中心不在其中"
            )
        side.centers = list(document.centers)
        return side
    if not path.exists() and not path.is_symlink():
        raise AuditError(
            f"找不到{what}（应为 audit check --format json 的输出，或工作簿文件/文件夹）", shown(path)
        )
    files, side.errors = collect_workbooks([path])
    if not files and not side.errors:
        raise AuditError(f"{what}中没有找到工作簿（.xlsx/.xlsm/.xls/.ods）", shown(path))
    from auditor.output.report_in import is_report, read_report, sheet_names
    from auditor.output.wording import SUMMARY_SHEET

    workbooks: list[Path] = []
    for file in files:
        names = sheet_names(file)
        if is_report(names):
            try:
                previous = read_report(file, standard)
            except AuditError as exc:
                side.errors.append(FileError(shown(file), exc.message))
                continue
            side.centers.append(previous.center)
            if previous.center.center_id and previous.typed:
                side.typed[previous.center.center_id] = previous.typed
        elif names is not None and SUMMARY_SHEET in names and standard.center.sheet not in names:
            if len(files) == 1:  # named on its own: say what it is
                side.errors.append(
                    FileError(shown(file), f"这是“{SUMMARY_SHEET}”工作簿，不是中心的检查表或验收报告")
                )
            continue  # the summary workbook of a reports folder
        else:
            workbooks.append(file)
    if workbooks:
        for result in run_batch(standard, workbooks, options, jobs, sys.stderr.isatty()):
            if isinstance(result, FileError):
                side.errors.append(result)
            elif isinstance(result, CenterResult):
                side.centers.append(result)
    side.centers.sort(key=lambda c: c.file)
    return side

"""`audit report`: write every center's acceptance report, the summary and optionally HTML into one folder.

Files are written atomically; a name that would hit an input file gets a suffix instead; files
listed in the folder's previous manifest that this run does not write again are removed (and
nothing else ever is), so re-running replaces the previous reports of the same year cleanly. The
``html/`` subfolder is confined like a file (a link in its place is refused). A run that fails or is
interrupted stops its writers, removes its own temporary files and still lists, in the manifest, every
report that is completely written (its own and the previous run's), so that the next run cleans up.
Temporaries left by a run that was killed are removed by the next one.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from auditor.output.files import (
    confined,
    confined_folder,
    remove_stale,
    remove_temporaries,
    safe_filename,
    write_atomic,
    write_text,
)
from auditor.result import BatchHint, CenterChange, CenterResult, Comparison, FileError
from auditor.standard.model import Standard

MANIFEST = ".audit-report.json"


@dataclass
class Written:
    folder: Path
    centers: dict[str, Path] = field(default_factory=dict)  # input file -> report workbook
    pages: dict[str, Path] = field(default_factory=dict)  # input file -> html page
    summary: Path | None = None
    index: Path | None = None

    def all(self) -> list[Path]:
        files = [*self.centers.values(), *self.pages.values()]
        files += [p for p in (self.summary, self.index) if p is not None]
        return files


class _Names:
    """Unique, safe file names in one folder that never collide with an input file."""

    def __init__(self, folder: Path, inputs: Iterable[Path]) -> None:
        self.folder = folder
        self.inputs = {p.resolve() for p in inputs}
        self.taken: set[Path] = set()

    def get(self, stem: str, suffix: str, sub: str = "", source: str = "") -> Path:
        """`stem` + `suffix`; where a report of the batch took that name already (two workbooks of one
        center), the workbook's own file name `source` in brackets tells the second apart; else, and where
        an input has the name, 验收报告 is added (numbered where that too is taken)."""
        folder = self.folder / sub if sub else self.folder
        base = safe_filename(stem)
        candidate = confined(folder, base + suffix)
        if candidate in self.taken and source and safe_filename(source) != base:
            candidate = confined(folder, safe_filename(f"{base}（{source}）") + suffix)
        n = 1
        while candidate in self.taken or candidate in self.inputs:
            n += 1
            extra = "-验收报告" if n == 2 else f"-验收报告{n - 1}"
            candidate = confined(folder, base + extra + suffix)
        self.taken.add(candidate)
        return candidate


def center_stem(center: CenterResult) -> str:
    parts = [p for p in (center.center_id, center.name) if p]
    return "-".join(parts) if parts else Path(center.file).stem


def _previous(folder: Path) -> list[Path]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
        return [folder / name for name in data.get("files", []) if isinstance(name, str)]
    except (OSError, ValueError, AttributeError):
        return []


Job = tuple[CenterResult, Path]
WriteCenters = Callable[[Sequence[Job]], Iterable[str | None]]


def write_center(
    standard: Standard,
    center: CenterResult,
    path: Path,
    year: int | None,
    followup: CenterChange | None = None,
) -> str | None:
    """Write one center's workbook; the error message when it cannot be written."""
    from auditor.errors import AuditError
    from auditor.output.center_workbook import center_workbook

    try:
        write_atomic(path, center_workbook(standard, center, year, followup).save)
    except AuditError as exc:
        return str(exc)
    return None


def followups(comparison: Comparison | None) -> dict[str, CenterChange]:
    """A center's change by the file of its (AFTER) result."""
    if comparison is None:
        return {}
    return {c.after.file: c for c in comparison.centers if c.after is not None}


def write_reports(
    standard: Standard,
    centers: Sequence[CenterResult],
    errors: Sequence[FileError],
    year: int | None,
    folder: Path,
    inputs: Iterable[Path],
    html: bool,
    progress: Callable[[CenterResult, Path], None] | None = None,
    write_centers: WriteCenters | None = None,
    followup: Comparison | None = None,
    hints: Sequence[BatchHint] | None = None,
) -> Written:
    """Write every report into `folder`. `write_centers` writes the center workbooks of a list of jobs
    (in parallel, say), yielding each one's error message or None in order; by default one by one.
    `hints`: the 疑点 across centers when hints were looked for (each center's report lists those naming
    it, the summary all of them); None when not."""
    from auditor.errors import AuditError
    from auditor.output.summary_workbook import summary_workbook

    if hints:
        from auditor.output.hint_sheets import with_batch_hints

        centers = [with_batch_hints(center, hints) for center in centers]
    input_list = list(inputs)
    names = _Names(folder, input_list)
    written = Written(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AuditError(f"无法创建输出目录：{exc.strerror}", str(folder)) from None
    folders = [folder, confined_folder(folder, "html")] if html else [folder]
    for each in folders:
        remove_stale(each)
    jobs = [
        (center, names.get(center_stem(center), ".xlsx", source=Path(center.file).stem)) for center in centers
    ]
    summary = names.get(f"汇总-{year}" if year else "汇总", ".xlsx")
    pages = (
        [
            (center, names.get(center_stem(center), ".html", "html", Path(center.file).stem))
            for center in centers
        ]
        if html
        else []
    )
    index = names.get("index", ".html", "html") if html else None
    if write_centers is None:
        changes = followups(followup)
        problems: Iterable[str | None] = (
            write_center(standard, c, p, year, changes.get(c.file) if followup else None) for c, p in jobs
        )
    else:
        problems = write_centers(jobs)
    try:
        for (center, path), problem in zip(jobs, problems, strict=True):
            if problem is not None:
                raise AuditError(problem)
            written.centers[center.file] = path
            if progress:
                progress(center, path)
        written.summary = write_atomic(
            summary, summary_workbook(standard, centers, errors, year, followup, hints).save
        )
        if index is not None:
            from auditor.output.html import center_page, index_page

            changes = followups(followup)
            for center, page in pages:
                text = center_page(standard, center, year, changes.get(center.file), followup is not None)
                written.pages[center.file] = write_text(page, text)
            hrefs = {file: page.name for file, page in written.pages.items()}
            written.index = write_text(index, index_page(standard, centers, errors, year, hrefs, hints))
    except BaseException:
        close = getattr(problems, "close", None)
        if close is not None:
            close()  # the writers are stopped before their temporaries are removed
        for each in folders:
            remove_temporaries(each)
        targets = [p for _, p in jobs] + [summary] + [p for _, p in pages] + ([index] if index else [])
        _list_what_is_complete(folder, [p for p in targets if p.is_file()])
        raise
    _replace_manifest(folder, written, {p.resolve() for p in input_list})
    return written


def _list_what_is_complete(folder: Path, new: Sequence[Path]) -> None:
    """After a failure: the manifest lists the previous run's reports still there and every report this run
    completed (written atomically: a file that is there is whole), so the next run replaces them cleanly."""
    files = {p.resolve() for p in _previous(folder) if p.is_file()} | {p.resolve() for p in new}
    base = folder.resolve()
    listed = sorted(str(p.relative_to(base)) for p in files if base in p.parents)
    if not listed and not (folder / MANIFEST).exists():
        return
    from auditor.errors import AuditError

    with contextlib.suppress(AuditError, OSError):
        write_text(
            folder / MANIFEST,
            json.dumps({"generator": "audit report", "files": listed}, ensure_ascii=False, indent=1),
        )


def _replace_manifest(folder: Path, written: Written, inputs: set[Path]) -> None:
    keep = {p.resolve() for p in written.all()}
    for old in _previous(folder):
        try:
            resolved = old.resolve()
        except OSError:
            continue
        if resolved in keep or resolved in inputs or folder.resolve() not in resolved.parents:
            continue
        if resolved.suffix.lower() in (".xlsx", ".html"):
            with contextlib.suppress(OSError):
                resolved.unlink()
    files = sorted(str(p.resolve().relative_to(folder.resolve())) for p in written.all())
    write_text(
        folder / MANIFEST,
        json.dumps({"generator": "audit report", "files": files}, ensure_ascii=False, indent=1),
    )

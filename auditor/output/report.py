"""`audit report`: write every center's acceptance report, the summary and optionally HTML into one folder.

Files are written atomically; a name that would hit an input file gets a suffix instead; files
listed in the folder's previous manifest that this run does not write again are removed (and
nothing else ever is), so re-running replaces the previous reports of the same year cleanly.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from auditor.output.files import confined, safe_filename, write_atomic, write_text
from auditor.result import CenterResult, FileError
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

    def get(self, stem: str, suffix: str, sub: str = "") -> Path:
        folder = self.folder / sub if sub else self.folder
        base = safe_filename(stem)
        candidate = confined(folder, base + suffix)
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


def write_center(standard: Standard, center: CenterResult, path: Path, year: int | None) -> str | None:
    """Write one center's workbook; the error message when it cannot be written."""
    from auditor.errors import AuditError
    from auditor.output.center_workbook import center_workbook

    try:
        write_atomic(path, center_workbook(standard, center, year).save)
    except AuditError as exc:
        return str(exc)
    return None


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
) -> Written:
    """Write every report into `folder`. `write_centers` writes the center workbooks of a list of jobs
    (in parallel, say), yielding each one's error message or None in order; by default one by one."""
    from auditor.errors import AuditError
    from auditor.output.summary_workbook import summary_workbook

    input_list = list(inputs)
    names = _Names(folder, input_list)
    written = Written(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AuditError(f"无法创建输出目录：{exc.strerror}", str(folder)) from None
    jobs = [(center, names.get(center_stem(center), ".xlsx")) for center in centers]
    try:
        if write_centers is None:
            problems: Iterable[str | None] = (write_center(standard, c, p, year) for c, p in jobs)
        else:
            problems = write_centers(jobs)
        for (center, path), problem in zip(jobs, problems, strict=True):
            if problem is not None:
                raise AuditError(problem)
            written.centers[center.file] = path
            if progress:
                progress(center, path)
    except BaseException:
        _remove_temporaries(folder)  # a worker stopped in the middle of a save leaves its temporary file
        raise
    summary = names.get(f"汇总-{year}" if year else "汇总", ".xlsx")
    written.summary = write_atomic(summary, summary_workbook(standard, centers, errors, year).save)
    if html:
        from auditor.output.html import center_page, index_page

        for center in centers:
            page = names.get(center_stem(center), ".html", "html")
            written.pages[center.file] = write_text(page, center_page(standard, center, year))
        index = names.get("index", ".html", "html")
        hrefs = {file: page.name for file, page in written.pages.items()}
        written.index = write_text(index, index_page(standard, centers, errors, year, hrefs))
    _replace_manifest(folder, written, {p.resolve() for p in input_list})
    return written


def _remove_temporaries(folder: Path) -> None:
    for leftover in folder.glob(".~audit-*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


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

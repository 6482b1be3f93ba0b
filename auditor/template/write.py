"""Build the template workbook and save it: one blank (or prefilled) workbook, or one per center of a
list, each written atomically and never over an input file; the file names."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.errors import AuditError
from auditor.output.files import safe_filename, write_atomic
from auditor.standard.model import Standard
from auditor.template.centers import CenterRow, read_centers
from auditor.template.hints import clause_readers
from auditor.template.instructions import instructions_name, instructions_sheet
from auditor.template.sheets import Context, form_sheet, table_sheet
from auditor.template.styles import clean_text, make_styles
from auditor.template.validation import Lists, apply_validations

if TYPE_CHECKING:
    from openpyxl import Workbook

EXCEL_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _check_sheet_names(standard: Standard) -> None:
    for sheet in standard.layout:
        if (
            len(sheet.name) > 31
            or EXCEL_SHEET_BAD.search(sheet.name)
            or sheet.name.startswith("'")
            or sheet.name.endswith("'")
            or not sheet.name.strip()
        ):
            raise AuditError(
                f"工作表名“{sheet.name}”不能用作 Excel 工作表名（最多31个字符，不能含 [ ] : * ? / \\）"
            )


def build_template(
    standard: Standard, *, year: int | None = None, center: Mapping[str, object] | None = None
) -> Workbook:
    """The blank (or, with `center`/`year`, prefilled) inspection workbook of a standard.

    `center` maps form field names of the standard's center sheet to typed values (as
    :func:`read_centers` returns them); `year` prefills the center's year field.
    """
    from openpyxl import Workbook

    _check_sheet_names(standard)
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    name = instructions_name(standard)
    ctx = Context(
        standard,
        year or standard.year,
        year,
        dict(center or {}),
        clause_readers(standard),
        make_styles(),
        Lists(),
    )
    for sheet in standard.layout:
        if sheet.kind == "form":
            form_sheet(wb, sheet, ctx)
        else:
            table_sheet(wb, sheet, ctx)
    instructions_sheet(wb, name, ctx)
    for ws, validations in ctx.validations:
        apply_validations(ws, validations, ctx.lists)
    wb.active = 0
    wb.properties.title = clean_text(standard.title)
    wb.properties.creator = "audit template"
    wb.properties.subject = clean_text(f"{standard.id} {standard.version}")
    return wb


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def write_workbook_atomic(
    wb: Workbook, path: Path, *, overwrite: bool = False, inputs: Iterable[Path] = ()
) -> Path:
    """Save to a temporary file in the same folder, then rename it over `path` (never half a file)."""
    for source in inputs:
        if _same_file(path, source):
            raise AuditError("输出文件不能是输入文件", str(path))
    if path.is_dir():
        raise AuditError("这是一个目录", str(path))
    if path.exists() and not overwrite:
        raise AuditError("文件已存在（用 --force 覆盖）", str(path))
    return write_atomic(path, wb.save)


def write_template(
    standard: Standard,
    path: Path,
    *,
    year: int | None = None,
    center: Mapping[str, object] | None = None,
    overwrite: bool = False,
    inputs: Iterable[Path] = (),
) -> Path:
    """Build the template and save it atomically; never over an input file (the standard included)."""
    sources = [*inputs, *([standard.source] if standard.source else [])]
    return write_workbook_atomic(
        build_template(standard, year=year, center=center), path, overwrite=overwrite, inputs=sources
    )


def safe_file_stem(text: str, fallback: str = "检查表") -> str:
    """A safe file name stem (see :func:`auditor.output.files.safe_filename`)."""
    return safe_filename(text, fallback)


def center_file_names(centers: Sequence[CenterRow], standard: Standard) -> list[str]:
    """One file name per center, from its id and name, distinct even where sanitising made two alike."""
    names: list[str] = []
    taken: set[str] = set()
    for center in centers:
        parts = [
            str(center.values[k]).strip()
            for k in (standard.center.id, standard.center.name)
            if center.values.get(k) is not None and str(center.values[k]).strip()
        ]
        stem = safe_file_stem("-".join(parts), fallback=f"第{center.row}行")
        candidate, n = stem, 2
        while candidate.casefold() in taken:
            candidate = f"{stem}-{n}"
            n += 1
        taken.add(candidate.casefold())
        names.append(f"{candidate}.xlsx")
    return names


def write_center_templates(
    standard: Standard, centers_path: Path, out_dir: Path, *, year: int | None = None, overwrite: bool = False
) -> list[Path]:
    """One prefilled workbook per center of the list, in `out_dir` (created). All checked before any is written."""
    centers = read_centers(centers_path, standard)
    if out_dir.exists() and not out_dir.is_dir():
        raise AuditError("使用 --centers 时 -o 应为文件夹", str(out_dir))
    targets = [out_dir / name for name in center_file_names(centers, standard)]
    base = out_dir.resolve()
    inputs = [centers_path, *([standard.source] if standard.source else [])]
    for target in targets:
        if target.resolve().parent != base:  # pragma: no cover - the names are sanitised
            raise AuditError("文件名越出了输出文件夹", str(target))
        if any(_same_file(target, source) for source in inputs):
            raise AuditError("输出文件不能是输入文件", str(target))
    existing = [t for t in targets if t.exists()]
    if existing and not overwrite:
        more = f"等{len(existing)}个文件" if len(existing) > 1 else ""
        raise AuditError(f"{existing[0]}{more}已存在（用 --force 覆盖）", str(out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AuditError(f"无法创建文件夹：{exc.strerror or exc}", str(out_dir)) from None
    written: list[Path] = []
    for center, target in zip(centers, targets, strict=True):
        written.append(
            write_template(
                standard, target, year=year, center=center.values, overwrite=overwrite, inputs=inputs
            )
        )
    return written


def default_file_name(standard: Standard, year: int | None) -> str:
    stem = f"{year}-{standard.title}-检查表" if year else f"{standard.title}-检查表"
    return safe_file_stem(stem) + ".xlsx"

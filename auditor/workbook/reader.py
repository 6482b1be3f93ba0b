"""Workbook file -> :class:`Evidence`, guided by the standard's declared layout.

Read with python-calamine from the file's bytes (so a workbook with the wrong extension
is read by its content). Forms: each declared label is looked for anywhere in the sheet
(after normalisation) and its value is the first non-empty cell to its right. Tables: the
header row is the row, among the first rows, matching the most declared column headers;
columns are found by header text in any order; blank rows are skipped.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.checks.base import parse_value
from auditor.errors import WorkbookError
from auditor.standard.model import FieldSpec, SheetSpec, Standard
from auditor.workbook.evidence import Cell, Evidence, FormSheet, Row, TableSheet
from auditor.workbook.values import ParseError, is_blank, normalize_label

HEADER_SCAN_ROWS = 30
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Limits:
    """Refuse files whose declared content is larger than an inspection workbook can plausibly be."""

    max_file_bytes: int = 100 * 1024 * 1024
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_ratio: int = 200  # uncompressed/compressed per member, for members above 1 MiB


DEFAULT_LIMITS = Limits()


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _check_zip(data: bytes, file: str, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WorkbookError("文件已损坏（不是完整的 xlsx 压缩包）", file) from None
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > 1024 * 1024 and member.file_size > limits.max_ratio * max(member.compress_size, 1):
            raise WorkbookError(f"疑似压缩炸弹（{member.filename} 压缩比过高），已拒绝", file)
    if total > limits.max_uncompressed_bytes:
        raise WorkbookError(
            f"解压后大小 {total // (1024 * 1024)} MB 超过上限 {limits.max_uncompressed_bytes // (1024 * 1024)} MB，"
            "已拒绝", file)


def open_workbook(path: Path, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The calamine workbook, or WorkbookError with the cause in plain words."""
    import python_calamine as pc

    file = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise WorkbookError(f"文件过大（{size // (1024 * 1024)} MB），已拒绝", file)
        data = path.read_bytes()
    except FileNotFoundError:
        raise WorkbookError("找不到文件", file) from None
    except IsADirectoryError:
        raise WorkbookError("这是一个目录", file) from None
    except OSError as exc:
        raise WorkbookError(f"无法读取文件：{exc.strerror}", file) from None
    if not data:
        raise WorkbookError("空文件，不是电子表格文件", file)
    if data.startswith(ZIP_MAGIC):
        _check_zip(data, file, limits)
    elif data.startswith(OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data[:65536 * 8]:
            raise WorkbookError("加密的工作簿，请先取消密码", file)
    else:
        raise WorkbookError("不是电子表格文件（应为 .xlsx/.xlsm/.xls/.ods）", file)
    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise WorkbookError("加密的工作簿，请先取消密码", file) from None
    except pc.ZipError:
        raise WorkbookError("文件已损坏（不是完整的 xlsx 压缩包）", file) from None
    except pc.XmlError:
        raise WorkbookError("文件内容已损坏或含有不安全的 XML，无法读取", file) from None
    except Exception as exc:  # calamine raises its own errors for every other kind of damage
        text = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise WorkbookError(f"无法读取工作簿：{text}", file) from None


def _parse(spec: FieldSpec, raw: object, location: str, standard: Standard) -> Cell:
    if is_blank(raw):
        return Cell("blank", location, pii=spec.pii)
    try:
        value = parse_value(spec, raw, standard.yes_words, standard.no_words)
    except ParseError as exc:
        return Cell("error", location, raw=raw, expected=exc.expected, pii=spec.pii)
    return Cell("ok", location, value=value, raw=raw, pii=spec.pii)


def _read_form(spec: SheetSpec, actual: str, rows: Sequence[Sequence[object]], standard: Standard) -> FormSheet:
    wanted = {normalize_label(f.name): f for f in spec.fields}
    found: dict[str, Cell] = {}
    for r, row in enumerate(rows):
        for c, raw in enumerate(row):
            if not isinstance(raw, str) or not raw:
                continue
            field = wanted.get(normalize_label(raw))
            if field is None or field.name in found:
                continue
            value_col = next((k for k in range(c + 1, len(row)) if not is_blank(row[k])), None)
            if value_col is None:
                found[field.name] = Cell("blank", f"{actual}!{column_letter(c + 1)}{r + 1}", pii=field.pii)
            else:
                location = f"{actual}!{column_letter(value_col)}{r + 1}"
                found[field.name] = _parse(field, row[value_col], location, standard)
    return FormSheet(spec.name, actual, found)


def _find_header(spec: SheetSpec, rows: Sequence[Sequence[object]]) -> tuple[int, dict[str, int]]:
    wanted = {normalize_label(f.name): f.name for f in spec.fields}
    best_row, best = -1, dict[str, int]()
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for c, raw in enumerate(row):
            if isinstance(raw, str) and raw:
                name = wanted.get(normalize_label(raw))
                if name is not None and name not in columns:
                    columns[name] = c
        if len(columns) > len(best):
            best_row, best = r, columns
    return best_row, best


def _read_table(spec: SheetSpec, actual: str, rows: Sequence[Sequence[object]], standard: Standard) -> TableSheet:
    header, columns = _find_header(spec, rows)
    table = TableSheet(spec.name, actual, header + 1, {n: column_letter(c) for n, c in columns.items()}, [])
    if header < 0:
        return table
    fields = [(f, columns[f.name]) for f in spec.fields if f.name in columns]
    for r in range(header + 1, len(rows)):
        row = rows[r]
        raws = [(f, row[c] if c < len(row) else None, c) for f, c in fields]
        if all(is_blank(raw) for _, raw, _ in raws):
            continue
        cells = {f.name: _parse(f, raw, f"{actual}!{column_letter(c)}{r + 1}", standard) for f, raw, c in raws}
        table.rows.append(Row(r + 1, cells))
    return table


def read_workbook(path: Path, standard: Standard, limits: Limits = DEFAULT_LIMITS) -> Evidence:
    """Read every sheet the standard declares. Raises WorkbookError only when the file is unreadable."""
    workbook = open_workbook(path, limits)
    evidence = Evidence(str(path))
    try:
        names = {normalize_label(n): n for n in reversed(workbook.sheet_names)}
        for spec in standard.layout:
            actual = names.get(normalize_label(spec.name))
            if actual is None:
                continue
            try:
                rows = workbook.get_sheet_by_name(actual).to_python(skip_empty_area=False)
            except Exception as exc:  # a damaged sheet: the file is unreadable
                raise WorkbookError(f"工作表“{actual}”已损坏：{str(exc)[:120]}", str(path)) from None
            if spec.kind == "form":
                evidence.forms[spec.name] = _read_form(spec, actual, rows, standard)
            else:
                table = _read_table(spec, actual, rows, standard)
                if table.header_row == 0 and rows:
                    evidence.warnings.append(f"{actual}: 未找到表头行（{'、'.join(f.name for f in spec.fields)}）")
                evidence.tables[spec.name] = table
    finally:
        workbook.close()
    return evidence

"""The list of centers for ``audit template --centers``: its header row found as the reader finds a
table's (:func:`auditor.workbook.reader.find_header`), each row's values typed as the center form declares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor.errors import AuditError
from auditor.standard.model import FieldSpec, Standard
from auditor.workbook.parsers import parse_value
from auditor.workbook.values import ParseError, display, is_blank, normalize_label


@dataclass(frozen=True)
class CenterRow:
    row: int  # 1-based row of the list
    values: dict[str, object]  # form field name -> typed value


def center_columns(standard: Standard) -> list[str]:
    """The center mapping's field names, in the mapping's order (id, name, type, district, ...)."""
    c = standard.center
    names = [c.id, c.name, c.type, c.district, c.year, c.date, c.leader]
    return list(dict.fromkeys(n for n in names if n))


def read_centers(path: Path, standard: Standard) -> list[CenterRow]:
    """The list of centers: the header row found by the center field names (in the first sheet that has
    one naming at least the id and the name columns); values typed as the center form declares."""
    from auditor.workbook.reader import find_header, open_workbook

    names = center_columns(standard)
    required = (standard.center.id, standard.center.name)
    form = standard.sheet(standard.center.sheet)
    workbook = open_workbook(path)
    try:
        found: tuple[int, dict[str, int], list[list[object]]] | None = None
        for sheet_name in workbook.sheet_names:
            rows: list[list[object]] = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            header, columns, _ = find_header(names, rows, required)
            if header >= 0:
                found = (header, columns, rows)
                break
    finally:
        workbook.close()
    if found is None:
        raise AuditError(
            f"名单中找不到表头（至少要有“{standard.center.id}”和“{standard.center.name}”两列；"
            f"可有：{'、'.join(names)}）",
            str(path),
        )
    header, columns, rows = found
    centers: list[CenterRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for r in range(header + 1, len(rows)):
        row = rows[r]
        raws = {name: row[c] if c < len(row) else None for name, c in columns.items()}
        if all(is_blank(v) for v in raws.values()):
            continue
        values: dict[str, object] = {}
        for name, raw in raws.items():
            if is_blank(raw):
                continue
            spec = form.field(name) if form else None
            try:
                values[name] = parse_value(
                    spec or FieldSpec(name), raw, standard.yes_words, standard.no_words
                )
            except ParseError as exc:
                problems.append(f"第{r + 1}行“{name}”无法识别：“{display(raw)}”，应为{exc.expected}")
        key = values.get(standard.center.id)
        if key is None or not str(key).strip():
            problems.append(f"第{r + 1}行缺少“{standard.center.id}”")
        else:
            norm = normalize_label(str(key)).casefold()
            if norm in seen:
                problems.append(f"第{r + 1}行“{standard.center.id}”“{key}”与第{seen[norm]}行重复")
            seen.setdefault(norm, r + 1)
        centers.append(CenterRow(r + 1, values))
    if problems:
        more = f"（另有{len(problems) - 1}处问题）" if len(problems) > 1 else ""
        raise AuditError(problems[0] + more, str(path))
    if not centers:
        raise AuditError("名单中没有任何一行", str(path))
    return centers

"""What the standard says about each field of the template: who reads it, what to type, fixed rows.

Every hint, dropdown answer and prefilled row comes from the Standard object: the clauses that read
a field or column (``Check.reads`` and ``applies_when``), the rows a check asks a table to start with
(``Check.template_rows``), the values a check wants to see (``Check.wanted_values``). No check class is
imported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from auditor.output.wording import TEMPLATE_WORDS, clause_points_text
from auditor.standard.model import Clause, FieldSpec, SheetSpec, Standard, show_value
from auditor.workbook.parsers import label_units
from auditor.workbook.values import normalize_label

MAX_HINT_CLAUSES = 8


@dataclass
class FixedRow:
    """A table row prefilled by the template: the key item and the values its filters require."""

    values: dict[str, object] = field(default_factory=dict)


def clause_readers(standard: Standard) -> dict[tuple[str, str], list[str]]:
    """(sheet, field or column) -> the ids of the clauses that read it (checks and applies_when)."""
    readers: dict[tuple[str, str], list[str]] = {}
    for clause in standard.clauses:
        pairs = [
            *clause.check.reads(),
            *((rule.sheet, rule.condition.column) for rule in clause.applies_when),
        ]
        for pair in dict.fromkeys(pairs):
            readers.setdefault(pair, []).append(clause.id)
    return readers


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return normalize_label(a) == normalize_label(b)
    return a == b


def fixed_rows(standard: Standard, sheet: SheetSpec) -> list[FixedRow]:
    """Rows a table starts with: the rows the checks on it ask for (``Check.template_rows``), in order.

    A row asked for by several checks is one row when their values agree: the same value in the
    first column a check names (its key), and no other column in conflict.
    """
    rows: list[FixedRow] = []
    for clause in standard.clauses:
        for wanted in clause.check.template_rows(sheet.name):
            key, item = next(iter(wanted.items()))
            for row in rows:
                if all(_same(row.values[k], v) for k, v in wanted.items() if k in row.values) and _same(
                    row.values.get(key), item
                ):
                    row.values.update({k: v for k, v in wanted.items() if k not in row.values})
                    break
            else:
                rows.append(FixedRow(dict(wanted)))
    if standard.self_assessment is not None and standard.self_assessment.sheet == sheet.name:
        for clause in self_assessed(standard):
            rows.append(FixedRow({standard.self_assessment.clause: clause.id}))
    return rows


def self_assessed(standard: Standard) -> list[Clause]:
    """The clauses a center scores itself on (every clause but the vetoes), in order."""
    return [clause for clause in standard.clauses if clause.kind != "veto"]


def coverage_values(standard: Standard, sheet: str, column: str) -> list[str]:
    """Values some `coverage` check wants to see in this column (named in its hint)."""
    values: list[str] = []
    for clause in standard.clauses:
        values.extend(v for v in clause.check.wanted_values(sheet, column) if v not in values)
    return values


def _units(spec: FieldSpec) -> tuple[str, ...]:
    return spec.units if spec.units and not label_units(spec.name) else ()


def answers(spec: FieldSpec, standard: Standard) -> list[str]:
    """The closed set of answers of a field (dropdown), or [] when the answer is open."""
    if spec.type == "yesno":
        return [standard.yes_words[0], standard.no_words[0]]
    if spec.type == "enum":
        return list(spec.values)
    return []


def type_text(spec: FieldSpec, standard: Standard, year: int) -> str:
    """What to type, in a few words."""
    units = _units(spec)
    unit = f"（单位：{'/'.join(units)}）" if units else ""
    if spec.type in ("yesno", "enum"):
        return "选择：" + "/".join(answers(spec, standard))
    if spec.type == "number":
        return "数字" + unit
    if spec.type == "integer":
        return "整数" + unit
    if spec.type == "date":
        return f"日期，如 {year}-03-05"
    if spec.type == "year":
        return f"年份，如 {year}"
    return "文字"


def clause_list(ids: Sequence[str]) -> str:
    shown = "、".join(ids[:MAX_HINT_CLAUSES])
    return f"条款 {shown}" + (f" 等{len(ids)}条" if len(ids) > MAX_HINT_CLAUSES else "")


def hint_parts(
    standard: Standard,
    sheet: SheetSpec,
    spec: FieldSpec,
    readers: Mapping[tuple[str, str], list[str]],
    year: int,
) -> tuple[str, list[str]]:
    """What to type (with the standard's own hint), and notes: values wanted, personal data, who reads it."""
    what = type_text(spec, standard, year) + (f"；{spec.hint}" if spec.hint else "")
    if spec.filled_by == "inspectors":
        what = f"{TEMPLATE_WORDS['inspectors']}；{what}"
    notes: list[str] = []
    wanted = coverage_values(standard, sheet.name, spec.name) if sheet.kind == "table" else []
    if wanted:
        notes.append("应包括：" + "、".join(wanted))
    center = standard.center
    if sheet.name == center.sheet and spec.name == center.year:
        notes.append("按年、季、月、工作日统计的条款以此年份为准")
    if spec.pii:
        notes.append("个人信息，不会出现在任何报告中")
    ids = readers.get((sheet.name, spec.name), [])
    if ids:
        notes.append("用于" + clause_list(ids))
    return what, notes


def hint(
    standard: Standard,
    sheet: SheetSpec,
    spec: FieldSpec,
    readers: Mapping[tuple[str, str], list[str]],
    year: int,
) -> str:
    """The short hint of a field or column: what to type, the standard's own hint, who reads it."""
    what, notes = hint_parts(standard, sheet, spec, readers, year)
    return "；".join([what, *notes])


def clause_points(clause: Clause) -> str | int | float:
    """A clause's points in the instructions: a number for a scored clause, else the words of the report."""
    return plain_number(clause.points) if clause.kind == "scored" else clause_points_text(clause)


def plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def cell_value(spec: FieldSpec | None, value: object, standard: Standard) -> object:
    """A typed value as it should stand in a cell (yes/no as the standard's first word)."""
    if isinstance(value, bool):
        return standard.yes_words[0] if value else standard.no_words[0]
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str | int | float | dt.date):
        return value
    return show_value(value)

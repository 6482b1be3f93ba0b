"""Data validations of the template: dropdowns for closed answers (inline, or a list on the instructions
sheet when too long), number, whole-number, year and date ranges, input messages and error alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from auditor.output.wording import TEMPLATE_WORDS
from auditor.standard.model import FieldSpec, Standard
from auditor.template.hints import answers

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
EXCEL_EPOCH = dt.date(1899, 12, 30)
NUMBER_LIMIT = 999999999999


class Lists:
    """Dropdown lists: inline when they fit, else cells of the instructions sheet (visible)."""

    def __init__(self) -> None:
        self.pending: list[tuple[str, list[str]]] = []  # (title, values) written later
        self.refs: list[str] = []  # cell ranges, set when the instructions sheet is written
        self._index: dict[tuple[str, ...], int] = {}

    @staticmethod
    def inline(values: Sequence[str]) -> str | None:
        if any("," in v or '"' in v for v in values):
            return None
        formula = '"' + ",".join(values) + '"'
        return formula if len(formula) <= 255 else None

    def index(self, title: str, values: Sequence[str]) -> int:
        key = tuple(values)
        if key not in self._index:
            self._index[key] = len(self.pending)
            self.pending.append((title, list(values)))
        return self._index[key]


@dataclass
class Validation:
    """One data validation: the cells it covers and how."""

    kind: Literal["list", "decimal", "whole", "date"] | None  # None: an input message only
    formula1: str | None = None
    formula2: str | None = None
    operator: Literal["between"] | None = None
    prompt_title: str = ""
    prompt: str = ""
    error: str = ""
    list_index: int | None = None  # a list written in the instructions sheet
    ranges: list[str] = field(default_factory=list)


def _serial(day: dt.date) -> str:
    return str((day - EXCEL_EPOCH).days)


def validation_for(spec: FieldSpec, standard: Standard, tip: str, lists: Lists, year: int) -> Validation:
    title = spec.name[:32]
    prompt = tip[:255]
    closed = answers(spec, standard)
    if closed:
        formula = lists.inline(closed)
        shown = "/".join(closed)
        error = f"请从下拉列表中选择：{shown}"[:255]
        if formula is None:
            return Validation(
                "list",
                None,
                prompt_title=title,
                prompt=prompt,
                error=error,
                list_index=lists.index(spec.name, closed),
            )
        return Validation("list", formula, prompt_title=title, prompt=prompt, error=error)
    words = TEMPLATE_WORDS
    if spec.type in ("number", "integer"):  # no less than the field's least number, as the reader reads it
        kind: Literal["decimal", "whole"] = "decimal" if spec.type == "number" else "whole"
        if spec.min is None:
            error = words[f"{spec.type}_any"]
            return Validation(kind, str(-NUMBER_LIMIT), str(NUMBER_LIMIT), "between", title, prompt, error)
        error = words[spec.type].format(min=spec.min)
        return Validation(kind, str(spec.min), str(NUMBER_LIMIT), "between", title, prompt, error)
    if spec.type == "year":
        return Validation("whole", "1900", "2999", "between", title, prompt, words["year"].format(year=year))
    if spec.type == "date":
        first, last = date_range(spec, year)
        error = words["date"].format(year=year, first=first.isoformat(), last=last.isoformat())
        return Validation("date", _serial(first), _serial(last), "between", title, prompt, error)
    return Validation(None, prompt_title=title, prompt=prompt)


def date_range(spec: FieldSpec, year: int) -> tuple[dt.date, dt.date]:
    """The dates a field accepts: the audit year; a field the inspection team fills in (the inspection
    date) also the first half of the next year, when year-end inspections run."""
    if not DATE_MIN.year <= year < DATE_MAX.year:
        return DATE_MIN, DATE_MAX
    last = dt.date(year + 1, 6, 30) if spec.filled_by == "inspectors" else dt.date(year, 12, 31)
    return dt.date(year, 1, 1), last


def score_validation(maximum: float, tip: str, title: str) -> Validation:
    """A self-assessed score: a number from 0 to the clause's points."""
    shown = str(int(maximum)) if float(maximum).is_integer() else str(maximum)
    error = TEMPLATE_WORDS["score"].format(maximum=shown)
    return Validation("decimal", "0", shown, "between", title[:32], tip[:255], error)


def apply_validations(ws: Worksheet, items: Sequence[Validation], lists: Lists) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    for item in items:
        formula1 = item.formula1
        if item.list_index is not None:
            formula1 = lists.refs[item.list_index]
        dv = DataValidation(
            type=item.kind,
            formula1=formula1,
            formula2=item.formula2,
            operator=item.operator,
            allow_blank=True,
            showInputMessage=True,
            promptTitle=item.prompt_title or None,
            prompt=item.prompt or None,
            showErrorMessage=item.kind is not None,
            errorTitle="输入有误" if item.kind is not None else None,
            error=item.error or None,
            errorStyle="stop" if item.kind is not None else None,
        )
        for ref in item.ranges:
            dv.add(ref)
        ws.add_data_validation(dv)

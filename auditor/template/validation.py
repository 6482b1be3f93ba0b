"""Data validations of the template: dropdowns for closed answers (inline, or a list on the instructions
sheet when too long), number, whole-number, year and date ranges, input messages and error alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

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
    if spec.type == "number":
        return Validation(
            "decimal",
            str(-NUMBER_LIMIT),
            str(NUMBER_LIMIT),
            "between",
            title,
            prompt,
            "请输入数字（不要带单位或文字）",
        )
    if spec.type == "integer":
        return Validation(
            "whole",
            str(-NUMBER_LIMIT),
            str(NUMBER_LIMIT),
            "between",
            title,
            prompt,
            "请输入整数（不要带单位或文字）",
        )
    if spec.type == "year":
        return Validation("whole", "1900", "2999", "between", title, prompt, f"请输入四位数的年份，如 {year}")
    if spec.type == "date":
        return Validation(
            "date",
            _serial(DATE_MIN),
            _serial(DATE_MAX),
            "between",
            title,
            prompt,
            f"请输入日期，如 {year}-03-05",
        )
    return Validation(None, prompt_title=title, prompt=prompt)


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

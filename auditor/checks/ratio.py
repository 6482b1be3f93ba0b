"""`field_ratio`: the ratio of two numeric fields of a form sheet against a threshold.

```yaml
check:
  type: field_ratio
  sheet: 信息表
  numerator: 持证数
  denominator: 设备总数
  op: ">="
  value: 0.5
  max: 1           # optional: the numerator is part of the denominator
```
Both blank is `missing`; one blank, a zero denominator or an unreadable value fails
(unreadable values are `error` findings). A ratio above `max` (a part larger than its whole) is an
`error` naming both cells: one of the two numbers is wrong, and no ratio is credited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

from auditor.checks.base import BaseCheck
from auditor.checks.build import BuildContext, YamlPath, params_schema
from auditor.checks.conditions import COMPARE_OPS, compare, op_text
from auditor.checks.findings import missing_sheet, unreadable
from auditor.result import Finding, Outcome
from auditor.standard.model import RunContext, ValueKind
from auditor.workbook.evidence import Evidence


@dataclass(frozen=True)
class FieldRatioCheck(BaseCheck):
    TYPE = "field_ratio"
    SCHEMA = params_schema(
        {
            "sheet": {"type": "string", "description": "表单工作表"},
            "numerator": {"type": "string", "description": "分子字段（数字）"},
            "denominator": {"type": "string", "description": "分母字段（数字）"},
            "op": {"enum": COMPARE_OPS, "default": ">=", "description": "比例与 value 的比较"},
            "value": {"type": "number", "description": "要求的比例，如 0.5"},
            "max": {
                "type": "number",
                "exclusiveMinimum": 0,
                "description": "比例的上限，如 1（分子是分母的一部分，如 持证数/设备总数）：超过即为错误，指出两个单元格",
            },
        },
        ["sheet", "numerator", "denominator", "value"],
    )
    PROVIDES = frozenset({"passed", "value"})
    VALUE_KIND: ClassVar[ValueKind] = "ratio"

    sheet: str
    numerator: str
    denominator: str
    op: str
    value: Decimal
    max: Decimal | None = None

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: YamlPath) -> FieldRatioCheck | None:
        sheet = ctx.sheet(params["sheet"], "form", (*path, "sheet"))
        num = ctx.column(sheet, params["numerator"], (*path, "numerator"), ("number", "integer"))
        den = ctx.column(sheet, params["denominator"], (*path, "denominator"), ("number", "integer"))
        if sheet is None or num is None or den is None:
            return None
        most = Decimal(str(params["max"])) if params.get("max") is not None else None
        return cls(sheet.name, num.name, den.name, params["op"], Decimal(str(params["value"])), most)

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        if self.sheet not in evidence.forms:
            return missing_sheet(self.sheet)
        num = evidence.form_cell(self.sheet, self.numerator)
        den = evidence.form_cell(self.sheet, self.denominator)
        assert num is not None and den is not None
        out = Outcome(passed=False)
        if num.status == "blank" and den.status == "blank":
            out.missing = True
            out.add(Finding(f"{self.numerator}、{self.denominator}未填写", num.location, "missing", "blank"))
            return out
        for name, cell in ((self.numerator, num), (self.denominator, den)):
            if cell.status == "error":
                out.add(unreadable(name, cell))
            elif cell.status == "blank":
                out.add(Finding(f"{name}未填写", cell.location, code="blank"))
        if not (num.ok and den.ok):
            return out
        assert isinstance(num.value, Decimal) and isinstance(den.value, Decimal)
        if den.value == 0:
            out.add(Finding(f"{self.denominator}为0，无法计算比例", den.location, code="not-met"))
            return out
        ratio = Fraction(num.value) / Fraction(den.value)
        if self.max is not None and ratio > Fraction(
            self.max
        ):  # a part larger than its whole: a number is wrong
            shown = f"{self.numerator}/{self.denominator} = {num.shown}/{den.shown} = {float(ratio):.0%}"
            why = (
                f"{self.numerator}不应大于{self.denominator}"
                if self.max == 1
                else f"超过上限{float(self.max):.0%}"
            )
            message = f"{shown}：{why}，请核对{num.location}、{den.location}"
            out.add(Finding(message, num.location, "error", "implausible"))
            return out
        out.value = ratio
        out.passed = compare(self.op, ratio, Fraction(self.value))
        if not out.passed:
            out.add(
                Finding(
                    f"{self.numerator}/{self.denominator} = {num.shown}/{den.shown} = {float(ratio):.0%}，"
                    f"要求{op_text(self.op, f'{float(self.value):.0%}')}",
                    num.location,
                    code="below-threshold",
                )
            )
        return out

    def reads(self) -> list[tuple[str, str]]:
        return [(self.sheet, self.numerator), (self.sheet, self.denominator)]

    def describe(self) -> str:
        return f"{self.sheet}：{self.numerator}/{self.denominator}{op_text(self.op, self.value)}"

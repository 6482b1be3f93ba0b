"""`field`: compare one or more fields of a form sheet with a value.

```yaml
check:
  type: field
  sheet: 信息表
  fields: [经费A(万元), 经费B(万元)]
  op: ">"          # ==, !=, >, >=, <, <=
  value: 0
  match: any       # any (default): one field meeting it passes; all: every field must
```
Passes when the fields meet the comparison. All fields blank (or the sheet absent) is
`missing`; a blank field among filled ones simply does not meet it; an unreadable value
is an `error` finding naming its cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.checks.base import BaseCheck
from auditor.checks.build import BuildContext, YamlPath, params_schema
from auditor.checks.conditions import COMPARE_OPS, op_text, test
from auditor.checks.findings import missing_sheet, unreadable
from auditor.result import Finding, Outcome
from auditor.standard.model import Condition, RunContext
from auditor.workbook.evidence import Evidence


@dataclass(frozen=True)
class FieldCheck(BaseCheck):
    TYPE = "field"
    SCHEMA = params_schema(
        {
            "sheet": {"type": "string", "description": "表单工作表"},
            "fields": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 1,
                "description": "要比较的字段",
            },
            "op": {"enum": COMPARE_OPS, "default": "==", "description": "字段与 value 的比较"},
            "value": {"description": "比较的值（按字段的类型读取，如 是/否、数字）"},
            "match": {
                "enum": ["any", "all"],
                "default": "any",
                "description": "any：任一字段满足即通过（默认）；all：每个字段都须满足",
            },
        },
        ["sheet", "fields", "value"],
    )
    PROVIDES = frozenset({"passed"})

    sheet: str
    conditions: tuple[Condition, ...]
    match: str

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: YamlPath) -> FieldCheck | None:
        sheet = ctx.sheet(params["sheet"], "form", (*path, "sheet"))
        op = params["op"]
        conditions = tuple(
            c
            for i, name in enumerate(params["fields"])
            if (
                c := ctx.condition(
                    sheet, {"column": name, "op": op, "value": params["value"]}, (*path, "fields", i)
                )
            )
            is not None
        )
        if sheet is None or len(conditions) != len(params["fields"]):
            return None
        return cls(sheet.name, conditions, params["match"])

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        if self.sheet not in evidence.forms:
            return missing_sheet(self.sheet)
        out = Outcome()
        results = []
        cells = []
        for condition in self.conditions:
            cell = evidence.form_cell(self.sheet, condition.column)
            assert cell is not None
            cells.append(cell)
            result = test(condition, cell)
            results.append(result)
            if result == "error":
                out.add(unreadable(condition.column, cell))
        if all(r == "blank" for r in results):
            out.missing = True
            for condition, cell in zip(self.conditions, cells, strict=True):
                out.add(Finding(f"{condition.column}未填写", cell.location, "missing", "blank"))
            return out
        out.passed = (
            any(r == "yes" for r in results) if self.match == "any" else all(r == "yes" for r in results)
        )
        if not out.passed:
            for condition, cell, result in zip(self.conditions, cells, results, strict=True):
                if result == "no":
                    out.add(
                        Finding(
                            f"{condition.column}为{cell.shown}，要求{op_text(condition.op, condition.value_text())}",
                            cell.location,
                            code="not-met",
                        )
                    )
                elif result == "blank":
                    out.add(Finding(f"{condition.column}未填写", cell.location, code="blank"))
        return out

    def reads(self) -> list[tuple[str, str]]:
        return [(self.sheet, c.column) for c in self.conditions]

    def describe(self) -> str:
        joined = "或" if self.match == "any" else "且"
        first = self.conditions[0]
        names = joined.join(c.column for c in self.conditions)
        return f"{self.sheet}：{names}{op_text(first.op, first.value_text())}"

"""`table_items`: listed items must each have a row meeting a condition.

```yaml
check:
  type: table_items
  sheet: 设施表
  key: 设施名称                 # the column naming the item
  items: [灭火器, 应急灯, 疏散图]
  where: [{column: 级别, value: 必配}]          # optional: only these rows count
  condition: {column: 完好, op: "==", value: 是}
```
One item each (credit `per_item` or `deduct`). An item without a row is a defect
("缺少记录"), a blank answer is "未填写", an unreadable one an `error` finding. The sheet
absent, or every answer (the condition's column) blank, is `missing`
(so a form with the items listed but not answered is `missing`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.checks.base import (
    CONDITION_SCHEMA,
    CONDITIONS_SCHEMA,
    BuildContext,
    Check,
    Finding,
    Outcome,
    Path,
    RunContext,
    compare_schema,
    has_any,
    missing_column,
    missing_sheet,
    no_records,
    op_text,
    select_rows,
    test,
    unreadable,
)
from auditor.standard.model import Condition
from auditor.workbook.evidence import Evidence
from auditor.workbook.values import normalize_label


@dataclass(frozen=True)
class TableItemsCheck(Check):
    TYPE = "table_items"
    SCHEMA = compare_schema(
        {
            "sheet": {"type": "string"},
            "key": {"type": "string"},
            "items": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": True},
            "where": CONDITIONS_SCHEMA,
            "condition": CONDITION_SCHEMA,
        },
        ["sheet", "key", "items", "condition"],
    )
    PROVIDES = frozenset({"items", "passed"})

    sheet: str
    key: str
    items: tuple[str, ...]
    where: tuple[Condition, ...]
    condition: Condition

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: Path) -> TableItemsCheck | None:
        sheet = ctx.sheet(params["sheet"], "table", (*path, "sheet"))
        key = ctx.column(sheet, params["key"], (*path, "key"))
        where = ctx.conditions(sheet, params.get("where", []), (*path, "where"))
        condition = ctx.condition(sheet, params["condition"], (*path, "condition"))
        if sheet is None or key is None or condition is None or len(where) != len(params.get("where", [])):
            return None
        return cls(sheet.name, key.name, tuple(params["items"]), where, condition)

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        table = evidence.tables.get(self.sheet)
        if table is None:
            return missing_sheet(self.sheet)
        if not table.has_column(self.key):
            return missing_column(table, self.key)
        if not has_any(table, [self.condition.column]):  # every answer blank: nothing to judge
            return no_records(table, f"“{self.condition.column}”")
        out = Outcome(items=[])
        by_key: dict[str, list[int]] = {}
        keys = table.column(self.key) or []
        for i in select_rows(table, self.where, out):
            cell = keys[i]
            if cell.ok:
                by_key.setdefault(normalize_label(str(cell.value)), []).append(i)
        assert out.items is not None
        for item in self.items:
            rows = by_key.get(normalize_label(item), [])
            if not rows:
                out.items.append((item, False))
                out.add(Finding(f"{item}：缺少记录", table.location(self.key)))
                continue
            column = self.condition.column
            answers = table.column(column)
            ok = answers is not None and any(test(self.condition, answers[i]) == "yes" for i in rows)
            out.items.append((item, ok))
            if ok:
                continue
            cell = table.cell(rows[0], column)  # the first row's answer, located, for the finding
            result = test(self.condition, cell)
            if result == "error":
                out.add(unreadable(f"{item}的{self.condition.column}", cell))
            elif result == "blank":
                out.add(Finding(f"{item}：{self.condition.column}未填写", cell.location))
            else:
                out.add(Finding(
                    f"{item}：{self.condition.column}为{cell.shown}，"
                    f"要求{op_text(self.condition.op, self.condition.value_text())}", cell.location))
        out.passed = all(ok for _, ok in out.items)
        return out

    def reads(self) -> list[tuple[str, str]]:
        cols = [self.key, *(c.column for c in self.where), self.condition.column]
        return [(self.sheet, c) for c in dict.fromkeys(cols)]

    def describe(self) -> str:
        return f"{self.sheet}：{'、'.join(self.items)} 各项 {self.condition.describe()}"

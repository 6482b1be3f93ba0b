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
("缺少记录"), a blank answer is "未填写", an unreadable one an `error` finding. An item whose only rows
are left out because a `where` value cannot be read is not credited, its finding naming that cell (the row is
there, not missing). Where some item has no row, a note names the rows whose key names no item. The sheet
absent, or every answer (the condition's column) blank, is `missing`
(so a form with the items listed but not answered is `missing`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.checks.base import TableCheck
from auditor.checks.build import BuildContext, YamlPath, params_schema
from auditor.checks.conditions import (
    CONDITION_SCHEMA,
    CONDITIONS_SCHEMA,
    has_any,
    left_out,
    left_out_finding,
    op_text,
    select_rows,
    test,
)
from auditor.checks.findings import ambiguous_key, no_records, unmatched_rows, unreadable
from auditor.checks.keys import ALIASES_SCHEMA, ItemMatcher, aliases_of, matcher_for
from auditor.checks.table import TableView
from auditor.result import Finding, Outcome
from auditor.standard.model import Condition, RunContext
from auditor.workbook.evidence import Evidence


def fixed_value(condition: Condition) -> object | None:
    """The single value a filter requires (`==`, or `in` with one value), else None."""
    if condition.op == "==" and condition.value is not None:
        return condition.value
    if condition.op == "in" and isinstance(condition.value, tuple) and len(condition.value) == 1:
        first: object = condition.value[0]
        return first
    return None


@dataclass(frozen=True)
class TableItemsCheck(TableCheck):
    TYPE = "table_items"
    SCHEMA = params_schema(
        {
            "sheet": {"type": "string", "description": "表格工作表"},
            "key": {"type": "string", "description": "写条目名称的列"},
            "items": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 1,
                "uniqueItems": True,
                "description": "要求逐条具备的条目（每条一项得分）",
            },
            "where": CONDITIONS_SCHEMA,
            "condition": {**CONDITION_SCHEMA, "description": "每个条目所在的行须满足的条件"},
            "aliases": ALIASES_SCHEMA,
        },
        ["sheet", "key", "items", "condition"],
    )
    PROVIDES = frozenset({"items", "passed"})
    COUNTS_ROWS = False  # some row per period / item / value: a repeated row changes nothing

    sheet: str
    key: str
    items: tuple[str, ...]
    where: tuple[Condition, ...]
    condition: Condition
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: YamlPath) -> TableItemsCheck | None:
        sheet = ctx.sheet(params["sheet"], "table", (*path, "sheet"))
        key = ctx.column(sheet, params["key"], (*path, "key"))
        where = ctx.conditions(sheet, params.get("where", []), (*path, "where"))
        condition = ctx.condition(sheet, params["condition"], (*path, "condition"))
        if sheet is None or key is None or condition is None or where is None:
            return None
        return cls(
            sheet.name, key.name, tuple(params["items"]), where, condition, aliases_of(params, ctx, path)
        )

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        table = self.open_table(evidence)
        if isinstance(table, Outcome):
            return table
        column = self.condition.column
        if not has_any(table, [column]):  # every answer blank: nothing to judge
            return no_records(table, f"“{column}”")
        out = Outcome(items=[])
        by_key: dict[str, list[int]] = {}
        unmatched: list[int] = []
        keys = table.column(self.key)
        matcher = matcher_for(self.items, self.aliases)
        chosen = select_rows(table, self.where, out)
        for i in chosen:
            cell = keys[i]
            if cell.ok:
                item, ambiguous = matcher.match(str(cell.value))
                if item is not None:
                    by_key.setdefault(item, []).append(i)
                elif ambiguous:
                    out.add(ambiguous_key(table.cell(i, self.key), ambiguous))
                else:
                    unmatched.append(i)
            elif cell.status == "error":
                out.add(unreadable(self.key, table.cell(i, self.key)))
        items = out.items = []
        answers = table.column(column)
        for item in self.items:
            rows = by_key.get(item, [])
            if not rows:
                items.append((item, False))
                out.add(self._absent(table, item, matcher, chosen))
                continue
            ok = any(test(self.condition, answers[i]) == "yes" for i in rows)
            items.append((item, ok))
            if ok:
                continue
            cell = table.cell(rows[0], column)  # the first row's answer, located, for the finding
            result = test(self.condition, cell)
            if result == "error":
                out.add(unreadable(f"{item}的{column}", cell))
            elif result == "blank":
                out.add(Finding(f"{item}：{column}未填写", cell.location, code="blank"))
            else:
                out.add(
                    Finding(
                        f"{item}：{column}为{cell.shown}，"
                        f"要求{op_text(self.condition.op, self.condition.value_text())}",
                        cell.location,
                        code="not-met",
                    )
                )
        out.passed = all(ok for _, ok in items)
        if unmatched and len(by_key) < len(self.items):  # some item has no row: which rows name none
            out.add(unmatched_rows(table, self.key, unmatched, "所列条目"))
        return out

    def _absent(self, table: TableView, item: str, matcher: ItemMatcher, chosen: list[int]) -> Finding:
        """The finding of an item without a counted row: its row left out because a `where` value of it
        cannot be read (the row is there), else no row at all."""
        unread = left_out(
            table,
            self.where,
            chosen,
            self.key,
            lambda key: key.ok and matcher.match(str(key.value))[0] == item,
        )
        if unread is not None:
            return left_out_finding(table, unread, lambda n: f"{item}：第{n}行有记录")
        return Finding(f"{item}：缺少记录", table.location(self.key), code="item-absent")

    def reads(self) -> list[tuple[str, str]]:
        cols = [self.key, *(c.column for c in self.where), self.condition.column]
        return [(self.sheet, c) for c in dict.fromkeys(cols)]

    def describe(self) -> str:
        return f"{self.sheet}：{'、'.join(self.items)} 各项 {self.condition.describe()}"

    def template_rows(self, sheet: str) -> list[Mapping[str, object]]:
        """One row per item: the item in the key column and every single value a filter requires."""
        if sheet != self.sheet:
            return []
        required = {c.column: v for c in self.where if (v := fixed_value(c)) is not None}
        return [
            {self.key: item, **{c: v for c, v in required.items() if c != self.key}} for item in self.items
        ]

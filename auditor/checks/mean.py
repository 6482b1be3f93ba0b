"""`weighted_mean`: the mean of weights given to categorical answers, with a minimum sample.

```yaml
check:
  type: weighted_mean
  sheet: 问卷
  column: 打分
  weights: {好: 100, 一般: 75, 差: 55}
  exclude: [不清楚]      # answers left out of the mean
  min_count: 30          # fewer counted answers is `missing`
```
Provides `value` (the index, for `tiers`). Blank answers are skipped; an answer that is
neither weighted nor excluded is an `error` finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from auditor.checks.base import TableCheck
from auditor.checks.build import BuildContext, YamlPath, params_schema
from auditor.checks.conditions import has_any
from auditor.checks.findings import no_records, unreadable
from auditor.result import Finding, Outcome
from auditor.standard.model import RunContext, ValueKind
from auditor.workbook.evidence import Cell, Evidence
from auditor.workbook.values import normalize_label


@dataclass(frozen=True)
class WeightedMeanCheck(TableCheck):
    TYPE = "weighted_mean"
    SCHEMA = params_schema(
        {
            "sheet": {"type": "string", "description": "表格工作表"},
            "column": {"type": "string", "description": "写答案的列"},
            "weights": {
                "type": "object",
                "additionalProperties": {"type": "number"},
                "minProperties": 1,
                "description": "每个答案的分值，如 {好: 100, 一般: 75, 差: 55}",
            },
            "exclude": {"type": "array", "items": {"type": "string"}, "description": "不计入平均的答案"},
            "min_count": {
                "type": "integer",
                "minimum": 1,
                "default": 1,
                "description": "有效样本至少多少份，少于则为缺少材料",
            },
        },
        ["sheet", "column", "weights"],
    )
    PROVIDES = frozenset({"value"})
    VALUE_KIND: ClassVar[ValueKind] = "index"

    sheet: str
    column: str
    weights: tuple[tuple[str, Fraction], ...]
    exclude: tuple[str, ...]
    min_count: int

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: YamlPath) -> WeightedMeanCheck | None:
        sheet = ctx.sheet(params["sheet"], "table", (*path, "sheet"))
        column = ctx.column(sheet, params["column"], (*path, "column"))
        if sheet is None or column is None:
            return None
        if column.type == "enum":
            for key in [*params["weights"], *params.get("exclude", [])]:
                ctx.coerce(column, key, (*path, "weights", key))
        weights = tuple((str(k), Fraction(str(v))) for k, v in params["weights"].items())
        return cls(
            sheet.name, column.name, weights, tuple(params.get("exclude", [])), int(params["min_count"])
        )

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        table = self.open_table(evidence)
        if isinstance(table, Outcome):
            return table
        if not has_any(table, [self.column]):
            return no_records(table, f"“{self.column}”")
        weights = {normalize_label(k): w for k, w in self.weights}
        excluded = {normalize_label(e) for e in self.exclude}
        out = Outcome()
        tally: Counter[str] = Counter()
        cells = table.column(self.column)
        known = self._answers(cells, weights, excluded)
        if known is not None:  # every value readable (nearly always): counted by distinct cell
            for key, n in Counter(map(id, cells)).items():
                answer = known[key]
                if answer is not None:
                    tally[answer] += n
            cells = []
        for i, cell in enumerate(cells):
            if cell.status == "blank":
                continue
            if cell.status == "error":
                out.add(unreadable(self.column, table.cell(i, self.column)))
                continue
            answer = normalize_label(str(cell.value))
            if answer in weights:
                tally[answer] += 1
            elif answer not in excluded:
                out.add(
                    Finding(
                        f"{self.column}无法识别：“{cell.shown}”",
                        table.cell(i, self.column).location,
                        "error",
                        "unreadable",
                    )
                )
        count = sum(tally.values())
        if count < self.min_count:
            out.missing = True
            out.add(
                Finding(
                    f"有效样本{count}份，少于{self.min_count}份",
                    table.location(self.column),
                    "missing",
                    "below-threshold",
                )
            )
            return out
        out.value = sum((weights[a] * n for a, n in tally.items()), Fraction(0)) / count
        out.add(
            Finding(
                f"有效样本{count}份，指数{float(out.value):.2f}",
                table.location(self.column),
                "note",
                "sample",
            )
        )
        return out

    @staticmethod
    def _answers(
        cells: Sequence[Cell], weights: Mapping[str, Fraction], excluded: AbstractSet[str]
    ) -> dict[int, str | None] | None:
        """Each distinct cell's answer by identity (None: blank or excluded; rows share the cells of equal
        values); None when some cell is unreadable or not an answer (the rows are then looked at one by
        one, for the findings in reading order)."""
        answers: dict[int, str | None] = {}
        for key, cell in dict(zip(map(id, cells), cells, strict=True)).items():
            if cell.status == "blank":
                answers[key] = None
                continue
            if cell.status == "error":
                return None
            answer = normalize_label(str(cell.value))
            if answer in weights:
                answers[key] = answer
            elif answer in excluded:
                answers[key] = None
            else:
                return None
        return answers

    def reads(self) -> list[tuple[str, str]]:
        return [(self.sheet, self.column)]

    def describe(self) -> str:
        shown = "、".join(f"{k}{v}" for k, v in self.weights)
        return f"{self.sheet}：{self.column}加权平均（{shown}），至少{self.min_count}份"

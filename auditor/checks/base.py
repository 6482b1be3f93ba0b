"""What every check type shares: the contract, outcomes, findings, conditions and reference checking.

A check type is a frozen dataclass subclassing :class:`Check`. It brings

* ``TYPE`` - the name a standard uses (``check: {type: ...}``),
* ``SCHEMA`` - the JSON Schema of its parameters (assembled into the standard's schema),
* ``PROVIDES`` - which credit inputs it produces: ``passed``, ``items``, ``value``,
* ``VALUE_KIND`` - what ``value`` is: ``share`` (0..1), ``count``, ``index``, ``ratio`` or None,
* ``build()`` - parameters (already schema-valid) -> the check, reporting bad references,
* ``run()`` - evidence -> :class:`Outcome`. A check never opens a file.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache, partial
from typing import Any, ClassVar, Literal

from auditor.standard.model import OPS, Condition, FieldSpec, SheetSpec, show_value
from auditor.workbook import values as V
from auditor.workbook.evidence import Cell, Evidence, TableSheet

FindingKind = Literal["defect", "error", "missing", "note"]
Path = tuple[str | int, ...]
MAX_ROW_FINDINGS = 10


@dataclass(frozen=True)
class Finding:
    message: str
    location: str = ""
    kind: FindingKind = "defect"


@dataclass
class Outcome:
    """What a check found. Credit modes read `passed`, `items` or `value`."""

    missing: bool = False
    passed: bool | None = None
    items: list[tuple[str, bool]] | None = None
    value: Fraction | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.kind == "error")

    def add(self, finding: Finding) -> None:
        if finding not in self.findings:
            self.findings.append(finding)


@dataclass(frozen=True)
class RunContext:
    year: int | None


def unreadable(name: str, cell: Cell) -> Finding:
    return Finding(f"{name}无法识别：“{cell.shown}”，应为{cell.expected}", cell.location, "error")


def missing_sheet(sheet: str) -> Outcome:
    return Outcome(missing=True, findings=[Finding(f"缺少工作表“{sheet}”", sheet, "missing")])


def missing_column(table: TableSheet, column: str) -> Outcome:
    return Outcome(
        missing=True, findings=[Finding(f"工作表缺少“{column}”列", table.location(), "missing")]
    )


def no_records(table: TableSheet, what: str = "") -> Outcome:
    text = f"没有{what}记录" if what else "没有记录"
    return Outcome(missing=True, findings=[Finding(text, table.location(), "missing")])


def year_unknown() -> Outcome:
    return Outcome(missing=True, findings=[Finding("年度未知，无法按年度统计（可用 --year 指定）", "", "missing")])


ZERO = Fraction(0)
ONE = Fraction(1)


@lru_cache(maxsize=4096)
def exact(number: Decimal | int) -> Fraction:
    """A number of the standard (points, thresholds, weights) as an exact fraction, made once per value."""
    return Fraction(number)


# ---------------------------------------------------------------- conditions

TestResult = Literal["yes", "no", "blank", "error"]


def _compare(op: str, left: object, right: object) -> bool:
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op == "in":
        return isinstance(right, tuple) and left in right
    if op == "not_in":
        return isinstance(right, tuple) and left not in right
    a: Any = left
    b: Any = right
    if op == ">":
        return bool(a > b)
    if op == ">=":
        return bool(a >= b)
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    raise ValueError(op)


def test(condition: Condition, cell: Cell) -> TestResult:
    """Tri-state test of a cell: yes / no / blank (nothing typed) / error (unreadable)."""
    if cell.status == "error":
        return "error"
    if condition.op == "filled":
        return "no" if cell.status == "blank" else "yes"
    if condition.op == "blank":
        return "yes" if cell.status == "blank" else "no"
    if cell.status != "ok":
        return cell.status
    return "yes" if _compare(condition.op, cell.value, condition.value) else "no"


def op_text(op: str, value: object) -> str:
    names = {"==": "为", "!=": "不为", ">": "大于", ">=": "不少于", "<": "小于", "<=": "不超过",
             "in": "为", "not_in": "不为"}
    return f"{names.get(op, op)}{show_value(value)}"


_NO_VALUE = Cell("blank", "")


def select_rows(table: TableSheet, where: Sequence[Condition], out: Outcome) -> list[int]:
    """Indices of the rows meeting every condition (tested in order, row by row); an unreadable value in a
    condition column is an error finding. Cells are shared between equal values, so each distinct cell
    is tested once per condition."""
    n = len(table)
    verdicts: list[list[TestResult]] = []
    for condition in where:
        cells = table.column(condition.column) or [_NO_VALUE] * n
        tested = {key: test(condition, cell) for key, cell in {id(cell): cell for cell in cells}.items()}
        verdicts.append([tested[id(cell)] for cell in cells])
    if not verdicts:
        return list(range(n))
    if not any("error" in column for column in verdicts):
        chosen = list(range(n))
        for column in verdicts:
            chosen = [i for i in chosen if column[i] == "yes"]
        return chosen
    chosen = []
    for i in range(n):  # row by row, conditions in order: the findings come in reading order
        for condition, column in zip(where, verdicts, strict=True):
            if column[i] == "error":
                out.add(unreadable(condition.column, table.cell(i, condition.column)))
            if column[i] != "yes":
                break
        else:
            chosen.append(i)
    return chosen


def rows_in_year(rows: Iterable[int], table: TableSheet, date_column: str, year: int,
                 out: Outcome) -> list[tuple[int, dt.date]]:
    """The rows (indices) dated in `year`, with their dates; an unreadable date is an error finding."""
    cells = table.column(date_column)
    if cells is None:
        return []
    dated: list[tuple[int, dt.date]] = []
    for i in rows:
        cell = cells[i]
        value = cell.value  # None unless the status is ok
        if isinstance(value, dt.date):
            if value.year == year:
                dated.append((i, value))
        elif cell.status == "error":
            out.add(unreadable(date_column, table.cell(i, date_column)))
    return dated


def has_any(table: TableSheet, columns: Iterable[str]) -> bool:
    """True when some row has a value in one of `columns` (the evidence is there at all)."""
    for name in columns:
        cells = table.column(name)
        if cells is not None and any(cell.status != "blank" for cell in cells):
            return True
    return False


def row_list(numbers: Sequence[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:MAX_ROW_FINDINGS])
    more = f"等{len(numbers)}行" if len(numbers) > MAX_ROW_FINDINGS else "行"
    return f"第{shown}{more}"


# ---------------------------------------------------------------- building from YAML


@dataclass
class BuildContext:
    """Resolves a check's references against the standard's layout; collects problems."""

    layout: Mapping[str, SheetSpec]
    yes_words: Sequence[str]
    no_words: Sequence[str]
    problems: list[tuple[Path, str]] = field(default_factory=list)

    def problem(self, path: Path, message: str) -> None:
        self.problems.append((path, message))

    def sheet(self, name: str, kind: str, path: Path) -> SheetSpec | None:
        spec = self.layout.get(name)
        if spec is None:
            self.problem(path, f"未声明的工作表“{name}”")
            return None
        if spec.kind != kind:
            self.problem(path, f"工作表“{name}”是 {spec.kind}，此处需要 {kind}")
            return None
        return spec

    def column(self, sheet: SheetSpec | None, name: str, path: Path,
               types: Sequence[str] | None = None) -> FieldSpec | None:
        if sheet is None:
            return None
        spec = sheet.field(name)
        if spec is None:
            what = "字段" if sheet.kind == "form" else "列"
            self.problem(path, f"工作表“{sheet.name}”未声明{what}“{name}”")
            return None
        if types is not None and spec.type not in types:
            self.problem(path, f"“{name}”的类型是 {spec.type}，此处需要 {'/'.join(types)}")
        return spec

    def coerce(self, spec: FieldSpec, raw: object, path: Path) -> object:
        """A value written in the YAML, converted to the field's type (so 是 == True for yes/no)."""
        try:
            return parse_value(spec, raw, self.yes_words, self.no_words)
        except V.ParseError as exc:
            self.problem(path, f"“{raw}”不是“{spec.name}”的有效值（应为{exc.expected}）")
            return None

    def condition(self, sheet: SheetSpec | None, raw: Mapping[str, Any], path: Path) -> Condition | None:
        column = str(raw["column"])
        op = str(raw.get("op", "=="))
        spec = self.column(sheet, column, (*path, "column"))
        if op not in OPS:
            self.problem((*path, "op"), f"未知的比较“{op}”")
            return None
        if spec is None:
            return None
        if op in ("filled", "blank"):
            return Condition(column, op)
        if "value" not in raw:
            self.problem(path, f"比较“{op}”需要 value")
            return None
        value = raw["value"]
        if op in ("in", "not_in"):
            items = value if isinstance(value, list) else [value]
            coerced = tuple(self.coerce(spec, v, (*path, "value")) for v in items)
            return Condition(column, op, coerced, "/".join(map(str, items)))
        if op in (">", ">=", "<", "<=") and spec.type not in ("number", "integer", "date", "year"):
            self.problem((*path, "op"), f"“{column}”是 {spec.type}，不能用“{op}”比较")
        return Condition(column, op, self.coerce(spec, value, (*path, "value")), str(value))

    def conditions(self, sheet: SheetSpec | None, raws: Sequence[Mapping[str, Any]],
                   path: Path) -> tuple[Condition, ...]:
        built = (self.condition(sheet, raw, (*path, i)) for i, raw in enumerate(raws))
        return tuple(c for c in built if c is not None)


def parse_value(spec: FieldSpec, raw: object, yes: Sequence[str], no: Sequence[str],
                epoch1904: bool = False) -> object:
    """Parse a raw value as the field's declared type (raises ParseError)."""
    return parser_for(spec, tuple(yes), tuple(no), epoch1904)(raw)


@lru_cache(maxsize=512)
def parser_for(spec: FieldSpec, yes: tuple[str, ...], no: tuple[str, ...],
               epoch1904: bool = False) -> Callable[[object], object]:
    """The parser of one field's values (made once per field, used for every cell)."""
    units = tuple(dict.fromkeys((*spec.units, *label_units(spec.name))))
    if spec.type == "yesno":
        return partial(V.parse_yesno, yes=yes, no=no)
    if spec.type == "number":
        return partial(V.parse_number, units=units)
    if spec.type == "integer":
        return lambda raw: Decimal(V.parse_integer(raw, units))
    if spec.type == "date":
        return partial(V.parse_date, epoch1904=True) if epoch1904 else V.parse_date
    if spec.type == "year":
        return V.parse_year
    if spec.type == "enum":
        return partial(V.parse_enum, values=spec.values)
    return V.parse_text


@lru_cache(maxsize=1024)
def label_units(label: str) -> tuple[str, ...]:
    """A unit written in brackets at the end of a label: '经费(万元)' -> ('万元',)."""
    text = V.normalize_label(label)
    if text.endswith(")") and "(" in text:
        return (text[text.rindex("(") + 1 : -1],)
    return ()


# ---------------------------------------------------------------- the contract

CONDITION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["column"],
    "additionalProperties": False,
    "properties": {
        "column": {"type": "string", "description": "列名（或表单字段名）"},
        "op": {"enum": list(OPS), "default": "=="},
        "value": {"description": "比较的值；in/not_in 时为列表"},
    },
}
CONDITIONS_SCHEMA: dict[str, Any] = {"type": "array", "items": CONDITION_SCHEMA}
COMPARE_OPS = ["==", "!=", ">", ">=", "<", "<="]


class Check(ABC):
    TYPE: ClassVar[str]
    SCHEMA: ClassVar[dict[str, Any]]
    PROVIDES: ClassVar[frozenset[str]]
    VALUE_KIND: ClassVar[str | None] = None

    @classmethod
    @abstractmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: Path) -> Check | None:
        """Parameters (schema-valid) -> the check; bad references go to ctx.problems."""

    @abstractmethod
    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome:
        """Evidence -> outcome. Never raises for bad input: unreadable values become findings."""

    @abstractmethod
    def reads(self) -> list[tuple[str, str]]:
        """(sheet, field or column) pairs this check reads."""

    @abstractmethod
    def describe(self) -> str:
        """One line in Chinese saying what is checked."""


def compare_schema(extra: Mapping[str, Any], required: Sequence[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["type", *required],
        "additionalProperties": False,
        "properties": {"type": {"type": "string"}, **extra},
    }

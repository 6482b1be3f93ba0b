"""Building a check from the standard's YAML: references resolved against the layout, problems collected.

Every check type's ``SCHEMA`` is made with :func:`params_schema`, so each parameter carries a
``description`` (shown by editors) and its default is written once: :func:`with_defaults` fills the
defaults in before ``build`` sees the parameters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from auditor.standard.model import OPS, Condition, FieldSpec, SheetSpec
from auditor.workbook.parsers import parse_value
from auditor.workbook.values import ParseError

if TYPE_CHECKING:
    from auditor.standard.model import Check

YamlPath = tuple[str | int, ...]


class CheckClass(Protocol):
    """What the registry holds: a check type (the class object), which builds its checks from their parameters."""

    TYPE: str
    SCHEMA: dict[str, Any]

    @classmethod
    def build(cls, params: Mapping[str, Any], ctx: BuildContext, path: YamlPath) -> Check | None: ...


def params_schema(properties: Mapping[str, Any], required: Sequence[str]) -> dict[str, Any]:
    """The JSON Schema of a check's parameters; every property must say what it is for."""
    for name, spec in properties.items():
        if "description" not in spec:
            raise ValueError(f"check parameter {name!r} has no description")
    return {
        "type": "object",
        "required": ["type", *required],
        "additionalProperties": False,
        "properties": {"type": {"type": "string", "description": "检查类型"}, **properties},
    }


def with_defaults(schema: Mapping[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters with every default of the schema filled in (defaults are stated only there)."""
    filled = dict(params)
    for name, spec in schema.get("properties", {}).items():
        if name not in filled and "default" in spec:
            filled[name] = spec["default"]
    return filled


@dataclass
class BuildContext:
    """Resolves a check's references against the standard's layout; collects problems."""

    layout: Mapping[str, SheetSpec]
    yes_words: Sequence[str]
    no_words: Sequence[str]
    problems: list[tuple[YamlPath, str]] = field(default_factory=list)

    def problem(self, path: YamlPath, message: str) -> None:
        self.problems.append((path, message))

    def sheet(self, name: str, kind: str, path: YamlPath) -> SheetSpec | None:
        spec = self.layout.get(name)
        if spec is None:
            self.problem(path, f"未声明的工作表“{name}”")
            return None
        if spec.kind != kind:
            self.problem(path, f"工作表“{name}”是 {spec.kind}，此处需要 {kind}")
            return None
        return spec

    def column(
        self, sheet: SheetSpec | None, name: str, path: YamlPath, types: Sequence[str] | None = None
    ) -> FieldSpec | None:
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

    def coerce(self, spec: FieldSpec, raw: object, path: YamlPath) -> object:
        """A value written in the YAML, converted to the field's type (so 是 == True for yes/no)."""
        try:
            return parse_value(spec, raw, self.yes_words, self.no_words)
        except ParseError as exc:
            self.problem(path, f"“{raw}”不是“{spec.name}”的有效值（应为{exc.expected}）")
            return None

    def condition(self, sheet: SheetSpec | None, raw: Mapping[str, Any], path: YamlPath) -> Condition | None:
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

    def conditions(
        self, sheet: SheetSpec | None, raws: Sequence[Mapping[str, Any]], path: YamlPath
    ) -> tuple[Condition, ...] | None:
        """Every condition built, or None when one of them could not be (its problem is recorded)."""
        built = [self.condition(sheet, raw, (*path, i)) for i, raw in enumerate(raws)]
        kept = tuple(c for c in built if c is not None)
        return kept if len(kept) == len(built) else None

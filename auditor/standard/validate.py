"""The first look at a standard's data: the JSON Schema, its errors put in the editors' words.

A standard that does not fit the schema (a key unknown or missing, a number that is text, an
unknown check type or credit mode) is refused before anything is built from it, each error at
the YAML path of the key to fix, in Chinese, with the nearest known key where one was mistyped.
An overlay (``extends:``) is first checked against the overlay's own schema, then, resolved, as a
standard.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from auditor.standard.suggest import did_you_mean
from auditor.standard.yaml_lines import YamlPath

TYPE_WORDS = {
    "string": "文字",
    "number": "数字",
    "integer": "整数",
    "boolean": "true 或 false",
    "array": "列表",
    "object": "映射（键: 值）",
    "null": "空",
}


@cache
def _validator(part: str = "") -> Any:
    """The validator of the whole schema, or of one of its ``$defs`` (``standard``, ``overlay``)."""
    import jsonschema

    from auditor.standard.schema import build_schema

    schema = build_schema()  # the schema itself is checked by the tests
    if part:
        schema = {**schema["$defs"][part], "$defs": schema["$defs"]}
    return jsonschema.Draft202012Validator(schema)


def _shown(value: object) -> str:
    return (
        repr(value)
        if isinstance(value, str)
        else str(value).replace("True", "true").replace("False", "false")
    )


def _message(error: Any) -> str:
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "type":
        if expected == "string":
            return f"{_shown(value)} 应为字符串（请加引号）"
        wanted = [expected] if isinstance(expected, str) else list(expected)
        return f"{_shown(value)} 应为{'或'.join(TYPE_WORDS.get(w, w) for w in wanted)}".replace(
            "为true", "为 true"
        )
    if kind == "required":
        return str(error.message).replace("is a required property", "是必填项")
    if kind == "enum":
        return f"{_shown(value)} 不是可选值之一：{', '.join(map(str, expected))}"
    if kind == "const":
        return f"{_shown(value)} 应为 {expected}"
    if kind == "not":
        return "这些键不能同时出现（见 standards/README.md）"
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {"minimum": "不能小于", "exclusiveMinimum": "应大于", "maximum": "不能大于"}
        return f"{_shown(value)} {words.get(kind, '应小于')} {expected}"
    if kind in ("minItems", "minLength"):
        return "不能为空" if expected == 1 else f"至少要有 {expected} 项"
    if kind in ("anyOf", "oneOf"):
        return f"{_shown(value)} 不符合此处的写法（见 standards/README.md）"
    if kind == "pattern":
        return f"{_shown(value)} 的格式不对"
    return str(error.message)


def _unknown_keys(error: Any) -> list[str]:
    known = set(error.schema.get("properties", {}))
    return [str(k) for k in error.instance if k not in known]


def schema_problems(data: Mapping[str, Any], part: str = "standard") -> list[tuple[YamlPath, str]]:
    """Every schema error of the data, in path order: (the YAML path to fix, the message). ``part`` is the
    schema to check against: ``standard`` (a whole standard, an overlay resolved) or ``overlay``."""
    problems: list[tuple[YamlPath, str]] = []
    for error in sorted(_validator(part).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = sorted(map(str, error.schema.get("properties", {})))
            for key in _unknown_keys(error):  # each at the line of the unknown key, not of its mapping
                problems.append(((*path, key), f"不认识的键“{key}”{did_you_mean(key, known)}"))
            continue
        problems.append((path, _message(error)))
    return problems

"""The first look at a standard's data: the JSON Schema, its errors put in the editors' words.

A standard that does not fit the schema (a key unknown or missing, a number that is text, an
unknown check type or credit mode) is refused before anything is built from it, each error at
the YAML path of the key to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from auditor.standard.yaml_lines import YamlPath


@cache
def _validator() -> Any:
    import jsonschema

    from auditor.standard.schema import build_schema

    return jsonschema.Draft202012Validator(build_schema())  # the schema itself is checked by the tests


def _message(error: Any) -> str:
    if error.validator == "type" and error.validator_value == "string":
        return f"{error.instance!r} 应为字符串（请加引号）"
    if error.validator == "required":
        return str(error.message).replace("is a required property", "是必填项")
    if error.validator == "additionalProperties":
        return str(error.message).replace("Additional properties are not allowed", "不认识的键")
    if error.validator == "enum":
        return f"{error.instance!r} 不是可选值之一：{', '.join(map(str, error.validator_value))}"
    if error.validator == "not":
        return "这些键不能同时出现（见 standards/README.md）"
    return str(error.message)


def schema_problems(data: Mapping[str, Any]) -> list[tuple[YamlPath, str]]:
    """Every schema error of the data, in path order: (the YAML path to fix, the message)."""
    problems: list[tuple[YamlPath, str]] = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = set(error.schema.get("properties", {}))
            extra = [k for k in error.instance if k not in known]
            if extra:
                path = (*path, extra[0])  # the line of the unknown key, not of the mapping holding it
        problems.append((path, _message(error)))
    return problems

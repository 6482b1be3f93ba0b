"""The parts of the JSON Schema this project's lifecycle adds: a standard's ``tests:`` and overlays.

:func:`with_overlays` turns the schema of a standard into the published one: a file with ``extends:``
is an overlay (``$defs/overlay``), any other a whole standard (``$defs/standard``), so an editor
autocompletes both. An overlay's own keys are checked here for their shape (which keys, which
clause ids as strings); the values it brings are checked once the overlay is resolved, as part of
the whole standard, at the overlay's lines.
"""

from __future__ import annotations

from typing import Any

from auditor.result import STATUSES

_TEXT = {"type": "string", "minLength": 1}

STATUS_HELP = (
    "pass 达标、partial 部分达标、fail 未达标、missing 缺少材料、not_applicable 不适用、error 无法识别"
)


def tests_schema() -> dict[str, Any]:
    """``tests:``: example workbooks of the standard and the results each must get."""
    expectation = {
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {
            "status": {"enum": list(STATUSES), "description": f"应有的状态：{STATUS_HELP}"},
            "earned": {"type": "number", "minimum": 0, "description": "应得的分数（加分项：所加的分）"},
        },
    }
    return {
        "type": "array",
        "description": "标准自带的测试：示例检查表和它应得的结果（audit standard test 逐一核对）",
        "items": {
            "type": "object",
            "required": ["workbook"],
            "additionalProperties": False,
            "properties": {
                "name": {**_TEXT, "description": "测试的名称（缺省用检查表所属中心的编号）"},
                "workbook": {**_TEXT, "description": "检查表文件，相对于本标准文件的路径"},
                "year": {"type": "integer", "description": "审核年度（同 --year；缺省按检查表所填）"},
                "score": {"type": "number", "minimum": 0, "description": "应得的最终得分（一位小数）"},
                "grade": {**_TEXT, "description": "应得的等级"},
                "veto": {"type": "boolean", "description": "是否应被一票否决"},
                "others": {
                    "enum": ["pass"],
                    "description": "pass：clauses 未列出的条款都应达标并得满分",
                },
                "clauses": {
                    "type": "object",
                    "description": "逐条款的预期：条款的编号 → {status, earned}",
                    "additionalProperties": expectation,
                },
            },
        },
    }


def _keys_only(schema: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """An object with the keys of ``schema`` (their descriptions kept), any value: an overlay states only
    what it changes, and the values are checked in the resolved standard."""
    keys: dict[str, Any] = {}
    for name, spec in schema.get("properties", {}).items():
        keys[name] = {"description": spec["description"]} if "description" in spec else {}
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": keys}
    if required:
        out["required"] = required
    return out


def _partial_clause(
    clause: dict[str, Any], checks: dict[str, Any], required: list[str] | None
) -> dict[str, Any]:
    partial = _keys_only(clause, required)
    params: dict[str, Any] = {"type": {"description": "检查类型"}}
    for then in (rule["then"] for rule in checks.get("allOf", [])):
        for name, spec in then.get("properties", {}).items():
            params.setdefault(name, {"description": spec["description"]} if "description" in spec else {})
    partial["properties"]["check"] = {
        "type": "object",
        "description": "检查方式：只写要改的参数（null 删除一个参数）",
        "additionalProperties": False,
        "properties": params,
    }
    return partial


def overlay_schema(standard: dict[str, Any]) -> dict[str, Any]:
    """An overlay: ``extends`` a base standard and changes it."""
    clause = standard["properties"]["parts"]["items"]["properties"]["clauses"]["items"]
    checks = clause["properties"]["check"]
    keys = {k: v for k, v in standard["properties"].items() if k != "parts"}
    part = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "title": {**_TEXT, "description": "部分的新标题"},
            "points": {"type": "number", "minimum": 0, "description": "部分的新分值"},
        },
    }
    return {
        "type": "object",
        "required": ["extends"],
        "additionalProperties": False,
        "properties": {
            "extends": {
                **_TEXT,
                "description": "基础标准文件（相对于本文件的路径）；其余各键在它的基础上修改",
            },
            **keys,
            "override": {
                "type": "object",
                "description": "按编号修改条款：只写要改的键，逐键合并（映射合并，其余的值替换，null 删除）",
                "additionalProperties": _partial_clause(clause, checks, None),
            },
            "remove": {"type": "array", "items": _TEXT, "description": "要删除的条款（写编号）"},
            "add": {
                "type": "array",
                "description": "新增的条款：{part: 部分编号, clause: 完整的条款}",
                "items": {
                    "type": "object",
                    "required": ["part", "clause"],
                    "additionalProperties": False,
                    "properties": {
                        "part": {**_TEXT, "description": "加入哪一部分（部分编号）"},
                        "clause": _partial_clause(clause, checks, ["id", "title", "check"]),
                    },
                },
            },
            "parts": {
                "type": "object",
                "description": '按部分编号修改部分的分值或标题，如 "4": {points: 13}',
                "additionalProperties": part,
            },
        },
    }


def with_overlays(standard: dict[str, Any]) -> dict[str, Any]:
    """The published schema: an overlay when the file has ``extends``, otherwise a whole standard."""
    head: dict[str, Any] = {
        k: standard.pop(k) for k in ("$schema", "$id", "title", "description") if k in standard
    }
    return {
        **head,
        "$defs": {"standard": standard, "overlay": overlay_schema(standard)},
        "if": {"type": "object", "required": ["extends"]},
        "then": {"$ref": "#/$defs/overlay"},
        "else": {"$ref": "#/$defs/standard"},
    }

"""The JSON Schema (draft 2020-12) of standards, assembled from the base and each check type's parameters."""

from __future__ import annotations

import json
from typing import Any

from auditor.checks import REGISTRY
from auditor.standard.model import CREDIT_MODES, OPS, VALUE_TYPES

SCHEMA_ID = "https://example.org/audit/standard.schema.json"

_TEXT = {"type": "string", "minLength": 1}
_STR_LIST = {"type": "array", "items": _TEXT}

_FIELD = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "name": {**_TEXT, "description": "标签或列标题（比较时忽略空格、全半角括号和冒号）"},
        "type": {"enum": list(VALUE_TYPES), "default": "text"},
        "values": {**_STR_LIST, "description": "enum 类型的可选值"},
        "units": {**_STR_LIST, "description": "数字后可带的单位，如 万元、人"},
        "required": {"type": "boolean", "default": False},
        "pii": {"type": "boolean", "default": False, "description": "个人信息：其值不出现在任何输出中"},
        "hint": {"type": "string"},
        "unique": {
            "type": "boolean",
            "default": False,
            "description": "每条记录的值各不相同（如编号）：值重复的行只计一次",
        },
        "synonyms": {
            "type": "object",
            "additionalProperties": _TEXT,
            "description": "enum 可选值的别的写法：写法 → 可选值之一，如 {很好: 非常好, 比较好: 较好}",
        },
        "aliases": {
            **_STR_LIST,
            "description": "别的叫法：手工台账里这一列（或表单标签）另外的写法，如 借出时间 的 [借阅日期, 借出日期]",
        },
        "min": {
            "type": ["number", "null"],
            "default": 0,
            "description": "number/integer 的下限（含）：更小的数是错误（默认 0：人员、次数、金额、时长不能为负；null 表示不限）",
        },
        "same_day": {
            **_TEXT,
            "description": "date 类型的列：写“当日办结”“当场办结”“即办”等时，取同一行这一列的日期（如 申请日期）",
        },
        "filled_by": {
            "enum": ["center", "inspectors"],
            "default": "center",
            "description": "谁填写：center（被考核的中心，默认）或 inspectors（考核组；检查表中单独标出，中心不填）",
        },
    },
    "if": {"properties": {"type": {"const": "enum"}}, "required": ["type"]},
    "then": {"required": ["values"]},
}

_VOCABULARY = {
    "yes": "表示“是”的词（替换默认词表）",
    "no": "表示“否”的词（替换默认词表）",
    "footer": "表尾行开头的词，如 填表人、审核人：该行及以下不计为记录（替换默认词表）",
    "note": "后跟冒号即为表尾说明的词，如 备注：、说明：（替换默认词表）",
    "total": "合计行的词，如 合计、小计（替换默认词表）",
    "section": "表格中分段标题的整格文字，如 上半年（默认已识别 一月份、第一季度、一、… 等）",
    "blank": "文字栏目中表示“没有”的写法，如 无、暂无、/、—：视为未填写（替换默认词表）",
    "ditto": "表示“同上一行”的写法，如 同上、〃：按上一行同列的值读取（替换默认词表）",
    "partly": "“是”后面说明的开头，表示只部分做到，如 部分、个别：“是（部分时段）”不算“是”（替换默认词表）",
}

_SHEET = {
    "type": "object",
    "required": ["name", "kind"],
    "additionalProperties": False,
    "properties": {
        "name": _TEXT,
        "kind": {"enum": ["form", "table"]},
        "title": {"type": "string"},
        "optional": {"type": "boolean", "default": False},
        "fields": {"type": "array", "items": _FIELD, "minItems": 1},
        "columns": {"type": "array", "items": _FIELD, "minItems": 1},
    },
    "allOf": [
        {
            "if": {"properties": {"kind": {"const": "form"}}},
            "then": {"required": ["fields"], "not": {"required": ["columns"]}},
        },
        {
            "if": {"properties": {"kind": {"const": "table"}}},
            "then": {"required": ["columns"], "not": {"required": ["fields"]}},
        },
    ],
}

_CREDIT = {
    "type": "object",
    "required": ["mode"],
    "additionalProperties": False,
    "properties": {
        "mode": {"enum": list(CREDIT_MODES)},
        "per": {
            "type": "number",
            "exclusiveMinimum": 0,
            "description": "deduct：每项扣分；per_unit：每个计分",
        },
        "tiers": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["min", "points"],
                "additionalProperties": False,
                "properties": {"min": {"type": "number"}, "points": {"type": "number", "minimum": 0}},
            },
        },
    },
    "allOf": [
        {"if": {"properties": {"mode": {"const": "tiers"}}}, "then": {"required": ["tiers"]}},
        {"if": {"properties": {"mode": {"enum": ["deduct", "per_unit"]}}}, "then": {"required": ["per"]}},
    ],
}

_APPLIES_WHEN = {
    "type": "object",
    "required": ["sheet", "field"],
    "additionalProperties": False,
    "properties": {
        "sheet": _TEXT,
        "field": _TEXT,
        "op": {"enum": list(OPS), "default": "=="},
        "value": {},
    },
}


def _check_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": sorted(REGISTRY)}},
        "allOf": [
            {"if": {"properties": {"type": {"const": name}}, "required": ["type"]}, "then": cls.SCHEMA}
            for name, cls in sorted(REGISTRY.items())
        ],
    }


def _clause_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["id", "title", "check"],
        "additionalProperties": False,
        "properties": {
            "id": _TEXT,
            "title": _TEXT,
            "requirement": {"type": "string", "description": "考核内容"},
            "method": {"type": "string", "description": "考核办法，如 实地查看、查阅台账"},
            "kind": {"enum": ["scored", "bonus", "veto"], "default": "scored"},
            "points": {"type": "number", "exclusiveMinimum": 0},
            "cap": {"type": "number", "exclusiveMinimum": 0, "description": "加分项的封顶分"},
            "check": _check_schema(),
            "credit": _CREDIT,
            "applies_when": _APPLIES_WHEN,
            "remediation": {"type": "string", "description": "整改建议"},
            "replaces": {
                "type": "array",
                "items": _TEXT,
                "description": "本条在旧版标准中的编号（改了编号时写，audit standard diff 据此配对）",
            },
        },
        "allOf": [
            {"if": {"not": {"required": ["kind"]}}, "then": {"required": ["points"]}},
            {
                "if": {"properties": {"kind": {"const": "scored"}}, "required": ["kind"]},
                "then": {"required": ["points"], "not": {"required": ["cap"]}},
            },
            {
                "if": {"properties": {"kind": {"const": "bonus"}}, "required": ["kind"]},
                "then": {"required": ["cap", "credit"], "not": {"required": ["points"]}},
            },
            {
                "if": {"properties": {"kind": {"const": "veto"}}, "required": ["kind"]},
                "then": {
                    "not": {
                        "anyOf": [{"required": ["points"]}, {"required": ["cap"]}, {"required": ["credit"]}]
                    }
                },
            },
        ],
    }


def build_schema() -> dict[str, Any]:
    """The published schema: a whole standard, or an overlay (a file with ``extends:``)."""
    from auditor.standard.overlay_schema import with_overlays

    return with_overlays(standard_schema())


def standard_schema() -> dict[str, Any]:
    """The schema of a whole standard (an overlay, once resolved, is one too)."""
    from auditor.standard.hints import hints_schema
    from auditor.standard.overlay_schema import tests_schema

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "audit standard",
        "description": "年终验收考核标准的 YAML 格式",
        "type": "object",
        "required": ["id", "title", "version", "total", "grades", "center", "layout", "parts"],
        "additionalProperties": False,
        "properties": {
            "id": _TEXT,
            "title": _TEXT,
            "issuer": {"type": "string"},
            "version": {**_TEXT, "description": "版本号，写成字符串（加引号）"},
            "year": {"type": "integer"},
            "total": {"type": "number", "exclusiveMinimum": 0},
            "grades": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["name", "min"],
                    "additionalProperties": False,
                    "properties": {"name": _TEXT, "min": {"type": "number"}},
                },
            },
            "veto_grade": {**_TEXT, "description": "一票否决或低于最低分数线时的等级"},
            "vocabulary": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    **{k: {**_STR_LIST, "description": d} for k, d in _VOCABULARY.items()},
                    **{
                        f"extra_{k}": {**_STR_LIST, "description": f"在默认词表之外另加：{d}"}
                        for k, d in _VOCABULARY.items()
                    },
                },
            },
            "center": {
                "type": "object",
                "required": ["sheet", "id", "name"],
                "additionalProperties": False,
                "properties": {
                    k: _TEXT for k in ("sheet", "id", "name", "type", "district", "year", "date", "leader")
                },
            },
            "self_assessment": {
                "type": "object",
                "required": ["sheet", "clause", "score"],
                "additionalProperties": False,
                "properties": {"sheet": _TEXT, "clause": _TEXT, "score": _TEXT},
            },
            "calendar": {
                "type": "object",
                "additionalProperties": False,
                "description": "工作日日历：official 为国家法定节假日和调休安排；years 列出库中没有的年份",
                "properties": {
                    "official": {
                        "type": "boolean",
                        "default": False,
                        "description": "按国务院办公厅节假日安排（法定节假日休、调休日上班）计工作日",
                    },
                    "years": {
                        "type": "array",
                        "description": "逐年列出的节假日安排（优先于 official）",
                        "items": {
                            "type": "object",
                            "required": ["year"],
                            "additionalProperties": False,
                            "properties": {
                                "year": {"type": "integer", "minimum": 1990, "maximum": 2999},
                                "holidays": {
                                    "type": "array",
                                    "description": "放假的周一至周五，如 2027-10-01",
                                },
                                "workdays": {"type": "array", "description": "上班的周六、周日（调休）"},
                            },
                        },
                    },
                },
            },
            "report": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "title": {**_TEXT, "description": "报告标题，{year} 处填入年度"},
                    "signatures": {**_STR_LIST, "description": "封面的签字栏"},
                },
            },
            "hints": hints_schema(),
            "layout": {"type": "array", "items": _SHEET, "minItems": 1},
            "tests": tests_schema(),
            "parts": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["id", "title", "clauses"],
                    "additionalProperties": False,
                    "properties": {
                        "id": _TEXT,
                        "title": _TEXT,
                        "points": {"type": "number", "minimum": 0},
                        "clauses": {"type": "array", "items": _clause_schema(), "minItems": 1},
                    },
                },
            },
        },
    }


def schema_json() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"

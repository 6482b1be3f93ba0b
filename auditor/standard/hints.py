"""The ``hints:`` section of a standard (疑点): its JSON Schema and its build, every sheet and column checked.

Which tables and columns take part in the integrity hints is the standard's to say; the engine knows no
sheet or column name. Thresholds have defaults (:data:`DEFAULTS`) and may be set here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.checks.build import BuildContext
from auditor.standard.model import (
    DatedColumn,
    DutySpec,
    HintsSpec,
    SharedTable,
    StaffSpec,
    SurveySpec,
)
from auditor.standard.yaml_lines import YamlPath

DEFAULTS = HintsSpec()
_TEXT = {"type": "string", "minLength": 1}
_COLUMNS = {"type": "array", "items": _TEXT, "minItems": 1}


def _object(required: list[str], properties: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "description": description,
        "properties": properties,
    }


def hints_schema() -> dict[str, Any]:
    """The schema of ``hints:``."""
    condition = _object(
        ["column"],
        {"column": _TEXT, "op": {"type": "string"}, "value": {}},
        "条件：列、比较（默认 ==）和值",
    )
    return _object(
        [],
        {
            "shared_min": {
                "type": "integer",
                "minimum": 2,
                "default": DEFAULTS.shared_min,
                "description": "两个中心共有多少条完全相同的记录即列为疑点",
            },
            "run_min": {
                "type": "integer",
                "minimum": 2,
                "default": DEFAULTS.run_min,
                "description": "按编号顺序连续多少份答案完全相同即列为疑点",
            },
            "run_chance": {
                "type": "number",
                "exclusiveMinimum": 0,
                "maximum": 1,
                "default": DEFAULTS.run_chance,
                "description": "连续相同的答案只在偶然出现的可能小于此值时列为疑点（按该答案所占比例计算）",
            },
            "dated": {
                "type": "array",
                "description": "日期晚于检查之日（center 的 date）即列为疑点的列",
                "items": _object(["sheet", "column"], {"sheet": _TEXT, "column": _TEXT}, "表格及其日期列"),
            },
            "duty": _object(
                ["sheet", "date", "person"],
                {"sheet": _TEXT, "date": _TEXT, "person": _TEXT},
                "值班表：同一人全年每天（含节假日、周末）都值班即列为疑点",
            ),
            "survey": _object(
                ["sheet", "id", "answers"],
                {"sheet": _TEXT, "id": _TEXT, "answers": _COLUMNS},
                "问卷表：编号重复、连续多份答案相同、两个中心答案顺序完全相同，列为疑点",
            ),
            "shared": {
                "type": "array",
                "description": "在两个中心之间比较记录的表格（columns 缺省为该表声明的全部列）",
                "items": _object(["sheet"], {"sheet": _TEXT, "columns": _COLUMNS}, "表格及比较的列"),
            },
            "staff": _object(
                ["sheet", "name"],
                {"sheet": _TEXT, "name": _TEXT, "where": {"type": "array", "items": condition}},
                "人员表：符合 where 条件（如 全职）的同一人名出现在两个中心，列为疑点",
            ),
        },
        "疑点（供考核组核查的线索，不影响得分）：参与比较的表格和列、阈值",
    )


def build_hints(data: Mapping[str, Any], ctx: BuildContext, has_date: bool) -> HintsSpec | None:
    """The hints the standard declares (None when it has no ``hints:``); problems go to `ctx`."""
    raw = data.get("hints")
    if raw is None:
        return None
    root: YamlPath = ("hints",)
    dated: list[DatedColumn] = []
    for i, item in enumerate(raw.get("dated", [])):
        path: YamlPath = (*root, "dated", i)
        sheet = ctx.sheet(item["sheet"], "table", (*path, "sheet"))
        if ctx.column(sheet, item["column"], (*path, "column"), ("date",)) is not None:
            dated.append(DatedColumn(item["sheet"], item["column"]))
    if dated and not has_date:
        ctx.problem((*root, "dated"), "center 未声明 date（检查之日），无法比较记录日期")
    duty = None
    if "duty" in raw:
        d = raw["duty"]
        path = (*root, "duty")
        sheet = ctx.sheet(d["sheet"], "table", (*path, "sheet"))
        ok = ctx.column(sheet, d["date"], (*path, "date"), ("date",)) is not None
        ok = ctx.column(sheet, d["person"], (*path, "person")) is not None and ok
        duty = DutySpec(d["sheet"], d["date"], d["person"]) if ok else None
    survey = None
    if "survey" in raw:
        s = raw["survey"]
        path = (*root, "survey")
        sheet = ctx.sheet(s["sheet"], "table", (*path, "sheet"))
        ok = ctx.column(sheet, s["id"], (*path, "id")) is not None
        for j, name in enumerate(s["answers"]):
            ok = ctx.column(sheet, name, (*path, "answers", j)) is not None and ok
        survey = SurveySpec(s["sheet"], s["id"], tuple(s["answers"])) if ok else None
    shared: list[SharedTable] = []
    for i, item in enumerate(raw.get("shared", [])):
        path = (*root, "shared", i)
        sheet = ctx.sheet(item["sheet"], "table", (*path, "sheet"))
        if sheet is None:
            continue
        names = item.get("columns") or [f.name for f in sheet.fields]
        found = [n for j, n in enumerate(names) if ctx.column(sheet, n, (*path, "columns", j)) is not None]
        if len(found) == len(names):
            shared.append(SharedTable(sheet.name, tuple(names)))
    staff = None
    if "staff" in raw:
        s = raw["staff"]
        path = (*root, "staff")
        sheet = ctx.sheet(s["sheet"], "table", (*path, "sheet"))
        ok = ctx.column(sheet, s["name"], (*path, "name")) is not None
        where = ctx.conditions(sheet, s.get("where", []), (*path, "where"))
        staff = StaffSpec(s["sheet"], s["name"], where) if ok and where is not None else None
    return HintsSpec(
        tuple(dated),
        duty,
        survey,
        tuple(shared),
        staff,
        int(raw.get("shared_min", DEFAULTS.shared_min)),
        int(raw.get("run_min", DEFAULTS.run_min)),
        float(raw.get("run_chance", DEFAULTS.run_chance)),
    )

"""YAML standard -> :class:`Standard`: safe load without duplicate keys, JSON Schema, cross-references.

Every problem is reported as ``file:line: yaml.path: message``; :func:`lint` returns them all,
:func:`load_standard` raises :class:`StandardError` when there is any.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.checks import REGISTRY
from auditor.checks.build import BuildContext, with_defaults
from auditor.errors import StandardError
from auditor.standard.model import (
    AppliesWhen,
    CenterFields,
    Check,
    Clause,
    Credit,
    FieldSpec,
    Grade,
    Part,
    SelfAssessment,
    SheetSpec,
    Standard,
    Tier,
)
from auditor.workbook.values import DEFAULT_NO, DEFAULT_YES

if TYPE_CHECKING:
    import yaml

YamlPath = tuple[str | int, ...]


class _Problems:
    def __init__(self, file: str, lines: Mapping[YamlPath, int]) -> None:
        self.file = file
        self.lines = lines
        self.items: list[str] = []

    def add(self, path: YamlPath, message: str) -> None:
        line = 0
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                line = self.lines[path[:end]]
                break
        where = format_path(path) or "(顶层)"
        self.items.append(f"{self.file}:{line}: {where}: {message}")


def format_path(path: Sequence[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _to_python(node: yaml.Node, path: YamlPath, lines: dict[YamlPath, int], loader: Any, file: str) -> Any:
    import yaml

    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                raise StandardError(
                    f"重复的键“{key}”（第{lines[(*path, key)]}行已出现），YAML 只会保留后一个",
                    f"{file}:{key_node.start_mark.line + 1}",
                )
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, (*path, key), lines, loader, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*path, i), lines, loader, file) for i, item in enumerate(node.value)]
    return loader.construct_object(node)


def parse_yaml(text: str, file: str) -> tuple[Any, dict[YamlPath, int]]:
    """Safe-load YAML, refusing duplicate keys; returns the data and the line of every path."""
    import yaml  # only when a standard is read from YAML (not from the cache): start-up stays light

    loader = yaml.SafeLoader(text)  # the pure-Python loader: its messages are the ones documented and tested
    lines: dict[YamlPath, int] = {}
    try:
        node = loader.get_single_node()
        if node is None:
            raise StandardError("文件是空的", file)
        return _to_python(node, (), lines, loader, file), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise StandardError(f"YAML 语法错误：{exc.problem or exc}", f"{file}:{line}") from None
    except yaml.YAMLError as exc:
        raise StandardError(f"YAML 语法错误：{exc}", file) from None
    finally:
        loader.dispose()


@cache
def _validator() -> Any:
    import jsonschema

    from auditor.standard.schema import build_schema

    return jsonschema.Draft202012Validator(build_schema())  # the schema itself is checked by the tests


def _schema_message(error: Any) -> str:
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


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def _field(raw: Mapping[str, Any]) -> FieldSpec:
    return FieldSpec(
        name=raw["name"],
        type=raw.get("type", "text"),
        values=tuple(raw.get("values", ())),
        units=tuple(raw.get("units", ())),
        required=bool(raw.get("required", False)),
        pii=bool(raw.get("pii", False)),
        hint=raw.get("hint", ""),
    )


def _layout(data: Mapping[str, Any], problems: _Problems) -> dict[str, SheetSpec]:
    from auditor.workbook.values import normalize_label

    sheets: dict[str, SheetSpec] = {}
    seen: set[str] = set()
    for i, raw in enumerate(data["layout"]):
        fields = tuple(_field(f) for f in raw.get("fields") or raw.get("columns"))
        key = "fields" if raw["kind"] == "form" else "columns"
        names: set[str] = set()
        for j, spec in enumerate(fields):
            norm = normalize_label(spec.name)
            if norm in names:
                problems.add(("layout", i, key, j, "name"), f"“{spec.name}”重复")
            names.add(norm)
        if normalize_label(raw["name"]) in seen:
            problems.add(("layout", i, "name"), f"工作表“{raw['name']}”重复")
        seen.add(normalize_label(raw["name"]))
        sheets[raw["name"]] = SheetSpec(
            raw["name"], raw["kind"], fields, bool(raw.get("optional", False)), raw.get("title", "")
        )
    return sheets


def _credit(
    clause: Mapping[str, Any],
    check: Check | None,
    points: Decimal,
    kind: str,
    path: YamlPath,
    problems: _Problems,
) -> Credit:
    raw = clause.get("credit", {"mode": "all_or_nothing"})
    mode = raw["mode"]
    credit = Credit(
        mode,
        _decimal(raw["per"]) if "per" in raw else None,
        tuple(Tier(_decimal(t["min"]), _decimal(t["points"])) for t in raw.get("tiers", [])),
    )
    cpath = (*path, "credit")
    if kind == "veto":
        if check is not None and "passed" not in check.PROVIDES:
            problems.add((*path, "check"), f"一票否决项需要能判定通过与否的检查，{check.TYPE} 不能")
        return Credit()
    needs = {
        "all_or_nothing": "passed",
        "per_item": "items",
        "deduct": "items",
        "proportional": "value",
        "tiers": "value",
        "per_unit": "value",
    }[mode]
    if check is not None and needs not in check.PROVIDES:
        problems.add((*cpath, "mode"), f"计分方式 {mode} 不适用于检查 {check.TYPE}")
    if check is not None and mode == "proportional" and check.VALUE_KIND != "share":
        problems.add((*cpath, "mode"), f"proportional 需要比例（0~1）型检查，{check.TYPE} 不是")
    if check is not None and mode == "per_unit" and check.VALUE_KIND != "count":
        problems.add((*cpath, "mode"), f"per_unit 需要计数型检查，{check.TYPE} 不是")
    if kind == "bonus" and mode != "per_unit" and mode != "all_or_nothing":
        problems.add((*cpath, "mode"), "加分项请使用 per_unit 或 all_or_nothing")
    if kind == "scored" and mode == "per_unit":
        problems.add((*cpath, "mode"), "per_unit 只用于加分项")
    if mode == "deduct" and credit.per is not None and credit.per > points:
        problems.add((*cpath, "per"), f"每项扣分 {credit.per} 大于本条分值 {points}")
    if mode == "tiers":
        previous: Tier | None = None
        for i, tier in enumerate(credit.tiers):
            if tier.points > points:
                problems.add((*cpath, "tiers", i, "points"), f"档位分 {tier.points} 超过本条分值 {points}")
            if previous is not None and not (tier.min < previous.min and tier.points <= previous.points):
                problems.add((*cpath, "tiers", i), "档位须按门槛从高到低排列，分数不增")
            previous = tier
        if check is not None and check.VALUE_KIND == "share":
            for i, tier in enumerate(credit.tiers):
                if not 0 <= tier.min <= 1:
                    problems.add((*cpath, "tiers", i, "min"), "比例门槛应在 0~1 之间（如 0.95）")
    return credit


def _applies_when(
    raw: Mapping[str, Any] | None, ctx: BuildContext, path: YamlPath
) -> tuple[AppliesWhen, ...]:
    if raw is None:
        return ()
    sheet = ctx.sheet(raw["sheet"], "form", (*path, "sheet"))
    condition = ctx.condition(
        sheet, {"column": raw["field"], **{k: raw[k] for k in ("op", "value") if k in raw}}, path
    )
    if sheet is None or condition is None:
        return ()
    return (AppliesWhen(sheet.name, condition),)


def build_standard(
    data: Mapping[str, Any], lines: Mapping[YamlPath, int], file: str, source: Path | None = None
) -> tuple[Standard | None, list[str]]:
    problems = _Problems(file, lines)
    if not isinstance(data, Mapping):
        problems.add((), "标准文件的顶层应为映射（键: 值）")
        return None, problems.items
    vocabulary = data.get("vocabulary")
    if isinstance(vocabulary, dict):  # YAML 1.1 reads bare yes/no keys as booleans
        data = {
            **data,
            "vocabulary": {{True: "yes", False: "no"}.get(k, k): v for k, v in vocabulary.items()},
        }
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = set(error.schema.get("properties", {}))
            extra = [k for k in error.instance if k not in known]
            if extra:
                path = (*path, extra[0])
        problems.add(path, _schema_message(error))
    if problems.items:
        return None, problems.items

    layout = _layout(data, problems)
    vocabulary = data.get("vocabulary", {})
    ctx = BuildContext(
        layout, tuple(vocabulary.get("yes", DEFAULT_YES)), tuple(vocabulary.get("no", DEFAULT_NO))
    )

    center_raw = data["center"]
    center_sheet = ctx.sheet(center_raw["sheet"], "form", ("center", "sheet"))
    for key, name in center_raw.items():
        if key != "sheet":
            ctx.column(center_sheet, name, ("center", key))
    center = CenterFields(**center_raw)

    self_assessment = None
    if "self_assessment" in data:
        sa = data["self_assessment"]
        sheet = ctx.sheet(sa["sheet"], "table", ("self_assessment", "sheet"))
        ctx.column(sheet, sa["clause"], ("self_assessment", "clause"))
        ctx.column(sheet, sa["score"], ("self_assessment", "score"), ("number", "integer"))
        self_assessment = SelfAssessment(sa["sheet"], sa["clause"], sa["score"])

    grades = tuple(Grade(g["name"], _decimal(g["min"])) for g in data["grades"])
    for i in range(1, len(grades)):
        if grades[i].min >= grades[i - 1].min:
            problems.add(("grades", i, "min"), "等级须按分数线从高到低排列")
    veto_grade = data.get("veto_grade", grades[-1].name)

    parts: list[Part] = []
    ids: dict[str, YamlPath] = {}
    scored_total = Decimal(0)
    for p, part_raw in enumerate(data["parts"]):
        ppath: YamlPath = ("parts", p)
        if part_raw["id"] in ids:
            problems.add((*ppath, "id"), f"编号“{part_raw['id']}”重复")
        ids[part_raw["id"]] = ppath
        clauses: list[Clause] = []
        part_points = Decimal(0)
        for c, raw in enumerate(part_raw["clauses"]):
            cpath: YamlPath = (*ppath, "clauses", c)
            if raw["id"] in ids:
                problems.add((*cpath, "id"), f"编号“{raw['id']}”重复（另见 {format_path(ids[raw['id']])}）")
            ids[raw["id"]] = cpath
            kind = raw.get("kind", "scored")
            points = _decimal(raw.get("points", raw.get("cap", 0)))
            check_raw = raw["check"]
            check_type = REGISTRY[check_raw["type"]]
            check = check_type.build(with_defaults(check_type.SCHEMA, check_raw), ctx, (*cpath, "check"))
            applies = _applies_when(raw.get("applies_when"), ctx, (*cpath, "applies_when"))
            credit = _credit(raw, check, points, kind, cpath, problems)
            if kind == "scored":
                part_points += points
            if check is None:
                continue
            clauses.append(
                Clause(
                    id=raw["id"],
                    title=raw["title"],
                    part_id=part_raw["id"],
                    kind=kind,
                    points=points,
                    check=check,
                    credit=credit,
                    requirement=raw.get("requirement", ""),
                    method=raw.get("method", ""),
                    remediation=raw.get("remediation", ""),
                    applies_when=applies,
                )
            )
        declared = part_raw.get("points")
        if declared is not None and _decimal(declared) != part_points:
            problems.add((*ppath, "points"), f"本部分声明 {declared} 分，但各条分值之和为 {part_points}")
        scored_total += part_points
        parts.append(Part(part_raw["id"], part_raw["title"], part_points, tuple(clauses)))
    if scored_total != _decimal(data["total"]):
        problems.add(("total",), f"声明总分 {data['total']}，但各条分值之和为 {scored_total}")
    for path, message in ctx.problems:
        problems.add(path, message)
    if problems.items:
        return None, problems.items
    needed: dict[str, set[str]] = {}
    for part in parts:
        for clause in part.clauses:
            for sheet_name, column in clause.check.reads():
                needed.setdefault(sheet_name, set()).add(column)
    if self_assessment is not None:
        needed.setdefault(self_assessment.sheet, set()).update(
            {self_assessment.clause, self_assessment.score}
        )
    standard = Standard(
        id=data["id"],
        title=data["title"],
        issuer=data.get("issuer", ""),
        version=data["version"],
        year=int(data.get("year", 0)),
        total=_decimal(data["total"]),
        grades=grades,
        veto_grade=veto_grade,
        layout=tuple(layout.values()),
        center=center,
        parts=tuple(parts),
        yes_words=tuple(ctx.yes_words),
        no_words=tuple(ctx.no_words),
        self_assessment=self_assessment,
        report_title=data.get("report", {}).get("title", ""),
        report_signatures=tuple(data.get("report", {}).get("signatures", ())),
        needed={k: frozenset(v) for k, v in needed.items()},
        source=source,
        raw=dict(data),
    )
    return standard, []


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise StandardError("找不到标准文件", str(path)) from None
    except IsADirectoryError:
        raise StandardError("这是一个目录，不是标准文件", str(path)) from None
    except UnicodeDecodeError:
        raise StandardError("不是 UTF-8 编码的文本", str(path)) from None
    except OSError as exc:
        raise StandardError(f"无法读取：{exc.strerror}", str(path)) from None


def lint(path: Path) -> list[str]:
    """Every problem of a standard file, one line each (empty when it is valid)."""
    try:
        data, lines = parse_yaml(_read(path), str(path))
    except StandardError as exc:
        return [str(exc)]
    return build_standard(data, lines, str(path), path)[1]


def load_standard(path: Path, cache: bool = True) -> Standard:
    """Load and validate a standard. A valid standard is cached (keyed by its bytes and the engine's code),
    so later runs skip YAML parsing and schema validation; set AUDIT_NO_CACHE=1 to bypass the cache."""
    text = _read(path)
    use_cache = cache and not os.environ.get("AUDIT_NO_CACHE")
    cached = _cache_file(text) if use_cache else None
    if cached is not None:
        try:
            with cached.open("rb") as stream:
                standard = pickle.load(stream)
            if isinstance(standard, Standard):
                return dataclasses.replace(standard, source=path)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass
    data, lines = parse_yaml(text, str(path))
    standard, problems = build_standard(data, lines, str(path), path)
    if standard is None:
        more = (
            f"（另有 {len(problems) - 1} 处问题，运行 audit standard lint 查看）" if len(problems) > 1 else ""
        )
        raise StandardError(f"标准无效：{problems[0]}{more}")
    if cached is not None:
        _store(cached, standard)
    return standard


def _code_fingerprint() -> str:
    package = Path(__file__).resolve().parent.parent
    stamps = sorted(
        (str(p.relative_to(package)), p.stat().st_mtime_ns, p.stat().st_size) for p in package.rglob("*.py")
    )
    from auditor import __version__

    return f"{__version__}:{stamps}"


def _cache_file(text: str) -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    try:
        digest = hashlib.sha256((_code_fingerprint() + "\0" + text).encode("utf-8")).hexdigest()
    except OSError:
        return None
    return Path(base) / "audit" / f"standard-{digest[:32]}.pickle"


def _store(target: Path, standard: Standard) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as stream:
            pickle.dump(standard, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:  # no cache is no problem
        pass


def default_standard_path() -> Path:
    """The standard shipped in the repository's standards/ folder (the newest by name)."""
    here = Path(__file__).resolve().parent.parent.parent / "standards"
    candidates = sorted(here.glob("*.yaml"))
    if not candidates:
        raise StandardError("找不到随附的标准（standards/*.yaml），请用 --standard 指定")
    return candidates[-1]

"""YAML data -> :class:`Standard`: the layout, the center and self-assessment references, grades,
parts and clauses (each check built through :data:`auditor.checks.REGISTRY`), credit rules and
``applies_when``; every cross-reference and sum checked.

:func:`build_standard` reports every problem it can find, each as a :class:`Problem` at the line
of its YAML path, and builds a standard only when there is none. Problems found here come first,
in file order, then those found while resolving references (sheets, columns, condition values).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from auditor.checks import REGISTRY
from auditor.checks.build import BuildContext, with_defaults
from auditor.standard.hints import build_hints
from auditor.standard.model import (
    AppliesWhen,
    Calendar,
    CalendarYear,
    CenterFields,
    Check,
    Clause,
    Credit,
    FieldSpec,
    Grade,
    HintsSpec,
    Part,
    RowWords,
    SelfAssessment,
    SheetSpec,
    Standard,
    Tier,
)
from auditor.standard.problems import Problem
from auditor.standard.selftest import build_tests
from auditor.standard.suggest import SuggestingContext
from auditor.standard.validate import schema_problems
from auditor.standard.yaml_lines import Lines, YamlPath, format_path, locate
from auditor.workbook.ledger import DEFAULT_DITTO, DEFAULT_WORDS
from auditor.workbook.texts import DEFAULT_BLANK
from auditor.workbook.values import DEFAULT_NO, DEFAULT_PARTLY, DEFAULT_YES, ParseError, parse_date

ROOT = "(顶层)"  # how the messages name the path of the document itself

# What a check must provide for each credit mode.
CREDIT_NEEDS = {
    "all_or_nothing": "passed",
    "per_item": "items",
    "deduct": "items",
    "proportional": "value",
    "tiers": "value",
    "per_unit": "value",
}


class ProblemList:
    """The problems of one file, each placed at the line of its YAML path (or of the nearest enclosing one)."""

    def __init__(self, file: str, lines: Lines) -> None:
        self.file = file
        self.lines = lines
        self.items: list[Problem] = []

    def add(self, path: YamlPath, message: str) -> None:
        file, line = locate(
            self.lines, path, self.file
        )  # a resolved overlay's path may come from another file
        self.items.append(Problem(file, line, format_path(path) or ROOT, message))


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
        unique=bool(raw.get("unique", False)),
        filled_by=raw.get("filled_by", "center"),
        aliases=tuple(raw.get("aliases", ())),
        min=None if raw.get("min", 0) is None else _decimal(raw.get("min", 0)),
        same_day=raw.get("same_day", ""),
        synonyms=tuple((str(k), str(v)) for k, v in (raw.get("synonyms") or {}).items()),
    )


def _layout(data: Mapping[str, Any], problems: ProblemList) -> dict[str, SheetSpec]:
    from auditor.workbook.values import normalize_label

    sheets: dict[str, SheetSpec] = {}
    seen: set[str] = set()
    for i, raw in enumerate(data["layout"]):
        fields = tuple(_field(f) for f in raw.get("fields") or raw.get("columns"))
        key = "fields" if raw["kind"] == "form" else "columns"
        for j, given in enumerate(raw.get(key) or ()):
            if given.get("min") is not None and given.get("type", "text") not in ("number", "integer"):
                problems.add(("layout", i, key, j, "min"), "min 只用于 number、integer 类型")
            for word, value in (given.get("synonyms") or {}).items():
                if given.get("type", "text") != "enum":
                    problems.add(("layout", i, key, j, "synonyms"), "synonyms 只用于 enum 类型")
                    break
                if value not in given.get("values", ()):
                    problems.add(
                        ("layout", i, key, j, "synonyms", word),
                        f"“{word}”应对应本列的可选值之一（{'、'.join(given.get('values', ()))}）",
                    )
                elif normalize_label(str(word)) in map(normalize_label, given.get("values", ())):
                    problems.add(("layout", i, key, j, "synonyms", word), f"“{word}”本身就是可选值")
            if given.get("same_day"):
                base = next((f for f in fields if f.name == given["same_day"]), None)
                if given.get("type", "text") != "date" or raw["kind"] != "table":
                    problems.add(("layout", i, key, j, "same_day"), "same_day 只用于表格中 date 类型的列")
                elif base is None or base.type != "date" or base.name == given["name"]:
                    names_ = "、".join(f.name for f in fields if f.type == "date" and f.name != given["name"])
                    problems.add(
                        ("layout", i, key, j, "same_day"),
                        f"“{given['same_day']}”不是本表另一个 date 类型的列（应为 {names_ or '无'} 之一）",
                    )
        names: set[str] = set()
        for j, spec in enumerate(fields):
            norm = normalize_label(spec.name)
            if norm in names:
                problems.add(("layout", i, key, j, "name"), f"“{spec.name}”重复")
            names.add(norm)
        said: set[str] = set()
        for j, spec in enumerate(fields):  # an alias names one column only: never a name, never twice
            for k, alias in enumerate(spec.aliases):
                norm = normalize_label(alias)
                if norm in names or norm in said:
                    problems.add(
                        ("layout", i, key, j, "aliases", k), f"别名“{alias}”与另一列的名称或别名相同"
                    )
                said.add(norm)
        if normalize_label(raw["name"]) in seen:
            problems.add(("layout", i, "name"), f"工作表“{raw['name']}”重复")
        seen.add(normalize_label(raw["name"]))
        sheets[raw["name"]] = SheetSpec(
            raw["name"], raw["kind"], fields, bool(raw.get("optional", False)), raw.get("title", "")
        )
    return sheets


def _center(data: Mapping[str, Any], ctx: BuildContext) -> CenterFields:
    raw = data["center"]
    sheet = ctx.sheet(raw["sheet"], "form", ("center", "sheet"))
    for key, name in raw.items():
        if key != "sheet":
            ctx.column(sheet, name, ("center", key))
    return CenterFields(**raw)


def _self_assessment(data: Mapping[str, Any], ctx: BuildContext) -> SelfAssessment | None:
    if "self_assessment" not in data:
        return None
    raw = data["self_assessment"]
    sheet = ctx.sheet(raw["sheet"], "table", ("self_assessment", "sheet"))
    ctx.column(sheet, raw["clause"], ("self_assessment", "clause"))
    ctx.column(sheet, raw["score"], ("self_assessment", "score"), ("number", "integer"))
    return SelfAssessment(raw["sheet"], raw["clause"], raw["score"])


def _words(vocabulary: Mapping[str, Any], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """A word list of the vocabulary: `key` replaces the engine's defaults, `extra_<key>` adds to them."""
    words = tuple(vocabulary.get(key, default))
    return tuple(dict.fromkeys((*words, *vocabulary.get(f"extra_{key}", ()))))


def _row_words(vocabulary: Mapping[str, Any]) -> RowWords | None:
    """The words of rows that are not records, when the standard changes the engine's defaults."""
    keys = ("footer", "note", "total", "section")
    if not any(k in vocabulary or f"extra_{k}" in vocabulary for k in keys):
        return None
    d = DEFAULT_WORDS
    return RowWords(
        _words(vocabulary, "footer", d.footer),
        _words(vocabulary, "note", d.note),
        _words(vocabulary, "total", d.total),
        _words(vocabulary, "section", d.section),
    )


def _calendar(data: Mapping[str, Any], problems: ProblemList) -> Calendar | None:
    """The working-day calendar: the official one and/or years listed with their holidays and make-up days."""
    raw = data.get("calendar")
    if raw is None:
        return None
    years: list[CalendarYear] = []
    seen: set[int] = set()
    for i, entry in enumerate(raw.get("years", [])):
        path: YamlPath = ("calendar", "years", i)
        year = int(entry["year"])
        if year in seen:
            problems.add((*path, "year"), f"{year}年重复列出")
        seen.add(year)
        lists: dict[str, frozenset[dt.date]] = {}
        for key, weekend in (("holidays", False), ("workdays", True)):
            days: set[dt.date] = set()
            for j, value in enumerate(entry.get(key, [])):
                try:
                    day = parse_date(value)
                except ParseError:
                    day = None
                if not isinstance(day, dt.date) or day.year != year:
                    problems.add((*path, key, j), f"“{value}”不是{year}年的日期（应为如 {year}-10-01）")
                elif (day.weekday() >= 5) != weekend:
                    kind = "周末" if weekend else "周一至周五"
                    problems.add((*path, key, j), f"{day.isoformat()}不是{kind}（{key} 只列{kind}的日子）")
                else:
                    days.add(day)
            lists[key] = frozenset(days)
        years.append(CalendarYear(year, lists["holidays"], lists["workdays"]))
    return Calendar(bool(raw.get("official", False)), tuple(years))


def _grades(data: Mapping[str, Any], problems: ProblemList) -> tuple[Grade, ...]:
    grades = tuple(Grade(g["name"], _decimal(g["min"])) for g in data["grades"])
    for i in range(1, len(grades)):
        if grades[i].min >= grades[i - 1].min:
            problems.add(("grades", i, "min"), "等级须按分数线从高到低排列")
    return grades


def _credit(
    clause: Mapping[str, Any],
    check: Check | None,
    points: Decimal,
    kind: str,
    path: YamlPath,
    problems: ProblemList,
) -> Credit:
    """The clause's credit rule, checked against its kind, its points and what its check provides."""
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
    if check is not None and CREDIT_NEEDS[mode] not in check.PROVIDES:
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
        _check_tiers(credit, check, points, cpath, problems)
    return credit


def _check_tiers(
    credit: Credit, check: Check | None, points: Decimal, cpath: YamlPath, problems: ProblemList
) -> None:
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


def _check(raw: Mapping[str, Any], ctx: BuildContext, path: YamlPath) -> Check | None:
    """The clause's check, built by its registered type from its parameters with the schema's defaults."""
    check_type = REGISTRY[raw["type"]]
    return check_type.build(with_defaults(check_type.SCHEMA, raw), ctx, path)


def _parts(data: Mapping[str, Any], ctx: BuildContext, problems: ProblemList) -> list[Part]:
    """Every part with its clauses; each part's points, and the total, checked against its clauses."""
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
            check = _check(raw["check"], ctx, (*cpath, "check"))
            applies = _applies_when(raw.get("applies_when"), ctx, (*cpath, "applies_when"))
            credit = _credit(raw, check, points, kind, cpath, problems)
            if kind == "scored":
                part_points += points
            if check is None:  # its problem is recorded; the points still count, so the sums stay quiet
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
                    replaces=tuple(str(x) for x in raw.get("replaces", ())),
                )
            )
        declared = part_raw.get("points")
        if declared is not None and _decimal(declared) != part_points:
            problems.add((*ppath, "points"), f"本部分声明 {declared} 分，但各条分值之和为 {part_points}")
        scored_total += part_points
        parts.append(Part(part_raw["id"], part_raw["title"], part_points, tuple(clauses)))
    if scored_total != _decimal(data["total"]):
        problems.add(("total",), f"声明总分 {data['total']}，但各条分值之和为 {scored_total}")
    return parts


def _needed(
    parts: list[Part],
    self_assessment: SelfAssessment | None,
    hints: HintsSpec | None = None,
    layout: Iterable[SheetSpec] = (),
) -> dict[str, frozenset[str]]:
    """The columns each sheet must be read for: those the checks read, the self-assessment's and the hints',
    and the date a column read declares it takes its 当日办结 from (``same_day``)."""
    needed: dict[str, set[str]] = {k: set(v) for k, v in hints.columns().items()} if hints else {}
    for part in parts:
        for clause in part.clauses:
            for sheet_name, column in clause.check.reads():
                needed.setdefault(sheet_name, set()).add(column)
    if self_assessment is not None:
        needed.setdefault(self_assessment.sheet, set()).update(
            {self_assessment.clause, self_assessment.score}
        )
    for sheet in layout:
        for f in sheet.fields:
            if f.same_day and f.name in needed.get(sheet.name, ()):
                needed[sheet.name].add(f.same_day)
    return {k: frozenset(v) for k, v in needed.items()}


def _yes_no_keys(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """YAML 1.1 reads bare ``yes``/``no`` keys as booleans: the vocabulary's keys back to words."""
    vocabulary = data.get("vocabulary")
    if not isinstance(vocabulary, dict):
        return data
    return {**data, "vocabulary": {{True: "yes", False: "no"}.get(k, k): v for k, v in vocabulary.items()}}


def build_standard(
    data: Any, lines: Lines, file: str, source: Path | None = None
) -> tuple[Standard | None, list[Problem]]:
    """The standard described by ``data`` (as read by ``parse_yaml``) and no problem, or None and every problem."""
    problems = ProblemList(file, lines)
    if not isinstance(data, Mapping):
        problems.add((), "标准文件的顶层应为映射（键: 值）")
        return None, problems.items
    data = _yes_no_keys(data)
    for path, message in schema_problems(data):
        problems.add(path, message)
    if problems.items:
        return None, problems.items

    layout = _layout(data, problems)
    vocabulary = data.get("vocabulary", {})
    ctx = SuggestingContext(
        layout, _words(vocabulary, "yes", DEFAULT_YES), _words(vocabulary, "no", DEFAULT_NO)
    )
    center = _center(data, ctx)
    self_assessment = _self_assessment(data, ctx)
    grades = _grades(data, problems)
    parts = _parts(data, ctx, problems)
    calendar = _calendar(data, problems)
    hints = build_hints(data, ctx, center.date is not None)
    grade_names = [*(g.name for g in grades), data.get("veto_grade", grades[-1].name)]
    tests = build_tests(data.get("tests", []), data, grade_names, lines, problems.add)
    for path, message in ctx.problems:
        problems.add(path, message)
    if problems.items:
        return None, problems.items
    standard = Standard(
        id=data["id"],
        title=data["title"],
        issuer=data.get("issuer", ""),
        version=data["version"],
        year=int(data.get("year", 0)),
        total=_decimal(data["total"]),
        grades=grades,
        veto_grade=data.get("veto_grade", grades[-1].name),
        layout=tuple(layout.values()),
        center=center,
        parts=tuple(parts),
        yes_words=tuple(ctx.yes_words),
        no_words=tuple(ctx.no_words),
        self_assessment=self_assessment,
        report_title=data.get("report", {}).get("title", ""),
        calendar=calendar,
        row_words=_row_words(data.get("vocabulary", {})),
        partly_words=_words(vocabulary, "partly", DEFAULT_PARTLY),
        blank_words=_words(vocabulary, "blank", DEFAULT_BLANK),
        ditto_words=_words(vocabulary, "ditto", DEFAULT_DITTO),
        report_signatures=tuple(data.get("report", {}).get("signatures", ())),
        tests=tests,
        hints=hints,
        needed=_needed(parts, self_assessment, layout=layout.values()),
        hint_needed=_needed(parts, self_assessment, hints, layout.values()) if hints else {},
        source=source,
        raw=dict(data),
    )
    return standard, []

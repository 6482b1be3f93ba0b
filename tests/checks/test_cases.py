"""Every check type tested as data: one case file per registered type (``tests/checks/<type>.yml``).

Modelled on sqlfluff's ``test/fixtures/rules/std_rule_cases/*.yml``. A case file holds

* ``type``: the check type it tests (its file name too);
* ``year``: the audit year of its cases (optional; a case may override it, ``year: null`` = unknown);
  a case may give ``as_of`` (a day of the year: audited as of it, like --as-of);
* ``points``, ``credit``: the clause's points (1) and credit (all_or_nothing) unless a case says;
* ``layout``: the sheets, as a standard's ``layout:`` declares them;
* ``cases``: named cases, each with the ``check:`` parameters exactly as a standard writes them
  (``type`` included), the sheet contents (``sheets``), optionally ``points`` and ``credit`` of the
  clause, and what must come out (see :data:`OUTCOME_KEYS`; an outcome key left out means the
  :class:`~auditor.result.Outcome` default: not missing, ``passed``/``items``/``value`` null, no
  findings).

Each case is run end to end: the runner builds a standard from the layout and one clause with the
check (through the real standard builder, JSON Schema and defaults included), writes the sheets to a real .xlsx
with openpyxl, reads it with :func:`auditor.workbook.reader.read_workbook` (which parses only the
columns some clause reads) and runs the clause with :func:`auditor.engine.run_clause`; the check's
outcome and the clause's findings are compared with the case. A failure names the file, the line and
the case.

How raw values are typed (into the cell, as a clerk would): a YAML string is a text cell (quoted
``"2018-03-05"`` is a date typed as text; ``"#N/A"`` is an error cell, as a broken formula leaves);
a number is a number cell (``43165`` in a date column is an Excel date serial); an unquoted
``2018-03-05`` is a real date cell; ``true``/``false`` a boolean cell; ``null`` an empty cell. A form is
a mapping label -> value: label in column A, value in column B, one row per entry from row 1. A table
is a list of rows, the first being the header row (row 1).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from auditor.checks import REGISTRY
from auditor.checks.base import TableCheck
from auditor.checks.table import UndeclaredColumn
from auditor.engine import run_clause
from auditor.result import ClauseResult, Finding, Outcome
from auditor.standard.build import build_standard
from auditor.standard.model import Check, RunContext, Standard
from auditor.workbook.reader import read_workbook

HERE = Path(__file__).resolve().parent
CENTER = "中心信息"  # the center's form every standard needs; no case reads it
FILE_KEYS = {"type", "year", "points", "credit", "layout", "cases"}
INPUT_KEYS = {"name", "check", "sheets", "year", "as_of", "points", "credit", "xfail"}
OUTCOME_KEYS = {"missing", "passed", "items", "value", "findings", "status", "earned", "warnings"}
FINDING_KEYS = {"kind", "code", "location", "message"}
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there: the files load 10x faster


# ---------------------------------------------------------------- the case files


class CaseMismatch(AssertionError):
    """What came out of a case is not what its file expects."""


@dataclass(frozen=True)
class Case:
    file: str  # e.g. "field.yml"
    line: int  # where the case starts in its file
    type: str
    layout: tuple[Mapping[str, Any], ...]
    spec: Mapping[str, Any]
    year: int | None

    @property
    def name(self) -> str:
        return str(self.spec["name"])

    @property
    def as_of(self) -> dt.date | None:
        """The day the case is audited as of (``as_of: 2018-06-30``, --as-of), else the end of the year."""
        value = self.spec.get("as_of")
        return value if isinstance(value, dt.date) else None

    @property
    def id(self) -> str:
        return f"{self.file}::{self.name}"

    @property
    def where(self) -> str:
        return f"tests/checks/{self.file}:{self.line}: case {self.name!r}"


def case_files() -> list[Path]:
    return sorted(HERE.glob("*.yml"))


def refuse_duplicate_keys(node: yaml.Node, where: str) -> None:
    """YAML keeps the last of two equal keys: in a case file that would silently drop an expectation."""
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else id(key)
            assert name not in seen, f"{where}:{key.start_mark.line + 1}: key {name!r} repeated"
            seen.add(name)
            refuse_duplicate_keys(value, where)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            refuse_duplicate_keys(item, where)


def case_lines(node: yaml.Node) -> list[int]:
    """The line where each case of a file starts."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (
                isinstance(key, yaml.ScalarNode)
                and key.value == "cases"
                and isinstance(value, yaml.SequenceNode)
            ):
                return [item.start_mark.line + 1 for item in value.value]
    return []


@cache
def load_file(path: Path) -> tuple[str, list[Case]]:
    """The type a case file names and its cases."""
    text = path.read_text(encoding="utf-8")
    where = f"tests/checks/{path.name}"
    node = yaml.compose(text, Loader=LOADER)
    assert node is not None, f"{where}: empty"
    refuse_duplicate_keys(node, where)
    lines = case_lines(node)
    data = yaml.load(text, Loader=LOADER)  # a safe loader
    assert isinstance(data, dict), f"{where}: the top level should be a mapping"
    assert set(data) <= FILE_KEYS, f"{where}: unknown keys {sorted(set(data) - FILE_KEYS)}"
    assert {"type", "layout", "cases"} <= set(data), f"{where}: needs type, layout and cases"
    cases: list[Case] = []
    names: set[str] = set()
    for i, spec in enumerate(data["cases"]):
        line = lines[i]
        assert isinstance(spec, dict) and "name" in spec, f"{where}:{line}: a case needs a name"
        unknown = set(spec) - INPUT_KEYS - OUTCOME_KEYS
        assert not unknown, f"{where}:{line}: case {spec['name']!r}: unknown keys {sorted(unknown)}"
        assert spec["name"] not in names, f"{where}:{line}: case name {spec['name']!r} repeated"
        names.add(spec["name"])
        assert "check" in spec and "sheets" in spec, (
            f"{where}:{line}: case {spec['name']!r}: needs check, sheets"
        )
        for j, finding in enumerate(spec.get("findings", [])):
            assert (
                isinstance(finding, dict) and {"kind", "code", "location"} <= set(finding) <= FINDING_KEYS
            ), (
                f"{where}:{line}: case {spec['name']!r}: finding {j} needs kind, code, location (and may have message)"
            )
        defaults = {key: data[key] for key in ("points", "credit") if key in data}
        year = spec.get("year", data.get("year"))
        cases.append(
            Case(path.name, line, str(data["type"]), tuple(data["layout"]), {**defaults, **spec}, year)
        )
    return str(data["type"]), cases


def all_cases() -> Iterator[Case]:
    for path in case_files():
        yield from load_file(path)[1]


def case_param(case: Case) -> Any:
    marks = []
    if "xfail" in case.spec:  # a known bug: only a mismatch of the outcome counts as the expected failure
        marks.append(pytest.mark.xfail(reason=str(case.spec["xfail"]), strict=True, raises=CaseMismatch))
    return pytest.param(case, id=case.id, marks=marks)


# ---------------------------------------------------------------- standard and workbook of a case


def standard_data(layout: tuple[Mapping[str, Any], ...], clause: Mapping[str, Any]) -> dict[str, Any]:
    """A whole standard around one clause: the layout, a center form, one part."""
    points = clause["points"]
    return {
        "id": "case",
        "title": "检查类型测试",
        "version": "1",
        "total": points,
        "grades": [{"name": "合格", "min": 60}],
        "veto_grade": "不合格",
        "center": {"sheet": CENTER, "id": "编号", "name": "名称"},
        "layout": [{"name": CENTER, "kind": "form", "fields": [{"name": "编号"}, {"name": "名称"}]}, *layout],
        "parts": [{"id": "1", "title": "部分", "points": points, "clauses": [clause]}],
    }


def build_case_standard(case: Case) -> Standard:
    clause: dict[str, Any] = {
        "id": "1.1",
        "title": case.name,
        "points": case.spec.get("points", 1),
        "check": case.spec["check"],
    }
    if "credit" in case.spec:
        clause["credit"] = case.spec["credit"]
    standard, problems = build_standard(standard_data(case.layout, clause), {}, case.file)
    assert standard is not None, f"{case.where}: the standard does not build: {problems}"
    return standard


def write_sheets(path: Path, sheets: Mapping[str, Any]) -> Path:
    """The case's sheets as a real workbook (see the module docstring for how raws are typed)."""
    wb = openpyxl.Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    for name, content in sheets.items():
        ws = wb.create_sheet(str(name))
        rows = [[label, value] for label, value in content.items()] if isinstance(content, dict) else content
        for row in rows:
            ws.append(list(row))
        for line in ws.iter_rows():
            for cell in line:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text typed by a person, not a formula
    wb.save(path)
    return path


def expected_items(spec: object, got: list[tuple[str, bool]] | None) -> list[tuple[str, bool]] | None:
    """``items:`` as a list of [label, bool], or, when they are many (the weekdays of a year), as
    ``{count: N, met: [labels]}`` or ``{count: N, unmet: [labels]}`` (every other label the other way).
    The labels of the mapping form are taken in the order the check gives them."""
    if spec is None:
        return None
    if isinstance(spec, list):
        return [(str(label), bool(ok)) for label, ok in spec]
    assert isinstance(spec, dict) and len(spec) == 2 and "count" in spec, f"bad items: {spec!r}"
    ((key, labels),) = ((k, v) for k, v in spec.items() if k != "count")
    assert key in ("met", "unmet"), f"bad items: {spec!r}"
    listed = {str(label) for label in labels}
    order = [label for label, _ in got or []]
    if len(order) != spec["count"] or not listed <= set(order):
        return [(f"<{spec['count']} items, {key}: {sorted(listed)}>", True)]  # cannot equal what came out
    return [(label, (label in listed) == (key == "met")) for label in order]


def frac(value: object) -> Fraction:
    return Fraction(str(value))


def show(value: object) -> str:
    return str(value) if isinstance(value, Fraction) else repr(value)


def finding_row(finding: Finding, with_message: bool) -> dict[str, str]:
    row = {"kind": finding.kind, "code": finding.code, "location": finding.location}
    if with_message:
        row["message"] = finding.message
    return row


def compare(case: Case, outcome: Outcome, result: ClauseResult, warnings: list[str]) -> list[str]:
    """The differences between what the case expects and what came out, one line each."""
    spec = case.spec
    problems: list[str] = []
    status, earned = result.status, result.earned
    expected_value = spec.get("value")
    plain = {
        "missing": (bool(spec.get("missing", False)), outcome.missing),
        "passed": (spec.get("passed"), outcome.passed),
        "items": (expected_items(spec.get("items"), outcome.items), outcome.items),
        "value": (None if expected_value is None else frac(expected_value), outcome.value),
    }
    for key, (want, got) in plain.items():
        if want != got:
            problems.append(f"{key}: expected {show(want)}, got {show(got)}")
    if "status" in spec and spec["status"] != status:
        problems.append(f"status: expected {spec['status']!r}, got {status!r}")
    if "earned" in spec and frac(spec["earned"]) != earned:
        problems.append(f"earned: expected {frac(spec['earned'])}, got {earned}")
    want_findings = [dict(f) for f in spec.get("findings", [])]
    got_findings = [
        finding_row(f, i < len(want_findings) and "message" in want_findings[i])
        for i, f in enumerate(outcome.findings)
    ]
    if want_findings != got_findings:
        problems.append(
            "findings (kind, code, location[, message]) differ:\n"
            + "\n".join(f"      expected {w}" for w in want_findings)
            + ("\n" if want_findings else "      expected none\n")
            + "\n".join(
                f"      got      {g}    # {f.message}"
                for g, f in zip(got_findings, outcome.findings, strict=True)
            )
            + ("" if got_findings else "      got none")
        )
    if list(spec.get("warnings", [])) != warnings:
        problems.append(f"warnings on the center: expected {spec.get('warnings', [])}, got {warnings}")
    if tuple(outcome.findings) != result.findings:
        problems.append(f"the engine's clause findings differ from the check's: {result.findings}")
    return problems


# ---------------------------------------------------------------- the cases


@pytest.mark.parametrize("case", [case_param(c) for c in all_cases()])
def test_case(case: Case, tmp_path: Path) -> None:
    __tracebackhide__ = True  # a mismatch is reported by its message (file, line, case, differences)
    assert case.spec["check"].get("type") == case.type, (
        f"{case.where}: check type {case.spec['check'].get('type')!r} in the case file of {case.type!r}"
    )
    standard = build_case_standard(case)
    evidence = read_workbook(write_sheets(tmp_path / "case.xlsx", case.spec["sheets"]), standard)
    clause = standard.clauses[0]
    outcome = clause.check.run(evidence, RunContext(case.year, standard.calendar, as_of=case.as_of))
    ctx = RunContext(case.year, standard.calendar, as_of=case.as_of)
    result = run_clause(clause, evidence, ctx)
    problems = compare(case, outcome, result, ctx.warnings)
    if problems:
        raise CaseMismatch(f"{case.where}:\n  " + "\n  ".join(problems))


# ---------------------------------------------------------------- the case files themselves


def test_every_registered_type_has_a_case_file() -> None:
    files = {p.stem for p in case_files()}
    assert not set(REGISTRY) - files, (
        f"check types without a case file in tests/checks/: {sorted(set(REGISTRY) - files)}"
    )
    assert not files - set(REGISTRY), (
        f"case files of no registered check type: {sorted(files - set(REGISTRY))}"
    )


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.name)
def test_case_file_names_its_type(path: Path) -> None:
    declared, cases = load_file(path)
    assert declared in REGISTRY, f"tests/checks/{path.name}: unknown check type {declared!r}"
    assert declared == path.stem, f"tests/checks/{path.name}: names type {declared!r}"
    assert cases, f"tests/checks/{path.name}: no cases"
    for case in cases:
        assert case.spec["check"].get("type") == declared, f"{case.where}: check of another type"


def is_table_check(cls: object) -> bool:
    return isinstance(cls, type) and issubclass(cls, TableCheck)


def is_dated(type_name: str) -> bool:
    return "date_column" in REGISTRY[type_name].SCHEMA["properties"]


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.name)
def test_case_file_covers_the_situations(path: Path) -> None:
    """Every file has a passing case named ``pass``, a case with blank values, a passing and a failing
    outcome, partial items where the type gives items, and the findings of absent evidence."""
    type_name, cases = load_file(path)
    cls = REGISTRY[type_name]
    where = f"tests/checks/{path.name}"
    names = [c.name for c in cases]
    codes = {f["code"] for c in cases for f in c.spec.get("findings", [])}
    wanted = {"missing-sheet", "unreadable"}
    if is_table_check(cls):
        wanted |= {"missing-column", "no-records"}
    else:
        wanted |= {"blank"}
    if is_dated(type_name):
        wanted |= {"year-unknown"}
    assert not wanted - codes, f"{where}: no case expects a finding coded {sorted(wanted - codes)}"
    assert "pass" in names, f"{where}: no case named 'pass'"
    assert any("blank" in n for n in names), f"{where}: no case about blank values (named '...blank...')"
    provides: frozenset[str] = getattr(cls, "PROVIDES", frozenset())
    if "passed" in provides:
        outcomes = {c.spec.get("passed") for c in cases}
        assert {True, False} <= outcomes, f"{where}: needs a passing and a failing case"
    if "items" in provides:
        partial = [
            c
            for c in cases
            if isinstance(c.spec.get("items"), list) and len({bool(ok) for _, ok in c.spec["items"]}) == 2
        ]
        assert partial, f"{where}: no case with some items met and some not"
    if is_dated(type_name):
        assert any("other_year" in n for n in names), f"{where}: no case with rows of other years"


# ---------------------------------------------------------------- reads() is the contract


def trimmed(check: Check) -> Check:
    """The same check whose ``reads()`` forgets the last column it reads."""
    cls = type(check)
    original = cls.reads

    def reads(self: Any) -> list[tuple[str, str]]:
        return original(self)[:-1]

    subclass: Any = dataclasses.dataclass(frozen=True)(
        type(f"Trimmed{cls.__name__}", (cls,), {"reads": reads})
    )
    fields = {f.name: getattr(check, f.name) for f in dataclasses.fields(check)}  # type: ignore[arg-type]
    made: Check = subclass(**fields)
    return made


TABLE_TYPES = sorted(name for name, cls in REGISTRY.items() if is_table_check(cls))


@pytest.mark.parametrize("parsed", [False, True], ids=["read-by-none", "read-by-another-clause"])
@pytest.mark.parametrize("type_name", TABLE_TYPES)
def test_a_column_read_but_not_declared_is_the_clauses_error(
    type_name: str, parsed: bool, tmp_path: Path
) -> None:
    """A check whose reads() omits a column it reads: reading it raises UndeclaredColumn, which the engine
    makes the clause's error (never a silent blank). Whether the reader parsed the column (another clause
    reads it) or not (nobody declared it) makes no difference."""
    case = next(c for c in load_file(HERE / f"{type_name}.yml")[1] if c.name == "pass")
    standard = build_case_standard(case)
    clause = standard.clauses[0]
    check = trimmed(clause.check)
    forgotten = clause.check.reads()[-1]
    assert forgotten not in check.reads()
    needed: dict[str, set[str]] = {}
    for sheet, column in [*check.reads(), *([forgotten] if parsed else [])]:
        needed.setdefault(sheet, set()).add(column)
    part = dataclasses.replace(standard.parts[0], clauses=(dataclasses.replace(clause, check=check),))
    standard = dataclasses.replace(
        standard, parts=(part,), needed={k: frozenset(v) for k, v in needed.items()}
    )
    evidence = read_workbook(write_sheets(tmp_path / "case.xlsx", case.spec["sheets"]), standard)
    sheet, column = forgotten
    assert evidence.tables[sheet].has_column(column)  # the column is in the workbook,
    assert (evidence.tables[sheet].column(column) is not None) == parsed  # parsed if another clause reads it
    with pytest.raises(UndeclaredColumn):
        check.run(evidence, RunContext(case.year, standard.calendar))
    result = run_clause(standard.clauses[0], evidence, RunContext(case.year, standard.calendar))
    assert result.status == "error"
    assert result.earned == 0
    assert [(f.kind, f.code, f.location) for f in result.findings] == [("error", "check-failed", "")]
    assert "UndeclaredColumn" in result.findings[0].message
    assert column in result.findings[0].message

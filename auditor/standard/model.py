"""The ground floor: the loaded standard as immutable values, the contract of a check, exact numbers.

Nothing here knows any particular standard, and nothing here imports the rest of the project at run
time (the types a check's contract names are imported for the type checker only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

if TYPE_CHECKING:
    from auditor.result import Outcome
    from auditor.workbook.evidence import Evidence

ValueType = Literal["text", "yesno", "number", "integer", "date", "year", "enum"]
VALUE_TYPES: tuple[ValueType, ...] = ("text", "yesno", "number", "integer", "date", "year", "enum")
SheetKind = Literal["form", "table"]
FilledBy = Literal["center", "inspectors"]  # who fills a field in: the center, or the inspection team
FILLED_BY: tuple[FilledBy, ...] = ("center", "inspectors")
ClauseKind = Literal["scored", "bonus", "veto"]
CreditMode = Literal["all_or_nothing", "per_item", "deduct", "proportional", "tiers", "per_unit"]
CREDIT_MODES: tuple[CreditMode, ...] = (
    "all_or_nothing",
    "per_item",
    "deduct",
    "proportional",
    "tiers",
    "per_unit",
)
Op = Literal["==", "!=", ">", ">=", "<", "<=", "in", "not_in", "filled", "blank"]
OPS: tuple[Op, ...] = ("==", "!=", ">", ">=", "<", "<=", "in", "not_in", "filled", "blank")
Provides = Literal["passed", "items", "value"]
ValueKind = Literal["share", "count", "index", "ratio"] | None

# ---------------------------------------------------------------- exact numbers

ZERO = Fraction(0)
ONE = Fraction(1)
HUNDRED = Fraction(100)


@lru_cache(maxsize=4096)
def exact(number: Decimal | int) -> Fraction:
    """A number of the standard (points, thresholds, weights) as an exact fraction, made once per value."""
    return Fraction(number)


def round_half_up(value: Fraction, places: int) -> Decimal:
    """Exact half-up rounding of a fraction (no binary floating point on the way)."""
    quotient, rest = divmod(value.numerator * 10**places, value.denominator)
    if 2 * rest >= value.denominator:
        quotient += 1
    return Decimal(quotient).scaleb(-places)


# ---------------------------------------------------------------- the contract of a check


@dataclass(frozen=True)
class CalendarYear:
    """One year's official calendar as a standard lists it: weekdays off, weekend days on (调休)."""

    year: int
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class Calendar:
    """Which days are working days (工作日). ``official``: the official Chinese calendar (State Council holiday
    notices, from a maintained library); ``years``: years listed in the standard itself (they win)."""

    official: bool = False
    years: tuple[CalendarYear, ...] = ()

    def listed(self, year: int) -> CalendarYear | None:
        return next((y for y in self.years if y.year == year), None)


@dataclass(frozen=True)
class RunContext:
    """What a check may know besides the evidence: the audit year, the standard's calendar and the day the
    workbook is audited as of (``as_of``, a day of ``year``; None: the end of the year). A check may add a
    warning about the center (a year its calendar does not know, say)."""

    year: int | None
    calendar: Calendar | None = None
    warnings: list[str] = field(default_factory=list, compare=False)
    as_of: dt.date | None = None


class Check(Protocol):
    """A check type (one module of ``auditor/checks/`` each). Instances are frozen and picklable.

    * ``TYPE`` the name a standard uses (``check: {type: ...}``); ``SCHEMA`` the JSON Schema of its parameters;
    * ``PROVIDES`` the credit inputs it produces; ``VALUE_KIND`` what ``value`` is;
    * ``run`` evidence -> outcome, never raising for bad input; it reads only what ``reads`` declares;
    * ``describe`` one line in Chinese; ``template_rows`` / ``wanted_values`` what the blank workbook
      prefills or names in a hint, so the template needs to know no check class.
    """

    TYPE: ClassVar[str]
    SCHEMA: ClassVar[dict[str, Any]]
    PROVIDES: ClassVar[frozenset[Provides]]
    VALUE_KIND: ClassVar[ValueKind]

    def run(self, evidence: Evidence, ctx: RunContext) -> Outcome: ...

    def reads(self) -> list[tuple[str, str]]:
        """(sheet, field or column) pairs this check reads, and the only ones it may read."""
        ...

    def describe(self) -> str: ...

    def template_rows(self, sheet: str) -> list[Mapping[str, object]]:
        """Rows a blank table of `sheet` starts with (column -> value, the row's key first), in order; [] for
        most checks."""
        ...

    def wanted_values(self, sheet: str, column: str) -> tuple[str, ...]:
        """Values this check wants to see in a column (named in the template's hint); () for most checks."""
        ...


@dataclass(frozen=True)
class FieldSpec:
    """A labelled field of a form sheet, or a column of a table sheet."""

    name: str
    type: ValueType = "text"
    values: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    required: bool = False
    pii: bool = False
    hint: str = ""
    unique: bool = False  # a repeated value marks a repeated record (counted once)
    filled_by: FilledBy = "center"  # inspectors: only the inspection team fills it in (the template marks it)
    aliases: tuple[str, ...] = ()  # other headers (or labels) people give the column: 时间 for 日期
    min: Decimal | None = Decimal(0)  # the least number a number field holds (None: any); counts, amounts ...
    same_day: str = ""  # a date column: 当日办结 typed in it is the date of this column of the same row
    # an enumeration: other words people type for its values, (word, value) pairs: (很好, 非常好)
    synonyms: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RowWords:
    """Words marking the rows of a hand-made table that are not records: footer lines (填表人…), notes
    followed by a colon (备注：…), totals (合计…) and whole-cell section headings."""

    footer: tuple[str, ...]
    note: tuple[str, ...]
    total: tuple[str, ...]
    section: tuple[str, ...] = ()


@dataclass(frozen=True)
class SheetSpec:
    name: str
    kind: SheetKind
    fields: tuple[FieldSpec, ...]
    optional: bool = False
    title: str = ""

    @property
    def same_day(self) -> bool:
        """A column of the table reads 当日办结 as the day of another of its dates (FieldSpec.same_day)."""
        return any(f.same_day for f in self.fields)

    def field(self, name: str) -> FieldSpec | None:
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None


@dataclass(frozen=True)
class Condition:
    """`column op value`, with `value` already converted to the column's type."""

    column: str
    op: Op
    value: object = None
    shown: str = ""  # the value as the standard's author wrote it (so 达标, not True)

    def value_text(self) -> str:
        return self.shown or show_value(self.value)

    def describe(self) -> str:
        if self.op == "filled":
            return f"{self.column}已填写"
        if self.op == "blank":
            return f"{self.column}未填写"
        shown = self.value_text()
        if self.op == "==":
            return f"{self.column}={shown}"
        if self.op in ("in", "not_in"):
            return f"{self.column}{'为' if self.op == 'in' else '不为'}{shown}"
        return f"{self.column}{self.op}{shown}"


def show_value(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple):
        return "/".join(show_value(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class AppliesWhen:
    sheet: str
    condition: Condition


@dataclass(frozen=True)
class Tier:
    min: Decimal
    points: Decimal


@dataclass(frozen=True)
class Credit:
    mode: CreditMode = "all_or_nothing"
    per: Decimal | None = None
    tiers: tuple[Tier, ...] = ()


@dataclass(frozen=True)
class Clause:
    id: str
    title: str
    part_id: str
    kind: ClauseKind
    points: Decimal  # max points; the cap for a bonus clause; 0 for a veto clause
    check: Check
    credit: Credit
    requirement: str = ""
    method: str = ""
    remediation: str = ""
    applies_when: tuple[AppliesWhen, ...] = ()
    replaces: tuple[
        str, ...
    ] = ()  # ids this clause had in an earlier version (audit standard diff pairs them)


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    points: Decimal
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Grade:
    name: str
    min: Decimal


@dataclass(frozen=True)
class CenterFields:
    """Which form fields identify a center and its audit (names as declared in the layout)."""

    sheet: str
    id: str
    name: str
    type: str | None = None
    district: str | None = None
    year: str | None = None
    date: str | None = None
    leader: str | None = None


@dataclass(frozen=True)
class SelfAssessment:
    sheet: str
    clause: str
    score: str


@dataclass(frozen=True)
class ClauseExpectation:
    """What a standard's test expects of one clause: its status (a result status code) and/or its points."""

    status: str | None = None
    earned: Decimal | None = None


@dataclass(frozen=True)
class DatedColumn:
    """A date column of a table whose records should not be dated after the inspection (疑点)."""

    sheet: str
    column: str


@dataclass(frozen=True)
class DutySpec:
    """A duty table (疑点: one person on duty every day of the year): its date and person columns."""

    sheet: str
    date: str
    person: str


@dataclass(frozen=True)
class SurveySpec:
    """A survey table (疑点: repeated numbers, long runs of one answer): its number and answer columns."""

    sheet: str
    id: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class SharedTable:
    """A table whose records are compared across the centers of a batch, on these columns."""

    sheet: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class StaffSpec:
    """A staff table: a name in rows meeting ``where`` (full-time, say) should not appear in two centers."""

    sheet: str
    name: str
    where: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class HintsSpec:
    """What takes part in the integrity hints (疑点, ``hints:``) and their thresholds."""

    dated: tuple[DatedColumn, ...] = ()
    duty: DutySpec | None = None
    survey: SurveySpec | None = None
    shared: tuple[SharedTable, ...] = ()
    staff: StaffSpec | None = None
    shared_min: int = 5  # identical records two centers share before it is a hint
    run_min: int = 20  # identical answers in a row (in number order) before it is a hint
    run_chance: float = 0.01  # ... and only a run less likely than this by chance (given that answer's share)

    def columns(self) -> dict[str, set[str]]:
        """The columns each table is read for by the hints."""
        read: dict[str, set[str]] = {}
        for d in self.dated:
            read.setdefault(d.sheet, set()).add(d.column)
        if self.duty:
            read.setdefault(self.duty.sheet, set()).update((self.duty.date, self.duty.person))
        if self.survey:
            read.setdefault(self.survey.sheet, set()).update((self.survey.id, *self.survey.answers))
        for t in self.shared:
            read.setdefault(t.sheet, set()).update(t.columns)
        if self.staff:
            columns = (self.staff.name, *(c.column for c in self.staff.where))
            read.setdefault(self.staff.sheet, set()).update(columns)
        return read

    def compared(self) -> dict[str, set[str]]:
        """The columns the hints compare as texts (TableSheet.texts): the survey's and the records compared
        across centers; the others (dates, the person on duty, the staff) they read as cells."""
        read: dict[str, set[str]] = {}
        if self.survey:
            read.setdefault(self.survey.sheet, set()).update((self.survey.id, *self.survey.answers))
        for t in self.shared:
            read.setdefault(t.sheet, set()).update(t.columns)
        return read

    def compared_only(self) -> dict[str, set[str]]:
        """The columns only the records compared across centers read (``shared``): the hints need their
        texts, never their cells."""
        read = {sheet: set(columns) for sheet, columns in self.columns().items()}
        used = HintsSpec(dated=self.dated, duty=self.duty, survey=self.survey, staff=self.staff).columns()
        return {sheet: columns - used.get(sheet, set()) for sheet, columns in read.items()}


@dataclass(frozen=True)
class StandardTest:
    """One of a standard's own tests (``tests:``): a workbook (as written, relative to the standard's file)
    and the results expected of it. ``others`` (``pass``): every clause not listed is expected to pass."""

    workbook: str
    name: str = ""
    score: Decimal | None = None
    grade: str | None = None
    veto: bool | None = None
    clauses: tuple[tuple[str, ClauseExpectation], ...] = ()
    others: str | None = None
    year: int | None = None
    line: int | None = None  # where the test starts in its file (for lint's coverage warnings)


@dataclass(frozen=True)
class Standard:
    id: str
    title: str
    issuer: str
    version: str
    year: int
    total: Decimal
    grades: tuple[Grade, ...]  # best first
    veto_grade: str
    layout: tuple[SheetSpec, ...]
    center: CenterFields
    parts: tuple[Part, ...]
    yes_words: tuple[str, ...]
    no_words: tuple[str, ...]
    self_assessment: SelfAssessment | None = None
    report_title: str = ""
    calendar: Calendar | None = None
    row_words: RowWords | None = None  # None: the engine's default vocabulary
    # a remark after a yes saying it holds only in part (部分…), what a text field holds for nothing (无, /);
    # None: the engine's default vocabulary
    partly_words: tuple[str, ...] | None = None
    blank_words: tuple[str, ...] | None = None
    ditto_words: tuple[str, ...] | None = None  # 同上, 〃: the value of the row above (None: the defaults)
    report_signatures: tuple[str, ...] = ()
    tests: tuple[StandardTest, ...] = ()
    hints: HintsSpec | None = None  # 疑点: None when the standard declares none
    needed: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    # the columns to read when hints are looked for too (the engine reads them only then)
    hint_needed: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    # the reader gives each cell the text the 疑点 compare (set on the variant the engine reads them with)
    keyed: bool = field(default=False, compare=False, repr=False)
    # ... and keeps, per table, the texts of the columns they read (TableSheet.texts)
    keyed_columns: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    # ... of which the text columns no clause and no other hint reads: their texts only, no cells
    text_only: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    source: Path | None = None
    raw: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(c for part in self.parts for c in part.clauses)

    def sheet(self, name: str) -> SheetSpec | None:
        for spec in self.layout:
            if spec.name == name:
                return spec
        return None

    def needed_columns(self, sheet: str) -> frozenset[str]:
        """The columns of a table sheet that some clause, the center or the self-assessment reads."""
        return self.needed.get(sheet, frozenset())

    def grade_for(self, score: Decimal) -> str:
        for grade in self.grades:
            if score >= grade.min:
                return grade.name
        return self.veto_grade

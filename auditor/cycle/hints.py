"""疑点 within one workbook, and the signatures the 疑点 across centers compare (computed in the worker).

A hint is a reason for the inspectors to look, never a score: records dated after the inspection, one
person on duty on every day of the year, repeated survey numbers, a long run of identical answers in
number order. What takes part is the standard's ``hints:`` section. Records compared across centers
leave the worker only as keyed hashes (blake2b, the run's key), so personal data never does.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from hashlib import blake2b
from itertools import compress, groupby, repeat
from operator import and_, getitem, itemgetter
from typing import TYPE_CHECKING, Any, cast

from auditor.checks.conditions import test
from auditor.result import Finding, FindingCode, Signatures, TableSignature
from auditor.standard.model import HintsSpec, Standard, SurveySpec
from auditor.workbook.evidence import REDACTED, Cell, Evidence, TableSheet
from auditor.workbook.values import comparison_text

if TYPE_CHECKING:
    from auditor.engine import AuditOptions

SHOWN_CELLS = 6  # cells a hint lists before "等N处"
MIN_DUTY_DAYS = 28  # a duty log shorter than this proves nothing about "every day"
# how the reader notes a row it counted once (auditor.workbook.rows): 第N行与第M行重复 / 第N行的<列>与第M行相同
_REPEAT = re.compile(r"^第(\d+)行(?:的(.+?))?与第(\d+)行(?:重复|相同)")


def _hint(code: FindingCode, message: str, cells: Sequence[str]) -> Finding:
    return Finding(message, cells[0] if cells else "", "hint", code)


def cells_text(cells: Sequence[str]) -> str:
    """Cells named one by one, the first few, then how many more."""
    shown = "、".join(cells[:SHOWN_CELLS])
    return shown + (f" 等{len(cells)}处" if len(cells) > SHOWN_CELLS else "")


def key_text(cell: Cell) -> str:
    """A cell's value normalised for comparison (blank: empty): the text the reader gave it, or made now."""
    text = cell[6]
    return comparison_text(cell[0], cell[2], cell[3]) if text is None else text


_TEXT = itemgetter(6)  # Cell.text
_VALUE = itemgetter(2)  # Cell.value (None unless the cell is ok)
_DAY_TYPES = {dt.date}
_DAY_OR_BLANK = {dt.date, type(None)}
_keys: dict[bytes, Any] = {}


def column_texts(cells: Sequence[Cell]) -> list[str]:
    """:func:`key_text` of a column: read off the cells (the reader made them with the 疑点 on)."""
    texts: list[str | None] = list(map(_TEXT, cells))
    if None in texts:  # cells made without their text
        return [key_text(cell) for cell in cells]
    return cast("list[str]", texts)


def table_texts(table: TableSheet, name: str) -> list[str]:
    """The comparison texts of a table's column: those the reader kept for the columns the 疑点 read, else
    :func:`column_texts` of its cells (blank where the column is not in the sheet)."""
    texts = table.texts.get(name)
    return texts if texts is not None else column_texts(_column(table, name))


def _day_or_min(cell: Cell) -> dt.date:
    return _day(cell) or dt.date.min


def column_days(cells: Sequence[Cell]) -> list[dt.date]:
    """The day of each cell of a column (date.min where the cell holds no date): a column of days, some
    blank (nearly every one), is taken as it is."""
    values = list(map(_VALUE, cells))
    kinds = {*map(type, values)}
    if kinds <= _DAY_TYPES:
        return values
    if kinds <= _DAY_OR_BLANK:
        return [dt.date.min if v is None else v for v in values]
    return [_day_or_min(cell) for cell in cells]


def _hasher(key: bytes, *parts: str) -> Any:
    """The run's keyed blake2b (8 bytes), already fed `parts` (each followed by the separator)."""
    base = _keys.get(key)
    if base is None:
        base = _keys[key] = blake2b(key=key[:64], digest_size=8)
    h = base.copy()
    for part in parts:
        h.update(f"{part}\x1f".encode("utf-8", "surrogatepass"))
    return h


def digest(key: bytes, *parts: str) -> bytes:
    """A keyed 64-bit hash of the parts, 8 bytes (the run's key: the same record hashes alike in every
    worker)."""
    h = _hasher(key)
    h.update("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return bytes(h.digest())


def _column(table: TableSheet, name: str) -> list[Cell]:
    return table.column(name) or [Cell("blank", "", text="")] * len(table)


def _inspection_date(standard: Standard, evidence: Evidence) -> dt.date | None:
    center = standard.center
    cell = evidence.form_cell(center.sheet, center.date) if center.date else None
    if cell is None or not cell.ok or not isinstance(cell.value, dt.date):
        return None
    value = cell.value
    return value.date() if isinstance(value, dt.datetime) else value


def _day(cell: Cell) -> dt.date | None:
    value = cell.value
    if not cell.ok or not isinstance(value, dt.date):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def dated_after(spec: HintsSpec, evidence: Evidence, inspected: dt.date, date_name: str) -> list[Finding]:
    """Each declared date column: the records dated after the inspection (`date_name` its field)."""
    found: list[Finding] = []
    for dated in spec.dated:
        table = evidence.tables.get(dated.sheet)
        if table is None or table.column(dated.column) is None:
            continue
        days = column_days(_column(table, dated.column))
        if max(days, default=dt.date.min) <= inspected:  # nearly every column: nothing later
            continue
        late = [i for i, day in enumerate(days) if day > inspected]
        cells = [table.cell(i, dated.column) for i in late]
        if cells:
            where = [c.location for c in cells]
            values = "" if cells[0].pii else f"（最晚 {max(days[i] for i in late).isoformat()}）"
            found.append(
                _hint(
                    "dated-after-inspection",
                    f"{table.actual_name}有{len(cells)}条记录的{dated.column}晚于{date_name}"
                    f"{inspected.isoformat()}{values}：{cells_text(where)}",
                    where,
                )
            )
    return found


def duty_every_day(
    spec: HintsSpec, evidence: Evidence, year: int | None, inspected: dt.date | None, as_of: dt.date | None
) -> list[Finding]:
    """One person with a duty row on every calendar day of the year (to the inspection or as-of date)."""
    duty = spec.duty
    table = evidence.tables.get(duty.sheet) if duty else None
    if duty is None or table is None or year is None or table.column(duty.person) is None:
        return []
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for limit in (inspected, as_of):
        if limit is not None and start <= limit < end:
            end = limit
    days = (end - start).days + 1
    if days < MIN_DUTY_DAYS or len(table) < days:  # fewer rows than days: nobody is on every day
        return []
    dates, people = _column(table, duty.date), _column(table, duty.person)
    on_duty: dict[str, set[dt.date]] = {}
    rows: dict[str, list[int]] = {}
    for i, (date, person) in enumerate(zip(dates, people, strict=True)):
        day = _day(date)
        if day is None or not start <= day <= end or person.status != "ok":
            continue
        who = key_text(person)
        on_duty.setdefault(who, set()).add(day)
        rows.setdefault(who, []).append(i)
    found: list[Finding] = []
    for who, seen in on_duty.items():
        if len(seen) < days:
            continue
        first = table.cell(rows[who][0], duty.person)
        last = table.cell(rows[who][-1], duty.person)
        name = REDACTED if first.pii else f"“{first.shown}”"
        found.append(
            _hint(
                "duty-every-day",
                f"{table.actual_name}：{duty.person}{name}在{start.isoformat()}至{end.isoformat()}"
                f"每一天（共{days}天，含周末和节假日）都有记录：{first.location}…{last.location}",
                [first.location, last.location],
            )
        )
    return found


_DIGITS = "0123456789"


def batched(table: TableSheet, ids: list[str]) -> list[str]:
    """Survey numbers with their batch where the table has a batch column (批次: numbers restart in each),
    so that 1 of one batch and 1 of the next are two numbers (blank stays blank)."""
    if not table.batches:
        return ids
    return [f"{batch}|{number}" if number else "" for batch, number in zip(table.batches, ids, strict=True)]


def _number_key(text: str) -> tuple[str, int, str]:
    """Survey numbers in their natural order (Q2 before Q10, GM02-9 before GM02-10): by what precedes the
    final digits, then by length, then as text."""
    return (text.rstrip(_DIGITS), len(text), text)


def repeated_numbers(survey: SurveySpec, table: TableSheet) -> list[Finding]:
    """Survey numbers given twice: among the records, and rows the reader counted once for it."""
    ids = _column(table, survey.id)
    first: dict[str, int] = {}
    pairs: list[tuple[str, str, str]] = []  # (number, the earlier cell, the repeat's cell)
    letter = table.columns.get(survey.id, table.first_letter())
    texts = batched(table, table_texts(table, survey.id))
    filled = texts if all(texts) else [t for t in texts if t]
    for i, key in enumerate(texts) if len(set(filled)) < len(filled) else ():
        if not key:
            continue
        if key in first:
            pairs.append(
                (ids[i].shown, table.cell(first[key], survey.id).location, table.cell(i, survey.id).location)
            )
        else:
            first[key] = i
    own = table.sheets.count(table.actual_name) if table.sheets else len(table)  # the first sheet's rows
    index = {n: i for i, n in enumerate(table.numbers[:own])} if table.skipped else {}
    for sheet_name, row, why in table.skipped_rows():
        match = _REPEAT.match(why)
        if (
            sheet_name != table.actual_name
            or match is None
            or (match.group(2) is not None and match.group(2) != survey.id)
        ):
            continue
        earlier = index.get(int(match.group(3)))
        number = ids[earlier].shown if earlier is not None else ""
        pairs.append(
            (number, f"{table.actual_name}!{letter}{match.group(3)}", f"{table.actual_name}!{letter}{row}")
        )
    if not pairs:
        return []
    pairs.sort(key=lambda p: _number_key(p[2]))
    cells = [c for _, a, b in pairs for c in (a, b)]
    listed = "；".join(f"“{n}” {a} 与 {b}" if n else f"{a} 与 {b}" for n, a, b in pairs[:SHOWN_CELLS])
    more = f" 等{len(pairs)}处" if len(pairs) > SHOWN_CELLS else ""
    return [
        _hint(
            "repeated-number",
            f"{table.actual_name}：{survey.id}重复{len(pairs)}处：{listed}{more}",
            cells,
        )
    ]


def _answers_in_order(survey: SurveySpec, table: TableSheet) -> list[tuple[int, tuple[str, ...]]]:
    """(record index, its normalised answers) in number order, each number once, unanswered rows left out
    (made column-wise: every step runs over the whole column at C speed)."""
    ids = batched(table, table_texts(table, survey.id))
    rows = list(zip(*(table_texts(table, name) for name in survey.answers), strict=True))
    unanswered = ("",) * len(survey.answers)
    whole = all(ids) and unanswered not in rows and len(set(ids)) == len(ids)
    if whole:  # nearly every survey: each row numbered, answered and numbered once
        numbers = ids
    else:
        counted = list(compress(range(len(ids)), map(and_, map(bool, ids), map(unanswered.__ne__, rows))))
        # each number's first row (set last, so it wins)
        first = dict(zip(map(ids.__getitem__, reversed(counted)), reversed(counted), strict=True))
        numbers = list(first)
    # the numbers in their natural order (_number_key); numbers of one length after one prefix (GM01-001 …
    # GM01-120) are in that order as texts, and nearly always typed in it
    if _one_head(numbers):
        if whole and numbers == sorted(numbers):
            return list(enumerate(rows))
        order = sorted(range(len(numbers)), key=numbers.__getitem__)
    else:
        keys = list(zip(map(str.rstrip, numbers, repeat(_DIGITS)), map(len, numbers), numbers, strict=False))
        order = sorted(range(len(numbers)), key=keys.__getitem__)
    chosen = order if whole else list(map(first.__getitem__, map(numbers.__getitem__, order)))
    return list(zip(chosen, map(rows.__getitem__, chosen), strict=True))


def _one_head(numbers: Sequence[str]) -> bool:
    """Every number is one head followed by digits, all of one width (each step over the whole list at C
    speed): in that order as texts."""
    if not numbers:
        return False
    head = numbers[0].rstrip(_DIGITS)
    size = len(numbers[0])
    if (
        size == len(head)
        or {*map(len, numbers)} != {size}
        or not all(map(str.startswith, numbers, repeat(head)))
    ):
        return False
    tails = "".join(map(getitem, numbers, repeat(slice(len(head), None))))
    return tails.isascii() and tails.isdigit()


def _unlikely(run: int, share: float, count: int, chance: float) -> bool:
    """A run of `run` equal answers among `count`, the answer being `share` of them, has less than `chance`
    of arising by chance (the expected number of such runs, count·(1−share)·share^run, below it)."""
    return count * (1 - share) * share**run < chance


def identical_runs(
    survey: SurveySpec,
    table: TableSheet,
    answers: list[tuple[int, tuple[str, ...]]],
    run_min: int,
    chance: float,
) -> list[Finding]:
    """Runs of at least `run_min` identical answers, in number order, that chance explains poorly: a survey
    where nine answers in ten are the same has runs of twenty now and then (see :func:`_unlikely`)."""
    found: list[Finding] = []
    if not answers:
        return found
    values = list(map(itemgetter(1), answers))
    # the longest run first (nearly every survey has none as long as run_min): no answer counted for nothing
    if max(map(len, map(list, map(itemgetter(1), groupby(values))))) < run_min:
        return found
    counts = Counter(values)
    start = 0
    for value, group in groupby(values):
        length = len(list(group))
        end, begin = start + length, start
        start = end
        if length < run_min or not _unlikely(length, counts[value] / len(values), len(values), chance):
            continue
        first, last = answers[begin][0], answers[end - 1][0]
        head = table.cell(first, survey.id)
        tail = table.cell(last, survey.id)
        sample = table.cell(first, survey.answers[0])
        what = (
            "" if sample.pii else f"（均为“{'/'.join(table.cell(first, a).shown for a in survey.answers)}”）"
        )
        found.append(
            _hint(
                "identical-run",
                f"{table.actual_name}：按{survey.id}顺序，{head.shown}至{tail.shown}连续{length}份答案完全相同"
                f"{what}：{head.location}…{tail.location}",
                [head.location, tail.location],
            )
        )
    return found


_salts: dict[tuple[bytes, str], int] = {}


def salt(key: bytes, name: str) -> int:
    """The run's key and a table's name as a number every record hash of that table is made with (made once
    per run and table)."""
    known = _salts.get((key, name))
    if known is None:
        if len(_salts) > 256:  # keys of many runs in one process
            _salts.clear()
        known = _salts[(key, name)] = int.from_bytes(digest(key, name), "little", signed=True)
    return known


def _records(table: TableSheet, columns: Sequence[str], key: bytes, sheet: str) -> TableSignature:
    """Each record (two or more cells filled) as a hash of its normalised cells, the run's key and the table:
    Python's own keyed hash of text (SipHash, a random key per run, the same in every worker), made over
    the whole table at once."""
    texts = [table_texts(table, name) for name in columns]
    records = list(zip(*texts, strict=True))
    hashes = map(hash, zip(repeat(salt(key, sheet)), records))
    # a row with one filled cell is no record worth comparing: at most len - 2 of its cells blank ("")
    kept = list(map((len(columns) - 2).__ge__, map(tuple.count, records, repeat(""))))
    packed = array("q", compress(hashes, kept)).tobytes()
    rows = tuple(compress(table.numbers, kept))
    return TableSignature(sheet, f"{table.actual_name}!{table.first_letter()}", packed, rows)


def _staff(spec: HintsSpec, evidence: Evidence, key: bytes) -> tuple[tuple[tuple[int, int, str], ...], str]:
    """Each name listed as the standard's `where` says, as Python's keyed hash of its text with the
    table's salt (the records' hash: the run's key, the same in every worker), its row and, unless personal
    data, the name."""
    staff = spec.staff
    table = evidence.tables.get(staff.sheet) if staff else None
    if staff is None or table is None or table.column(staff.name) is None:
        return (), ""
    names = _column(table, staff.name)
    chosen = [i for i, cell in enumerate(names) if cell.status == "ok"]
    for condition in staff.where:  # each distinct cell tested once (cells are shared between equal values)
        column = _column(table, condition.column)
        tested: dict[int, bool] = {}
        for i in chosen:
            cell = column[i]
            if id(cell) not in tested:
                tested[id(cell)] = test(condition, cell) == "yes"
        chosen = [i for i in chosen if tested[id(column[i])]]
    table_salt = salt(key, staff.sheet)
    listed = tuple(
        (hash((table_salt, key_text(cell))), table.numbers[i], "" if cell.pii else cell.shown)
        for i, cell in zip(chosen, map(names.__getitem__, chosen), strict=True)
    )
    return listed, f"{table.actual_name}!{table.columns[staff.name]}"


def signatures(
    spec: HintsSpec, evidence: Evidence, survey: Iterable[tuple[int, tuple[str, ...]]], key: bytes
) -> Signatures:
    """The keyed hashes the parent compares across centers."""
    tables = tuple(
        _records(table, shared.columns, key, shared.sheet)
        for shared in spec.shared
        if (table := evidence.tables.get(shared.sheet)) is not None and len(table)
    )
    staff, place = _staff(spec, evidence, key)
    answers = None
    ordered = list(survey)
    if spec.survey is not None and len(ordered) >= spec.run_min and len({a for _, a in ordered}) > 1:
        table = evidence.tables[spec.survey.sheet]
        head = table.cell(ordered[0][0], spec.survey.id).location
        tail = table.cell(ordered[-1][0], spec.survey.answers[-1]).location
        sequence = hash((salt(key, spec.survey.sheet), tuple(map(itemgetter(1), ordered))))
        answers = (sequence, f"{head}…{tail}")
    return Signatures(tables, staff, place, answers)


def find_hints(
    standard: Standard, spec: HintsSpec, evidence: Evidence, year: int | None, options: AuditOptions
) -> tuple[tuple[Finding, ...], Signatures]:
    """The workbook's 疑点 and its signatures for the 疑点 across centers."""
    inspected = _inspection_date(standard, evidence)
    found: list[Finding] = []
    if inspected is not None:
        found += dated_after(spec, evidence, inspected, standard.center.date or "")
    found += duty_every_day(spec, evidence, year, inspected, options.as_of)
    ordered: list[tuple[int, tuple[str, ...]]] = []
    survey = spec.survey
    table = evidence.tables.get(survey.sheet) if survey else None
    if survey is not None and table is not None and table.column(survey.id) is not None:
        found += repeated_numbers(survey, table)
        ordered = _answers_in_order(survey, table)
        found += identical_runs(survey, table, ordered, spec.run_min, spec.run_chance)
    return tuple(found), signatures(spec, evidence, ordered, options.hint_key)

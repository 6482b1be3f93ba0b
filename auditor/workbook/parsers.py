"""A field's values as people type them: the parser of each declared field (from its type, values, units).

Used by the reader (every cell) and the template (the values a check prefills); built on
:mod:`auditor.workbook.values`, which reads one kind of value each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache, partial

from auditor.standard.model import FieldSpec
from auditor.workbook import values as V
from auditor.workbook.numerals import retyped, retyped_date
from auditor.workbook.texts import DEFAULT_BLANK, text_parser
from auditor.workbook.ticks import ticked_word


def parse_value(
    spec: FieldSpec, raw: object, yes: Sequence[str], no: Sequence[str], epoch1904: bool = False
) -> object:
    """Parse a raw value as the field's declared type (raises ParseError)."""
    return parser_for(spec, tuple(yes), tuple(no), epoch1904)(raw)


def _integer(raw: object, units: tuple[str, ...], minimum: Decimal | None) -> Decimal:
    return Decimal(V.parse_integer(raw, units, minimum))


def _enum(raw: object, values: tuple[str, ...], synonyms: dict[str, str], partly: tuple[str, ...]) -> str:
    """One of `values`, or a word of `synonyms` for one (很好 for 非常好), read as values are (with a tick, a
    remark or its kind after it); an error says what the values are."""
    try:
        return V.parse_enum(raw, values, partly)
    except V.ParseError as exc:
        try:
            return synonyms[V.parse_enum(raw, tuple(synonyms), partly)]
        except V.ParseError:
            raise exc from None


def _or_retyped(
    parse: Callable[[object], object], retype: Callable[[object], str | None], raw: object
) -> object:
    """`parse(raw)`; failing that, the value as `retype` writes it again (三次 as 3次, 二〇一八年五月十日, ¥5万,
    2018。5。10, ☑是 □否 as 是: see :mod:`auditor.workbook.numerals`, :mod:`auditor.workbook.ticks`), else the
    first error."""
    try:
        return parse(raw)
    except V.ParseError as exc:
        other = retype(raw)
        if other is None:
            raise
        try:
            return parse(other)
        except V.ParseError:
            raise exc from None


@lru_cache(maxsize=512)
def parser_for(
    spec: FieldSpec,
    yes: tuple[str, ...],
    no: tuple[str, ...],
    epoch1904: bool = False,
    partly: tuple[str, ...] = V.DEFAULT_PARTLY,
    blank: tuple[str, ...] = DEFAULT_BLANK,
) -> Callable[[object], object]:
    """The parser of one field's values (made once per field, used for every cell); `partly`: how a remark
    saying a yes holds only in part starts; `blank`: what a text field holds for nothing (a blank cell)."""
    units = tuple(dict.fromkeys((*spec.units, *label_units(spec.name))))
    if spec.type == "yesno":
        return partial(_or_retyped, partial(V.parse_yesno, yes=yes, no=no, partly=partly), ticked_word)
    if spec.type == "number":
        return partial(_or_retyped, partial(V.parse_number, units=units, minimum=spec.min), retyped)
    if spec.type == "integer":
        return partial(_or_retyped, partial(_integer, units=units, minimum=spec.min), retyped)
    if spec.type == "date":
        parse = partial(V.parse_date, epoch1904=True) if epoch1904 else V.parse_date
        return partial(_or_retyped, parse, retyped_date)
    if spec.type == "year":
        return V.parse_year
    if spec.type == "enum" and spec.synonyms:
        return partial(_enum, values=spec.values, synonyms=dict(spec.synonyms), partly=partly)
    if spec.type == "enum":
        return partial(V.parse_enum, values=spec.values, partly=partly)
    return text_parser(blank)


def expected_text(spec: FieldSpec, yes: Sequence[str], no: Sequence[str]) -> str:
    """What a value of this field should look like, in words (for messages)."""
    try:
        parse_value(spec, object(), yes, no)
    except V.ParseError as exc:
        return exc.expected
    return "有效的值"


@lru_cache(maxsize=1024)
def label_units(label: str) -> tuple[str, ...]:
    """A unit written in brackets at the end of a label: '经费(万元)' -> ('万元',)."""
    text = V.normalize_label(label)
    if text.endswith(")") and "(" in text:
        return (text[text.rindex("(") + 1 : -1],)
    return ()

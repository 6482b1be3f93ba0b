"""The measure of a sheet before python-calamine reads it (auditor/workbook/bounds.py) is the reader's own:
for sheets written every way the XML allows, the used range measured equals the one python-calamine
builds, and every scan stays linear in the part's size."""

from __future__ import annotations

import io
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.workbook.bounds import (
    PLAIN_MAX_AREA,
    Extent,
    OutOfGrid,
    ods_extents,
    shared_strings,
    sheet_extent,
)
from tests import hostile


def calamine_extent(data: bytes) -> tuple[int, int]:
    import python_calamine as pc

    sheet = pc.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("S")
    return (sheet.height, sheet.width) if sheet.height else (0, 0)


def letters(col: int) -> str:
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


@st.composite
def sheets(draw: st.DrawFn) -> str:
    """sheetData content: rows with or without r, cells with or without r (in any attribute order, prefixed,
    self-closing, empty, with a value, with a formula only), comments between them."""
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        row_ref = draw(st.one_of(st.none(), st.integers(1, 40)))
        cells = []
        for _ in range(draw(st.integers(0, 5))):
            ref = draw(st.one_of(st.none(), st.tuples(st.integers(0, 30), st.integers(1, 40))))
            attrs = "" if ref is None else f' r="{letters(ref[0])}{ref[1]}"'
            if draw(st.booleans()):
                attrs = ' s="1"' + attrs  # r not first: not a plain cell
            tag = draw(st.sampled_from(["c", "x:c"]))
            body = draw(st.sampled_from(["<v>1</v>", "", "<f>1+1</f>", None]))
            cell = f"<{tag}{attrs}/>" if body is None else f"<{tag}{attrs}>{body}</{tag}>"
            if draw(st.booleans()):
                cell += "<!-- <c r='ZZ99'><v>9</v></c> -->"
            cells.append(cell)
        head = "<row>" if row_ref is None else f'<row r="{row_ref}">'
        rows.append(head + "".join(cells) + "</row>")
    return "".join(rows)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets())
def test_the_used_range_measured_is_the_readers(cells: str) -> None:
    data = hostile.tiny_xlsx(cells)
    part = hostile.member_bytes(data, "xl/worksheets/sheet1.xml")
    try:
        expected = calamine_extent(data)
    except Exception:  # the reader refuses the sheet: nothing to compare
        return
    extent = sheet_extent(part, 10**9, 0)  # max_area 0: always measured exactly
    assert extent is not None
    if "<f>" in cells:  # a formula without a value is empty to the reader, a cell to the measure: never less
        assert extent.rows >= expected[0] and extent.cols >= expected[1], cells
    else:
        assert (extent.rows, extent.cols) == expected, cells


def test_plain_sheets_take_the_fast_path() -> None:
    cells = "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="ZZ{r}"><v>2</v></c></row>' for r in (1, 9999)
    )
    part = hostile.member_bytes(hostile.tiny_xlsx(cells), "xl/worksheets/sheet1.xml")
    assert sheet_extent(part, 10**6, PLAIN_MAX_AREA) is None
    assert sheet_extent(part, 10**6, 0) == Extent(4, 9999, 702)


@pytest.mark.parametrize(
    "cells",
    [
        '<row r="1"><c r="XFD1048576"><v>1</v></c></row>',
        '<row r="1"><c r="xfd1048576"><v>1</v></c></row>',
        '<row r="1"><x:c r="XFD1048576"><v>1</v></x:c></row>',
        '<row r="1"><c a=">" r="XFD1048576"><v>1</v></c></row>',
        "<row r='1'><c r='XFD1048576'><v>1</v></c></row>",
        '<row r="1"><c r = "XFD1048576"><v>1</v></c></row>',
        '<row r="1"><!-- <c a=" --><c r="XFD1048576"><v>1</v></c><!-- " > --></row>',
    ],
)
def test_a_far_cell_is_seen_however_it_is_written(cells: str) -> None:
    part = hostile.member_bytes(
        hostile.tiny_xlsx('<row r="1"><c r="A1"><v>1</v></c></row>' + cells), "xl/worksheets/sheet1.xml"
    )
    assert sheet_extent(part, 10**9, 10**9) == Extent(2, 1_048_576, 16_384)


def test_references_beyond_the_grid() -> None:
    for ref in ("A1222222222227", "XFE1", "A1048577", "AAAA1"):
        part = f'<sheetData><row r="1"><c r="{ref}"><v>1</v></c></row></sheetData>'.encode()
        with pytest.raises(OutOfGrid):
            sheet_extent(part, 10, 10)


def test_shared_strings_counted_and_declared() -> None:
    body = b'<sst xmlns="x" count="3" uniqueCount="99999999999"><si><t>a</t></si><si><t>b</t></si></sst>'
    assert shared_strings(body) == (2, 99_999_999_999)
    assert shared_strings(b"<x:sst><x:si><x:t>a</x:t></x:si></x:sst>")[0] >= 1


def test_ods_repeats_are_expanded() -> None:
    content = (
        b'<table:table table:name="T"><table:table-row table:number-rows-repeated="1000">'
        b'<table:table-cell table:number-columns-repeated="3"/>'
        b'<table:table-cell table:number-columns-repeated="200" office:value-type="float" office:value="1">'
        b"<text:p>1</text:p></table:table-cell></table:table-row></table:table>"
    )
    assert list(ods_extents(content)) == [("T", Extent(200_000, 1000, 200))]


@pytest.mark.parametrize(
    "part",
    [
        b"<sheetData></sheetData></worksheet><!--" + b"<c " * 100_000 + b"-->",
        b"<sheetData>" + b"<c " * 100_000 + b"</sheetData>",
        b"<sheetData>" + b'<c a="' * 100_000 + b"</sheetData>",
        b"<sheetData>" + b"<!--" * 100_000,
        b"<sheetData>" + b'<c r="A1"><v>1</v>' * 50_000 + b"</sheetData>",
    ],
)
def test_scans_are_linear(part: bytes) -> None:
    start = time.perf_counter()
    sheet_extent(part, 10**9, 10**9)
    assert time.perf_counter() - start < 2


# ---------------------------------------------------------------- the rare-byte searches equal the regexes

_PIECES = st.lists(
    st.sampled_from(
        [b"<c", b":c", b"</f>", b"f", b":", b"c", b" ", b">", b"/", b"\t", b"<", b"x", b"#", b't="e"']
    ),
    max_size=400,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_PIECES, st.integers(0, 40), st.integers(0, 40))
def test_prefixed_cell_search_is_the_regular_expression(pieces: list[bytes], start: int, cut: int) -> None:
    """Found one by one or, past RARE_TRIES colons, by the regular expression: the same answer."""
    import re

    from auditor.workbook.bounds import has_prefixed_cell

    body = b"".join(pieces)
    stop = max(start, len(body) - cut)
    expected = re.compile(rb":c[\s>/]").search(body, start, stop) is not None
    assert has_prefixed_cell(body, start, stop) == expected


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_PIECES)
def test_specials_search_is_the_regular_expressions(pieces: list[bytes]) -> None:
    """A formula's end is found as the regular expression finds it (also past RARE_TRIES letters f); an
    error cell where the part holds an error value (#…)."""
    import re

    from auditor.workbook.bounds import has_specials

    body = b"".join(pieces)
    formula = re.search(rb"</f>", body) is not None
    error = re.search(rb't="e"', body) is not None and b"#" in body
    assert has_specials(body) == (formula or error)


def test_many_rare_bytes_fall_back_to_one_search() -> None:
    from auditor.workbook.bounds import RARE_TRIES, has_prefixed_cell, has_specials

    many = b"<t>f:</t>" * (RARE_TRIES * 3)
    assert not has_specials(many) and not has_prefixed_cell(many, 0, len(many))
    assert has_specials(many + b"<f>A1</f>") and has_prefixed_cell(many + b"<x:c r", 0, len(many) + 6)
    assert has_specials(b'<c t="e"><v>#N/A</v></c>') and not has_specials(b'<c t="e"><v>0</v></c>')

"""The archive the reader is handed: each worksheet with its merged ranges before its cells, read exactly as
the file is (values and merged ranges), on workbooks made the way clerks make them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import python_calamine as pc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.cell_range import CellRange

from auditor.workbook.container import DEFAULT_LIMITS, check_container
from auditor.workbook.rebuilt import merges_first
from tests.builders import ROOT

SAMPLES = sorted((ROOT / "samples" / "2018").glob("*.xlsx"))
SHEET = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>%s</worksheet>'


def read(data: bytes) -> list[tuple[str, object, object]]:
    """Every sheet as python-calamine reads it: its name, its values and its merged ranges."""
    book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets: list[tuple[str, object, object]] = []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        sheets.append((name, sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges))
    return sheets


def test_the_merged_ranges_come_first_and_the_cells_stay() -> None:
    ranges = b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    moved = merges_first(SHEET % ranges)
    assert moved == b"<worksheet>" + ranges + (SHEET % ranges)[len(b"<worksheet>") :]
    assert merges_first(SHEET % b"") == b"<worksheet><mergeCells></mergeCells>" + (SHEET % b"")[11:]


def test_a_sheet_that_is_not_plain_is_handed_over_as_it_is() -> None:
    ranges = b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    assert merges_first(b"<worksheet><x:sheetData/></worksheet>") is None  # prefixed: no sheetData tag
    assert merges_first(b"<worksheet><sheetDataX/></worksheet>") is None
    assert merges_first(SHEET % (ranges + ranges)) is None  # two lists of ranges
    assert merges_first(SHEET % b'<mergeCells><!-- x --><mergeCell ref="A1:B1"/></mergeCells>') is None
    assert merges_first(SHEET % b'<mergeCells><mergeCell ref="A1:B1"/>') is None  # never closed
    assert merges_first(SHEET % b'<mergeCells count="0"/>') is None


def test_the_samples_are_read_as_their_files_are() -> None:
    """Each sample (merged title rows and form labels among them) reads the same values and merged ranges
    from the archive handed to the reader as from its file; the archive's checksums are right."""
    for path in SAMPLES:
        data = path.read_bytes()
        archive = check_container(data, str(path), DEFAULT_LIMITS)
        assert archive is not None
        with zipfile.ZipFile(io.BytesIO(archive.data)) as rebuilt:
            assert rebuilt.testzip() is None
            assert any(b"</mergeCells><sheetData" in rebuilt.read(n) for n in rebuilt.namelist()), path
        assert read(archive.data) == read(data), path.name


MERGES = st.lists(
    st.tuples(st.integers(1, 30), st.integers(1, 6), st.integers(0, 3), st.integers(0, 2)), max_size=6
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(MERGES, st.sampled_from(SAMPLES[:4]))
def test_cells_merged_anywhere_are_read_as_the_file_has_them(
    tmp_path: Path, merges: list[tuple[int, int, int, int]], sample: Path
) -> None:
    """Ranges merged by hand in random places of a sample's sheets (down, across, both; overlapping ones
    skipped as Excel refuses them): the reader gets the values and ranges python-calamine reads in the file."""
    book = openpyxl.load_workbook(sample)
    for i, (row, col, down, across) in enumerate(merges):
        sheet = book.worksheets[i % len(book.worksheets)]
        wanted = CellRange(min_col=col, min_row=row, max_col=col + across, max_row=row + down)
        if (down or across) and all(wanted.isdisjoint(taken) for taken in sheet.merged_cells.ranges):
            sheet.merge_cells(wanted.coord)
    target = tmp_path / "merged.xlsx"
    book.save(target)
    data = target.read_bytes()
    archive = check_container(data, str(target), DEFAULT_LIMITS)
    assert archive is not None
    assert read(archive.data) == read(data)


def test_a_list_of_ranges_before_the_cells_is_left_where_it_is() -> None:
    ranges = b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    before = b"<worksheet>" + ranges + b"<sheetData/></worksheet>"
    assert merges_first(before) is None
    assert merges_first(SHEET % (ranges + b"<mergeCells/>")) is None

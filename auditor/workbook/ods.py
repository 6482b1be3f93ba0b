"""Merged ranges of an OpenDocument spreadsheet (python-calamine does not report them for .ods).

A merge is a ``table:table-cell`` with ``table:number-columns-spanned`` / ``table:number-rows-spanned``;
rows and cells may stand for many (``…-repeated``), which are counted, never expanded. Only files whose
content.xml mentions a span are parsed at all.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import iterparse

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_T = "{" + TABLE + "}"
Range = tuple[tuple[int, int], tuple[int, int]]


def ods_merges(archive: bytes) -> dict[str, list[Range]]:
    """sheet name -> merged ranges ((first row, first column), (last row, last column)), 0-based."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as z:
            content = z.read("content.xml")
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    if b"-spanned" not in content:
        return {}
    merges: dict[str, list[Range]] = {}
    sheet = ""
    row = col = 0
    row_repeat = 1
    try:
        for event, element in iterparse(io.BytesIO(content), events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _T + "table":
                    sheet, row = element.get(_T + "name", ""), 0
                elif tag == _T + "table-row":
                    col, row_repeat = 0, int(element.get(_T + "number-rows-repeated", "1"))
                elif tag in (_T + "table-cell", _T + "covered-table-cell"):
                    rows = int(element.get(_T + "number-rows-spanned", "1"))
                    cols = int(element.get(_T + "number-columns-spanned", "1"))
                    if tag == _T + "table-cell" and (rows > 1 or cols > 1):
                        merges.setdefault(sheet, []).append(((row, col), (row + rows - 1, col + cols - 1)))
                    col += int(element.get(_T + "number-columns-repeated", "1"))
            elif tag == _T + "table-row":
                row += row_repeat
                element.clear()
    except (SyntaxError, ValueError):  # a damaged part: the reader reports the file; no merges from here
        return {}
    return merges

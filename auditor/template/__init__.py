"""The blank inspection workbook, generated from a standard's declared layout.

:func:`build_template` turns a :class:`Standard` into an openpyxl workbook that a person fills
in and ``audit check`` reads back with the same scores as any other workbook of that layout:

* a first sheet of instructions (how to fill it in; every clause with what it reads, its
  method and its points; every field and column with what it accepts) — :mod:`.instructions`,
* every layout sheet in order (:mod:`.sheets`). A form: one row per field — required mark, a
  short hint, the label, the empty value cell. The hint stands *left* of the label because the
  reader takes the first non-empty cell to the right of a label as its value. A table: a title
  row, the header row, then empty rows; rows for the fixed items the checks ask for
  (``Check.template_rows``) are prefilled with their names and the values their filters require,
* dropdowns for closed sets of answers, number/date/year validation, input messages and
  error alerts (:mod:`.validation`); frozen header rows, A4 print setup, widths that fit
  (:mod:`.styles`); sheets whose fixed labels the reader depends on are protected without a
  password, fill-in cells unlocked.

What the standard says about each field (who reads it, what to type) is in :mod:`.hints`; the list
of centers of ``--centers`` is read by :mod:`.centers`; building and saving, one workbook or one
per center, by :mod:`.write`. Nothing here knows any particular standard or check class: every
name comes from the Standard object.
"""

from __future__ import annotations

from auditor.template.centers import CenterRow, center_columns, read_centers
from auditor.template.hints import FixedRow, clause_readers, coverage_values, fixed_rows, hint
from auditor.template.instructions import instructions_name
from auditor.template.write import (
    build_template,
    center_file_names,
    default_file_name,
    safe_file_stem,
    write_center_templates,
    write_template,
    write_workbook_atomic,
)

__all__ = [
    "CenterRow",
    "FixedRow",
    "build_template",
    "center_columns",
    "center_file_names",
    "clause_readers",
    "coverage_values",
    "default_file_name",
    "fixed_rows",
    "hint",
    "instructions_name",
    "read_centers",
    "safe_file_stem",
    "write_center_templates",
    "write_template",
    "write_workbook_atomic",
]

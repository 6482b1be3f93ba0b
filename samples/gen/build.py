"""Build every center's workbook and save it so that two runs write the same bytes: one seeded
random stream per run (shared by the centers in order), fixed workbook properties, fixed zip times."""

import datetime as dt
import io
import random
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from samples.gen import sheets
from samples.gen.book import Book
from samples.gen.centers import CENTERS, Center

SEED: Final = 2018
FIXED_TIME: Final = dt.datetime(2018, 12, 31, 9, 0, 0)
ZIP_TIME: Final = (2018, 12, 31, 9, 0, 0)
AUTHOR: Final = "高密市委组织部考核组"


def build(center: Center, rng: random.Random) -> Workbook:
    """The center's workbook, its sheets in the order inspection-workbook.md lists them."""
    b = Book(center, rng, Workbook())
    leader = b.person()
    sheets.sheet_info(b, leader)
    sheets.sheet_appearance(b)
    sheets.sheet_systems(b)
    staff = sheets.make_staff(b)
    sheets.sheet_staff(b, staff)
    sheets.sheet_teams(b, staff)
    sheets.sheet_services(b)
    sheets.sheet_activities(b, staff)
    sheets.sheet_supervision(b)
    sheets.sheet_duty(b, staff)
    sheets.sheet_ledger(b, staff)
    sheets.sheet_survey(b)
    sheets.sheet_self(b)
    props = b.wb.properties
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    props.title = f"{center.name}2018年度考核台账"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    return b.wb


def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save without openpyxl's save_workbook (which stamps the current time) and
    rewrite the zip with fixed entry timestamps, so the bytes are stable."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    path.write_bytes(out.getvalue())


def write_samples(out_dir: Path, centers: Iterable[Center] = CENTERS) -> list[Path]:
    """Replace the GM-*.xlsx in out_dir by the centers' workbooks; the paths written, in order.
    The random stream is seeded afresh, so every call writes the same bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("GM-*.xlsx"):
        old.unlink()
    rng = random.Random(SEED)
    written = []
    for center in centers:
        path = out_dir / center.file_name
        save_deterministic(build(center, rng), path)
        written.append(path)
    return written

"""The zip directory read in one pass (auditor.workbook.rebuilt.plain_directory) gives what zipfile gives for
every archive as office programs write it, and None for any other, which zipfile then reads."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.workbook.rebuilt import plain_directory

FIELDS = ("filename", "flag_bits", "compress_type", "CRC", "compress_size", "file_size", "header_offset")


def _archive(members: list[tuple[str, bytes, int]], comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body, method in members:
            z.writestr(zipfile.ZipInfo(name, (2018, 1, 2, 3, 4, 6)), body, compress_type=method)
        z.comment = comment
    return out.getvalue()


def _fields(members: object) -> list[tuple[object, ...]]:
    return [tuple(getattr(m, f) for f in FIELDS) for m in members]  # type: ignore[attr-defined]


NAMES = st.text(st.characters(codec="utf-8", exclude_characters="\0\\"), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            NAMES, st.binary(max_size=300), st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
        ),
        max_size=6,
        unique_by=lambda m: m[0],
    )
)
def test_the_same_members_as_zipfile(members: list[tuple[str, bytes, int]]) -> None:
    data = _archive(members)
    found = plain_directory(data)
    assert found is not None
    assert _fields(found) == _fields(zipfile.ZipFile(io.BytesIO(data)).infolist())


def test_the_shipped_samples_and_a_libreoffice_archive_read_alike() -> None:
    from pathlib import Path

    for path in sorted(Path(__file__).resolve().parent.parent.joinpath("samples").rglob("*.xlsx")):
        data = path.read_bytes()
        found = plain_directory(data)
        assert found is not None, path
        assert _fields(found) == _fields(zipfile.ZipFile(io.BytesIO(data)).infolist())


def test_an_archive_unlike_an_office_programs_is_left_to_zipfile() -> None:
    plain = _archive([("xl/workbook.xml", b"<workbook/>", zipfile.ZIP_DEFLATED)])
    assert plain_directory(plain) is not None
    assert plain_directory(_archive([("a.xml", b"x", zipfile.ZIP_STORED)], comment=b"note")) is None
    assert plain_directory(b"MZ" + plain) is None  # data before the first member (a self-extractor)
    assert plain_directory(plain[:-1]) is None  # truncated
    assert plain_directory(plain[:30] + plain[40:]) is None  # damaged: the directory is not where it says
    assert plain_directory(b"") is None
    assert plain_directory(b"PK\x05\x06" + b"\0" * 18) == []  # an empty archive
    broken = bytearray(plain)
    at = plain.rfind(b"PK\x01\x02")
    broken[at : at + 4] = b"PK\x09\x09"  # a directory entry without its signature
    assert plain_directory(bytes(broken)) is None

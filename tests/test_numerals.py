"""Numbers in Chinese numerals and amounts with their currency sign where a number or a date is asked (三次,
两名, 二〇一八年十二月二十七日, ¥3.5万): read as typed in Arabic numerals; 三十余人 stays an error
(auditor.workbook.numerals). The shipped sample and the second standard end to end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.engine import audit_file
from auditor.standard.loader import load_standard
from auditor.workbook.numerals import arabic, retyped, retyped_date
from tests.builders import NO_HINTS, ROOT, STANDARD_2018, scored
from tests.library_builders import FIELDS, LIBRARY_STANDARD, YEAR, perfect_library, set_field, write

SAMPLE = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # 98.9
CN = "〇一二三四五六七八九"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("三次", "3次"),
        ("两名", "2名"),
        ("十二人", "12人"),
        ("二十", "20"),
        ("一百零五", "105"),
        ("一千二百", "1200"),
        ("二〇一八年十二月二十七日", "2018年12月27日"),
        ("2018年五月十日", "2018年5月10日"),
        ("三十余人", None),  # more than thirty: no number
        ("十几次", None),
        ("二十多人", None),
        ("二三十人", None),  # twenty or thirty
        ("两三万", None),  # two or three
        ("三五人", None),
        ("七八次", None),
        ("abc", None),
        ("12", None),
    ],
)
def test_chinese_numerals_as_arabic(text: str, read: str | None) -> None:
    assert arabic(text) == read


@given(st.integers(min_value=1, max_value=9) | st.integers(min_value=100, max_value=9999))
def test_a_number_written_in_numerals_digit_by_digit_reads_back(number: int) -> None:
    """一, 二〇一八, 一〇五 (two digits side by side, 一二, are read as "one or two": no number)."""
    assert arabic("".join(CN[int(d)] for d in str(number))) == str(number)


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("¥5万", "5万"),
        ("￥ 3.5万元", "3.5万元"),
        ("30（含借调）", "30"),  # a remark in brackets after the number
        ("5万元（区财政）", "5万元"),
        ("三十人(不含临时)", "30人"),
        ("5万", None),
        (5, None),
    ],
)
def test_an_amount_without_its_currency_sign_or_remark(raw: object, read: str | None) -> None:
    assert retyped(raw) == read


def test_a_sample_with_numbers_in_words_scores_as_the_sample(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    info = book["基本信息"]
    assert (info["B7"].value, info["B9"].value) == (dt.datetime(2018, 12, 27), 3.5)
    info["B7"] = "二〇一八年十二月二十七日"
    info["B9"] = "¥3.5万"
    services = book["服务事项"]
    assert services["D3"].value == 13
    services["D3"] = "十三次（含线上）"
    activities = book["活动记录"]
    assert activities["E3"].value == 16
    activities["E3"] = "十六人"
    book.save(tmp_path / "words.xlsx")
    center = audit_file(std, tmp_path / "words.xlsx", NO_HINTS)
    clean = audit_file(std, SAMPLE, NO_HINTS)
    assert scored(center) == scored(clean) and center.score == Decimal("98.9")
    assert not [f for c in center.clauses for f in c.findings if f.kind == "error"]
    services["D3"] = "十余次"  # more than ten: still an error naming the cell
    book.save(tmp_path / "more.xlsx")
    more = audit_file(std, tmp_path / "more.xlsx", NO_HINTS)
    assert [f.location for c in more.clauses for f in c.findings if f.kind == "error"] == ["服务事项!D3"]


def test_the_second_standard_reads_numbers_in_words(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    clean = audit_file(std, write(tmp_path, "clean", perfect_library()), NO_HINTS)
    sheets = perfect_library()
    assert dict(FIELDS)["藏书总量(册)"] == 5200 and dict(FIELDS)["年度购书经费(元)"] == 20000
    set_field(sheets, "藏书总量(册)", "五千二百册")
    set_field(sheets, "年度购书经费(元)", "￥20000元")
    set_field(sheets, "评估日期", f"{YEAR}年十二月十五日")
    center = audit_file(std, write(tmp_path, "words", sheets), NO_HINTS)
    assert scored(center) == scored(clean) and center.score == clean.score
    assert not [f for c in center.clauses for f in c.findings if f.kind == "error"]


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("2018。5。10", "2018.5.10"),
        ("2018—5—10", "2018-5-10"),
        ("2018,5,10", "2018.5.10"),
        ("2018.5.10.", "2018.5.10"),
        ("2018/5/10/", "2018/5/10"),
        ("20180509 全天", "2018-05-09 全天"),
        ("二〇一八年五月十日", "2018年5月10日"),
        ("2018-05-10", None),
        (43000, None),
    ],
)
def test_a_date_with_its_separators_mistyped(raw: object, read: str | None) -> None:
    assert retyped_date(raw) == read


def test_a_sample_with_dates_mistyped_scores_as_the_sample(tmp_path: Path) -> None:
    """2018。5。10 (the full stop of a Chinese keyboard), 2018—5—10, 2018.5.10.: each was an error."""
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    activities = book["活动记录"]
    typed = ["2018。{m}。{d}", "2018—{m}—{d}", "2018.{m}.{d}.", "2018/{m}/{d}/", "{y}{m:02d}{d:02d} 上午"]
    changed = 0
    for r in range(3, activities.max_row + 1):
        day = activities[f"B{r}"].value
        if isinstance(day, dt.datetime):
            form = typed[changed % len(typed)]
            activities[f"B{r}"] = form.format(y=day.year, m=day.month, d=day.day)
            changed += 1
    assert changed >= 20
    book.save(tmp_path / "dates.xlsx")
    center = audit_file(std, tmp_path / "dates.xlsx", NO_HINTS)
    clean = audit_file(std, SAMPLE, NO_HINTS)
    assert scored(center) == scored(clean) and center.score == Decimal("98.9")
    assert not [f for c in center.clauses for f in c.findings if f.kind == "error"]

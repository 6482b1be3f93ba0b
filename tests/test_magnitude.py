"""A number typed in another magnitude of its field's unit (auditor.workbook.magnitude): 120000元 in a field in
万元 is 12, 1.2万人 in a field in 人 is 12000; an amount that may be a slip of the unit stays an error."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.engine import audit_file
from auditor.standard.loader import default_standard_path, load_standard
from auditor.workbook.values import ParseError, parse_integer, parse_number
from tests.builders import full_center, set_field, write_workbook

MONEY = ("万元", "万")
PEOPLE = ("人", "名", "位")


@pytest.mark.parametrize(
    ("raw", "units", "value"),
    [
        ("120000元", MONEY, Decimal(12)),
        ("120,000元", MONEY, Decimal(12)),
        ("１２００００元", MONEY, Decimal(12)),
        ("10000元", MONEY, Decimal(1)),
        ("15000元", MONEY, Decimal("1.5")),
        ("0元", MONEY, Decimal(0)),
        ("2亿元", MONEY, Decimal(20000)),
        ("12万元", MONEY, Decimal(12)),  # the field's own unit, as before
        ("1.2万人", PEOPLE, Decimal(12000)),
        ("3万名", PEOPLE, Decimal(30000)),
        ("3万", PEOPLE, Decimal(30000)),  # a bare magnitude where the field's units have none
        ("2千人", PEOPLE, Decimal(2000)),
        ("50000册", ("万册",), Decimal(5)),  # any unit with a magnitude: a library's holdings in 万册
        ("0.5千米", ("米",), Decimal(500)),
    ],
)
def test_another_magnitude_of_the_unit(raw: str, units: tuple[str, ...], value: Decimal) -> None:
    assert parse_number(raw, units) == value


@pytest.mark.parametrize(
    ("raw", "units"),
    [
        ("3.5元", MONEY),  # 3.5万元 with its 万 forgotten as likely as three and a half yuan
        ("800元", MONEY),
        ("5千元", MONEY),
        ("12000.5元", MONEY),
        ("3千", MONEY),  # a bare magnitude where the field's own unit has one
        ("1.2万次", PEOPLE),  # another base: never converted
        ("元", MONEY),
        ("万人", PEOPLE),
    ],
)
def test_what_stays_an_error(raw: str, units: tuple[str, ...]) -> None:
    with pytest.raises(ParseError) as info:
        parse_number(raw, units)
    assert "万元" in info.value.expected or "人" in info.value.expected


def test_an_integer_field() -> None:
    assert parse_integer("1.2万人", PEOPLE) == 12000
    with pytest.raises(ParseError):
        parse_integer("1.23456万人", PEOPLE)  # 12345.6 people


@given(st.integers(min_value=1, max_value=10**9))
def test_whole_yuan_in_wan(amount: int) -> None:
    typed = f"{amount}元"
    if amount >= 10000:
        assert parse_number(typed, MONEY) == Decimal(amount) / 10000
    else:
        with pytest.raises(ParseError):
            parse_number(typed, MONEY)


@given(st.decimals(min_value=0, max_value=10**6, places=2))
def test_wan_people_down(number: Decimal) -> None:
    assert parse_number(f"{number}万人", PEOPLE) == number * 10000


def test_a_center_funded_in_yuan_scores_as_in_wan(tmp_path: Path) -> None:
    """1.2 经费保障 (> 0 in 万元): 50000元 passes as 5; 800元 is an error on its cell, as before."""
    standard = load_standard(default_standard_path())
    clean = audit_file(standard, write_workbook(tmp_path / "clean.xlsx", full_center()))
    sheets = full_center()
    set_field(sheets, "财政列支经费(万元)", "50000元")
    set_field(sheets, "党费补助经费(万元)", "0元")
    yuan = audit_file(standard, write_workbook(tmp_path / "yuan.xlsx", sheets))
    assert (yuan.score, yuan.grade) == (clean.score, clean.grade)
    funded = next(c for c in yuan.clauses if c.id == "1.2")
    assert (funded.status, funded.earned) == ("pass", Decimal(3))
    sheets = full_center()
    set_field(sheets, "财政列支经费(万元)", "800元")
    set_field(sheets, "党费补助经费(万元)", "0元")
    slip = audit_file(standard, write_workbook(tmp_path / "slip.xlsx", sheets))
    funded = next(c for c in slip.clauses if c.id == "1.2")
    assert funded.status == "error"
    assert any("800元" in f.message and f.location.endswith("B8") for f in funded.findings)

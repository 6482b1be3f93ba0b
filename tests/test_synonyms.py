"""Other words people type for an enumeration's values (很满意 for 满意, 月度指导 for 月指导), declared by the
standard (`synonyms: {很满意: 满意}`): read as the value, with its tick, remark or kind after it as values
are; an unknown word stays an error listing the values. The shipped sample and the second standard end to
end, and the lint of a wrong synonym."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from auditor.engine import audit_file
from auditor.errors import StandardError
from auditor.standard.loader import load_standard
from auditor.standard.model import FieldSpec
from auditor.workbook.parsers import parser_for
from auditor.workbook.values import ParseError
from tests.builders import NO_HINTS, ROOT, STANDARD_2018, scored
from tests.library_builders import LIBRARY_STANDARD, perfect_library, write

SAMPLE = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # 98.9
ANSWER = FieldSpec(
    "评价", "enum", ("满意", "基本满意", "不满意"), synonyms=(("很满意", "满意"), ("比较满意", "基本满意"))
)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("满意", "满意"),
        ("很满意", "满意"),
        ("很满意√", "满意"),  # ticked
        ("比较满意（电话回访）", "基本满意"),  # with a remark
        (" 比较 满意 ", "基本满意"),
        ("基本满意", "基本满意"),
    ],
)
def test_a_synonym_reads_as_its_value(raw: str, value: str) -> None:
    assert parser_for(ANSWER, ("是",), ("否",))(raw) == value


@pytest.mark.parametrize("raw", ["超级满意", "很", "满意、很满意"])
def test_other_words_stay_an_error_listing_the_values(raw: str) -> None:
    with pytest.raises(ParseError) as info:
        parser_for(ANSWER, ("是",), ("否",))(raw)
    assert info.value.expected == "满意、基本满意、不满意 之一"


def test_a_sample_typed_in_other_words_scores_as_the_sample(tmp_path: Path) -> None:
    """GM-02 with 很满意/比较满意 in its survey, 专职人员 in its staff list, 月度指导 in its supervision log,
    党支部生活日 in its activities and 基本服务 in its services: each was an error naming its cell."""
    std = load_standard(STANDARD_2018)
    book = openpyxl.load_workbook(SAMPLE)
    words = {"满意": "很满意", "基本满意": "比较满意", "专职": "专职人员", "月指导": "月度指导"}
    words |= {"支部生活日": "党支部生活日", "基本": "基本服务"}
    changed = 0
    for sheet, column in (("满意度测评", "C"), ("人员岗位", "D"), ("督查记录", "C"), ("活动记录", "C")):
        for cell in book[sheet][column]:
            if cell.value in words:
                cell.value, changed = words[cell.value], changed + 1
    for cell in book["服务事项"]["C"]:
        if cell.value in words:
            cell.value, changed = words[cell.value], changed + 1
    assert changed > 100
    book.save(tmp_path / "words.xlsx")
    center = audit_file(std, tmp_path / "words.xlsx", NO_HINTS)
    clean = audit_file(std, SAMPLE, NO_HINTS)
    assert scored(center) == scored(clean) and center.score == Decimal("98.9")
    assert not [f for c in center.clauses for f in c.findings if f.kind == "error"]
    # without the standard's synonyms each is an error naming its cell: the test can fail
    text = STANDARD_2018.read_text(encoding="utf-8")
    text = re.sub(r", synonyms: \{[^}]*\}", "", text)
    text = re.sub(r"\n +synonyms:(?: \{[^}]*\}|\n +\{[^}]*\})", "", text)
    assert "synonyms" not in text
    (tmp_path / "plain.yaml").write_text(text, encoding="utf-8")
    plain = audit_file(load_standard(tmp_path / "plain.yaml"), tmp_path / "words.xlsx", NO_HINTS)
    errors = {f.location.split("!")[0] for c in plain.clauses for f in c.findings if f.kind == "error"}
    assert errors == {"满意度测评", "人员岗位", "督查记录", "活动记录", "服务事项"}


def test_the_second_standard_reads_its_own_synonyms(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    clean = audit_file(std, write(tmp_path, "clean", sheets), NO_HINTS)
    words = {"非常好": "很好", "较好": "比较好", "未使用": "没用过"}
    changed = 0
    for row in sheets["读者评议"][1:]:
        if row[1] in words:
            row[1], changed = words[row[1]], changed + 1
    assert changed > 5
    center = audit_file(std, write(tmp_path, "words", sheets), NO_HINTS)
    assert scored(center) == scored(clean) and center.score == clean.score


@pytest.mark.parametrize(
    ("synonyms", "said"),
    [
        ("{很满意: 满意啊}", "“很满意”应对应本列的可选值之一（满意、基本满意、不满意、不了解）"),
        ("{满意: 满意}", "“满意”本身就是可选值"),
    ],
)
def test_a_wrong_synonym_is_a_problem_at_its_line(tmp_path: Path, synonyms: str, said: str) -> None:
    text = STANDARD_2018.read_text(encoding="utf-8")
    start = text.index("        synonyms:\n          {很满意")
    end = text.index("}", start) + 1
    (tmp_path / "bad.yaml").write_text(
        text[:start] + f"        synonyms: {synonyms}" + text[end:], encoding="utf-8"
    )
    with pytest.raises(StandardError) as info:
        load_standard(tmp_path / "bad.yaml")
    assert said in str(info.value)


def test_synonyms_are_for_an_enumeration_only(tmp_path: Path) -> None:
    text = STANDARD_2018.read_text(encoding="utf-8").replace(
        "- {name: 问卷编号, unique: true}", "- {name: 问卷编号, unique: true, synonyms: {一号: 甲}}", 1
    )
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(StandardError) as info:
        load_standard(tmp_path / "bad.yaml")
    assert "synonyms 只用于 enum 类型" in str(info.value)

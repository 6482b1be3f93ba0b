"""What the report says: the rule of every credit mode in 考核标准(分值), 扣分/加分情况 as sentences without
operators, the ranking (vetoes last, 并列 for equal scores), and text from a workbook made safe to show."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest

from auditor.batch import audit_many
from auditor.engine import audit_file
from auditor.output.figures import ranking, streets
from auditor.output.wording import cut, rule_text, shown, situation, status_word
from auditor.result import CenterResult
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from tests.builders import ROOT, STANDARD_2018, full_center, set_field, write_workbook
from tests.library_builders import LIBRARY_STANDARD, perfect_library
from tests.library_builders import set_field as set_library_field
from tests.library_builders import write as write_library

SAMPLES = sorted((ROOT / "samples" / "2018").glob("*.xlsx"))
OPERATORS = re.compile(r"(>=|<=|==|!=|=|>|<)")


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


@pytest.fixture(scope="module")
def library() -> Standard:
    return load_standard(LIBRARY_STANDARD)


@pytest.fixture(scope="module")
def samples(std: Standard) -> list[CenterResult]:
    results = [r for r in audit_many(std, SAMPLES, None, 1) if isinstance(r, CenterResult)]
    assert len(results) == 15
    return results


def rules(standard: Standard) -> dict[str, str]:
    return {c.id: rule_text(c, standard.veto_grade) for c in standard.clauses}


def test_rule_text_of_every_credit_mode(std: Standard, library: Standard) -> None:
    shipped, other = rules(std), rules(library)
    assert shipped["1.1"] == "12分，每项2分，缺一项扣2分"  # per_item
    assert shipped["2.5"] == "3分，每项0.5分，缺一项扣0.5分"
    assert shipped["3.5"] == "6分，每缺一个月扣0.5分，扣完为止"  # deduct, by month
    assert shipped["4.3"] == "2分，每缺一个季度扣0.5分，扣完为止"  # deduct, by quarter
    assert shipped["2.6"] == "3分，按参加党务培训的记录占比计分（3分×占比）"  # proportional
    assert shipped["2.8"] == "4分，工作日覆盖率≥95%得4分，≥80%得2分，低于80%不得分"  # tiers over a share
    assert shipped["4.1"] == "6分，群众满意度指数≥90得6分，≥80得3分，低于80不得分（有效样本不少于30份）"
    assert shipped["1.3"] == "3分，步行可达时间(分钟)不超过15得3分，否则不得分"  # all_or_nothing
    assert shipped["1.2"] == "3分，财政列支经费(万元)或党费补助经费(万元)大于0得3分，否则不得分"
    assert shipped["2.3"] == "3分，专职记录不少于2条得3分，否则不得分"
    assert shipped["2.9"] == "2分，下沉社区工作人员数占镇街工作人员总数的比例不低于50%得2分，否则不得分"
    assert shipped["3.3"] == "2分，所有记录均已填写首问责任人得2分，否则不得分"
    assert shipped["B.1"] == "加分项，每条年度开展次数不少于1的特色记录加1分，最多加3分"  # per_unit bonus
    assert shipped["V.1"] == "一票否决：发现弄虚作假的，直接评为不合格"  # veto
    assert shipped["V.2"] == "一票否决：无专职记录的，直接评为不合格"
    assert other["L1.1"] == "8分，每项2分，缺一项扣2分"
    assert other["L2.3"] == "4分，按持证上岗达标的记录占比计分（4分×占比）"
    assert other["L3.3"] == "4分，每缺一个月扣0.5分，扣完为止"
    assert other["L3.6"] == "6分，读者评议指数≥85得6分，≥70得3分，低于70不得分（有效样本不少于10份）"
    assert other["LB.1"] == "加分项，每条特色品牌记录加0.5分，最多加2分"
    assert other["LV.1"].startswith("一票否决：馆藏出版物合规不达标的")
    for text in [*shipped.values(), *other.values()]:
        assert not re.search(r">=|<=|==|!=|(?<![≥≤])[<>=]", text.replace("×", "")), text


def test_situations_are_sentences_an_inspector_signs(std: Standard, samples: list[CenterResult]) -> None:
    clauses = {c.id: c for c in std.clauses}
    seen = 0
    for center in samples:
        for result in center.clauses:
            text = situation(result, clauses[result.id])
            assert not OPERATORS.search(text), (center.center_id, result.id, text)
            assert "要求为" not in text and "，要求" not in text, (center.center_id, result.id, text)
            seen += 1
    by = {(c.center_id, r.id): situation(r, clauses[r.id]) for c in samples for r in c.clauses}
    assert by["GM-02", "1.1"] == "门牌外观无记录，扣2分"
    assert by["GM-02", "3.5"] == "2018年2月、8月无支部生活日记录，扣1分"
    assert by["GM-04", "2.1"] == "工作纪实未建立；考核评价未建立，扣2分"
    assert by["GM-04", "2.2"] == "信息工作无执行记录；工作纪实无执行记录；考核评价无执行记录，扣3分"
    assert by["GM-04", "2.4"] == "无兼职记录，扣1分"
    assert by["GM-03", "1.3"] == "步行可达时间(分钟)为18分钟，超过15，扣3分"
    assert by["GM-06", "2.9"].startswith("下沉社区工作人员数18，占镇街工作人员总数52的35%，低于50%，扣2分")
    assert by["GM-09", "V.1"] == "发现弄虚作假，一票否决"
    assert by["GM-04", "B.1"] == "未加分（无年度开展次数不少于1的特色记录）"  # neutral, never 未达标
    assert by["GM-01", "B.1"] == "加3分"
    assert by["GM-01", "1.1"] == "符合要求"
    assert seen == 15 * 27


def test_unreadable_value_quoted_as_the_cause(std: Standard, tmp_path: Path) -> None:
    sheets = full_center()
    set_field(sheets, "步行可达时间(分钟)", "十来分钟")
    result = audit_file(std, write_workbook(tmp_path / "a.xlsx", sheets))
    clause = next(c for c in std.clauses if c.id == "1.3")
    text = situation(next(r for r in result.clauses if r.id == "1.3"), clause)
    assert text.startswith("步行可达时间(分钟)填写的“十来分钟”无法识别"), text
    assert not OPERATORS.search(text)


def test_library_situations_without_operators(library: Standard, tmp_path: Path) -> None:
    sheets = perfect_library()
    set_library_field(sheets, "藏书总量(册)", 100)
    set_library_field(sheets, "馆藏出版物合规", "未达标")
    set_library_field(sheets, "共建方出资(元)", 100)
    result = audit_file(library, write_library(tmp_path, "lib.xlsx", sheets))
    clauses = {c.id: c for c in library.clauses}
    texts = {r.id: situation(r, clauses[r.id]) for r in result.clauses}
    assert texts["L1.2"] == "藏书总量(册)为100，少于3000，扣3分"
    assert texts["LV.1"] == "馆藏出版物合规不达标，一票否决"
    for text in texts.values():
        assert not OPERATORS.search(text) and "要求为" not in text, text


def test_status_words_for_a_veto_and_a_bonus(samples: list[CenterResult]) -> None:
    gm09 = next(c for c in samples if c.center_id == "GM-09")
    gm04 = next(c for c in samples if c.center_id == "GM-04")
    assert status_word(next(r for r in gm09.clauses if r.id == "V.1")) == "一票否决"
    assert status_word(next(r for r in gm09.clauses if r.id == "V.2")) == "未触发"
    assert status_word(next(r for r in gm04.clauses if r.id == "B.1")) == "未加分"


def test_ranking_puts_vetoes_last_and_ties_share_a_rank(samples: list[CenterResult]) -> None:
    by_id = {c.center_id: c for c in samples}
    tied = dataclasses.replace(by_id["GM-05"], score=by_id["GM-02"].score)  # 98.9 twice
    vetoed = dataclasses.replace(by_id["GM-12"], veto=True, veto_reasons=("弄虚作假",), grade="不合格")
    centers = [tied, vetoed, *(c for c in samples if c.center_id not in ("GM-05", "GM-12"))]
    rows = [(rank, c.center_id, c.score, c.veto) for rank, c in ranking(centers)]
    assert rows[:4] == [
        (1, "GM-01", Decimal("100.0"), False),
        (2, "GM-02", Decimal("98.9"), False),
        (2, "GM-05", Decimal("98.9"), False),  # 并列
        (4, "GM-14", Decimal("96.2"), False),
    ]
    vetoes = [r for r in rows if r[3]]
    assert [r[1] for r in vetoes] == ["GM-09", "GM-12"]  # after every other center, by score among them
    assert rows[-2:] == vetoes and rows[-2][0] == 14 and rows[-1][0] == 15
    assert all(not r[3] for r in rows[:-2])


def test_streets_ranked_by_average(std: Standard, samples: list[CenterResult]) -> None:
    found = [(rank, s.name, len(s.centers), s.average, s.vetoes) for rank, s in streets(std, samples)]
    assert found == [
        (1, "醴泉街道", 5, Decimal("92.1"), 0),
        (2, "朝阳街道", 5, Decimal("87.1"), 1),
        (3, "密水街道", 5, Decimal("81.2"), 0),
    ]
    first = streets(std, samples)[0][1]
    assert first.grades == {"优秀": 3, "良好": 1, "合格": 1, "不合格": 0}


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("[/red]醴泉", "[/red]醴泉"),  # markup stays text (the terminal prints Text, never markup)
        ("一\n二\r三\x1b[2J四\x07", "一 二 三 [2J四 "),  # controls and line breaks become spaces
        ("\u202e倒序\u2066", " 倒序 "),  # direction overrides too
    ],
)
def test_shown_strips_controls(raw: str, safe: str) -> None:
    assert shown(raw) == safe


def test_long_values_are_cut_and_say_how_long() -> None:
    assert cut("字" * 10, 4) == "字字字字…（共10字）"
    assert shown("名" * 100) == "名" * 60 + "…（共100字）"
    assert shown("“" + "长" * 80 + "”无法识别", 400) == "“" + "长" * 40 + "…（共80字）”无法识别"

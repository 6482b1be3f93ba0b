"""Item keys as clerks type them (auditor/checks/keys.py): the longest of two item names a key holds, a list
of values typed in one cell, rows naming no item, and a row left out because a filter cannot be read; on
the matcher alone and on the shipped samples made by hand (standards/dqfwzx-2018.yaml, 2.5, 2.7, 3.1)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from auditor.checks.keys import ItemMatcher, choice_list, list_parts
from auditor.engine import audit_file
from auditor.result import CenterResult, ClauseResult
from auditor.standard.model import Standard
from auditor.workbook.values import normalize_label
from tests.builders import ROOT, SIX_POSTS, SIX_TEAMS, scored

SAMPLES = ROOT / "samples" / "2018"


def sample(code: str) -> Path:
    (path,) = SAMPLES.glob(f"{code}-*.xlsx")
    return path


def clause(center: CenterResult, clause_id: str) -> ClauseResult:
    return next(c for c in center.clauses if c.id == clause_id)


# ---------------------------------------------------------------- the matcher


def test_the_longest_item_name_wins_when_it_holds_every_other() -> None:
    teams = ItemMatcher(SIX_TEAMS)
    assert teams.match("社区党组织书记研究会（筹）") == ("社区党组织书记研究会", ())
    assert teams.match("6.社区党组织书记研究会（筹备中）") == ("社区党组织书记研究会", ())
    assert teams.match("社区党组织书记研究会") == ("社区党组织书记研究会", ())
    assert teams.match("党组织书记") == ("党组织书记", ())
    assert teams.match("党组织书记队伍") == ("党组织书记", ())


@pytest.mark.parametrize(
    ("key", "items"),
    [
        ("党建管理员、第一书记", ("党建管理员", "第一书记")),  # side by side: neither holds the other
        ("党组织书记（社区党组织书记研究会）", ("党组织书记", "社区党组织书记研究会")),  # also outside it
        ("社区党组织书记研究会党组织书记", ("党组织书记", "社区党组织书记研究会")),
        ("党建研究会、社区党组织书记研究会", ("党组织书记", "党建研究会", "社区党组织书记研究会")),
    ],
)
def test_a_key_holding_names_side_by_side_stays_ambiguous(key: str, items: tuple[str, ...]) -> None:
    assert ItemMatcher(SIX_TEAMS).match(key) == (None, items)


def test_names_overlapping_stay_ambiguous() -> None:
    assert ItemMatcher(["信息工作", "工作纪实"]).match("信息工作纪实") == (None, ("信息工作", "工作纪实"))


def test_an_alias_holding_another_item_is_the_longest_name() -> None:
    matcher = ItemMatcher(["设备巡查", "巡检"], {"设备巡查": ["巡检制度"]})
    assert matcher.match("设备巡检制度") == ("设备巡查", ())
    assert matcher.match("巡检记录") == ("巡检", ())


def test_one_name_for_two_items_stays_ambiguous() -> None:
    matcher = ItemMatcher(["值守登记", "值守"], {"值守登记": ["登记"], "值守": ["值守登记"]})
    assert matcher.match("2.值守登记表") == (None, ("值守登记", "值守"))


@pytest.mark.parametrize(
    "separator", ["、", "､", "，", ",", "；", ";", "／", "/", "\n", "\r\n", " / ", "、\n"]
)
def test_a_list_in_one_cell_splits_at_each_separator(separator: str) -> None:
    text = f"咨询接待岗{separator}党员党组织管理岗"
    assert list_parts(text) == ("咨询接待岗", "党员党组织管理岗")
    matcher = ItemMatcher(SIX_POSTS)
    assert matcher.match(text) == (None, ("咨询接待岗", "党员党组织管理岗"))  # as a whole: two items
    assert matcher.match_each(text) == (("咨询接待岗", "党员党组织管理岗"), ())


def test_a_list_in_one_cell_parts() -> None:
    assert list_parts("咨询接待岗") == ("咨询接待岗",)
    assert list_parts("、咨询接待岗、、") == ("咨询接待岗",)
    matcher = ItemMatcher(SIX_POSTS)
    assert matcher.match_each("咨询接待岗") is None  # no list
    assert matcher.match_each("1.咨询接待岗；（二）综合事务管理岗位；保洁") == (
        ("咨询接待岗", "综合事务管理岗"),
        (),
    )
    assert matcher.match_each("保洁/巡查") == ((), ())
    assert matcher.match_each("咨询接待岗综合事务管理岗/保洁") == (
        (),
        (("咨询接待岗综合事务管理岗", ("咨询接待岗", "综合事务管理岗")),),
    )


def test_a_list_of_declared_values() -> None:
    choices = ("专职", "兼职", "其他")
    assert choice_list(choices, "专职、兼 职") == ("专职", "兼职")
    assert choice_list(choices, "专职、保洁") is None  # a part that is no declared value
    assert choice_list(choices, "专职") is None  # no list
    assert choice_list((), "专职、兼职") is None  # no enumeration
    assert choice_list(choices, 3) is None


# ---------------------------------------------------------------- the samples made by hand


def edited(source: Path, target: Path, sheet: str, column: str, change: Mapping[str, str]) -> Path:
    """The sample with each cell of `column` in `sheet` typed as a key of `change` typed as its value."""
    wb = openpyxl.load_workbook(source)
    ws = wb[sheet]
    (letter,) = {
        get_column_letter(cell.column)
        for row in ws.iter_rows(max_row=10)
        for cell in row
        if isinstance(cell.value, str) and normalize_label(cell.value) == column and cell.column
    }
    for r in range(1, ws.max_row + 1):
        cell = ws[f"{letter}{r}"]
        if isinstance(cell.value, str) and cell.value in change:
            cell.value = change[cell.value]
    wb.save(target)
    return target


def test_a_team_named_with_a_suffix_holding_a_shorter_team_earns_its_points(
    std2018: Standard, tmp_path: Path
) -> None:
    """GM-14 keeps the six teams, every one 是: 社区党组织书记研究会（筹） is that team, not a key that might
    be 党组织书记 too (2.7 earned 2.5 of 3 before, the row ambiguous and the team without a row: 95.7)."""
    clean = audit_file(std2018, sample("GM-14"))
    teams = {"社区党组织书记研究会": "社区党组织书记研究会（筹）"}
    hand = audit_file(
        std2018, edited(sample("GM-14"), tmp_path / "GM-14.xlsx", "服务队伍", "队伍名称", teams)
    )
    c27 = clause(hand, "2.7")
    assert (c27.status, c27.earned, c27.findings) == ("pass", 3, ())
    assert scored(hand) == scored(clean)
    assert hand.score == clean.score == Decimal("96.2")


@pytest.mark.parametrize("separator", ["、", "，", ",", "；", ";", "/", "／", "\n"])
def test_two_posts_typed_in_one_persons_cell_cover_both(
    std2018: Standard, tmp_path: Path, separator: str
) -> None:
    """GM-12 with 孔秀顺 (党员党组织管理岗) gone and his post typed beside 杜志振's: 杜志振 covers both posts,
    and 2.5 earns 3 of 3 (2.5 before: the cell was ambiguous, 党员党组织管理岗 uncovered)."""
    clean = audit_file(std2018, sample("GM-12"))
    source = sample("GM-12")
    path = tmp_path / "GM-12.xlsx"
    wb = openpyxl.load_workbook(source)
    ws = wb["人员岗位"]
    names = {ws.cell(r, 4).value: r for r in range(1, ws.max_row + 1)}
    assert ws.cell(names["孔秀顺"], 3).value == "党员党组织管理岗"
    assert ws.cell(names["杜志振"], 3).value == "咨询接待岗"
    ws.cell(names["杜志振"], 3).value = f"咨询接待岗{separator}党员党组织管理岗"
    ws.delete_rows(names["孔秀顺"])
    wb.save(path)
    hand = audit_file(std2018, path)
    c25 = clause(hand, "2.5")
    assert (c25.status, c25.earned, c25.findings) == ("pass", 3, ())
    assert scored(hand) == scored(clean)
    assert hand.score == clean.score == Decimal("97.9")


def test_rows_naming_no_team_are_noted_where_a_team_has_no_row(std2018: Standard, tmp_path: Path) -> None:
    """GM-01 with 第一书记 typed as 驻村干部 and a 巡逻队 row added: 2.7 loses the team (2.5 of 3), and a note
    names both rows; the clean sample (every team there) has no such note."""
    path = edited(sample("GM-01"), tmp_path / "GM-01.xlsx", "服务队伍", "队伍名称", {"第一书记": "驻村干部"})
    wb = openpyxl.load_workbook(path)
    ws = wb["服务队伍"]
    ws.append(["巡逻队", "张三", 12, "是", None])
    wb.save(path)
    hand = audit_file(std2018, path)
    c27 = clause(hand, "2.7")
    assert (c27.status, c27.earned) == ("partial", 2.5)
    assert [(f.kind, f.code, f.location, f.message) for f in c27.findings] == [
        ("defect", "item-absent", "服务队伍!A2", "第一书记：缺少记录"),
        (
            "note",
            "unmatched",
            "服务队伍!A6",
            "以下行的队伍名称不对应任何所列条目，未计入：服务队伍!A6 “驻村干部”、服务队伍!A9 “巡逻队”",
        ),
    ]
    assert not [
        f for c in audit_file(std2018, sample("GM-01")).clauses for f in c.findings if f.code == "unmatched"
    ]


def test_a_service_whose_category_cannot_be_read_is_not_missing(std2018: Standard, tmp_path: Path) -> None:
    """GM-01 with 类别 of 党史知识教育 typed 基础: 3.1 does not credit it (12 of 14, `error`), and says its row is
    there with a 类别 that cannot be read, not 缺少记录."""
    wb = openpyxl.load_workbook(sample("GM-01"))
    ws = wb["服务事项"]
    header = next(r for r in range(1, 6) if any(c.value == "类别" for c in ws[r]))
    kind = next(c.column for c in ws[header] if c.value == "类别")
    name = next(c.column for c in ws[header] if c.value == "事项名称")
    (row,) = [r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, name).value == "党史知识教育"]
    ws.cell(row, kind).value = "基础"
    path = tmp_path / "GM-01.xlsx"
    wb.save(path)
    c31 = clause(audit_file(std2018, path), "3.1")
    assert (c31.status, c31.earned) == ("error", 12)
    cell = f"服务事项!{get_column_letter(kind)}{row}"
    assert [(f.kind, f.code, f.location, f.message) for f in c31.findings] == [
        ("error", "unreadable", cell, "类别无法识别：“基础”，应为基本、特色 之一"),
        ("defect", "unreadable", cell, f"党史知识教育：第{row}行有记录，但其类别“基础”无法识别，未计入"),
    ]


def test_an_item_typed_without_its_last_char_or_two_is_the_item() -> None:
    """咨询接待 for 咨询接待岗: the one item the key begins, missing at most two chars; a shorter key or one
    that begins two items is no guess."""
    posts = ItemMatcher(SIX_POSTS)
    assert posts.match("咨询接待") == ("咨询接待岗", ())
    assert posts.match("1.党员党组织管理") == ("党员党组织管理岗", ())
    assert ItemMatcher(["党建研究会", "党建研究室"]).match("党建研究") == (None, ())
    assert ItemMatcher(["党建研究会"]).match("党建") == (None, ())
    assert ItemMatcher(["宣传"]).match("宣") == (None, ())


def test_posts_typed_without_gang_cover_their_posts(std2018: Standard, tmp_path: Path) -> None:
    """GM-01's 岗位 typed 咨询接待, 党员党组织管理 … (without 岗): 2.5 covers every post as on the clean sample."""
    clean = audit_file(std2018, sample("GM-01"))
    posts = {post: post.removesuffix("岗") for post in SIX_POSTS}
    hand = audit_file(std2018, edited(sample("GM-01"), tmp_path / "GM-01.xlsx", "人员岗位", "岗位", posts))
    c25 = clause(hand, "2.5")
    assert (c25.status, c25.earned) == ("pass", 3)
    assert scored(hand) == scored(clean) and hand.score == clean.score


def test_activity_types_typed_with_their_kind_or_a_remark_count(std2018: Standard, tmp_path: Path) -> None:
    """支部生活日活动, 志愿服务（社区）: the type; 3.5 and 3.6 as on the clean sample."""
    clean = audit_file(std2018, sample("GM-01"))
    kinds = {"支部生活日": "支部生活日活动", "志愿服务": "志愿服务（社区）"}
    hand = audit_file(
        std2018, edited(sample("GM-01"), tmp_path / "GM-01.xlsx", "活动记录", "活动类型", kinds)
    )
    assert scored(hand) == scored(clean) and hand.score == clean.score == Decimal("100.0")

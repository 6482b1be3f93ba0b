"""A column (or a form label) under another name its standard declares (``aliases``): people head their own
ledgers 时间 or 值班人员. The column's own name wins over an alias; an alias naming another column is a
lint problem. The second standard (社区图书室) and a shipped sample, end to end."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from auditor.engine import audit_file
from auditor.standard.loader import lint, load_standard
from auditor.workbook.reader import read_workbook
from tests.builders import NO_HINTS, ROOT, STANDARD_2018
from tests.library_builders import FORM, LIBRARY_STANDARD, perfect_library, write


def test_the_library_reads_its_columns_under_their_aliases(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    clean = audit_file(std, write(tmp_path, "clean", perfect_library()), NO_HINTS)
    sheets = perfect_library()
    sheets["开放日志"][0] = ["日期", "值班馆员"]
    sheets["读书活动"][0][3] = "人数（人）"  # an alias with its unit
    sheets[FORM] = [["年度", row[1]] if row and row[0] == "统计年份" else row for row in sheets[FORM]]
    path = write(tmp_path, "aliases", sheets)
    center = audit_file(std, path, NO_HINTS)
    assert center.score == clean.score == Decimal("100.0") and center.year == 2021
    assert [(c.id, c.status, c.earned) for c in center.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]
    table = read_workbook(path, std).tables["开放日志"]
    assert (table.columns, len(table)) == ({"开放时间": "A", "值守人": "B"}, 260)


def test_the_columns_own_name_wins_over_an_alias(tmp_path: Path) -> None:
    std = load_standard(LIBRARY_STANDARD)
    sheets = perfect_library()
    log = sheets["开放日志"]
    log[0] = ["日期", "开放时间", "值守人"]  # 日期 (an alias of 开放时间) holds something else here
    for row in log[1:]:
        row.insert(0, "周记")
    table = read_workbook(write(tmp_path, "both", sheets), std).tables["开放日志"]
    assert table.columns == {"开放时间": "B", "值守人": "C"}
    assert audit_file(std, write(tmp_path, "both", sheets), NO_HINTS).score == Decimal("100.0")


def test_an_alias_that_names_another_column_is_a_lint_problem(tmp_path: Path) -> None:
    text = LIBRARY_STANDARD.read_text(encoding="utf-8").replace(
        "{name: 值守人, aliases: [值班馆员]}", "{name: 值守人, aliases: [值班馆员, 开放日期]}"
    )
    path = tmp_path / "lib.yaml"
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in lint(path) if "别名" in str(p)]
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "值班馆员, 开放日期" in t)
    assert problems == [
        f"{path}:{line}: layout[4].columns[1].aliases[1]: 别名“开放日期”与另一列的名称或别名相同"
    ]


def test_a_sample_headed_the_way_clerks_head_their_ledgers_scores_as_the_sample(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    sample = next((ROOT / "samples" / "2018").glob("GM-02-*.xlsx"))  # the worked example: 98.9
    book = openpyxl.load_workbook(sample)
    renamed = {
        "活动记录": {"日期": "活动时间", "主题": "活动内容"},
        "值班记录": {"日期": "值班日期", "值班人": "值班人员"},
    }
    for sheet, names in renamed.items():
        for row in book[sheet].iter_rows(max_row=5):
            for cell in row:
                if cell.value in names:
                    cell.value = names[str(cell.value)]
    book.save(tmp_path / "headed.xlsx")
    center = audit_file(std, tmp_path / "headed.xlsx", NO_HINTS)
    clean = audit_file(std, sample, NO_HINTS)
    assert center.score == Decimal("98.9")
    assert [(c.id, c.status, c.earned) for c in center.clauses] == [
        (c.id, c.status, c.earned) for c in clean.clauses
    ]

"""Each shipped sample, made by hand the way a clerk would (a 合计 row, a 填表人 line, a month section, a
header with its unit, a block pasted again with its header, a value merged down, invisible characters):
the same score and the same status and points in every clause as the clean sample, plus a note for each
row not counted."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from auditor.engine import audit_file
from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from auditor.workbook.values import normalize_label
from tests.builders import ROOT, STANDARD_2018, scored

SAMPLES = sorted((ROOT / "samples" / "2018").glob("*.xlsx"))


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD_2018)


def header_row(ws: Worksheet, name: str) -> tuple[int, dict[str, int]]:
    """The header row naming `name`, and the header's columns by their names (as the standard spells them)."""
    for row in ws.iter_rows(max_row=10):
        texts = {normalize_label(str(c.value)): int(c.column) for c in row if c.value is not None}
        if name in texts:
            return int(row[0].row or 0), texts
    raise LookupError(name)


def by_hand(source: Path, target: Path) -> Path:
    wb = openpyxl.load_workbook(source)
    staff = wb["人员岗位"]
    top, columns = header_row(staff, "姓名")
    last = staff.max_row
    staff.cell(last + 1, columns["姓名"], "合计")
    staff.cell(last + 1, columns["备注"] if "备注" in columns else columns["姓名"] + 1, f"共{last - top}人")
    staff.cell(last + 2, columns["姓名"], "填表人：王丽　　审核人：张强")
    ledger = wb["服务台账"]
    top, columns = header_row(ledger, "受理日期")
    ledger.insert_rows(top + 1)
    first, width = min(columns.values()), max(columns.values())
    ledger.cell(top + 1, first, "一月份")
    ledger.merge_cells(start_row=top + 1, start_column=first, end_row=top + 1, end_column=width)
    services = wb["服务事项"]
    top, columns = header_row(services, "年度开展次数")
    services.cell(top, columns["年度开展次数"], "年度开展次数（次）")
    survey = wb["满意度测评"]
    top, columns = header_row(survey, "问卷编号")
    block = [[c.value for c in row] for row in survey.iter_rows(min_row=top, max_row=top + 10)]
    for row in block:  # ten questionnaires pasted again, with the header
        survey.append(row)
    signs = wb["外观标识"]
    top, columns = header_row(signs, "是否达标")
    for r in range(top + 1, signs.max_row + 1):
        cell = signs.cell(r, columns["是否达标"])
        if isinstance(cell.value, str):
            cell.value = f"\u200b{cell.value}\ufeff"
    wb.save(target)
    return target


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name[:5])
def test_a_sample_made_by_hand_scores_as_the_sample(std: Standard, tmp_path: Path, sample: Path) -> None:
    clean = audit_file(std, sample)
    hand = audit_file(std, by_hand(sample, tmp_path / sample.name))
    assert (hand.score, hand.grade, hand.veto) == (clean.score, clean.grade, clean.veto)
    assert scored(hand) == scored(clean)
    notes = {f.message for c in hand.clauses for f in c.findings if f.code == "row-skipped"}
    assert any("是合计行" in n for n in notes) and any("是表尾" in n for n in notes)
    assert any("是分段标题行" in n for n in notes) and any("重复了表头" in n for n in notes)
    assert sum("只计一次" in n for n in notes) == 10

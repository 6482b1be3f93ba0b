"""`audit compare` and auditor.cycle.compare: 整改回头看 outcomes, completion rates, standards with `replaces`,
the round trip through check's JSON, exit codes."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from auditor.cli import cli
from auditor.cycle.compare import compare, outcome
from auditor.engine import audit_file
from auditor.output.compare_out import CompareRun, document
from auditor.output.json_in import read_document
from auditor.result import CenterResult, ClauseResult, ClauseSide, Status
from auditor.standard.loader import default_standard_path, load_standard
from auditor.standard.model import Standard
from tests.library_builders import perfect_library, set_field, write

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "2018"
STRICT = ROOT / "tests" / "data" / "overlays" / "strict-2018.yaml"
LIBRARY = ROOT / "tests" / "data" / "library"
LIBRARY_STANDARD = ROOT / "tests" / "data" / "library-standard.yaml"


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(default_standard_path())


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def clause(
    cid: str, earned: float, maximum: float, kind: str = "scored", status: Status | None = None
) -> ClauseResult:
    e, m = Fraction(str(earned)), Fraction(str(maximum))
    if status is None:
        status = "pass" if e >= m else ("fail" if not e else "partial")
    return ClauseResult(cid, f"条款{cid}", cid.split(".")[0], kind, status, e, m, ())


def center(
    cid: str | None, *clauses: ClauseResult, district: str = "东街道", kind: str = "社区"
) -> CenterResult:
    return CenterResult(
        file=f"{cid}.xlsx",
        center_id=cid,
        name=f"{cid}中心",
        type=kind,
        district=district,
        year=2018,
        date=None,
        leader=None,
        score=Decimal("90.0"),
        base=Decimal("90.0"),
        bonus=Decimal(0),
        grade="优秀",
        veto=False,
        veto_reasons=(),
        clauses=clauses,
    )


# ---------------------------------------------------------------- the rules, on made-up results


def test_all_fixed_partly_fixed_a_new_problem_and_centers_on_one_side(std: Standard) -> None:
    veto_failed = clause("V.1", 0, 0, "veto", "fail")
    before = [
        center("A", clause("1.1", 10, 12), clause("1.2", 0, 3), veto_failed, clause("B.1", 1, 3, "bonus")),
        center("B", clause("1.1", 6, 12), clause("1.2", 1, 3), clause("1.3", 0, 3), clause("1.4", 2, 2)),
        center("C", clause("1.1", 12, 12), clause("1.2", 2, 3), district="西街道"),
        center("GONE", clause("1.1", 0, 12)),
        center(None, clause("1.1", 0, 12)),
    ]
    after = [
        center(
            "A",
            clause("1.1", 12, 12),
            clause("1.2", 3, 3),
            clause("V.1", 0, 0, "veto"),
            clause("B.1", 0, 3, "bonus"),
        ),
        center("B", clause("1.1", 12, 12), clause("1.2", 2, 3), clause("1.3", 0, 3), clause("1.4", 2, 2)),
        center("C", clause("1.1", 11, 12), clause("1.2", 1, 3), district="西街道"),
        center("NEW", clause("1.1", 12, 12)),
    ]
    result = compare(before, after, std, std)
    by_id = {c.center_id: c for c in result.centers}
    a = by_id["A"]
    assert [(c.id, c.outcome, c.item, c.counted) for c in a.clauses] == [
        ("1.1", "fixed", True, True),
        ("1.2", "fixed", True, True),
        ("V.1", "fixed", True, True),
        ("B.1", "ok", False, False),  # a bonus is never an item nor a problem
    ]
    assert (a.items, a.fixed, a.rate) == (3, 3, Fraction(1))
    b = by_id["B"]
    assert [c.outcome for c in b.clauses] == ["fixed", "improved", "open", "ok"]
    assert (b.items, b.fixed, b.rate) == (3, 1, Fraction(1, 3))
    c = by_id["C"]
    assert [c.outcome for c in c.clauses] == ["new", "new"]  # full -> short, and short -> shorter
    assert (c.items, c.fixed) == (1, 0)
    # one side only: listed, never dropped, in no rate
    assert by_id["NEW"].before is None and by_id["NEW"].after is not None and by_id["NEW"].clauses == ()
    assert by_id["GONE"].after is None and by_id["GONE"].before is not None
    assert [x.center_id for x in result.centers] == ["A", "B", "C", "NEW", "GONE", None]
    assert result.centers[-1].after is None
    assert (result.city.centers, result.city.items, result.city.fixed) == (3, 7, 4)
    assert [(r.name, r.centers, r.items, r.fixed) for r in result.districts] == [
        ("东街道", 2, 6, 4),
        ("西街道", 1, 1, 0),
    ]
    assert [(r.name, r.items, r.fixed) for r in result.types] == [("社区", 7, 4)]


def test_not_applicable_waived_and_removed_items_leave_the_denominator(std: Standard) -> None:
    before = [
        center(
            "A",
            clause("1.1", 6, 12),
            clause("1.2", 0, 3),
            clause("9.9", 0, 1),
            clause("1.3", 0, 3, status="not_applicable"),
        )
    ]
    after = [
        center(
            "A",
            clause("1.1", 0, 12, status="waived"),
            clause("1.2", 0, 3, status="not_applicable"),
            clause("1.3", 1, 3),
        )
    ]
    change = compare(before, after, std, std).centers[0]
    assert [(c.id, c.outcome, c.item, c.counted) for c in change.clauses] == [
        ("1.1", "not_applicable", True, False),
        ("1.2", "not_applicable", True, False),
        ("1.3", "new", False, False),  # not applicable before, short now: a new problem, not an item
        ("9.9", "removed", True, False),
    ]
    assert (change.items, change.fixed, change.rate) == (0, 0, None)


sides = st.builds(
    lambda e, m: ClauseSide("pass" if e >= m else "partial", Fraction(min(e, m)), Fraction(m)),
    st.integers(0, 12),
    st.integers(1, 12),
)


@given(sides, sides)
def test_outcomes_follow_the_points_as_shares(before: ClauseSide, after: ClauseSide) -> None:
    got = outcome(before, after, "scored")
    share_b, share_a = before.earned / before.max, after.earned / after.max
    if share_a == 1:
        assert got == ("ok" if share_b == 1 else "fixed")
    elif share_a > share_b:
        assert got == "improved"
    elif share_a == share_b:
        assert got == "open"
    else:
        assert got == "new"


# ---------------------------------------------------------------- real workbooks, two standards


def _next_version(tmp_path: Path) -> Path:
    """The shipped standard as 2019.1: 2.9 renamed 2.10 (replaces), 4.5 removed and a new 4.6 added."""
    text = default_standard_path().read_text("utf-8")
    text = text[: text.index("\n# 标准自带的测试")] + "\n"
    text = text.replace('version: "2018.1"\n', 'version: "2019.1"\n')
    assert text.count('      - id: "2.9"\n') == 1 and text.count('      - id: "4.5"\n') == 1
    text = text.replace('      - id: "2.9"\n', '      - id: "2.10"\n        replaces: ["2.9"]\n')
    text = text.replace('      - id: "4.5"\n', '      - id: "4.6"\n')
    path = tmp_path / "dqfwzx-2019.yaml"
    path.write_text(text, "utf-8")
    return path


def test_strict_last_year_then_the_shipped_standard_with_replaces(tmp_path: Path, std: Standard) -> None:
    strict = load_standard(STRICT)
    files = sorted(SAMPLES.glob("*.xlsx"))
    before = [audit_file(strict, f) for f in files]
    newer = load_standard(_next_version(tmp_path))
    after = [audit_file(newer, f) for f in files]
    result = compare(before, after, strict, newer)
    assert result.added == ("4.6",) and result.removed == ("4.5",) and result.replaced == (("2.10", "2.9"),)
    by_id = {c.center_id: c for c in result.centers}
    gm02 = {c.id: c for c in by_id["GM-02"].clauses}
    # 步行 12 minutes: short of the strict 10, within the shipped 15
    assert gm02["1.3"].outcome == "fixed" and gm02["1.3"].before_id == "1.3"
    assert gm02["2.10"].before_id == "2.9" and gm02["2.10"].outcome == "not_applicable"
    assert gm02["4.6"].outcome == "added" and gm02["4.5"].outcome == "removed"
    # GM-01 walks exactly 10 minutes: 1.3 is full both times
    assert {c.id: c.outcome for c in by_id["GM-01"].clauses}["1.3"] == "ok"
    # the same workbooks: only 1.3 can have changed
    assert all(
        c.outcome in ("ok", "open", "not_applicable", "added", "removed")
        for x in result.centers
        for c in x.clauses
        if c.id != "1.3"
    )
    fixed = sum(x.fixed for x in result.centers)
    assert (
        fixed
        == result.city.fixed
        == sum(1 for x in result.centers for c in x.clauses if c.outcome == "fixed")
    )
    assert [(x.center_id, x.fixed) for x in result.centers if x.fixed] == [
        (f"GM-{n:02d}", 1) for n in (2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)
    ]


def test_library_standard_all_items_fixed_with_a_renamed_clause(tmp_path: Path) -> None:
    library = load_standard(LIBRARY_STANDARD)
    text = LIBRARY_STANDARD.read_text("utf-8")
    text = text[: text.index("\ntests:")] + "\n" if "\ntests:" in text else text
    assert text.count("      - id: L1.2\n") == 1
    renamed = tmp_path / "library-next.yaml"
    renamed.write_text(
        text.replace("      - id: L1.2\n", "      - id: L1.9\n        replaces: [L1.2]\n"), "utf-8"
    )
    newer = load_standard(renamed)
    sheets = perfect_library()
    set_field(sheets, library.center.id, "LIB-002")
    before = [audit_file(library, LIBRARY / "LIB-002.xlsx")]
    after = [audit_file(newer, write(tmp_path, "LIB-002-next", sheets))]
    result = compare(before, after, library, newer)
    change = result.centers[0]
    assert [(c.id, c.before_id, c.outcome) for c in change.clauses if c.item] == [
        ("L1.1", "L1.1", "fixed"),
        ("L1.9", "L1.2", "fixed"),
        ("L3.3", "L3.3", "fixed"),
    ]
    assert (change.items, change.fixed, change.rate) == (3, 3, Fraction(1))
    assert result.replaced == (("L1.9", "L1.2"),) and result.added == () and result.removed == ()


# ---------------------------------------------------------------- the command


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("compare") / "2018"
    shutil.copytree(SAMPLES, folder)
    return folder


def test_compare_of_check_json_equals_compare_of_the_workbooks(workbooks: Path, tmp_path: Path) -> None:
    code, out, _ = invoke("check", str(workbooks), "--standard", str(STRICT), "--format", "json", "-j", "1")
    assert code == 1  # GM-09 and GM-13 不合格
    before_json = tmp_path / "before.json"
    before_json.write_text(out, "utf-8")
    code, from_json, err = invoke(
        "compare",
        str(before_json),
        str(workbooks),
        "--before-standard",
        str(STRICT),
        "--format",
        "json",
        "-j",
        "1",
    )
    assert code == 0 and err == ""
    code, from_books, _ = invoke(
        "compare",
        str(workbooks),
        str(workbooks),
        "--before-standard",
        str(STRICT),
        "--format",
        "json",
        "-j",
        "1",
    )
    assert code == 0
    a, b = json.loads(from_json), json.loads(from_books)
    assert a == b
    summary = a["summary"]
    assert (summary["matched"], summary["items"], summary["fixed"]) == (15, 112, 12)
    assert summary["completion_rate"] == 0.1071
    gm02 = next(c for c in a["centers"] if c["center_id"] == "GM-02")
    assert gm02["before"] == {
        "file": str(workbooks / "GM-02-醴泉街道凤城社区党群服务中心.xlsx"),
        "score": 95.9,
        "grade": "优秀",
        "veto": False,
    }
    assert (gm02["after"]["score"], gm02["completion_rate"], gm02["items"], gm02["fixed"]) == (
        98.9,
        0.3333,
        3,
        1,
    )
    assert {c["id"]: c["outcome"] for c in gm02["clauses"]}["1.3"] == "fixed"
    assert [d["district"] for d in summary["by_district"]] == ["密水街道", "朝阳街道", "醴泉街道"]
    # and the records read back from check's JSON compare like the workbooks' own
    std = load_standard(STRICT)
    doc = read_document(json.loads(out), std)
    shipped = load_standard(default_standard_path())
    books = [audit_file(std, f) for f in sorted(workbooks.glob("*.xlsx"))]
    after = [audit_file(shipped, f) for f in sorted(workbooks.glob("*.xlsx"))]
    assert compare(doc.centers, after, std, shipped) == compare(books, after, std, shipped)


def test_terminal_view_and_fail_on_new(workbooks: Path) -> None:
    # shipped last year, strict now: 1.3 lost by 12 centers
    shipped = str(default_standard_path())
    code, out, _ = invoke(
        "compare",
        str(workbooks),
        str(workbooks),
        "--standard",
        str(STRICT),
        "--before-standard",
        shipped,
        "-j",
        "1",
    )
    assert code == 0
    assert "1.3 步行10分钟服务圈" in out and "新增问题" in out and "未整改" in out
    assert "100个问题已整改0个，完成率0%" in out
    code, _, _ = invoke(
        "compare",
        str(workbooks),
        str(workbooks),
        "--standard",
        str(STRICT),
        "--before-standard",
        shipped,
        "--fail-on-new",
        "-q",
    )
    assert code == 1
    code, out, _ = invoke(
        "compare", str(workbooks), str(workbooks), "--before-standard", str(STRICT), "--fail-on-new", "-q"
    )
    assert code == 0 and "112个问题已整改12个，完成率10.7%" in out


def test_bad_inputs_exit_2_in_one_line(workbooks: Path, tmp_path: Path) -> None:
    not_check = tmp_path / "other.json"
    not_check.write_text('{"items": []}', "utf-8")
    code, out, err = invoke("compare", str(not_check), str(workbooks))
    assert code == 2 and out == ""
    assert (
        err
        == f"错误: {not_check}: JSON 结果文件格式有误：不是 audit check --format json 的输出（缺少 centers）\n"
    )
    code, _, err = invoke("compare", str(tmp_path / "nowhere"), str(workbooks))
    assert code == 2 and err.startswith("错误: ") and "找不到上次" in err and len(err.splitlines()) == 1
    # one broken workbook: named in one line, the others still compared
    folder = tmp_path / "after"
    shutil.copytree(workbooks, folder)
    (folder / "GM-03-醴泉街道康成社区党群服务中心.xlsx").write_bytes(b"not a workbook")
    code, out, err = invoke("compare", str(workbooks), str(folder), "--format", "json", "-j", "1")
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1 and "GM-03-醴泉街道康成社区党群服务中心.xlsx" in lines[0]
    doc = json.loads(out)
    assert doc["summary"]["matched"] == 14 and doc["summary"]["before_only"] == 1
    assert doc["summary"]["errors"] == 1


def test_document_shape(std: Standard) -> None:
    result = compare([center("A", clause("1.1", 6, 12))], [center("A", clause("1.1", 12, 12))], std, std)
    doc = document(CompareRun(result, std, std, []))
    assert doc["centers"] == [
        {
            "center_id": "A",
            "name": "A中心",
            "type": "社区",
            "district": "东街道",
            "before": {"file": "A.xlsx", "score": 90.0, "grade": "优秀", "veto": False},
            "after": {"file": "A.xlsx", "score": 90.0, "grade": "优秀", "veto": False},
            "items": 1,
            "fixed": 1,
            "completion_rate": 1.0,
            "outcomes": {
                "fixed": 1,
                "improved": 0,
                "open": 0,
                "new": 0,
                "ok": 0,
                "added": 0,
                "removed": 0,
                "not_applicable": 0,
            },
            "clauses": [
                {
                    "id": "1.1",
                    "before_id": "1.1",
                    "title": "条款1.1",
                    "outcome": "fixed",
                    "item": True,
                    "before": {"status": "partial", "earned": 6.0, "max": 12.0},
                    "after": {"status": "pass", "earned": 12.0, "max": 12.0},
                }
            ],
        }
    ]
    assert doc["summary"]["completion_rate"] == 1.0
    assert doc["summary"]["by_district"] == [
        {"district": "东街道", "centers": 1, "items": 1, "fixed": 1, "completion_rate": 1.0}
    ]


def _as_center(source: Path, target: Path) -> None:
    """`source`'s records under the identity (基本信息 中心编号, 名称, 镇街, 类型) of `target`, saved as `target`."""
    import openpyxl

    identity = ("中心编号", "中心名称", "所属镇街", "中心类型")
    keep: dict[str, Any] = {
        str(r[0].value): r[1].value
        for r in openpyxl.load_workbook(target)["基本信息"].iter_rows()
        if r[0].value in identity
    }
    wb = openpyxl.load_workbook(source)
    for row in wb["基本信息"].iter_rows():
        if str(row[0].value) in keep:
            row[1].value = keep[str(row[0].value)]
    wb.save(target)


def test_a_follow_up_with_progress_a_relapse_and_a_center_not_inspected(
    workbooks: Path, tmp_path: Path
) -> None:
    later = tmp_path / "2019"
    shutil.copytree(workbooks, later)
    (later / "GM-15-高密经济开发区党群服务中心.xlsx").unlink()
    _as_center(
        SAMPLES / "GM-12-密水街道梨园社区党群服务中心.xlsx", later / "GM-13-密水街道西关社区党群服务中心.xlsx"
    )
    _as_center(
        SAMPLES / "GM-04-醴泉街道北关社区党群服务中心.xlsx", later / "GM-02-醴泉街道凤城社区党群服务中心.xlsx"
    )
    code, out, err = invoke("compare", str(workbooks), str(later), "--format", "json", "-j", "1")
    assert code == 0 and err == ""
    doc = json.loads(out)
    centers = {c["center_id"]: c for c in doc["centers"]}
    gm13 = centers["GM-13"]
    assert (gm13["before"]["score"], gm13["after"]["score"], gm13["after"]["grade"]) == (52.2, 97.9, "优秀")
    assert (gm13["items"], gm13["fixed"], gm13["completion_rate"]) == (16, 13, 0.8125)
    # 13 items fixed, 3 improved (16 counted), the bonus improved, 2.9 not applicable to GM-12's records
    assert {k: v for k, v in gm13["outcomes"].items() if v} == {
        "fixed": 13,
        "improved": 4,
        "ok": 9,
        "not_applicable": 1,
    }
    assert [c["id"] for c in gm13["clauses"] if c["outcome"] == "improved" and not c["item"]] == ["B.1"]
    gm02 = centers["GM-02"]
    assert (gm02["items"], gm02["fixed"], gm02["outcomes"]["new"]) == (2, 0, 11)
    assert [c["id"] for c in gm02["clauses"] if c["outcome"] == "new" and c["item"]] == ["1.1", "3.5"]
    assert centers["GM-15"]["after"] is None and centers["GM-15"]["clauses"] == []
    summary = doc["summary"]
    assert (summary["matched"], summary["before_only"], summary["items"], summary["fixed"]) == (14, 1, 91, 13)
    assert summary["by_district"][0] == {
        "district": "密水街道",
        "centers": 4,
        "items": 31,
        "fixed": 13,
        "completion_rate": 0.4194,
    }
    code, out, _ = invoke("compare", str(workbooks), str(later), "--fail-on-new", "-q", "-j", "1")
    assert code == 1 and "91个问题已整改13个，完成率14.3%" in out


def test_a_document_of_another_standard_or_with_unaudited_files_is_said(tmp_path: Path) -> None:
    recorded = ROOT / "tests" / "data" / "samples-2018-check.json"
    code, _, err = invoke("compare", str(recorded), str(recorded), "--before-standard", str(STRICT), "-q")
    assert code == 0
    assert err == (
        f"警告: {recorded}: 上次的结果是按标准“gaomi-dqfwzx-2018 2018.1”得出的，"
        "对照用的是“gaomi-dqfwzx-2018-strict 2018.1-strict”（可用 --before-standard/--standard 指定）\n"
    )
    doc = json.loads(recorded.read_text("utf-8"))
    doc["errors"] = [{"file": "GM-16.xlsx", "message": "文件已损坏"}]
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    code, _, err = invoke("compare", str(partial), str(recorded), "-q")
    assert code == 0
    assert err == f"警告: {partial}: 上次的结果中有 1 个文件当时无法检查，这些中心不在其中\n"


clause_ids = ("1.1", "1.2", "1.3", "V.1", "B.1")
KINDS_OF = {"1.1": "scored", "1.2": "scored", "1.3": "scored", "V.1": "veto", "B.1": "bonus"}


@st.composite
def made_up_center(draw: st.DrawFn) -> CenterResult:
    cid = draw(st.sampled_from(["A", "B", "C", "D", None]))
    chosen = draw(st.lists(st.sampled_from(clause_ids), unique=True))
    clauses = []
    for each in chosen:
        kind = KINDS_OF[each]
        if kind == "veto":
            vetoed: Status = draw(st.sampled_from(["pass", "fail"]))
            clauses.append(clause(each, 0, 0, kind, vetoed))
        else:
            top = 3
            status: Status | None = draw(st.sampled_from([None, "not_applicable", "waived"]))
            clauses.append(clause(each, draw(st.integers(0, top)), top, kind, status))
    return center(cid, *clauses, district=draw(st.sampled_from(["东街道", "西街道"])))


@given(st.lists(made_up_center(), max_size=6), st.lists(made_up_center(), max_size=6))
def test_every_center_is_listed_and_the_rates_add_up(
    before: list[CenterResult], after: list[CenterResult]
) -> None:
    std = load_standard(default_standard_path())
    result = compare(before, after, std, std)
    listed_after = [c for c in result.centers if c.after is not None]
    listed_before = [c for c in result.centers if c.before is not None]
    assert len(listed_after) == len(after) and len(listed_before) == len(before)
    both = [c for c in result.centers if c.before and c.after]
    assert all(c.center_id for c in both)
    assert result.city.items == sum(c.items for c in both) == sum(r.items for r in result.districts)
    assert result.city.fixed == sum(r.fixed for r in result.districts) == sum(r.fixed for r in result.types)
    for change in both:
        counted = [c for c in change.clauses if c.counted]
        assert change.items == len(counted) and change.fixed == sum(c.outcome == "fixed" for c in counted)
        assert all(c.item and c.outcome in ("fixed", "improved", "open", "new") for c in counted)
        assert all(c.kind != "bonus" for c in change.clauses if c.item)


def test_waivers_and_as_of_apply_to_the_inspection_followed_up(tmp_path: Path) -> None:
    """--waivers and --as-of are this (AFTER) inspection's: GM-02 short on 3.5 last year, the clause
    waived now leaves the 整改清单 (listed as not applicable, out of the rate); an unknown center is refused."""
    one = tmp_path / "GM-02.xlsx"
    shutil.copy(next(SAMPLES.glob("GM-02-*.xlsx")), one)
    code, out, _ = invoke("check", str(one), "--format", "json", "-j", "1")
    before = tmp_path / "before.json"
    before.write_text(out, encoding="utf-8")
    plain = json.loads(invoke("compare", str(before), str(one), "--format", "json", "-j", "1")[1])
    outcomes = {c["id"]: c["outcome"] for c in plain["centers"][0]["clauses"]}
    assert outcomes["3.5"] == "open"
    waivers = tmp_path / "w.yaml"
    waivers.write_text(
        "decisions:\n  - {center: GM-02, clause: '3.5', decision: waive, reason: 场所改造, "
        "approver: 王科长, date: 2018-12-20}\n",
        encoding="utf-8",
    )
    for after in (str(one), str(before)):  # audited on the spot, or read back from a document
        code, out, err = invoke(
            "compare", str(before), after, "--waivers", str(waivers), "--format", "json", "-j", "1"
        )
        assert code == 0, err
        reviewed = json.loads(out)["centers"][0]
        assert {c["id"]: c["outcome"] for c in reviewed["clauses"]}["3.5"] == "not_applicable"
        assert reviewed["after"]["score"] == 99.8 and reviewed["before"]["score"] == 98.9
    code, out, _ = invoke("compare", str(before), str(one), "--waivers", str(waivers), "-j", "1")
    line = next(x for x in out.splitlines() if "3.5 支部生活日每月开展" in x)
    assert line.split()[2:] == ["5/6", "豁免", "豁免"]  # waived this time: said so, not 不适用
    code, out, _ = invoke(
        "compare", str(before), str(one), "--as-of", "2018-06-30", "--format", "json", "-j", "1"
    )
    assert code == 0  # as of 30 June only February is missing: 5.5 of 6 points (5 at the end of 2018)
    mid_year = json.loads(out)["centers"][0]
    assert {c["id"]: c["outcome"] for c in mid_year["clauses"]}["3.5"] == "improved"
    assert mid_year["after"]["score"] == 99.4
    waivers.write_text(waivers.read_text(encoding="utf-8").replace("GM-02", "GM-99"), encoding="utf-8")
    code, out, err = invoke("compare", str(before), str(one), "--waivers", str(waivers), "-q")
    assert code == 2 and out == "" and "w.yaml 第2行" in err and "GM-99" in err

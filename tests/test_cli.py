"""The command line: exit codes, JSON document, errors on stderr, batches that survive broken files."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import cli
from auditor.result import STATUSES
from tests.builders import STANDARD_2018, full_center, set_field, write_workbook


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def batch(tmp: Path) -> Path:
    folder = tmp / "in"
    (folder / "sub").mkdir(parents=True)
    good = full_center(featured=1)
    write_workbook(folder / "a.xlsx", good)
    second = full_center()
    set_field(second, "中心编号", "T-02")
    set_field(second, "中心名称", "第二社区党群服务中心")
    write_workbook(folder / "sub" / "b.xlsx", second)
    (folder / "~$a.xlsx").write_bytes(b"lock file")
    (folder / "notes.txt").write_text("not a workbook")
    return folder


def test_check_all_pass_exit_0(tmp_path: Path) -> None:
    code, out, err = invoke("check", str(batch(tmp_path)))
    assert code == 0, err
    assert "测试社区党群服务中心" in out and "第二社区党群服务中心" in out
    assert "共 2 个中心：优秀 2，良好 0，合格 0，不合格 0；无法检查的文件 0 个" in out
    assert err == ""


def test_json_document(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    code, out, _ = invoke("check", "--format", "json", str(folder))
    assert code == 0
    doc = json.loads(out)
    assert doc["standard"] == {
        "id": "gaomi-dqfwzx-2018",
        "title": "党群服务中心建设和管理标准",
        "version": "2018.1",
    }
    assert doc["year"] == 2018
    assert doc["summary"] == {
        "centers": 2,
        "by_grade": {"优秀": 2, "良好": 0, "合格": 0, "不合格": 0},
        "errors": 0,
        # the two centers are one workbook copied: 疑点 (never a score) say so, see tests/test_hints.py
        "hints": 8,
    }
    assert [c["file"] for c in doc["centers"]] == [str(folder / "a.xlsx"), str(folder / "sub" / "b.xlsx")]
    first = doc["centers"][0]
    assert {
        k: first[k] for k in ("center_id", "name", "type", "score", "base", "bonus", "grade", "veto")
    } == {
        "center_id": "T-01",
        "name": "测试社区党群服务中心",
        "type": "社区",
        "score": 100.0,
        "base": 100.0,
        "bonus": 1.0,
        "grade": "优秀",
        "veto": False,
    }
    assert len(first["clauses"]) == 27
    assert all(c["status"] in STATUSES for c in first["clauses"])
    assert first["clauses"][0] == {
        "id": "1.1",
        "title": '外观标识"六统一"',
        "status": "pass",
        "earned": 12.0,
        "max": 12.0,
        "findings": [],
    }
    assert "居民1" not in out and "13800000001" not in out  # residents' personal data never appears


def test_failing_center_exit_1(tmp_path: Path) -> None:
    sheets = full_center()
    set_field(sheets, "发现弄虚作假", "是")
    path = write_workbook(tmp_path / "veto.xlsx", sheets)
    code, out, _ = invoke("check", str(path))
    assert code == 1
    assert "一票否决：弄虚作假" in out


def test_broken_file_in_batch_exit_2_and_rest_audited(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 truncated")
    (folder / "empty.xlsx").write_bytes(b"")
    (folder / "text.xls").write_text("a,b\n1,2\n")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}
    code, out, err = invoke("check", "--format", "json", str(folder))
    assert code == 2
    doc = json.loads(out)
    assert doc["summary"]["centers"] == 2 and doc["summary"]["errors"] == 3
    lines = err.strip().splitlines()
    assert lines == [
        f"错误: {folder / 'broken.xlsx'}: 文件已损坏（不是完整的 xlsx 压缩包）",
        f"错误: {folder / 'empty.xlsx'}: 空文件，不是电子表格文件",
        f"错误: {folder / 'text.xls'}: 不是电子表格文件（应为 .xlsx/.xlsm/.xls/.ods）",
    ]
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}
    assert after == before  # no input file is ever modified


def test_missing_path_and_no_workbooks(tmp_path: Path) -> None:
    code, _, err = invoke("check", str(tmp_path / "nope.xlsx"))
    assert code == 2 and "找不到文件或目录" in err
    (tmp_path / "empty").mkdir()
    code, _, err = invoke("check", str(tmp_path / "empty"))
    assert code == 2 and "没有找到工作簿" in err


def test_invalid_standard_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(STANDARD_2018.read_text("utf-8").replace("points: 12", "points: 13"), "utf-8")
    path = write_workbook(tmp_path / "a.xlsx", full_center())
    code, out, err = invoke("check", "--standard", str(bad), str(path))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "标准无效" in err and "各条分值之和为 21" in err


def test_year_option_and_usage_errors(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", full_center(year=2019))
    code, out, _ = invoke("check", "--format", "json", "--year", "2018", str(path))
    doc = json.loads(out)
    assert code == 0
    assert doc["year"] == 2018
    assert "检查年度为2019，按 --year 2018 检查" in doc["centers"][0]["warnings"]
    assert doc["centers"][0]["score"] < 100
    assert invoke("check", "--year", "abc", str(path))[0] == 2
    assert invoke("check", "--format", "xml", str(path))[0] == 2
    assert invoke("check")[0] == 2


def test_duplicate_center_ids_warned(tmp_path: Path) -> None:
    write_workbook(tmp_path / "a.xlsx", full_center())
    write_workbook(tmp_path / "b.xlsx", full_center())
    code, _, err = invoke("check", "--quiet", str(tmp_path))
    assert code == 0
    assert f"警告: 中心编号“T-01”重复：{tmp_path / 'a.xlsx'} 与 {tmp_path / 'b.xlsx'}" in err


def test_standard_commands() -> None:
    code, out, _ = invoke("standard", "schema")
    assert code == 0 and json.loads(out)["$schema"].endswith("2020-12/schema")
    code, out, _ = invoke("standard", "show", str(STANDARD_2018))
    assert code == 0 and '1.1 外观标识"六统一" [12分]' in out and "V.2 未配备专职工作人员 [一票否决]" in out
    code, out, _ = invoke("standard", "lint", str(STANDARD_2018))
    assert code == 0 and "有效" in out
    assert invoke("--version")[1].startswith("audit 版本 ")


def test_python_dash_m(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", full_center())
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--format", "json", str(path)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout.decode("utf-8"))["centers"][0]["score"] == 100.0


def test_help_and_usage_errors_in_chinese() -> None:
    from auditor.output.wording import text_width

    code, out, _ = invoke("--help")
    assert code == 0
    assert out.startswith("用法: audit [选项] 命令 [参数]...")
    assert "显示本帮助后退出。" in out and "显示版本后退出。" in out
    assert "选项:" in out and "命令:" in out
    # every command's description whole (click cuts them at 80 columns with "...")
    assert "report    年终验收报告：每个中心一份工作簿，汇总、排名和通报，可选网页" in out
    assert "..." not in out.replace("[参数]...", "")
    for command in ("check", "report", "template", "standard"):
        code, text, _ = invoke(command, "--help")
        assert code == 0 and text.startswith(f"用法: audit {command} [选项]"), command
        assert all(text_width(line) <= 100 for line in text.splitlines()), command
        assert "Show this message" not in text and "Usage:" not in text and "Options:" not in text
    code, _, err = invoke("check")
    assert code == 2 and "错误: 缺少参数 '路径...'" in err and "运行 'audit check --help' 查看帮助。" in err
    code, _, err = invoke("check", "--nope", "x")
    assert code == 2 and "错误: 没有选项 '--nope'。" in err
    code, _, err = invoke("check", "--year", "abc", "x")
    assert code == 2 and "'abc' 不是有效的整数" in err
    code, _, err = invoke("nope")
    assert code == 2 and "没有命令 'nope'" in err
    assert "Error" not in err and "Usage" not in err


def test_report_lines_escape_names(tmp_path: Path) -> None:
    sheets = full_center()
    set_field(sheets, "中心名称", "第一行\n第二行\u202e中心")
    path = write_workbook(tmp_path / "a.xlsx", sheets)
    code, out, _ = invoke("report", str(path), "-o", str(tmp_path / "out"))
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("T-01 第一行 第二行中心 100.0 优秀 → ")  # one line: the line break is a space

"""Bad standards (issue #17): a standard that is too large, an alias bomb, deep nesting, a NUL byte, a
5,000-digit number, .nan, a key that is a list, a FIFO or a device: each one line naming the file and, where
there is one, the line — never an internal error, never minutes or gigabytes. (A file that is not UTF-8 is
tests/test_loader.py's.)"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.standard.yaml_guard import MAX_DEPTH, MAX_NODES
from tests.builders import ROOT, STANDARD_2018

GOOD = ROOT / "samples" / "2018" / "GM-01-醴泉街道党群服务中心.xlsx"
TEXT = STANDARD_2018.read_text("utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def bomb() -> str:
    """Nine levels of nine aliases: 9^10 strings once expanded (18 KB of YAML asking for gigabytes)."""
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(9)]
    return "\n".join(levels) + "\n"


CASES: dict[str, tuple[str | bytes, int | None, str]] = {
    # case: (the file's text or bytes, the line named, the message); an alias bomb is named at the first anchor
    # whose expansion is past the bound
    "alias bomb": (bomb(), 6, f"别名展开后内容过多（超过 {MAX_NODES} 项），疑似 YAML 炸弹，已拒绝"),
    "an anchor inside itself": ("a: &a [1, *a]\n", 1, "别名引用了包含它自己的内容（循环引用），已拒绝"),
    "900 levels": ("x: " + "[" * 900 + "]" * 900 + "\n", 1, f"嵌套过深（超过 {MAX_DEPTH} 层），已拒绝"),
    "deep through aliases": (
        "a: &a [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [[[[[[[[[[[[[[[[[[[[*{chr(97 + i)}]]]]]]]]]]]]]]]]]]]]\n"
            for i in range(4)
        ),
        4,
        f"别名展开后嵌套过深（超过 {MAX_DEPTH} 层），已拒绝",
    ),
    "a NUL byte": (
        TEXT.replace("issuer:", "issuer\0:", 1),
        line_of(TEXT, "issuer:"),
        "含有 YAML 不允许的字符 U+0000（控制字符等），请删除",
    ),
    "an escape character": (
        TEXT.replace("issuer:", "issuer\x1b:", 1),
        line_of(TEXT, "issuer:"),
        "含有 YAML 不允许的字符 U+001B（控制字符等），请删除",
    ),
    "a 5,000-digit number": (
        TEXT.replace("total: 100", "total: " + "1" * 5000, 1),
        line_of(TEXT, "total: 100"),
        "数字过长（5000 个字符），不是标准中的数",
    ),
    "a huge number": (
        TEXT.replace("total: 100", "total: 1.0e+300", 1),
        line_of(TEXT, "total: 100"),
        "数字过大：1.0e+300",
    ),
    "nan": (TEXT.replace("total: 100", "total: .nan", 1), line_of(TEXT, "total: 100"), "不是有限的数：.nan"),
    "infinity": (
        TEXT.replace("total: 100", "total: -.inf", 1),
        line_of(TEXT, "total: 100"),
        "不是有限的数：-.inf",
    ),
    "a list as a key": ("? [1, 2]\n: 3\n", 1, "键必须是文字或数字，不能是列表或映射"),
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_standard_is_one_line_at_its_line(case: str, tmp_path: Path) -> None:
    content, line, message = CASES[case]
    path = tmp_path / "bad.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    where = f"{path}:{line}" if line else str(path)
    start = time.perf_counter()
    code, stdout, err = run("check", "--standard", str(path), str(GOOD))
    assert time.perf_counter() - start < 10
    assert code == 2 and stdout == ""
    assert err.splitlines() == [f"错误: {where}: {message}"]
    code, stdout, err = run("standard", "lint", str(path))
    assert code == 2 and f"{where}: {message}" in stdout + err


def test_a_standard_larger_than_5_mb_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_bytes(b"x: [" + b"1," * 3_000_000 + b"1]\n")  # PyYAML took minutes and ran out of memory
    start = time.perf_counter()
    code, _, err = run("check", "--standard", str(path), str(GOOD))
    assert time.perf_counter() - start < 5
    assert code == 2 and err.splitlines() == [f"错误: {path}: 文件过大（超过 5 MB），不像是一个标准，已拒绝"]


def test_a_long_flow_list_within_the_limit_stops_early(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_bytes(b"x: [" + b"1," * 2_400_000 + b"1]\n")  # just under 5 MB
    start = time.perf_counter()
    code, _, err = run("check", "--standard", str(path), str(GOOD))
    assert time.perf_counter() - start < 15
    assert code == 2 and err.splitlines() == [f"错误: {path}:1: 内容过多，已拒绝"]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_standard_that_is_no_regular_file_is_refused(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "pipe.yaml"
    if kind == "fifo":
        os.mkfifo(path)  # opening it would wait for a writer
    else:
        path = Path("/dev/zero")  # reading it would never end
    code, _, err = run("check", "--standard", str(path), str(GOOD))
    assert code == 2 and err.splitlines() == [f"错误: {path}: 不是普通文件（设备、管道或套接字），无法读取"]

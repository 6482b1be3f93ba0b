"""The terminal: one console (the progress bar never mixes with a result), findings wrapped at 80 columns
with their location on their first line, and text from a workbook shown as typed, never as markup or
control sequences."""

from __future__ import annotations

import io
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from auditor.cli import cli
from auditor.engine import audit_file
from auditor.output.terminal import center_view
from auditor.output.wording import text_width
from auditor.standard.loader import load_standard
from tests.builders import ROOT, STANDARD_2018, drop_rows, full_center, set_field, write_workbook

SAMPLES = ROOT / "samples"
NAMES = [p.stem.split("-", 2)[2] for p in sorted((SAMPLES / "2018").glob("*.xlsx"))]
CSI = re.compile(r"\x1b\[([?0-9;]*)([A-Za-z])")
OSC = re.compile(r"\x1b\][^\x07\x1b]*(\x07|\x1b\\)")


def emulate(raw: str, columns: int) -> list[str]:
    """The lines a terminal `columns` wide shows for `raw` (carriage returns, erased lines, cursor moves
    up), scrollback included: enough of a VT100 for what rich writes."""
    lines: list[list[str]] = [[]]
    row = col = 0
    i = 0
    raw = OSC.sub("", raw)
    while i < len(raw):
        ch = raw[i]
        if ch == "\x1b":
            found = CSI.match(raw, i)
            if found:
                args, final = found.groups()
                n = int(args) if args.isdigit() else 1
                if final == "A":
                    row = max(0, row - n)
                elif final == "B":
                    row += n
                elif final == "K":
                    lines[row][col:] = []
                    if args == "2":
                        lines[row] = []
                elif final == "G":
                    col = n - 1
                i = found.end()
                continue
        elif ch == "\r":
            col = 0
        elif ch == "\n":
            row += 1
        elif ch >= " ":
            width = text_width(ch)
            if col + width > columns:
                row, col = row + 1, 0
            while len(lines) <= row:
                lines.append([])
            line = lines[row]
            line.extend([" "] * (col + width - len(line)))
            line[col : col + width] = [ch] + [""] * (width - 1)
            col += width
        while len(lines) <= row:
            lines.append([])
        i += 1
    return ["".join(line).rstrip() for line in lines]


def run_in_pty(args: list[str], columns: int = 80) -> str:
    """Run `audit <args>` on a pseudo-terminal `columns` wide; everything it wrote."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "24", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", *args], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_progress_bar_never_mixes_with_a_result() -> None:
    raw = run_in_pty(["check", "--jobs", "1", "samples/"])
    assert "检查中" in raw  # the bar was drawn on this terminal
    screen = emulate(raw, 80)
    assert sum(1 for line in screen if any(name in line for name in NAMES)) >= 30
    for line in screen:
        assert not ("检查中" in line and any(name in line for name in NAMES)), line
        assert text_width(line) <= 80, line
    for raw_line in raw.replace("\r\n", "\n").split("\n"):  # nor in the stream as written
        shown = CSI.sub("", raw_line).split("\r")[-1]
        assert not ("检查中" in shown and any(name in shown for name in NAMES)), shown
    assert any(line.startswith("共 15 个中心") for line in screen)


def test_findings_wrap_at_80_columns_with_their_location_on_the_first_line(tmp_path: Path) -> None:
    std = load_standard(STANDARD_2018)
    sheets = full_center()
    drop_rows(sheets, "人员岗位", lambda r: True)  # every post missing: long findings
    drop_rows(sheets, "值班记录", lambda r: r[0].month in (3, 4, 5) if hasattr(r[0], "month") else False)
    result = audit_file(std, write_workbook(tmp_path / "a.xlsx", sheets))
    buffer = io.StringIO()
    center_view(Console(file=buffer, width=80, color_system=None), std, result)
    lines = buffer.getvalue().splitlines()
    assert all(text_width(line) <= 80 for line in lines), max(lines, key=text_width)
    duty = next(i for i, line in enumerate(lines) if "个工作日中有" in line)
    assert (
        lines[duty].lstrip().startswith("· 250个工作日中有") and "值班记录!" in lines[duty]
    )  # location on line 1
    text = "".join(line.strip() for line in lines[duty : duty + 6])
    assert "无值班人记录" in text and "等" in text  # wrapped, not cut
    assert "…" not in lines[duty]


def test_text_from_a_workbook_is_never_markup_or_a_control_sequence(tmp_path: Path) -> None:
    sheets = full_center()
    set_field(sheets, "中心名称", "[/red][bold]红[/bold][link=http://evil.example]点我[/link]\u202e\t中心")
    set_field(sheets, "所属镇街", "第一行\n第二行")
    path = write_workbook(tmp_path / "[link=x].xlsx", sheets)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "[/red][bold]红[/bold][link=http://evil.example]点我[/link]" in out  # as typed
    assert "\x1b" not in out and "\u202e" not in out and "\t" not in out
    assert "第一行 第二行" in out and "[link=x].xlsx" in out


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_markup_never_becomes_a_hyperlink_on_a_terminal(tmp_path: Path) -> None:
    sheets = full_center()
    set_field(sheets, "中心名称", "[link=http://evil.example]点我[/link]中心")
    path = write_workbook(tmp_path / "a.xlsx", sheets)
    raw = run_in_pty(["check", str(path)])
    assert "\x1b]8;" not in raw  # no OSC 8 hyperlink
    assert "[link=http://evil.example]点我[/link]中心" in "\n".join(emulate(raw, 80))

"""Reading a decisions file (复核登记表) into raw rows: an .xlsx with a header row, or a YAML list.

The column labels are the engine's own vocabulary of this file format, except the center column, which
is named as the standard names its center id (``center.id``), and the
clause column, named as the standard's self-assessment names its clause column when it has one. Each
column is also accepted under its YAML key (``center``, ``clause``, ...), and a YAML decision's keys may be
the column labels too (``决定: 豁免``). Rows are not judged here; only
where each value was written (the row of the sheet, the line of the YAML) is kept for the messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import AuditError, shown
from auditor.standard.model import Standard
from auditor.workbook.values import is_blank, normalize_label

# The keys of a decision, in the order of the sheet's columns.
KEYS = ("center", "clause", "decision", "points", "reason", "approver", "date", "expires")
# The engine's labels of the columns (the center's and the clause's come from the standard, see labels()).
LABELS = {
    "decision": "决定",
    "points": "改判得分",
    "reason": "理由",
    "approver": "批准人",
    "date": "批准日期",
    "expires": "有效期至",
}
CLAUSE_LABEL = "条款"  # the generic word, when the standard's self-assessment names no clause column
SHEET_TITLE = "复核登记表"
MAX_ROWS = 100_000


@dataclass(frozen=True)
class RawRow:
    """One decision as written: values by key, and where it is (``复核登记表.xlsx 第3行``)."""

    values: dict[str, object]
    where: str
    lines: dict[str, str]  # key -> where that value is (a YAML key's own line), when it differs


def labels(standard: Standard) -> dict[str, str]:
    """The column label of every key, for this standard."""
    clause = standard.self_assessment.clause if standard.self_assessment else CLAUSE_LABEL
    return {"center": standard.center.id, "clause": clause, **LABELS}


def read_rows(path: Path, standard: Standard) -> list[RawRow]:
    """The rows of a decisions file (.xlsx/.xlsm or .yaml/.yml); AuditError naming the file otherwise."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _yaml_rows(path, standard)
    if suffix in (".xlsx", ".xlsm"):
        return _sheet_rows(path, standard)
    raise AuditError("复核决定文件应为 .xlsx 或 .yaml", shown(path))


def _wanted(standard: Standard) -> dict[str, str]:
    """The key of every way a column may be named (normalised, case-folded): its label and its YAML key."""
    wanted = {normalize_label(label).casefold(): key for key, label in labels(standard).items()}
    wanted.update({key: key for key in KEYS})
    wanted.setdefault(CLAUSE_LABEL, "clause")
    return wanted


def _key(name: object, wanted: dict[str, str]) -> str | None:
    """The decision key a column label or YAML key names (``决定*`` = ``decision``), or None."""
    if not isinstance(name, str) or is_blank(name):
        return None
    return wanted.get(normalize_label(name).rstrip("*＊").casefold())


def _yaml_rows(path: Path, standard: Standard) -> list[RawRow]:
    from auditor.standard.yaml_lines import parse_yaml

    name = shown(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise AuditError("找不到文件", name) from None
    except IsADirectoryError:
        raise AuditError("这是一个目录，应为 .yaml 文件", name) from None
    except OSError as exc:
        raise AuditError(f"无法读取：{exc.strerror}", name) from None
    except UnicodeDecodeError:
        raise AuditError("不是 UTF-8 编码的文本", name) from None
    data, lines = parse_yaml(text, name)
    text_lines = text.splitlines()
    items = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise AuditError("应有“decisions:”，其下每项一个复核决定", name)
    rows: list[RawRow] = []
    file = path.name
    wanted = _wanted(standard)
    for i, item in enumerate(items):
        line = lines.get(("decisions", i), 0)
        if not isinstance(item, dict):
            raise AuditError(
                "每项应为一个复核决定（center、clause、decision、reason、approver、date…）",
                f"{name} 第{line}行",
            )
        keys: dict[str, str] = {}  # decision key -> the key as written
        for written in item:
            key = _key(written, wanted)
            if key is None or not isinstance(written, str):
                known = "、".join(f"{k}（{label}）" for k, label in labels(standard).items())
                raise AuditError(f"未知的键“{written}”（可用：{known}）", f"{name} 第{line}行")
            if key in keys:
                raise AuditError(f"“{keys[key]}”与“{written}”是同一项，只能写一次", f"{name} 第{line}行")
            keys[key] = written
        where = {k: f"{file} 第{lines.get(('decisions', i, w), line)}行" for k, w in keys.items()}
        values = {k: item[w] for k, w in keys.items()}
        for key in (
            "center",
            "clause",
        ):  # as typed: YAML reads clause: 2.10 as the number 2.1, center: 007 as 7
            value = values.get(key)
            if key in keys and isinstance(value, int | float) and not isinstance(value, bool):
                written = keys[key]
                values[key] = _as_typed(text_lines, lines.get(("decisions", i, written)), written, value)
        rows.append(RawRow(values, f"{file} 第{line}行", where))
    return rows


def _as_typed(text_lines: list[str], line: int | None, key: str, value: object) -> object:
    """A number's text as written on its line (``2.10``, ``007``), else the number."""
    if not line or line > len(text_lines):
        return value
    found = re.search(rf"(?:^|[\s{{,-]){re.escape(key)}\s*:\s*([^\s,}}#]+)", text_lines[line - 1])
    return found.group(1) if found else value


def _header(row: Sequence[object], wanted: dict[str, str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for c, raw in enumerate(row):
        key = _key(raw, wanted)
        if key is not None:
            columns.setdefault(key, c)
    return columns


def _sheet_rows(path: Path, standard: Standard) -> list[RawRow]:
    from auditor.workbook.reader import open_workbook

    names = labels(standard)
    wanted = _wanted(standard)
    workbook = open_workbook(path)  # the container's limits: size, zip bombs, encrypted files
    try:
        for sheet_name in workbook.sheet_names:
            rows: list[list[object]] = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            for r, row in enumerate(rows[:20]):
                columns = _header(row, wanted)
                if "center" in columns and "clause" in columns and "decision" in columns:
                    return _table(rows, r, columns, path.name, standard)
    finally:
        workbook.close()
    need = "、".join(f"“{names[k]}”" for k in ("center", "clause", "decision"))
    raise AuditError(f"找不到表头（应有{need}等列：{'、'.join(names.values())}）", shown(path))


def _table(
    rows: list[list[object]], header: int, columns: dict[str, int], file: str, standard: Standard
) -> list[RawRow]:
    """The decisions under the header, read as a clerk's ledger is: a 填表人/审核人 line or a note ends the
    table, a 合计 or section row is not a decision (the standard's row vocabulary, else the engine's)."""
    from auditor.workbook.ledger import DEFAULT_WORDS, classify

    words = standard.row_words or DEFAULT_WORDS
    order = sorted(columns.values())
    out: list[RawRow] = []
    for r in range(header + 1, min(len(rows), header + 1 + MAX_ROWS)):
        row = rows[r]
        values = {key: row[c] for key, c in columns.items() if c < len(row) and not is_blank(row[c])}
        if not values:
            continue
        kind = classify([row[c] for c in order if c < len(row) and not is_blank(row[c])], False, words)
        if kind is not None and kind[0] == "footer":
            break
        if kind is None:
            out.append(RawRow(values, f"{file} 第{r + 1}行", {}))
    return out

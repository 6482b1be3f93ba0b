"""The editing guide's tables of check types, generated from the check modules themselves.

``standards/README.md`` shows, between the two markers below, what every registered check type
checks (the first line of its module's docstring), the example YAML of that docstring, and
every parameter of its ``SCHEMA`` with its description and default. Nothing there is written by
hand: after adding or changing a check type, run ``python -m auditor.standard.guide`` to rewrite
the block (``tests/test_editing_guide.py`` fails while it is stale).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from auditor.checks import REGISTRY, CheckClass

BEGIN = "<!-- 检查方式表：由 python -m auditor.standard.guide 依据 auditor/checks/ 各模块生成，请勿手改 -->"
END = "<!-- 检查方式表结束 -->"
README = Path(__file__).resolve().parent.parent.parent / "standards" / "README.md"

_YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)


def module_doc(cls: CheckClass) -> str:
    """The docstring of the module defining a check type."""
    return sys.modules[cls.__module__].__doc__ or ""


def summary(cls: CheckClass) -> str:
    """What the check type checks: its module docstring's first line, less a leading "`type`: "."""
    lines = module_doc(cls).strip().splitlines()
    first = lines[0].strip() if lines else ""
    prefix = f"`{cls.TYPE}`: "
    return first[len(prefix) :] if first.startswith(prefix) else first


def example(cls: CheckClass) -> dict[str, Any]:
    """The ``check:`` mapping of the ```yaml block in the check module's docstring."""
    import yaml

    match = _YAML_BLOCK.search(module_doc(cls))
    if match is None:
        raise ValueError(f"{cls.__module__}: the docstring has no ```yaml block")
    data = yaml.safe_load(match.group(1))
    check = data.get("check") if isinstance(data, dict) else None
    if not isinstance(check, dict):
        raise ValueError(f"{cls.__module__}: the docstring's YAML has no check: mapping")
    return check


_PLAIN = re.compile(r"[\w()（）.\-]+")


def _flow(value: Any) -> str:
    """A value as one line of flow YAML, the way the standards write it inline (``op: ">="``)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, str):
        return value if _plain(value) else json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)  # numbers, true/false, null


def _plain(text: str) -> bool:
    """Whether a string reads back as itself unquoted (not a number, yes/no, null, or punctuation)."""
    import yaml

    return bool(_PLAIN.fullmatch(text)) and yaml.safe_load(f"[{text}]") == [text]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def check_types_table() -> str:
    """One row per registered check type: the type, what it checks, its example."""
    rows = ["| type | 检查什么（模块说明的第一行） | 例（模块说明中的 YAML） |", "|---|---|---|"]
    for name, cls in REGISTRY.items():
        rows.append(f"| `{name}` | {_cell(summary(cls))} | `{_cell(_flow(example(cls)))}` |")
    return "\n".join(rows)


def parameters_table() -> str:
    """One row per parameter of every check type: required or not, its default, its description."""
    rows = ["| type | 参数 | 必填 | 缺省 | 说明 |", "|---|---|---|---|---|"]
    for name, cls in REGISTRY.items():
        required = set(cls.SCHEMA.get("required", ()))
        first = True
        for param, spec in cls.SCHEMA.get("properties", {}).items():
            if param == "type":
                continue
            default = spec.get("default")
            shown = (
                ""
                if default is None
                else f"`{_cell(default if isinstance(default, str) else _flow(default))}`"
            )
            rows.append(
                f"| {f'`{name}`' if first else ''} | `{param}` | {'是' if param in required else ''} "
                f"| {shown} | {_cell(str(spec.get('description', '')))} |"
            )
            first = False
    return "\n".join(rows)


def generated_block() -> str:
    """The block between the markers, markers included."""
    return "\n\n".join([BEGIN, check_types_table(), "各检查的参数：", parameters_table(), END])


def update(text: str) -> str:
    """The guide's text with its generated block replaced by the current one."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the guide has no block between {BEGIN!r} and {END!r}")
    return text[:start] + generated_block() + text[end + len(END) :]


def main() -> None:
    """Rewrite the block in standards/README.md (or the file given) from the check modules."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else README
    text = path.read_text(encoding="utf-8")
    new = update(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    print(f"{path}: {'已更新' if new != text else '已是最新'}")


if __name__ == "__main__":
    main()

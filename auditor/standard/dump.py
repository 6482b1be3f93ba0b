"""A standard's data written back as YAML: what ``audit standard show --resolved`` prints for an overlay.

Written the way the shipped standard is: short mappings and lists of plain values on one line
(``{name: 优秀, min: 92}``), list items indented under their key, ids that look like numbers quoted
(``"1.3"``), keys in the order of the file. Reading the output back gives the same standard.
"""

from __future__ import annotations

from typing import Any

import yaml

FLOW_WIDTH = 100  # a mapping or list of plain values shorter than this is written on one line


def _plain(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _one_line(data: Any) -> bool:
    if isinstance(data, dict):
        small = all(_plain(v) or (isinstance(v, list) and all(map(_plain, v))) for v in data.values())
    else:
        small = all(map(_plain, data))
    if not small:
        return False
    text = yaml.dump(data, Dumper=yaml.SafeDumper, default_flow_style=True, allow_unicode=True, width=10**6)
    return len(text.strip()) <= FLOW_WIDTH


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # list items indented under their key

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        return '"' if style == "'" else style  # "1.3", as the standards are written


def _mapping(dumper: yaml.SafeDumper, data: dict[Any, Any]) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=_one_line(data))


def _sequence(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=_one_line(data))


_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(list, _sequence)


def _words_as_keys(data: dict[str, Any]) -> dict[str, Any]:
    """YAML 1.1 reads a bare ``yes:``/``no:`` key as a boolean: written back as the words they were."""
    vocabulary = data.get("vocabulary")
    if isinstance(vocabulary, dict):
        data = {
            **data,
            "vocabulary": {{True: "yes", False: "no"}.get(k, k): v for k, v in vocabulary.items()},
        }
    return data


def standard_yaml(data: dict[str, Any], header: str = "") -> str:
    """The data as YAML text, after a comment ``header`` (one line per line of it)."""
    body = yaml.dump(
        _words_as_keys(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=FLOW_WIDTH + 20
    )
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    return comment + body

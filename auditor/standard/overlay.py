"""Overlays: a standard that ``extends:`` another and changes it, resolved into a whole standard.

A district's standard states only what it changes::

    extends: dqfwzx-2018.yaml            # the base, relative to this file (itself possibly an overlay)
    id: gaomi-dqfwzx-2018-mishui         # top-level keys replace the base's (grades, title, layout, ...)
    override:                            # clauses by id, merged key by key: mappings merge, other
      "1.3": {check: {value: 10}}        # values replace, null deletes a key
    remove: ["2.9"]                      # clauses by id
    add:                                 # whole clauses, appended to a part
      - {part: "4", clause: {id: "4.6", title: ..., points: 2, check: {...}}}
    parts: {"4": {points: 17}}           # a part's points or title

:func:`resolve` reads the file and, for an overlay, its chain of bases (a cycle is an error) and
applies the changes in that order: override, remove, add, parts. It keeps the origin of every
path of the result, ``(file, line)``, so that lint reports a problem of the resolved standard at
the overlay's line that caused it, or at the base's line when it comes from the base. A part whose
points no longer add up, or a total, is placed at the overlay's first change of points in it. The
overlay's ``tests:`` are its own: a base's tests are not inherited.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.standard.problems import Problem, ProblemError
from auditor.standard.suggest import did_you_mean
from auditor.standard.validate import schema_problems
from auditor.standard.yaml_lines import Origin, YamlPath, format_path, locate, read_yaml

OVERLAY_KEYS = ("extends", "override", "remove", "add", "parts")
Origins = dict[YamlPath, Origin]


def read_text(path: Path) -> str:
    """The standard file's text (UTF-8, a byte order mark allowed); a :class:`ProblemError` when unreadable."""

    def unreadable(message: str) -> ProblemError:
        return ProblemError(Problem(str(path), None, "", message))

    try:
        from auditor.standard.yaml_guard import decode, read_bounded  # a regular file of 5 MB at most

        return decode(read_bounded(path), str(path))
    except FileNotFoundError:
        raise unreadable("找不到标准文件") from None
    except IsADirectoryError:
        raise unreadable("这是一个目录，不是标准文件") from None
    except UnicodeDecodeError:
        raise unreadable("不是 UTF-8 编码的文本") from None
    except OSError as exc:
        raise unreadable(f"无法读取：{exc.strerror}") from None


@dataclass
class Resolved:
    """A standard file read and, for an overlay, resolved. ``data`` is None when it could not be made
    (unreadable, a syntax error, a cycle, a missing base, an overlay of the wrong shape). ``bases`` are
    the other files of the chain with their texts (what the cache must check)."""

    data: Any
    lines: Origins
    problems: list[Problem] = field(default_factory=list)
    files: list[tuple[Path, str]] = field(default_factory=list)  # the chain, this file first, with the texts
    overlay: bool = False

    @property
    def bases(self) -> list[tuple[Path, str]]:
        return self.files[1:]


def _sub(origins: Mapping[YamlPath, Origin], prefix: YamlPath) -> Origins:
    """The origins under ``prefix``, relative to it."""
    n = len(prefix)
    return {p[n:]: o for p, o in origins.items() if p[:n] == prefix}


def _put(origins: Origins, prefix: YamlPath, relative: Mapping[YamlPath, Origin]) -> None:
    for p, o in relative.items():
        origins[(*prefix, *p)] = o


def _drop(origins: Origins, prefix: YamlPath) -> None:
    n = len(prefix)
    for p in [p for p in origins if p[:n] == prefix]:
        del origins[p]


@dataclass
class _Clause:
    raw: dict[str, Any]
    origins: Origins  # relative to the clause


@dataclass
class _Part:
    raw: dict[str, Any]  # without its clauses
    origins: Origins  # relative to the part
    clauses: list[_Clause]
    blame: Origin | None = None  # the overlay's first change of points in this part


class _Overlay:
    """Applying one overlay file to its resolved base."""

    def __init__(self, file: str, data: Mapping[str, Any], lines: Origins, base: Resolved) -> None:
        self.file, self.data, self.lines = file, data, lines
        self.problems: list[Problem] = []
        self.result: dict[str, Any] = copy.deepcopy(base.data)
        self.origins: Origins = dict(base.lines)
        self.first_points: Origin | None = None

    def problem(self, path: YamlPath, message: str) -> None:
        self.problems.append(_at(self.file, self.lines, path, message))

    def origin(self, path: YamlPath) -> Origin:
        return self.lines.get(path) or (self.file, 1)

    def apply(self) -> None:
        for key, value in self.data.items():
            if key not in OVERLAY_KEYS:
                self.result[key] = copy.deepcopy(value)
                _drop(self.origins, (key,))
                _put(self.origins, (key,), _sub(self.lines, (key,)))
        if "tests" not in self.data:  # a base's tests are its own: their workbooks and results are not ours
            self.result.pop("tests", None)
            _drop(self.origins, ("tests",))
        parts = self._parts()
        if parts is None:
            return
        index = {c.raw.get("id"): (part, c) for part in parts for c in part.clauses}
        removed = {str(x) for x in self.data.get("remove", [])}
        for cid, patch in self.data.get("override", {}).items():
            self._override(str(cid), patch, index, removed)
        for i, cid in enumerate(self.data.get("remove", [])):
            self._remove(i, str(cid), index)
        by_id = {str(part.raw.get("id")): part for part in parts}
        for i, entry in enumerate(self.data.get("add", [])):
            self._add(i, entry, by_id)
        for pid, patch in self.data.get("parts", {}).items():
            self._part(str(pid), patch, by_id)
        self._assemble(parts)

    # ------------------------------------------------------------ the base's parts, taken apart

    def _parts(self) -> list[_Part] | None:
        raw_parts = self.result.get("parts")
        if not isinstance(raw_parts, list) or not all(
            isinstance(p, dict) and isinstance(p.get("clauses"), list) for p in raw_parts
        ):
            return None  # a base of the wrong shape: its own problems say so
        parts = []
        for p, raw in enumerate(raw_parts):
            origins = _sub(self.origins, ("parts", p))
            clauses = [
                _Clause(c, _sub(origins, ("clauses", k)))
                for k, c in enumerate(raw["clauses"])
                if isinstance(c, dict)
            ]
            own = {k: v for k, v in raw.items() if k != "clauses"}
            kept = {rel: o for rel, o in origins.items() if rel[:1] != ("clauses",) or len(rel) == 1}
            parts.append(_Part(own, kept, clauses))
        return parts

    def _assemble(self, parts: list[_Part]) -> None:
        _drop(self.origins, ("parts",))
        self.origins[("parts",)] = (
            self.lines.get(("parts",)) or self.origins.get(("parts",)) or (self.file, 1)
        )
        self.result["parts"] = []
        for p, part in enumerate(parts):
            if (
                part.blame is not None
                and "points" in part.raw
                and ("points",) not in self._own_part_changes(part)
            ):
                part.origins[("points",)] = part.blame
            self.result["parts"].append({**part.raw, "clauses": [c.raw for c in part.clauses]})
            _put(self.origins, ("parts", p), part.origins)
            for k, clause in enumerate(part.clauses):
                _put(self.origins, ("parts", p, "clauses", k), clause.origins)
        if self.first_points is not None and "total" not in self.data:
            self.origins[("total",)] = self.first_points

    def _own_part_changes(self, part: _Part) -> set[YamlPath]:
        patch = self.data.get("parts", {}).get(str(part.raw.get("id")), {})
        return {(k,) for k in patch} if isinstance(patch, dict) else set()

    def _changes_points(self, part: _Part, where: YamlPath) -> None:
        origin = self.origin(where)
        part.blame = part.blame or origin
        self.first_points = self.first_points or origin

    # ------------------------------------------------------------ the changes

    def _override(
        self, cid: str, patch: Any, index: Mapping[Any, tuple[_Part, _Clause]], removed: set[str]
    ) -> None:
        where: YamlPath = ("override", cid)
        if cid not in index:
            self.problem(where, f"基础标准中没有条款“{cid}”{did_you_mean(cid, map(str, index))}")
            return
        if cid in removed:
            self.problem(where, f"条款“{cid}”同时在 remove 中删除，不能再修改")
            return
        if not isinstance(patch, dict):
            self.problem(where, f"条款“{cid}”的修改应为映射：只写要改的键，如 check: {{value: 10}}")
            return
        if "id" in patch and str(patch["id"]) != cid:
            self.problem(
                (*where, "id"),
                f'不能在 override 中改编号：请 remove “{cid}”后用 add 加入新条款，并写 replaces: ["{cid}"]',
            )
            return
        part, clause = index[cid]
        old_type = (
            clause.raw.get("check", {}).get("type") if isinstance(clause.raw.get("check"), dict) else None
        )
        self._merge(clause.raw, patch, (), where, clause.origins)
        if {"points", "cap", "kind"} & set(patch):
            self._changes_points(part, (*where, next(k for k in ("points", "kind", "cap") if k in patch)))
        self._stale_params(clause, old_type, (*where, "check"))

    def _merge(
        self, target: dict[str, Any], patch: Mapping[str, Any], at: YamlPath, src: YamlPath, origins: Origins
    ) -> None:
        """Merge ``patch`` (at ``src`` in the overlay) into ``target`` (at ``at`` in the clause)."""
        for key, value in patch.items():
            here, there = (*at, key), (*src, key)
            old = target.get(key)
            if value is None:  # null deletes the key
                target.pop(key, None)
                _drop(origins, here)
            elif isinstance(value, dict) and isinstance(old, dict):
                origins[here] = self.origin(there)
                self._merge(old, value, here, there, origins)
            elif isinstance(value, dict) and old is not None:
                self.problem(there, f"“{key}”在基础标准中是 {old!r}，不能与映射合并（直接写新值）")
            elif isinstance(old, dict):
                self.problem(
                    there,
                    f"“{key}”在基础标准中是映射，不能整个换成 {value!r}：只写要改的键，如 {key}: {{value: …}}",
                )
            else:
                target[key] = copy.deepcopy(value)
                _drop(origins, here)
                _put(origins, here, _sub(self.lines, there))

    def _stale_params(self, clause: _Clause, old_type: Any, where: YamlPath) -> None:
        """A check whose type the overlay changed must not keep the parameters of the old type."""
        from auditor.checks import REGISTRY

        check = clause.raw.get("check")
        new_type = check.get("type") if isinstance(check, dict) else None
        if old_type is None or new_type == old_type or new_type not in REGISTRY:
            return
        assert isinstance(check, dict)
        known = set(REGISTRY[new_type].SCHEMA.get("properties", {}))
        stale = [k for k in check if k not in known]
        if stale:
            self.problem(
                (*where, "type"),
                f"检查类型由 {old_type} 改为 {new_type}，基础条款的参数 {'、'.join(stale)} 不适用于 {new_type}："
                "请在 override 中写 null 删除它们，或 remove 后 add 新条款",
            )
            for key in stale:
                del check[key]

    def _remove(self, i: int, cid: str, index: Mapping[Any, tuple[_Part, _Clause]]) -> None:
        if cid not in index:
            self.problem(("remove", i), f"基础标准中没有条款“{cid}”{did_you_mean(cid, map(str, index))}")
            return
        part, clause = index[cid]
        if clause in part.clauses:
            part.clauses.remove(clause)
            if clause.raw.get("kind", "scored") == "scored":
                self._changes_points(part, ("remove", i))

    def _add(self, i: int, entry: Mapping[str, Any], by_id: Mapping[str, _Part]) -> None:
        pid = str(entry["part"])
        if pid not in by_id:
            self.problem(("add", i, "part"), f"基础标准中没有部分“{pid}”{did_you_mean(pid, by_id)}")
            return
        part = by_id[pid]
        clause = copy.deepcopy(dict(entry["clause"]))
        part.clauses.append(_Clause(clause, _sub(self.lines, ("add", i, "clause"))))
        if clause.get("kind", "scored") == "scored":
            self._changes_points(part, ("add", i))

    def _part(self, pid: str, patch: Mapping[str, Any], by_id: Mapping[str, _Part]) -> None:
        if pid not in by_id:
            self.problem(("parts", pid), f"基础标准中没有部分“{pid}”{did_you_mean(pid, by_id)}")
            return
        part = by_id[pid]
        for key, value in patch.items():
            part.raw[key] = value
            part.origins[(key,)] = self.origin(("parts", pid, key))


def _plain(file: str, lines: Mapping[YamlPath, int]) -> Origins:
    return {p: (file, n) for p, n in lines.items()}


def _at(file: str, lines: Origins, path: YamlPath, message: str) -> Problem:
    return Problem(file, locate(lines, path, file)[1], format_path(path), message)


def resolve(path: Path, text: str | None = None, chain: tuple[Path, ...] = ()) -> Resolved:
    """Read a standard file; an overlay is resolved against its chain of bases (``chain``: the files that
    extend this one, to tell a cycle)."""
    file = str(path)
    try:
        text = read_text(path) if text is None else text
        parsed = read_yaml(text, file)
    except ProblemError as exc:
        return Resolved(None, {}, [exc.problem])
    data, lines = parsed.data, _plain(file, parsed.lines)
    problems = list(parsed.duplicates)
    files = [(path, text)]
    if not isinstance(data, dict) or "extends" not in data:
        return Resolved(data, lines, problems, files)

    def refuse(more: list[Problem]) -> Resolved:
        return Resolved(None, lines, [*problems, *more], files, overlay=True)

    shape = [(p, m) for p, m in schema_problems(data, "overlay") if p[:1] and p[0] in OVERLAY_KEYS]
    if shape:  # the changes cannot be applied: say so first
        return refuse([_at(file, lines, where, message) for where, message in shape])
    base_path = Path(os.path.normpath(path.parent / str(data["extends"])))
    here = path.resolve()
    if base_path.resolve() in (*chain, here):
        names = " → ".join(p.name for p in (*chain, here, base_path.resolve()))
        return refuse([_at(file, lines, ("extends",), f"形成循环：{names}")])
    if not base_path.is_file():
        return refuse([_at(file, lines, ("extends",), f"找不到基础标准“{data['extends']}”（{base_path}）")])
    base = resolve(base_path, None, (*chain, here))
    files += base.files
    if base.data is None:
        return refuse(base.problems)
    if not isinstance(base.data, dict):
        message = f"基础标准“{data['extends']}”不是一个标准（顶层应为映射）"
        return refuse([_at(file, lines, ("extends",), message), *base.problems])
    overlay = _Overlay(file, data, lines, base)
    overlay.apply()
    return Resolved(
        overlay.result, overlay.origins, [*problems, *base.problems, *overlay.problems], files, True
    )

"""“Did you mean”: the nearest declared name for a mistyped sheet, field, column or key (difflib).

:class:`SuggestingContext` is the checks' :class:`BuildContext` that, when a check names a sheet,
field or column the layout does not declare, adds the closest declared one to the problem:
``未声明的工作表“签到薄”（是否要写“签到簿”？）``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from auditor.checks.build import BuildContext, YamlPath
from auditor.standard.model import FieldSpec, SheetSpec

UNIT = re.compile(r"[(（][^)）]*[)）]")  # a unit in brackets, 经费(万元): left out when names are compared
CUTOFF = 0.6


def _likeness(name: str, known: str) -> float:
    """How alike two names are (0..1), a common beginning breaking ties: 4.6 is nearer 4.5 than 2.6."""
    plain = UNIT.sub("", known)
    ratio = max(difflib.SequenceMatcher(None, name, k).ratio() for k in (known, plain))
    prefix = next(
        (i for i, (a, b) in enumerate(zip(name, known, strict=False)) if a != b), min(len(name), len(known))
    )
    return ratio + 0.01 * prefix


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``（是否要写“X”？）`` for the known name closest to ``name``, or ``""`` when none is close."""
    candidates = [k for k in known if k != name]
    scored = sorted(((_likeness(name, k), -i, k) for i, k in enumerate(candidates)), reverse=True)
    close = [k for score, _, k in scored[:1] if score >= CUTOFF]
    if not close:  # a name typed with a word more or less (名称 → 名称全称) is close too
        close = [k for k in candidates if name and k and (name in k or k in name)][:1]
    return f"（是否要写“{close[0]}”？）" if close else ""


class SuggestingContext(BuildContext):
    """A build context whose unknown-name problems carry a suggestion."""

    def _suggest(self, before: int, name: str, known: Sequence[str]) -> None:
        if len(self.problems) > before:
            hint = did_you_mean(name, known)
            if hint:
                path, message = self.problems[before]
                self.problems[before] = (path, message + hint)

    def sheet(self, name: str, kind: str, path: YamlPath) -> SheetSpec | None:
        before = len(self.problems)
        spec = super().sheet(name, kind, path)
        if name not in self.layout:
            self._suggest(before, name, [s.name for s in self.layout.values() if s.kind == kind])
        return spec

    def column(
        self, sheet: SheetSpec | None, name: str, path: YamlPath, types: Sequence[str] | None = None
    ) -> FieldSpec | None:
        before = len(self.problems)
        spec = super().column(sheet, name, path, types)
        if sheet is not None and sheet.field(name) is None:
            self._suggest(before, name, [f.name for f in sheet.fields])
        return spec

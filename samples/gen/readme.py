"""The expected-results block of samples/README.md, rendered from `expected` (the numbers: the shipped
standard's `tests:`; the words: the notes of `expected.py`).

`python samples/make_samples.py` rewrites the text between the two markers; tests/test_samples.py
fails when the README holds anything else there."""

from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Final

from samples.gen.expected import EXPECTED, Expected, Note, half_up

README: Final = Path(__file__).resolve().parent.parent / "README.md"
BEGIN: Final = (
    "<!-- BEGIN expected results: written by samples/make_samples.py from the tests of "
    "standards/dqfwzx-2018.yaml and the notes of samples/gen/expected.py -->"
)
END: Final = "<!-- END expected results -->"


def points(p: Decimal | Fraction) -> str:
    text = f"{Decimal(p.numerator) / Decimal(p.denominator):f}" if isinstance(p, Fraction) else f"{p:f}"
    text = text.lstrip("-")
    return f"−{text}" if p < 0 else f"+{text}" if p > 0 else "0"


def note(n: Note) -> str:
    return f"{n.clause}: {n.text}" + (f" ({points(n.points)})" if n.points else "")


def derived_remarks(e: Expected) -> list[str]:
    """What the rounding, the cap and the veto decide for this center, worked out from its numbers."""
    out = []
    base2 = half_up(e.base_exact, 2)
    early = half_up(Fraction(base2) + e.bonus, 1) if e.final_exact < 100 else e.final
    if early != e.final:
        out.append(
            f"The final comes from the unrounded base {half_up(e.base_exact, 3)}: "
            f"{half_up(e.final_exact, 3)} → {e.final}; rounding the base to {base2} first would give {early}."
        )
    least = next((g.min for g in e.standard.grades if e.final_exact < g.min <= e.final), None)
    if least is not None:
        out.append(
            f"The unrounded final is {half_up(e.final_exact, 2)}, so {e.score_grade} follows the rounded {e.final}."
        )
    if e.base_exact + e.bonus > 100:
        out.append("The final is capped at 100.")
    if e.veto:
        out.append(f"Without the veto the grade would be {e.score_grade}.")
    return out


def row(e: Expected) -> str:
    c = e.center
    grade = f"{e.grade} (veto)" if e.veto else e.grade
    bonus = points(e.bonus)
    defects = "; ".join(note(n) for n in e.notes)
    extra = " ".join([*derived_remarks(e), e.remark]).strip()
    cells = [
        c.file_name,
        c.type,
        f"{half_up(e.earned, 2)} / {e.applicable_max}",
        f"{e.base}",
        bonus,
        f"**{e.final}**",
        grade,
        f"{defects}. {extra}".strip() if extra else defects,
    ]
    return "| " + " | ".join(cells) + " |"


def summary() -> list[str]:
    standard = EXPECTED[0].standard
    counts = Counter(e.grade for e in EXPECTED)
    order = [g.name for g in standard.grades] + [standard.veto_grade]
    failed = [
        f"{e.code} by {'veto' if e.veto else 'score'}" for e in EXPECTED if e.grade == standard.veto_grade
    ]
    line = "Summary: " + ", ".join(f"{g} {counts[g]}" for g in order)
    if failed:
        line += f" ({', '.join(failed)}). So `audit check samples/` exits 1."
    else:
        line += ". So `audit check samples/` exits 0."
    lines = [line, "", "Clause statuses worth checking:"]
    for status in ("missing", "error"):
        where = [f"{k} in {e.code}" for e in EXPECTED for k, (s, _) in e.clauses().items() if s == status]
        lines.append(f"- `{status}`: {', '.join(where)}.")
    skipped = {k for e in EXPECTED for k, (s, _) in e.clauses().items() if s == "not_applicable"}
    for k in sorted(skipped):
        off = [e for e in EXPECTED if e.clauses()[k][0] == "not_applicable"]
        on = sorted({e.center.type for e in EXPECTED if e not in off})
        lines.append(
            f"- `not_applicable`: {k} for every center of type {', '.join(sorted({e.center.type for e in off}))} "
            f"({len(off)} of them; it applies to {', '.join(on)})."
        )
    return lines


def render() -> str:
    """The block, markers included."""
    head = [
        "| file | type | earned / max | base | bonus | expected final | grade | deliberate defects (clause: points) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    body = [row(e) for e in EXPECTED]
    return "\n".join([BEGIN, *head, *body, "", *summary(), END])


def current_block(text: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[start:end]


def update_readme(path: Path = README) -> bool:
    """Rewrite the block in the README; whether it changed."""
    text = path.read_text(encoding="utf-8")
    new = text.replace(current_block(text), render())
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True

"""Tables of several years stacked on one sheet: last year's table kept above or below this year's, each under
its own title and header (a clerk starts the new year under the old one).

The header typed again below starts a new block; a block whose title (a row of one text just above its
header) names a year is of that year. Once the audit year is known, a block titled with another year is not
read — its days may be typed without a year (3月8日) and its people are last year's — and a warning says
so. Blocks whose title names no year are read, as are all blocks when none names another year."""

from __future__ import annotations

import re
from collections.abc import Sequence

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
_TITLE_ROWS = 2  # a block's title is at most this many rows above its header
_SHOWN = 20  # characters of a title in the warning


def _title_year(rows: Sequence[Sequence[object]], header: int, floor: int) -> tuple[int, str] | None:
    """The year a block's title names (the one year it names) and the title, from the rows just above its
    header row `header` (none at or above `floor`)."""
    for r in range(header - 1, max(floor, header - 1 - _TITLE_ROWS), -1):
        values = [v for v in rows[r] if v is not None and v != ""]
        if not values:
            continue
        if len(set(values)) != 1 or type(values[0]) is not str:
            return None  # a record or a footer: no title
        years = set(_YEAR.findall(values[0]))
        return (int(years.pop()), values[0].strip()) if len(years) == 1 else None
    return None


def of_year(
    rows: Sequence[Sequence[object]],
    header: int,
    repeats: Sequence[int],
    kept: list[int],
    year: int | None,
    sheet: str,
) -> tuple[list[int], list[str]]:
    """The kept rows (0-based) of the blocks the audit `year` reads, and the warnings saying which were not.
    `repeats`: the rows below `header` that repeat it (each starts a block)."""
    if not repeats or year is None or not kept:
        return kept, []
    starts = [header, *sorted(repeats)]
    titles = [_title_year(rows, start, starts[k - 1] if k else -1) for k, start in enumerate(starts)]
    if all(t is None or t[0] == year for t in titles):
        return kept, []
    chosen: list[int] = []
    said: list[str] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(rows)
        block = [r for r in kept if start < r < end]
        title = titles[k]
        if title is None or title[0] == year:
            chosen += block
        elif block:
            shown = title[1] if len(title[1]) <= _SHOWN else title[1][:_SHOWN] + "…"
            said.append(
                f"{sheet}: 第{block[0] + 1}–{block[-1] + 1}行是{title[0]}年的表格（标题“{shown}”），"
                f"按{year}年检查，未读取"
            )
    if not chosen:  # no block of the year: every block read, as before
        return kept, []
    return chosen, said

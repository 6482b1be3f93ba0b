"""疑点 across the centers of a batch, found in the parent from the signatures the workers send back.

Memory holds one small entry per distinct signature (a record's keyed hash -> the first center and row
that had it), never a record: a center's signatures are compared as it arrives, then dropped. Three
kinds: at least ``shared_min`` identical records of a declared table in two centers; one name listed
(under the declared condition) in two centers; two centers' survey answers identical in number order.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Sequence

from auditor.result import BatchHint, CenterResult, HintSide, Signatures
from auditor.standard.model import HintsSpec

ROW_BITS = 21  # sheet rows fit in 21 bits (1,048,576 rows): a center and a row packed into one int
ROW_MASK = (1 << ROW_BITS) - 1
SHOWN_ROWS = 6
STAFF = "\x00staff"  # the staff table's place among a center's places (no declared name has a NUL)


def rows_text(place: str, rows: Sequence[int]) -> str:
    """Cells of a column named from their rows (<sheet>!A5、A6 … 等N处)."""
    sheet, _, letter = place.rpartition("!")
    ordered = sorted(rows)
    cells = [f"{sheet}!{letter}{ordered[0]}", *(f"{letter}{r}" for r in ordered[1:SHOWN_ROWS])]
    return "、".join(cells) + (f" 等{len(rows)}处" if len(rows) > SHOWN_ROWS else "")


class AcrossCenters:
    """Feed every center in batch order (:meth:`add`); :attr:`hints` are the 疑点 found so far."""

    def __init__(self, spec: HintsSpec | None) -> None:
        self.spec = spec or HintsSpec()
        self.records: dict[int, int] = {}  # hash -> center << ROW_BITS | row
        self.staff: dict[int, int] = {}  # hash of a name -> center << ROW_BITS | row
        self.answers: dict[int, int] = {}  # hash of the answers -> center
        self.centers: list[tuple[str, str | None, str | None]] = []  # (file, id, name)
        self.places: list[dict[str, str]] = []  # per center: declared table -> "<sheet>!<letter>"
        self.answer_cells: list[str] = []
        self.hints: list[BatchHint] = []

    def add(self, center: CenterResult) -> CenterResult:
        """Compare the center's signatures with the earlier centers'; the center without them."""
        signatures = center.signatures
        if signatures is None:
            return center
        index = len(self.centers)
        self.centers.append((center.file, center.center_id, center.name))
        places = {t.sheet: t.place for t in signatures.tables}
        if signatures.staff_place:
            places[STAFF] = signatures.staff_place
        self.places.append(places)
        self.answer_cells.append(signatures.answers[1] if signatures.answers else "")
        self._records(index, signatures)
        self._staff(index, signatures)
        self._answers(index, signatures)
        return dataclasses.replace(center, signatures=None)

    def _side(self, index: int, cells: tuple[str, ...]) -> HintSide:
        file, center_id, name = self.centers[index]
        return HintSide(file, center_id, name, cells)

    def _who(self, index: int) -> str:
        file, center_id, name = self.centers[index]
        label = "，".join(x for x in (center_id, name) if x) or "未填名称"
        return f"{label}（{file}）"

    def _records(self, index: int, signatures: Signatures) -> None:
        for table in signatures.tables:
            shared: dict[int, list[tuple[int, int]]] = {}
            new: dict[int, int] = {}
            seen: set[int] = set()  # a record the center repeats is one record
            for value, row in zip(array("Q", table.hashes), table.rows, strict=True):
                if value in seen:
                    continue
                seen.add(value)
                known = self.records.get(value)
                if known is None:
                    new[value] = index << ROW_BITS | row
                elif known >> ROW_BITS != index:
                    shared.setdefault(known >> ROW_BITS, []).append((known & ROW_MASK, row))
            self.records.update(new)
            for other, pairs in shared.items():
                if len(pairs) < self.spec.shared_min:
                    continue
                theirs = [a for a, _ in pairs]
                mine = [b for _, b in pairs]
                place = self.places[other].get(table.sheet, table.place)
                first, second = rows_text(place, theirs), rows_text(table.place, mine)
                self.hints.append(
                    BatchHint(
                        "shared-records",
                        f"{table.sheet}有{len(pairs)}条记录完全相同：{self._who(other)} {first}；"
                        f"{self._who(index)} {second}",
                        self._side(other, (first,)),
                        self._side(index, (second,)),
                    )
                )

    def _staff(self, index: int, signatures: Signatures) -> None:
        spec = self.spec.staff
        for value, row, name in signatures.staff:
            known = self.staff.setdefault(value, index << ROW_BITS | row)
            other = known >> ROW_BITS
            if other == index:
                continue
            theirs = rows_text(self.places[other].get(STAFF, ""), [known & ROW_MASK])
            mine = rows_text(signatures.staff_place, [row])
            condition = "、".join(c.value_text() for c in spec.where) if spec else ""
            who = f"“{name}”" if name else "同一人（个人信息，已隐去）"
            column = spec.name if spec else ""
            self.hints.append(
                BatchHint(
                    "shared-staff",
                    f"{column}{who}在两个中心都列为{condition or '人员'}：{self._who(other)} {theirs}；"
                    f"{self._who(index)} {mine}",
                    self._side(other, (theirs,)),
                    self._side(index, (mine,)),
                )
            )

    def _answers(self, index: int, signatures: Signatures) -> None:
        if signatures.answers is None:
            return
        value, cells = signatures.answers
        other = self.answers.setdefault(value, index)
        if other == index:
            return
        theirs = self.answer_cells[other]
        survey = self.spec.survey
        number = survey.id if survey else ""
        self.hints.append(
            BatchHint(
                "shared-answers",
                f"两个中心的问卷答案按{number}顺序完全相同：{self._who(other)} {theirs}；{self._who(index)} {cells}",
                self._side(other, (theirs,)),
                self._side(index, (cells,)),
            )
        )

"""Where the time of one workbook goes, stage by stage, in one process (no start-up, no workers).

    python benchmarks/stages.py [--n 300] [--keep DIR] [--distinct]

Makes N workbooks as bench.py does, then times each stage of `audit check` over all of them (best of 5,
in CPU time of this process, so that other work on the machine disturbs the figures less) and prints the
time per workbook: reading the file, the container's safety pass (inflate, checks, the
archive rebuilt for the reader), python-calamine (open, sheets, cells), the cells python-calamine cannot
show, merged ranges spread, forms, tables, the clauses, and the JSON of a center. The floor (calamine reading the original
file) is printed beside them.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import calamine_read, make_workbooks

from auditor.engine import audit
from auditor.output.json_out import center_text
from auditor.standard.loader import default_standard_path, load_standard
from auditor.workbook import loading, reader
from auditor.workbook.container import DEFAULT_LIMITS, Specials, check_container, read_file, scan_specials
from auditor.workbook.evidence import Evidence
from auditor.workbook.form import read_form
from auditor.workbook.sheet import Sheet


def stopwatch(spent: dict[str, float]) -> Callable[[str], AbstractContextManager[None]]:
    """`with stage(name):` adds the block's CPU time to spent[name]."""

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        start = time.process_time()
        yield
        spent[name] = spent.get(name, 0.0) + time.process_time() - start

    return stage


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="folder for the generated workbooks (kept)")
    parser.add_argument("--distinct", action="store_true", help="different centers, as bench.py --distinct")
    args = parser.parse_args()
    import python_calamine as pc

    standard = load_standard(default_standard_path())
    tmp = Path(tempfile.mkdtemp(prefix="audit-stages-"))
    try:
        files = make_workbooks(args.keep or tmp / "in", args.n, args.distinct)
        floor = min(calamine_read(files, time.process_time) for _ in range(5)) / len(files)
        best: dict[str, float] = {}
        for run in range(5):
            spent: dict[str, float] = {}
            stage = stopwatch(spent)
            for path in files:
                with stage("read the file"):
                    data = read_file(path, DEFAULT_LIMITS)
                with stage("container: safety pass, archive rebuilt"):
                    archive = check_container(data, str(path), DEFAULT_LIMITS)
                with stage("calamine: open"):
                    workbook = pc.CalamineWorkbook.from_filelike(
                        io.BytesIO(archive.data if archive else data)
                    )
                    names = set(workbook.sheet_names)
                with stage("cells calamine cannot show (formulas, errors)"):
                    specials = scan_specials(archive, names) if archive else Specials()
                evidence = Evidence(str(path))
                for spec in standard.layout:
                    if spec.name not in names:
                        continue
                    with stage("calamine: sheets to Python rows"):
                        calamine_sheet = workbook.get_sheet_by_name(spec.name)
                        rows = loading.sheet_rows(calamine_sheet, spec.name, str(path), DEFAULT_LIMITS)
                    with stage("merged ranges spread"):
                        merged = loading.spread(calamine_sheet, rows, [])
                    sheet = Sheet(
                        spec.name,
                        rows,
                        specials.uncached.get(spec.name, set()),
                        specials.errors.get(spec.name, {}),
                        specials.date1904,
                        merged,
                    )
                    if spec.kind == "form":
                        with stage("forms"):
                            evidence.forms[spec.name] = read_form(spec, sheet, standard)
                    else:
                        with stage("tables"):
                            evidence.tables[spec.name] = reader._read_table(spec, sheet, standard, [], [])
                workbook.close()
                with stage("clauses and scores"):
                    center = audit(standard, evidence)
                with stage("JSON of the center"):
                    center_text(center)
            if run == 0 or sum(spent.values()) < sum(best.values()):
                best = spent
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    n = len(files)
    total = sum(best.values()) / n
    width = max(len(k) for k in best)
    print(f"{n} workbooks, per workbook (best of 5 runs, CPU time):")
    for name, seconds in best.items():
        print(f"  {name.ljust(width)}  {seconds / n * 1000:6.3f} ms")
    print(f"  {'total'.ljust(width)}  {total * 1000:6.3f} ms  = {total / floor:.2f}x the floor")
    print(f"  {'floor: calamine reading the file'.ljust(width)}  {floor * 1000:6.3f} ms")


if __name__ == "__main__":
    main()

"""Measure `audit check` against the floor (python-calamine reading the same cells).

Usage: python benchmarks/bench_check.py [FOLDER] [--repeat N]
Prints per-workbook medians: raw calamine read of every sheet, read_workbook (parse into evidence),
audit (all clauses + scoring), and the whole CLI run on the folder including start-up.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_ms(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(ROOT / "samples"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import python_calamine as pc

    from auditor.engine import audit
    from auditor.standard.loader import default_standard_path, load_standard
    from auditor.workbook.reader import read_workbook

    files = sorted(p for p in Path(args.folder).rglob("*.xlsx") if not p.name.startswith("~$"))
    if not files:
        sys.exit(f"no workbooks under {args.folder}")
    start = time.perf_counter()
    standard = load_standard(default_standard_path())
    load_ms = (time.perf_counter() - start) * 1000

    def raw_read(path: Path) -> None:
        wb = pc.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        wb.close()

    raw = [median_ms(lambda p=p: raw_read(p), args.repeat) for p in files]
    read = [median_ms(lambda p=p: read_workbook(p, standard), args.repeat) for p in files]
    evidence = [read_workbook(p, standard) for p in files]
    score = [median_ms(lambda e=e: audit(standard, e), args.repeat) for e in evidence]

    cli = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "auditor", "check", "--quiet", args.folder],
                       capture_output=True, check=False)
        cli.append(time.perf_counter() - start)
    bare = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=False)
        bare.append(time.perf_counter() - start)

    per_raw, per_read, per_score = statistics.median(raw), statistics.median(read), statistics.median(score)
    print(f"workbooks:                         {len(files)}")
    print(f"load standard (once):              {load_ms:7.1f} ms")
    print(f"calamine raw read, per workbook:   {per_raw:7.2f} ms   (the floor)")
    print(f"read_workbook, per workbook:       {per_read:7.2f} ms   ({per_read / per_raw:.2f}x the floor)")
    print(f"audit (clauses+score), per wb:     {per_score:7.2f} ms")
    print(f"read+audit, per workbook:          {per_read + per_score:7.2f} ms   "
          f"({(per_read + per_score) / per_raw:.2f}x the floor)")
    print(f"`audit check --quiet FOLDER` total:{statistics.median(cli) * 1000:7.0f} ms (median of 5, incl. start-up)")
    print(f"`python -c pass`:                  {statistics.median(bare) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()

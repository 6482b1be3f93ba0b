"""Instructions per workbook (valgrind's callgrind): the worker of `audit check --format json` against the floor.

    python benchmarks/instructions.py [--keep DIR] [--first 15] [--count 60]

Wall time on a shared machine swings by a third from one half-minute to the next (see bench.py), so two
versions of the code are hard to tell apart by it. An instruction count is the same on every run of the
same code on the same files, whatever else the machine does: this prints, per workbook, the instructions
of python-calamine reading every sheet (the floor of bench.py) and of a check worker doing what it does
for one workbook of a `--format json` run (read, score, the 疑点, the center's JSON, the result pickled for
the parent), with and without the 疑点. Each figure is the difference of two runs, one over `--first`
workbooks and one over `--first` + `--count`, so start-up, imports and the warm-up are left out; the
worker's runs first read 15 other workbooks, as a worker of a batch has. The workbooks are different
centers made by the samples' builder (bench.py --distinct). Every run has PYTHONHASHSEED=0: with a random
seed the hashes of texts, and the work of the sets and dicts holding them, vary by 0.1–0.5% from run to run.
Needs valgrind (about 3 minutes on 2 cores).

Instructions are not time: python-calamine's native code runs several instructions per cycle, the Python
interpreter's far fewer, so the worker's time ratio is above its instruction ratio (bench.py measures
time). The figure is for comparing versions of the code with each other.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM = 15  # workbooks a worker has read before the measured ones (its memo and caches warm, as in a batch)


def child(mode: str, folder: Path, count: int) -> None:
    """What one valgrind run executes, in `mode`: `count` workbooks after the first WARM of the folder (which
    the worker reads first; the floor leaves them out)."""
    files = sorted(folder.glob("*.xlsx"))
    if mode == "floor":
        import python_calamine as pc

        for path in files[WARM : WARM + count]:
            wb = pc.CalamineWorkbook.from_path(str(path))
            for name in wb.sheet_names:
                wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            wb.close()
        return
    import pickle

    sys.path.insert(0, str(ROOT))
    from auditor import batch
    from auditor.engine import AuditOptions
    from auditor.output.json_out import center_text
    from auditor.standard.loader import default_standard_path, load_standard
    from auditor.workbook.container import DEFAULT_LIMITS

    standard = load_standard(default_standard_path(), cache=False)
    options = AuditOptions(hints=mode == "hints", hint_key=b"k" * 16)
    batch._init(standard, options, DEFAULT_LIMITS, center_text)
    batch.quiet_collector()
    for path in files[:WARM]:
        pickle.dumps(batch._work(path))
    for path in files[WARM : WARM + count]:
        pickle.dumps(batch._work(path))


def instructions(mode: str, folder: Path, count: int) -> int:
    """The instructions callgrind counts for one child run."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--child",
            mode,
            "--keep",
            str(folder),
            "--count",
            str(count),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},  # str hashes vary by seed, and with them a set's work
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        sys.exit(f"valgrind failed ({mode}): {done.stderr[-500:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keep", type=Path, help="folder of distinct workbooks (made there once, kept)")
    parser.add_argument("--first", type=int, default=15, help="workbooks of the shorter run")
    parser.add_argument("--count", type=int, default=60, help="workbooks the longer run adds")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.keep, args.count)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench import make_workbooks

    tmp = Path(tempfile.mkdtemp(prefix="audit-instructions-"))
    folder = args.keep or tmp / "in"
    try:
        make_workbooks(folder, WARM + args.first + args.count, distinct=True)
        runs = [
            (mode, n)
            for mode in ("floor", "hints", "no-hints")
            for n in (args.first, args.first + args.count)
        ]
        with ThreadPoolExecutor(len(os.sched_getaffinity(0))) as pool:
            counted = dict(
                zip(runs, pool.map(lambda run: instructions(run[0], folder, run[1]), runs), strict=True)
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    per = {
        mode: (counted[(mode, args.first + args.count)] - counted[(mode, args.first)]) / args.count
        for mode in ("floor", "hints", "no-hints")
    }
    floor = per["floor"]
    print(f"| instructions per workbook ({args.count} different centers) | millions | ratio |")
    print("|---|--:|--:|")
    print(f"| python-calamine reads every sheet (floor) | {floor / 1e6:.2f} | 1.00x |")
    print(
        f"| check worker, `--format json`, 疑点 on | {per['hints'] / 1e6:.2f} | {per['hints'] / floor:.2f}x |"
    )
    print(
        f"| check worker, `--format json`, `--no-hints` | {per['no-hints'] / 1e6:.2f} | {per['no-hints'] / floor:.2f}x |"
    )


if __name__ == "__main__":
    main()

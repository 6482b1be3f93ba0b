"""Generate the 2018 sample inspection workbooks in samples/2018/ and the expected-results block of
samples/README.md.

Usage (from the repository root):  python samples/make_samples.py [--out DIR]

Fifteen fictional-but-realistic 党群服务中心 of 高密市's three urban 街道 (醴泉, 朝阳, 密水) plus one
园区, one workbook per center, laid out as inspection-workbook.md describes and typed the way people
really type (√/×, 有/无, Y/N, full-width digits, "3.5万元", text dates in five forms, Excel dates with
Chinese number formats, header rows in row 1, 2 or 3, shuffled columns, 序号 columns, blank rows inside
tables, rows of 2017 mixed in). All names and phone numbers are invented. Output is deterministic:
a fixed seed (random.Random(2018)), fixed workbook properties and fixed zip timestamps, so two runs
give byte-identical files.

The parts live in samples/gen/: the centers (`centers.py`), how each clerk types (`typist.py`), one
writer per sheet (`sheets.py`), and the results worked out by hand from standard-2018.md, each
center's defects with the clause and the points they lose (`expected.py`). The table in
samples/README.md is rendered from `expected.py`; tests/test_samples.py fails when it is stale.
"""

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if __name__ == "__main__" and not __package__:  # run as a script: make `samples` importable
    sys.path.insert(0, str(HERE.parent))

from samples.gen.build import write_samples  # noqa: E402
from samples.gen.readme import README, update_readme  # noqa: E402

OUT_DIR = HERE / "2018"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--out",
        type=Path,
        default=OUT_DIR,
        help="folder for the workbooks (default: samples/2018; samples/README.md is rewritten only then)",
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    for path in write_samples(out):
        print(f"wrote {path.parent.name}/{path.name}")
    if out.resolve() == OUT_DIR:
        changed = update_readme()
        print(
            f"{'rewrote' if changed else 'kept'} the expected results in {README.parent.name}/{README.name}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Coverage-guided fuzzing of the reader with atheris (not run by CI: its file name is no test_*).

    pip install atheris
    python tests/fuzz/fuzz_reader.py -max_total_time=300 -rss_limit_mb=4096 /tmp/audit-fuzz-corpus

Each input is a file's bytes, read as `audit check` reads it: the container pass (the bounds of
auditor/workbook/bounds.py and compound.py), python-calamine, every sheet the shipped standard declares.
The corpus starts from the samples (.xlsx), the same as .xls and .ods when LibreOffice is there, and the
tiny hostile files of tests/hostile.py. The process runs under a 2 GiB address-space cap, as a worker does.

A crash is anything but a one-line refusal: an exception other than WorkbookError (a bug), a native abort
(an allocation the container pass should have refused: the process dies), a hang (-timeout). A reader panic
raised as PanicException is counted, not a crash: the batch turns it into "文件已损坏（读取器无法解析）"
(its distinct messages are printed at the end).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]  # (no type information)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["auditor"]):
    from auditor.errors import WorkbookError
    from auditor.standard.loader import default_standard_path, load_standard
    from auditor.workbook.reader import read_workbook

STANDARD = load_standard(default_standard_path())
WORK = Path(tempfile.mkdtemp(prefix="audit-fuzz-"))
TARGET = WORK / "input.xlsx"
panics: dict[str, int] = {}


def seed(corpus: Path) -> None:
    """The samples, a tiny .xlsx, .xls and .ods of tests/hostile.py, and the samples as .xls/.ods."""
    from tests import hostile

    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    samples = sorted((ROOT / "samples" / "2018").glob("*.xlsx"))
    for sample in samples:
        shutil.copy(sample, corpus / sample.name)
    (corpus / "tiny.xlsx").write_bytes(hostile.tiny_xlsx())
    (corpus / "tiny.xls").write_bytes(hostile.tiny_xls(cells=((0, 0, 1.0), (3, 2, 2.0))))
    if hostile.soffice() is not None:
        for target in ("xls", "ods"):
            with tempfile.TemporaryDirectory() as profile:
                subprocess.run(
                    [
                        hostile.soffice() or "",
                        f"-env:UserInstallation=file://{profile}",
                        "--headless",
                        "--convert-to",
                        target,
                        "--outdir",
                        str(corpus),
                        *map(str, samples[:3]),
                    ],
                    capture_output=True,
                    timeout=300,
                    check=False,
                )


def test_one_input(data: bytes) -> None:
    TARGET.write_bytes(data)
    try:
        read_workbook(TARGET, STANDARD)
    except WorkbookError:
        pass
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise
        message = str(exc).split("\n")[0][:120]
        if message not in panics:  # printed when first seen (libFuzzer ends the process without unwinding)
            print(
                f"reader panic #{len(panics) + 1} (one line in a batch): {message}",
                file=sys.stderr,
                flush=True,
            )
        panics[message] = panics.get(message, 0) + 1


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, resource.RLIM_INFINITY))
    corpora = [a for a in sys.argv[1:] if not a.startswith("-")]
    for corpus in corpora:
        seed(Path(corpus))
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.standard.loader import load_standard
from auditor.standard.model import Standard
from tests.builders import STANDARD_2018


@pytest.fixture(scope="session")
def std2018() -> Standard:
    return load_standard(STANDARD_2018)


@pytest.fixture()
def tmp(tmp_path: Path) -> Path:
    return tmp_path

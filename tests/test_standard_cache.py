"""The validated standard is cached by content and engine code; a stale or broken cache is never used."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import StandardError
from auditor.standard.loader import load_standard
from tests.builders import STANDARD_2018


def test_cache_hit_equals_fresh_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    first = load_standard(STANDARD_2018)
    files = list((tmp_path / "cache" / "audit").glob("standard-*.pickle"))
    assert len(files) == 1
    second = load_standard(STANDARD_2018)
    assert second == first and second.needed == first.needed
    files[0].write_bytes(b"not a pickle")  # a damaged cache is ignored
    assert load_standard(STANDARD_2018) == first


def test_edited_standard_is_not_served_from_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    copy = tmp_path / "s.yaml"
    text = STANDARD_2018.read_text("utf-8")
    copy.write_text(text, "utf-8")
    assert load_standard(copy).title == "党群服务中心建设和管理标准"
    copy.write_text(text.replace("title: 党群服务中心建设和管理标准", "title: 改过的标题"), "utf-8")
    assert load_standard(copy).title == "改过的标题"
    copy.write_text(text.replace("points: 12", "points: 13"), "utf-8")
    with pytest.raises(StandardError):
        load_standard(copy)


def test_no_cache_written_when_disabled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")
    load_standard(STANDARD_2018)
    assert not (tmp_path / "cache").exists()

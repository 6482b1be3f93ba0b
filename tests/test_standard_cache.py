"""The validated standard is cached by content and engine code; a stale or broken cache is never used."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from auditor.errors import StandardError
from auditor.standard import cache
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


def test_key_follows_the_text_and_the_engine_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    text = STANDARD_2018.read_text("utf-8")
    key = cache.cache_file(text)
    assert key is not None and key.parent == tmp_path / "audit"
    assert cache.cache_file(text) == key  # stable
    assert cache.cache_file(text + "\n") != key
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another engine")
    assert cache.cache_file(text) != key


def test_fingerprint_covers_every_module_of_the_package() -> None:
    fingerprint = cache.code_fingerprint()
    assert (cache.PACKAGE / "engine.py").is_file()  # auditor/, not auditor/standard/
    for module in ("engine.py", "standard/build.py", "checks/field.py"):
        assert f"'{module}'" in fingerprint.replace("\\\\", "/")


def test_cache_entry_that_is_not_a_standard_is_ignored(tmp_path: Path) -> None:
    target = tmp_path / "standard-x.pickle"
    target.write_bytes(pickle.dumps({"not": "a standard"}))
    assert cache.fetch(target, STANDARD_2018) is None
    assert cache.fetch(tmp_path / "absent.pickle", STANDARD_2018) is None


def test_cached_standard_names_the_file_it_was_read_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(STANDARD_2018.read_bytes())
    load_standard(STANDARD_2018)
    assert load_standard(copy).source == copy  # same bytes: served from the cache, with its own source


def test_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUDIT_NO_CACHE", raising=False)
    assert cache.enabled() and not cache.enabled(False)
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")
    assert not cache.enabled()

"""The shipped catalogs' parsed form is kept beside them (as bytecode is): a start reads it
instead of parsing, a changed file is parsed again, and a cache that does not load is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign import catalogs


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder standing for the package's own catalogs."""
    monkeypatch.setattr(catalogs, "LOCALES", tmp_path)
    (tmp_path / "vi").mkdir()
    return tmp_path / "vi" / "greeting.ftl"


def test_a_parsed_catalog_is_kept_and_read_back(shipped: Path) -> None:
    shipped.write_text("hello = Xin chào { $name }\n", encoding="utf-8")
    first = catalogs._resource(shipped)
    cache = shipped.parent / "__pycache__" / "greeting.ftl.pickle"
    assert cache.is_file()
    again = catalogs._resource(shipped)
    assert again.equals(first) and again is not first  # read from the cache, the same tree

    shipped.write_text("hello = Chào { $name }\n", encoding="utf-8")  # edited in place
    changed = catalogs._resource(shipped)
    assert not changed.equals(first)
    assert "Chào" in changed.to_json()["body"][0]["value"]["elements"][0]["value"]

    cache.write_bytes(b"not a pickle")
    assert catalogs._resource(shipped).equals(changed)


def test_a_broken_catalog_is_refused_and_not_kept(shipped: Path) -> None:
    shipped.write_text("hello = \n  {{{ broken\n", encoding="utf-8")
    with pytest.raises(catalogs.CatalogError):
        catalogs._resource(shipped)
    assert not (shipped.parent / "__pycache__" / "greeting.ftl.pickle").exists()


def test_a_province_s_own_catalogs_are_not_cached(tmp_path: Path) -> None:
    own = tmp_path / "vi" / "local.ftl"
    own.parent.mkdir()
    own.write_text("hello = Xin chào\n", encoding="utf-8")
    catalogs._resource(own)
    assert not (own.parent / "__pycache__").exists()

"""The store: atomic replacement, safety against clobbering other directories, clear errors."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from kgtest import seed_store_dir, tree_digest  # noqa: F401  (fixture)

from kg.build import build
from kg.data import seed_path
from kg.errors import StoreError
from kg.store import open_store
from kg.store.disk import MARKER, replace_store


def test_build_then_open_read_only(seed_store_dir):
    with open_store(seed_store_dir) as store:
        assert len(store) > 2000
        assert "https://w3id.org/mediation-kg/graph/aljazeera-2026-02-27" in store.named_graphs()


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no mediation-kg store at .*kg build"):
        open_store(tmp_path / "nowhere")


def test_refuses_to_replace_a_directory_that_is_not_a_store(tmp_path):
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    with pytest.raises(StoreError, match="not a mediation-kg store"):
        build([seed_path()], precious)
    assert (precious / "thesis.txt").read_text() == "years of work"


def test_failure_while_loading_leaves_the_old_store(tmp_path):
    path = tmp_path / "store"
    build([seed_path()], path)
    before = tree_digest(path)

    def quads():
        yield ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o"))
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        replace_store(path, quads(), {})
    assert tree_digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # no half-built directory left behind


def test_interrupted_swap_is_recovered(tmp_path):
    """A crash between the two renames leaves the previous store aside; the next open puts it back."""
    path = tmp_path / "store"
    build([seed_path()], path)
    aside = tmp_path / ".store.old-12345"
    path.rename(aside)
    with open_store(path) as store:
        assert len(store) > 2000
    assert (path / MARKER).is_file() and not aside.exists()


def test_rebuild_replaces_content(tmp_path):
    path = tmp_path / "store"
    build([seed_path()], path)
    small = tmp_path / "small.yaml"
    small.write_text("sources:\n  - {id: s, title: T, date: 2026-01-01}\nsource: s\n"
                     "actors:\n  - {id: a, type: state, name: A}\n")
    build([small], path)
    with open_store(path) as store:
        assert "https://w3id.org/mediation-kg/graph/aljazeera-2026-02-27" not in store.named_graphs()

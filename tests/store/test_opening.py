"""Tests for kgserver.store.opening."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad

from kgserver.errors import StoreError
from kgserver.store.opening import is_empty, open_store

STATEMENT = Quad(NamedNode("urn:s"), NamedNode("urn:p"), NamedNode("urn:o"))


def test_without_a_path_the_store_is_in_memory_and_empty() -> None:
    store = open_store(None)
    assert is_empty(store)
    store.add(STATEMENT)
    assert not is_empty(store)
    assert is_empty(open_store(None))


def test_a_persistent_store_is_created_in_a_missing_folder_and_keeps_its_data(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "oxigraph"
    store = open_store(folder)
    assert folder.is_dir()
    store.add(STATEMENT)
    store.flush()
    del store
    reopened = open_store(folder)
    assert not is_empty(reopened)
    assert STATEMENT in reopened


def test_a_file_is_refused_as_a_store_folder(tmp_path: Path) -> None:
    file = tmp_path / "store.ttl"
    file.write_text("")
    with pytest.raises(StoreError, match="not a directory; --store takes a folder"):
        open_store(file)


def test_a_store_already_open_is_reported_as_held_by_another_process(tmp_path: Path) -> None:
    held = open_store(tmp_path / "held")
    with pytest.raises(StoreError, match=r"cannot open the store: another process"):
        open_store(tmp_path / "held")
    assert is_empty(held)


def test_the_built_store_is_not_empty(store: object) -> None:
    assert not is_empty(store)  # type: ignore[arg-type]

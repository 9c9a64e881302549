"""A snapshot: catalogue, search index and change log of one version, built together."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store

from kgserver.catalogue.changes import read_log
from kgserver.catalogue.snapshot import build_snapshot
from kgserver.store.version import dataset_version


def test_a_snapshot_is_of_the_stores_version_and_writes_its_log(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "store.changes.json"
    snapshot = build_snapshot(store, path, None)
    assert snapshot.version == dataset_version(store) == snapshot.catalogue.version
    assert read_log(path) == snapshot.changes
    assert {c.iri for c in snapshot.changes.changes} == set(snapshot.catalogue.entities)
    assert snapshot.index.search("zenodo").hits[0].entity.label == "Zenodo"


def test_the_next_snapshot_of_the_same_version_keeps_the_log(store: Store) -> None:
    first = build_snapshot(store, None, None)
    assert build_snapshot(store, None, first).changes is first.changes

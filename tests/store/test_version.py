"""Tests for kgserver.store.version."""

from __future__ import annotations

from datetime import UTC, datetime

from pyoxigraph import Literal, NamedNode, Store

from kgserver.rdf import iris
from kgserver.rdf.datetimes import utc_moment
from kgserver.rdf.namespaces import XSD
from kgserver.store.bundle import Dataset
from kgserver.store.version import (
    UNVERSIONED,
    dataset_modified,
    dataset_version,
    record_version,
    version_quads,
)


def test_an_empty_store_is_unversioned_and_unmodified() -> None:
    store = Store()
    assert dataset_version(store) == UNVERSIONED
    assert dataset_modified(store) == ""


def test_the_built_store_records_the_bundles_version_and_load_time(
    store: Store, dataset: Dataset
) -> None:
    assert dataset_version(store) == dataset.version
    modified = utc_moment(dataset_modified(store))
    assert modified is not None
    assert modified <= datetime.now(UTC)


def test_version_quads_go_into_the_meta_graph_with_an_xsd_datetime() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    quads = version_quads("sha256-abc")
    assert {q.graph_name for q in quads} == {NamedNode(iris.META_GRAPH)}
    assert {q.subject for q in quads} == {NamedNode(iris.DATASET)}
    modified = next(q.object for q in quads if q.object != Literal("sha256-abc"))
    assert isinstance(modified, Literal)
    assert modified.datatype == NamedNode(XSD + "dateTime")
    moment = utc_moment(modified.value)
    assert moment is not None and moment >= before


def test_record_version_replaces_the_previous_statements() -> None:
    store = Store()
    record_version(store, "first")
    record_version(store, "second")
    assert dataset_version(store) == "second"
    meta = list(
        store.quads_for_pattern(NamedNode(iris.DATASET), None, None, NamedNode(iris.META_GRAPH))
    )
    assert len(meta) == 2
    assert utc_moment(dataset_modified(store)) is not None

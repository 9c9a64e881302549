"""Tests for kgserver.store.writing."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, Quad, Store

from kgserver.errors import StoreError
from kgserver.rdf import iris
from kgserver.rdf.namespaces import RDF_TYPE, RDFS
from kgserver.store.bundle import Dataset, content_version
from kgserver.store.graphs import triples_in
from kgserver.store.version import dataset_version
from kgserver.store.writing import add_quads, write_bundle

DATA = NamedNode(iris.DATA_GRAPH)
TYPE = NamedNode(RDF_TYPE)
FUNDER = NamedNode(iris.ONTOLOGY_NS + "Funder")
AGENT = NamedNode(iris.ONTOLOGY_NS + "Agent")


def small_dataset() -> Dataset:
    """An ontology of one subclass axiom and one funder in the data."""
    ontology = NamedNode(iris.ONTOLOGY_GRAPH)
    return Dataset(
        ontology=[Quad(FUNDER, NamedNode(RDFS + "subClassOf"), AGENT, ontology)],
        data=[Quad(NamedNode(iris.ENTITY_BASE + "funder/a"), TYPE, FUNDER, DATA)],
        version="sha256-small",
    )


def test_write_bundle_loads_the_quads_the_version_and_the_inferences() -> None:
    store = Store()
    dataset = small_dataset()
    write_bundle(store, dataset)
    assert dataset_version(store) == "sha256-small"
    assert all(q in store for q in dataset.quads)
    inferred = triples_in(store, iris.INFERRED_GRAPH)
    assert (NamedNode(iris.ENTITY_BASE + "funder/a"), TYPE, AGENT) in [
        (t.subject, t.predicate, t.object) for t in inferred
    ]
    assert dataset.inference is not None and dataset.inference.triples == len(inferred)


def test_write_bundle_refuses_a_store_that_is_not_empty(store: Store) -> None:
    before = len(store)
    with pytest.raises(StoreError, match="the store is not empty"):
        write_bundle(store, small_dataset())
    assert len(store) == before


def test_add_quads_versions_on_top_of_the_previous_version_and_reasons_anew() -> None:
    files = [("contribution.ttl", b"<urn:x> a <urn:Funder> .")]
    added = [Quad(NamedNode(iris.ENTITY_BASE + "funder/b"), TYPE, FUNDER, DATA)]
    stores = [Store(), Store()]
    for each in stores:
        write_bundle(each, small_dataset())
        add_quads(each, added, files)
    expected = content_version(files, "sha256-small")
    assert [dataset_version(each) for each in stores] == [expected, expected]
    assert added[0] in stores[0]
    inferred = {(t.subject, t.object) for t in triples_in(stores[0], iris.INFERRED_GRAPH)}
    assert (NamedNode(iris.ENTITY_BASE + "funder/b"), AGENT) in inferred


def test_add_quads_to_an_unversioned_store_hashes_the_files_alone() -> None:
    store = Store()
    files = [("a.ttl", b"a")]
    add_quads(
        store, [Quad(NamedNode("urn:s"), NamedNode("urn:p"), NamedNode("urn:o"), DATA)], files
    )
    assert dataset_version(store) == content_version(files)

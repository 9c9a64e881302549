"""Tests for kgserver.rdf.iris."""

from __future__ import annotations

from pyoxigraph import NamedNode, Store

from kgserver.rdf import iris


def test_entities_are_iris_under_id_without_a_fragment() -> None:
    assert iris.is_entity(iris.ENTITY_BASE + "infrastructure/dryad")
    assert not iris.is_entity(iris.ENTITY_BASE + "infrastructure/dryad#practice-bylaws")
    assert not iris.is_entity(iris.ENTITY_BASE)
    assert not iris.is_entity(iris.ONTOLOGY_NS + "Infrastructure")
    assert not iris.is_entity("https://example.org/id/infrastructure/dryad")


def test_parts_are_fragment_iris_that_belong_to_their_base_entity() -> None:
    part = iris.ENTITY_BASE + "infrastructure/dryad#practice-bylaws"
    assert iris.is_part(part)
    assert not iris.is_part(iris.ENTITY_BASE + "infrastructure/dryad")
    assert not iris.is_part(iris.ONTOLOGY_NS + "hostedBy")
    assert iris.entity_of(part) == iris.ENTITY_BASE + "infrastructure/dryad"
    assert iris.entity_of(iris.ENTITY_BASE + "funder/x") == iris.ENTITY_BASE + "funder/x"


def test_the_built_store_fills_the_named_graphs_the_module_names(store: Store) -> None:
    named = {g.value for g in store.named_graphs() if isinstance(g, NamedNode)}
    assert {iris.ONTOLOGY_GRAPH, iris.SHAPES_GRAPH, iris.DATA_GRAPH, iris.META_GRAPH} <= named
    assert iris.INFERRED_GRAPH in named


def test_every_fragment_subject_in_the_data_has_its_entity_described(store: Store) -> None:
    data = NamedNode(iris.DATA_GRAPH)
    subjects = {
        q.subject.value
        for q in store.quads_for_pattern(None, None, None, data)
        if isinstance(q.subject, NamedNode)
    }
    parts = {s for s in subjects if iris.is_part(s)}
    assert parts, "the bundled data has fragment IRIs (practice assessments)"
    assert {iris.entity_of(p) for p in parts} <= subjects
    assert all(iris.is_entity(iris.entity_of(p)) for p in parts)

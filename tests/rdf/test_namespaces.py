"""Tests for kgserver.rdf.namespaces."""

from __future__ import annotations

from pyoxigraph import NamedNode, Store

from kgserver.rdf import iris
from kgserver.rdf.namespaces import (
    ENTITY_KINDS,
    OIKG,
    PREFIXES,
    SCHEMA,
    prefixes,
    qname,
    sparql_prologue,
)
from kgserver.settings import BUNDLE_DIR


def test_qname_compacts_a_known_namespace() -> None:
    assert qname(OIKG + "hostedBy") == "oikg:hostedBy"
    assert qname(SCHEMA + "Organization") == "schema:Organization"
    assert qname(iris.ENTITY_BASE + "infrastructure/zenodo") == "infrastructure:zenodo"


def test_qname_refuses_local_parts_that_are_not_plain_names() -> None:
    assert qname(OIKG) is None
    assert qname(OIKG + "9lives") is None
    assert qname(OIKG + "a.b") is None
    assert qname(iris.ENTITY_BASE + "infrastructure/dryad#practice") is None
    assert qname("https://example.org/thing") is None


def test_qname_uses_only_the_table_it_is_given() -> None:
    table = {"ex": "https://example.org/"}
    assert qname("https://example.org/thing", table) == "ex:thing"
    assert qname(OIKG + "hostedBy", table) is None


def test_prefixes_and_prologue_keep_the_order_asked_for() -> None:
    assert list(prefixes("schema", "oikg")) == ["schema", "oikg"]
    assert sparql_prologue("oikg", "schema") == (
        f"PREFIX oikg: <{OIKG}>\nPREFIX schema: <{SCHEMA}>\n"
    )


def test_every_entity_kind_names_a_data_folder_with_entities_in_the_store(store: Store) -> None:
    data = NamedNode(iris.DATA_GRAPH)
    subjects = {
        q.subject.value
        for q in store.quads_for_pattern(None, None, None, data)
        if isinstance(q.subject, NamedNode)
    }
    for kind in ENTITY_KINDS:
        namespace = PREFIXES[kind]
        assert namespace == f"{iris.ENTITY_BASE}{kind}/"
        if (BUNDLE_DIR / "data" / kind).is_dir():
            assert any(s.startswith(namespace) for s in subjects), kind


def test_the_ontology_defines_its_terms_in_the_oikg_namespace(store: Store) -> None:
    ontology = NamedNode(iris.ONTOLOGY_GRAPH)
    names = [
        qname(q.subject.value)
        for q in store.quads_for_pattern(None, None, None, ontology)
        if isinstance(q.subject, NamedNode) and q.subject.value.startswith(OIKG)
    ]
    assert names
    assert all(name is not None and name.startswith("oikg:") for name in names if name)

"""Inferred statements (graph/inferred, from load-time reasoning) reach harvesters, not pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import rdflib
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, Quad, Store

from kgserver.app import create_app
from kgserver.rdf import iris
from kgserver.settings import Settings
from tests.facts import number
from tests.html import parse_html, texts

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ZENODO = NamedNode(iris.ENTITY_BASE + "infrastructure/zenodo")
CERN = NamedNode(iris.ENTITY_BASE + "funder/cern")
PROVIDER = NamedNode("https://schema.org/provider")
SERVICE = NamedNode("https://schema.org/Service")
ORGANIZATION = NamedNode(iris.ONTOLOGY_NS + "Organization")


@pytest.fixture(scope="module")
def reasoned(store: Store) -> Iterator[TestClient]:
    """The bundled graph plus what a reasoner adds: a superproperty and superclasses."""
    copy = Store()
    copy.extend(list(store))
    inferred = NamedNode(iris.INFERRED_GRAPH)
    copy.add(Quad(ZENODO, PROVIDER, CERN, inferred))
    copy.add(Quad(ZENODO, RDF_TYPE, SERVICE, inferred))
    for funder in {
        q.subject
        for q in copy.quads_for_pattern(None, RDF_TYPE, NamedNode(iris.ONTOLOGY_NS + "Funder"))
    }:
        copy.add(Quad(funder, RDF_TYPE, ORGANIZATION, inferred))
    with TestClient(create_app(Settings(), copy)) as client:
        yield client


def test_descriptions_for_machines_include_inferences(reasoned: TestClient) -> None:
    body = reasoned.get("/id/infrastructure/zenodo.ttl").content
    graph = rdflib.Graph().parse(data=body, format="turtle")
    assert (
        rdflib.URIRef(ZENODO.value),
        rdflib.URIRef(PROVIDER.value),
        rdflib.URIRef(CERN.value),
    ) in graph


def test_pages_show_what_the_sources_state(reasoned: TestClient) -> None:
    page = parse_html(
        reasoned.get("/id/infrastructure/zenodo", headers={"Accept": "text/html"}).text
    )
    assert texts(page.select("p.kind > a")) == ["infrastructure"]
    assert "provider" not in texts(page.select("dl.properties dt"))


def test_lists_count_inferred_classes_of_the_graph(reasoned: TestClient, store: Store) -> None:
    listing = parse_html(reasoned.get("/browse?type=Organization").text)
    count = texts(listing.select("#result-count"))[0]
    organisations = number(
        store,
        "SELECT (COUNT(DISTINCT ?o) AS ?n)"
        " { { ?o a oikg:Organization } UNION { ?o a oikg:Funder } }",
    )
    assert count.startswith(f"{organisations} results")  # organisations and funders
    home = parse_html(reasoned.get("/").text)
    labels = texts(home.select("ul.class-counts .class-label"))
    assert "service" not in [label.lower() for label in labels]  # not the graph's own class

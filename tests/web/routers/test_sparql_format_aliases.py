"""`?format=` / `?output=` aliases at /sparql, /api/queries/{name} and entity IRIs, as clients
such as SPARQLWrapper send them beside their Accept header (kgserver/rdf/formats.py names)."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib
from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.rdf import iris
from tests import facts

INFRASTRUCTURES = f"""SELECT ?i WHERE {{ ?i a <{iris.ONTOLOGY_NS}Infrastructure> }} ORDER BY ?i"""
CONSTRUCT = f"""CONSTRUCT {{ ?i a <{iris.ONTOLOGY_NS}Infrastructure> }}
WHERE {{ ?i a <{iris.ONTOLOGY_NS}Infrastructure> }}"""
ZENODO = iris.ENTITY_BASE + "infrastructure/zenodo"
RDF_TYPE = rdflib.RDF.type


def infrastructures(store: Store) -> list[str]:
    found = facts.rows(store, "SELECT ?i { ?i a oikg:Infrastructure } ORDER BY ?i")
    return [row[0] for row in found]


@pytest.mark.parametrize(
    ("params", "media_type", "rdflib_format"),
    [
        ({"format": "n3"}, "text/turtle", "n3"),
        ({"output": "n3"}, "text/turtle", "n3"),
        ({"format": "turtle"}, "text/turtle", "turtle"),
        ({"format": "json-ld"}, "application/ld+json", "json-ld"),
        ({"format": "json"}, "application/ld+json", "json-ld"),
        ({"format": "xml"}, "application/rdf+xml", "xml"),
        ({"format": ["rdf+xml", "application/rdf+xml"]}, "application/rdf+xml", "xml"),
        ({"format": "ntriples"}, "application/n-triples", "nt"),
        ({"results": "text/n3"}, "text/turtle", "n3"),
    ],
)
def test_construct_answers_in_the_format_an_alias_names(
    client: TestClient, store: Store, params: dict[str, object], media_type: str, rdflib_format: str
) -> None:
    # SPARQLWrapper's N3 Accept list, which alone would give Turtle: the alias decides.
    accept = "application/turtle,text/turtle,text/rdf+n3,application/n-triples,text/n3"
    response = client.get(
        "/sparql", params={"query": CONSTRUCT, **params}, headers={"Accept": accept}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert sorted(str(s) for s in graph.subjects(RDF_TYPE, None)) == infrastructures(store)


@pytest.mark.parametrize(
    ("params", "media_type"),
    [
        ({"format": "json"}, "application/sparql-results+json"),
        ({"output": "xml"}, "application/sparql-results+xml"),
        ({"format": ["tsv", "text/tab-separated-values"]}, "text/tab-separated-values"),
        ({"format": "csv", "output": "csv", "results": "csv"}, "text/csv"),
    ],
)
def test_select_answers_in_the_format_an_alias_names(
    client: TestClient, params: dict[str, object], media_type: str
) -> None:
    response = client.post(
        "/sparql", data={"query": INFRASTRUCTURES, **params}, headers={"Accept": "*/*"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type


def test_an_unknown_format_value_falls_back_to_accept(client: TestClient, store: Store) -> None:
    response = client.get(
        "/sparql",
        params={"query": INFRASTRUCTURES, "format": "application/x-unheard-of"},
        headers={"Accept": "text/csv"},
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.text)))
    assert [r[0] for r in rows[1:]] == infrastructures(store)


def test_a_known_format_the_query_cannot_return_answers_406_saying_why(
    client: TestClient,
) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT, "format": "csv"})
    assert response.status_code == 406
    assert "'csv' is not offered here" in response.text
    assert "turtle" in response.text


def test_describe_in_n3_is_turtle_about_the_resource(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": f"DESCRIBE <{ZENODO}>", "format": "n3"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format="n3")
    assert (rdflib.URIRef(ZENODO), None, None) in graph


@pytest.mark.parametrize(
    ("params", "media_type", "rdflib_format"),
    [
        ({"format": "n3"}, "text/turtle", "n3"),
        ({"format": "json"}, "application/ld+json", "json-ld"),
        ({"output": "xml"}, "application/rdf+xml", "xml"),
        ({"format": "nt"}, "application/n-triples", "nt"),
    ],
)
def test_entity_iris_read_the_aliases_too(
    client: TestClient, params: dict[str, str], media_type: str, rdflib_format: str
) -> None:
    response = client.get("/id/infrastructure/zenodo", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert (rdflib.URIRef(ZENODO), RDF_TYPE, None) in graph


def test_stored_queries_read_output_and_results_as_formats_not_parameters(
    client: TestClient,
) -> None:
    tsv = client.get("/api/queries/graphs", params={"output": "tsv"})
    assert tsv.status_code == 200, tsv.text
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    rows = client.get("/api/queries/graphs", params={"results": "bogus"})
    assert rows.status_code == 200
    as_json = json.loads(rows.text)
    assert isinstance(as_json, list) and as_json
    assert len(tsv.text.strip().splitlines()) == len(as_json) + 1

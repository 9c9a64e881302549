"""SPARQLWrapper, unmodified, against /sparql on a real `kgserver serve`: every return format
and request method it offers, for SELECT, ASK, CONSTRUCT and DESCRIBE.

SPARQLWrapper sends its format three ways at once (an Accept header, and `format=`, `output=`
and `results=` parameters; see kgserver/rdf/formats.py for the aliases), and warns when the
answer's Content-Type is not what it asked for; warnings are errors in this suite, so every
test also checks that the client got the media type it expected.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import rdflib
from pyoxigraph import Store
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDF,
    RDFXML,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)

from kgserver.rdf import iris
from tests import facts

OIKG = iris.ONTOLOGY_NS
ZENODO = iris.ENTITY_BASE + "infrastructure/zenodo"
SELECT = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?i ?name WHERE {{ ?i a <{OIKG}Infrastructure> ; rdfs:label ?name }} ORDER BY ?i ?name"""
ASK_TRUE = f"ASK {{ <{ZENODO}> a <{OIKG}Infrastructure> }}"
ASK_FALSE = f"ASK {{ <{ZENODO}> a <{OIKG}Funder> }}"
CONSTRUCT = f"""CONSTRUCT {{ ?i a <{OIKG}Infrastructure> }}
WHERE {{ ?i a <{OIKG}Infrastructure> }}"""
DESCRIBE = f"DESCRIBE <{ZENODO}>"

METHODS = {
    "GET": (GET, URLENCODED),
    "POST-form": (POST, URLENCODED),
    "POST-direct": (POST, POSTDIRECTLY),
}
RDF_TYPE = rdflib.RDF.type

# SPARQLWrapper 2.0 reads RDF/XML and JSON-LD into an rdflib ConjunctiveGraph, which rdflib 7
# deprecates: the client's own business, not the endpoint's.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def infrastructures(store: Store) -> list[tuple[str, str]]:
    found = facts.rows(
        store, "SELECT ?i ?name { ?i a oikg:Infrastructure ; rdfs:label ?name } ORDER BY ?i ?name"
    )
    return [(i, name) for i, name in found]


def run(live_server: str, query: str, fmt: str, method: str, **options: Any) -> Any:
    """The query through SPARQLWrapper with `fmt` and `method`, converted as it converts."""
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    http_method, request_method = METHODS[method]
    client.setMethod(http_method)
    client.setRequestMethod(request_method)
    for header, value in options.get("headers", {}).items():
        client.addCustomHttpHeader(header, value)
    if options.get("only_conneg"):
        client.setOnlyConneg(True)
    result = client.query()
    return result.info()["content-type"], result.convert()


@contextmanager
def accept_any_warning(fmt: str) -> Iterator[None]:
    """SPARQLWrapper knows no Accept header for JSON or RDF on a graph and warns that it sends
    */*; the parameters it sends beside (`format=json`, `format=rdf`) are what choose then."""
    if fmt in (JSON, RDF):
        with pytest.warns(RuntimeWarning, match="Sending Accept header '\\*/\\*'"):
            yield
    else:
        with warnings.catch_warnings():
            yield


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select_in_every_results_format(
    live_server: str, store: Store, method: str, fmt: str
) -> None:
    content_type, result = run(live_server, SELECT, fmt, method)
    if fmt == JSON:
        assert content_type.startswith("application/sparql-results+json")
        rows = [(b["i"]["value"], b["name"]["value"]) for b in result["results"]["bindings"]]
    elif fmt == XML:
        assert content_type.startswith("application/sparql-results+xml")
        rows = [
            tuple(b.getElementsByTagName(tag)[0].firstChild.data for tag in ("uri", "literal"))
            for b in result.getElementsByTagName("result")
        ]
    elif fmt == CSV:
        assert content_type.startswith("text/csv")
        table = list(csv.reader(io.StringIO(result.decode("utf-8"))))
        assert table[0] == ["i", "name"]
        rows = [tuple(r) for r in table[1:]]
    else:
        assert content_type.startswith("text/tab-separated-values")
        lines = result.decode("utf-8").splitlines()
        assert lines[0] == "?i\t?name"
        rows = [
            (i.strip("<>"), json.loads(name.split("@")[0]) if name.startswith('"') else name)
            for i, name in (line.split("\t") for line in lines[1:])
        ]
    assert rows == infrastructures(store)
    assert len(rows) >= 10


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_ask_in_every_results_format(live_server: str, method: str, fmt: str) -> None:
    answers = []
    for query in (ASK_TRUE, ASK_FALSE):
        _, result = run(live_server, query, fmt, method)
        if fmt == JSON:
            answers.append(result["boolean"])
        elif fmt == XML:
            answers.append(result.getElementsByTagName("boolean")[0].firstChild.data == "true")
        else:
            answers.append(result.decode("utf-8").strip() == "true")
    assert answers == [True, False]


GRAPH_FORMATS = {
    # SPARQLWrapper's format: (the media type it must get, how to read a raw answer)
    XML: ("application/rdf+xml", None),
    RDFXML: ("application/rdf+xml", None),
    RDF: ("application/rdf+xml", None),
    JSONLD: ("application/ld+json", None),
    JSON: ("application/ld+json", None),
    TURTLE: ("text/turtle", "turtle"),
    N3: ("text/turtle", "n3"),
}


def as_graph(converted: Any, syntax: str | None) -> rdflib.Graph:
    """SPARQLWrapper parses RDF/XML and JSON-LD itself, and hands Turtle and N3 over raw."""
    if syntax is None:
        assert isinstance(converted, rdflib.Graph)
        return converted
    return rdflib.Graph().parse(data=converted, format=syntax)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_construct_in_every_graph_format(
    live_server: str, store: Store, method: str, fmt: str
) -> None:
    media_type, syntax = GRAPH_FORMATS[fmt]
    with accept_any_warning(fmt):
        content_type, converted = run(live_server, CONSTRUCT, fmt, method)
    assert content_type.split(";")[0] == media_type
    graph = as_graph(converted, syntax)
    assert sorted({str(s) for s in graph.subjects(RDF_TYPE, None)}) == sorted(
        {i for i, _ in infrastructures(store)}
    )


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_describe_in_every_graph_format(
    live_server: str, store: Store, method: str, fmt: str
) -> None:
    media_type, syntax = GRAPH_FORMATS[fmt]
    with accept_any_warning(fmt):
        content_type, converted = run(live_server, DESCRIBE, fmt, method)
    assert content_type.split(";")[0] == media_type
    graph = as_graph(converted, syntax)
    labels = {str(o) for o in graph.objects(rdflib.URIRef(ZENODO), rdflib.RDFS.label)}
    assert labels == set(facts.values(store, ZENODO, str(rdflib.RDFS.label)))
    assert (rdflib.URIRef(ZENODO), RDF_TYPE, rdflib.URIRef(OIKG + "Infrastructure")) in graph


@pytest.mark.parametrize("method", METHODS)
def test_n_triples_by_accept_header_alone(live_server: str, store: Store, method: str) -> None:
    """SPARQLWrapper has no N-Triples format of its own: asked by Accept (conneg only), it
    reads the answer as N3, which N-Triples is a subset of."""
    content_type, raw = run(
        live_server,
        CONSTRUCT,
        N3,
        method,
        headers={"Accept": "application/n-triples"},
        only_conneg=True,
    )
    assert content_type.split(";")[0] == "application/n-triples"
    graph = rdflib.Graph().parse(data=raw, format="nt")
    assert {str(s) for s in graph.subjects()} == {i for i, _ in infrastructures(store)}


def test_query_and_convert_with_the_default_settings(live_server: str, store: Store) -> None:
    """What a first script does: no method, no format set (XML by default)."""
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery(SELECT)
    document = client.queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == [i for i, _ in infrastructures(store)]

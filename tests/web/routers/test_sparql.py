"""The SPARQL 1.1 Protocol query operation at /sparql, through HTTP, parsing every answer."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
import rdflib
from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.rdf import iris

SRX = "{http://www.w3.org/2005/sparql-results#}"
OWL_CLASSES = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?class WHERE { ?class a owl:Class . FILTER(isIRI(?class)) } ORDER BY ?class"""
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


def expected_classes(store: Store) -> list[str]:
    return [s["class"].value for s in store.query(OWL_CLASSES, use_default_graph_as_union=True)]


def json_column(response, name: str) -> list[str]:
    document = response.json()
    return [b[name]["value"] for b in document["results"]["bindings"]]


def test_get_answers_sparql_json_by_default(client: TestClient, store: Store) -> None:
    response = client.get("/sparql", params={"query": OWL_CLASSES})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert "Accept" in response.headers["vary"]
    assert json_column(response, "class") == expected_classes(store)
    assert iris.ONTOLOGY_NS + "Infrastructure" in json_column(response, "class")


def test_post_form_encoded_query(client: TestClient, store: Store) -> None:
    response = client.post("/sparql", data={"query": OWL_CLASSES})
    assert response.status_code == 200
    assert json_column(response, "class") == expected_classes(store)


def test_post_sparql_query_body(client: TestClient, store: Store) -> None:
    response = client.post(
        "/sparql",
        content=OWL_CLASSES.encode(),
        headers={"Content-Type": "application/sparql-query; charset=utf-8"},
    )
    assert response.status_code == 200
    assert json_column(response, "class") == expected_classes(store)


def test_select_as_sparql_xml(client: TestClient, store: Store) -> None:
    response = client.get(
        "/sparql",
        params={"query": OWL_CLASSES},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(response.content)
    values = [uri.text for uri in root.iter(SRX + "uri")]
    assert values == expected_classes(store)


def test_select_as_csv_and_tsv(client: TestClient, store: Store) -> None:
    csv_response = client.get(
        "/sparql", params={"query": OWL_CLASSES}, headers={"Accept": "text/csv"}
    )
    rows = list(csv.reader(io.StringIO(csv_response.text)))
    assert rows[0] == ["class"]
    assert [r[0] for r in rows[1:]] == expected_classes(store)
    tsv_response = client.get(
        "/sparql", params={"query": OWL_CLASSES}, headers={"Accept": "text/tab-separated-values"}
    )
    lines = list(csv.reader(io.StringIO(tsv_response.text), delimiter="\t"))
    assert lines[0] == ["?class"]
    assert [r[0] for r in lines[1:]] == [f"<{c}>" for c in expected_classes(store)]


def test_ask_in_json_and_xml(client: TestClient) -> None:
    query = f"ASK {{ <{iris.ONTOLOGY}> a <http://www.w3.org/2002/07/owl#Ontology> }}"
    assert client.get("/sparql", params={"query": query}).json()["boolean"] is True
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert ET.fromstring(response.content).find(SRX + "boolean").text == "true"


CONSTRUCT = f"""CONSTRUCT {{ ?class a <http://www.w3.org/2002/07/owl#Class> }}
WHERE {{ GRAPH <{iris.ONTOLOGY_GRAPH}> {{ ?class a <http://www.w3.org/2002/07/owl#Class> }} }}"""


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_in_every_rdf_format(client: TestClient, accept: str, rdflib_format: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert (rdflib.URIRef(iris.ONTOLOGY_NS + "Funder"), rdflib.RDF.type, rdflib.OWL.Class) in graph


def test_describe_returns_the_resource(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": f"DESCRIBE <{iris.ONTOLOGY_NS}hostedBy>"},
        headers={"Accept": "text/turtle"},
    )
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    subject = rdflib.URIRef(iris.ONTOLOGY_NS + "hostedBy")
    assert graph.value(subject, rdflib.OWL.inverseOf) == rdflib.URIRef(iris.ONTOLOGY_NS + "hosts")


def test_quality_values_choose_the_format(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": OWL_CLASSES},
        headers={"Accept": "application/sparql-results+json;q=0.2, text/csv;q=0.9"},
    )
    assert response.headers["content-type"].startswith("text/csv")


def test_nothing_acceptable_answers_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": OWL_CLASSES}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    construct = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert construct.status_code == 406


def test_default_graph_is_the_union_of_all_graphs(client: TestClient, store: Store) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    count = int(json_column(client.get("/sparql", params={"query": query}), "n")[0])
    assert count == len(store)


def test_default_graph_uri_restricts_the_default_graph(client: TestClient, store: Store) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    response = client.get(
        "/sparql", params={"query": query, "default-graph-uri": iris.SHAPES_GRAPH}
    )
    shapes = sum(1 for _ in store.quads_for_pattern(None, None, None, _node(iris.SHAPES_GRAPH)))
    assert int(json_column(response, "n")[0]) == shapes


def test_named_graph_uri_limits_the_named_graphs(client: TestClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    all_graphs = set(json_column(client.get("/sparql", params={"query": query}), "g"))
    assert {iris.ONTOLOGY_GRAPH, iris.SHAPES_GRAPH, iris.DATA_GRAPH} <= all_graphs
    response = client.post(
        "/sparql", data={"query": query, "named-graph-uri": [iris.ONTOLOGY_GRAPH]}
    )
    assert set(json_column(response, "g")) == {iris.ONTOLOGY_GRAPH}


def test_protocol_dataset_overrides_from_in_the_query(client: TestClient) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{iris.ONTOLOGY_GRAPH}> WHERE {{ ?s ?p ?o }}"
    from_only = int(json_column(client.get("/sparql", params={"query": query}), "n")[0])
    overridden = client.get(
        "/sparql", params={"query": query, "default-graph-uri": iris.SHAPES_GRAPH}
    )
    assert from_only != int(json_column(overridden, "n")[0])


def test_from_in_the_query_is_honoured(client: TestClient, store: Store) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{iris.SHAPES_GRAPH}> WHERE {{ ?s ?p ?o }}"
    shapes = sum(1 for _ in store.quads_for_pattern(None, None, None, _node(iris.SHAPES_GRAPH)))
    assert int(json_column(client.get("/sparql", params={"query": query}), "n")[0]) == shapes


def _node(iri: str):
    from pyoxigraph import NamedNode

    return NamedNode(iri)


# --- Service description, editor, CORS, health ------------------------------------------------


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json", "application/rdf+xml"])
def test_service_description_for_rdf_clients(client: TestClient, accept: str) -> None:
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200
    fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld"}.get(accept, "xml")
    graph = rdflib.Graph().parse(data=response.content, format=fmt)
    service = graph.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert service == rdflib.URIRef("http://testserver/sparql")
    assert graph.value(service, SD.endpoint) == service
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    formats = set(graph.objects(service, SD.resultFormat))
    assert rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert rdflib.URIRef("http://www.w3.org/ns/formats/Turtle") in formats
    named = {str(n) for n in graph.objects(None, SD.name)}
    assert {iris.ONTOLOGY_GRAPH, iris.SHAPES_GRAPH, iris.DATA_GRAPH} <= named


def test_service_description_is_the_default_for_any_client(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "*/*"})
    assert response.headers["content-type"].startswith("text/turtle")


def test_browser_gets_the_query_editor(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    from html.parser import HTMLParser

    class Finder(HTMLParser):
        textareas: list[dict[str, str | None]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "textarea":
                self.textareas.append(dict(attrs))

    finder = Finder()
    finder.feed(response.text)
    assert [t["name"] for t in finder.textareas] == ["query"]


def test_cors_preflight_and_simple_requests_are_allowed(client: TestClient) -> None:
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://yasgui.example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    response = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example.org"}
    )
    assert response.headers["access-control-allow-origin"] == "*"


# --- Errors: 4xx with a message, never a 500 --------------------------------------------------


def test_malformed_query_answers_400_with_position(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert response.status_code == 400
    assert re.search(r"malformed query: error at 3:\d+: expected", response.text)


def test_update_answers_400(client: TestClient, store: Store) -> None:
    before = len(store)
    for response in (
        client.get("/sparql", params={"query": "INSERT DATA { <http://a> <http://b> <http://c> }"}),
        client.post("/sparql", data={"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}),
        client.post(
            "/sparql",
            content=b"CLEAR ALL",
            headers={"Content-Type": "application/sparql-update"},
        ),
    ):
        assert response.status_code == 400
        assert "not accepted" in response.text
    assert len(store) == before


def test_service_and_load_are_refused(client: TestClient) -> None:
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert client.get("/sparql", params={"query": service}).status_code == 400
    load = client.get("/sparql", params={"query": "LOAD <http://127.0.0.1:9/x.ttl>"})
    assert load.status_code == 400


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_wrong_method_answers_405(client: TestClient, method: str) -> None:
    response = client.request(method, "/sparql")
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", None])
def test_wrong_content_type_answers_415(client: TestClient, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/sparql", content=b"ASK {}", headers=headers)
    assert response.status_code == 415
    assert "application/sparql-query" in response.text


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"ASK { ?s ?p \xff }", "application/sparql-query"),
        (b"query=ASK%20%7B%7D%FF", "application/x-www-form-urlencoded"),
    ],
)
def test_non_utf8_body_answers_400(client: TestClient, content: bytes, content_type: str) -> None:
    response = client.post("/sparql", content=content, headers={"Content-Type": content_type})
    assert response.status_code == 400
    assert "UTF-8" in response.text


def test_non_utf8_query_string_answers_400(client: TestClient) -> None:
    response = client.get("/sparql?query=ASK%20%7B%7D%C3%28")
    assert response.status_code == 400


def test_repeated_query_parameter_answers_400(client: TestClient) -> None:
    response = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert response.status_code == 400


def test_post_without_query_answers_400(client: TestClient) -> None:
    response = client.post("/sparql", data={"default-graph-uri": iris.DATA_GRAPH})
    assert response.status_code in (200, 400)
    assert response.status_code != 500


def test_bad_graph_iri_answers_400(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert response.status_code == 400


def test_oversized_query_answers_413(client: TestClient) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (600 * 1024)
    assert client.post("/sparql", data={"query": big}).status_code == 413


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 3000 + "}" * 3000,
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "SELECT * WHERE { FILTER(" + " || ".join(["true"] * 20000) + ") }",
        "SELECT * WHERE { " + " UNION ".join(["{}"] * 20000) + " }",
    ],
    ids=["nested-groups", "nested-parentheses", "or-chain", "union-chain"],
)
def test_queries_that_crash_the_parser_are_refused_and_the_server_lives(
    client: TestClient, query: str
) -> None:
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400
    assert client.get("/healthz").status_code == 200


def test_queries_at_the_limits_run(client: TestClient) -> None:
    nested = "SELECT * WHERE " + "{" * 128 + "}" * 128
    chain = "SELECT * WHERE { FILTER(" + " || ".join(["true"] * 900) + ") }"
    for query in (nested, chain):
        response = client.post("/sparql", data={"query": query})
        assert response.status_code == 200, response.text


SPARQL_QUERY = {"Content-Type": "application/sparql-query"}


def test_a_huge_values_block_runs_within_the_size_limit_and_past_it_answers_413(
    client: TestClient,
) -> None:
    rows = 50_000  # 450 KB of VALUES: under the 512 KiB request limit
    values = " ".join(f'"{n:06d}"' for n in range(rows))
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?v {{ {values} }} }}"
    response = client.post("/sparql", content=query, headers=SPARQL_QUERY)
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"][0]["n"]["value"] == str(rows)
    bigger = " ".join(f'"{n:06d}"' for n in range(70_000))
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?v {{ {bigger} }} }}"
    assert client.post("/sparql", content=query, headers=SPARQL_QUERY).status_code == 413
    assert client.get("/healthz").status_code == 200


def test_errors_are_negotiated(client: TestClient) -> None:
    as_json = client.get(
        "/sparql", params={"query": "SELECT"}, headers={"Accept": "application/json"}
    )
    assert as_json.status_code == 400
    assert as_json.json()["status"] == 400
    as_html = client.get("/sparql", params={"query": "SELECT"}, headers={"Accept": "text/html"})
    assert as_html.headers["content-type"].startswith("text/html")
    assert as_html.status_code == 400


def test_results_page_for_browsers_escapes_values(client: TestClient) -> None:
    query = 'SELECT ?x WHERE { BIND("<script>alert(1)</script>" AS ?x) }'
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_json_body_parses_with_standard_library(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": OWL_CLASSES, "format": "json"})
    assert json.loads(response.content)["head"]["vars"] == ["class"]


def test_a_failed_query_is_shown_above_the_editor_holding_it(client: TestClient) -> None:
    from tests.html import parse_html, texts

    query = "SELECT * WHERE {\n  ?s ?p \n}"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/html"})
    assert response.status_code == 400
    page = parse_html(response.text)
    [message] = texts(page.select("[role=alert].error-message"))
    assert message.startswith("malformed query: error at 3:")
    assert page.select_one("textarea[name=query]").get_text() == query  # type: ignore[union-attr]
    assert page.select(".results") == []


def test_user_queries_run_in_the_worker_processes(client: TestClient, store: Store) -> None:
    """The session app evaluates /sparql as `kgserver serve` does (tests/query/test_workers.py)."""
    workers = client.app.state.context.query_workers  # type: ignore[attr-defined]
    assert workers is not None and len(workers.pids) == workers.size
    response = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert int(json_column(response, "n")[0]) == len(store)

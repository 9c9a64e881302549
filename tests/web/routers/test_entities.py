"""Dereferencing entity IRIs: every format, every kind of IRI, parsed back with rdflib."""

from __future__ import annotations

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib import RDF, RDFS, URIRef

from kgserver.rdf import iris
from tests.html import parse_html, texts

OIKG = rdflib.Namespace(iris.ONTOLOGY_NS)
ZENODO = iris.ENTITY_BASE + "infrastructure/zenodo"
CERN = iris.ENTITY_BASE + "funder/cern"

# One IRI of every kind the graph mints under /id/.
KINDS = [
    "infrastructure/zenodo",
    "funder/cern",
    "organization/lyrasis",
    "standard/oai-pmh",
    "grant/schmidt-futures-invest-in-open-infrastructure-2019",
    "category/repository-service",
    "category",
]
FORMATS = [
    ("text/turtle", "turtle", "ttl"),
    ("application/n-triples", "nt", "nt"),
    ("application/ld+json", "json-ld", "jsonld"),
    ("application/rdf+xml", "xml", "rdf"),
]


def parse(body: bytes, rdflib_format: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=body, format=rdflib_format)


@pytest.mark.parametrize("slug", KINDS)
@pytest.mark.parametrize(("media_type", "rdflib_format", "extension"), FORMATS)
def test_every_kind_of_iri_negotiates_every_rdf_format(
    client: TestClient, slug: str, media_type: str, rdflib_format: str, extension: str
) -> None:
    response = client.get(f"/id/{slug}", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in response.headers["vary"]
    assert response.headers["content-location"] == f"http://testserver/id/{slug}.{extension}"
    graph = parse(response.content, rdflib_format)
    assert (URIRef(iris.ENTITY_BASE + slug), None, None) in graph


@pytest.mark.parametrize("path", ["/id/infrastructure/zenodo", "/.well-known/void", "/ontology"])
def test_json_ld_is_compact_and_says_what_the_turtle_says(client: TestClient, path: str) -> None:
    """JSON-LD comes with an @context of the Turtle's prefixes and compact IRIs, and expands to
    the same triples as the Turtle."""
    from rdflib.compare import isomorphic

    json_ld = client.get(path, headers={"Accept": "application/ld+json"})
    document = json_ld.json()
    assert document["@context"]["oikg"] == iris.ONTOLOGY_NS
    assert any(key.startswith(("oikg:", "dcterms:", "rdfs:")) for node in document["@graph"]
               for key in node)  # fmt: skip
    turtle = client.get(path, headers={"Accept": "text/turtle"})
    assert isomorphic(parse(json_ld.content, "json-ld"), parse(turtle.content, "turtle"))


@pytest.mark.parametrize("slug", KINDS)
@pytest.mark.parametrize(("media_type", "rdflib_format", "extension"), FORMATS)
def test_format_suffix_urls_name_their_format_whatever_the_accept_header(
    client: TestClient, slug: str, media_type: str, rdflib_format: str, extension: str
) -> None:
    response = client.get(f"/id/{slug}.{extension}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Accept" not in response.headers.get("vary", "")
    graph = parse(response.content, rdflib_format)
    assert (URIRef(iris.ENTITY_BASE + slug), None, None) in graph


def test_browsers_get_the_html_page_and_its_alternates_are_linked(client: TestClient) -> None:
    response = client.get(
        "/id/infrastructure/zenodo",
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-location"].endswith("/id/infrastructure/zenodo.html")
    links = response.headers["link"]
    for media_type, _, extension in FORMATS:
        assert f'</id/infrastructure/zenodo.{extension}>; rel="alternate"; type="{media_type}"' in (
            links.replace("http://testserver", "")
        )
    page = parse_html(response.text)
    alternates = {link["type"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates["text/turtle"] == "http://testserver/id/infrastructure/zenodo.ttl"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ("application/rdf+xml;q=0.9, application/n-triples;q=0.4", "application/rdf+xml"),
        ("text/*", "text/html"),
        ("text/html;q=0, */*;q=0.1", "text/turtle"),
        ("application/x-turtle", "text/turtle"),
    ],
)
def test_quality_values_are_honoured(client: TestClient, accept: str, expected: str) -> None:
    response = client.get("/id/infrastructure/zenodo", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected


def test_nothing_acceptable_answers_406(client: TestClient) -> None:
    response = client.get("/id/infrastructure/zenodo", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "Accept" in response.headers["vary"]


def test_the_description_is_self_contained(client: TestClient) -> None:
    """Own statements, labels and types of what it links to, and incoming relations."""
    graph = parse(client.get("/id/funder/cern.ttl").content, "turtle")
    cern, zenodo = URIRef(CERN), URIRef(ZENODO)
    assert (cern, RDFS.label, rdflib.Literal("CERN", lang="en")) in graph
    assert (zenodo, OIKG.hostedBy, cern) in graph  # incoming: who it hosts
    assert (zenodo, OIKG.fundedBy, cern) in graph  # incoming: whom it funds
    assert (zenodo, RDFS.label, rdflib.Literal("Zenodo", lang="en")) in graph
    assert (zenodo, RDF.type, OIKG.Infrastructure) in graph
    zenodo_graph = parse(client.get("/id/infrastructure/zenodo.ttl").content, "turtle")
    oai_pmh = URIRef(iris.ENTITY_BASE + "standard/oai-pmh")
    assert (oai_pmh, RDF.type, OIKG.Standard) in zenodo_graph
    assert (oai_pmh, RDFS.label, None) in zenodo_graph
    # Only labels and types of linked entities: not their other statements.
    assert (
        oai_pmh,
        rdflib.URIRef("http://purl.org/dc/terms/description"),
        None,
    ) not in zenodo_graph


def test_unknown_entities_answer_404_with_a_helpful_page(client: TestClient) -> None:
    response = client.get("/id/infrastructure/zenodoo", headers={"Accept": "text/html"})
    assert response.status_code == 404
    page = parse_html(response.text)
    assert texts(page.find_all("h1")) == ["404 Not Found"]
    suggestions = {a.get_text(): a["href"] for a in page.select("ul.results a")}
    assert suggestions.get("Zenodo") == "http://testserver/id/infrastructure/zenodo"
    assert page.find("form", role="search") is not None


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json"])
def test_unknown_entities_answer_404_to_rdf_clients(client: TestClient, accept: str) -> None:
    assert client.get("/id/infrastructure/nothing", headers={"Accept": accept}).status_code == 404
    assert client.get("/id/infrastructure/nothing.ttl").status_code == 404


def test_etag_and_last_modified_make_conditional_requests_answer_304(client: TestClient) -> None:
    first = client.get("/id/infrastructure/zenodo", headers={"Accept": "text/turtle"})
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    again = client.get(
        "/id/infrastructure/zenodo", headers={"Accept": "text/turtle", "If-None-Match": etag}
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert "Accept" in again.headers["vary"]
    since = client.get(
        "/id/infrastructure/zenodo",
        headers={"Accept": "text/turtle", "If-Modified-Since": last_modified},
    )
    assert since.status_code == 304
    other_format = client.get(
        "/id/infrastructure/zenodo", headers={"Accept": "text/html", "If-None-Match": etag}
    )
    assert other_format.status_code == 200


def test_head_answers_the_headers_of_get(client: TestClient) -> None:
    response = client.head("/id/infrastructure/zenodo", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert "etag" in response.headers

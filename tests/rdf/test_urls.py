"""Tests for kgserver.rdf.urls."""

from __future__ import annotations

from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, parse

from kgserver.rdf import iris
from kgserver.rdf.formats import JSON_LD, N_TRIPLES, TURTLE
from kgserver.rdf.urls import Urls, is_web_link


def test_only_web_schemes_become_links() -> None:
    assert is_web_link("https://zenodo.org/")
    assert is_web_link("HTTP://example.org/")
    assert is_web_link("mailto:info@example.org")
    assert not is_web_link("javascript:alert(1)")
    assert not is_web_link("urn:isbn:0451450523")


def test_href_maps_the_graphs_iris_to_this_server_and_leaves_others() -> None:
    urls = Urls.at("http://127.0.0.1:8000/kg/")
    assert urls.root == "http://127.0.0.1:8000/kg"
    assert urls.href(iris.ENTITY_BASE + "funder/x") == "http://127.0.0.1:8000/kg/id/funder/x"
    assert urls.href(iris.ONTOLOGY) == "http://127.0.0.1:8000/kg/ontology"
    assert urls.href("https://schema.org/Organization") == "https://schema.org/Organization"


def test_path_encodes_query_parameters_only_when_there_are_some() -> None:
    urls = Urls.at("http://testserver")
    assert urls.path("/browse") == "http://testserver/browse"
    assert (
        urls.path("/search", [("q", "open access"), ("kind", "a&b")])
        == "http://testserver/search?q=open+access&kind=a%26b"
    )


def test_alternates_names_one_document_per_format() -> None:
    header = Urls.at("http://testserver").alternates("http://testserver/id/x", [TURTLE, JSON_LD])
    assert header == (
        '<http://testserver/id/x.ttl>; rel="alternate"; type="text/turtle", '
        '<http://testserver/id/x.jsonld>; rel="alternate"; type="application/ld+json"'
    )


def test_entity_urls_are_served_and_describe_the_canonical_iri(client: TestClient) -> None:
    urls = Urls.at(str(client.base_url))
    slug = "infrastructure/zenodo"
    assert urls.entity(slug) == "http://testserver/id/infrastructure/zenodo"
    for fmt in (TURTLE, N_TRIPLES):
        response = client.get(urls.entity(slug, fmt))
        assert response.status_code == 200, fmt.name
        assert response.headers["content-type"].split(";")[0] == fmt.media_type
        subjects = {t.subject for t in parse(response.content, format=fmt.rdf_format)}
        assert NamedNode(iris.ENTITY_BASE + slug) in subjects

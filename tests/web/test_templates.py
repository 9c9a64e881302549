"""Every literal from the data is escaped: markup in a value is shown, never run."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Literal, NamedNode, Quad, Store

from kgserver.app import create_app
from kgserver.rdf import iris
from kgserver.settings import Settings
from tests.html import parse_html

EVIL_NAME = "<script>alert('name')</script>Evil"
EVIL_DESCRIPTION = "</script><script>alert('jsonld')</script><img src=x onerror=alert(1)>"
EVIL_COUNTRY = "<svg onload=alert(2)>"
EVIL = iris.ENTITY_BASE + "infrastructure/evil"
OIKG = iris.ONTOLOGY_NS


@pytest.fixture(scope="module")
def evil_client(store: Store) -> Iterator[TestClient]:
    """The bundled graph plus an infrastructure whose every value is an attack."""
    evil_store = Store()
    evil_store.extend(list(store))
    data = NamedNode(iris.DATA_GRAPH)
    evil = NamedNode(EVIL)

    def add(predicate: str, obj: NamedNode | Literal) -> None:
        evil_store.add(Quad(evil, NamedNode(predicate), obj, data))

    add("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", NamedNode(OIKG + "Infrastructure"))
    add("http://www.w3.org/2000/01/rdf-schema#label", Literal(EVIL_NAME, language="en"))
    add("http://purl.org/dc/terms/description", Literal(EVIL_DESCRIPTION, language="en"))
    add(OIKG + "countryCode", Literal(EVIL_COUNTRY))
    add(OIKG + "foundingYear", Literal('1999"><script>alert(3)</script>'))
    add("http://xmlns.com/foaf/0.1/homepage", NamedNode("javascript:alert(4)"))
    add(OIKG + "hostedBy", NamedNode(iris.ENTITY_BASE + "funder/cern"))
    with TestClient(create_app(Settings(), evil_store)) as client:
        yield client


PAGES = [
    "/id/infrastructure/evil",
    "/id/funder/cern",
    "/search?q=evil",
    "/browse?type=Infrastructure",
    "/compare?id=infrastructure/evil&id=infrastructure/zenodo",
    "/stats",
    "/",
    "/id/infrastructure/evil%3Cscript%3E",
]


@pytest.mark.parametrize("url", PAGES)
def test_markup_in_data_is_rendered_inert(evil_client: TestClient, url: str) -> None:
    response = evil_client.get(url, headers={"Accept": "text/html"})
    assert response.status_code in (200, 404)
    page = parse_html(response.text)
    for script in page.find_all("script"):
        assert script.get("type") == "application/ld+json", script
        assert "</script" not in script.string.lower()
    for element in page.find_all(True):
        assert not any(name.lower().startswith("on") for name in element.attrs), element
        assert not element.get("href", "").lower().startswith("javascript:"), element
    for script in page.find_all("script"):  # data inside JSON-LD stays JSON data
        document = json.loads(script.string)
        assert "javascript:" not in document.get("url", "")


def test_the_evil_values_are_shown_as_text(evil_client: TestClient) -> None:
    page = parse_html(
        evil_client.get("/id/infrastructure/evil", headers={"Accept": "text/html"}).text
    )
    assert page.find("h1").get_text() == EVIL_NAME
    assert page.select_one("p.description").get_text() == EVIL_DESCRIPTION
    assert EVIL_COUNTRY in page.select_one("dl.properties").get_text()
    assert "javascript:alert(4)" in page.select_one("dl.properties").get_text()

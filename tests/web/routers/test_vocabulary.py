"""`/ontology` and `/shapes`: negotiated RDF, and HTML documentation generated from the graph."""

from __future__ import annotations

import json

import pytest
import rdflib
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, Store
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kgserver.rdf import iris
from tests.html_tree import Element, parse_html

RDF_FORMATS = [
    ("text/turtle", "turtle", "ttl"),
    ("application/ld+json", "json-ld", "jsonld"),
    ("application/rdf+xml", "xml", "rdf"),
    ("application/n-triples", "nt", "nt"),
]
OIKG = iris.ONTOLOGY_NS


def graph_size(store: Store, graph: str) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, NamedNode(graph)))


@pytest.fixture(scope="module")
def ontology_page(client: TestClient) -> Element:
    response = client.get("/ontology", headers={"Accept": "text/html"})
    assert response.status_code == 200
    return parse_html(response.text)


@pytest.fixture(scope="module")
def ontology_graph(client: TestClient) -> rdflib.Graph:
    return rdflib.Graph().parse(data=client.get("/ontology.ttl").text, format="turtle")


@pytest.mark.parametrize(
    ("path", "graph"), [("/ontology", iris.ONTOLOGY), ("/shapes", iris.SHAPES)]
)
@pytest.mark.parametrize(("media_type", "rdflib_format", "extension"), RDF_FORMATS)
def test_rdf_clients_get_the_whole_graph_in_the_format_they_accept(
    client: TestClient,
    store: Store,
    path: str,
    graph: str,
    media_type: str,
    rdflib_format: str,
    extension: str,
) -> None:
    for response in (
        client.get(path, headers={"Accept": media_type}),
        client.get(f"{path}.{extension}"),
        client.get(path, params={"format": extension}),
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == media_type
        parsed = rdflib.Graph().parse(data=response.content, format=rdflib_format)
        assert len(parsed) == graph_size(store, graph)
        assert (rdflib.URIRef(graph), RDF.type, OWL.Ontology) in parsed


def test_negotiated_responses_vary_on_accept_and_link_their_twins(client: TestClient) -> None:
    response = client.get("/ontology", headers={"Accept": "application/ld+json"})
    assert "Accept" in [v.strip() for v in response.headers["vary"].split(",")]
    assert response.headers["content-location"].endswith("/ontology.jsonld")
    links = response.headers["link"]
    for _, _, extension in RDF_FORMATS:
        assert f"/ontology.{extension}>" in links.replace(" ", "")


def test_any_client_gets_turtle_and_browsers_get_html(client: TestClient) -> None:
    assert (
        client.get("/ontology", headers={"Accept": "*/*"})
        .headers["content-type"]
        .startswith("text/turtle")
    )
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert (
        client.get("/ontology", headers={"Accept": browser})
        .headers["content-type"]
        .startswith("text/html")
    )


def test_unoffered_formats_answer_406_and_unknown_extensions_404(client: TestClient) -> None:
    assert client.get("/ontology", headers={"Accept": "application/pdf"}).status_code == 406
    assert client.get("/ontology.pdf").status_code == 404


def test_the_version_iri_answers_and_other_versions_do_not(
    client: TestClient, ontology_graph: rdflib.Graph
) -> None:
    version_iri = ontology_graph.value(rdflib.URIRef(iris.ONTOLOGY), OWL.versionIRI)
    assert version_iri is not None
    path = "/" + str(version_iri)[len(iris.BASE) :]
    assert client.get(path, headers={"Accept": "text/turtle"}).status_code == 200
    assert client.get("/ontology/0.0.0", headers={"Accept": "text/turtle"}).status_code == 404


def own_terms(graph: rdflib.Graph) -> list[rdflib.URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted(
        s
        for kind in kinds
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, rdflib.URIRef) and str(s).startswith(OIKG)
    )


def test_every_term_iri_lands_on_an_entry_with_its_definition(
    ontology_page: Element, ontology_graph: rdflib.Graph
) -> None:
    for term in own_terms(ontology_graph):
        entry = ontology_page.find_id(str(term)[len(OIKG) :])
        assert entry is not None, term
        texts = [p.text() for p in entry.iter("p")]
        for definition in ontology_graph.objects(term, SKOS.definition):
            assert " ".join(str(definition).split()) in texts
        heading = next(entry.iter("h3")).text()
        assert heading.startswith(str(ontology_graph.value(term, RDFS.label)))


def test_entries_show_domain_range_supers_and_inverse(ontology_page: Element) -> None:
    entry = ontology_page.find_id("hostedBy")
    assert entry is not None
    facts: dict[str, list[str]] = {}
    current = ""
    for element in next(entry.iter("dl")).children:
        if isinstance(element, Element) and element.tag == "dt":
            current = element.text()
        elif isinstance(element, Element) and element.tag == "dd":
            facts.setdefault(current, []).append(element.text())
    assert facts["Domain"] == ["oikg:Infrastructure"]
    assert facts["Range"] == ["oikg:Organization"]
    assert "schema:provider" in facts["Super-properties"]
    assert facts["Inverse of"] == ["oikg:hosts"]
    links = {a.attrs["href"] for a in entry.iter("a")}
    assert {"#Infrastructure", "#Organization", "#hosts", "https://schema.org/provider"} <= links


def test_the_page_has_overview_hierarchy_diagram_and_schemes(ontology_page: Element) -> None:
    assert next(ontology_page.iter("h1")).text() == "Open Infrastructure Knowledge Graph ontology"
    hierarchy = ontology_page.find_id("hierarchy")
    assert hierarchy is not None
    funder = [li for li in hierarchy.iter("li") if li.text().startswith("oikg:Organization")]
    assert funder and "oikg:Funder" in [a.text() for a in funder[0].iter("a")]
    svg = next(ontology_page.iter("svg"))
    nodes = {a.attrs["href"] for a in svg.iter("a")}
    assert {"#Infrastructure", "#Organization", "#Funder", "#Grant", "#Standard"} <= nodes
    assert "hostedBy" in [t.text() for t in svg.iter("tspan")]
    schemes = ontology_page.find_id("schemes")
    assert schemes is not None
    scheme_links = {a.attrs["href"] for a in schemes.iter("a")}
    assert "https://w3id.org/oikg/id/practice/code-of-conduct" in scheme_links


def test_the_page_links_its_rdf_twins_and_embeds_json_ld(ontology_page: Element) -> None:
    alternates = {
        link.attrs["type"]: link.attrs["href"]
        for link in ontology_page.iter("link")
        if link.attrs.get("rel") == "alternate"
    }
    assert {m for m, _, _ in RDF_FORMATS} <= set(alternates)
    script = next(
        s for s in ontology_page.iter("script") if s.attrs.get("type") == "application/ld+json"
    )
    header = rdflib.Graph().parse(
        data=json.loads(script.text()) and script.text(), format="json-ld"
    )
    assert (rdflib.URIRef(iris.ONTOLOGY), RDF.type, OWL.Ontology) in header


def test_no_page_asset_comes_from_another_host(ontology_page: Element) -> None:
    own = ("/", "http://testserver/")
    for element in ontology_page.iter():
        if "src" in element.attrs:
            assert element.attrs["src"].startswith(own), element.attrs
        if element.tag == "link" and element.attrs.get("rel") == "stylesheet":
            assert element.attrs["href"].startswith(own), element.attrs


def test_the_shapes_page_lists_every_node_shape_with_its_target(
    client: TestClient, store: Store
) -> None:
    shapes = rdflib.Graph().parse(data=client.get("/shapes.ttl").text, format="turtle")
    page = parse_html(client.get("/shapes", headers={"Accept": "text/html"}).text)
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        section = page.find_id(str(shape).rsplit("#", 1)[-1])
        assert section is not None, shape
        for target in shapes.objects(shape, SH.targetClass):
            name = shapes.namespace_manager.normalizeUri(target)
            assert name in [a.text() for a in section.iter("a")], (shape, name)
    infrastructure = page.find_id("InfrastructureShape")
    assert infrastructure is not None
    paths = [row.text() for row in infrastructure.iter("tr")]
    assert any(p.startswith("oikg:hostedBy") for p in paths)


@pytest.mark.parametrize("version", ['"', "a b", "<x>"])
def test_a_version_that_makes_no_iri_is_not_found(client: TestClient, version: str) -> None:
    """Found by the schemathesis run (tests/web/test_openapi.py): it used to answer 500."""
    response = client.get(f"/ontology/{version}")
    assert response.status_code == 404
    assert "is not served here" in response.text

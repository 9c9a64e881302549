"""Compare and change digests with n-ary facts: practice assessments as blank nodes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

from kgserver.app import create_app
from kgserver.catalogue.compare import section_of
from kgserver.catalogue.entities import build_catalogue
from kgserver.rdf import iris
from kgserver.settings import Settings
from tests.html import parse_html, texts

OIKG = iris.ONTOLOGY_NS
ID = iris.ENTITY_BASE
PREF_LABEL = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def assess(store: Store, infrastructure: str, practice: str, status: str, evidence: str) -> None:
    """`infrastructure oikg:practice [ practiceType …; implementationStatus …; evidence … ]`."""
    data, node = NamedNode(iris.DATA_GRAPH), BlankNode()
    store.add(Quad(NamedNode(ID + infrastructure), NamedNode(OIKG + "practice"), node, data))
    for predicate, value in (
        ("practiceType", NamedNode(ID + "practice/test-" + practice)),
        ("implementationStatus", NamedNode(ID + "implementation-status/test-" + status)),
        ("evidence", NamedNode(evidence)),
    ):
        store.add(Quad(node, NamedNode(OIKG + predicate), value, data))


def with_assessments(store: Store, dspace_status: str = "available") -> Store:
    copy = Store()
    copy.extend(list(store))
    ontology = NamedNode(iris.ONTOLOGY_GRAPH)
    for iri, label in (
        (ID + "practice/test-code-of-conduct", "code of conduct"),
        (ID + "practice/test-open-api", "open API"),
        (ID + "implementation-status/test-available", "available"),
        (ID + "implementation-status/test-in-progress", "in progress"),
        (OIKG + "practice", "practice"),
        (OIKG + "implementationStatus", "implementation status"),
    ):
        predicate = PREF_LABEL if "/id/" in iri else RDFS_LABEL
        copy.add(Quad(NamedNode(iri), predicate, Literal(label, language="en"), ontology))
    assess(
        copy, "infrastructure/dspace", "code-of-conduct", dspace_status, "https://lyrasis.org/coc"
    )
    assess(copy, "infrastructure/zenodo", "open-api", "available", "https://developers.zenodo.org/")
    assess(
        copy, "infrastructure/zenodo", "code-of-conduct", "in-progress", "https://zenodo.org/coc"
    )
    return copy


@pytest.fixture(scope="module")
def assessed(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), with_assessments(store))) as client:
        yield client


def test_each_practice_gets_its_own_row_in_openness(assessed: TestClient) -> None:
    url = "/compare?id=infrastructure/dspace&id=infrastructure/zenodo"
    table = parse_html(assessed.get(url).text).find("table")
    section = None
    rows = {}
    for tr in table.select("tbody tr"):
        if "section" in (tr.get("class") or []):
            section = tr.get_text(strip=True)
            continue
        label = " ".join(tr.find("th").get_text().split())
        rows[label] = (section, [texts(td.select("dd")) for td in tr.find_all("td")])
    section, cells = rows["code of conduct"]
    assert section == "Openness"
    assert cells == [
        ["https://lyrasis.org/coc", "available"],
        ["https://zenodo.org/coc", "in progress"],
    ]
    assert rows["open API"][1] == [[], ["https://developers.zenodo.org/", "available"]]


def test_entity_pages_show_an_assessment_with_its_parts(assessed: TestClient) -> None:
    page = parse_html(
        assessed.get("/id/infrastructure/dspace", headers={"Accept": "text/html"}).text
    )
    node = page.select_one("dl.properties dl.node")
    assert texts(node.find_all("dt")) == ["evidence", "implementation status", "practice type"]
    assert node.find("a", href="https://lyrasis.org/coc") is not None


def test_a_changed_assessment_changes_the_infrastructure_digest(store: Store) -> None:
    before = build_catalogue(with_assessments(store))
    reloaded = build_catalogue(with_assessments(store))  # fresh blank-node labels
    after = build_catalogue(with_assessments(store, dspace_status="in-progress"))
    dspace, zenodo = ID + "infrastructure/dspace", ID + "infrastructure/zenodo"
    assert before.digest(before.entities[dspace]) == reloaded.digest(reloaded.entities[dspace])
    assert before.digest(before.entities[dspace]) != after.digest(after.entities[dspace])
    assert before.digest(before.entities[zenodo]) == after.digest(after.entities[zenodo])


@pytest.mark.parametrize(
    ("local", "section"),
    [
        ("governedBy", "Governance"),
        ("usesLicence", "Openness"),
        ("codeLicence", "Openness"),
        ("fundedBy", "Funding"),
        ("implements", "Standards"),
        ("adoptionCount", "Adoption"),
        ("succeededBy", "Other"),
        ("countryCode", "Overview"),
    ],
)
def test_properties_fall_into_sections_by_name(local: str, section: str) -> None:
    assert section_of(OIKG + local) == section

"""Pages for people, read with an HTML parser: home, entities, browse, search, compare, stats."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.catalogue.statistics import TOP_N
from kgserver.rdf import iris
from tests.facts import infrastructures, number, rows, values
from tests.html import parse_html, texts

HTML = {"Accept": "text/html"}
COUNT_BY_CLASS = """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class }
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/oikg/id/"))
  FILTER(!CONTAINS(STR(?s), "#"))  # a fragment IRI is part of its entity, not one of its own
  # Stated classes, and of the inferred ones only the graph's own.
  FILTER(?g != <https://w3id.org/oikg/graph/inferred>
         || STRSTARTS(STR(?class), "https://w3id.org/oikg/ontology#"))
} GROUP BY ?class"""
IMPLEMENTERS = """PREFIX oikg: <https://w3id.org/oikg/ontology#>
SELECT ?label (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a oikg:Infrastructure ; oikg:implements ?s .
  ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } GROUP BY ?label"""


def page(client: TestClient, url: str):  # type: ignore[no-untyped-def]
    response = client.get(url, headers=HTML)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "etag" in response.headers and "last-modified" in response.headers
    return parse_html(response.text)


def test_home_counts_every_class_and_links_every_entry_point(
    client: TestClient, store: Store
) -> None:
    home = page(client, "/")
    expected = {
        row["class"].value: int(row["n"].value)
        for row in store.query(COUNT_BY_CLASS, use_default_graph_as_union=True)
    }
    shown = {}
    for link in home.select("ul.class-counts a"):
        key = unquote(link["href"].split("type=", 1)[1])
        shown[key] = int(link.select_one(".count").get_text())
    assert shown == {k.removeprefix(iris.ONTOLOGY_NS): v for k, v in expected.items()}
    hrefs = {a["href"].removeprefix("http://testserver") for a in home.select("main a")}
    for entry_point in (
        "/browse",
        "/sparql",
        "/ontology",
        "/contribute",
        "/.well-known/void",
        "/compare",
        "/stats",
    ):
        assert entry_point in hrefs
    assert home.find("form", role="search")["action"] == "http://testserver/search"


def test_entity_page_shows_labelled_properties_relations_and_sources(
    client: TestClient, store: Store
) -> None:
    zenodo = page(client, "/id/infrastructure/zenodo")
    assert texts(zenodo.find_all("h1")) == ["Zenodo"]
    assert texts(zenodo.select("p.kind > a")) == ["infrastructure"]
    assert texts(zenodo.select("p.kind .categories a")) == [
        "Repository service",
        "Repository software",
    ]
    properties = zenodo.select_one("dl.properties")
    labels = texts(properties.find_all("dt", recursive=False))
    assert labels == sorted(labels)
    assert {"funded by", "hosted by", "implements", "founding year", "homepage"} <= set(labels)
    links = {a.get_text(): a["href"] for a in properties.find_all("a")}
    assert links["CERN"] == "http://testserver/id/funder/cern"
    assert links["OAI-PMH"] == "http://testserver/id/standard/oai-pmh"
    zenodo_iri = iris.ENTITY_BASE + "infrastructure/zenodo"
    sources = values(store, zenodo_iri, "http://purl.org/dc/terms/source")
    assert texts(zenodo.select("ul.sources li")) == sources
    modified = values(store, zenodo_iri, "http://purl.org/dc/terms/modified")
    assert zenodo.select_one("footer time")["datetime"] == modified[-1]
    downloads = {a.get_text(): a["href"] for a in zenodo.select("footer.entity-meta a")}
    assert downloads["Turtle"] == "http://testserver/id/infrastructure/zenodo.ttl"
    schema = json.loads(zenodo.find("script", type="application/ld+json").string)
    assert schema["@context"] == "https://schema.org"
    parents = rows(
        store,
        "SELECT ?c { oikg:Infrastructure rdfs:subClassOf ?c "
        'FILTER(STRSTARTS(STR(?c), "https://schema.org/")) }',
    )
    expected_types = {c.removeprefix("https://schema.org/") for (c,) in parents} or {"Thing"}
    assert set(schema["@type"]) <= expected_types
    assert schema["name"] == "Zenodo"
    assert schema["url"] == "https://zenodo.org/"


def practices_on_page(client: TestClient, path: str) -> dict[str, list[str]]:
    """Practice type -> evidence links, as the entity page shows its practice assessments."""
    shown = {}
    for node in page(client, path).select("dl.properties dl.node"):
        described: dict[str, list] = {}  # each dt with the dd elements that follow it
        for element in node.find_all(["dt", "dd"], recursive=False):
            if element.name == "dt":
                term = texts([element])[0]
            else:
                described.setdefault(term, []).append(element)
        if "practice type" in described:
            practice = texts(described["practice type"])[0]
            links = [a["href"] for dd in described.get("evidence", []) for a in dd.find_all("a")]
            shown[practice] = sorted(links)
    return shown


@pytest.mark.parametrize("entity", ["standard/iiif", "infrastructure/zenodo"])
def test_a_standard_page_shows_its_practices_as_an_infrastructure_page_does(
    client: TestClient, store: Store, entity: str
) -> None:
    stated = rows(
        store,
        """SELECT ?label ?evidence $e WHERE { $e oikg:practice ?p .
            ?p oikg:practiceType/<http://www.w3.org/2004/02/skos/core#prefLabel> ?label .
            OPTIONAL { ?p oikg:evidence ?evidence } }""",
        e=iris.ENTITY_BASE + entity,
    )
    expected: dict[str, list[str]] = {}
    for label, evidence, _ in stated:
        expected.setdefault(label, []).extend([evidence] if evidence else [])
    assert len(expected) == 16
    assert practices_on_page(client, f"/id/{entity}") == {
        label: sorted(pages) for label, pages in expected.items()
    }


def test_entity_page_groups_incoming_relations_and_links_identifiers_out(
    client: TestClient, store: Store
) -> None:
    ioi = page(client, "/id/organization/invest-in-open-infrastructure")
    related = ioi.select_one("#incoming").find_parent("section")
    grants = rows(
        store,
        "SELECT ?g $o { ?g oikg:awardedTo $o }",
        o=iris.ENTITY_BASE + "organization/invest-in-open-infrastructure",
    )
    linked = {a["href"].removeprefix("http://testserver/id/") for a in related.find_all("a")}
    assert linked >= {g.removeprefix(iris.ENTITY_BASE) for g, _ in grants} and grants
    funder = page(client, "/id/funder/wellcome-trust")
    identifiers = {a.get_text(): a["href"] for a in funder.select("ul.identifiers a")}
    wellcome = rows(
        store,
        "SELECT ?id $f { VALUES ?p { oikg:rorId oikg:wikidataItem oikg:crossrefFunderId }"
        " $f ?p ?id }",
        f=iris.ENTITY_BASE + "funder/wellcome-trust",
    )
    assert "https://ror.org/029chgv08" in identifiers and len(wellcome) == 3
    assert identifiers == {identifier: identifier for identifier, _ in wellcome}
    cern = page(client, "/id/funder/cern")
    related = cern.select_one("#incoming").find_parent("section")
    named = texts(related.find_all("dt"))
    funders = rows(
        store, "SELECT ?i $f { ?i oikg:fundedBy $f }", f=iris.ENTITY_BASE + "funder/cern"
    )
    assert funders and "funds" in named  # named by owl:inverseOf
    inverse = rows(
        store,
        "SELECT ?label $p { ?p owl:inverseOf ?q . ?q rdfs:label ?label }",
        p=iris.ONTOLOGY_NS + "fundedBy",
    )
    assert [label for label, _ in inverse] == ["funds"]
    assert "funded by this" not in named and len(named) == len(set(named))


def test_browse_lists_a_class_with_facet_counts(client: TestClient, store: Store) -> None:
    listing = page(client, "/browse?type=Infrastructure")
    total = infrastructures(store)
    assert texts(listing.select("#result-count"))[0].startswith(f"{total} results")
    facets = {
        section.find("h2").get_text(): {
            li.find("a").get_text(): int(li.select_one(".count").get_text())
            for li in section.find_all("li")
        }
        for section in listing.select("section.facet")
    }
    assert set(facets) >= {"Category", "Country", "Standard implemented", "Funder", "Host"}
    oai_pmh = len(
        rows(
            store,
            "SELECT DISTINCT ?i $s { ?i a oikg:Infrastructure ; oikg:implements $s }",
            s=iris.ENTITY_BASE + "standard/oai-pmh",
        )
    )
    assert facets["Standard implemented"]["OAI-PMH"] == oai_pmh
    located = number(
        store,
        "SELECT (COUNT(DISTINCT ?i) AS ?n) { ?i a oikg:Infrastructure ; oikg:countryCode ?c }",
    )
    assert sum(facets["Country"].values()) == located  # one country each
    narrowed = page(client, "/browse?type=Infrastructure&funder=funder/wellcome-trust")
    names = texts(narrowed.select("ol.hits h3"))
    assert len(names) == facets["Funder"]["Wellcome Trust"] > 0
    assert texts(narrowed.select("ul.selected-filters li"))[-1].startswith("Funder: Wellcome Trust")


def test_browse_paginates(client: TestClient) -> None:
    first = page(client, "/browse")
    assert "page 1 of" in first.select_one("#result-count").get_text()
    numbers = texts(first.select("nav.pagination li"))
    assert numbers[:2] == ["1", "2"]
    second = page(client, "/browse?page=2")
    one = texts(first.select("ol.hits h3"))
    two = texts(second.select("ol.hits h3"))
    assert len(one) == 20 and two and not set(one) & set(two)


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("zenodo", "infrastructure/zenodo"),
        ("ZÉNODO", "infrastructure/zenodo"),
        ("oai ore", "standard/oai-ore"),
        ("open access journals&type=Infrastructure", "infrastructure/doaj"),
        ("wellcome trust", "funder/wellcome-trust"),
    ],
)
def test_search_ranks_names_first(client: TestClient, query: str, slug: str) -> None:
    results = page(client, f"/search?q={query}")
    assert results.select("ol.hits h3 a")[0]["href"] == f"http://testserver/id/{slug}"


def test_search_needs_every_word_and_says_when_nothing_matches(client: TestClient) -> None:
    results = page(client, "/search?q=zenodo+arxiv")
    assert texts(results.select("ol.hits li.empty"))
    assert texts(results.select("#result-count")) == ["0 results for “zenodo arxiv”"]


def test_compare_puts_infrastructures_side_by_side(client: TestClient, store: Store) -> None:
    table = page(client, "/compare?id=infrastructure/zenodo&id=infrastructure/dspace").find("table")
    assert texts(table.select("thead th")) == ["Attribute", "Zenodo", "DSpace"]
    sections = texts(table.select("tr.section th"))
    assert sections[0] == "Overview" and {"Governance", "Funding", "Standards"} <= set(sections)
    rows = {
        " ".join(tr.find("th").get_text().split()): [
            texts(td.find_all("li")) for td in tr.find_all("td")
        ]
        for tr in table.select("tbody tr:not(.section)")
    }
    assert rows["hosted by"] == [["CERN"], ["Lyrasis"]]
    assert rows["founding year"] == [["2013"], ["2002"]]
    dspace = iris.ENTITY_BASE + "infrastructure/dspace"
    if not values(store, dspace, iris.ONTOLOGY_NS + "fundedBy"):
        assert rows["funded by"][1] == []  # no funder stated: an empty cell


def test_compare_asks_for_a_selection_and_refuses_more_than_four(
    client: TestClient, store: Store
) -> None:
    empty = page(client, "/compare")
    assert empty.find("table") is None
    assert len(empty.select("form.compare-picker input[type=checkbox]")) == infrastructures(store)
    ids = "&".join(
        f"id=infrastructure/{s}" for s in ("zenodo", "dspace", "arxiv", "core", "dryad", "nope")
    )
    too_many = client.get(f"/compare?{ids}", headers={"Accept": "text/plain"})
    assert too_many.status_code == 400
    assert "at most 4 ids can be compared; 6 were given" in too_many.text
    thousand = "&".join(f"id=infrastructure/x{n}" for n in range(1000))
    assert client.get(f"/compare?{thousand}").status_code == 400
    four = page(client, "/compare?" + ids.rsplit("&", 2)[0])  # four ids, all known
    assert len(four.select("thead th")) == 5


def test_statistics_draws_every_chart_with_correct_counts(client: TestClient, store: Store) -> None:
    stats = page(client, "/stats")
    captions = texts(stats.select("figure.chart figcaption"))
    assert captions == [
        "Infrastructures by category",
        "Infrastructures by country",
        "Infrastructures by founding decade",
        "Infrastructures by licence",
        "Most implemented standards",
        "Largest funders, by infrastructures funded",
    ]
    standards = stats.select_one("#chart-standard")
    assert standards.find("svg")["role"] == "img"
    drawn = {
        bar.find("title").get_text().rsplit(": ", 1)[0]: int(
            bar.find("title").get_text().rsplit(": ", 1)[1]
        )
        for bar in standards.select("svg a")
    }
    expected = {
        row["label"].value: int(row["n"].value)
        for row in store.query(IMPLEMENTERS, use_default_graph_as_union=True)
    }
    # The chart draws the most implemented first (ties by name), up to TOP_N bars.
    ranked = sorted(expected.items(), key=lambda item: (-item[1], item[0].casefold()))
    assert drawn == dict(ranked[:TOP_N])
    assert [bar.find("title").get_text() for bar in standards.select("svg a")] == [
        f"{label}: {n}" for label, n in ranked[:TOP_N]
    ]
    if len(expected) > TOP_N:
        assert f"The top {TOP_N} of {len(expected)}." in standards.get_text()

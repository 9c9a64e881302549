"""The answers of the stored queries that survey the whole graph (grants, funders, hosts,
standards, graphs, one entity described), through GET /api/queries/{name} on the real store:
large answers are checked by invariants against what the graph states, asked independently."""

from __future__ import annotations

from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, RdfFormat, Store

from tests.bundle.answered import answers, column, run
from tests.facts import number, rows

ID = "https://w3id.org/oikg/id/"
ZENODO = ID + "infrastructure/zenodo"
SCHEMA = "https://schema.org/"


@answers("grants")
def test_every_grant_with_its_funder_and_recipients(client: TestClient, store: Store) -> None:
    found = run(client, "grants")
    pairs = rows(store, "SELECT ?g ?r { ?g a oikg:Grant ; oikg:awardedTo ?r }")
    assert len(found) == len(pairs) == 76
    assert len({row["grant"] for row in found}) == 48
    amounts = [row["amount"] for row in found if "amount" in row]
    assert amounts == sorted(amounts, reverse=True) and amounts[0] == 4966530


@answers("funders-and-what-they-fund")
def test_funders_and_what_they_fund(client: TestClient, store: Store) -> None:
    found = run(client, "funders-and-what-they-fund")
    stated = rows(store, "SELECT DISTINCT ?f ?x { ?x oikg:fundedBy ?f }")
    assert sorted(column(found, "funder", "funded")) == sorted(stated)
    janeway = {row["funderName"] for row in found if row["fundedName"] == "Janeway"}
    assert janeway == {"Arcadia Fund", "Educopia Institute", "Iowa State University"}


@answers("infrastructures-with-hosts")
def test_infrastructures_with_hosts(client: TestClient, store: Store) -> None:
    found = run(client, "infrastructures-with-hosts")
    assert len(found) == 140 and len({row["infrastructure"] for row in found}) == 124
    assert ("Zenodo", "CERN", "CH") in column(found, "name", "hostName", "country")
    hosted = number(
        store, "SELECT (COUNT(DISTINCT ?i) AS ?n) { ?i a oikg:Infrastructure ; oikg:hostedBy ?h }"
    )
    assert hosted == 124


@answers("standards-by-adoption")
def test_standards_by_adoption(client: TestClient) -> None:
    found = column(run(client, "standards-by-adoption"), "name", "infrastructures")
    assert found[:3] == [("OAI-PMH", 14), ("ORCID iD", 10), ("Dublin Core", 5)]
    assert len(found) == 46 and all(count >= 1 for _, count in found)


@answers("graphs")
def test_graphs_and_their_sizes(client: TestClient, store: Store) -> None:
    found = dict(column(run(client, "graphs"), "graph", "triples"))
    assert sorted(found) == sorted(g.value for g in store.named_graphs())
    for graph, triples in found.items():
        assert triples == len(list(store.quads_for_pattern(None, None, None, NamedNode(graph))))


@answers("describe-entity")
def test_zenodo_is_described_with_the_names_of_what_it_links_to(
    client: TestClient, store: Store
) -> None:
    response = client.get("/api/queries/describe-entity", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Store()
    graph.load(response.content, format=RdfFormat.TURTLE)
    about = {
        (q.predicate.value, q.object.value)
        for q in graph.quads_for_pattern(NamedNode(ZENODO), None, None)
    }
    assert ("http://www.w3.org/2000/01/rdf-schema#label", "Zenodo") in about
    assert (SCHEMA + "provider", ID + "funder/cern") in about  # inferred from oikg:hostedBy
    cern = graph.quads_for_pattern(NamedNode(ID + "funder/cern"), None, None)
    assert [q.object.value for q in cern] == ["CERN"]


@answers("schema-org-view-of-an-infrastructure")
def test_an_infrastructure_in_schema_org_terms(client: TestClient) -> None:
    found = column(run(client, "schema-org-view-of-an-infrastructure"), "property", "value")
    # data/infrastructure/zenodo.ttl: hostedBy, fundedBy, foundedBy, codeRepository, wikidataItem,
    # countryCode, as their schema.org super-properties
    assert found == [
        (SCHEMA + "addressCountry", "CH"),
        (SCHEMA + "codeRepository", "https://github.com/zenodo/zenodo-rdm"),
        (SCHEMA + "founder", ID + "organization/cern-openaire"),
        (SCHEMA + "funder", ID + "funder/alfred-p-sloan-foundation"),
        (SCHEMA + "funder", ID + "funder/arcadia-fund"),
        (SCHEMA + "funder", ID + "funder/cern"),
        (SCHEMA + "funder", ID + "funder/european-commission"),
        (SCHEMA + "funder", ID + "funder/national-institutes-of-health"),
        (SCHEMA + "provider", ID + "funder/cern"),
        (SCHEMA + "sameAs", "http://www.wikidata.org/entity/Q22661177"),
    ]
    dspace = run(
        client, "schema-org-view-of-an-infrastructure", infrastructure="infrastructure/dspace"
    )
    assert (SCHEMA + "provider", ID + "organization/lyrasis") in column(dspace, "property", "value")

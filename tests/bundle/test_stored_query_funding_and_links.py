"""The answers of the stored queries about funding, hosts and the links out of the graph
(Wikidata, ROR, the Open Funder Registry), through GET /api/queries/{name} on the real store.

The amounts, years and recipients are those of data/grant/*.ttl; the identifiers those of
sources/identifiers.csv as the importers wrote them into data/.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, RdfFormat, Store

from tests.bundle.answered import answers, column, run
from tests.facts import number

ID = "https://w3id.org/oikg/id/"
IOI = "Invest in Open Infrastructure"
WDT = "http://www.wikidata.org/prop/direct/"
ONTOLOGY = "https://w3id.org/oikg/ontology#"


@answers("grants-of-a-funder")
def test_grants_of_a_funder(client: TestClient) -> None:
    nsf = run(client, "grants-of-a-funder")
    assert len(nsf) == 10 and len({row["grant"] for row in nsf}) == 7
    # data/grant/national-science-foundation-arxiv-as-an-accessible-large-scale-open.ttl
    assert ("arXiv", "2024", 4966530, "USD") in column(
        nsf, "recipientName", "year", "amount", "currency"
    )
    arcadia = run(client, "grants-of-a-funder", funder="funder/arcadia-fund")
    assert column(arcadia, "recipientName", "year", "amount", "currency") == [
        ("Birkbeck, University of London", "", "", ""),
        ("Janeway", "", "", ""),
        ("Janeway", "2021", 100000, "GBP"),
    ]


@answers("funding-by-year")
def test_money_granted_per_year(client: TestClient) -> None:
    assert column(run(client, "funding-by-year"), "year", "currency", "grants", "total") == [
        ("2019", "USD", 2, 200000),  # Sloan 50,000 and Schmidt Futures 150,000 to IOI
        ("2020", "USD", 6, 110000),  # six grants to IOI
        ("2021", "GBP", 1, 100000),  # Arcadia to Janeway
        ("2022", "USD", 2, 6655765),  # CZI: bioRxiv and medRxiv 4,900,000; 2i2c 1,755,765
        ("2023", "USD", 1, 1249282),  # NSF to Humanities Commons
        ("2024", "USD", 3, 5233530),  # NSF to arXiv, NEH to Manifold, Kress to IIIF
    ]


@answers("grants-awarded-in-a-year", "cq-03-grants-received-by-invest-in-open-infrastructure")
def test_grants_of_a_year(client: TestClient) -> None:
    in_2020 = run(client, "grants-awarded-in-a-year")
    assert {row["recipientName"] for row in in_2020} == {IOI}
    assert sorted(row["amount"] for row in in_2020) == [5000, 5000, 10000, 20000, 20000, 50000]
    in_2024 = column(
        run(client, "grants-awarded-in-a-year", year="2024"), "recipientName", "amount"
    )
    assert in_2024 == [("arXiv", 4966530), ("Manifold", 250000), ("IIIF", 17000)]
    assert run(client, "grants-awarded-in-a-year", year="1999") == []


@answers("grants-of-at-least")
def test_largest_grants(client: TestClient) -> None:
    assert column(run(client, "grants-of-at-least"), "recipientName", "amount", "year") == [
        ("arXiv", 4966530, "2024"),
        ("bioRxiv", 4900000, "2022"),  # one grant to both (data/grant/chan-zuckerberg-…)
        ("medRxiv", 4900000, "2022"),
        ("2i2c", 1755765, "2022"),
        ("Humanities Commons", 1249282, "2023"),
    ]
    assert len(run(client, "grants-of-at-least", at_least="0")) == 16
    assert run(client, "grants-of-at-least", at_least="5000000") == []


@answers("organisations-hosting-several-infrastructures")
def test_organisations_hosting_several(client: TestClient) -> None:
    found = run(client, "organisations-hosting-several-infrastructures")
    hosted = {row["hostName"]: set(row["infrastructures"].split(", ")) for row in found}
    assert hosted["Lyrasis"] == {"Fedora", "ArchivesSpace", "DSpace", "VIVO", "DuraCloud"}
    assert hosted["Code for Science & Society"] == {"PREreview", "2i2c", "OA.Report"}
    assert column(found, "hostName", "hosted")[:2] == [("Lyrasis", 5), ("DataCite", 4)]
    assert len(found) == 8 and all(row["hosted"] >= 3 for row in found)
    two = run(client, "organisations-hosting-several-infrastructures", at_least="2")
    assert len(two) == 20 and {"NumFOCUS", "CERN"} <= {row["hostName"] for row in two}


@answers("fiscally-sponsored-infrastructures", "cq-09-fiscal-sponsors")
def test_fiscally_sponsored_infrastructures(client: TestClient, store: Store) -> None:
    found = run(client, "fiscally-sponsored-infrastructures")
    by_form = number(
        store,
        "SELECT (COUNT(DISTINCT ?i) AS ?n) { ?i a oikg:Infrastructure ; oikg:businessForm ?f"
        " FILTER(STRSTARTS(STR(?f), 'https://w3id.org/oikg/id/business-form/fiscal-'))"
        " FILTER(CONTAINS(STR(?f), 'sponsorship')) }",
    )
    # …and PREreview, whose record names its fiscal sponsor but no business form
    assert len(found) == len({row["infrastructure"] for row in found}) == by_form + 1 == 45
    assert ("PREreview", "Code for Science & Society", "Code for Science & Society") in column(
        found, "name", "hostName", "sponsorName"
    )  # data/infrastructure/prereview.ttl
    sponsors = run(client, "cq-09-fiscal-sponsors")
    assert {row["sponsoredName"] for row in sponsors} == {"PREreview", IOI}


@answers("links-to-wikidata-ror-and-crossref")
def test_links_out_are_built_from_the_stored_identifiers(client: TestClient, store: Store) -> None:
    funders = run(client, "links-to-wikidata-ror-and-crossref")
    nsf = next(row for row in funders if row["entity"] == ID + "funder/national-science-foundation")
    assert nsf == {
        "entity": ID + "funder/national-science-foundation",
        "name": "U.S. National Science Foundation",
        "wikidata": "Q304878",
        "wikidataPage": "https://www.wikidata.org/wiki/Q304878",
        "ror": "021nxhr62",
        "rorRecord": "https://api.ror.org/v2/organizations/021nxhr62",
        "funderId": "100000001",
        "crossrefRecord": "https://api.crossref.org/funders/100000001",
    }
    for row in funders:
        if "wikidata" in row:
            assert row["wikidataPage"].endswith("/wiki/" + row["wikidata"])
        if "ror" in row:
            stated = f"ASK {{ <{row['entity']}> <{ONTOLOGY}rorId> <https://ror.org/{row['ror']}> }}"
            assert store.query(stated, use_default_graph_as_union=True)
    assert len(funders) == number(
        store,
        "SELECT (COUNT(DISTINCT ?f) AS ?n) { ?f a oikg:Funder"
        " { ?f oikg:wikidataItem ?x } UNION { ?f oikg:rorId ?x }"
        " UNION { ?f oikg:crossrefFunderId ?x } }",
    )
    standards = run(
        client, "links-to-wikidata-ror-and-crossref", kind="https://w3id.org/oikg/ontology#Standard"
    )
    assert standards and all("ror" not in row and "wikidata" in row for row in standards)


@answers("wikidata-statements-from-identifiers")
def test_wikidata_statements_in_wikidatas_terms(client: TestClient, store: Store) -> None:
    response = client.get(
        "/api/queries/wikidata-statements-from-identifiers", headers={"Accept": "text/turtle"}
    )
    assert response.status_code == 200
    graph = Store()
    graph.load(response.content, format=RdfFormat.TURTLE)
    cern = NamedNode("http://www.wikidata.org/entity/Q42944")  # data/funder/cern.ttl
    said = {(q.predicate.value, q.object.value) for q in graph.quads_for_pattern(cern, None, None)}
    assert said == {
        ("http://www.w3.org/2002/07/owl#sameAs", ID + "funder/cern"),
        (WDT + "P6782", "01ggx4157"),
        (WDT + "P3153", "100012470"),
        (WDT + "P856", "https://home.web.cern.ch"),
    }
    items = {q.subject for q in graph.quads_for_pattern(None, None, None)}
    assert len(items) == number(
        store, "SELECT (COUNT(DISTINCT ?w) AS ?n) { ?e oikg:wikidataItem ?w }"
    )


def _wikidata_request(url: str) -> str:
    """The query a Wikidata Query Service URL carries, checked to be SPARQL by running it on an
    empty store (offline: no request leaves the machine)."""
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "query.wikidata.org", "/sparql")
    (query,) = parse_qs(parts.query)["query"]
    result = Store().query(query)
    assert isinstance(result, QueryBoolean | QuerySolutions)
    return query


@answers("wikidata-checks-of-ror-ids", "wikidata-lookup-by-ror")
def test_federated_style_requests_ask_wikidata_about_our_values(
    client: TestClient, store: Store
) -> None:
    checks = run(client, "wikidata-checks-of-ror-ids")
    assert len(checks) == number(
        store, "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?o oikg:wikidataItem ?w ; oikg:rorId ?r }"
    )
    wellcome = next(row for row in checks if row["name"] == "Wellcome Trust")
    assert (
        _wikidata_request(wellcome["check"])
        == wellcome["ask"]
        == ("ASK { <http://www.wikidata.org/entity/Q326276> <" + WDT + 'P6782> "029chgv08" }')
    )
    lookups = run(client, "wikidata-lookup-by-ror")
    sloan = next(row for row in lookups if row["name"] == "Alfred P. Sloan Foundation")
    assert sloan["ror"] == "052csg198"
    assert _wikidata_request(sloan["run"]) == sloan["lookup"]
    assert not {row["organisation"] for row in lookups} & {row["organisation"] for row in checks}

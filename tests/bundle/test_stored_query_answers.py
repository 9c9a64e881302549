"""The answers of the stored queries about the catalogue (categories, places, standards,
licences, governance, openness, dependencies, search), through GET /api/queries/{name} on the
real store, with their default and other parameter values.

Small answers are compared row for row; large ones by what must hold of every row and by counts
asked of the graph independently. Every expected value is stated in data/ (the file is named
where it is not obvious), or follows from it by the reasoning the query's header names.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from pyoxigraph import Store

from tests.bundle.answered import answers, column, run
from tests.facts import number, rows

ID = "https://w3id.org/oikg/id/"
INFRA = ID + "infrastructure/"


@answers("infrastructures-in-a-category")
def test_a_category_includes_its_narrower_categories(client: TestClient, store: Store) -> None:
    found = run(client, "infrastructures-in-a-category")
    # AfricArXiv is a preprint server, a narrower category of repository service (categories.ttl)
    assert ("AfricArXiv", "Preprint server") in column(found, "name", "placedIn")
    direct = number(
        store,
        "SELECT (COUNT(DISTINCT ?i) AS ?n) { ?i a oikg:Infrastructure ;"
        " oikg:category <https://w3id.org/oikg/id/category/repository-service> }",
    )
    assert len(found) == direct + 1 == 19
    peer_review = run(
        client, "infrastructures-in-a-category", category="category/peer-review-system"
    )
    assert len(peer_review) == 12
    assert {"PREreview", "Janeway", "Sciety"} <= {row["name"] for row in peer_review}


@answers("infrastructures-in-a-country")
def test_infrastructures_of_a_country_with_their_hosts(client: TestClient) -> None:
    assert column(run(client, "infrastructures-in-a-country"), "infrastructure", "hostName") == [
        (INFRA + "islandora", "Islandora Foundation"),
        (INFRA + "open-journal-systems", "Public Knowledge Project"),
        (INFRA + "open-monograph-press", "Public Knowledge Project"),
        (INFRA + "open-preprint-systems", "Public Knowledge Project"),
        (INFRA + "pressbooks", "Book Oven, Inc."),
        (INFRA + "public-access-submission-system", "Eclipse Foundation"),
        (INFRA + "erudit", "Érudit"),
    ]
    italy = run(client, "infrastructures-in-a-country", code="it")  # any case
    assert column(italy, "infrastructure") == [(INFRA + "opencitations",)]


@answers("infrastructures-in-a-region")
def test_a_region_gathers_its_countries_at_any_depth(client: TestClient) -> None:
    europe = run(client, "infrastructures-in-a-region")
    assert len(europe) == 16
    assert {row["countryName"] for row in europe} == {
        "France", "Germany", "Italy", "Netherlands", "Switzerland", "United Kingdom"
    }  # fmt: skip
    assert ("Zenodo", "Switzerland", "Western Europe") in column(
        europe, "name", "countryName", "subRegionName"
    )
    africa = run(client, "infrastructures-in-a-region", region="region/africa")
    assert column(africa, "name", "countryName", "subRegionName") == [
        ("eduID.africa", "Malawi", "Eastern Africa")
    ]


@answers("implementers-of-a-standard", "cq-05-persistent-identifier-schemes-and-their-users")
def test_implementers_of_a_standard_are_its_implements_read_backwards(
    client: TestClient, store: Store
) -> None:
    for standard in ("standard/oai-pmh", "standard/iiif"):
        found = run(client, "implementers-of-a-standard", standard=standard)
        stated = rows(store, f"SELECT ?i {{ ?i oikg:implements <{ID}{standard}> }} ORDER BY ?i")
        assert sorted((row["infrastructure"],) for row in found) == stated
        assert found and all(row["name"] for row in found)
    oai = run(client, "implementers-of-a-standard")
    assert len(oai) == 14
    assert ("Zenodo", "Repository software, Repository service") in column(
        oai, "name", "categories"
    ) or ("Zenodo", "Repository service, Repository software") in column(oai, "name", "categories")


@answers("infrastructures-under-a-code-licence")
def test_a_licence_matches_spdx_iris_and_the_concepts_that_map_to_them(
    client: TestClient,
) -> None:
    mit = run(client, "infrastructures-under-a-code-licence")
    stated = {row["statedAs"] for row in mit}
    assert stated == {"https://spdx.org/licenses/MIT", ID + "code-licence/mit-license"}
    assert len(mit) == 30
    # data/infrastructure/ror.ttl names the concept, data/infrastructure/katex.ttl the SPDX IRI
    assert {"ROR", "KaTeX"} <= {row["name"] for row in mit}
    apache = run(client, "infrastructures-under-a-code-licence", licence="Apache-2.0")
    assert ("Zenodo", ID + "code-licence/apache-license-version-2-0") in column(
        apache, "name", "statedAs"
    )
    assert run(client, "infrastructures-under-a-code-licence", licence="WTFPL") == []


@answers("licences-in-use")
def test_licences_in_use_count_code_and_content_licences(client: TestClient, store: Store) -> None:
    found = run(client, "licences-in-use")
    counted = dict(column(found, "licence", "infrastructures"))
    assert counted["https://spdx.org/licenses/MIT"] == 18
    assert counted[ID + "content-licence/cc0"] == 3
    used = rows(
        store,
        "SELECT DISTINCT ?l { ?i a oikg:Infrastructure ."
        " { ?i oikg:codeLicence ?l } UNION { ?i oikg:contentLicence ?l } } ORDER BY ?l",
    )
    assert sorted((licence,) for licence in counted) == used
    assert [row["infrastructures"] for row in found] == sorted(
        (row["infrastructures"] for row in found), reverse=True
    )


@answers("governance-of-infrastructures")
def test_governance_lists_the_kind_asked_for(client: TestClient, store: Store) -> None:
    for kind, expected in (("formal", 29), ("ad-hoc", 16), ("none", 6)):
        found = run(
            client, "governance-of-infrastructures", governance=f"community-governance/{kind}"
        )
        assert len(found) == expected
        assert len(found) == number(
            store,
            "SELECT (COUNT(DISTINCT ?i) AS ?n) { ?i a oikg:Infrastructure ;"
            f" oikg:communityGovernance <{ID}community-governance/{kind}> }}",
        )
    formal = column(run(client, "governance-of-infrastructures"), "name", "board")
    assert ("arXiv", "Multi-board governance") in formal and ("Dryad", "") in formal


@answers("infrastructures-without-open-code")
def test_infrastructures_without_open_code_have_no_repository(
    client: TestClient, store: Store
) -> None:
    found = run(client, "infrastructures-without-open-code")
    without = rows(
        store,
        "SELECT ?i { ?i a oikg:Infrastructure FILTER NOT EXISTS { ?i oikg:codeRepository ?r } }"
        " ORDER BY ?i",
    )
    assert sorted({(row["infrastructure"],) for row in found}) == without
    assert len(without) == 82
    assessed = {(row["name"], row["assessed"]) for row in found if row.get("assessed")}
    # the assessments of data/infrastructure/{biorxiv,medrxiv,mendeley-data,...}.ttl
    assert assessed == {
        ("bioRxiv", "Not planning"),
        ("medRxiv", "Not planning"),
        ("Mendeley Data", "Not planning"),
        ("Open Policy Finder", "Not planning"),
        ("OAPEN Library", "In progress"),
        ("Directory of Open Access Books", "Considering"),
        ("eduID.africa", "Not applicable"),
    }


@answers("practice-status-counts")
def test_practice_status_counts(client: TestClient) -> None:
    assert column(run(client, "practice-status-counts"), "statusName", "infrastructures") == [
        ("Implemented/available", 44),
        ("Not planning", 4),
        ("Considering", 1),
        ("In progress", 1),
        ("Not applicable", 1),
    ]
    conduct = run(client, "practice-status-counts", practice="practice/code-of-conduct")
    assert conduct and conduct[0]["statusName"] == "Implemented/available"
    assert sum(row["infrastructures"] for row in conduct) <= 184


@answers("what-depends-on-an-infrastructure")
def test_dependents_are_followed_through_the_chain(client: TestClient) -> None:
    fedora = column(run(client, "what-depends-on-an-infrastructure"), "name", "through")
    # islandora.ttl and samvera.ttl depend on Fedora, hyrax.ttl on Samvera, heliotrope.ttl on
    # Hyrax, fulcrum.ttl on Heliotrope
    assert fedora == [
        ("Fulcrum", "Heliotrope"),
        ("Heliotrope", "Hyrax"),
        ("Hyrax", "Samvera"),
        ("Islandora", "Fedora"),
        ("Samvera", "Fedora"),
    ]
    pubsweet = run(
        client, "what-depends-on-an-infrastructure", infrastructure="infrastructure/pubsweet"
    )
    assert {row["name"] for row in pubsweet} == {
        "Editoria", "Libero Producer", "Libero Publisher", "Phenom Reviewer", "Phenom Screener",
        "Wax", "XSweet",
    }  # fmt: skip
    assert (
        run(client, "what-depends-on-an-infrastructure", infrastructure="infrastructure/fulcrum")
        == []
    )


@answers("infrastructures-using-a-technology")
def test_a_technology_is_found_as_key_technology_and_as_dependency(client: TestClient) -> None:
    solr = column(run(client, "infrastructures-using-a-technology"), "name", "statedAs")
    assert ("Blacklight", "depends on") in solr and ("Islandora", "depends on") in solr
    assert ("DSpace", "key technology") in solr
    assert len(solr) == 17
    python = run(client, "infrastructures-using-a-technology", technology="Python")
    # 25 records name Python; two of them are standards (creative-commons-licenses, ark)
    assert len(python) == 23 and all(row["statedAs"] == "key technology" for row in python)


@answers("integrations-of-an-infrastructure")
def test_integrations_are_read_from_either_side(client: TestClient) -> None:
    # ORCID's own record names no integration: each of these names ORCID (integratesWith)
    assert column(run(client, "integrations-of-an-infrastructure"), "name") == [
        ("DSpace",), ("Europe PMC",), ("PubPub",), ("Rogue Scholar",), ("bioRxiv",), ("medRxiv",)
    ]  # fmt: skip
    dspace = run(
        client, "integrations-of-an-infrastructure", infrastructure="infrastructure/dspace"
    )
    assert {row["name"] for row in dspace} == {
        "ORCID",
        "arXiv",
        "VuFind",
        "SciELO",
        "LA Referencia",
    }


@answers("search-descriptions")
def test_search_finds_text_in_the_language_asked_for(client: TestClient) -> None:
    preprint = {row["name"] for row in run(client, "search-descriptions")}
    assert {"arXiv", "bioRxiv", "OSF Preprints", "Chan Zuckerberg Initiative"} <= preprint
    assert len(preprint) == 11
    assert run(client, "search-descriptions", text="Zenodo", language="EN")  # tags in any case
    assert run(client, "search-descriptions", text="Zenodo", language="fr") == []

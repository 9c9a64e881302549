"""Stored queries as a REST API (kgserver/web/routers/queries.py), through HTTP on the real store.

The bundled queries are checked by tests/query/test_examples.py; here a folder of queries
written for the test exercises every parameter type, including attempts to inject SPARQL
through each.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.app import create_app
from kgserver.settings import Settings
from tests.html import parse_html

QUERIES = {
    "grants-of-funder": """# title: Grants of a funder
# description: The grants one funder awarded, with their recipients.
# question: What has this funder supported?
# audience: funders
# param: funder: iri = funder/wellcome-trust -- the funder
PREFIX oikg: <https://w3id.org/oikg/ontology#>
SELECT ?grant ?recipient WHERE {
  ?grant oikg:awardedBy ?funder ; oikg:awardedTo ?recipient .
}
ORDER BY ?grant ?recipient
""",
    "founded-before": """# title: Infrastructures founded before a year
# description: Infrastructures and their founding year, earlier than the one given.
# param: before: year -- the first year left out
PREFIX oikg: <https://w3id.org/oikg/ontology#>
SELECT ?infrastructure ?year WHERE {
  ?infrastructure a oikg:Infrastructure ; oikg:foundingYear ?year .
  FILTER(?year < ?before)
}
ORDER BY ?year ?infrastructure
""",
    "named": """# title: Entities with a name
# description: Entities whose name is exactly the text given, in any case.
# param: name: string = Zenodo -- the name
# param: lang: language = en -- the language of the name, if it has one
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity WHERE {
  ?entity rdfs:label ?label .
  FILTER(LCASE(STR(?label)) = LCASE(?name))
  FILTER(LANG(?label) = "" || LANGMATCHES(LANG(?label), ?lang))
}
""",
    "more-funders-than": """# title: Infrastructures with more funders than a number
# description: Infrastructures and how many funders they have, above the number given.
# param: at_least: integer = 3 -- the fewest funders counted
PREFIX oikg: <https://w3id.org/oikg/ontology#>
SELECT ?infrastructure (COUNT(DISTINCT ?funder) AS ?funders) WHERE {
  ?infrastructure a oikg:Infrastructure ; oikg:fundedBy ?funder .
}
GROUP BY ?infrastructure ?at_least
HAVING (COUNT(DISTINCT ?funder) >= ?at_least)
ORDER BY DESC(?funders) ?infrastructure
""",
}
QUERIES["of-a-class"] = """# title: Entities of a class
# description: Entities of the class given, whose parameter is named with a Python keyword.
# param: class: iri = https://w3id.org/oikg/ontology#Funder -- the class
SELECT (COUNT(?entity) AS ?n) WHERE { ?entity a ?class }
"""
ZENODO = "https://w3id.org/oikg/id/infrastructure/zenodo"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, store: Store) -> Iterator[TestClient]:
    bundle = tmp_path_factory.mktemp("bundle")
    (bundle / "queries").mkdir()
    for name, text in QUERIES.items():
        (bundle / "queries" / f"{name}.rq").write_text(text, encoding="utf-8")
    app = create_app(Settings(bundle_dir=Path(bundle), query_timeout=0), store)
    with TestClient(app) as client:
        yield client


def test_the_listing_gives_every_query_with_its_typed_parameters(api: TestClient) -> None:
    response = api.get("/api/queries")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    listed = {q["name"]: q for q in response.json()}
    assert set(listed) == set(QUERIES)
    grants = listed["grants-of-funder"]
    assert grants["question"] == "What has this funder supported?"
    assert grants["audience"] == "funders"
    assert grants["url"] == "http://testserver/api/queries/grants-of-funder"
    assert grants["parameters"] == [
        {
            "name": "funder",
            "type": "iri",
            "default": "funder/wellcome-trust",
            "description": "the funder",
            "expects": "an IRI, or a path under https://w3id.org/oikg/id/",
        }
    ]
    assert [p["name"] for p in listed["named"]["parameters"]] == ["name", "lang"]


def test_the_listing_for_people_is_a_form_per_query(api: TestClient) -> None:
    page = parse_html(api.get("/api/queries", headers={"Accept": "text/html"}).text)
    forms = {f["action"].rsplit("/", 1)[-1]: f for f in page.select("form")}
    assert set(forms) == set(QUERIES)
    inputs = forms["founded-before"].select("input[name=before]")
    assert inputs and inputs[0].has_attr("required")


def test_a_query_runs_with_its_default_as_json_rows(api: TestClient, store: Store) -> None:
    from tests.facts import rows

    response = api.get("/api/queries/grants-of-funder")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    expected = rows(
        store,
        "SELECT ?g ?r { ?g oikg:awardedBy <https://w3id.org/oikg/id/funder/wellcome-trust> ;"
        " oikg:awardedTo ?r } ORDER BY ?g ?r",
    )
    assert [(row["grant"], row["recipient"]) for row in response.json()] == expected
    assert expected


def test_a_parameter_changes_the_answer(api: TestClient) -> None:
    sloan = api.get(
        "/api/queries/grants-of-funder", params={"funder": "funder/alfred-p-sloan-foundation"}
    )
    wellcome = api.get("/api/queries/grants-of-funder")
    assert sloan.status_code == 200
    assert sloan.json() and sloan.json() != wellcome.json()
    assert all("sloan" in row["grant"] for row in sloan.json())


def test_typed_values_filter_as_their_type(api: TestClient) -> None:
    early = api.get("/api/queries/founded-before", params={"before": "1995"}).json()
    assert early and all(int(row["year"]) < 1995 for row in early)
    zenodo = api.get("/api/queries/named", params={"name": "zenodo"}).json()
    assert zenodo == [{"entity": ZENODO}]
    counted = api.get("/api/queries/more-funders-than", params={"at_least": "4"}).json()
    assert counted and all(row["funders"] >= 4 for row in counted)
    assert isinstance(counted[0]["funders"], int)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/html", "text/html"),
    ],
)
def test_results_are_negotiated(api: TestClient, accept: str, media_type: str) -> None:
    response = api.get("/api/queries/named", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.headers["vary"].startswith("Accept")


def test_format_parameter_gives_csv(api: TestClient) -> None:
    response = api.get("/api/queries/named", params={"format": "csv", "name": "DSpace"})
    table = list(csv.reader(io.StringIO(response.text)))
    assert table == [["entity"], ["https://w3id.org/oikg/id/infrastructure/dspace"]]


@pytest.mark.parametrize(
    ("name", "params", "named"),
    [
        ("grants-of-funder", {"funder": "x> } ?s ?p ?o . { <y"}, "funder"),
        ("grants-of-funder", {"funder": "javascript:alert(1) }"}, "funder"),
        ("founded-before", {"before": '2000" } UNION { ?s ?p ?o } #'}, "before"),
        ("founded-before", {}, "before"),
        ("more-funders-than", {"at_least": "1) || (1=1"}, "at_least"),
        ("named", {"lang": 'en") || true || ("'}, "lang"),
        ("named", {"unknown": "1"}, "unknown"),
    ],
)
def test_a_bad_value_answers_422_naming_the_parameter(
    api: TestClient, name: str, params: dict[str, str], named: str
) -> None:
    response = api.get(
        f"/api/queries/{name}", params=params, headers={"Accept": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert f"'{named}'" in response.json()["message"]


def test_a_string_that_looks_like_sparql_is_only_a_string(api: TestClient) -> None:
    hostile = 'Zenodo") || true || ("'
    response = api.get("/api/queries/named", params={"name": hostile})
    assert response.status_code == 200
    assert response.json() == []


def test_a_parameter_named_with_a_python_keyword_is_served_and_documented(
    api: TestClient,
) -> None:
    standard = "https://w3id.org/oikg/ontology#Standard"
    funders = api.get("/api/queries/of-a-class").json()
    standards = api.get("/api/queries/of-a-class", params={"class": standard}).json()
    assert int(funders[0]["n"]) > 0 and int(standards[0]["n"]) > 0
    assert funders != standards
    operation = api.get("/openapi.json").json()["paths"]["/api/queries/of-a-class"]["get"]
    assert "class" in {p["name"] for p in operation["parameters"]}


def test_an_unknown_query_answers_404(api: TestClient) -> None:
    assert api.get("/api/queries/no-such-query").status_code == 404


def test_results_have_validators_and_answer_304(api: TestClient) -> None:
    first = api.get("/api/queries/named")
    etag = first.headers["etag"]
    again = api.get("/api/queries/named", headers={"If-None-Match": etag})
    assert again.status_code == 304
    other = api.get(
        "/api/queries/named", params={"name": "DSpace"}, headers={"If-None-Match": etag}
    )
    assert other.status_code == 200


def test_each_query_is_documented_in_openapi_with_its_parameters(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    operation = paths["/api/queries/named"]["get"]
    assert operation["summary"] == "Entities with a name"
    declared = {p["name"]: p for p in operation["parameters"]}
    # its own parameters, and the format-choosing ones every result route reads
    assert set(declared) == {"name", "lang", "format", "output", "results"}
    assert declared["name"]["in"] == "query"
    assert "text" in declared["name"]["description"]
    schema = declared["name"]["schema"]
    assert schema["default"] == "Zenodo" and schema["examples"] == ["Zenodo"]  # /docs tries it
    assert "/api/queries" in paths


def test_the_bundled_listing_says_what_reasoning_a_query_needs(client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/api/queries").json()}
    assert "oikg:dependencyOf" in listed["what-depends-on-an-infrastructure"]["reasoning"]
    assert listed["grants"]["reasoning"] is None
    page = parse_html(client.get("/api/queries", headers={"Accept": "text/html"}).text)
    item = page.select_one("li#what-depends-on-an-infrastructure")
    assert item is not None and item.select_one("p.reasoning") is not None
    editor = item.select_one("a[href*='/sparql?query=']")
    assert editor is not None
    opened = client.get(str(editor["href"]), headers={"Accept": "text/html"})
    assert opened.status_code == 200
    assert parse_html(opened.text).select("section.results tbody tr")  # runs as it is

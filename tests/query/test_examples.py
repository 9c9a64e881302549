"""Every named query in queries/ parses, runs on the real store and answers something; the
examples offered to people run as they are (parameters bound to their defaults)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kgserver.query.examples import ExampleQuery, example_queries, read_example
from kgserver.settings import BUNDLE_DIR
from tests.html import parse_html

QUERIES = example_queries(BUNDLE_DIR / "queries")
WITH_PARAMETERS = [q for q in QUERIES if q.parameters]


def test_there_are_example_queries() -> None:
    assert len(QUERIES) >= 40 and len(WITH_PARAMETERS) >= 12


@pytest.mark.parametrize("example", QUERIES, ids=[q.name for q in QUERIES])
def test_example_query_runs_and_answers(client: TestClient, example: ExampleQuery) -> None:
    assert example.title and example.description, "give the query # title: and # description:"
    response = client.post(
        "/sparql",
        data={"query": example.bound({})},
        headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
    )
    assert response.status_code == 200, response.text
    if response.headers["content-type"].startswith("application/sparql-results+json"):
        assert response.json()["results"]["bindings"], f"{example.name} answered no rows"
    else:
        assert response.text.strip(), f"{example.name} constructed no triples"


def test_the_header_is_read_with_its_reasoning_and_typed_parameters(tmp_path: Path) -> None:
    path = tmp_path / "hosts.rq"
    path.write_text(
        "# title: Hosts\n# description: Who hosts what.\n# question: Who hosts most?\n"
        "# audience: funders\n# reasoning: oikg:Host, a defined class\n"
        "# param: at_least: integer = 3 -- the fewest hosted\n"
        "SELECT ?h WHERE { ?h a <https://w3id.org/oikg/ontology#Host> }\n",
        encoding="utf-8",
    )
    example = read_example(path)
    assert (example.name, example.question, example.audience) == (
        "hosts", "Who hosts most?", "funders"
    )  # fmt: skip
    assert example.reasoning == "oikg:Host, a defined class"
    (parameter,) = example.parameters
    assert (parameter.name, parameter.type, parameter.default) == ("at_least", "integer", "3")
    assert "VALUES ?at_least" in example.runnable and example.runnable == example.bound({})


def test_an_example_with_a_required_parameter_is_offered_as_written(tmp_path: Path) -> None:
    path = tmp_path / "before.rq"
    path.write_text(
        "# title: Before\n# param: year: year -- required\nSELECT ?s WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    example = read_example(path)
    assert example.runnable == example.text


def test_editor_lists_every_example(client: TestClient) -> None:
    page = client.get("/sparql", headers={"Accept": "text/html"}).text
    for example in QUERIES:
        assert example.title in page


def test_the_plain_forms_example_links_run_parameterised_examples_as_they_are(
    client: TestClient,
) -> None:
    page = parse_html(client.get("/sparql", headers={"Accept": "text/html"}).text)
    links = {a.get_text(strip=True): a["href"] for a in page.select("ul.examples a")}
    for example in WITH_PARAMETERS:
        response = client.get(links[example.title], headers={"Accept": "text/html"})
        assert response.status_code == 200, example.name
        assert page_query(response.text) == example.bound({})
        assert parse_html(response.text).select("section.results tbody tr"), example.name


def page_query(html: str) -> str:
    """The query the editor page holds (in its form's textarea)."""
    textarea = parse_html(html).select_one("textarea[name=query]")
    assert textarea is not None
    return textarea.get_text()


def test_query_files_are_utf8_text() -> None:
    for path in Path(BUNDLE_DIR / "queries").glob("*.rq"):
        path.read_text(encoding="utf-8")

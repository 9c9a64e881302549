"""Every named query in queries/ parses, runs on the real store and answers something."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kgserver.query.examples import example_queries
from kgserver.settings import BUNDLE_DIR

QUERIES = example_queries(BUNDLE_DIR / "queries")


def test_there_are_example_queries() -> None:
    assert len(QUERIES) >= 5


@pytest.mark.parametrize("example", QUERIES, ids=[q.name for q in QUERIES])
def test_example_query_runs_and_answers(client: TestClient, example) -> None:
    assert example.title and example.description, "give the query # title: and # description:"
    response = client.post(
        "/sparql",
        data={"query": example.text},
        headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
    )
    assert response.status_code == 200, response.text
    if response.headers["content-type"].startswith("application/sparql-results+json"):
        assert response.json()["results"]["bindings"], f"{example.name} answered no rows"
    else:
        assert response.text.strip(), f"{example.name} constructed no triples"


def test_editor_lists_every_example(client: TestClient) -> None:
    page = client.get("/sparql", headers={"Accept": "text/html"}).text
    for example in QUERIES:
        assert example.title in page


def test_query_files_are_utf8_text() -> None:
    for path in Path(BUNDLE_DIR / "queries").glob("*.rq"):
        path.read_text(encoding="utf-8")

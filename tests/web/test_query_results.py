"""Query results over HTTP (`kgserver/web/query_results.py`): validators and 304 before any
evaluation, the result cache, and the row cap's signal in the header and on the page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.app import create_app
from kgserver.query.workers import query_workers
from kgserver.settings import Settings
from kgserver.web.query_results import TRUNCATED
from tests.html import parse_html

QUERY = "SELECT ?s WHERE { ?s a <https://w3id.org/oikg/ontology#Infrastructure> } ORDER BY ?s"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture
def app_with_workers(store: Store) -> Iterator[tuple[TestClient, object]]:
    """An app with workers of its own, so a test can stop them and see what still answers."""
    settings = Settings(rate_limit=0, query_timeout=10, max_result_rows=3)
    with query_workers(store, None, 1, 10) as workers:
        with TestClient(create_app(settings, store, workers)) as client:
            yield client, workers


def test_a_result_carries_an_etag_and_cache_control(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": QUERY}, headers=JSON)
    assert response.status_code == 200
    assert response.headers["etag"].startswith('W/"')
    assert response.headers["cache-control"] == "public, max-age=60"
    assert "Accept" in response.headers["vary"]
    other = client.get("/sparql", params={"query": QUERY}, headers={"Accept": "text/csv"})
    assert other.headers["etag"] != response.headers["etag"]  # one tag per format


def test_if_none_match_answers_304_without_evaluating(app_with_workers: tuple) -> None:
    client, workers = app_with_workers
    first = client.get("/sparql", params={"query": QUERY}, headers=JSON)
    workers.close()  # nothing can be evaluated any more
    again = client.get(
        "/sparql", params={"query": QUERY}, headers={**JSON, "If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]


def test_a_repeated_query_is_answered_from_the_result_cache(app_with_workers: tuple) -> None:
    client, workers = app_with_workers
    first = client.get("/sparql", params={"query": QUERY}, headers=JSON)
    workers.close()
    again = client.get("/sparql", params={"query": QUERY}, headers=JSON)
    assert again.status_code == 200 and again.content == first.content
    uncached = client.get("/sparql", params={"query": QUERY + " LIMIT 2"}, headers=JSON)
    assert uncached.status_code == 503  # a query not seen before does need the workers


def test_a_result_cut_by_the_row_cap_says_so(app_with_workers: tuple, store: Store) -> None:
    client, _ = app_with_workers
    cut = client.get("/sparql", params={"query": QUERY}, headers=JSON)
    assert cut.headers[TRUNCATED] == "rows=3"
    assert len(cut.json()["results"]["bindings"]) == 3
    whole = client.get("/sparql", params={"query": QUERY + " LIMIT 3"}, headers=JSON)
    assert TRUNCATED not in whole.headers
    assert whole.json() == cut.json()


def test_the_html_page_notes_a_cut_result(app_with_workers: tuple) -> None:
    client, _ = app_with_workers
    page = client.get("/sparql", params={"query": QUERY}, headers={"Accept": "text/html"})
    assert page.headers[TRUNCATED] == "rows=3"
    [note] = parse_html(page.text).select(".summary.truncated")
    assert "this server returns at most 3 rows for one query" in note.get_text()


def test_post_results_carry_no_validators(client: TestClient) -> None:
    response = client.post("/sparql", data={"query": QUERY}, headers=JSON)
    assert response.status_code == 200 and "etag" not in response.headers

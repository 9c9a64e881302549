"""Security headers (`kgserver/web/security_headers.py`) on answers of every kind: pages,
documents, results, static files, 304, 404, 406, 429 and 503."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.app import create_app
from kgserver.query.workers import query_workers
from kgserver.settings import CONTENT_SECURITY_POLICY, Settings

QUERY = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


def assert_secured(response: httpx.Response) -> None:
    headers = response.headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self';" in headers["content-security-policy"]  # no inline, no eval
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    "url", ["/", "/sparql", "/api", "/.well-known/void", "/openapi.json", "/static/style.css"]
)
def test_200_and_304_carry_the_headers(client: TestClient, url: str) -> None:
    first = client.get(url)
    assert first.status_code == 200
    assert_secured(first)
    if "etag" in first.headers:
        again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
        assert_secured(again)


def test_errors_carry_the_headers(client: TestClient) -> None:
    missing = client.get("/no/such/page")
    assert missing.status_code == 404
    assert_secured(missing)
    refused = client.get("/sparql", params={"query": QUERY}, headers={"Accept": "image/png"})
    assert refused.status_code == 406
    assert_secured(refused)
    bad = client.get("/sparql", params={"query": "SELECT {"})
    assert bad.status_code == 400
    assert_secured(bad)


def test_429_and_503_carry_the_headers(store: Store) -> None:
    settings = Settings(rate_limit=1, rate_limit_burst=1, query_timeout=10)
    with query_workers(store, None, 1, 10) as workers:
        with TestClient(create_app(settings, store, workers)) as client:
            workers.close()  # nothing can be evaluated any more
            unavailable = client.get("/sparql", params={"query": QUERY})
            limited = client.get("/sparql", params={"query": QUERY})
    assert unavailable.status_code == 503
    assert_secured(unavailable)
    assert limited.status_code == 429
    assert_secured(limited)


def test_the_policy_and_referrer_policy_are_settings(store: Store) -> None:
    settings = Settings(rate_limit=0, content_security_policy="", referrer_policy="no-referrer")
    with TestClient(create_app(settings, store)) as client:
        response = client.get("/")
    assert "content-security-policy" not in response.headers
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_api_docs_page_runs_no_inline_script(client: TestClient) -> None:
    page = client.get("/api").text
    assert "SwaggerUIBundle(" not in page
    assert "/static/api_docs.js" in page

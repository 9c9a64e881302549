"""Errors answered in the format the client prefers (web/errors.py), through the app."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.html import parse_html

MISSING = "/id/infrastructure/no-such-infrastructure"


def test_an_error_as_json_has_status_reason_and_message(client: TestClient) -> None:
    response = client.get(MISSING, headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == 404 and body["error"] == "Not Found" and body["message"]
    assert "Accept" in response.headers["vary"]


def test_an_error_as_html_is_the_error_page(client: TestClient) -> None:
    response = client.get(MISSING, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Not Found" in parse_html(response.text).get_text()


@pytest.mark.parametrize("accept", ["text/plain", "image/png"])
def test_an_error_is_plain_text_when_asked_or_when_nothing_else_fits(
    client: TestClient, accept: str
) -> None:
    response = client.get(MISSING, headers={"Accept": accept})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith("404 Not Found: ")


def test_an_unknown_route_and_an_invalid_parameter_answer_through_the_same_handler(
    client: TestClient,
) -> None:
    unknown = client.get("/no/such/route", headers={"Accept": "application/json"})
    assert unknown.status_code == 404 and unknown.json()["status"] == 404
    invalid = client.get("/changes/page/not-a-number", headers={"Accept": "application/json"})
    assert invalid.status_code == 400 and invalid.json()["error"] == "Bad Request"

"""Validators and conditional requests (RFC 9110 §13)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kgserver.web.responses import entity_tag, http_date


def test_entity_tags_are_weak_and_differ_by_version_and_representation() -> None:
    tag = entity_tag("sha256-abc", "turtle")
    assert tag.startswith('W/"') and tag.endswith('"')
    assert tag != entity_tag("sha256-abd", "turtle")
    assert tag != entity_tag("sha256-abc", "html")


def test_http_dates_come_from_xsd_date_times() -> None:
    assert http_date("2026-11-25T12:54:41Z") == "Wed, 25 Nov 2026 12:54:41 GMT"
    assert http_date("not a date") is None


@pytest.mark.parametrize(
    "url", ["/", "/browse", "/stats", "/sitemap.xml", "/changes", "/.well-known/void"]
)
def test_every_page_and_document_answers_304_to_its_own_validators(
    client: TestClient, url: str
) -> None:
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    for headers in (
        {"If-None-Match": etag},
        {"If-None-Match": f'"other", {etag.removeprefix("W/")}'},  # weak comparison, a list
        {"If-None-Match": "*"},
        {"If-Modified-Since": modified},
    ):
        assert client.get(url, headers=headers).status_code == 304, headers
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    stale = {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}
    assert client.get(url, headers=stale).status_code == 200

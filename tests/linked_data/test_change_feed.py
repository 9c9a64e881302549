"""The change feed's Activity Streams documents (linked_data/change_feed.py)."""

from __future__ import annotations

import json

import pytest

from kgserver.catalogue.changes import Change
from kgserver.catalogue.snapshot import Snapshot
from kgserver.errors import NotFound
from kgserver.linked_data.change_feed import (
    AS_CONTEXT,
    CHANGES_PER_PAGE,
    as_bytes,
    collection,
    page,
)
from kgserver.rdf.urls import Urls

MANY = [
    Change("Create", f"https://w3id.org/oikg/id/thing/{n}", "2026-01-01T00:00:00Z", "v1")
    for n in range(CHANGES_PER_PAGE + 1)
] + [Change("Delete", "https://w3id.org/oikg/id/thing/0", "2026-02-01T00:00:00Z", "v2")]


def test_the_collection_counts_the_bundles_changes_and_points_at_its_pages(
    snapshot: Snapshot, urls: Urls
) -> None:
    changes = snapshot.changes.changes
    feed = collection(changes, urls)
    assert feed["@context"] == AS_CONTEXT and feed["type"] == "OrderedCollection"
    assert feed["totalItems"] == len(changes) == len(snapshot.catalogue.entities)
    assert feed["first"]["id"] == "http://testserver/changes/page/0"
    assert feed["last"]["id"] == f"http://testserver/changes/page/{(len(changes) - 1) // 100}"


def test_the_first_page_creates_every_entity_with_its_page_url(
    snapshot: Snapshot, urls: Urls
) -> None:
    first = page(snapshot.changes.changes, 0, urls)
    items = first["orderedItems"]
    assert "prev" not in first and first["startIndex"] == 0
    assert {i["type"] for i in items} == {"Create"}
    assert all(i["object"]["url"] == urls.href(i["object"]["id"]) for i in items)


def test_pages_link_their_neighbours_and_a_deletion_has_no_url(urls: Urls) -> None:
    first, last = page(MANY, 0, urls), page(MANY, 1, urls)
    assert first["next"]["id"] == last["id"] and last["prev"]["id"] == first["id"]
    assert "next" not in last
    assert len(first["orderedItems"]) == CHANGES_PER_PAGE
    deleted = last["orderedItems"][-1]
    assert deleted["type"] == "Delete" and "url" not in deleted["object"]
    assert deleted["object"]["type"] == "Object"
    assert json.loads(as_bytes(last)) == last


@pytest.mark.parametrize("number", [-1, 2])
def test_a_page_past_the_end_is_not_found(urls: Urls, number: int) -> None:
    with pytest.raises(NotFound):
        page(MANY, number, urls)

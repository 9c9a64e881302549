"""The change feed's documents: an Activity Streams 2.0 OrderedCollection and its pages.

Paged as in the IIIF Change Discovery API 1.0: pages hold activities oldest first; a harvester
reads from `last` backwards (`prev`) until it reaches activities older than its previous visit.
The activities come from the change log (`kgserver/catalogue/changes.py`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kgserver.catalogue.changes import Change
from kgserver.errors import NotFound
from kgserver.rdf.urls import Urls

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
AS_MEDIA_TYPE = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
CHANGES_PER_PAGE = 100


def _last_page(changes: Sequence[Change]) -> int:
    return max(0, (len(changes) - 1) // CHANGES_PER_PAGE)


def _page_ref(urls: Urls, number: int) -> dict[str, str]:
    return {"id": urls.path(f"/changes/page/{number}"), "type": "OrderedCollectionPage"}


def _activity(change: Change, urls: Urls) -> dict[str, Any]:
    obj: dict[str, Any] = {"id": change.iri, "type": list(change.types) or "Object"}
    if change.kind != "Delete":
        obj["url"] = urls.href(change.iri)
    return {"type": change.kind, "object": obj, "endTime": change.at}


def collection(changes: Sequence[Change], urls: Urls) -> dict[str, Any]:
    """The feed: an OrderedCollection pointing at its first and last pages."""
    return {
        "@context": AS_CONTEXT,
        "id": urls.path("/changes"),
        "type": "OrderedCollection",
        "summary": "Entities created, updated and deleted, oldest first, per dataset version.",
        "totalItems": len(changes),
        "first": _page_ref(urls, 0),
        "last": _page_ref(urls, _last_page(changes)),
    }


def page(changes: Sequence[Change], number: int, urls: Urls) -> dict[str, Any]:
    """Page `number` of the feed, oldest first, linked to its neighbours; NotFound past the end."""
    last = _last_page(changes)
    if not 0 <= number <= last:
        raise NotFound(f"the change feed has pages 0 to {last}")
    start = number * CHANGES_PER_PAGE
    document: dict[str, Any] = {
        "@context": AS_CONTEXT,
        "id": urls.path(f"/changes/page/{number}"),
        "type": "OrderedCollectionPage",
        "partOf": {"id": urls.path("/changes"), "type": "OrderedCollection"},
        "startIndex": start,
        "orderedItems": [_activity(c, urls) for c in changes[start : start + CHANGES_PER_PAGE]],
    }
    if number > 0:
        document["prev"] = _page_ref(urls, number - 1)
    if number < last:
        document["next"] = _page_ref(urls, number + 1)
    return document


def as_bytes(document: dict[str, Any]) -> bytes:
    """A feed document as the server sends it."""
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

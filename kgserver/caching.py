"""Validators and conditional requests (RFC 9110 §8.8, §13) for every page and RDF document.

Everything these routes answer is a function of the dataset version and the representation,
so the entity tag is built from the two; `Last-Modified` is when the version was loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import Request, Response

from kgserver import __version__

CACHE_CONTROL = "public, max-age=60"


def entity_tag(version: str, *parts: str) -> str:
    """A weak tag: equal tags mean equivalent content of one dataset version (§8.8.3).

    The server's own version is part of it, so an upgrade that changes the pages is not
    answered with 304s for pages rendered by the old one.
    """
    tag = "-".join((version.removeprefix("sha256-")[:20], __version__, *parts))
    return 'W/"' + "".join(c if c.isalnum() or c in "-._" else "_" for c in tag) + '"'


def utc_moment(iso: str) -> datetime | None:
    """An xsd:dateTime (a trailing Z allowed, no zone read as UTC) in UTC, or None."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def http_date(iso: str) -> str | None:
    """An xsd:dateTime as an HTTP-date (§5.6.7), or None if it does not parse."""
    moment = utc_moment(iso)
    return format_datetime(moment, usegmt=True) if moment else None


def _opaque(tag: str) -> str:
    return tag.strip().removeprefix("W/")


def is_fresh(request: Request, etag: str, last_modified: str | None) -> bool:
    """True when the client's copy is current: answer 304 (§13.1.2, §13.1.3, §13.2.2)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        wanted = [t for t in if_none_match.split(",") if t.strip()]
        return any(t.strip() == "*" or _opaque(t) == _opaque(etag) for t in wanted)
    since = request.headers.get("if-modified-since")
    if since and last_modified:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def conditional(
    request: Request,
    body: bytes,
    media_type: str,
    etag: str,
    modified: str,
    headers: Mapping[str, str] | None = None,
    status: int = 200,
) -> Response:
    """The response with its validators, or a 304 carrying the same header fields (§15.4.5)."""
    last_modified = http_date(modified) if modified else None
    fields = {"ETag": etag, "Cache-Control": CACHE_CONTROL, **(headers or {})}
    if last_modified:
        fields["Last-Modified"] = last_modified
    if status == 200 and is_fresh(request, etag, last_modified):
        return Response(status_code=304, headers=fields)
    return Response(body, status_code=status, media_type=media_type, headers=fields)

"""How every route answers a document: validators and conditional requests (RFC 9110 §8.8,
§13), `Vary: Accept` where the format was negotiated (§12.5.5), in one place.

Everything these routes answer is a function of the dataset version and the representation,
so the entity tag is built from the two; `Last-Modified` is when the version was loaded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from fastapi import Request, Response
from fastapi.responses import FileResponse

from kgserver import __version__
from kgserver.rdf.datetimes import utc_moment

CACHE_CONTROL = "public, max-age=60"
VARY_ACCEPT = {"Vary": "Accept"}


def entity_tag(version: str, *parts: str) -> str:
    """A weak tag: equal tags mean equivalent content of one dataset version (§8.8.3).

    The server's own version is part of it, so an upgrade that changes the pages is not
    answered with 304s for pages rendered by the old one.
    """
    tag = "-".join((version.removeprefix("sha256-")[:20], __version__, *parts))
    return 'W/"' + "".join(c if c.isalnum() or c in "-._" else "_" for c in tag) + '"'


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


def _fields(
    etag: str | None, modified: str, negotiated: bool, headers: Mapping[str, str] | None
) -> dict[str, str]:
    fields: dict[str, str] = {}
    if etag is not None:
        fields["ETag"] = etag
        fields["Cache-Control"] = CACHE_CONTROL
        last_modified = http_date(modified) if modified else None
        if last_modified:
            fields["Last-Modified"] = last_modified
    if negotiated:
        fields.update(VARY_ACCEPT)
    fields.update(headers or {})
    return fields


def not_modified(
    request: Request,
    etag: str,
    modified: str,
    negotiated: bool = False,
    headers: Mapping[str, str] | None = None,
) -> Response | None:
    """A 304 when the client's copy is current (so the route need not build the body), else
    None. It carries the header fields the 200 would (§15.4.5)."""
    fields = _fields(etag, modified, negotiated, headers)
    if is_fresh(request, etag, fields.get("Last-Modified")):
        return Response(status_code=304, headers=fields)
    return None


def respond(
    request: Request,
    body: bytes,
    media_type: str,
    *,
    etag: str | None = None,
    modified: str = "",
    negotiated: bool = False,
    headers: Mapping[str, str] | None = None,
    status: int = 200,
) -> Response:
    """The response for a document: with validators when it has an `etag` (304 when the
    client's copy is current), `Vary: Accept` when `negotiated`, and the extra `headers`."""
    if etag is not None and status == 200:
        fresh = not_modified(request, etag, modified, negotiated, headers)
        if fresh is not None:
            return fresh
    fields = _fields(etag, modified, negotiated, headers)
    return Response(body, status_code=status, media_type=media_type, headers=fields)


def respond_with_file(
    request: Request,
    path: Path,
    media_type: str,
    *,
    etag: str,
    modified: str = "",
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A file streamed from disk (byte ranges too), with validators: 304 when the client's
    copy is current."""
    fresh = not_modified(request, etag, modified, headers=headers)
    if fresh is not None:
        return fresh
    fields = _fields(etag, modified, False, headers)
    return FileResponse(path, media_type=media_type, headers=fields)


def json_bytes(document: object) -> bytes:
    """A JSON document as compact UTF-8 bytes (what FastAPI's JSONResponse would send)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

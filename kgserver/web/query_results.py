"""How a query result is answered, for /sparql and the stored queries of /api/queries alike.

A result is a function of the dataset version, the query, its dataset, the format and the row
cap, so its entity tag is computed from those before anything is evaluated: a client holding
the result gets 304 at the cost of a hash (RFC 9110 §13.1.2). A small complete result is kept
per dataset version (`kgserver/store/per_version.py`), so a repeated query costs no evaluation;
a large one streams from its worker process to the client as it is written. A result cut by
the row cap says so in `X-Kgserver-Truncated` (and on the HTML page).
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator

from fastapi import Request, Response
from fastapi.responses import StreamingResponse

from kgserver.query.evaluation import QueryDataset, QueryOutcome
from kgserver.query.screening import ScreenedQuery
from kgserver.rdf.formats import Format
from kgserver.web.context import AppContext
from kgserver.web.responses import VARY_ACCEPT, entity_tag, not_modified

TRUNCATED = "X-Kgserver-Truncated"
"""Present when the row cap cut a result: `rows=N`, the number of rows it carries."""
CACHED_RESULT_BYTES = 64 * 1024
"""Largest result kept in the result cache."""


def client_of(request: Request) -> str:
    """Who is asking, for per-client limits: the peer address (uvicorn's --proxy-headers
    makes it the forwarded one behind a trusted proxy)."""
    return request.client.host if request.client else ""


def result_tag(version: str, text: str, dataset: QueryDataset, fmt: Format, cap: int) -> str:
    """The entity tag of the result of `text` over `dataset` in `fmt`, in `version`."""
    digest = hashlib.sha256(
        "\0".join(
            (text, *dataset.default_graphs, "|", *dataset.named_graphs, fmt.media_type, str(cap))
        ).encode("utf-8")
    ).hexdigest()[:24]
    return entity_tag(version, "result", digest)


def result_headers(
    context: AppContext, etag: str | None, cap: int, truncated: bool
) -> dict[str, str]:
    fields = dict(VARY_ACCEPT)
    if etag is not None:
        fields["ETag"] = etag
        fields["Cache-Control"] = f"public, max-age={context.settings.result_max_age}"
    if truncated:
        fields[TRUNCATED] = f"rows={cap}"
    return fields


async def evaluate_cached(
    request: Request,
    context: AppContext,
    query: ScreenedQuery,
    dataset: QueryDataset,
    fmt: Format,
    cap: int,
    version: str,
) -> QueryOutcome:
    """The result of `query`: from the result cache, else evaluated (and kept if small)."""
    key = (query.text, dataset, fmt.media_type, cap)
    cache = context.results
    if cache is not None:
        found = cache.peek(version, key)
        if found is not None:
            return found
    outcome = await context.evaluate_query(query, dataset, fmt, client_of(request), cap)
    if cache is not None and outcome.is_complete and len(outcome.body) <= CACHED_RESULT_BYTES:
        cache.put(version, key, outcome)
    return outcome


async def answer_result(
    request: Request,
    context: AppContext,
    query: ScreenedQuery,
    dataset: QueryDataset,
    fmt: Format,
) -> Response:
    """The response for a query result in a machine format: 304, whole, or streamed."""
    cap = context.settings.max_result_rows
    version = context.live_version()
    etag = None
    if request.method in ("GET", "HEAD"):
        etag = result_tag(version, query.text, dataset, fmt, cap)
        fresh = not_modified(request, etag, "", negotiated=True)
        if fresh is not None:
            fresh.headers["Cache-Control"] = f"public, max-age={context.settings.result_max_age}"
            return fresh
    outcome = await evaluate_cached(request, context, query, dataset, fmt, cap, version)
    return outcome_response(context, outcome, fmt.content_type, etag, cap)


def outcome_response(
    context: AppContext, outcome: QueryOutcome, content_type: str, etag: str | None, cap: int
) -> Response:
    headers = result_headers(context, etag, cap, outcome.truncated)
    if outcome.rest is None:
        return Response(outcome.body, media_type=content_type, headers=headers)
    return StreamingResponse(_chained(outcome), media_type=content_type, headers=headers)


async def _chained(outcome: QueryOutcome) -> AsyncIterator[bytes]:
    assert outcome.rest is not None
    try:
        yield outcome.body
        async for chunk in outcome.rest:
            yield chunk
    finally:
        await outcome.rest.aclose()  # a client gone mid-stream: its worker is replaced now

"""Reading a request body without ever holding more than a route's limit in memory."""

from __future__ import annotations

from fastapi import Request
from starlette.types import Message

from kgserver.errors import PayloadTooLarge


async def read_body(request: Request, limit: int, what: str = "the request body") -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"{what} is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"{what} is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def replayed(request: Request, body: bytes) -> Request:
    """A request over the same scope whose body is `body`, already read and measured.

    The form parser reads the body from the ASGI stream, which `read_body` has consumed; this
    hands it the bytes again (as Starlette's own `Request(scope, receive)` API allows).
    """
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)

"""Reading a request body without ever holding more than a route's limit in memory."""

from __future__ import annotations

from fastapi import Request

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

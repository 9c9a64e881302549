"""Per-client rate limits: a token bucket per client address, 429 with `Retry-After` beyond.

Each client may make `burst` requests at once and `per_minute` on average (the generous
defaults of `kgserver/settings.py` leave people and harvesters alone and stop a runaway
script). Static files and /healthz are not counted. A pure ASGI middleware, so a refused
request costs a dictionary lookup and no routing.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

UNCOUNTED = ("/static/", "/healthz")
CLIENTS_KEPT = 100_000
"""Buckets kept; the least recently seen client is forgotten first (it starts full again)."""


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimits:
    """Refuses a client's request with 429 when its bucket is empty."""

    def __init__(self, app: ASGIApp, per_minute: int, burst: int) -> None:
        self.app = app
        self.rate = per_minute / 60.0
        self.burst = float(max(burst, 1))
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.rate <= 0 or scope["path"].startswith(UNCOUNTED):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.take(client[0] if client else "", time.monotonic())
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        seconds = str(max(1, math.ceil(wait)))
        message = (
            f"too many requests from your address: at most {self.burst:g} at once and"
            f" {self.rate * 60:g} a minute; try again in {seconds} s"
        )
        body = f"429 Too Many Requests: {message}\n".encode()  # as kgserver/web/errors.py
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode("ascii")),
            (b"retry-after", seconds.encode("ascii")),
        ]
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def take(self, client: str, now: float) -> float:
        """Spend one token of `client`'s bucket: 0 if there was one, else the seconds until
        there is."""
        bucket = self._buckets.get(client)
        if bucket is None:
            bucket = self._buckets[client] = _Bucket(self.burst, now)
            while len(self._buckets) > CLIENTS_KEPT:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(client)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate

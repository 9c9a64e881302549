"""Per-client rate limits (`kgserver/web/rate_limits.py`), on apps of their own."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.app import create_app
from kgserver.settings import Settings
from kgserver.web.rate_limits import RateLimits
from tests.event_loop import in_own_loop


def test_rate_limits_are_on_by_default() -> None:
    assert Settings().rate_limit > 0 and Settings().rate_limit_burst > 0


def test_beyond_its_burst_a_client_gets_429_with_retry_after(store: Store) -> None:
    app = create_app(Settings(rate_limit=1, rate_limit_burst=5), store)
    with TestClient(app) as client:
        statuses = [client.get("/.well-known/void").status_code for _ in range(5)]
        refused = client.get("/.well-known/void")
        assert client.get("/healthz").status_code == 200  # not counted
        assert client.get("/static/style.css").status_code == 200
    assert statuses == [200] * 5
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "too many requests from your address" in refused.text


def test_each_client_has_a_bucket_of_its_own(store: Store) -> None:
    app = create_app(Settings(rate_limit=1, rate_limit_burst=2), store)

    async def statuses(address: str, n: int) -> list[int]:
        transport = httpx.ASGITransport(app=app, client=(address, 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return [(await client.get("/.well-known/void")).status_code for _ in range(n)]

    assert in_own_loop(statuses, "192.0.2.1", 3) == [200, 200, 429]
    assert in_own_loop(statuses, "192.0.2.2", 2) == [200, 200]


def test_a_bucket_refills_at_the_rate() -> None:
    limits = RateLimits(app=None, per_minute=60, burst=1)  # type: ignore[arg-type]
    assert limits.take("a", now=0.0) == 0
    assert limits.take("a", now=0.5) == pytest.approx(0.5)
    assert limits.take("a", now=1.0) == 0


def test_a_429_carries_cors_headers(store: Store) -> None:
    app = create_app(Settings(rate_limit=1, rate_limit_burst=1), store)
    with TestClient(app) as client:
        client.get("/.well-known/void")
        refused = client.get("/.well-known/void", headers={"Origin": "https://example.org"})
    assert refused.status_code == 429
    assert refused.headers["access-control-allow-origin"] == "*"

"""Reading a request body under a limit (web/request_body.py), on an app of its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI, Request, Response
from fastapi.testclient import TestClient

from kgserver.errors import PayloadTooLarge
from kgserver.web.request_body import read_body, replayed

LIMIT = 10


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = FastAPI()

    @app.exception_handler(PayloadTooLarge)
    async def too_large(request: Request, error: Exception) -> Response:
        return Response(str(error), status_code=413)

    @app.post("/echo")
    async def echo(request: Request) -> Response:
        body = await read_body(request, LIMIT, "the echo")
        again = await replayed(request, body).body()
        return Response(body + b"|" + again)

    with TestClient(app) as test_client:
        yield test_client


def test_a_body_within_the_limit_is_read_and_replayed(client: TestClient) -> None:
    assert client.post("/echo", content=b"0123456789").content == b"0123456789|0123456789"


def test_a_declared_length_past_the_limit_is_refused(client: TestClient) -> None:
    response = client.post("/echo", content=b"x" * (LIMIT + 1))
    assert response.status_code == 413
    assert response.text == f"the echo is larger than {LIMIT} bytes"


def test_a_streamed_body_past_the_limit_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer
        yield b"x" * 6
        yield b"x" * 6

    response = client.post("/echo", content=chunks())
    assert response.status_code == 413

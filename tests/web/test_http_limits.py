"""Limits on a request's head (`kgserver/web/http_limits.py`), over raw sockets against a real
`kgserver serve`: 414 for a long URL, 431 for a large header or header block, as bytes arrive."""

from __future__ import annotations

import select
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.conftest import kgserver_serving


@pytest.fixture(scope="module")
def address() -> Iterator[tuple[str, int]]:
    with kgserver_serving("http-limits.log", KGSERVER_QUERY_PROCESSES="1") as url:
        parts = urlsplit(url)
        yield parts.hostname or "127.0.0.1", parts.port or 80


def exchange(address: tuple[str, int], head: bytes) -> bytes:
    """Send `head` in pieces, as a client does, and read the answer; stop sending once the
    server has answered (it closes on what it refuses, and more bytes would reset the
    connection before the answer is read)."""
    with socket.create_connection(address, timeout=30) as sock:
        for start in range(0, len(head), 4096):
            if select.select([sock], [], [], 0.01)[0]:
                break
            sock.sendall(head[start : start + 4096])
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
            if b"connection: close" not in answer.lower() and b"\r\n\r\n" in answer:
                break
        return answer


def request(target: str = "/healthz", *headers: str) -> bytes:
    lines = [f"GET {target} HTTP/1.1", "Host: localhost", *headers, "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def test_a_plain_request_is_answered(address: tuple[str, int]) -> None:
    assert status(exchange(address, request())) == 200


def test_a_64_kb_header_answers_431(address: tuple[str, int]) -> None:
    answer = exchange(address, request("/healthz", "X-Big: " + "a" * 64 * 1024))
    assert status(answer) == 431
    assert b"a header is over 8192 bytes" in answer
    assert status(exchange(address, request())) == 200  # and the server is fine


def test_headers_over_16_kib_together_answer_431(address: tuple[str, int]) -> None:
    headers = [f"X-Part-{n}: " + "b" * 6000 for n in range(3)]  # each under 8 KiB
    answer = exchange(address, request("/healthz", *headers))
    assert status(answer) == 431
    assert b"the headers are over 16384 bytes together" in answer


def test_a_header_that_never_ends_is_refused_before_it_ends(address: tuple[str, int]) -> None:
    head = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Endless: " + b"c" * 200_000
    assert status(exchange(address, head)) == 431  # no CRLF ever sent


def test_a_url_over_64_kib_answers_414(address: tuple[str, int]) -> None:
    answer = exchange(address, request("/sparql?query=" + "d" * 70_000))
    assert status(answer) == 414
    assert b"the URL is over 65536 bytes" in answer


def test_within_the_limits_long_urls_and_headers_pass(address: tuple[str, int]) -> None:
    answer = exchange(address, request("/healthz?x=" + "e" * 60_000, "X-Fine: " + "f" * 8000))
    assert status(answer) == 200


def test_a_large_body_sent_with_its_head_is_not_taken_for_a_head(address: tuple[str, int]) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "g" * 300_000
    body = query.encode()
    head = (
        "POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
        f"Accept: application/sparql-results+json\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(address, timeout=60) as sock:
        sock.sendall(head + body)  # in one write: the server reads head and body together
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert status(answer) == 200
    assert b'"bindings"' in answer

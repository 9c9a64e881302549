"""Limits on a request's head, enforced by the HTTP protocol as its bytes arrive: 414 for an
over-long URL, 431 for an over-large header or header block.

uvicorn's httptools protocol has no such limits, and its h11 one answers 400. This subclass of
`uvicorn.protocols.http.httptools_impl.HttpToolsProtocol` relies on three of its internals
(checked by tests/web/test_http_limits.py against a real `kgserver serve`): the parser
callbacks `on_url`/`on_header`/`on_headers_complete`/`on_message_complete`, the URL gathered
in `self.url`, and `data_received` answering a callback's exception through
`send_400_response`. A callback that finds a limit passed records the answer and raises; the
answer sent is then ours. Bytes are also counted before they reach the parser, so a header that
never ends (httptools gathers a value whole before `on_header`) is refused once the head has
passed all limits together, not buffered without end.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol


@dataclass(frozen=True)
class HeadLimits:
    """Bytes a request line's target, one header line, and all header lines may take."""

    url: int
    header: int
    headers: int


class _Refused(Exception):
    """A limit passed; raised inside a parser callback to stop parsing."""


def limited_protocol(limits: HeadLimits) -> type[asyncio.Protocol]:
    """uvicorn's httptools protocol with `limits` (give it to `uvicorn.run(http=...)`)."""

    class LimitedHttpToolsProtocol(HttpToolsProtocol):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._in_head = True
            self._head_received = 0
            self._header_bytes = 0
            self._refusal: tuple[int, str] | None = None

        def data_received(self, data: bytes) -> None:
            counted = self._in_head
            if counted:
                self._head_received += len(data)
            super().data_received(data)
            # Checked after parsing: a chunk may end the head and carry a large body with it.
            # Generous: the request line, every header, and some slack for pipelining.
            cap = limits.url + limits.headers + 1024
            if counted and self._in_head and self._head_received > cap:
                if not self.transport.is_closing():
                    self._refusal = (431, f"the request's head is over {limits.headers} bytes")
                    self.send_400_response("")

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._in_head = True
            self._header_bytes = 0

        def on_url(self, url: bytes) -> None:
            super().on_url(url)
            if len(self.url) > limits.url:
                self._refuse(414, f"the URL is over {limits.url} bytes")

        def on_header(self, name: bytes, value: bytes) -> None:
            size = len(name) + len(value) + 4  # "name: value\r\n", as it came
            if size > limits.header:
                self._refuse(431, f"a header is over {limits.header} bytes")
            self._header_bytes += size
            if self._header_bytes > limits.headers:
                self._refuse(431, f"the headers are over {limits.headers} bytes together")
            super().on_header(name, value)

        def on_headers_complete(self) -> None:
            self._in_head = False
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            self._in_head = True
            self._head_received = 0
            super().on_message_complete()

        def _refuse(self, status: int, message: str) -> None:
            self._refusal = (status, message)
            raise _Refused(message)

        def send_400_response(self, msg: str) -> None:
            if self._refusal is None:
                super().send_400_response(msg)
                return
            status, message = self._refusal
            body = f"{status} {HTTPStatus(status).phrase}: {message}\n"  # as kgserver/web/errors.py
            self.transport.write(
                STATUS_LINE[status]
                + b"content-type: text/plain; charset=utf-8\r\n"
                + b"content-length: "
                + str(len(body.encode())).encode("ascii")
                + b"\r\nconnection: close\r\n\r\n"
                + body.encode()
            )
            self.transport.close()

    return LimitedHttpToolsProtocol

"""The life of one query worker process, and the messages it sends over its pipe.

A worker opens the store read-only (docs/notes/pyoxigraph-and-endpoints.md §6) and answers one
query at a time, writing the result as pyoxigraph serialises it (`evaluate_into`). A small
result goes back in one message (one read, one wake-up of the server); a large one as a
header, chunks of at most `CHUNK_BYTES`, and an end mark, so neither side holds it whole: the
worker blocks on the pipe while the server waits for its client (back-pressure).
"""

from __future__ import annotations

import os
import signal
from multiprocessing.connection import Connection

from pyoxigraph import Store

from kgserver.errors import BadQuery
from kgserver.query.evaluation import QueryDataset, evaluate_into
from kgserver.query.screening import ScreenedQuery
from kgserver.rdf.formats import GRAPH_FORMATS, HTML, RESULTS_FORMATS

CHUNK_BYTES = 32 * 1024
"""Largest chunk of a streamed result: half a Linux pipe, so a message is read in one go."""

# A message starts with one of these bytes.
READY = b"R"  # the store is open
CANNOT_OPEN = b"F"  # + the reason: the store cannot be opened
REFUSED = b"B"  # + the message: the query is not acceptable (BadQuery)
WHOLE = b"W"  # + form + cut + the whole result
BEGIN = b"S"  # + form + cut: a streamed result follows
CHUNK = b"C"  # + bytes of the streamed result
END = b"E"  # the streamed result is complete
BROKEN = b"X"  # + the message: the result failed after it began

FORMS = {form[:1].encode("ascii"): form for form in ("SELECT", "ASK", "CONSTRUCT")}
FORMATS = {fmt.media_type: fmt for fmt in (*RESULTS_FORMATS, *GRAPH_FORMATS, HTML)}

QueryRequest = tuple[ScreenedQuery, QueryDataset, str, int]
"""What the server sends: the query, its dataset, the media type and the row cap (0: none)."""


class _PipeSink:
    """Buffers a result and sends it: whole if it ends small, else as a header and chunks."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.head = b""
        self.parts: list[bytes] = []
        self.size = 0
        self.streaming = False

    def begin(self, form: str, truncated: bool) -> None:
        self.head = form[:1].encode("ascii") + (b"1" if truncated else b"0")

    def write(self, chunk: bytes) -> int:
        self.parts.append(bytes(chunk))
        self.size += len(chunk)
        if self.size >= CHUNK_BYTES:
            self._flush()
        return len(chunk)

    def flush(self) -> None:
        pass  # pyoxigraph flushes at the end; `finish` sends what is left

    def _flush(self) -> None:
        if not self.streaming:
            self.connection.send_bytes(BEGIN + self.head)
            self.streaming = True
        data = b"".join(self.parts)
        for start in range(0, len(data), CHUNK_BYTES):
            self.connection.send_bytes(CHUNK + data[start : start + CHUNK_BYTES])
        self.parts, self.size = [], 0

    def finish(self) -> None:
        if not self.streaming:
            self.connection.send_bytes(WHOLE + self.head + b"".join(self.parts))
            return
        if self.parts:
            self._flush()
        self.connection.send_bytes(END)


def serve_queries(store_dir: str, niceness: int, connection: Connection) -> None:
    """A worker's life: open the store read-only, then answer queries until the pipe closes.

    `niceness` lowers the process's CPU priority (the heavy lane's workers yield to the light).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    if niceness:
        os.nice(niceness)
    try:
        store = Store.read_only(store_dir)
    except OSError as error:
        connection.send_bytes(CANNOT_OPEN + str(error).encode("utf-8"))
        return
    connection.send_bytes(READY)
    while True:
        try:
            query, dataset, media_type, row_cap = connection.recv()
        except (EOFError, OSError):  # the server closed the pipe, or went away
            return
        sink = _PipeSink(connection)
        try:
            evaluate_into(store, query, dataset, FORMATS[media_type], sink, row_cap)
        except BadQuery as refusal:
            kind = BROKEN if sink.streaming else REFUSED
            connection.send_bytes(kind + refusal.message.encode("utf-8"))
            continue
        sink.finish()

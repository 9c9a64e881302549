"""The worker's side of the pipe (`kgserver/query/worker_process.py`), in a real process over
a real on-disk copy of the store: small results in one message, large ones as chunks."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from pyoxigraph import Store

from kgserver.query import worker_process as wire
from kgserver.query.evaluation import QueryDataset
from kgserver.query.screening import screen_query
from kgserver.query.workers import persist
from kgserver.rdf.formats import RESULTS_FORMATS

JSON = RESULTS_FORMATS[0].media_type


@pytest.fixture(scope="module")
def worker(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    directory = tmp_path_factory.mktemp("worker-store")
    persist(store, Path(directory))
    context = multiprocessing.get_context("forkserver")
    ours, theirs = context.Pipe()
    process = context.Process(target=wire.serve_queries, args=(str(directory), 0, theirs))
    process.start()
    theirs.close()
    assert ours.poll(60) and ours.recv_bytes() == wire.READY
    yield ours
    ours.close()
    process.join(10)
    assert process.exitcode == 0  # a closed pipe ends the worker cleanly


def ask(connection: Connection, text: str, cap: int = 0) -> list[bytes]:
    connection.send((screen_query(text, 128, 1000), QueryDataset(), JSON, cap))
    messages = [connection.recv_bytes()]
    if messages[0][:1] == wire.BEGIN:
        while messages[-1][:1] != wire.END:
            messages.append(connection.recv_bytes())
    return messages


def test_a_small_result_comes_whole_in_one_message(worker: Connection) -> None:
    [message] = ask(worker, "ASK { ?s ?p ?o }")
    assert message[:1] == wire.WHOLE and message[1:3] == b"A0"
    assert b'"boolean":true' in message[3:]


def test_a_large_result_comes_as_chunks_no_larger_than_the_limit(
    worker: Connection, store: Store
) -> None:
    messages = ask(worker, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    begin, *chunks, end = messages
    assert begin == wire.BEGIN + b"S0" and end == wire.END
    assert len(chunks) > 1 and all(len(c) - 1 <= wire.CHUNK_BYTES for c in chunks)
    body = b"".join(c[1:] for c in chunks)
    assert body.count(b'"s":') == len(store)


def test_a_cut_result_says_so_in_its_first_message(worker: Connection) -> None:
    [message] = ask(worker, "SELECT * WHERE { ?s ?p ?o }", cap=2)
    assert message[:3] == wire.WHOLE + b"S1"
    assert message.count(b'"s":') == 2


def test_a_malformed_query_is_refused_and_the_worker_goes_on(worker: Connection) -> None:
    [refusal] = ask(worker, "SELECT * WHERE { ?s ?p }")
    assert refusal[:1] == wire.REFUSED and b"malformed query" in refusal
    [answer] = ask(worker, "ASK { ?s ?p ?o }")
    assert answer[:1] == wire.WHOLE

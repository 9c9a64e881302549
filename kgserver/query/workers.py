"""User queries evaluated in worker processes that are killed, and replaced, when they overrun.

pyoxigraph cannot cancel a query from Python (docs/notes/pyoxigraph-and-endpoints.md §4), so a
timeout that really frees the CPU stops the process doing the work. Each worker opens the store
read-only (§6) and answers one query at a time with the serialised result (`query.evaluate`,
serialised in Rust there): only bytes cross the pipe. A worker that overruns the timeout is
killed with SIGKILL; one that dies on its own (a crash, §7) costs that query only. Either way a
fresh worker takes its place, and nothing can harm the store: no worker can write to it.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

import anyio
from pyoxigraph import Store

from kgserver.errors import BadQuery, QueryCrashed, QueryTimeout, StoreError
from kgserver.query.evaluation import QueryDataset, QueryOutcome, evaluate
from kgserver.query.screening import ScreenedQuery
from kgserver.rdf.formats import GRAPH_FORMATS, HTML, RESULTS_FORMATS, Format

STARTUP_SECONDS = 60.0
"""How long a new worker may take to import pyoxigraph and open the store."""
LARGE_BODY = 1 << 20
"""Results larger than this come in a message of their own, read in a thread off the event loop."""

# A worker's messages start with one of these bytes; an answer's second byte names its form.
_READY, _ANSWER, _LARGE, _REFUSED, _FAILED = b"R", b"A", b"L", b"B", b"F"
_FORMS = {form[:1].encode("ascii"): form for form in ("SELECT", "ASK", "CONSTRUCT")}
_FORMATS = {fmt.media_type: fmt for fmt in (*RESULTS_FORMATS, *GRAPH_FORMATS, HTML)}

# Workers are forked from a fork server started afresh (not from this process, which runs Rust
# and uvicorn threads) that has this module imported, so a replacement starts in milliseconds.
_CONTEXT = multiprocessing.get_context("forkserver")


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    connection: Connection
    ready: bool = False


class QueryWorkers:
    """A fixed number of worker processes evaluating queries on the store in `store_dir`."""

    def __init__(self, store_dir: Path, size: int, timeout: float) -> None:
        self.store_dir = store_dir
        self.size = size
        self.timeout = timeout
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._free: anyio.Semaphore | None = None

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers, idle and busy."""
        return [w.process.pid for w in (*self._idle, *self._busy) if w.process.pid is not None]

    def start(self) -> None:
        """Start the workers and wait until each has opened the store."""
        self._idle = [self._launch() for _ in range(self.size)]
        for worker in self._idle:
            worker.connection.poll(STARTUP_SECONDS)
            _check_ready(worker, self.store_dir)

    def close(self) -> None:
        """Stop every worker: an idle one exits when its pipe closes; a busy one is killed."""
        for worker in self._idle:
            worker.connection.close()
        for worker in self._idle:
            worker.process.join(2)
        for worker in (*self._idle, *self._busy):
            _stop(worker)
        self._idle, self._busy = [], set()

    async def evaluate(
        self, query: ScreenedQuery, dataset: QueryDataset, fmt: Format
    ) -> QueryOutcome:
        """Evaluate `query` in a free worker, waiting for one if all are busy."""
        if self._free is None:
            self._free = anyio.Semaphore(self.size)
        async with self._free:
            worker = self._idle.pop()
            self._busy.add(worker)
            settled = False
            try:
                answer = await self._ask(worker, query, dataset, fmt)
                settled = True
            finally:
                self._busy.discard(worker)
                # A worker that did not answer (timeout, crash, cancelled request) may still be
                # computing, or hold half an answer in its pipe: only a new one is safe to reuse.
                self._idle.append(worker if settled else self._replace(worker))
        if isinstance(answer, BadQuery):
            raise answer
        return answer

    async def _ask(
        self, worker: _Worker, query: ScreenedQuery, dataset: QueryDataset, fmt: Format
    ) -> QueryOutcome | BadQuery:
        if not worker.ready:
            with anyio.move_on_after(STARTUP_SECONDS):
                await _readable(worker.connection)
            try:
                _check_ready(worker, self.store_dir)
            except StoreError as error:
                raise QueryCrashed(f"no query worker could start: {error}") from None
        try:
            worker.connection.send((query, dataset, fmt.media_type))
        except OSError:
            raise QueryCrashed(_death_of(worker)) from None
        with anyio.move_on_after(self.timeout) as waiting:
            await _readable(worker.connection)
        if waiting.cancelled_caught:
            raise QueryTimeout(self.timeout)
        try:
            message = worker.connection.recv_bytes()
            kind, form = message[:1], _FORMS.get(message[1:2], "")
            if kind == _REFUSED:
                return BadQuery(message[1:].decode("utf-8"))
            body = message[2:]
            if kind == _LARGE:
                body = await anyio.to_thread.run_sync(worker.connection.recv_bytes)
        except (EOFError, OSError):
            raise QueryCrashed(_death_of(worker)) from None
        return QueryOutcome(body=body, format=fmt, form=form)

    def _launch(self) -> _Worker:
        _CONTEXT.set_forkserver_preload([__name__])  # read when the fork server first starts
        ours, theirs = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=serve_queries, args=(str(self.store_dir), theirs), name="kgserver-query"
        )
        process.daemon = True
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _replace(self, worker: _Worker) -> _Worker:
        _stop(worker)
        return self._launch()


async def _readable(connection: Connection) -> None:
    """Wait until `connection` has data, and leave it in blocking mode for the reads."""
    await anyio.wait_readable(connection.fileno())
    # uvloop (libuv) makes a polled descriptor non-blocking; the pipe's reads expect blocking.
    os.set_blocking(connection.fileno(), True)


def _check_ready(worker: _Worker, store_dir: Path) -> None:
    if not worker.connection.poll():
        raise StoreError(f"{store_dir}: a query worker did not start in time")
    try:
        message = worker.connection.recv_bytes()
    except EOFError:
        raise StoreError(f"{store_dir}: a query worker exited at start") from None
    if message[:1] != _READY:
        raise StoreError(f"{store_dir}: a query worker cannot open the store: {message[1:]!r}")
    worker.ready = True


def _stop(worker: _Worker) -> None:
    """Kill the worker (if it still runs) and release its pipe and process handle."""
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5)
    worker.connection.close()


def _death_of(worker: _Worker) -> str:
    worker.process.join(5)
    code = worker.process.exitcode
    if code is not None and code < 0:
        how = f"was stopped by signal {signal.Signals(-code).name}"
    else:
        how = f"exited with status {code}"
    return (
        f"the process evaluating the query {how} before it answered; it has been replaced."
        " The query may trigger a fault in the query engine: simplify it or report it"
    )


def serve_queries(store_dir: str, connection: Connection) -> None:
    """A worker's life: open the store read-only, then answer queries until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    try:
        store = Store.read_only(store_dir)
    except OSError as error:
        connection.send_bytes(_FAILED + str(error).encode("utf-8"))
        return
    connection.send_bytes(_READY)
    while True:
        try:
            query, dataset, media_type = connection.recv()
        except EOFError:
            return
        try:
            outcome = evaluate(store, query, dataset, _FORMATS[media_type])
        except BadQuery as refusal:
            connection.send_bytes(_REFUSED + refusal.message.encode("utf-8"))
            continue
        form = outcome.form[:1].encode("ascii")
        if len(outcome.body) > LARGE_BODY:  # announced, then sent on its own
            connection.send_bytes(_LARGE + form)
            connection.send_bytes(outcome.body)
        else:  # one message: one read, one wake-up of the server
            connection.send_bytes(_ANSWER + form + outcome.body)


@contextmanager
def query_workers(
    store: Store, store_dir: Path | None, size: int, timeout: float
) -> Iterator[QueryWorkers]:
    """Started workers over `store`: its directory, or an on-disk copy of an in-memory store.

    The copy lives in a temporary directory that is removed, like the workers, on exit.
    """
    copy_dir: Path | None = None
    if store_dir is None:
        copy_dir = Path(tempfile.mkdtemp(prefix="kgserver-query-store-"))
        persist(store, copy_dir)
    workers = QueryWorkers(store_dir or copy_dir or Path(), size, timeout)
    try:
        workers.start()
        yield workers
    finally:
        workers.close()
        if copy_dir is not None:
            shutil.rmtree(copy_dir, ignore_errors=True)


def persist(store: Store, directory: Path) -> None:
    """Write every quad of `store` into a new on-disk store in `directory`, then close it."""
    copy = Store(str(directory))
    copy.bulk_extend(store)
    copy.flush()
    del copy

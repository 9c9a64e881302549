"""One lane of query worker processes: a fixed number of them, a bounded queue, and the
exchange of one query with one worker, under a deadline that kills the worker when it passes.

pyoxigraph cannot cancel a query from Python (docs/notes/pyoxigraph-and-endpoints.md §4), so a
timeout that really frees the CPU stops the process doing the work. A worker that overruns is
killed with SIGKILL; one that dies on its own (a crash, §7) costs that query only; one whose
client went away mid-stream is killed too. Either way a fresh worker takes its place, and
nothing can harm the store: no worker can write to it.
"""

from __future__ import annotations

import math
import signal
import weakref
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from pathlib import Path

import anyio

from kgserver.errors import BadQuery, QueryCrashed, QueryTimeout, StoreError
from kgserver.processes.pool import Pool, Worker, launch, readable, wait_started
from kgserver.query import worker_process as wire
from kgserver.query.evaluation import QueryOutcome
from kgserver.rdf.formats import Format

STREAM_AFTER = 256 * 1024
"""A result still streaming past this many bytes is answered as a stream (no Content-Length);
a smaller one is answered whole, with validators, and may be cached."""


class Lane(Pool):
    """`size` worker processes evaluating queries on the store in `store_dir`, one at a time
    each; at most `max_waiting` requests wait for one, and more answer 503 at once."""

    def __init__(
        self, name: str, store_dir: Path, size: int, max_waiting: int, niceness: int = 0
    ) -> None:
        super().__init__(f"{name}-lane query", size, max_waiting)
        self.name = name
        self.store_dir = store_dir
        self.niceness = niceness

    def start(self) -> None:
        """Start the workers and wait until each has opened the store."""
        self.idle = [self._launch() for _ in range(self.size)]
        self.await_started(self._check_ready)
        self.closed = False

    async def evaluate(
        self,
        request: wire.QueryRequest,
        fmt: Format,
        seconds: float,
        on_done: Callable[[], None] | None = None,
        stream_seconds: float | None = None,
    ) -> QueryOutcome:
        """Evaluate `request` in a free worker (waiting for one if all are busy): its answer
        must begin within `seconds`. A large result comes back streaming, within
        `stream_seconds` in all (default: `seconds`): the worker stays reserved until its
        `rest` is read, and `on_done` is called when the worker is given back."""
        worker = await self.reserve()
        lease = _Lease(self, worker, on_done)
        started = anyio.current_time()
        deadline = started + seconds if seconds > 0 else math.inf
        try:
            outcome, finished = await self._ask(worker, request, fmt, deadline, seconds)
        except BadQuery:
            lease.settled = True  # the worker refused the query and is ready for the next
            lease.give_back()
            raise
        except BaseException:
            lease.give_back()
            raise
        if finished:
            lease.settled = True
            lease.give_back()
        else:
            total = seconds if stream_seconds is None else stream_seconds
            outcome.rest = _rest(lease, started + total if total > 0 else math.inf, total)
            # A stream dropped unread (its client gone before the first chunk) gives back too.
            weakref.finalize(outcome.rest, lease.give_back)
        return outcome

    def _give_back(self, lease: _Lease) -> None:
        # A worker that did not finish answering (timeout, crash, a client gone mid-stream)
        # may still be computing, or hold half an answer in its pipe: only a new one is safe.
        self.release(lease.worker, lease.worker if lease.settled else self._launch())

    async def _ask(
        self,
        worker: Worker,
        request: wire.QueryRequest,
        fmt: Format,
        deadline: float,
        seconds: float,
    ) -> tuple[QueryOutcome, bool]:
        """Send the query; read the answer up to `STREAM_AFTER` bytes. True: it is complete."""
        try:
            await wait_started(worker, self._check_ready)
        except StoreError as error:
            raise QueryCrashed(f"no query worker could start: {error}") from None
        try:
            worker.connection.send(request)
        except OSError:
            raise QueryCrashed(_death_of(worker)) from None
        message = await _receive(worker, deadline, seconds)
        kind = message[:1]
        if kind == wire.REFUSED:
            raise BadQuery(message[1:].decode("utf-8"))
        form, truncated = wire.FORMS.get(message[1:2], ""), message[2:3] == b"1"
        if kind == wire.WHOLE:
            return QueryOutcome(message[3:], fmt, form, truncated), True
        if kind != wire.BEGIN:
            raise QueryCrashed(f"a query worker sent an unknown message {kind!r}")
        parts: list[bytes] = []
        size = 0
        while size < STREAM_AFTER:
            message = await _receive(worker, deadline, seconds)
            if message[:1] == wire.END:
                return QueryOutcome(b"".join(parts), fmt, form, truncated), True
            if message[:1] == wire.BROKEN:
                raise BadQuery(message[1:].decode("utf-8"))
            parts.append(message[1:])
            size += len(message) - 1
        return QueryOutcome(b"".join(parts), fmt, form, truncated), False

    def _launch(self) -> Worker:
        args = (str(self.store_dir), self.niceness)
        return launch(wire.serve_queries, args, f"kgserver-query-{self.name}")

    def _check_ready(self, worker: Worker) -> None:
        """Read the worker's first message: it has opened the store (else StoreError)."""
        if not worker.connection.poll():
            raise StoreError(f"{self.store_dir}: a query worker did not start in time")
        try:
            message = worker.connection.recv_bytes()
        except EOFError:
            raise StoreError(f"{self.store_dir}: a query worker exited at start") from None
        if message[:1] != wire.READY:
            raise StoreError(
                f"{self.store_dir}: a query worker cannot open the store: {message[1:]!r}"
            )
        worker.ready = True


@dataclass(eq=False)
class _Lease:
    """A worker reserved for one query until its answer has been read (or abandoned)."""

    lane: Lane
    worker: Worker
    on_done: Callable[[], None] | None
    settled: bool = False
    """The worker answered in full, so it can take the next query."""
    returned: bool = False

    def give_back(self) -> None:
        if self.returned:
            return
        self.returned = True
        self.lane._give_back(self)
        if self.on_done is not None:
            self.on_done()


async def _rest(lease: _Lease, deadline: float, seconds: float) -> AsyncGenerator[bytes, None]:
    """The remainder of a streamed result. If the deadline passes or the worker fails, the
    stream ends with an error, so the client sees a broken transfer, never a result that
    looks complete; a client that goes away closes it, and the worker is replaced."""
    try:
        while True:
            message = await _receive(lease.worker, deadline, seconds)
            kind = message[:1]
            if kind == wire.END:
                lease.settled = True
                return
            if kind == wire.BROKEN:
                lease.settled = True
                raise BadQuery(message[1:].decode("utf-8"))
            yield message[1:]
    finally:
        lease.give_back()


async def _receive(worker: Worker, deadline: float, seconds: float) -> bytes:
    """The worker's next message, or QueryTimeout once `deadline` passes."""
    with anyio.move_on_after(deadline - anyio.current_time()) as waiting:
        await readable(worker.connection)
    if waiting.cancelled_caught:
        raise QueryTimeout(seconds)
    try:
        return worker.connection.recv_bytes()
    except (EOFError, OSError):
        raise QueryCrashed(_death_of(worker)) from None


def _death_of(worker: Worker) -> str:
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

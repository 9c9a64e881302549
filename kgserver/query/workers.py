"""User queries evaluated in worker processes, in two lanes so that heavy queries cannot take
the endpoint from everyone else.

Every query starts in the light lane with a short budget. One that outlives it is stopped (its
worker killed and replaced, `kgserver/query/lane.py`), remembered as heavy, and evaluated again
in the heavy lane: a few workers of their own, at a lower CPU priority, under the full timeout,
with a short queue. A client may run `heavy_per_client` heavy queries at a time (429 beyond);
a full lane answers 503 with `Retry-After` instead of queueing without limit. So the light lane
always has workers for light queries, whatever runs in the heavy one (the design of the
public endpoints that survive: WDQS, QLever and DBpedia's Virtuoso keep heavy work apart).
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter, OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Store

from kgserver.errors import QueryTimeout, TooManyRequests
from kgserver.query.evaluation import QueryDataset, QueryOutcome
from kgserver.query.lane import Lane
from kgserver.query.screening import ScreenedQuery
from kgserver.rdf.formats import Format

KNOWN_HEAVY = 4096
"""Queries remembered as heavy, so that sent again they go straight to the heavy lane."""
HEAVY_NICENESS = 10
"""How much lower the heavy lane's CPU priority is (os.nice)."""


@dataclass(frozen=True)
class Lanes:
    """How the workers are laid out: sizes, the light lane's budget, the limits."""

    light: int = 2
    heavy: int = 0
    """Workers of the heavy lane; 0: one lane, every query under the full timeout."""
    light_budget: float = 1.0
    """Seconds a query may run in the light lane before it moves to the heavy one."""
    heavy_per_client: int = 1
    max_waiting: int = 64
    """Requests that may wait for a worker of the light lane (the heavy lane: 2 per worker)."""


class QueryWorkers:
    """The light and heavy lanes over the store in `store_dir`, under `timeout` seconds."""

    def __init__(self, store_dir: Path, lanes: Lanes, timeout: float) -> None:
        self.store_dir = store_dir
        self.lanes = lanes
        self.timeout = timeout
        self.light = Lane("light", store_dir, lanes.light, lanes.max_waiting)
        self.heavy: Lane | None = None
        if lanes.heavy > 0 and timeout > 0:
            self.heavy = Lane("heavy", store_dir, lanes.heavy, 2 * lanes.heavy, HEAVY_NICENESS)
            self.heavy.retry_after = timeout
        self._known_heavy: OrderedDict[tuple[str, QueryDataset], None] = OrderedDict()
        self._heavy_by_client: Counter[str] = Counter()

    @property
    def size(self) -> int:
        return self.lanes.light + (self.lanes.heavy if self.heavy else 0)

    @property
    def pids(self) -> list[int]:
        """The process ids of every worker, of both lanes, idle and busy."""
        return self.light.pids + (self.heavy.pids if self.heavy else [])

    def start(self) -> None:
        self.light.start()
        if self.heavy:
            self.heavy.start()

    def close(self) -> None:
        self.light.close()
        if self.heavy:
            self.heavy.close()

    async def evaluate(
        self,
        query: ScreenedQuery,
        dataset: QueryDataset,
        fmt: Format,
        row_cap: int = 0,
        client: str = "",
    ) -> QueryOutcome:
        """Evaluate `query` for `client` (its address): in the light lane, or the heavy one
        once it has proved heavy. Raises QueryTimeout, ServerBusy, TooManyRequests, BadQuery."""
        request = (query, dataset, fmt.media_type, row_cap)
        key = (query.text, dataset)
        if self.heavy is None:
            return await self.light.evaluate(request, fmt, self.timeout)
        if key in self._known_heavy:
            self._known_heavy.move_to_end(key)
            return await self._evaluate_heavy(request, fmt, client, self.timeout)
        budget = min(self.lanes.light_budget, self.timeout)
        try:
            return await self.light.evaluate(request, fmt, budget, stream_seconds=self.timeout)
        except QueryTimeout:
            if budget >= self.timeout:
                raise QueryTimeout(self.timeout) from None
        self._known_heavy[key] = None
        while len(self._known_heavy) > KNOWN_HEAVY:
            self._known_heavy.popitem(last=False)
        return await self._evaluate_heavy(request, fmt, client, self.timeout - budget)

    async def _evaluate_heavy(
        self,
        request: tuple[ScreenedQuery, QueryDataset, str, int],
        fmt: Format,
        client: str,
        seconds: float,
    ) -> QueryOutcome:
        assert self.heavy is not None
        limit = self.lanes.heavy_per_client
        if self._heavy_by_client[client] >= limit:
            raise TooManyRequests(
                f"this query is heavy (it ran longer than {self.lanes.light_budget:g} s), and"
                f" you already run {limit} heavy quer{'y' if limit == 1 else 'ies'}: wait for"
                " it to finish, or add a LIMIT or narrow the patterns",
                self.timeout,
            )
        self._heavy_by_client[client] += 1

        def done() -> None:
            self._heavy_by_client[client] -= 1
            if self._heavy_by_client[client] <= 0:
                del self._heavy_by_client[client]

        try:
            return await self.heavy.evaluate(request, fmt, seconds, on_done=done)
        except QueryTimeout:
            raise QueryTimeout(self.timeout) from None


@contextmanager
def query_workers(
    store: Store, store_dir: Path | None, lanes: Lanes | int, timeout: float
) -> Iterator[QueryWorkers]:
    """Started workers over `store`: its directory, or an on-disk copy of an in-memory store.

    `lanes`: the layout, or a number of workers in a single lane. The copy lives in a
    temporary directory that is removed, like the workers, on exit.
    """
    if isinstance(lanes, int):
        lanes = Lanes(light=lanes, heavy=0)
    copy_dir: Path | None = None
    if store_dir is None:
        copy_dir = Path(tempfile.mkdtemp(prefix="kgserver-query-store-"))
        persist(store, copy_dir)
    workers = QueryWorkers(store_dir or copy_dir or Path(), lanes, timeout)
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

"""What every route needs, built once by the app factory and reached through a dependency."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import anyio
from fastapi import Request
from jinja2 import Environment
from pyoxigraph import Store

from kgserver.negotiation import Format
from kgserver.query import QueryDataset, QueryOutcome, evaluate
from kgserver.query_workers import QueryWorkers
from kgserver.screening import ScreenedQuery
from kgserver.settings import Settings
from kgserver.urls import root_of

T = TypeVar("T")

DEFAULT_QUERY = """PREFIX oikg: <https://w3id.org/oikg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?infrastructure ?name WHERE {
  ?infrastructure a oikg:Infrastructure ;
                  rdfs:label ?name .
}
ORDER BY ?name
LIMIT 100
"""


@dataclass
class AppContext:
    """The settings, the store and the templates of one app, and its query workers."""

    settings: Settings
    store: Store
    templates: Environment
    version: str
    default_query: str = DEFAULT_QUERY
    derived: dict[str, Any] = field(default_factory=dict)
    """Values computed from the store once per dataset version (see snapshot.py)."""
    query_workers: QueryWorkers | None = None
    """Processes that evaluate /sparql queries under a timeout; None: threads, no timeout."""
    _limiter: anyio.CapacityLimiter | None = field(default=None, repr=False)

    async def run_in_worker(self, function: Callable[..., T], *args: object) -> T:
        """Run blocking store work in a worker thread, at most `query_threads` at once."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.settings.query_threads)
        return await anyio.to_thread.run_sync(function, *args, limiter=self._limiter)

    async def evaluate_query(
        self, query: ScreenedQuery, dataset: QueryDataset, fmt: Format
    ) -> QueryOutcome:
        """Evaluate a user's query: in a worker process when there are some, else a thread."""
        if self.query_workers is not None:
            return await self.query_workers.evaluate(query, dataset, fmt)
        return await self.run_in_worker(evaluate, self.store, query, dataset, fmt)

    def root(self, request: Request) -> str:
        """The server root that links and the service description use."""
        return root_of(self.settings.base_url or str(request.base_url))


def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context

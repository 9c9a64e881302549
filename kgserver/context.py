"""What every route needs, built once by the app factory and reached through a dependency."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import anyio
from fastapi import Request
from jinja2 import Environment
from pyoxigraph import Store

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
    """The settings, the store and the templates of one app, and its pool of query workers."""

    settings: Settings
    store: Store
    templates: Environment
    version: str
    default_query: str = DEFAULT_QUERY
    derived: dict[str, Any] = field(default_factory=dict)
    """Values computed from the store once per dataset version (see snapshot.py)."""
    _limiter: anyio.CapacityLimiter | None = field(default=None, repr=False)

    async def run_in_worker(self, function: Callable[..., T], *args: object) -> T:
        """Run blocking store work in a worker thread, at most `query_threads` at once."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.settings.query_threads)
        return await anyio.to_thread.run_sync(function, *args, limiter=self._limiter)

    def root(self, request: Request) -> str:
        """The server root that links and the service description use."""
        return root_of(self.settings.base_url or str(request.base_url))


def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context

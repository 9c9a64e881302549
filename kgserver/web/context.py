"""What every route needs, built once by the app factory and reached through one dependency.

The context holds the settings, the store, the templates, the query workers and the caches of
what is derived from the store — each a `PerVersion` (`kgserver/store/per_version.py`) keyed
by the live dataset version, so nothing a route answers outlives the data it came from.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import Depends, Request
from jinja2 import Environment
from pyoxigraph import Store

from kgserver.catalogue.changes import changes_path
from kgserver.catalogue.snapshot import Snapshot, build_snapshot
from kgserver.curation.workers import ContributionWorkers
from kgserver.linked_data.dumps import DatasetFacts, build_facts
from kgserver.query.evaluation import QueryDataset, QueryOutcome, evaluate
from kgserver.query.examples import ExampleQuery
from kgserver.query.screening import ScreenedQuery
from kgserver.query.workers import QueryWorkers
from kgserver.rdf.formats import Format
from kgserver.rdf.namespaces import sparql_prologue
from kgserver.rdf.urls import Urls
from kgserver.settings import Settings
from kgserver.store.per_version import PerVersion
from kgserver.store.version import dataset_modified, dataset_version

T = TypeVar("T")

DEFAULT_QUERY = (
    sparql_prologue("oikg", "rdfs")
    + """
SELECT ?infrastructure ?name WHERE {
  ?infrastructure a oikg:Infrastructure ;
                  rdfs:label ?name .
}
ORDER BY ?name
LIMIT 100
"""
)
CACHED_DOCUMENTS = 512
"""Rendered entity descriptions and pages kept per dataset version."""


@dataclass
class AppContext:
    """The settings, the store and the templates of one app, its workers and caches."""

    settings: Settings
    store: Store
    templates: Environment
    query_workers: QueryWorkers | None = None
    """Processes that evaluate /sparql queries under a timeout; None: threads, no timeout."""
    contribution_workers: ContributionWorkers | None = None
    """Processes that check POST /validate contributions, capped; None: threads, no caps."""
    examples: list[ExampleQuery] = field(default_factory=list)
    """The stored queries of queries/, read once when the app is built."""
    default_query: str = DEFAULT_QUERY
    snapshots: PerVersion[Snapshot] = field(default_factory=PerVersion)
    facts: PerVersion[DatasetFacts] = field(default_factory=PerVersion)
    documents: PerVersion[bytes] = field(default_factory=lambda: PerVersion(CACHED_DOCUMENTS))
    results: PerVersion[QueryOutcome] | None = None
    """Small query results per dataset version (`kgserver/web/query_results.py`); None: off."""
    _limiter: anyio.CapacityLimiter | None = field(default=None, repr=False)
    _dumps_dir: Path | None = field(default=None, repr=False)

    def live_version(self) -> str:
        """The dataset version the store holds now (one indexed lookup)."""
        return dataset_version(self.store)

    def live_modified(self) -> str:
        """When the live version was loaded (xsd:dateTime; `Last-Modified` of what it serves)."""
        return dataset_modified(self.store)

    async def run_in_worker(self, function: Callable[..., T], *args: object) -> T:
        """Run blocking store work in a worker thread, at most `query_threads` at once."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.settings.query_threads)
        return await anyio.to_thread.run_sync(function, *args, limiter=self._limiter)

    async def derived(
        self, cache: PerVersion[T], key: Hashable, compute: Callable[[], T], version: str = ""
    ) -> T:
        """The value of `cache` for the live version (or `version`) and `key`; computed in a
        worker thread when missing, so store iterators stay in the thread that made them."""
        version = version or self.live_version()
        found = cache.peek(version, key)
        if found is not None:
            return found
        return await self.run_in_worker(cache.get, version, key, compute)

    async def snapshot(self) -> Snapshot:
        """The catalogue, search index and change log of the live version."""
        log_path = changes_path(self.settings.store_dir)
        return await self.derived(
            self.snapshots,
            (),
            lambda: build_snapshot(self.store, log_path, self.snapshots.latest()),
        )

    async def dataset_facts(self, version: str = "") -> DatasetFacts:
        """The dumps and VoID counts of `version` (default: the live one), built on first
        need."""

        def build() -> DatasetFacts:
            return build_facts(self.store, self.dumps_dir(), self.facts.latest())

        return await self.derived(self.facts, (), build, version)

    def dumps_dir(self) -> Path:
        """A temporary folder for the dump files, made on first need and removed with the
        context (or when the process ends)."""
        if self._dumps_dir is None:
            self._dumps_dir = Path(tempfile.mkdtemp(prefix="kgserver-dumps-"))
            weakref.finalize(self, shutil.rmtree, self._dumps_dir, True)
        return self._dumps_dir

    async def evaluate_query(
        self,
        query: ScreenedQuery,
        dataset: QueryDataset,
        fmt: Format,
        client: str = "",
        row_cap: int | None = None,
    ) -> QueryOutcome:
        """Evaluate `client`'s query under the row cap (default: `max_result_rows`): in the
        worker processes' lanes when there are some, else in a thread."""
        cap = self.settings.max_result_rows if row_cap is None else row_cap
        if self.query_workers is not None:
            return await self.query_workers.evaluate(query, dataset, fmt, cap, client)
        return await self.run_in_worker(evaluate, self.store, query, dataset, fmt, cap)

    def urls(self, request: Request) -> Urls:
        """This server's links: under the configured base URL, else the request's own."""
        return Urls.at(self.settings.base_url or str(request.base_url))

    def render(self, request: Request, template: str, **values: Any) -> bytes:
        """A page for `request`: `template` rendered with this server's links and `values`."""
        return self.render_at(self.urls(request), template, **values)

    def render_at(self, urls: Urls, template: str, **values: Any) -> bytes:
        """`template` rendered with the links `urls` (as `urls` and `root`) and `values`."""
        page = self.templates.get_template(template)
        return page.render(urls=urls, root=urls.root, **values).encode("utf-8")


def get_context(request: Request) -> AppContext:
    """The context of the app serving `request`."""
    context: AppContext = request.app.state.context
    return context


async def _context_dependency(request: Request) -> AppContext:
    # async: FastAPI would run a plain function in a thread, on every request
    return get_context(request)


ContextDep = Annotated[AppContext, Depends(_context_dependency)]
"""The app's context, for a route's signature."""

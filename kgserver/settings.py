"""The server's settings, in one typed, frozen object (environment prefix KGSERVER_)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kgserver.query.workers import Lanes
from kgserver.store.bundle import BUNDLE_DIR

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
"""Scripts, styles, images and connections from this server only; styles may also be inline
(the query editor and Swagger UI set style attributes), scripts never: pages keep theirs in
static files and pass data in `<script type="application/json">` blocks, which are not run."""


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/kgserver`, or `~/.cache/kgserver`."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kgserver"


class Settings(BaseSettings):
    """Everything `create_app` and the CLI need; tests build one directly."""

    model_config = SettingsConfigDict(env_prefix="KGSERVER_", frozen=True)

    bundle_dir: Path = Field(BUNDLE_DIR, description="Folder holding ontology/, shapes/, data/.")
    store_dir: Path | None = Field(None, description="Persistent Oxigraph store; None: in memory.")
    cache_dir: Path | None = Field(
        default_factory=lambda: default_cache_dir(),
        description="Where stores built from the bundle are kept between starts (without"
        " --store), keyed by the bundle's content and code; empty: build in memory each start.",
    )
    base_url: str | None = Field(
        None, description="Public URL of the server, used in the service description."
    )
    max_query_bytes: int = Field(512 * 1024, description="Largest SPARQL request accepted.")
    max_query_nesting: int = Field(
        128, description="Deepest nesting of {}, () and [] accepted (guards the parser's stack)."
    )
    max_query_operators: int = Field(
        1000, description="Most operators (||, +, /, UNION, …) accepted in one query."
    )
    query_threads: int = Field(
        8, description="Internal queries (pages, descriptions) run at once, off the event loop."
    )
    query_timeout: float = Field(
        30.0,
        description="Seconds a /sparql query may run; then its worker process is killed and"
        " the request answers 503. 0: no timeout, queries run in threads of the server.",
    )
    query_processes: int = Field(
        default_factory=lambda: os.cpu_count() or 2,
        description="Worker processes of the light lane, where every /sparql query starts"
        " (default: one per core).",
    )
    heavy_query_processes: int = Field(
        default_factory=lambda: max(1, (os.cpu_count() or 2) // 2),
        description="Worker processes of the heavy lane, for queries that outlive"
        " query_light_budget (at a lower CPU priority). 0: one lane.",
    )
    query_light_budget: float = Field(
        1.0, description="Seconds a query may run in the light lane before it moves to the heavy."
    )
    heavy_queries_per_client: int = Field(
        1, description="Heavy queries one client may run at a time (429 beyond)."
    )
    query_queue: int = Field(
        64, description="Queries that may wait for a light-lane worker (503 beyond)."
    )
    max_result_rows: int = Field(
        100_000,
        description="Most solutions (or triples) a result carries; a result cut by it says so"
        " in the X-Kgserver-Truncated header. 0: no cap.",
    )
    result_cache_entries: int = Field(
        1024, description="Small query results kept per dataset version (0: no cache)."
    )
    result_max_age: int = Field(
        60, description="Seconds clients and proxies may reuse a query result (Cache-Control)."
    )
    rate_limit: int = Field(
        1200, description="Requests per minute one client may make (429 beyond). 0: no limit."
    )
    rate_limit_burst: int = Field(
        200, description="Requests one client may make at once before rate_limit applies."
    )
    max_contribution_bytes: int = Field(
        1024 * 1024, description="Largest contribution POST /validate accepts (413 above)."
    )
    contribution_processes: int = Field(
        default_factory=lambda: max(1, (os.cpu_count() or 2) // 2),
        description="Worker processes that parse and validate POST /validate contributions"
        " (default: one per two cores). 0: in threads of the server, without the memory cap"
        " and the timeout.",
    )
    contribution_timeout: float = Field(
        30.0,
        description="Seconds a contribution worker may take to check one contribution; then"
        " it is killed and replaced, and the request answers 503. 0: no timeout.",
    )
    contribution_memory_mb: int = Field(
        512,
        description="Memory (MB) checking one contribution may use in a worker, on top of"
        " the graph the worker holds (RLIMIT_AS); beyond it the request answers 413."
        " 0: no cap.",
    )
    contribution_queue: int = Field(
        8, description="Contributions that may wait for a contribution worker (503 beyond)."
    )
    html_result_rows: int = Field(1000, description="Rows shown in an HTML result table.")
    cors_origins: list[str] = Field(["*"], description="Origins allowed to query by CORS.")
    max_url_bytes: int = Field(
        64 * 1024, description="Longest request target accepted (414 beyond), by `serve`."
    )
    max_header_bytes: int = Field(
        8 * 1024, description="Largest request header line accepted (431 beyond), by `serve`."
    )
    max_headers_bytes: int = Field(
        16 * 1024, description="Largest request header block accepted (431 beyond), by `serve`."
    )
    content_security_policy: str = Field(
        CONTENT_SECURITY_POLICY,
        description="The Content-Security-Policy header of every response (empty: none).",
    )
    referrer_policy: str = Field(
        "strict-origin-when-cross-origin",
        description="The Referrer-Policy header of every response.",
    )

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        """`KGSERVER_CACHE_DIR=` (empty) turns the cache off."""
        return None if value == "" else value

    def lanes(self) -> Lanes:
        """The layout of the query workers these settings ask for."""
        return Lanes(
            light=self.query_processes,
            heavy=self.heavy_query_processes,
            light_budget=self.query_light_budget,
            heavy_per_client=self.heavy_queries_per_client,
            max_waiting=self.query_queue,
        )

"""The server's settings, in one typed, frozen object (environment prefix KGSERVER_)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from kgserver.store.bundle import BUNDLE_DIR


class Settings(BaseSettings):
    """Everything `create_app` and the CLI need; tests build one directly."""

    model_config = SettingsConfigDict(env_prefix="KGSERVER_", frozen=True)

    bundle_dir: Path = Field(BUNDLE_DIR, description="Folder holding ontology/, shapes/, data/.")
    store_dir: Path | None = Field(None, description="Persistent Oxigraph store; None: in memory.")
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
        description="Worker processes evaluating /sparql queries (default: one per core).",
    )
    max_contribution_bytes: int = Field(
        1024 * 1024, description="Largest contribution POST /validate accepts (413 above)."
    )
    html_result_rows: int = Field(1000, description="Rows shown in an HTML result table.")
    cors_origins: list[str] = Field(["*"], description="Origins allowed to query by CORS.")

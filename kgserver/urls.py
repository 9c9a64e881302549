"""Building links in one place: canonical IRIs map onto this server's own paths."""

from __future__ import annotations

from kgserver import iris


def local_href(iri: str, root: str) -> str:
    """The link for `iri` on a server at `root`: graph IRIs stay browsable on any host."""
    if iri.startswith(iris.BASE):
        return root + "/" + iri[len(iris.BASE) :]
    return iri


def root_of(base_url: str) -> str:
    """The server root to prefix paths with, without a trailing slash."""
    return base_url.rstrip("/")

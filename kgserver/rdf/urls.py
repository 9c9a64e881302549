"""This server's links, built in one place: canonical IRIs map onto the server's own paths.

RDF always carries the canonical IRIs (`https://w3id.org/oikg/id/x`); pages link to the
server they are served from (`{root}/id/x`), so browsing works on any host.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from kgserver.rdf import iris
from kgserver.rdf.formats import Format


def is_web_link(iri: str) -> bool:
    """Only these schemes become links: a `javascript:` IRI in the data stays inert text."""
    return urlsplit(iri).scheme.lower() in ("http", "https", "ftp", "mailto")


@dataclass(frozen=True)
class Urls:
    """The links of a server whose root (scheme, host and path prefix) is `root`."""

    root: str
    """Without a trailing slash: `http://127.0.0.1:8000`."""

    @classmethod
    def at(cls, base_url: str) -> Urls:
        return cls(base_url.rstrip("/"))

    def path(self, path: str, params: Iterable[tuple[str, str]] = ()) -> str:
        """A page of this server (`/browse`), with query parameters if any."""
        query = urlencode(list(params))
        return self.root + path + (f"?{query}" if query else "")

    def href(self, iri: str) -> str:
        """Where a page links for `iri`: the graph's IRIs to this server, others as they are."""
        if iri.startswith(iris.BASE):
            return self.root + "/" + iri[len(iris.BASE) :]
        return iri

    def entity(self, slug: str, fmt: Format | None = None) -> str:
        """The entity `/id/{slug}`, or its description in one format (`/id/{slug}.ttl`)."""
        suffix = f".{fmt.extension}" if fmt is not None else ""
        return self.href(iris.ENTITY_BASE + slug) + suffix

    def alternates(self, url: str, formats: Iterable[Format]) -> str:
        """A `Link` header naming the document of each format at `{url}.{ext}` (RFC 8288)."""
        return ", ".join(
            f'<{url}.{fmt.extension}>; rel="alternate"; type="{fmt.media_type}"' for fmt in formats
        )

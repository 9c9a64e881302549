"""The sitemap (sitemaps.org protocol 0.9): every entity page with the time of its latest change.

Past `SITEMAP_LIMIT` URLs the sitemap is an index of numbered parts, `/sitemap/{n}.xml`.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from kgserver.catalogue.snapshot import Snapshot
from kgserver.errors import NotFound
from kgserver.rdf.urls import Urls

SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org protocol)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


def _url_elements(snapshot: Snapshot, urls: Urls) -> list[str]:
    """`<url>` elements: the home page, then every entity page with its latest change."""
    latest = snapshot.changes.latest()
    elements = [f"<url><loc>{escape(urls.path('/'))}</loc></url>"]
    for entity in sorted(snapshot.catalogue.entities.values(), key=lambda e: e.slug):
        lastmod = latest.get(entity.iri, "")
        lastmod_xml = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        elements.append(f"<url><loc>{escape(urls.entity(entity.slug))}</loc>{lastmod_xml}</url>")
    return elements


def _urlset(elements: list[str]) -> bytes:
    head = f'{XML_DECLARATION}\n<urlset xmlns="{SITEMAP_NS}">'
    return "\n".join([head, *elements, "</urlset>\n"]).encode("utf-8")


def sitemap(snapshot: Snapshot, urls: Urls) -> bytes:
    """The sitemap: a `urlset`, or past SITEMAP_LIMIT URLs a `sitemapindex` of its parts."""
    elements = _url_elements(snapshot, urls)
    if len(elements) <= SITEMAP_LIMIT:
        return _urlset(elements)
    parts = (len(elements) + SITEMAP_LIMIT - 1) // SITEMAP_LIMIT
    modified = snapshot.catalogue.modified
    lastmod = f"<lastmod>{escape(modified)}</lastmod>" if modified else ""
    index = [f'{XML_DECLARATION}\n<sitemapindex xmlns="{SITEMAP_NS}">']
    for number in range(parts):
        loc = escape(urls.path(f"/sitemap/{number}.xml"))
        index.append(f"<sitemap><loc>{loc}</loc>{lastmod}</sitemap>")
    index.append("</sitemapindex>\n")
    return "\n".join(index).encode("utf-8")


def sitemap_part(snapshot: Snapshot, urls: Urls, number: int) -> bytes:
    """Part `number` of a sitemap too large for one file; NotFound when there is no such part."""
    elements = _url_elements(snapshot, urls)
    chunk = elements[number * SITEMAP_LIMIT : (number + 1) * SITEMAP_LIMIT]
    if number < 0 or not chunk or len(elements) <= SITEMAP_LIMIT:
        raise NotFound("no such sitemap part; start from /sitemap.xml")
    return _urlset(chunk)

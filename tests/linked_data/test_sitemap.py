"""The sitemap of every entity page (linked_data/sitemap.py)."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from kgserver.catalogue.snapshot import Snapshot
from kgserver.errors import NotFound
from kgserver.linked_data import sitemap as module
from kgserver.linked_data.sitemap import SITEMAP_NS, sitemap, sitemap_part
from kgserver.rdf.urls import Urls

NS = {"s": SITEMAP_NS}


def test_the_sitemap_lists_the_home_page_and_every_entity(snapshot: Snapshot, urls: Urls) -> None:
    root = ElementTree.fromstring(sitemap(snapshot, urls))
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    locations = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    entities = sorted(snapshot.catalogue.entities.values(), key=lambda e: e.slug)
    assert locations == ["http://testserver/", *(urls.entity(e.slug) for e in entities)]
    lastmods = root.findall("s:url/s:lastmod", NS)
    assert len(lastmods) == len(entities)


def test_a_small_sitemap_has_no_parts(snapshot: Snapshot, urls: Urls) -> None:
    with pytest.raises(NotFound):
        sitemap_part(snapshot, urls, 0)


def test_past_the_limit_the_sitemap_is_an_index_of_parts(
    snapshot: Snapshot, urls: Urls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(module, "SITEMAP_LIMIT", 10)
    index = ElementTree.fromstring(sitemap(snapshot, urls))
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    total = len(snapshot.catalogue.entities) + 1
    assert len(parts) == (total + 9) // 10
    assert parts[0] == "http://testserver/sitemap/0.xml"
    counted = sum(
        len(ElementTree.fromstring(sitemap_part(snapshot, urls, n)).findall("s:url", NS))
        for n in range(len(parts))
    )
    assert counted == total
    with pytest.raises(NotFound):
        sitemap_part(snapshot, urls, len(parts))

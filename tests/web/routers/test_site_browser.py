"""A person's walk through the catalogue in headless Chromium, without JavaScript as with it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect
from pyoxigraph import Store

from tests.conftest import artifacts_dir
from tests.facts import infrastructures, rows

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(artifacts_dir() / f"site-{name}.png"), full_page=True)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_home_search_entity_related_entity_compare(
    live_server: str, browser: Browser, store: Store, javascript: bool
) -> None:
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 1200, "height": 900}
    )
    page = context.new_page()
    suffix = "" if javascript else "-nojs"

    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open Infrastructure Knowledge Graph")
    card = page.locator("ul.class-counts li").filter(has_text="Infrastructure")
    expect(card.locator(".count")).to_have_text(str(infrastructures(store)))
    shot(page, "home" + suffix)

    page.get_by_label("Search the graph").fill("repository service")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search\?q=repository\+service$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    hits = page.locator("ol.hits h3")
    expect(hits.first).to_have_text("Repository service")  # the exact name ranks first
    expect(hits.filter(has_text="Zenodo")).to_have_count(1)
    shot(page, "search" + suffix)

    hits.filter(has_text="Zenodo").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zenodo")
    expect(page.locator("p.description")).to_contain_text("General-purpose repository service")
    properties = page.locator("dl.properties").first
    expect(properties.locator("dt").filter(has_text=re.compile("^hosted by$"))).to_be_visible()
    shot(page, "entity" + suffix)

    properties.get_by_role("link", name="CERN", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CERN")
    related = page.locator("section").filter(has=page.get_by_role("heading", name="Related"))
    # CERN hosts Zenodo and receives funding directly for it: two rows of Related link it.
    expect(related.get_by_role("link", name="Zenodo").first).to_be_visible()
    shot(page, "related-entity" + suffix)

    related.get_by_role("link", name="Zenodo").first.click()
    page.get_by_role("link", name="Compare with others").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare infrastructures")
    expect(page.get_by_label("Zenodo", exact=True)).to_be_checked()
    page.get_by_label("DSpace", exact=True).check()
    page.get_by_label("arXiv", exact=True).check()
    page.get_by_role("button", name="Compare").click()
    table = page.get_by_role("table")
    expect(table.locator("thead th")).to_have_text(["Attribute", "arXiv", "DSpace", "Zenodo"])
    hosted = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="hosted by"))
    expect(hosted.get_by_role("cell")).to_have_text(["arXiv, Inc.", "Lyrasis", "CERN"])
    shot(page, "compare" + suffix)
    context.close()


def test_statistics_page_shows_charts(live_server: str, browser: Browser, store: Store) -> None:
    implementers = rows(
        store,
        "SELECT ?label (COUNT(DISTINCT ?i) AS ?n) { ?i a oikg:Infrastructure ; oikg:implements ?s ."
        " ?s rdfs:label ?label } GROUP BY ?label",
    )
    label, n = min(implementers, key=lambda row: (-int(row[1]), row[0].casefold()))
    page = browser.new_page()
    page.goto(live_server + "/stats")
    chart = page.get_by_role("img", name="Most implemented standards")
    expect(chart).to_be_visible()
    expect(chart.locator("a").first.locator("title")).to_have_text(f"{label}: {n}")
    shot(page, "stats")


def test_narrow_screens_get_one_column(live_server: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server + "/browse?type=Infrastructure")
    facets = page.locator("aside.facets").bounding_box()
    results = page.locator("section.results").bounding_box()
    assert facets and results  # stacked, results first, filters after them
    assert facets["y"] > results["y"] + results["height"] - 1
    shot(page, "browse-narrow")
    context.close()

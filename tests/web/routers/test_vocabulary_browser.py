"""The ontology page in a real headless Chromium: the diagram shows, term IRIs land on entries."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.conftest import artifacts_dir

pytestmark = pytest.mark.browser


def test_a_term_iri_fragment_lands_on_its_entry(live_server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(live_server + "/ontology#fundedBy")
    entry = page.locator("section#fundedBy")
    expect(entry.get_by_role("heading", level=3)).to_contain_text("funded by")
    expect(entry).to_be_in_viewport()
    page.screenshot(path=str(artifacts_dir() / "ontology-fundedBy.png"))


def test_the_diagram_links_to_class_entries(live_server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(live_server + "/ontology")
    diagram = page.get_by_role("img", name="Main classes and relations of the oikg ontology")
    expect(diagram).to_be_visible()
    box = diagram.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 250
    diagram.locator("a[href='#Grant']").click()
    expect(page).to_have_url(live_server + "/ontology#Grant")
    page.locator("figure.diagram").screenshot(path=str(artifacts_dir() / "ontology-diagram.png"))

"""Pages for people, in a real headless Chromium against a real server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import artifacts_dir

pytestmark = pytest.mark.browser


def plain_form_page(browser: Browser) -> Page:
    """A page with JavaScript but without the front-end bundle: the plain form (and its helper)."""
    context = browser.new_context()
    context.route("**/static/build/**", lambda route: route.abort())
    return context.new_page()


def test_query_editor_runs_a_query_and_shows_a_table(live_server: str, browser: Browser) -> None:
    page = plain_form_page(browser)
    page.goto(live_server + "/sparql")
    expect(page.get_by_role("heading", level=1)).to_have_text("SPARQL query")
    editor = page.get_by_label("SPARQL query")
    editor.fill(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?name WHERE { <https://w3id.org/oikg/id/infrastructure/zenodo> rdfs:label ?name }"
    )
    page.get_by_role("button", name="Run query").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Query results")
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_text(["?name"])
    expect(table.get_by_role("cell")).to_have_text(["Zenodo@en"])
    expect(page.get_by_label("SPARQL query")).to_have_value(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?name WHERE { <https://w3id.org/oikg/id/infrastructure/zenodo> rdfs:label ?name }"
    )
    page.screenshot(path=str(artifacts_dir() / "sparql-results.png"), full_page=True)


def test_example_query_link_runs_without_javascript(live_server: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/sparql")
    page.get_by_role("link", name="Infrastructures and the organisations that host them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Query results")
    expect(page.get_by_role("columnheader")).to_have_text(
        ["?infrastructure", "?name", "?host", "?hostName", "?country"]
    )
    expect(page.get_by_role("row").filter(has_text="DSpace")).to_contain_text("Lyrasis")
    page.screenshot(path=str(artifacts_dir() / "sparql-example.png"), full_page=True)
    context.close()


def test_ctrl_enter_submits_the_editor(live_server: str, browser: Browser) -> None:
    page = plain_form_page(browser)
    page.goto(live_server + "/sparql")
    editor = page.get_by_label("SPARQL query")
    editor.fill("ASK { ?s ?p ?o }")
    editor.press("Control+Enter")
    expect(page.locator("p.boolean")).to_have_text("ASK: true")


def test_a_malformed_query_shows_the_parser_message(live_server: str, browser: Browser) -> None:
    page = browser.new_page()
    response = page.goto(live_server + "/sparql?query=SELECT%20*%20WHERE%20%7B")
    assert response is not None and response.status == 400
    expect(page.locator(".error-message")).to_contain_text("malformed query: error at 1:")

"""The Content-Security-Policy (`kgserver/web/security_headers.py`) as Chromium enforces it: the
home page, an entity page, the query editor running a query, and Swagger UI at /api load and
work with no violation reported and no error on the console."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

pytestmark = pytest.mark.browser

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
"""Run by Playwright before any script of the page (so outside the page's own policy)."""


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page listening for violations; yields it with the console errors it logs."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # Chromium's own ask for /favicon.ico (the pages name no icon) is no page error.
        if message.type == "error" and "/favicon.ico" not in message.location.get("url", ""):
            errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def violations(page: Page) -> list[str]:
    found: list[str] = page.evaluate("window.__violations")
    return found


def test_home_and_entity_pages_satisfy_the_policy(
    live_server: str, page: tuple[Page, list[str]]
) -> None:
    tab, errors = page
    for path in ("/", "/id/infrastructure/zenodo"):
        response = tab.goto(live_server + path)
        assert response is not None and response.status == 200
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        expect(tab.locator("main")).to_be_visible()
        tab.wait_for_load_state("networkidle")
        assert violations(tab) == [], path
    assert errors == []


def test_the_query_editor_runs_a_query_under_the_policy(
    live_server: str, page: tuple[Page, list[str]]
) -> None:
    tab, errors = page
    tab.goto(live_server + "/sparql")
    expect(tab.locator(".sparql-editor .CodeMirror")).to_be_visible()
    tab.evaluate(
        "window.sparqlEditor.yasqe.setValue("
        "'SELECT ?s WHERE { ?s a <https://w3id.org/oikg/ontology#Infrastructure> } LIMIT 3')"
    )
    tab.get_by_role("button", name="Run query").click()
    expect(tab.locator(".yasr table.dataTable tbody tr")).to_have_count(3)
    tab.wait_for_load_state("networkidle")
    assert violations(tab) == []
    assert errors == []


def test_swagger_ui_runs_under_the_policy(live_server: str, page: tuple[Page, list[str]]) -> None:
    tab, errors = page
    tab.goto(live_server + "/api")
    expect(tab.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20_000)
    tab.locator(".swagger-ui .opblock-summary").first.click()  # open one operation
    expect(tab.locator(".swagger-ui .opblock-body").first).to_be_visible()
    tab.wait_for_load_state("networkidle")
    assert violations(tab) == []
    assert errors == []

"""The query editor of /sparql (frontend/, bundled at install) as a person uses it, in headless
Chromium: examples menu, run, sort, pages, chart, entity links, downloads, shareable URLs, and
not one request to any host but this server. Swagger UI at /api likewise."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect
from pyoxigraph import QuerySolutions, Store

from kgserver.query.examples import ExampleQuery, example_queries
from kgserver.rdf.formats import GRAPH_FORMATS, RESULTS_FORMATS
from kgserver.settings import BUNDLE_DIR
from tests.conftest import kgserver_serving

pytestmark = pytest.mark.browser

EXAMPLE = "standards-by-adoption"
"""A stored query with an IRI, a label and a count per row: it sorts, pages and charts."""


def shot(page: Page, name: str) -> None:
    folder = BUNDLE_DIR / "test-artifacts"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"editor-{name}.png"), full_page=True)


@pytest.fixture
def example() -> ExampleQuery:
    return next(e for e in example_queries(BUNDLE_DIR / "queries") if e.name == EXAMPLE)


@pytest.fixture
def offline(browser: Browser, live_server: str) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A browser context that reaches the server and nothing else; yields it with the list of
    every request it tried to send elsewhere (each one refused)."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
    server = urlsplit(live_server).netloc
    elsewhere: list[str] = []

    def only_the_server(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == server:
            route.continue_()
        else:
            elsewhere.append(url)
            route.abort()

    context.route("**/*", only_the_server)
    yield context, elsewhere
    context.close()


def results(store: Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: t.value if t else "" for n, t in zip(names, row, strict=True)} for row in solutions]


def column(page: Page, index: int) -> list[str]:
    """The cells of table column `index` (1: the row number) on the page shown."""
    return page.locator(f".yasr table.dataTable tbody tr td:nth-child({index})").all_inner_texts()


def numbers(cells: list[str]) -> list[int]:
    """`"14"^^xsd:integer` -> 14."""
    return [int(re.search(r"-?\d+", cell).group()) for cell in cells]  # type: ignore[union-attr]


def test_pick_an_example_run_sort_page_chart_follow_and_download(
    live_server: str,
    offline: tuple[BrowserContext, list[str]],
    store: Store,
    example: ExampleQuery,
) -> None:
    context, elsewhere = offline
    expected = results(store, example.text)
    label, value = "name", "infrastructures"
    assert len(expected) > 10 and set(expected[0]) == {"standard", label, value}
    page = context.new_page()
    page.goto(live_server + "/sparql")

    # The editor replaces the plain form: CodeMirror with SPARQL highlighting.
    editor = page.locator(".sparql-editor .CodeMirror")
    expect(editor).to_be_visible()
    expect(page.locator("form.editor")).to_be_hidden()
    expect(editor.locator(".cm-keyword", has_text="SELECT").first).to_be_visible()

    # The examples menu lists every stored query with its title and description.
    page.get_by_text("Examples", exact=True).click()
    menu = page.locator(".sparql-examples")
    stored = example_queries(BUNDLE_DIR / "queries")
    expect(menu.locator("button .title")).to_have_count(len(stored))
    item = menu.get_by_role("button").filter(has_text=example.title)
    expect(item.locator(".description")).to_have_text(example.description)
    shot(page, "examples")
    item.click()
    assert page.evaluate("window.sparqlEditor.yasqe.getValue()") == example.text
    assert parse_qs(urlsplit(page.url).query)["query"] == [example.text]  # shareable

    page.get_by_role("button", name="Run query").click()
    rows = page.locator(".yasr table.dataTable tbody tr")
    expect(rows).to_have_count(len(expected))
    assert numbers(column(page, 4)) == [int(row[value]) for row in expected]  # as the query orders
    shot(page, "results")

    # Sort by the count: ascending, then descending, as numbers ("10" after "9").
    counts = [int(row[value]) for row in expected]
    header = page.locator(".yasr table.dataTable thead th").filter(has_text=value)
    header.click()
    expect(rows.first.locator("td").nth(3)).to_contain_text(f'"{min(counts)}"')
    assert numbers(column(page, 4)) == sorted(counts)
    header.click()
    expect(rows.first.locator("td").nth(3)).to_contain_text(f'"{max(counts)}"')
    assert numbers(column(page, 4)) == sorted(counts, reverse=True)

    # Pages of 10 rows: the second holds rows 11 to 20 of the sorted table.
    page.locator(".yasr select.tableSizer").select_option("10")
    expect(rows).to_have_count(10)
    page.locator(".yasr .dt-paging").get_by_role("link", name="2", exact=True).click()
    info = page.locator(".yasr .dt-info")
    expect(info).to_have_text(f"Showing 11 to 20 of {len(expected)} entries")
    assert numbers(column(page, 4)) == sorted(counts, reverse=True)[10:20]
    page.locator(".yasr select.tableSizer").select_option("50")

    # The chart: one bar per row in the query's order, "label: value" on each.
    page.get_by_role("button", name="Shows Chart view").click()
    chart = page.locator(".yasr .sparql-chart svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.bar")).to_have_count(min(len(expected), 50))
    first, bar = expected[0], chart.locator("a").first
    expect(bar.locator("title")).to_have_text(f"{first[label]}: {first[value]}")
    page_of_first = live_server + "/" + first["standard"].removeprefix("https://w3id.org/oikg/")
    assert bar.get_attribute("href") == page_of_first
    shot(page, "chart")
    page.get_by_role("button", name="Shows Table view").click()

    # Downloads: a link per result format; the CSV is the results with their header row.
    downloads = page.get_by_role("navigation", name="Download results")
    expect(downloads.get_by_role("link")).to_have_text([f.label for f in RESULTS_FORMATS])
    with page.expect_download() as download:
        downloads.get_by_role("link", name="CSV", exact=True).click()
    path = download.value.path()
    with open(path, encoding="utf-8", newline="") as file:
        table = list(csv.reader(io.StringIO(file.read())))
    assert table[0] == ["standard", label, value]
    assert len(table) == len(expected) + 1
    assert download.value.suggested_filename == "query-results.csv"

    # An IRI of the graph links to this server's page for it.
    shared = page.url
    link = rows.first.locator("td").nth(1).get_by_role("link")
    iri = link.get_attribute("title")
    assert iri and iri.startswith("https://w3id.org/oikg/id/")
    row = next(r for r in expected if r["standard"] == iri)
    link.click()
    expect(page).to_have_url(live_server + "/" + iri.removeprefix("https://w3id.org/oikg/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(row[label])
    shot(page, "entity")

    # The address carried the query: opened again, the editor holds it and runs it.
    page.goto(shared)
    expect(page.locator(".yasr table.dataTable tbody tr")).to_have_count(len(expected))
    assert page.evaluate("window.sparqlEditor.yasqe.getValue()") == example.text
    assert elsewhere == []


def test_a_shared_construct_link_runs_with_graph_downloads(
    live_server: str, offline: tuple[BrowserContext, list[str]]
) -> None:
    context, elsewhere = offline
    page = context.new_page()
    query = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 5"
    page.goto(live_server + "/sparql?" + urlencode({"query": query}))
    expect(page.locator(".yasr table.dataTable tbody tr")).to_have_count(5)
    expect(page.locator("section.results")).to_be_hidden()  # the server's table gives way
    downloads = page.get_by_role("navigation", name="Download results")
    expect(downloads.get_by_role("link")).to_have_text([f.label for f in GRAPH_FORMATS])
    assert elsewhere == []


def test_a_result_cut_by_the_row_cap_says_so_above_the_table(browser: Browser) -> None:
    with kgserver_serving("live-server-row-cap.log", KGSERVER_MAX_RESULT_ROWS="3") as server:
        page = browser.new_page()
        query = "SELECT ?s WHERE { ?s a ?c } LIMIT 10"
        page.goto(server + "/sparql?" + urlencode({"query": query}))
        expect(page.locator(".yasr table.dataTable tbody tr")).to_have_count(3)
        note = page.get_by_role("note").filter(has_text="The result is cut")
        expect(note).to_be_visible()
        expect(note).to_contain_text("at most 3 rows")
        page.locator(".yasqe .CodeMirror").click()
        page.evaluate("window.sparqlEditor.yasqe.setValue('SELECT ?s WHERE { ?s a ?c } LIMIT 2')")
        page.evaluate("window.sparqlEditor.yasqe.query()")
        expect(page.locator(".yasr table.dataTable tbody tr")).to_have_count(2)
        expect(note).to_be_hidden()
        page.close()


def test_errors_are_marked_and_completion_asks_only_this_server(
    live_server: str, offline: tuple[BrowserContext, list[str]]
) -> None:
    context, elsewhere = offline
    page = context.new_page()
    page.goto(live_server + "/sparql")
    yasqe = "window.sparqlEditor.yasqe"
    expect(page.locator(".sparql-editor .CodeMirror")).to_be_visible()

    page.evaluate(f"{yasqe}.setValue('SELECT * WHERE {{ ?s ?p }}')")
    expect(page.locator(".sparql-editor .CodeMirror .parseErrorIcon")).to_have_count(1)
    page.get_by_role("button", name="Run query").click()
    expect(page.locator(".yasr")).to_contain_text("400 Bad Request: malformed query")

    # Classes after `a`: our ontology's first; picking one declares its prefix.
    page.evaluate(f"{yasqe}.setValue('SELECT * WHERE {{\\n  ?x a ')")
    page.evaluate(f"{yasqe}.setCursor({{line: 1, ch: 7}})")
    page.locator(".sparql-editor .CodeMirror textarea").focus()
    page.keyboard.press("Control+Space")
    hints = page.locator(".CodeMirror-hints li")
    expect(hints.first).to_contain_text("oikg:")
    page.keyboard.press("Enter")
    value = page.evaluate(f"{yasqe}.getValue()")
    assert value.startswith("PREFIX oikg: <https://w3id.org/oikg/ontology#>")
    assert re.search(r"\?x a oikg:\w+", value)

    # Properties by prefix, from the ontology (labels beside them).
    page.keyboard.type(" ; oikg:hosted")
    page.keyboard.press("Control+Space")
    expect(hints.filter(has_text="oikg:hostedBy")).to_have_count(1)
    shot(page, "completion")
    assert elsewhere == []


def test_api_docs_load_swagger_ui_from_this_server(
    live_server: str, offline: tuple[BrowserContext, list[str]]
) -> None:
    context, elsewhere = offline
    page = context.new_page()
    page.goto(live_server + "/api")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20_000)
    expect(page.locator(".swagger-ui")).to_contain_text("/api/queries")
    assert elsewhere == []


def test_a_parameterised_example_is_picked_with_its_defaults_bound_and_runs(
    live_server: str, offline: tuple[BrowserContext, list[str]]
) -> None:
    context, elsewhere = offline
    example = next(
        e for e in example_queries(BUNDLE_DIR / "queries") if e.name == "grants-awarded-in-a-year"
    )
    page = context.new_page()
    page.goto(live_server + "/sparql")
    page.get_by_text("Examples", exact=True).click()
    page.locator(".sparql-examples").get_by_role("button").filter(has_text=example.title).click()
    assert page.evaluate("window.sparqlEditor.yasqe.getValue()") == example.bound({})
    page.get_by_role("button", name="Run query").click()
    expect(page.locator(".yasr table.dataTable tbody tr")).to_have_count(6)  # the 2020 grants
    assert elsewhere == []

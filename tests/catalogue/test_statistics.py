"""The statistics page's charts, laid out from the real catalogue."""

from __future__ import annotations

from pyoxigraph import Store

from kgserver.catalogue.entities import Catalogue
from kgserver.catalogue.statistics import BAR_AREA, BAR_HEIGHT, TOP_N, bar_chart, charts
from kgserver.rdf.urls import Urls
from tests.facts import number

URLS = Urls.at("http://testserver/")


def test_bars_are_ranked_cut_and_scaled_to_the_largest() -> None:
    counts = [(f"v{i}", f"/v{i}", i + 1) for i in range(TOP_N + 5)]
    chart = bar_chart("k", "Title", counts)
    assert chart.total_values == TOP_N + 5 and len(chart.bars) == TOP_N
    assert [b.count for b in chart.bars] == sorted((c for *_, c in counts), reverse=True)[:TOP_N]
    assert chart.bars[0].width == BAR_AREA and chart.bars[1].y == chart.bars[0].y + BAR_HEIGHT
    assert chart.height == TOP_N * BAR_HEIGHT + 8


def test_an_empty_chart_has_no_bars_but_a_height() -> None:
    chart = bar_chart("k", "Title", [])
    assert chart.bars == [] and chart.total_values == 0 and chart.height > 0


def test_the_page_has_the_facet_charts_and_the_decades_in_order(
    catalogue: Catalogue, store: Store
) -> None:
    drawn = charts(catalogue, URLS)
    assert [c.key for c in drawn] == [
        "category",
        "country",
        "decade",
        "licence",
        "standard",
        "funder",
    ]
    decades = next(c for c in drawn if c.key == "decade")
    labels = [b.label for b in decades.bars]
    assert labels == sorted(labels) and all(label.endswith("0s") for label in labels)
    founded = number(
        store,
        "SELECT (COUNT(DISTINCT ?i) AS ?n) { ?i a oikg:Infrastructure ; oikg:foundingYear ?y }",
    )
    assert sum(b.count for b in decades.bars) == founded


def test_bars_link_to_the_filtered_browse_page(catalogue: Catalogue) -> None:
    country = next(c for c in charts(catalogue, URLS) if c.key == "country")
    assert country.bars[0].href.startswith("http://testserver/browse?type=Infrastructure&country=")

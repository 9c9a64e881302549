"""The statistics page: counts over the infrastructures, drawn as server-side SVG bar charts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kgserver.catalogue.entities import Catalogue, Entity
from kgserver.catalogue.facets import facet, facet_values
from kgserver.rdf.namespaces import OIKG
from kgserver.rdf.urls import Urls

INFRASTRUCTURE = OIKG + "Infrastructure"
BAR_HEIGHT = 22
LABEL_WIDTH = 290
BAR_AREA = 360
TOP_N = 15


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    href: str
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart, laid out in SVG user units; `bars` empty when there is no data."""

    key: str
    title: str
    bars: list[Bar]
    total_values: int

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * BAR_HEIGHT + 8

    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA


def bar_chart(key: str, title: str, counts: list[tuple[str, str, int]]) -> Chart:
    """`counts` as (label, link, count), largest first, cut to the top TOP_N."""
    ranked = sorted(counts, key=lambda c: (-c[2], c[0].casefold()))
    top = ranked[:TOP_N]
    most = max((c for _, _, c in top), default=1)
    bars = [
        Bar(label, count, href, index * BAR_HEIGHT + 4, max(2, round(BAR_AREA * count / most)))
        for index, (label, href, count) in enumerate(top)
    ]
    return Chart(key, title, bars, len(ranked))


FACET_CHARTS = (
    ("category", "Infrastructures by category"),
    ("country", "Infrastructures by country"),
    ("licence", "Infrastructures by licence"),
    ("standard", "Most implemented standards"),
    ("funder", "Largest funders, by infrastructures funded"),
)
"""The charts that count infrastructures by a facet's values, in page order (after the
first two comes the founding-decade chart)."""
BROWSE_INFRASTRUCTURES = (("type", "Infrastructure"),)


def _by_facet(
    entities: list[Entity], catalogue: Catalogue, key: str, urls: Urls
) -> list[tuple[str, str, int]]:
    spec = facet(key)
    counts: Counter[tuple[str, str]] = Counter()
    for entity in entities:
        counts.update(facet_values(entity, catalogue, spec))
    return [
        (label, urls.path("/browse", [*BROWSE_INFRASTRUCTURES, (key, value)]), n)
        for (value, label), n in counts.items()
    ]


def _by_decade(entities: list[Entity], urls: Urls) -> Chart:
    """Infrastructures by founding decade, in time order (not by size)."""
    counts: Counter[str] = Counter()
    for entity in entities:
        for year in entity.literals_of(OIKG + "foundingYear"):
            if year[:4].isdigit():
                counts[f"{year[:3]}0s"] += 1
    href = urls.path("/browse", BROWSE_INFRASTRUCTURES)
    chart = bar_chart(
        "decade", "Infrastructures by founding decade", [(d, href, n) for d, n in counts.items()]
    )
    bars = sorted(chart.bars, key=lambda b: b.label)
    return Chart(
        chart.key,
        chart.title,
        [Bar(b.label, b.count, b.href, i * BAR_HEIGHT + 4, b.width) for i, b in enumerate(bars)],
        chart.total_values,
    )


def charts(catalogue: Catalogue, urls: Urls) -> list[Chart]:
    """Every chart of the statistics page."""
    infrastructures = catalogue.of_type(INFRASTRUCTURE)
    by_facet = [
        bar_chart(key, title, _by_facet(infrastructures, catalogue, key, urls))
        for key, title in FACET_CHARTS
    ]
    return [*by_facet[:2], _by_decade(infrastructures, urls), *by_facet[2:]]

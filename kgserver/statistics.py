"""The statistics page: counts over the infrastructures, drawn as server-side SVG bar charts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kgserver import iris
from kgserver.catalogue import Catalogue, Entity
from kgserver.search import FACETS, FacetSpec, facet_values

INFRASTRUCTURE = iris.ONTOLOGY_NS + "Infrastructure"
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


def _facet(key: str) -> FacetSpec:
    return next(spec for spec in FACETS if spec.key == key)


def _by_facet(
    entities: list[Entity], catalogue: Catalogue, key: str, root: str
) -> list[tuple[str, str, int]]:
    spec = _facet(key)
    counts: Counter[tuple[str, str]] = Counter()
    for entity in entities:
        counts.update(facet_values(entity, catalogue, spec))
    type_key = "Infrastructure"
    return [
        (label, f"{root}/browse?type={type_key}&{key}={value}", n)
        for (value, label), n in counts.items()
    ]


def _by_decade(entities: list[Entity], root: str) -> list[tuple[str, str, int]]:
    counts: Counter[str] = Counter()
    for entity in entities:
        for year in entity.literals_of(iris.ONTOLOGY_NS + "foundingYear"):
            if year[:4].isdigit():
                counts[f"{year[:3]}0s"] += 1
    return [(decade, f"{root}/browse?type=Infrastructure", n) for decade, n in counts.items()]


def charts(catalogue: Catalogue, root: str) -> list[Chart]:
    """Every chart of the statistics page."""
    infrastructures = catalogue.of_type(INFRASTRUCTURE)
    decades = sorted(_by_decade(infrastructures, root))
    decade_chart = bar_chart("decade", "Infrastructures by founding decade", decades)
    # Decades read best in time order, not by size.
    decade_chart = Chart(
        decade_chart.key,
        decade_chart.title,
        [
            Bar(b.label, b.count, b.href, i * BAR_HEIGHT + 4, b.width)
            for i, b in enumerate(sorted(decade_chart.bars, key=lambda b: b.label))
        ],
        decade_chart.total_values,
    )
    return [
        bar_chart(
            "category",
            "Infrastructures by category",
            _by_facet(infrastructures, catalogue, "category", root),
        ),
        bar_chart(
            "country",
            "Infrastructures by country",
            _by_facet(infrastructures, catalogue, "country", root),
        ),
        decade_chart,
        bar_chart(
            "licence",
            "Infrastructures by licence",
            _by_facet(infrastructures, catalogue, "licence", root),
        ),
        bar_chart(
            "standard",
            "Most implemented standards",
            _by_facet(infrastructures, catalogue, "standard", root),
        ),
        bar_chart(
            "funder",
            "Largest funders, by infrastructures funded",
            _by_facet(infrastructures, catalogue, "funder", root),
        ),
    ]

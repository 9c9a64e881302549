"""Ranking, facets and pagination, on the catalogue of the real graph."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from kgserver.catalogue.entities import Catalogue
from kgserver.catalogue.search import PAGE_SIZE, SearchIndex
from kgserver.rdf import iris
from tests.facts import infrastructures, number, rows


@pytest.fixture(scope="module")
def index(catalogue: Catalogue) -> SearchIndex:
    return SearchIndex(catalogue)


def labels(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.entity.label for hit in result.hits]


def test_a_name_match_outranks_a_description_match(index: SearchIndex) -> None:
    ranked = labels(index.search("repository"))
    in_name = [label for label in ranked if "repository" in label.lower()]
    assert ranked[: len(in_name)] == in_name
    assert len(ranked) > len(in_name)  # descriptions match too, further down


def test_prefixes_and_accents_match(index: SearchIndex) -> None:
    assert labels(index.search("zen"))[0] == "Zenodo"
    assert labels(index.search("Zénodo")) == labels(index.search("zenodo"))


def test_every_word_must_match_unless_any_word_is_asked(index: SearchIndex) -> None:
    assert index.search("zenodo dspace").total == 0
    assert {"Zenodo", "DSpace"} <= set(labels(index.search("zenodo dspace", any_word=True)))


def test_values_of_one_facet_are_ored_and_facets_are_anded(index: SearchIndex) -> None:
    gb = index.search(filters={"type": ["Infrastructure"], "country": ["GB"]})
    us = index.search(filters={"type": ["Infrastructure"], "country": ["US"]})
    both = index.search(filters={"type": ["Infrastructure"], "country": ["GB", "US"]})
    assert both.total == gb.total + us.total
    wellcome = index.search(filters={"country": ["GB"], "funder": ["funder/wellcome-trust"]})
    assert set(labels(wellcome)) <= set(labels(gb))


def test_facet_counts_describe_the_current_results(index: SearchIndex, store: Store) -> None:
    result = index.search(filters={"type": ["Infrastructure"]})
    countries = next(f for f in result.facets if f.key == "country")
    assert result.total == infrastructures(store)
    # Each count is how many results have that country: the first of these properties stated.
    per_country = rows(
        store,
        """SELECT ?c (COUNT(DISTINCT ?i) AS ?n) {
          ?i a oikg:Infrastructure .
          { ?i oikg:country ?c }
          UNION { ?i oikg:countryCode ?c FILTER NOT EXISTS { ?i oikg:country ?x } }
          UNION { ?i <https://schema.org/addressCountry> ?c
                  FILTER NOT EXISTS { ?i oikg:country ?x }
                  FILTER NOT EXISTS { ?i oikg:countryCode ?y } }
        } GROUP BY ?c""",
    )
    expected = {c.removeprefix(iris.ENTITY_BASE): int(n) for c, n in per_country}
    assert {v.key: v.count for v in countries.values} == expected and expected
    with_country = number(
        store,
        """SELECT (COUNT(DISTINCT ?i) AS ?n) { ?i a oikg:Infrastructure .
          { ?i oikg:country ?c } UNION { ?i oikg:countryCode ?c }
          UNION { ?i <https://schema.org/addressCountry> ?c } }""",
    )
    assert sum(v.count for v in countries.values) >= with_country
    types = next(f for f in result.facets if f.key == "type")
    assert [(v.key, v.selected) for v in types.values] == [("Infrastructure", True)]


def test_pages_cover_every_hit_once_and_out_of_range_pages_clamp(index: SearchIndex) -> None:
    first = index.search(page=1)
    assert first.pages == -(-first.total // PAGE_SIZE)
    pages = [index.search(page=n) for n in range(1, first.pages + 1)]
    seen = [hit.entity.iri for page in pages for hit in page.shown]
    assert len(seen) == len(set(seen)) == first.total
    assert index.search(page=999).page == first.pages
    assert index.search(page=-3).page == 1

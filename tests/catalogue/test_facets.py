"""Facet values of real entities, read forwards and backwards."""

from __future__ import annotations

from pyoxigraph import Store

from kgserver.catalogue.entities import Catalogue
from kgserver.catalogue.facets import FACETS, facet, facet_values, value_key
from kgserver.rdf import iris
from kgserver.rdf.namespaces import OIKG
from tests.facts import values

ZENODO = iris.ENTITY_BASE + "infrastructure/zenodo"
CERN = iris.ENTITY_BASE + "funder/cern"


def test_value_key_is_the_path_under_id() -> None:
    assert value_key(ZENODO) == "infrastructure/zenodo"
    assert value_key(OIKG + "Infrastructure") == "Infrastructure"
    assert value_key("GB") == "GB"


def test_facet_finds_each_spec_by_key() -> None:
    assert [facet(spec.key) for spec in FACETS] == list(FACETS)


def test_funders_are_the_stated_ones_with_labels(catalogue: Catalogue, store: Store) -> None:
    funders = facet_values(catalogue.entities[ZENODO], catalogue, facet("funder"))
    assert [key for key, _ in funders] == [
        value_key(f) for f in values(store, ZENODO, OIKG + "fundedBy")
    ]
    assert (value_key(CERN), catalogue.label(CERN)) in funders


def test_the_host_is_read_backwards_from_the_host(catalogue: Catalogue) -> None:
    hosted = facet_values(catalogue.entities[CERN], catalogue, facet("host"))
    assert hosted == []  # CERN hosts, it is not hosted
    spec = facet("host")
    assert OIKG + "hosts" in spec.inverse
    assert facet_values(catalogue.entities[ZENODO], catalogue, spec) == [
        (value_key(CERN), catalogue.label(CERN))
    ]


def test_country_takes_only_the_first_property_stated(catalogue: Catalogue) -> None:
    # Zenodo states both oikg:country and oikg:countryCode "CH": the named country wins alone.
    country = iris.ENTITY_BASE + "country/ch"
    assert facet_values(catalogue.entities[ZENODO], catalogue, facet("country")) == [
        ("country/ch", catalogue.label(country))
    ]


def test_type_counts_the_classes_with_their_labels(catalogue: Catalogue) -> None:
    types = facet_values(catalogue.entities[ZENODO], catalogue, facet("type"))
    assert ("Infrastructure", catalogue.label(OIKG + "Infrastructure")) in types

"""Facets: the properties lists are filtered and counted by (type, category, country, licence,
standard implemented, funder, host), read forwards and, for inverse statements, backwards."""

from __future__ import annotations

from dataclasses import dataclass

from kgserver.catalogue.entities import Catalogue, Entity
from kgserver.catalogue.labels import local_name
from kgserver.rdf import iris
from kgserver.rdf.namespaces import DCTERMS, OIKG, RDF_TYPE, SCHEMA


@dataclass(frozen=True)
class FacetSpec:
    """A facet: the properties it reads, forwards and (for inverse statements) backwards."""

    key: str
    label: str
    predicates: tuple[str, ...]
    inverse: tuple[str, ...] = ()
    keyword: str = ""  # any property whose local name contains this also counts
    first_of: bool = False  # alternatives: read only the first predicate that has values


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("type", "Type", (RDF_TYPE,)),
    FacetSpec("category", "Category", (OIKG + "category",)),
    # A country IRI (with a name) when the graph has one, else the ISO code.
    FacetSpec(
        "country",
        "Country",
        (OIKG + "country", OIKG + "countryCode", SCHEMA + "addressCountry"),
        first_of=True,
    ),
    FacetSpec(
        "licence",
        "Licence",
        (DCTERMS + "license", OIKG + "license", OIKG + "licence", SCHEMA + "license"),
        keyword="licen",
    ),
    FacetSpec(
        "standard", "Standard implemented", (OIKG + "implements",), (OIKG + "implementedBy",)
    ),
    FacetSpec("funder", "Funder", (OIKG + "fundedBy",), (OIKG + "funds",)),
    FacetSpec("host", "Host", (OIKG + "hostedBy",), (OIKG + "hosts",)),
)


def value_key(value: str) -> str:
    """A facet value as it appears in a URL: the path under /id/ for our IRIs."""
    return value.removeprefix(iris.ENTITY_BASE).removeprefix(iris.ONTOLOGY_NS)


def facet_values(entity: Entity, catalogue: Catalogue, spec: FacetSpec) -> list[tuple[str, str]]:
    """The (key, label) values `entity` has for the facet `spec`."""
    if spec.key == "type":
        return sorted((value_key(c), catalogue.label(c)) for c in entity.classes)
    values: dict[str, str] = {}
    predicates = set(spec.predicates)
    if spec.keyword:
        predicates |= {
            p
            for p in (*entity.values, *entity.inferred)
            if spec.keyword in local_name(p).replace(" ", "")
        }
    ordered = [p for p in spec.predicates if p in predicates] + sorted(
        predicates - set(spec.predicates)
    )
    for predicate in ordered:
        for term in (*entity.values.get(predicate, ()), *entity.inferred.get(predicate, ())):
            text = term.value
            values[value_key(text)] = catalogue.label(text) if text.startswith("http") else text
        if spec.first_of and values:
            break
    for subject, predicate in catalogue.incoming.get(entity.iri, ()):
        if predicate in spec.inverse:
            values[value_key(subject)] = catalogue.label(subject)
    return sorted(values.items())


def facet(key: str) -> FacetSpec:
    """The facet called `key`."""
    return next(spec for spec in FACETS if spec.key == key)

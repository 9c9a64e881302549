"""The SKOS concept schemes of the bundled ontology, for matching a source's controlled values.

A value matches a concept of a scheme on its prefLabel, an altLabel or its notation, compared
after `normalise` (ontology/README.md, "Pattern 2").
"""

from __future__ import annotations

from functools import lru_cache

from pyoxigraph import NamedNode, RdfFormat, parse

from kgserver import iris
from kgserver.importers.model import SKOS, normalise
from kgserver.settings import BUNDLE_DIR

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, str]]:
    schemes: dict[str, list[str]] = {}
    names: dict[str, list[str]] = {}
    declared: list[str] = []
    for path in sorted((BUNDLE_DIR / "ontology").glob("*.ttl")):
        for triple in parse(path.read_bytes(), format=RdfFormat.TURTLE):
            subject = triple.subject
            if not isinstance(subject, NamedNode):
                continue
            predicate = triple.predicate.value
            if predicate == RDF_TYPE and triple.object.value == SKOS + "ConceptScheme":
                declared.append(subject.value)
            elif predicate == SKOS + "inScheme":
                schemes.setdefault(subject.value, []).append(triple.object.value)
            elif predicate in (SKOS + "prefLabel", SKOS + "altLabel", SKOS + "notation"):
                names.setdefault(subject.value, []).append(triple.object.value)
    index: dict[str, dict[str, str]] = {scheme: {} for scheme in declared}
    for concept, in_schemes in schemes.items():
        for scheme in in_schemes:
            table = index.setdefault(scheme, {})
            for name in names.get(concept, []):
                table.setdefault(normalise(name), concept)
    return index


def scheme_iri(name: str) -> str:
    return iris.ENTITY_BASE + name


def concept(scheme: str, value: str) -> str | None:
    """The concept of scheme `scheme` (its path under id/) that `value` names, if any."""
    return _index().get(scheme_iri(scheme), {}).get(normalise(value))


def has_scheme(scheme: str) -> bool:
    return scheme_iri(scheme) in _index()

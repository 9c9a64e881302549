"""The SKOS concept schemes of the bundled ontology, for matching a source's controlled values.

A value matches a concept of a scheme on its prefLabel, an altLabel or its notation, compared
after `normalise` (ontology/README.md, "Pattern 2").
"""

from __future__ import annotations

from functools import lru_cache

from pyoxigraph import NamedNode, RdfFormat, parse

from kgserver.importers.model import SKOS, normalise
from kgserver.rdf import iris
from kgserver.rdf.namespaces import RDF_TYPE
from kgserver.store.bundle import BUNDLE_DIR


@lru_cache(maxsize=1)
def _read() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Each scheme's concepts by normalised name, and each concept's prefLabel.

    Read once per process from the bundle's ontology/: an import run matches values against
    the ontology as it stood when the run began.
    """
    schemes: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
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
                if predicate == SKOS + "prefLabel":
                    labels[subject.value] = triple.object.value
    index: dict[str, dict[str, str]] = {scheme: {} for scheme in declared}
    for concept, in_schemes in schemes.items():
        for scheme in in_schemes:
            table = index.setdefault(scheme, {})
            for name in names.get(concept, []):
                table.setdefault(normalise(name), concept)
    return index, labels


def _index() -> dict[str, dict[str, str]]:
    return _read()[0]


def pref_label(concept_iri: str) -> str | None:
    """The prefLabel of a concept of the bundled ontology's schemes."""
    return _read()[1].get(concept_iri)


def scheme_iri(name: str) -> str:
    return iris.ENTITY_BASE + name


def concept(scheme: str, value: str) -> str | None:
    """The concept of scheme `scheme` (its path under id/) that `value` names, if any."""
    return _index().get(scheme_iri(scheme), {}).get(normalise(value))


def has_scheme(scheme: str) -> bool:
    return scheme_iri(scheme) in _index()

"""Matching a source's controlled values to the concepts of the bundled ontology's schemes."""

from __future__ import annotations

from collections import Counter

from pyoxigraph import Store

from kgserver.importers.model import normalise
from kgserver.importers.vocabularies import concept, has_scheme, pref_label, scheme_iri
from kgserver.rdf import iris
from kgserver.rdf.namespaces import SKOS
from tests.facts import rows


def test_every_concept_of_the_ontologys_schemes_is_found_by_its_pref_label(store: Store) -> None:
    concepts = rows(
        store,
        f"SELECT ?scheme ?c ?label {{ GRAPH <{iris.ONTOLOGY_GRAPH}> {{ "
        f"?c <{SKOS}inScheme> ?scheme ; <{SKOS}prefLabel> ?label }} }}",
    )
    assert len(concepts) > 50
    # Labels that normalise alike ("C" and "C++") match the first concept only.
    alike = Counter((scheme, normalise(label)) for scheme, _, label in concepts)
    for scheme, iri, label in concepts:
        if alike[scheme, normalise(label)] > 1:
            continue
        name = scheme.removeprefix(iris.ENTITY_BASE)
        assert scheme_iri(name) == scheme and has_scheme(name)
        assert concept(name, label) == iri and pref_label(iri) == label


def test_matching_ignores_case_and_punctuation_and_misses_are_none() -> None:
    iri = concept("category", "Repository service")
    assert iri == iris.ENTITY_BASE + "category/repository-service"
    assert concept("category", "REPOSITORY-SERVICE") == iri
    assert concept("category", "no such thing") is None
    assert not has_scheme("no-such-scheme") and concept("no-such-scheme", "x") is None

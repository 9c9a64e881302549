"""Validating a contribution in the context of the graph it joins (curation/in_context.py)."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, Quad, Store

from kgserver.curation.contribution import Source, read_contribution
from kgserver.curation.in_context import needed_context, validate_contribution
from kgserver.curation.validation import ValidationReport, ValidationResult, validate
from kgserver.rdf.formats import TURTLE
from kgserver.settings import BUNDLE_DIR
from kgserver.store.bundle import Dataset
from tests.web.routers.test_contribute import BREAKAGES, ZENODO

ZENODO_TTL = (BUNDLE_DIR / "data" / "infrastructure" / "zenodo.ttl").read_text()


def entity_quads(dataset: Dataset, iri: str) -> list[Quad]:
    return [q for q in dataset.data if q.subject.value == iri]


@pytest.fixture(scope="module")
def data_store(dataset: Dataset) -> Store:
    store = Store()
    store.extend(dataset.data)
    return store


def test_the_needed_slice_holds_the_entity_and_what_it_refers_to(
    dataset: Dataset, data_store: Store
) -> None:
    zenodo = set(entity_quads(dataset, ZENODO))
    context = set(needed_context(data_store, [ZENODO]))
    assert zenodo <= context
    assert len(context) < len(dataset.data) / 10
    referred = {q.object for q in zenodo if isinstance(q.object, NamedNode)}
    assert any(q.subject in referred for q in context - zenodo)


@pytest.mark.parametrize(
    "entity",
    [
        ZENODO,
        "https://w3id.org/oikg/id/funder/cern",
        "https://w3id.org/oikg/id/organization/dryad",
        "https://w3id.org/oikg/id/standard/oai-pmh",
        "https://w3id.org/oikg/id/grant/schmidt-futures-invest-in-open-infrastructure-2019",
    ],
)
def test_the_needed_slice_gives_what_the_whole_graph_gives(
    dataset: Dataset, whole: ValidationReport, entity: str
) -> None:
    in_context = validate_contribution(
        dataset.data, entity_quads(dataset, entity), dataset.shapes, dataset.ontology, True
    )
    assert {r.key for r in in_context.results} == {
        r.key for r in whole.results if r.focus_node == entity
    }


@pytest.mark.parametrize("kind", ["dangling reference", "duplicate of an existing entity"])
def test_the_needed_slice_sees_cross_entity_breakages(dataset: Dataset, kind: str) -> None:
    breakage = BREAKAGES[kind]
    text = breakage.breaks((BUNDLE_DIR / "data" / breakage.source).read_text())
    quads = read_contribution([Source("x.ttl", text.encode(), TURTLE)]).quads
    in_context = validate_contribution(dataset.data, quads, dataset.shapes, dataset.ontology, True)
    replaced = [q for q in dataset.data if q.subject.value not in {q.subject.value for q in quads}]
    whole = validate([*replaced, *quads], dataset.shapes, dataset.ontology)
    assert {r.key for r in in_context.results if r.focus_node == breakage.entity} == {
        r.key for r in whole.results if r.focus_node == breakage.entity
    }


ASSESSMENT = """
<https://w3id.org/oikg/id/infrastructure/zenodo> oikg:practice [
    a oikg:PracticeAssessment ;
    oikg:practiceType <https://w3id.org/oikg/id/practice/open-api> ;
    oikg:implementationStatus <https://w3id.org/oikg/id/implementation-status/available> ;
    oikg:evidence <https://developers.zenodo.org/> ;
    dcterms:source <https://developers.zenodo.org/>
] .
"""


BLANK_ASSESSMENT_BREAKAGES = {
    "none": ("", ""),
    "no source": ("dcterms:source", "oikg:evidence"),
    # A SHACL-SPARQL rule of the assessment shape, reached through sh:node from the
    # infrastructure beside Zenodo's own IRI-named assessments.
    "pricing status on another practice": (
        "implementation-status/available",
        "pricing-implementation-status/no-direct-costs",
    ),
}


@pytest.mark.parametrize("breakage", sorted(BLANK_ASSESSMENT_BREAKAGES))
def test_the_needed_slice_carries_the_blank_nodes_of_an_entity(
    dataset: Dataset, breakage: str
) -> None:
    """A practice assessment may be a blank node in its infrastructure's file: validated in
    context, it is checked as in the whole graph, and a broken one is reported on the
    infrastructure."""
    broken = breakage != "none"
    assessment = ASSESSMENT.replace(*BLANK_ASSESSMENT_BREAKAGES[breakage]) if broken else ASSESSMENT
    text = ZENODO_TTL + assessment
    quads = read_contribution([Source("zenodo.ttl", text.encode(), TURTLE)]).quads
    in_context = validate_contribution(dataset.data, quads, dataset.shapes, dataset.ontology, True)
    replaced = [q for q in dataset.data if q.subject.value != ZENODO]
    whole = validate([*replaced, *quads], dataset.shapes, dataset.ontology)

    def key(result: ValidationResult) -> tuple[str, ...]:  # blank-node labels differ per parse
        return tuple("_:" if part.startswith("_:") else part for part in result.key)

    assert {key(r) for r in in_context.results} == {
        key(r) for r in whole.results if r.focus_node == ZENODO
    }
    practice = "https://w3id.org/oikg/ontology#practice"
    assert any(r.path == practice for r in in_context.violations) == broken


def test_a_change_that_breaks_another_entity_is_reported_there(dataset: Dataset) -> None:
    cern = "https://w3id.org/oikg/id/funder/cern"
    funder = NamedNode("https://w3id.org/oikg/ontology#Funder")
    organization = NamedNode("https://w3id.org/oikg/ontology#Organization")
    changed = [
        Quad(q.subject, q.predicate, organization, q.graph_name) if q.object == funder else q
        for q in entity_quads(dataset, cern)
    ]
    funded_by = NamedNode("https://w3id.org/oikg/ontology#fundedBy")
    funded = {
        q.subject.value for q in dataset.data if (q.predicate, q.object.value) == (funded_by, cern)
    }
    assert ZENODO in funded
    report = validate_contribution(dataset.data, changed, dataset.shapes, dataset.ontology, True)
    broken = [r for r in report.results if r.severity == "Violation"]
    assert {(r.focus_node, r.path) for r in broken} == {(f, funded_by.value) for f in funded}

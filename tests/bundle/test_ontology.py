"""The ontology: documented, closed over what the bundle uses, and Infra Finder without loss."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import rdflib
import yaml
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kgserver.settings import BUNDLE_DIR

OIKG = rdflib.Namespace("https://w3id.org/oikg/ontology#")
ONTOLOGY_IRI = rdflib.URIRef("https://w3id.org/oikg/ontology")
ID = "https://w3id.org/oikg/id/"
FIXTURES = Path(__file__).parents[1] / "data" / "infra-finder"
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
# Controlled columns of Infra Finder's export → the scheme their values come from.
EXPORT_COLUMNS = {
    "014_solution_category": "category",
    "040_contribution_opportunities": "contribution-pathway",
    "048_community_governance_status": "community-governance",
    "050_board_structure": "board-structure",
    "051_business_form": "business-form",
    "052_nonprofit_status": "nonprofit-status",
    "061_primary_funding_source": "primary-funding-source",
    "076_saas_options": "hosting-strategy",
    "079_technology_readiness": "technology-readiness",
    "080_maintenance_status": "maintenance-status",
    "084_code_license_name": "code-licence",
    "033_transparent_pricing_status": "pricing-implementation-status",
}
STATUS_COLUMN = re.compile(r"^\d{3}_.*(_status|contribution_pathways)$")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted((BUNDLE_DIR / "ontology").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def oikg_terms(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    return {
        s
        for kind in TERM_KINDS
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, rdflib.URIRef) and s.startswith(str(OIKG))
    }


def used_oikg_terms(folders: tuple[str, ...]) -> set[str]:
    used: set[str] = set()
    for folder in folders:
        for path in (BUNDLE_DIR / folder).rglob("*"):
            if path.suffix in (".ttl", ".rq"):
                text = path.read_text(encoding="utf-8")
                used |= {m for m in re.findall(r"\boikg:([A-Za-z][A-Za-z0-9]*)", text)}
                used |= set(re.findall(r"<https://w3id\.org/oikg/ontology#([A-Za-z0-9]+)>", text))
    return used


def test_the_ontology_header_says_what_the_issue_asks(ontology: rdflib.Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    for prop in (
        OWL.versionIRI,
        OWL.versionInfo,
        rdflib.DCTERMS.title,
        rdflib.DCTERMS.description,
        rdflib.DCTERMS.creator,
        rdflib.DCTERMS.license,
        rdflib.DCTERMS.created,
        rdflib.DCTERMS.modified,
    ):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, prop
    vann = rdflib.Namespace("http://purl.org/vocab/vann/")
    assert str(ontology.value(ONTOLOGY_IRI, vann.preferredNamespacePrefix)) == "oikg"
    assert str(ontology.value(ONTOLOGY_IRI, vann.preferredNamespaceUri)) == str(OIKG)


def test_every_term_has_an_english_label_a_definition_and_is_defined_by(
    ontology: rdflib.Graph,
) -> None:
    undocumented = []
    for term in sorted(oikg_terms(ontology)):
        labels = [o for o in ontology.objects(term, RDFS.label) if o.language == "en"]
        definitions = list(ontology.objects(term, SKOS.definition)) + list(
            ontology.objects(term, RDFS.comment)
        )
        if not labels or not definitions or (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in ontology:
            undocumented.append(term)
    assert not undocumented
    assert len(oikg_terms(ontology)) > 80


def test_reused_terms_are_declared_and_defined_by_their_vocabulary(ontology: rdflib.Graph) -> None:
    for kind in TERM_KINDS:
        for term in ontology.subjects(RDF.type, kind):
            if isinstance(term, rdflib.URIRef) and not term.startswith(str(OIKG)):
                defined_by = ontology.value(term, RDFS.isDefinedBy)
                assert defined_by is not None and not str(defined_by).startswith(
                    "https://w3id.org/oikg"
                ), term


def test_every_oikg_term_used_in_the_bundle_is_defined(ontology: rdflib.Graph) -> None:
    defined = {str(t)[len(str(OIKG)) :] for t in oikg_terms(ontology)}
    assert used_oikg_terms(("data", "shapes", "queries")) - defined == set()


def test_every_term_is_used_or_its_use_is_documented(ontology: rdflib.Graph) -> None:
    """A term no file uses yet must be in the Infra Finder mapping or the model overview."""
    readme = (BUNDLE_DIR / "ontology" / "README.md").read_text(encoding="utf-8")
    used = used_oikg_terms(("data", "shapes", "queries"))
    used |= set(re.findall(r"\boikg:([A-Za-z][A-Za-z0-9]*)", readme))
    used |= set(re.findall(r"`([A-Za-z][A-Za-z0-9]*)`", readme))
    unused = {str(t)[len(str(OIKG)) :] for t in oikg_terms(ontology)} - used
    assert unused == set()


def test_every_object_property_has_a_domain_or_a_super_property(ontology: rdflib.Graph) -> None:
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        if str(prop).startswith(str(OIKG)):
            assert (
                ontology.value(prop, RDFS.domain) is not None
                or any(
                    str(s).startswith(str(OIKG)) for s in ontology.objects(prop, RDFS.subPropertyOf)
                )
                or prop in (OIKG.wikidataItem, OIKG.contactPage, OIKG.country)
            ), prop


# --- Infra Finder's attribute model, without loss -----------------------------------------------


def scheme_concepts(graph: rdflib.Graph, scheme: str) -> dict[str, rdflib.URIRef]:
    """Every label and notation of the concepts in `scheme`, lower-cased, to the concept."""
    names: dict[str, rdflib.URIRef] = {}
    for concept in graph.subjects(SKOS.inScheme, rdflib.URIRef(ID + scheme)):
        assert isinstance(concept, rdflib.URIRef)
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation):
            for value in graph.objects(concept, prop):
                names[str(value).lower()] = concept
    return names


def test_every_controlled_vocabulary_is_a_concept_scheme_with_every_term(
    ontology: rdflib.Graph,
) -> None:
    vocabularies = yaml.safe_load((FIXTURES / "controlled_vocabularies.yml").read_text())
    schemes = {
        str(ontology.value(s, SKOS.notation)): s
        for s in ontology.subjects(RDF.type, SKOS.ConceptScheme)
    }
    for vocabulary in vocabularies:
        name = vocabulary["name"]
        if name in ("countries", "currencies"):
            continue
        scheme = rdflib.URIRef(ID + "category") if name == "soln_cat" else schemes[name]
        names = scheme_concepts(ontology, str(scheme)[len(ID) :])
        terms = (
            vocabulary["mapping"].values()
            if vocabulary["strategy"] == "enum"
            else [str(t["term"]) for t in vocabulary["terms"]]
        )
        missing = [t for t in terms if t.lower() not in names]
        assert not missing, (name, missing)


def test_every_controlled_value_in_the_export_has_its_concept(ontology: rdflib.Graph) -> None:
    with open(FIXTURES / "solutions-controlled.csv", encoding="utf-8", newline="") as file:
        records = list(csv.DictReader(file))
    assert len(records) > 50
    missing = set()
    for column in records[0]:
        scheme = EXPORT_COLUMNS.get(column)
        if scheme is None and STATUS_COLUMN.match(column):
            scheme = "implementation-status"
        if scheme is None:
            continue
        names = scheme_concepts(ontology, scheme)
        for record in records:
            for value in filter(None, record[column].split(" | ")):
                if value.lower() not in names:
                    missing.add((column, value))
    # Free-text contribution pathways are "other" values: an importer mints narrower concepts.
    assert {c for c, _ in missing} <= {"040_contribution_opportunities"}
    assert scheme_concepts(ontology, "contribution-pathway")["other"]


def test_every_infra_finder_attribute_is_mapped_in_the_readme() -> None:
    readme = (BUNDLE_DIR / "ontology" / "README.md").read_text(encoding="utf-8")
    mapping = readme[readme.index("## Infra Finder mapping") : readme.index("## Competency")]
    with open(FIXTURES / "properties.csv", encoding="utf-8", newline="") as file:
        attributes = list(csv.DictReader(file))
    unmapped = [
        a["name"]
        for a in attributes
        if f"`{a['name']}`" not in mapping
        and not (
            a["name"].endswith("_other") and f"`{a['name'].removesuffix('_other')}`" in mapping
        )
    ]
    assert not unmapped


def test_every_practice_has_a_concept_with_its_columns(ontology: rdflib.Graph) -> None:
    with open(FIXTURES / "properties.csv", encoding="utf-8", newline="") as file:
        statuses = [
            a["name"]
            for a in csv.DictReader(file)
            if a["vocab_name"].lower() in ("impl_scale", "impl_scale_pricing")
        ]
    notes = " ".join(
        str(ontology.value(c, SKOS.scopeNote))
        for c in ontology.subjects(SKOS.inScheme, rdflib.URIRef(ID + "practice"))
    )
    assert len(statuses) == 16
    assert [s for s in statuses if s not in notes] == []

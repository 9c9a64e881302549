"""The shapes, tested in the manner of the W3C SHACL test suite.

`WORLD` is a minimal conforming example: one entity of every class, described completely and
consistently, which validates in the context of the bundled graph with no result at all. Each
case below breaks it in one way and asserts the result that the constraint must give (focus
node, path, severity, source shape and constraint component); a meta-test checks that every
constraint of every named shape has such a case. The shapes themselves must conform to the
SHACL-for-SHACL shapes graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
import pytest
import rdflib
from pyoxigraph import RdfFormat
from rdflib.namespace import SH

from kgserver.contribution import Source, read_contribution
from kgserver.graph import Dataset
from kgserver.settings import BUNDLE_DIR
from kgserver.validation import ValidationResult, validate_contribution

SHAPES = "https://w3id.org/oikg/shapes#"
OIKG = "https://w3id.org/oikg/ontology#"
ID = "https://w3id.org/oikg/id/"
PATHS = {
    "label": "http://www.w3.org/2000/01/rdf-schema#label",
    "description": "http://purl.org/dc/terms/description",
    "source": "http://purl.org/dc/terms/source",
    "modified": "http://purl.org/dc/terms/modified",
    "homepage": "http://xmlns.com/foaf/0.1/homepage",
    "type": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
}
FOCUS = {
    "I": ID + "infrastructure/example-repository",
    "O": ID + "organization/example-host",
    "F": ID + "funder/example-foundation",
    "S": ID + "standard/example-protocol",
    "G": ID + "grant/example-foundation-example-repository-2020",
}

WORLD = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix oikg: <https://w3id.org/oikg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/oikg/id/> .

id:infrastructure\\/example-repository a oikg:Infrastructure ;
    rdfs:label "Example Repository"@en ;
    dcterms:description "A repository that exists only in tests."@en ;
    dcterms:source <https://example.org/repository/about> ;
    dcterms:modified "2026-01-01"^^xsd:date ;
    foaf:homepage <https://repository.example.org/> ;
    oikg:wikidataItem <http://www.wikidata.org/entity/Q999999991> ;
    oikg:countryCode "DE" ;
    oikg:foundingYear "2001"^^xsd:gYear ;
    oikg:category <https://w3id.org/oikg/id/category/repository-service> ;
    oikg:hostedBy <https://w3id.org/oikg/id/organization/example-host> ;
    oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> ;
    oikg:implements <https://w3id.org/oikg/id/standard/example-protocol> ;
    oikg:codeRepository <https://code.example.org/repository> .

id:organization\\/example-host a oikg:Organization ;
    rdfs:label "Example Host"@en ;
    dcterms:description "An organisation that exists only in tests."@en ;
    dcterms:source <https://example.org/host/about> ;
    foaf:homepage <https://host.example.org/> ;
    oikg:wikidataItem <http://www.wikidata.org/entity/Q999999992> ;
    oikg:rorId <https://ror.org/0abcdef12> ;
    oikg:countryCode "FR" ;
    oikg:foundingYear "1999"^^xsd:gYear ;
    oikg:hosts <https://w3id.org/oikg/id/infrastructure/example-repository> ;
    oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> .

id:funder\\/example-foundation a oikg:Funder ;
    rdfs:label "Example Foundation"@en ;
    dcterms:description "A funder that exists only in tests."@en ;
    dcterms:source <https://example.org/foundation/about> ;
    foaf:homepage <https://foundation.example.org/> ;
    oikg:wikidataItem <http://www.wikidata.org/entity/Q999999993> ;
    oikg:rorId <https://ror.org/0bcdefg23> ;
    oikg:funds <https://w3id.org/oikg/id/organization/example-host> ,
        <https://w3id.org/oikg/id/infrastructure/example-repository> .

id:standard\\/example-protocol a oikg:Standard ;
    rdfs:label "Example Protocol"@en ;
    dcterms:description "A protocol that exists only in tests."@en ;
    dcterms:source <https://example.org/protocol/spec> ;
    foaf:homepage <https://protocol.example.org/> ;
    oikg:wikidataItem <http://www.wikidata.org/entity/Q999999994> ;
    oikg:implementedBy <https://w3id.org/oikg/id/infrastructure/example-repository> .

id:grant\\/example-foundation-example-repository-2020 a oikg:Grant ;
    rdfs:label "Example Foundation grant to Example Repository (2020)"@en ;
    dcterms:description "A grant that exists only in tests."@en ;
    dcterms:source <https://example.org/foundation/grants> ;
    oikg:awardedBy <https://w3id.org/oikg/id/funder/example-foundation> ;
    oikg:awardedTo <https://w3id.org/oikg/id/infrastructure/example-repository> ;
    oikg:amount 150000.00 ;
    oikg:currency "EUR" ;
    oikg:awardYear "2020"^^xsd:gYear ;
    oikg:purpose "software maintenance"@en .
"""


@dataclass(frozen=True)
class Case:
    """One constraint, broken: `WORLD` with `edits` applied must give this result."""

    shape: str  # local name in the shapes namespace
    constraint: str  # a core constraint component's local name, or a SPARQL constraint's name
    focus: str  # a key of FOCUS
    path: str  # a key of PATHS or an oikg: local name
    edits: tuple[tuple[str, str], ...]
    severity: str = "Violation"
    covers: tuple[str, str] | None = None  # the (shape, constraint) it tests, if another

    @property
    def id(self) -> str:
        return f"{self.shape}/{self.constraint}"


def case(shape: str, constraint: str, focus: str, path: str, *edits: tuple[str, str],
         severity: str = "Violation", covers: tuple[str, str] | None = None) -> Case:  # fmt: skip
    return Case(shape, constraint, focus, path, edits, severity, covers)


def i(text: str) -> str:
    return f"<https://w3id.org/oikg/id/{text}>"


REPOSITORY_LABEL = ('rdfs:label "Example Repository"@en ;', "")
CASES = [
    # Shared property shapes (common.ttl)
    case("label", "MinCount", "I", "label", REPOSITORY_LABEL),
    case("label", "Datatype", "I", "label", ('"Example Repository"@en', '"Example Repository"')),
    case("label", "UniqueLang", "I", "label",
         ('"Example Repository"@en', '"Example Repository"@en, "Another name"@en')),
    case("label", "languageTagRule", "I", "label",
         ('"Example Repository"@en', '"Example Repository"@en, "Beispiel"@deutsch')),
    case("label-english", "QualifiedMinCount", "I", "label",
         ('"Example Repository"@en', '"Beispiel-Repositorium"@de')),
    case("description", "Datatype", "I", "description",
         ('"A repository that exists only in tests."@en', '"A repository."')),
    case("description", "UniqueLang", "I", "description",
         ('"A repository that exists only in tests."@en', '"A repository."@en, "Another."@en')),
    case("description", "languageTagRule", "I", "description",
         ('"A repository that exists only in tests."@en', '"Ein Repositorium."@deutsch')),
    case("description-present", "MinCount", "I", "description",
         ('dcterms:description "A repository that exists only in tests."@en ;', ""),
         severity="Warning"),
    case("source", "MinCount", "I", "source",
         ("dcterms:source <https://example.org/repository/about> ;", "")),
    case("source", "Pattern", "I", "source",
         ("<https://example.org/repository/about>", "<ftp://example.org/repository>")),
    case("source", "NodeKind", "I", "source",
         ("<https://example.org/repository/about>", '"https://example.org/repository/about"')),
    case("modified", "MaxCount", "I", "modified",
         ('"2026-01-01"^^xsd:date', '"2026-01-01"^^xsd:date, "2026-01-02"^^xsd:date')),
    case("modified", "Datatype", "I", "modified", ('"2026-01-01"^^xsd:date', '"2026-01-01"')),
    case("modified", "sparql", "I", "modified",
         ('"2026-01-01"^^xsd:date', '"2999-01-01"^^xsd:date')),
    case("homepage", "Pattern", "I", "homepage",
         ("<https://repository.example.org/>", "<https:/repository.example.org/>")),
    case("homepage", "NodeKind", "I", "homepage",
         ("<https://repository.example.org/>", '"https://repository.example.org/"')),
    case("homepage-present", "MinCount", "I", "homepage",
         ("foaf:homepage <https://repository.example.org/> ;", ""), severity="Warning"),
    case("wikidataItem", "MaxCount", "I", "wikidataItem",
         ("entity/Q999999991>", "entity/Q999999991>, <http://www.wikidata.org/entity/Q999999995>")),
    case("wikidataItem", "Pattern", "I", "wikidataItem",
         ("<http://www.wikidata.org/entity/Q999999991>", "<https://www.wikidata.org/wiki/Q999999991>")),
    case("wikidataItem", "NodeKind", "I", "wikidataItem",
         ("<http://www.wikidata.org/entity/Q999999991>", '"Q999999991"')),
    case("wikidataItem-present", "MinCount", "I", "wikidataItem",
         ("oikg:wikidataItem <http://www.wikidata.org/entity/Q999999991> ;", ""), severity="Info"),
    case("countryCode", "Datatype", "I", "countryCode", ('"DE"', '"DE"@en')),
    case("countryCode", "Pattern", "I", "countryCode", ('"DE"', '"DEU"')),
    case("foundingYear", "MaxCount", "I", "foundingYear",
         ('"2001"^^xsd:gYear', '"2001"^^xsd:gYear, "2002"^^xsd:gYear')),
    case("foundingYear", "Datatype", "I", "foundingYear", ('"2001"^^xsd:gYear', '"2001"')),
    case("foundingYear", "Pattern", "I", "foundingYear",
         ('"2001"^^xsd:gYear', '"2001-06"^^xsd:gYear')),
    case("foundingYear", "pastYearRule", "I", "foundingYear",
         ('"2001"^^xsd:gYear', '"2999"^^xsd:gYear')),
    # Infrastructure (infrastructure.ttl)
    case("Infrastructure-category", "NodeKind", "I", "category",
         (i("category/repository-service"), '"repository service"')),
    case("Infrastructure-category", "Node", "I", "category",
         (i("category/repository-service"), i("category/repository-services"))),
    case("Infrastructure-category", "Node", "I", "category",
         (i("category/repository-service"), i("standard/oai-pmh")),
         covers=("InfrastructureCategoryShape", "Class")),
    case("Infrastructure-category-present", "MinCount", "I", "category",
         ("oikg:category <https://w3id.org/oikg/id/category/repository-service> ;", "")),
    case("Infrastructure-hostedBy", "NodeKind", "I", "hostedBy",
         ("oikg:hostedBy <https://w3id.org/oikg/id/organization/example-host>",
          'oikg:hostedBy "Example Host"')),
    case("Infrastructure-hostedBy", "Class", "I", "hostedBy",
         ("oikg:hostedBy <https://w3id.org/oikg/id/organization/example-host>",
          "oikg:hostedBy <https://w3id.org/oikg/id/standard/example-protocol>")),
    case("Infrastructure-hostedBy-present", "MinCount", "I", "hostedBy",
         ("oikg:hostedBy <https://w3id.org/oikg/id/organization/example-host> ;", ""),
         severity="Warning"),
    case("Infrastructure-fundedBy", "NodeKind", "I", "fundedBy",
         ("oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> ;\n    oikg:impl",
          'oikg:fundedBy "Example Foundation" ;\n    oikg:impl')),
    case("Infrastructure-fundedBy", "Class", "I", "fundedBy",
         ("oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> ;\n    oikg:impl",
          "oikg:fundedBy <https://w3id.org/oikg/id/organization/example-host> ;\n    oikg:impl")),
    case("Infrastructure-implements", "NodeKind", "I", "implements",
         ("oikg:implements <https://w3id.org/oikg/id/standard/example-protocol>",
          'oikg:implements "Example Protocol"')),
    case("Infrastructure-implements", "Class", "I", "implements",
         ("oikg:implements <https://w3id.org/oikg/id/standard/example-protocol>",
          "oikg:implements <https://w3id.org/oikg/id/organization/example-host>")),
    case("Infrastructure-codeRepository", "Pattern", "I", "codeRepository",
         ("<https://code.example.org/repository>", "<ssh://git@code.example.org/repository>")),
    case("Infrastructure-codeRepository", "NodeKind", "I", "codeRepository",
         ("<https://code.example.org/repository>", '"https://code.example.org/repository"')),
    case("Infrastructure-foundingYear-present", "MinCount", "I", "foundingYear",
         ('oikg:foundingYear "2001"^^xsd:gYear ;', ""), severity="Info"),
    # Organisation (organization.ttl)
    case("Organization-rorId", "MaxCount", "O", "rorId",
         ("<https://ror.org/0abcdef12>", "<https://ror.org/0abcdef12>, <https://ror.org/0abcdef34>")),
    case("Organization-rorId", "Pattern", "O", "rorId",
         ("<https://ror.org/0abcdef12>", "<https://ror.org/0ABCDEF12>")),
    case("Organization-rorId", "NodeKind", "O", "rorId",
         ("<https://ror.org/0abcdef12>", '"0abcdef12"')),
    case("Organization-hosts", "NodeKind", "O", "hosts",
         ("oikg:hosts <https://w3id.org/oikg/id/infrastructure/example-repository>",
          'oikg:hosts "Example Repository"')),
    case("Organization-hosts", "Class", "O", "hosts",
         ("oikg:hosts <https://w3id.org/oikg/id/infrastructure/example-repository>",
          "oikg:hosts <https://w3id.org/oikg/id/standard/example-protocol>")),
    case("Organization-fundedBy", "NodeKind", "O", "fundedBy",
         ("oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> .",
          'oikg:fundedBy "Example Foundation" .')),
    case("Organization-fundedBy", "Class", "O", "fundedBy",
         ("oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> .",
          "oikg:fundedBy <https://w3id.org/oikg/id/standard/example-protocol> .")),
    # Funder (funder.ttl)
    case("Funder-rorId-present", "MinCount", "F", "rorId",
         ("oikg:rorId <https://ror.org/0bcdefg23> ;", ""), severity="Warning"),
    case("Funder-funds", "NodeKind", "F", "funds",
         ("oikg:funds <https://w3id.org/oikg/id/organization/example-host> ,",
          'oikg:funds "Example Host", <https://w3id.org/oikg/id/organization/example-host> ,')),
    case("Funder-funds", "Or", "F", "funds",
         ("oikg:funds <https://w3id.org/oikg/id/organization/example-host> ,",
          "oikg:funds <https://w3id.org/oikg/id/standard/example-protocol>,"
          " <https://w3id.org/oikg/id/organization/example-host> ,")),
    # Standard (standard.ttl)
    case("Standard-implementedBy", "NodeKind", "S", "implementedBy",
         ("oikg:implementedBy <https://w3id.org/oikg/id/infrastructure/example-repository>",
          'oikg:implementedBy "Example Repository"')),
    case("Standard-implementedBy", "Class", "S", "implementedBy",
         ("oikg:implementedBy <https://w3id.org/oikg/id/infrastructure/example-repository>",
          "oikg:implementedBy <https://w3id.org/oikg/id/organization/example-host>")),
    # Grant (grant.ttl)
    case("GrantShape", "sparql", "G", "currency", ('oikg:currency "EUR" ;', "")),
    case("Grant-awardedBy", "MinCount", "G", "awardedBy",
         ("oikg:awardedBy <https://w3id.org/oikg/id/funder/example-foundation> ;", "")),
    case("Grant-awardedBy", "MaxCount", "G", "awardedBy",
         ("oikg:awardedBy <https://w3id.org/oikg/id/funder/example-foundation> ;",
          "oikg:awardedBy <https://w3id.org/oikg/id/funder/example-foundation>,"
          " <https://w3id.org/oikg/id/funder/jisc> ;")),
    case("Grant-awardedBy", "NodeKind", "G", "awardedBy",
         ("oikg:awardedBy <https://w3id.org/oikg/id/funder/example-foundation> ;",
          'oikg:awardedBy "Example Foundation" ;')),
    case("Grant-awardedBy", "Class", "G", "awardedBy",
         ("oikg:awardedBy <https://w3id.org/oikg/id/funder/example-foundation> ;",
          "oikg:awardedBy <https://w3id.org/oikg/id/organization/example-host> ;")),
    case("Grant-awardedTo", "MinCount", "G", "awardedTo",
         ("oikg:awardedTo <https://w3id.org/oikg/id/infrastructure/example-repository> ;", "")),
    case("Grant-awardedTo", "NodeKind", "G", "awardedTo",
         ("oikg:awardedTo <https://w3id.org/oikg/id/infrastructure/example-repository> ;",
          'oikg:awardedTo "Example Repository" ;')),
    case("Grant-awardedTo", "Or", "G", "awardedTo",
         ("oikg:awardedTo <https://w3id.org/oikg/id/infrastructure/example-repository> ;",
          "oikg:awardedTo <https://w3id.org/oikg/id/standard/example-protocol> ;")),
    case("Grant-amount", "MaxCount", "G", "amount", ("150000.00 ;", "150000.00, 2.00 ;")),
    case("Grant-amount", "Datatype", "G", "amount", ("150000.00 ;", '"150,000" ;')),
    case("Grant-amount", "MinExclusive", "G", "amount", ("150000.00 ;", "-5.00 ;")),
    case("Grant-currency", "MaxCount", "G", "currency", ('"EUR" ;', '"EUR", "USD" ;')),
    case("Grant-currency", "Datatype", "G", "currency", ('"EUR" ;', '"EUR"@en ;')),
    case("Grant-currency", "Pattern", "G", "currency", ('"EUR" ;', '"euro" ;')),
    case("Grant-awardYear", "MaxCount", "G", "awardYear",
         ('"2020"^^xsd:gYear', '"2020"^^xsd:gYear, "2021"^^xsd:gYear')),
    case("Grant-awardYear", "Datatype", "G", "awardYear", ('"2020"^^xsd:gYear', "2020")),
    case("Grant-awardYear", "Pattern", "G", "awardYear", ('"2020"^^xsd:gYear', '"20"^^xsd:gYear')),
    case("Grant-awardYear", "pastYearRule", "G", "awardYear",
         ('"2020"^^xsd:gYear', '"2999"^^xsd:gYear')),
    case("Grant-awardYear-present", "MinCount", "G", "awardYear",
         ('oikg:awardYear "2020"^^xsd:gYear ;', ""), severity="Warning"),
    case("Grant-purpose", "Datatype", "G", "purpose",
         ('"software maintenance"@en', '"software maintenance"')),
    case("Grant-purpose", "languageTagRule", "G", "purpose",
         ('"software maintenance"@en', '"software maintenance"@english')),
    # Rules across entities (rules.ttl)
    case("EntityShape", "knownKindRule", "S", "type",
         ("id:standard\\/example-protocol a oikg:Standard ;", "id:standard\\/example-protocol")),
    case("EntityShape", "knownTermRule", "I", "foundedIn",
         ('oikg:foundingYear "2001"^^xsd:gYear', 'oikg:foundedIn "2001"^^xsd:gYear')),
    case("EntityShape", "disjointKindsRule", "I", "type",
         ("a oikg:Infrastructure ;", "a oikg:Infrastructure, oikg:Standard ;")),
    case("EntityShape", "danglingReferenceRule", "I", "implements",
         ("oikg:implements <https://w3id.org/oikg/id/standard/example-protocol>",
          "oikg:implements <https://w3id.org/oikg/id/standard/no-such-protocol>")),
    case("EntityShape", "duplicateIdentifierRule", "O", "rorId",
         ("<https://ror.org/0abcdef12>", "<https://ror.org/00x6h5n95>")),
    case("EntityShape", "duplicateHomepageRule", "I", "homepage",
         ("<https://repository.example.org/>", "<https://zenodo.org/>")),
    case("EntityShape", "hostingContradictionRule", "I", "hostedBy",
         ("oikg:hostedBy <https://w3id.org/oikg/id/organization/example-host>",
          "oikg:hostedBy <https://w3id.org/oikg/id/organization/lyrasis>")),
    case("EntityShape", "identifierFormatRule", "I", "source",
         ("<https://example.org/repository/about>", "<https://doi.org/10.12/abc>")),
    case("EntityAdviceShape", "inverseContradictionRule", "I", "fundedBy",
         (",\n        <https://w3id.org/oikg/id/infrastructure/example-repository> .", " ."),
         severity="Warning"),
]  # fmt: skip


def validate_world(dataset: Dataset, text: str) -> list[ValidationResult]:
    contribution = read_contribution([Source("world.ttl", text.encode(), RdfFormat.TURTLE)])
    report = validate_contribution(
        dataset.data, contribution.quads, dataset.shapes, dataset.ontology, replaces=True
    )
    return list(report.results)


def test_the_world_conforms_without_any_result(dataset: Dataset) -> None:
    assert validate_world(dataset, WORLD) == []


@pytest.mark.parametrize("broken", CASES, ids=[c.id for c in CASES])
def test_each_constraint_reports_its_violation(dataset: Dataset, broken: Case) -> None:
    text = WORLD
    for old, new in broken.edits:
        assert text.count(old) == 1, f"edit {old!r} must match once"
        text = text.replace(old, new)
    results = validate_world(dataset, text)
    path = PATHS.get(broken.path, OIKG + broken.path)
    component = "SPARQL" if broken.constraint[0].islower() else broken.constraint
    expected = [
        r
        for r in results
        if r.focus_node == FOCUS[broken.focus]
        and r.path == path
        and r.severity == broken.severity
        and r.source_shape == SHAPES + broken.shape
        and r.component == f"http://www.w3.org/ns/shacl#{component}ConstraintComponent"
        and (
            broken.constraint in ("sparql",)
            or component != "SPARQL"
            or r.source_constraint == SHAPES + broken.constraint
        )
    ]
    assert expected, "\n".join(map(str, results))
    assert all(r.message for r in results), "every result carries a message"


PARAMETERS = {
    SH.minCount: "MinCount", SH.maxCount: "MaxCount", SH.datatype: "Datatype",
    SH.pattern: "Pattern", SH.nodeKind: "NodeKind", SH["class"]: "Class", SH.node: "Node",
    SH.uniqueLang: "UniqueLang", SH.qualifiedValueShape: "QualifiedMinCount",
    SH.hasValue: "HasValue", SH["or"]: "Or", SH.minExclusive: "MinExclusive",
    SH.languageIn: "LanguageIn", SH["in"]: "In", SH.maxExclusive: "MaxExclusive",
    SH.minInclusive: "MinInclusive", SH.maxInclusive: "MaxInclusive",
    SH.minLength: "MinLength", SH.maxLength: "MaxLength", SH.closed: "Closed",
    SH["not"]: "Not", SH["and"]: "And", SH.xone: "Xone", SH.equals: "Equals",
    SH.disjoint: "Disjoint", SH.lessThan: "LessThan",
}  # fmt: skip


def shapes_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted((BUNDLE_DIR / "shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def test_every_constraint_of_every_named_shape_has_a_case() -> None:
    graph = shapes_graph()
    constraints = set()
    for shape in set(graph.subjects()):
        if not isinstance(shape, rdflib.URIRef) or not str(shape).startswith(SHAPES):
            continue
        name = str(shape)[len(SHAPES) :]
        for parameter, component in PARAMETERS.items():
            if (shape, parameter, None) in graph:
                constraints.add((name, component))
        for constraint in graph.objects(shape, SH.sparql):
            local = str(constraint)[len(SHAPES) :] if str(constraint).startswith(SHAPES) else None
            constraints.add((name, local or "sparql"))
    covered = {c.covers or (c.shape, c.constraint) for c in CASES}
    assert constraints - covered == set(), "constraints without a test case"
    assert covered - constraints == set(), "test cases for constraints that do not exist"


def test_every_constraint_has_a_message_and_every_shape_a_name() -> None:
    graph = shapes_graph()
    for shape in graph.subjects(rdflib.RDF.type, SH.PropertyShape):
        assert graph.value(shape, SH.message), f"{shape} has no sh:message"
        assert graph.value(shape, SH.name), f"{shape} has no sh:name"
        assert graph.value(shape, SH.group), f"{shape} has no sh:group"
    for constraint in graph.subjects(rdflib.RDF.type, SH.SPARQLConstraint):
        assert graph.value(constraint, SH.message), f"{constraint} has no sh:message"
    for shape in graph.subjects(rdflib.RDF.type, SH.NodeShape):
        assert graph.value(shape, rdflib.RDFS.label), f"{shape} has no label"


def test_shapes_conform_to_shacl_for_shacl() -> None:
    shacl_shacl = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    conforms, _, text = pyshacl.validate(
        shapes_graph(), shacl_graph=str(shacl_shacl), inference="none"
    )
    assert conforms, text


def test_every_class_the_data_uses_has_a_shape(dataset: Dataset) -> None:
    graph = shapes_graph()
    targeted = {str(c) for c in graph.objects(None, SH.targetClass)}
    used = {
        q.object.value
        for q in dataset.data
        if q.predicate.value == PATHS["type"] and q.object.value.startswith(OIKG)
    }
    assert used <= targeted, used - targeted


def test_every_property_the_data_uses_has_a_shape(dataset: Dataset) -> None:
    graph = shapes_graph()
    shaped = {str(p) for p in graph.objects(None, SH.path)}
    used = {q.predicate.value for q in dataset.data} - {PATHS["type"]}
    assert used <= shaped, used - shaped

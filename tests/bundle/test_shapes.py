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
from rdflib.namespace import SH

from kgserver.curation.contribution import Source, read_contribution
from kgserver.curation.in_context import validate_contribution
from kgserver.curation.validation import ValidationResult
from kgserver.rdf.formats import TURTLE
from kgserver.settings import BUNDLE_DIR
from kgserver.store.bundle import Dataset

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
    "memberOf": "http://www.w3.org/ns/org#memberOf",
    "logo": "https://schema.org/logo",
    "hasStartDate": "http://purl.org/cerif/frapo/hasStartDate",
    "hasEndDate": "http://purl.org/cerif/frapo/hasEndDate",
    "hasGrantNumber": "http://purl.org/cerif/frapo/hasGrantNumber",
    "altLabel": "http://www.w3.org/2004/02/skos/core#altLabel",
    "license": "http://purl.org/dc/terms/license",
    "publisher": "http://purl.org/dc/terms/publisher",
    "prefLabel": "http://www.w3.org/2004/02/skos/core#prefLabel",
    "broader": "http://www.w3.org/2004/02/skos/core#broader",
}
FOCUS = {
    "I": ID + "infrastructure/example-repository",
    "O": ID + "organization/example-host",
    "F": ID + "funder/example-foundation",
    "S": ID + "standard/example-protocol",
    "G": ID + "grant/example-foundation-example-repository-2020",
    "C": ID + "key-technology/example-database",
}

WORLD = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix frapo: <http://purl.org/cerif/frapo/> .
@prefix oikg: <https://w3id.org/oikg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/oikg/id/> .

id:infrastructure\\/example-repository a oikg:Infrastructure ;
    rdfs:label "Example Repository"@en ;
    skos:altLabel "ExRep"@en ;
    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;
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
    oikg:codeRepository <https://code.example.org/repository> ;
    oikg:githubOrganization <https://github.com/example-repository> ;
    oikg:affiliation <https://w3id.org/oikg/id/organization/example-host> ;
    oikg:governedBy <https://w3id.org/oikg/id/organization/example-host> ;
    oikg:foundedBy <https://w3id.org/oikg/id/organization/example-host> ;
    oikg:fiscalSponsor <https://w3id.org/oikg/id/organization/example-host> ;
    oikg:formerlyAffiliatedWith <https://w3id.org/oikg/id/organization/lyrasis> ;
    oikg:directFundingRecipient <https://w3id.org/oikg/id/organization/example-host> ;
    oikg:dependsOn <https://w3id.org/oikg/id/infrastructure/dspace> ;
    oikg:integratesWith <https://w3id.org/oikg/id/infrastructure/zenodo> ;
    oikg:precededBy <https://w3id.org/oikg/id/infrastructure/dspace> ;
    oikg:succeededBy <https://w3id.org/oikg/id/organization/lyrasis> ;
    oikg:codeLicence <https://w3id.org/oikg/id/code-licence/apache-license-version-2-0> ;
    oikg:contentLicence <https://w3id.org/oikg/id/content-licence/creative-commons-licenses> ;
    oikg:usesLicence <https://w3id.org/oikg/id/code-licence/unlicense> ;
    oikg:lifecycleStatus <https://w3id.org/oikg/id/lifecycle-status/active> ;
    oikg:communityGovernance <https://w3id.org/oikg/id/community-governance/ad-hoc> ;
    oikg:boardStructure <https://w3id.org/oikg/id/board-structure/multi-board-governance> ;
    oikg:boardLevel <https://w3id.org/oikg/id/reporting-level/both> ;
    oikg:fullTimeStaff <https://w3id.org/oikg/id/staffing/eleven-to-twenty> ;
    oikg:volunteerStaff <https://w3id.org/oikg/id/staffing/zero> ;
    oikg:primaryFundingSource <https://w3id.org/oikg/id/primary-funding-source/contributions> ;
    oikg:revenueSource <https://w3id.org/oikg/id/revenue-source/contributions-in-kind> ;
    oikg:hostingStrategy <https://w3id.org/oikg/id/hosting-strategy/unknown> ;
    oikg:technologyReadiness id:technology-readiness\\/system-complete-and-qualified ;
    oikg:maintenanceStatus <https://w3id.org/oikg/id/maintenance-status/actively-maintained> ;
    oikg:programmingLanguage <https://w3id.org/oikg/id/programming-language/typescript> ;
    oikg:contributionPathway <https://w3id.org/oikg/id/contribution-pathway/contribute-funds> ;
    oikg:communityEngagementActivity id:community-engagement-activity\\/blogs ;
    oikg:fieldOfScience <https://w3id.org/oikg/id/field-of-science/veterinary-science> ;
    oikg:accessCondition <https://w3id.org/oikg/id/access-condition/fee-required> ;
    oikg:certification <https://w3id.org/oikg/id/certification/core-trust-seal> ;
    oikg:integration <https://w3id.org/oikg/id/integration/zenodo> ;
    oikg:keyTechnology <https://w3id.org/oikg/id/key-technology/example-database> ;
    oikg:metadataStandard <https://w3id.org/oikg/id/metadata-standard/abcd> ;
    oikg:pidStandard <https://w3id.org/oikg/id/pid-standard/openurl> ;
    oikg:authenticationStandard <https://w3id.org/oikg/id/authentication-standard/oauth> ;
    oikg:securityStandard <https://w3id.org/oikg/id/security-standard/ssae-18-soc-2-certification> ;
    oikg:preservationStandard <https://w3id.org/oikg/id/preservation-standard/oais> ;
    oikg:metricsStandard <https://w3id.org/oikg/id/metrics-standard/counter-5> ;
    oikg:valuesFramework <https://w3id.org/oikg/id/values-framework/humetricshss-values-framework> ;
    oikg:declaredStandard <https://w3id.org/oikg/id/metadata-standard/xml-tei> ;
    oikg:businessForm <https://w3id.org/oikg/id/business-form/volunteer-community> ;
    oikg:nonprofitStatus <https://w3id.org/oikg/id/nonprofit-status/501-c-3> ;
    oikg:memberCount 120 ;
    oikg:hasShareholders false ;
    oikg:membershipProgramme <https://repository.example.org/members> ;
    oikg:serviceProviderRegistry <https://repository.example.org/providers> ;
    oikg:contactPage <https://repository.example.org/contact> ;
    schema:logo <https://repository.example.org/logo.png> ;
    oikg:practice [
        a oikg:PracticeAssessment ;
        oikg:practiceType <https://w3id.org/oikg/id/practice/web-accessibility-statement> ;
        oikg:implementationStatus <https://w3id.org/oikg/id/implementation-status/in-progress> ;
        oikg:appliesTo <https://w3id.org/oikg/id/accessibility-scope/our-website> ;
        oikg:evidence <https://repository.example.org/accessibility> ;
        dcterms:source <https://example.org/repository/assessment> ;
        dcterms:date "2024-08-21"^^xsd:date
    ] ;
    oikg:financialReport [
        a oikg:FinancialReport ;
        oikg:currency "USD" ;
        oikg:reportingPeriod "01-2023 to 12-2023" ;
        oikg:reportingLevel <https://w3id.org/oikg/id/reporting-level/provider> ;
        oikg:annualRevenue 537644.00 ;
        oikg:annualExpenses 501234.00 ;
        oikg:totalContributions 400000.00 ;
        oikg:programRevenue 100000.00 ;
        oikg:investmentIncome 30000.00 ;
        oikg:otherRevenue 7644.00 ;
        oikg:totalAssets 250000.00 ;
        oikg:totalLiabilities 50000.00 ;
        oikg:evidence <https://repository.example.org/annual-report-2023.pdf> ;
        dcterms:source <https://example.org/repository/finances>
    ] .

id:key-technology\\/example-database a skos:Concept ;
    skos:prefLabel "Example Database"@en ;
    skos:broader <https://w3id.org/oikg/id/key-technology/postgres> ;
    skos:inScheme <https://w3id.org/oikg/id/key-technology> .

id:organization\\/example-host a oikg:Organization ;
    rdfs:label "Example Host"@en ;
    dcterms:description "An organisation that exists only in tests."@en ;
    dcterms:source <https://example.org/host/about> ;
    foaf:homepage <https://host.example.org/> ;
    oikg:wikidataItem <http://www.wikidata.org/entity/Q999999992> ;
    oikg:rorId <https://ror.org/0abcdef12> ;
    oikg:countryCode "FR" ;
    oikg:foundingYear "1999"^^xsd:gYear ;
    oikg:fiscalSponsorOf <https://w3id.org/oikg/id/infrastructure/example-repository> ;
    org:memberOf <https://w3id.org/oikg/id/organization/datacite> ;
    oikg:hosts <https://w3id.org/oikg/id/infrastructure/example-repository> ;
    oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> .

id:funder\\/example-foundation a oikg:Funder ;
    rdfs:label "Example Foundation"@en ;
    dcterms:description "A funder that exists only in tests."@en ;
    dcterms:source <https://example.org/foundation/about> ;
    foaf:homepage <https://foundation.example.org/> ;
    oikg:wikidataItem <http://www.wikidata.org/entity/Q999999993> ;
    oikg:rorId <https://ror.org/0bcdefg23> ;
    oikg:crossrefFunderId <https://doi.org/10.13039/999999993> ;
    oikg:funds <https://w3id.org/oikg/id/organization/example-host> ,
        <https://w3id.org/oikg/id/infrastructure/example-repository> ,
        <https://w3id.org/oikg/id/standard/example-protocol> .

id:standard\\/example-protocol a oikg:Standard ;
    rdfs:label "Example Protocol"@en ;
    dcterms:description "A protocol that exists only in tests."@en ;
    dcterms:source <https://example.org/protocol/spec> ;
    foaf:homepage <https://protocol.example.org/> ;
    oikg:wikidataItem <http://www.wikidata.org/entity/Q999999994> ;
    dcterms:publisher <https://w3id.org/oikg/id/organization/example-host> ;
    oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> ;
    oikg:category <https://w3id.org/oikg/id/category/standard-specification-or-protocol> ;
    oikg:codeRepository <https://code.example.org/protocol> ;
    oikg:practice [ a oikg:PracticeAssessment ; oikg:practiceType id:practice\\/open-api ;
        oikg:implementationStatus <https://w3id.org/oikg/id/implementation-status/available> ;
        oikg:evidence <https://protocol.example.org/api> ;
        dcterms:source <https://example.org/protocol/assessment> ] ;
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
    frapo:hasStartDate "2020-01-01"^^xsd:date ;
    frapo:hasEndDate "2021-12-31"^^xsd:date ;
    frapo:hasGrantNumber "G-2020-0001" ;
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


HOST, STANDARD = i("organization/example-host"), i("standard/example-protocol")
CATEGORY = i("category/repository-service")
VOCABULARIES = (
    "communityGovernance", "boardStructure", "boardLevel", "fullTimeStaff", "volunteerStaff",
    "primaryFundingSource", "revenueSource", "hostingStrategy", "technologyReadiness",
    "maintenanceStatus", "programmingLanguage", "contributionPathway",
    "communityEngagementActivity", "fieldOfScience", "accessCondition", "certification",
    "integration", "keyTechnology", "metadataStandard", "pidStandard", "authenticationStandard",
    "securityStandard", "preservationStandard", "metricsStandard", "valuesFramework",
    "declaredStandard", "lifecycleStatus",
)  # fmt: skip
FIGURES = {
    "annualRevenue": "537644.00", "annualExpenses": "501234.00", "totalContributions": "400000.00",
    "programRevenue": "100000.00", "investmentIncome": "30000.00", "otherRevenue": "7644.00",
    "totalAssets": "250000.00", "totalLiabilities": "50000.00",
}  # fmt: skip


def link_cases(shape: str, focus: str, prop: str, value: str, wrong: str,
               component: str = "Class") -> list[Case]:  # fmt: skip
    """A link broken both ways: a literal instead of an IRI, and an IRI of the wrong kind."""
    local = prop.split(":")[1]
    line = f"{prop} {value}"
    return [
        case(shape, "NodeKind", focus, local, (line, f'{prop} "{local}"')),
        case(shape, component, focus, local, (line, f"{prop} {wrong}")),
    ]


def page_cases(shape: str, prop: str, value: str) -> list[Case]:
    """A web page given as a string, and as an address that is not http(s)."""
    local = prop.split(":")[1]
    return [
        case(shape, "NodeKind", "I", local, (f"{prop} <{value}>", f'{prop} "{value}"')),
        case(shape, "Pattern", "I", local, (f"{prop} <{value}>", f"{prop} <mailto:a@example.org>")),
    ]


def wrong_scheme(shape: str, prop: str, component: str = "Node") -> Case:
    """A vocabulary value from another scheme (an infrastructure category) beside the right one."""
    return case(shape, component, "I", prop, (f"oikg:{prop} ", f"oikg:{prop} {CATEGORY}, "))


def practice(covers: str, component: str, *edits: tuple[str, str]) -> Case:
    """A broken practice assessment, reported on its infrastructure (it is a blank node)."""
    return case("practice", "Node", "I", "practice", *edits,
                covers=(covers, component))  # fmt: skip


def report(covers: str, component: str, *edits: tuple[str, str]) -> Case:
    """A broken financial report, reported on its infrastructure (it is a blank node)."""
    return case("financialReport", "Node", "I", "financialReport", *edits,
                covers=(covers, component))  # fmt: skip


REPOSITORY_LABEL = ('rdfs:label "Example Repository"@en ;', "")
CASES = [
    # Alternative names, licence of the description, publishers and concepts (catalogue data)
    case("altLabel", "Datatype", "I", "altLabel", ('"ExRep"@en', '"ExRep"')),
    *page_cases("license", "dcterms:license", "https://creativecommons.org/licenses/by/4.0/"),
    *link_cases("Standard-publisher", "S", "dcterms:publisher", HOST, STANDARD),
    case("Concept-prefLabel", "Datatype", "C", "prefLabel",
         ('"Example Database"@en', '"Example Database"')),
    *link_cases("Concept-broader", "C", "skos:broader", i("key-technology/postgres"), HOST),
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
    case("category", "NodeKind", "I", "category",
         (i("category/repository-service"), '"repository service"')),
    case("category", "Node", "I", "category",
         (i("category/repository-service"), i("category/repository-services"))),
    case("category", "Node", "I", "category",
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
    case("fundedBy", "NodeKind", "I", "fundedBy",
         ("oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> ;\n    oikg:impl",
          'oikg:fundedBy "Example Foundation" ;\n    oikg:impl')),
    case("fundedBy", "Class", "I", "fundedBy",
         ("oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> ;\n    oikg:impl",
          "oikg:fundedBy <https://w3id.org/oikg/id/organization/example-host> ;\n    oikg:impl")),
    case("implements", "NodeKind", "I", "implements",
         ("oikg:implements <https://w3id.org/oikg/id/standard/example-protocol>",
          'oikg:implements "Example Protocol"')),
    case("implements", "Class", "I", "implements",
         ("oikg:implements <https://w3id.org/oikg/id/standard/example-protocol>",
          "oikg:implements <https://w3id.org/oikg/id/organization/example-host>")),
    case("codeRepository", "Pattern", "I", "codeRepository",
         ("<https://code.example.org/repository>", "<ssh://git@code.example.org/repository>")),
    case("codeRepository", "NodeKind", "I", "codeRepository",
         ("<https://code.example.org/repository>", '"https://code.example.org/repository"')),
    case("githubOrganization", "Pattern", "I", "githubOrganization",
         ("<https://github.com/example-repository>", "<https://github.com/example-repository/>")),
    case("githubOrganization", "NodeKind", "I", "githubOrganization",
         ("<https://github.com/example-repository>", '"example-repository"')),
    case("Infrastructure-foundingYear-present", "MinCount", "I", "foundingYear",
         ('oikg:foundingYear "2001"^^xsd:gYear ;', ""), severity="Info"),
    # Shared by infrastructures and organisations (common.ttl), tried on the infrastructure
    *link_cases("foundedBy", "I", "oikg:foundedBy", HOST, STANDARD),
    *link_cases("fiscalSponsor", "I", "oikg:fiscalSponsor", HOST, STANDARD),
    *link_cases("formerlyAffiliatedWith", "I", "oikg:formerlyAffiliatedWith",
                i("organization/lyrasis"), STANDARD),
    *link_cases("directFundingRecipient", "I", "oikg:directFundingRecipient", HOST, STANDARD),
    *link_cases("succeededBy", "I", "oikg:succeededBy", i("organization/lyrasis"), STANDARD, "Or"),
    *link_cases("precededBy", "I", "oikg:precededBy", i("infrastructure/dspace"), STANDARD, "Or"),
    wrong_scheme("businessForm", "businessForm"),
    wrong_scheme("nonprofitStatus", "nonprofitStatus"),
    case("memberCount", "Datatype", "I", "memberCount",
         ("oikg:memberCount 120", 'oikg:memberCount "120"')),
    case("memberCount", "MinInclusive", "I", "memberCount",
         ("oikg:memberCount 120", "oikg:memberCount -1")),
    case("hasShareholders", "Datatype", "I", "hasShareholders",
         ("oikg:hasShareholders false", 'oikg:hasShareholders "no"')),
    case("hasShareholders", "MaxCount", "I", "hasShareholders",
         ("oikg:hasShareholders false", "oikg:hasShareholders false, true")),
    *page_cases("membershipProgramme", "oikg:membershipProgramme", "https://repository.example.org/members"),
    # Infrastructure: ontology 0.2 (infrastructure.ttl)
    *link_cases("affiliation", "I", "oikg:affiliation", HOST, STANDARD),
    *link_cases("governedBy", "I", "oikg:governedBy", HOST, STANDARD),
    *link_cases("dependsOn", "I", "oikg:dependsOn", i("infrastructure/dspace"),
                HOST),
    *link_cases("integratesWith", "I", "oikg:integratesWith",
                i("infrastructure/zenodo"), HOST),
    wrong_scheme("codeLicence", "codeLicence", "Or"),
    wrong_scheme("contentLicence", "contentLicence", "Or"),
    wrong_scheme("usesLicence", "usesLicence", "Or"),
    *[wrong_scheme(v, v) for v in VOCABULARIES if v != "lifecycleStatus"],
    wrong_scheme("Infrastructure-lifecycleStatus", "lifecycleStatus"),
    case("Infrastructure-lifecycleStatus", "MaxCount", "I", "lifecycleStatus",
         ("lifecycle-status/active>", "lifecycle-status/active>, <https://w3id.org/oikg/id/lifecycle-status/deprecated>")),
    *page_cases("serviceProviderRegistry", "oikg:serviceProviderRegistry",
                "https://repository.example.org/providers"),
    *page_cases("contactPage", "oikg:contactPage", "https://repository.example.org/contact"),
    *page_cases("logo", "schema:logo", "https://repository.example.org/logo.png"),
    # Practice assessments (practice-assessment.ttl), checked through their infrastructure
    case("practice", "NodeKind", "I", "practice",
         ("oikg:practice [\n", 'oikg:practice "accessible", [\n')),
    case("practice", "Node", "I", "practice",
         (i("practice/web-accessibility-statement"), '"web accessibility"')),
    practice("PracticeAssessment-practiceType", "MinCount",
             (f"oikg:practiceType {i('practice/web-accessibility-statement')} ;", "")),
    practice("PracticeAssessment-practiceType", "MaxCount",
             ("practice/web-accessibility-statement>", "practice/web-accessibility-statement>, <https://w3id.org/oikg/id/practice/open-api>")),
    practice("PracticeAssessment-practiceType", "Node",
             ("practice/web-accessibility-statement>", "category/repository-service>")),
    practice("PracticeAssessment-implementationStatus", "MinCount",
             (f"oikg:implementationStatus {i('implementation-status/in-progress')} ;", "")),
    practice("PracticeAssessment-implementationStatus", "MaxCount",
             ("status/in-progress>", "status/in-progress>, <https://w3id.org/oikg/id/implementation-status/available>")),
    practice("PracticeAssessment-implementationStatus", "Node",
             ("implementation-status/in-progress>", "lifecycle-status/planned>")),
    practice("PracticeAssessmentShape", "pricingStatusRule",
             ("implementation-status/in-progress>",
              "pricing-implementation-status/no-direct-costs>")),
    practice("evidence", "NodeKind",
             ("<https://repository.example.org/accessibility>", '"https://repository.example.org/accessibility"')),
    practice("evidence", "Pattern",
             ("<https://repository.example.org/accessibility>", "<ftp://repository.example.org/accessibility>")),
    practice("PracticeAssessment-date", "MaxCount",
             ('"2024-08-21"^^xsd:date', '"2024-08-21"^^xsd:date, "2024-09-01"^^xsd:date')),
    practice("PracticeAssessment-date", "Datatype", ('"2024-08-21"^^xsd:date', '"21 August 2024"')),
    practice("PracticeAssessment-appliesTo", "Node",
             ("accessibility-scope/our-website>", "category/repository-service>")),
    # Financial reports (financial-report.ttl), checked through their infrastructure
    case("financialReport", "NodeKind", "I", "financialReport",
         ("oikg:financialReport [", 'oikg:financialReport "2023 accounts", [')),
    case("financialReport", "Node", "I", "financialReport",
         ("dcterms:source <https://example.org/repository/finances>", 'oikg:otherRevenue 1.00')),
    report("FinancialReport-currency", "MinCount", ('oikg:currency "USD" ;', "")),
    report("FinancialReport-currency", "MaxCount", ('"USD"', '"USD", "CAD"')),
    report("FinancialReport-currency", "Datatype", ('"USD"', '"USD"@en')),
    report("FinancialReport-currency", "Pattern", ('"USD"', '"US$"')),
    report("FinancialReport-reportingPeriod", "MaxCount",
           ('"01-2023 to 12-2023"', '"01-2023 to 12-2023", "2023"')),
    report("FinancialReport-reportingPeriod", "Datatype",
           ('"01-2023 to 12-2023"', '"01-2023 to 12-2023"@en')),
    report("FinancialReport-reportingLevel", "Node",
           ("reporting-level/provider>", "lifecycle-status/active>")),
    *[report(f"FinancialReport-{figure}", "MaxCount",
             (f"oikg:{figure} {value} ;", f"oikg:{figure} {value}, 1.00 ;"))
      for figure, value in FIGURES.items()],
    *[report(f"FinancialReport-{figure}", "Datatype",
             (f"oikg:{figure} {value} ;", f'oikg:{figure} "{value}" ;'))
      for figure, value in FIGURES.items()],
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
    *link_cases("Organization-fiscalSponsorOf", "O", "oikg:fiscalSponsorOf",
                i("infrastructure/example-repository"), STANDARD, "Or"),
    *link_cases("Organization-memberOf", "O", "org:memberOf", i("organization/datacite"), STANDARD),
    case("Organization-crossrefFunderId", "Pattern", "F", "crossrefFunderId",
         ("<https://doi.org/10.13039/999999993>", "<http://dx.doi.org/10.13039/999999993>")),
    case("Organization-crossrefFunderId", "NodeKind", "F", "crossrefFunderId",
         ("<https://doi.org/10.13039/999999993>", '"999999993"')),
    # Funder (funder.ttl)
    case("Funder-crossrefFunderId-present", "MinCount", "F", "crossrefFunderId",
         ("oikg:crossrefFunderId <https://doi.org/10.13039/999999993> ;", ""), severity="Info"),
    case("Funder-rorId-present", "MinCount", "F", "rorId",
         ("oikg:rorId <https://ror.org/0bcdefg23> ;", ""), severity="Warning"),
    case("Funder-funds", "NodeKind", "F", "funds",
         ("oikg:funds <https://w3id.org/oikg/id/organization/example-host> ,",
          'oikg:funds "Example Host", <https://w3id.org/oikg/id/organization/example-host> ,')),
    case("Funder-funds", "Or", "F", "funds",
         ("oikg:funds <https://w3id.org/oikg/id/organization/example-host> ,",
          "oikg:funds <https://w3id.org/oikg/id/key-technology/example-database>,"
          " <https://w3id.org/oikg/id/organization/example-host> ,")),
    # Standard (standard.ttl)
    case("Standard-implementedBy", "NodeKind", "S", "implementedBy",
         ("oikg:implementedBy <https://w3id.org/oikg/id/infrastructure/example-repository>",
          'oikg:implementedBy "Example Repository"')),
    case("Standard-implementedBy", "Or", "S", "implementedBy",
         ("oikg:implementedBy <https://w3id.org/oikg/id/infrastructure/example-repository>",
          "oikg:implementedBy <https://w3id.org/oikg/id/organization/example-host>")),
    # What Infra Finder says of a standard, checked as on an infrastructure (common.ttl)
    case("category", "Node", "S", "category",
         ("category/standard-specification-or-protocol>", "category/standard>")),
    case("fundedBy", "Class", "S", "fundedBy",
         ("oikg:fundedBy <https://w3id.org/oikg/id/funder/example-foundation> ;\n    oikg:cat",
          "oikg:fundedBy <https://w3id.org/oikg/id/organization/example-host> ;\n    oikg:cat")),
    case("codeRepository", "Pattern", "S", "codeRepository",
         ("<https://code.example.org/protocol>", "<ssh://git@code.example.org/protocol>")),
    case("practice", "Node", "S", "practice",
         ("id:practice\\/open-api", "id:category\\/repository-service")),
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
          "oikg:awardedTo <https://w3id.org/oikg/id/key-technology/example-database> ;")),
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
    case("Grant-startDate", "MaxCount", "G", "hasStartDate",
         ('"2020-01-01"^^xsd:date', '"2020-01-01"^^xsd:date, "2020-02-01"^^xsd:date')),
    case("Grant-startDate", "Datatype", "G", "hasStartDate",
         ('"2020-01-01"^^xsd:date', '"2020"^^xsd:gYear')),
    case("Grant-endDate", "MaxCount", "G", "hasEndDate",
         ('"2021-12-31"^^xsd:date', '"2021-12-31"^^xsd:date, "2022-06-30"^^xsd:date')),
    case("Grant-endDate", "Datatype", "G", "hasEndDate",
         ('"2021-12-31"^^xsd:date', '"end of 2021"')),
    case("Grant-grantNumber", "Datatype", "G", "hasGrantNumber",
         ('"G-2020-0001"', '"G-2020-0001"@en')),
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
    case("EntityShape", "duplicateIdentifierRule", "O", "crossrefFunderId",
         ("oikg:rorId <https://ror.org/0abcdef12> ;",
          "oikg:rorId <https://ror.org/0abcdef12> ;\n"
          "    oikg:crossrefFunderId <https://doi.org/10.13039/999999993> ;")),
    case("EntityShape", "duplicateHomepageRule", "I", "homepage",
         ("<https://repository.example.org/>", "<https://zenodo.org/>")),
    case("EntityShape", "hostingContradictionRule", "I", "hostedBy",
         ("oikg:hostedBy <https://w3id.org/oikg/id/organization/example-host>",
          "oikg:hostedBy <https://w3id.org/oikg/id/organization/lyrasis>")),
    case("EntityShape", "identifierFormatRule", "I", "source",
         ("<https://example.org/repository/about>", "<https://doi.org/10.12/abc>")),
    case("EntityAdviceShape", "inverseContradictionRule", "I", "fundedBy",
         (",\n        <https://w3id.org/oikg/id/infrastructure/example-repository> ,", " ,"),
         severity="Warning"),
]  # fmt: skip


def validate_world(dataset: Dataset, text: str) -> list[ValidationResult]:
    contribution = read_contribution([Source("world.ttl", text.encode(), TURTLE)])
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

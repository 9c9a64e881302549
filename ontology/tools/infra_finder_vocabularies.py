"""Write ontology/infra-finder-vocabularies.ttl: Infra Finder's controlled vocabularies as SKOS.

Run from the repository root: `python ontology/tools/infra_finder_vocabularies.py`. It reads the
copy of Infra Finder's `controlled_vocabularies.yml` in tests/data/infra-finder/ (MIT licence,
Invest in Open Infrastructure) and writes one skos:ConceptScheme per vocabulary, one concept per
term: skos:prefLabel is the term exactly as Infra Finder spells it, skos:notation its slug or enum
key, so that an importer can match either. tests/bundle/test_ontology.py checks that nothing is
lost.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "data" / "infra-finder" / "controlled_vocabularies.yml"
TARGET = ROOT / "ontology" / "infra-finder-vocabularies.ttl"
IF_COMMIT = "b394b9a74f2ba00a58cc20972cbe36d31188dbbc"
IF_VOCABULARIES = (
    f"https://github.com/investinopen/infra-finder/blob/{IF_COMMIT}"
    "/lib/frozen_record/controlled_vocabularies.yml"
)
IF_EXPORT = (
    f"https://github.com/investinopen/infra-finder/blob/{IF_COMMIT}/spec/data/imports/v2-valid.csv"
)

# Infra Finder vocabulary name → (our scheme slug, scheme label, the property whose values it holds)
SCHEMES: dict[str, tuple[str, str, str]] = {
    "impl_scale": ("implementation-status", "Implementation status", "oikg:implementationStatus"),
    "impl_scale_pricing": (
        "pricing-implementation-status",
        "Implementation status of transparent pricing",
        "oikg:implementationStatus",
    ),
    "acc_scope": ("accessibility-scope", "Accessibility statement scope", "oikg:appliesTo"),
    "board": ("board-structure", "Board structures", "oikg:boardStructure"),
    "bus_form": ("business-form", "Business forms", "oikg:businessForm"),
    "code_lcns": ("code-licence", "Code licences", "oikg:codeLicence"),
    "comm_eng": (
        "community-engagement-activity",
        "Community engagement activities",
        "oikg:communityEngagementActivity",
    ),
    "cont_lcns": ("content-licence", "Content licences", "oikg:contentLicence"),
    "gov_stat": ("community-governance", "Community governance", "oikg:communityGovernance"),
    "integrations": ("integration", "Integrations and compatibility", "oikg:integration"),
    "maint": ("maintenance-status", "Maintenance status", "oikg:maintenanceStatus"),
    "nonprofit_status": ("nonprofit-status", "Non-profit status", "oikg:nonprofitStatus"),
    "pr_fund": ("primary-funding-source", "Primary funding sources", "oikg:primaryFundingSource"),
    "prgrm_lng": ("programming-language", "Programming languages", "oikg:programmingLanguage"),
    "rprt_lvl": ("reporting-level", "Reporting levels", "oikg:reportingLevel and oikg:boardLevel"),
    "saas": ("hosting-strategy", "Hosting strategies", "oikg:hostingStrategy"),
    "staffing": ("staffing", "Staffing bands", "oikg:fullTimeStaff and oikg:volunteerStaff"),
    "standards_auth": (
        "authentication-standard",
        "Authentication standards",
        "oikg:authenticationStandard",
    ),
    "standards_metadata": ("metadata-standard", "Metadata standards", "oikg:metadataStandard"),
    "standards_metrics": ("metrics-standard", "Metrics standards", "oikg:metricsStandard"),
    "standards_pids": ("pid-standard", "Persistent identifier standards", "oikg:pidStandard"),
    "standards_pres": (
        "preservation-standard",
        "Preservation standards",
        "oikg:preservationStandard",
    ),
    "standards_sec": ("security-standard", "Security standards", "oikg:securityStandard"),
    "tech_read": (
        "technology-readiness",
        "Technology readiness levels",
        "oikg:technologyReadiness",
    ),
    "user_paths": (
        "contribution-pathway",
        "User contribution pathways",
        "oikg:contributionPathway",
    ),
    "values": ("values-framework", "Values frameworks", "oikg:valuesFramework"),
    "access": ("access-condition", "Access conditions", "oikg:accessCondition"),
    "fos": ("field-of-science", "Fields of science", "oikg:fieldOfScience"),
    "rev_src": ("revenue-source", "Revenue sources", "oikg:revenueSource"),
    "status_certifications": ("certification", "Certifications and statuses", "oikg:certification"),
}
# Vocabularies that are not term lists: values are ISO codes, kept as literals or country concepts.
CODE_VOCABULARIES = {"countries", "currencies", "soln_cat"}

# Spellings that Infra Finder's own export uses for a term (tests/data/infra-finder: solutions.csv).
EXPORT_SPELLINGS: dict[tuple[str, str], list[str]] = {
    ("user_paths", "Contribute to code"): ["Code"],
    ("user_paths", "Contribute to documentation"): ["Documentation"],
    ("user_paths", "Contribute to education or training"): ["Education / Training"],
    ("user_paths", "Contribute funds"): ["Funds"],
    ("user_paths", "Contribute to working groups or interest groups"): [
        "Working / Interest Groups"
    ],
    ("user_paths", "Contribute to user research or user testing"): ["User Research"],
    ("user_paths", "Contribute to peer reviews"): ["Contribute reviews"],
    ("saas", "Through solution provider only"): ["Hosting through service provider only"],
    ("saas", "Through third party vendor only"): ["Hosting through third party only"],
    ("saas", "Through solution provider or third party vendor"): [
        "Hosting through service provider or third party"
    ],
    ("saas", "No services available"): ["No hosting services available"],
    ("maint", "Actively Maintained"): ["Actively maintained"],
}
# Terms the export uses that are narrower than a vocabulary term: (vocabulary, broader term, term).
NARROWER = [
    ("code_lcns", "GNU General Public License (GPL)", "GNU General Public License (GPL) Version 3")
]
# Licences with an SPDX identifier (https://spdx.org/licenses/): skos:exactMatch for harvesters.
SPDX = {
    ("code_lcns", "Apache License, Version 2.0"): "Apache-2.0",
    ("code_lcns", "MIT License"): "MIT",
    ("code_lcns", "Unlicense"): "Unlicense",
}
# Terms the export uses that the vocabulary file lacks: (vocabulary, term).
EXTRA = [("saas", "Unknown")]


def slugify(text: str) -> str:
    """Infra Finder's (Rails `parameterize`) slug of a term."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def concept(scheme: str, slug: str, label: str, notation: str, extra: list[str]) -> str:
    iri = f"<https://w3id.org/oikg/id/{scheme}/{slug}>"
    lines = [
        f"{iri}\n    a skos:Concept",
        f"    skos:prefLabel {literal(label)}@en",
        f"    skos:notation {literal(notation)}",
        f"    skos:inScheme <https://w3id.org/oikg/id/{scheme}>",
        *extra,
    ]
    return " ;\n".join(lines) + " .\n\n"


def main() -> None:
    vocabularies = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    out = [
        "@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix oikg:    <https://w3id.org/oikg/ontology#> .\n\n"
        "# Infra Finder's controlled vocabularies as SKOS concept schemes. Generated by\n"
        "# ontology/tools/infra_finder_vocabularies.py from controlled_vocabularies.yml\n"
        "# (Invest in Open Infrastructure, MIT licence); edit the generator, not this file.\n"
        "# Labels are Infra Finder's own; skos:notation is its slug or enum key.\n"
    ]
    for vocabulary in vocabularies:
        name = vocabulary["name"]
        if name in CODE_VOCABULARIES:
            continue
        scheme, title, prop = SCHEMES[name]
        definition = f"Infra Finder vocabulary {name}: the values of {prop}."
        out.append(
            f"\n# --- {name} -> {scheme} ---\n\n"
            f"<https://w3id.org/oikg/id/{scheme}>\n"
            f"    a skos:ConceptScheme ;\n"
            f"    skos:prefLabel {literal(title)}@en ;\n"
            f"    skos:notation {literal(name)} ;\n"
            f"    skos:definition {literal(definition)}@en ;\n"
            f"    dcterms:source <{IF_VOCABULARIES}> ;\n"
            f"    rdfs:isDefinedBy <https://w3id.org/oikg/ontology> .\n\n"
        )
        if vocabulary["strategy"] == "enum":
            terms = [(key, label, key) for key, label in vocabulary["mapping"].items()]
            terms = [(slugify(key), label, key) for key, label, _ in terms]
        else:
            terms = []
            for term in vocabulary["terms"]:
                label = str(term["term"])
                slug = str(term.get("slug") or slugify(label))
                terms.append((slug, label, slug))
        for slug, label, notation in terms:
            extra = [f"    skos:topConceptOf <https://w3id.org/oikg/id/{scheme}>"]
            if (name, label) in SPDX:
                spdx = SPDX[(name, label)]
                extra.append(f"    skos:exactMatch <http://spdx.org/licenses/{spdx}>")
            for spelling in EXPORT_SPELLINGS.get((name, label), []):
                extra.append(f"    skos:altLabel {literal(spelling)}@en")
            if slug == "other":
                extra.append(
                    '    skos:scopeNote "Another value, stated as free text '
                    "(Infra Finder's *_other columns): an importer mints a concept in this "
                    "scheme with that text as its "
                    'label and this concept as its skos:broader."@en'
                )
            if name == "impl_scale_pricing" and slug != "no-direct-costs":
                # The pricing scale is the implementation scale plus one value: share the concepts.
                out.append(
                    f"<https://w3id.org/oikg/id/implementation-status/{slug}> "
                    f"skos:inScheme <https://w3id.org/oikg/id/{scheme}> ;\n"
                    f"    skos:topConceptOf <https://w3id.org/oikg/id/{scheme}> .\n"
                )
                continue
            out.append(concept(scheme, slug, label, notation, extra))
        for vocab, label in EXTRA:
            if vocab == name:
                extra = [
                    f"    skos:topConceptOf <https://w3id.org/oikg/id/{scheme}>",
                    f"    dcterms:source <{IF_EXPORT}>",
                ]
                out.append(concept(scheme, slugify(label), label, slugify(label), extra))
        for vocab, broader, label in NARROWER:
            if vocab == name:
                broader_iri = f"<https://w3id.org/oikg/id/{scheme}/{slugify(broader)}>"
                source = f"    dcterms:source <{IF_EXPORT}>"
                out.append(
                    concept(
                        scheme,
                        slugify(label),
                        label,
                        slugify(label),
                        [f"    skos:broader {broader_iri}", source],
                    )
                )
    TARGET.write_text("".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()

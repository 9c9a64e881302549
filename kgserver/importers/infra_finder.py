"""Infra Finder's public records -> the 57 assessed services, their providers, funders, grants.

Reads `solutions.csv` (the v2 export) and `solutions-legacy.csv` (the earlier export, which
alone holds founding years, standards employed, integrations and top funders), joined on the
record id. Prose (summaries, missions, histories) is not carried over, nor any person's data;
financial figures (columns 62-73) are left out because no service approved them for
publication (`financial_numbers_approved_for_publication`), and the v2 export's SCOSS column
is ignored.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from kgserver.importers.assessment import assess
from kgserver.importers.data_folder import HOSTED_BY, DataFolder
from kgserver.importers.ioi_state_of_open import work
from kgserver.importers.model import (
    HOMEPAGE,
    IRI,
    OIKG,
    PUBLISHER,
    XSD,
    ImportedEntity,
    Literal,
    slugify,
    text,
    year,
)
from kgserver.importers.names import (
    NOT_THE_PROVIDERS_ROR,
    STANDARD_CATEGORY,
    category_iri,
    organisations,
)
from kgserver.importers.standards import STANDARDS
from kgserver.rdf.namespaces import FRAPO

COMMIT = "b394b9a74f2ba00a58cc20972cbe36d31188dbbc"
REPOSITORY = "https://github.com/investinopen/infra-finder"
V2 = f"{REPOSITORY}/blob/{COMMIT}/spec/data/imports/v2-valid.csv"
LEGACY = f"{REPOSITORY}/blob/{COMMIT}/spec/data/solution-import-legacy-valid.csv"
VOCABULARIES = f"{REPOSITORY}/blob/{COMMIT}/lib/frozen_record/controlled_vocabularies.yml"

# Where IOI's tables record a move of host that Infra Finder's 2024 records predate.
HOST_MOVED_SINCE = {"medRxiv"}

# The funders each service names as its top granting institutions (legacy
# `top_granting_institutions`, v2 `074_granting_institutions`), read out of the free text:
# sentences, amounts and links to supporter lists are left out, as are names of people.
TOP_FUNDERS: dict[str, tuple[str, ...]] = {
    "Érudit": (
        "Canada Foundation for Innovation",
        "Fonds de recherche du Québec – Société et culture",
        "Social Sciences and Humanities Research Council",
    ),
    "medRxiv": ("Chan Zuckerberg Initiative",),
    "bioRxiv": ("Chan Zuckerberg Initiative",),
    "OAPEN Library": ("European Commission", "Andrew W. Mellon Foundation"),
    "Janeway": ("Arcadia Fund", "Educopia Institute", "Iowa State University"),
    "Open Journal Systems (OJS)": (
        "Canada Foundation for Innovation",
        "Social Sciences and Humanities Research Council",
    ),
    "Open Preprint Systems (OPS)": (
        "Canada Foundation for Innovation",
        "Social Sciences and Humanities Research Council",
    ),
    "Open Monograph Press (OMP)": (
        "Canada Foundation for Innovation",
        "Social Sciences and Humanities Research Council",
    ),
    "2i2c": (
        "Chan Zuckerberg Initiative",
        "Climate Data Lab at Columbia University",
        "National Aeronautics and Space Administration",
    ),
    "Public Access Submission System": ("U.S. National Science Foundation",),
    "Peer Community In": ("INRAE", "FNSO", "CNRS", "COAR", "Royal Danish Library", "INSERM"),
    "DataCite": (
        "European Commission",
        "Alfred P. Sloan Foundation",
        "Deutsche Forschungsgemeinschaft",
        "Wellcome Trust",
        "Chan Zuckerberg Initiative",
    ),
    "OpenEdition": (
        "Aix-Marseille University",
        "Avignon University",
        "CNRS",
        "EHESS",
        "Ministère de l'enseignement supérieur et de la recherche",
    ),
    "PREreview": (
        "Alfred P. Sloan Foundation",
        "Chan Zuckerberg Initiative",
        "eLife",
        "Mozilla",
        "Wellcome Trust",
    ),
    "Fedora": (
        "Institute of Museum and Library Services",
        "Andrew W. Mellon Foundation",
        "Gordon and Betty Moore Foundation",
    ),
    "IIIF": ("Samuel H. Kress Foundation",),
    "OpenAlex": ("Arcadia Fund",),
    "OSF (Open Science Framework)": (
        "Arnold Ventures",
        "Flu Lab",
        "Robert Wood Johnson Foundation",
        "John Templeton Foundation",
        "Templeton Religion Trust",
        "Templeton World Charity Foundation",
        "U.S. National Science Foundation",
        "National Institutes of Health",
    ),
    "Archipelago Commons": ("New York State Education Department",),
    "Manifold": ("Andrew W. Mellon Foundation", "National Endowment for the Humanities"),
    "Dryad": ("National Institutes of Health", "U.S. National Science Foundation"),
    "Research Organization Registry": (
        "U.S. National Science Foundation",
        "Institute of Museum and Library Services",
    ),
    "Humanities Commons": (
        "U.S. National Science Foundation",
        "Andrew W. Mellon Foundation",
        "National Endowment for the Humanities",
    ),
    "PubPub": (
        "Astera Institute",
        "Aphorism Foundation",
        "Patrick J. McGovern Foundation",
        "Chan Zuckerberg Initiative",
    ),
    "Creative Commons Licenses": (
        "William and Flora Hewlett Foundation",
        "Arcadia Fund",
        "Robert Wood Johnson Foundation",
        "Filecoin Foundation",
        "Argosy Foundation",
        "MHz Foundation",
        "Google",
        "Caktus Group",
        "Samuel H. Kress Foundation",
        "Open Society Foundations",
        "Amazon Web Services",
    ),
    "InvenioRDM": ("CERN", "Northwestern University"),
    "arXiv": ("Simons Foundation",),
    "Zenodo": (
        "European Commission",
        "National Institutes of Health",
        "Arcadia Fund",
        "Alfred P. Sloan Foundation",
        "CERN",
    ),
    "CORE": ("Jisc", "European Commission"),
    "Mukurtu CMS": (
        "Institute of Museum and Library Services",
        "Andrew W. Mellon Foundation",
        "National Endowment for the Humanities",
        "U.S. National Science Foundation",
    ),
    "O Portal Brasileiro de Publicações e Dados Científicos em Acesso Aberto (The Brazilian Open"
    " Access Publications and Scientific Data Portal) (Oasisbr)": ("Finep",),
}

# Funder names as the grants lists spell them -> the names above.
FUNDER_NAMES = {
    "Chan Zuckerberg Initiative Foundation (\u0093CZIF\u0094)": "Chan Zuckerberg Initiative",
    "Samuel H Kress Foundation": "Samuel H. Kress Foundation",
    "National Science Foundation": "U.S. National Science Foundation",
}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _value(cell: str | None) -> str:
    cell = (cell or "").strip()
    return "" if cell in ("NULL", "null") else cell


def run(
    catalogue: DataFolder, folder: Path
) -> list[tuple[ImportedEntity, dict[str, str], dict[str, str]]]:
    """Add the 57 services to the catalogue; returns each with its two records."""
    legacy = {row["id"]: row for row in _read(folder / "solutions-legacy.csv")}
    imported = []
    for row in _read(folder / "solutions.csv"):
        old = legacy.get(row["identifier"], {})
        imported.append((service(catalogue, row, old), row, old))
    return imported


def service(catalogue: DataFolder, row: dict[str, str], old: dict[str, str]) -> ImportedEntity:
    name = row["001_service_name"]
    categories = [c.strip() for c in _value(row["014_solution_category"]).split("|")]
    categories = [c for c in categories if c]
    standard = bool(categories) and all(c == STANDARD_CATEGORY for c in categories)
    kind = "standard" if standard else "infrastructure"
    entity = work(catalogue, kind, name)
    entity.cite(V2, LEGACY)
    website = _value(row["010_website"])
    if website and HOMEPAGE not in entity.facts:
        entity.add(HOMEPAGE, IRI(website))
    founded = _value(old.get("year_when_service_was_founded")) or _value(row["056_launch_date"])[:4]
    if re.fullmatch(r"[0-9]{4}", founded) and OIKG + "foundingYear" not in entity.facts:
        entity.add(OIKG + "foundingYear", year(founded))
    # From here on a standard's record says what an infrastructure's does (its attributes
    # admit both, ontology/README.md); only the provider's relation differs.
    location = _value(row["013_location"])
    if re.fullmatch(r"[A-Z]{2}", location):
        entity.add(OIKG + "countryCode", Literal(location))
    for label in categories:
        iri = category_iri(label) if label else None
        if iri:
            entity.add(OIKG + "category", IRI(iri))
    repository = _value(row["019_open_code_repository_url"])
    if repository.startswith("http") and OIKG + "codeRepository" not in entity.facts:
        entity.add(OIKG + "codeRepository", IRI(repository))
    providers = _providers(catalogue, row)
    relation = HOSTED_BY if kind == "infrastructure" else PUBLISHER
    if providers and not entity.curated and name not in HOST_MOVED_SINCE:
        entity.facts[relation] = {IRI(p.iri) for p in providers}
    elif providers and relation not in entity.facts:
        entity.add(relation, *(IRI(p.iri) for p in providers))
    for funder_name in TOP_FUNDERS.get(name, ()):
        funder = catalogue.get("funder", funder_name)
        funder.cite(V2, LEGACY)
        entity.add(OIKG + "fundedBy", IRI(funder.iri))
    _implements(catalogue, entity, old)
    _grants(catalogue, entity, row)
    assess(catalogue, entity, providers, row, old, V2)
    return entity


def _providers(catalogue: DataFolder, row: dict[str, str]) -> list[ImportedEntity]:
    raw = _value(row["008_provider_name"])
    named = organisations(raw)
    # The record's ROR ID is the provider's only where the cell names one organisation.
    ror = _value(row["011_ror_id"]) if len(named) == 1 and "," not in raw else None
    if ror in NOT_THE_PROVIDERS_ROR:
        ror = None
    providers = []
    for org_name, aliases in named:
        provider = catalogue.get("organization", org_name, aliases=aliases, ror=ror)
        provider.cite(V2, LEGACY, ror)
        providers.append(provider)
    return providers


def standards(catalogue: DataFolder) -> dict[str, ImportedEntity]:
    """One standard per term of Infra Finder's standards and values vocabularies.

    Rows without vocabulary terms are kept only if a service or another source names them
    (`DataFolder.save` holds back entities without a source).
    """
    found = {}
    for standard in STANDARDS:
        entity = catalogue.get("standard", standard.label, aliases=standard.terms)
        if standard.terms:
            entity.cite(VOCABULARIES)
        found[standard.label] = entity
    return found


def _implements(catalogue: DataFolder, entity: ImportedEntity, old: dict[str, str]) -> None:
    """Standards a service names in `standards_employed` or among its integrations (a
    standard's record may name others it builds on, never itself)."""
    said = " ".join(_value(old.get(c)) for c in ("standards_employed", "what_other_tools"))
    if not said:
        return
    for standard in STANDARDS:
        names = (standard.label, *standard.terms)
        if standard.found_in(said) and catalogue.find("standard", names) is not entity:
            target = catalogue.get("standard", standard.label, aliases=standard.terms)
            target.cite(LEGACY)
            entity.add(OIKG + "implements", IRI(target.iri))


def _grants(catalogue: DataFolder, entity: ImportedEntity, row: dict[str, str]) -> None:
    """Grants a service lists with a single named funder, with amount and currency where the
    list states both (grants are public awards, not the gated financial figures)."""
    for grant in json.loads(_value(row["075_grants_list_structured"]) or "[]"):
        funder_name = (grant.get("funder") or "").strip()
        title = (grant.get("name") or "").strip()
        if not funder_name or not title or "," in funder_name:
            continue
        funder = catalogue.get("funder", FUNDER_NAMES.get(funder_name, funder_name))
        funder.cite(V2)
        years = re.findall(r"(?:19|20)[0-9]{2}", grant.get("display_date") or "")
        title = title.strip('"')
        name = re.sub(r"\s*Grant Number:.*$", "", title)
        label = f"{funder.label()} grant: {name}"
        record = catalogue.get("grant", label, slug=f"{funder.slug}-{_short(title)}")
        record.cite(V2, grant.get("award_announcement_url"))
        record.add(OIKG + "awardedBy", IRI(funder.iri))
        record.add(OIKG + "awardedTo", IRI(entity.iri))
        if years and OIKG + "awardYear" not in record.facts:
            record.add(OIKG + "awardYear", year(years[0]))
        number = re.search(r"Grant Number:\s*(\S+)", title)
        if number:
            record.add(FRAPO + "hasGrantNumber", Literal(number.group(1)))
        amount = _amount(grant.get("amount") or "")
        if amount:
            record.add(OIKG + "amount", Literal(amount[0], XSD + "decimal"))
            record.add(OIKG + "currency", Literal(amount[1]))
        activities = (grant.get("grant_activities") or "").strip()
        if activities and len(activities) <= 80:
            record.add(OIKG + "purpose", text(activities))
        entity.add(OIKG + "fundedBy", IRI(funder.iri))


def _amount(text: str) -> tuple[str, str] | None:
    """The total of a grant as listed ("$4,900,000 (Y1 …)", "£100,000"), with its currency;
    None when the currency is not stated."""
    match = re.match(r"^\s*([$£€])\s?([0-9][0-9,]*(?:\.[0-9]+)?)", text) or re.match(
        r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s?([£€$])", text
    )
    if not match:
        return None
    symbol, number = (match[1], match[2]) if match[1] in "$£€" else (match[2], match[1])
    value = number.replace(",", "")
    if "." not in value:
        value += ".00"
    return value, {"$": "USD", "£": "GBP", "€": "EUR"}[symbol]


def _short(title: str) -> str:
    return slugify(re.sub(r"Grant Number:.*$", "", title), limit=40)

"""IOI's State of Open Infrastructure reference tables -> infrastructures, hosts, funders, grants.

Reads the folder layout of `investinopen/state_of_open_funding_data_processing` as copied in
`data-sources/ioi-state-of-open/`: oi_affiliations.csv, oi_solution_categories.csv,
funder_ror_extended.csv, funder_ror_crosswalk.csv and grants_sample.csv.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from kgserver.importers.data_folder import HOSTED_BY, DataFolder
from kgserver.importers.ioi_affiliations import direct_funding_recipients, former_affiliations
from kgserver.importers.model import (
    ALT_LABEL,
    IRI,
    LABEL,
    OIKG,
    PUBLISHER,
    ImportedEntity,
    Literal,
    normalise,
    slugify,
    text,
)
from kgserver.importers.names import (
    ORGANISATIONS,
    SAME_WORK,
    STANDARD_CATEGORY,
    category_iri,
    organisations,
    work_names,
)

COMMIT = "8deaa77c612c58f7bbb2f3cca8e4da8d8ed514a8"
REPOSITORY = "https://github.com/investinopen/state_of_open_funding_data_processing"
METHODOLOGY = "https://doi.org/10.5281/zenodo.21401121"


def _file(path: str) -> str:
    return f"{REPOSITORY}/blob/{COMMIT}/{path.replace(' ', '%20')}"


AFFILIATIONS = _file("award type classifier/oi_affiliations_complete.csv")
CATEGORIES = _file("reference/oi_solution_categories.csv")
FUNDERS = _file("reference/ROR_crosswalk_extended.csv")
CROSSWALK = _file("reference/ror_crosswalk.csv")
GRANTS = _file("award type classifier/award_type_classifer_gold.csv")

FORMERLY_AFFILIATED_WITH = OIKG + "formerlyAffiliatedWith"
DIRECT_FUNDING_RECIPIENT = OIKG + "directFundingRecipient"


# Proper names for the crosswalk's lower-cased funder names that the extended table lacks.
CROSSWALK_NAMES = {
    "[austrian science fund]": "Austrian Science Fund",
    "[croatian science foundation (csf)]": "Croatian Science Foundation",
    "[danmarks frie forskningsfond]": "Danmarks Frie Forskningsfond",
    "[grantová agentura české republiky]": "Grantová agentura České republiky",
    "[innovaatiorahoituskeskus business finland]": "Business Finland",
    "[instituto de salud carlos iii]": "Instituto de Salud Carlos III",
    "[karolinska institute]": "Karolinska Institute",
    "[kone foundation]": "Kone Foundation",
    "[ministry of science education and sports of the republic of croatia (mses)]": (
        "Ministry of Science, Education and Sports of the Republic of Croatia"
    ),
    "[narodowe centrum nauki]": "Narodowe Centrum Nauki",
    "[national health and medical research council (nhmrc)]": (
        "National Health and Medical Research Council"
    ),
    "[national institute for health and care research]": (
        "National Institute for Health and Care Research"
    ),
    "[swedish environmental protection agency]": "Swedish Environmental Protection Agency",
    "[swedish heart-lung foundation]": "Swedish Heart-Lung Foundation",
    "[swedish research council for environment agricultural sciences and spatial planning]": (
        "Swedish Research Council for Environment, Agricultural Sciences and Spatial Planning"
    ),
    "[swedish research council for health working life and welfare]": (
        "Swedish Research Council for Health, Working Life and Welfare"
    ),
    "[the finnish cultural foundation]": "Finnish Cultural Foundation",
    "[the swedish energy agency]": "Swedish Energy Agency",
}

# Award identifier prefixes (the grant database each award comes from) -> the funder's ROR
# ID as the extended funder table gives it. Bare seven-digit numbers are NSF awards and
# letter-digit codes (R24AG048124, OT2DB000013) NIH ones, as the source's README says.
AWARD_FUNDERS: tuple[tuple[str, str, str], ...] = (
    (r"^360g::360G-Wellcome-", "https://ror.org/029chgv08", "Wellcome Trust"),
    (r"^wt_+::", "https://ror.org/029chgv08", "Wellcome Trust"),
    (r"^360g::360G-ArcadiaFund-", "https://ror.org/051z6e826", "Arcadia Fund"),
    (r"^neh::", "https://ror.org/02vdm1p28", "National Endowment for the Humanities"),
    (r"^imls:", "https://ror.org/030prv062", "Institute of Museum and Library Services"),
    (r"^corda_", "https://ror.org/00k4n6c32", "European Commission"),
    (r"^chanzuckerberg::", "https://ror.org/02qenvm24", "Chan Zuckerberg Initiative"),
    (r"^sloan:", "https://ror.org/052csg198", "Alfred P. Sloan Foundation"),
    (r"^mellon:", "https://ror.org/04jsh2530", "Andrew W. Mellon Foundation"),
    (r"^nih_+::", "https://ror.org/01cwqze88", "National Institutes of Health"),
    (r"^ukri_+::", "https://ror.org/001aqnf71", "UK Research and Innovation"),
    (r"^anr_+::", "https://ror.org/00rbzpz17", "Agence Nationale de la Recherche"),
    (r"^[0-9]{7}$", "https://ror.org/021nxhr62", "U.S. National Science Foundation"),
    (
        r"^[A-Z][A-Z0-9]{2}[A-Z]{2}[0-9]{6}$",
        "https://ror.org/01cwqze88",
        "National Institutes of Health",
    ),
)


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run(catalogue: DataFolder, folder: Path) -> None:
    """Add what the State of Open tables say to the catalogue."""
    import_funders(catalogue, folder)
    import_infrastructures(catalogue, folder)
    import_grants(catalogue, folder)


def import_funders(catalogue: DataFolder, folder: Path) -> None:
    for row in _read(folder, "funder_ror_extended.csv"):
        ror = row["funder_ror"] if row["funder_ror"].startswith("https://ror.org/") else None
        aliases = [a.strip() for a in row["funder_raw"].split("|")]
        funder = catalogue.get("funder", row["canonical_name"], aliases=aliases, ror=ror)
        funder.add(OIKG + "countryCode", Literal(row["country_code"]))
        funder.cite(FUNDERS, METHODOLOGY, ror)
    for row in _read(folder, "funder_ror_crosswalk.csv"):
        name = CROSSWALK_NAMES.get(row["name_normalised"])
        if name and row["ror_id"]:
            funder = catalogue.get("funder", name, ror=row["ror_id"])
            funder.cite(CROSSWALK, METHODOLOGY, row["ror_id"])


# The category table's lower-cased names that differ from the affiliation table's.
CATEGORY_TABLE_NAMES = {
    "crossref": "Crossref Metadata Retrieval",
    "directory of open access books (doab)": "Directory of Open Access Books",
    "dmptool": "DMP Tool",
    "mukurtu": "Mukurtu CMS",
    "oa report": "OA.Report",
    "premis": "PREMIS Data Dictionary for Preservation Metadata",
    "re3data": "re3data.org",
    "vufind": "VuFind®",
}


def _kind(categories: list[str]) -> str:
    """A standard when that is all the source calls it (VIVO is also a profiling system)."""
    standard = bool(categories) and all(c == STANDARD_CATEGORY for c in categories)
    return "standard" if standard else "infrastructure"


def work(catalogue: DataFolder, kind: str, raw_name: str) -> ImportedEntity:
    """The infrastructure or standard a source names, matched across sources' spellings."""
    name, aliases = work_names(raw_name)
    canonical = SAME_WORK.get(raw_name) or SAME_WORK.get(name)
    names = [canonical, *aliases] if canonical else list(aliases)
    if canonical:
        names.append(name)
        name = canonical
    return catalogue.get(kind, name, aliases=[n for n in names if n])


def import_infrastructures(catalogue: DataFolder, folder: Path) -> None:
    categories: dict[str, list[str]] = {}
    for row in _read(folder, "oi_solution_categories.csv"):
        name = CATEGORY_TABLE_NAMES.get(row["oi_normalised"].strip(), row["oi_normalised"])
        categories.setdefault(normalise(name), []).append(row["solution_category"])
    for row in _read(folder, "oi_affiliations.csv"):
        own = categories.get(normalise(row["oi_name"]), [])
        entity = work(catalogue, _kind(own), row["oi_name"])
        entity.cite(AFFILIATIONS, METHODOLOGY)
        if own:
            entity.cite(CATEGORIES)
        if entity.kind == "infrastructure":
            entity.add(OIKG + "category", *(_category(c) for c in own))
        hosts = [
            catalogue.get("organization", name, aliases=aliases)
            for name, aliases in organisations(row["current_host"])
        ]
        for host in hosts:
            host.cite(AFFILIATIONS, METHODOLOGY)
        _former_and_direct(catalogue, entity, row, hosts)
        relation = HOSTED_BY if entity.kind == "infrastructure" else PUBLISHER
        if not hosts or entity.curated and relation in entity.facts:
            continue
        if relation not in entity.facts:
            entity.add(relation, *(IRI(h.iri) for h in hosts))
            entity.flags.add("host from IOI")


def _former_and_direct(
    catalogue: DataFolder, entity: ImportedEntity, row: dict[str, str], hosts: list[ImportedEntity]
) -> None:
    """Former hosts, founders or conduits, and the organisations whose awards IOI counts as
    direct funding (ioi_affiliations.py says how the two columns are read)."""
    host_names = {normalise(h.label()) for h in hosts}
    itself = {normalise(v.value) for v in _names_of(entity)} - host_names
    former = [
        catalogue.get("organization", name, aliases=aliases)
        for name, aliases in former_affiliations(row["former_hosts_founders_conduits"])
    ]
    recipients = [
        catalogue.get("organization", name, aliases=aliases)
        for name, aliases in direct_funding_recipients(row["triggers_direct_orgs"], itself)
    ]
    for organisation in former + recipients:
        organisation.cite(AFFILIATIONS, METHODOLOGY)
    current = {h.iri for h in hosts}
    entity.add(FORMERLY_AFFILIATED_WITH, *(IRI(o.iri) for o in former if o.iri not in current))
    entity.add(DIRECT_FUNDING_RECIPIENT, *(IRI(o.iri) for o in recipients))


def _names_of(entity: ImportedEntity) -> list[Literal]:
    values = [*entity.facts.get(LABEL, ()), *entity.facts.get(ALT_LABEL, ())]
    return [v for v in values if isinstance(v, Literal)]


def _category(label: str) -> IRI | None:
    iri = category_iri(label)
    return IRI(iri) if iri else None


def funder_of(award_id: str) -> tuple[str, str] | None:
    """The (ROR ID, name) of the funder whose database an award identifier comes from."""
    for pattern, ror, name in AWARD_FUNDERS:
        if re.search(pattern, award_id.strip()):
            return ror, name
    return None


def award_url(award_id: str) -> str | None:
    """A public page for the award, where its identifier says which one."""
    if re.fullmatch(r"[0-9]{7}", award_id):
        return f"https://www.nsf.gov/awardsearch/showAward?AWD_ID={award_id}"
    return None


def import_grants(catalogue: DataFolder, folder: Path) -> None:
    """DIRECT and ADOPT awards only: an ADJACENT award only mentions the infrastructure."""
    for row in _read(folder, "grants_sample.csv"):
        award_id = row["award_id"].strip()
        if row["award_supercat"] not in ("DIRECT", "ADOPT") or not award_id:
            continue
        found = funder_of(award_id)
        if found is None:
            continue
        ror, funder_name = found
        funder = catalogue.get("funder", funder_name, ror=ror)
        works = [work(catalogue, "infrastructure", n) for n in json.loads(row["oi_name"])]
        recipient_name = _recipient(row["recipient"])
        recipients = [
            catalogue.get("organization", name, aliases=aliases)
            for name, aliases in organisations(recipient_name)
        ]
        for recipient in recipients:
            recipient.cite(GRANTS, METHODOLOGY)
        local = re.sub(r"^[^:]+(?::[^:]+)?::", "", award_id)
        grant = catalogue.get(
            "grant",
            f"{funder.label()} award {local} to {recipient_name}",
            slug=slugify(f"{funder.slug}-{local}", limit=100),
        )
        grant.cite(GRANTS, METHODOLOGY, award_url(award_id))
        grant.add("http://purl.org/cerif/frapo/hasGrantNumber", Literal(local.strip()))
        grant.add(OIKG + "awardedBy", IRI(funder.iri))
        grant.add(OIKG + "awardedTo", *(IRI(r.iri) for r in recipients))
        if row["award_supercat"] == "DIRECT":
            grant.add(OIKG + "awardedTo", *(IRI(w.iri) for w in works))
        if row["grant_title"].strip():
            grant.add(OIKG + "purpose", text(row["grant_title"]))
        grant.add(
            OIKG + "purpose",
            text(
                f"{row['award_supercat'].lower()}: {row['award_cat'].lower()}"
                if row["award_supercat"] == "DIRECT"
                else "adoption"
            ),
        )
        for target in works:
            if target.kind == "infrastructure":
                target.add(OIKG + "fundedBy", IRI(funder.iri))
                target.cite(GRANTS)


def _recipient(raw: str) -> str:
    """A recipient as named, without the brackets and capitals of OpenAIRE's export."""
    name = raw.strip()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1].split(",")[0]
        if name.isupper() and name not in ORGANISATIONS:
            name = name.title()
    return name

"""SComCaT (COAR's Scholarly Communication Technology DataFolder) -> infrastructures, standards.

Reads `technologies.csv` (one row per technology, `|` between values). Rows in editorial state
`draft` are left out (the catalogue marks their facts as unchecked). SComCaT's data is CC BY
4.0: every entity that takes a fact from it carries `dcterms:license` CC BY 4.0 beside the
citation, as the catalogue's licence asks.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from kgserver.importers.data_folder import DataFolder
from kgserver.importers.ioi_state_of_open import work
from kgserver.importers.model import CC_BY_4, IRI, LICENSE, OIKG, ImportedEntity
from kgserver.importers.names import category_iri
from kgserver.importers.vocabularies import concept

COMMIT = "1d65d7a6990f45cad0c1c73d24a709b80e1c76ac"
CATALOGUE = f"https://github.com/antleaf/SComCaT/tree/{COMMIT}"
SITE = "https://scomcat.coar-repositories.org"

# SComCaT's functions -> our categories, where one plainly names the other; the other
# functions have concepts of their own, with SComCaT's name as altLabel (ontology/categories.ttl).
FUNCTION_CATEGORIES = {
    "Discovery": "Discovery system",
    "Annotation": "Annotations system",
    "Authoring / Editing": "Authoring tool",
    "Format Conversion": "Format conversion tool or service",
    "Preservation": "Preservation system",
    "Review": "Peer review system",
    "Submission Management": "Submissions system",
    "Dissemination": "Publishing system",
    "Readers' tools": "Media viewer/player",
}

# SComCaT's business forms and maintenance statuses -> Infra Finder's terms for the same.
BUSINESS_FORMS = {
    "Fiscal Sponsorship (Non-profit Organisation)": "Fiscal sponsorship (non-profit)",
    "Fiscal Sponsorship (Academic Institution)": "Fiscal sponsorship (academic institution)",
    "Commercial Vendor": "Commercial (for-profit)",
    "Volunteer Community": "Volunteer community",
    "Individual Maintainer": "Individual maintainer",
    "Non-profit Organisation": "Non-profit organization",
}

# Licence pages -> their SPDX licence identifiers (https://spdx.org/licenses/).
LICENCES = (
    (r"opensource\.org/licenses/MIT", "MIT"),
    (r"apache\.org/licenses/LICENSE-2\.0", "Apache-2.0"),
    (r"gnu\.org/licenses/gpl-3\.0", "GPL-3.0"),
    (r"gnu\.org/licenses/old-licenses/gpl-2\.0", "GPL-2.0"),
    (r"gnu\.org/licenses/agpl-3\.0|opensource\.org/licenses/AGPL-3\.0", "AGPL-3.0"),
    (r"opensource\.org/licenses/BSD-3-Clause", "BSD-3-Clause"),
    (r"opensource\.org/licenses/BSD-2-Clause", "BSD-2-Clause"),
    (r"opensource\.org/licenses/ISC", "ISC"),
    (r"opensource\.org/licenses/ECL-2\.0", "ECL-2.0"),
    (r"mozilla\.org/en-US/MPL/2\.0", "MPL-2.0"),
)

_CODE_HOSTS = re.compile(
    r"^https?://(www\.)?(github\.com|gitlab\.|bitbucket\.org|sourceforge\.net)"
)


def _values(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _status_and_form(entity: ImportedEntity, row: dict[str, str]) -> None:
    status = concept("maintenance-status", row["status"])
    if status:
        entity.add(OIKG + "maintenanceStatus", IRI(status))
    form = concept("business-form", BUSINESS_FORMS.get(row["business_form"], ""))
    if form:
        entity.add(OIKG + "businessForm", IRI(form))
    for pattern, spdx in LICENCES:
        if re.search(pattern, row["licensing"]):
            entity.add(OIKG + "codeLicence", IRI(f"https://spdx.org/licenses/{spdx}"))


def function_category(function: str) -> str | None:
    """The concept of our category scheme for one of SComCaT's functions."""
    return category_iri(FUNCTION_CATEGORIES.get(function, function))


def _category(function: str) -> IRI | None:
    iri = function_category(function)
    return IRI(iri) if iri else None


def run(catalogue: DataFolder, path: Path) -> None:
    """Add the published SComCaT technologies to the catalogue."""
    file = path / "technologies.csv" if path.is_dir() else path
    with file.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["editorial_state"] == "published"]
    shared_urls = Counter(r["url"] for r in rows if r["url"])
    by_slug = {}
    for row in rows:
        kind = "standard" if "Standard" in _values(row["categories"]) else "infrastructure"
        entity = work(catalogue, kind, row["name"])
        by_slug[row["slug"]] = entity
        url = row["url"].strip() or None
        if url and shared_urls[url] == 1 and "homepage" not in row.get("skip", ""):
            if not any(k.endswith("homepage") for k in entity.facts):
                entity.add("http://xmlns.com/foaf/0.1/homepage", IRI(url))
        entity.cite(CATALOGUE, url)
        entity.add(LICENSE, IRI(CC_BY_4))
        if kind == "infrastructure":
            for function in _values(row["functions"]):
                entity.add(OIKG + "category", _category(function))
            _status_and_form(entity, row)
            code = row["codebase"].strip()
            if _CODE_HOSTS.match(code) and OIKG + "codeRepository" not in entity.facts:
                entity.add(OIKG + "codeRepository", IRI(code.rstrip("/")))
    for row in rows:
        source = by_slug[row["slug"]]
        for slug in _values(row["depends_on"]):
            target = by_slug.get(slug)
            if target is not None and source.kind == target.kind == "infrastructure":
                source.add(OIKG + "dependsOn", IRI(target.iri))

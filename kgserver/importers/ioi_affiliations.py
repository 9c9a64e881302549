"""IOI's affiliation columns beyond the current host, read into organisation names.

`oi_affiliations.csv` has two more columns about organisations (see the notebook
`04_grant_categorisation_classifier_inference.ipynb` of IOI's repository, which uses them):

- `triggers_direct_orgs`: organisations separated by `;` (the notebook splits the cell so) whose
  awards that involve the infrastructure IOI counts as DIRECT funding of it: its current and
  former hosts, founders and fiscal conduits. Each becomes `oikg:directFundingRecipient`.
- `former_hosts_founders_conduits`: free text for the curators (dates, arrows, a person's name,
  notes such as "UNVERIFIED - confirm" or "NOT direct"), which IOI does not split by role. Each
  cell is read by hand below into the organisations it names as having hosted, founded,
  developed or passed money to the infrastructure in the past; each becomes
  `oikg:formerlyAffiliatedWith`. Left out: the current host, present-day partners and
  steering members, funders of the early work, and what the cell marks unverified or not direct.

Names go through the shared crosswalk (`names.organisations`), as the host column's do.
"""

from __future__ import annotations

import re

from kgserver.importers.model import normalise
from kgserver.importers.names import ORGANISATIONS, organisations

Organisation = tuple[str, tuple[str, ...]]

# Each non-empty `former_hosts_founders_conduits` cell -> the organisations it names in a past
# role (tests/importers/test_ioi_affiliations.py checks that every cell of the source is read here).
FORMER_AFFILIATIONS: dict[str, tuple[str, ...]] = {
    # Archivists' Toolkit and Archon are the predecessor projects, not organisations.
    "Current: Lyrasis. Founding institutions (Archivists' Toolkit/Archon)": (),
    "CSHL (former host, to 2025); -> openRxiv": ("Cold Spring Harbor Laboratory",),
    "By Webrecorder; Webrecorder project was hosted at Rhizome before becoming independent": (
        "Webrecorder",
        "Rhizome",
    ),
    "NESCent (founding host); California Digital Library/UC (in-kind partner 2018-2023)": (
        "NESCent",
        "California Digital Library",
        "University of California",
    ),
    "MIT + HP (created 2002); DSpace Foundation (2007); DuraSpace (2009-2019) -> Lyrasis": (
        "MIT",
        "Hewlett-Packard (HP)",
        "DSpace Foundation",
        "DuraSpace",
    ),
    "Launched by DuraSpace (2011); DuraSpace (2011-2019) -> Lyrasis": ("DuraSpace",),
    # Mellon and Moore funded the early work; they were not hosts.
    "Cornell U + U of Virginia (founding, 1997-2001, Mellon); Fedora Commons (2007,"
    " Moore-funded); DuraSpace (2009-2019) -> Lyrasis": (
        "Cornell University",
        "University of Virginia",
        "Fedora Commons",
        "DuraSpace",
    ),
    # A development partner, which the cell itself says does not count as direct.
    "PALNI/PALCI (dev partner, NOT direct - gold=ADOPT)": (),
    "IGSN e.V. merged into DataCite (2021)": ("IGSN e.V.",),
    "University of Prince Edward Island": ("University of Prince Edward Island",),
    # NISO, which standardised it, is the current host.
    "Derived from NLM Journal Archiving DTD (National Library of Medicine); standardised by NISO": (
        "National Library of Medicine",
    ),
    "Originally developed by EDINA, University of Edinburgh; -> ISSN International Centre": (
        "EDINA / University of Edinburgh",
    ),
    "MLA (host/fiscal sponsor 2016-2020); Columbia (CORE repo) -> MSU": (
        "Modern Language Association",
        "Columbia University",
    ),
    "CSHL (former host, to 2025); Yale SoM, BMJ (founding partners); -> openRxiv": (
        "Cold Spring Harbor Laboratory",
        "Yale School of Medicine",
        "BMJ",
    ),
    # Stanford, CDL, Pittsburgh and OCUL are named as present research lead and partners.
    "Founded 1998 at UBC (J. Willinsky); operational home now SFU Library; research led from"
    " Stanford; partners incl. CDL, U Pittsburgh, OCUL": ("University of British Columbia",),
    "PKP project - same lineage as OJS: UBC founding -> SFU (current) + Stanford": (
        "University of British Columbia",
    ),
    "SHERPA services originated at University of Nottingham; moved to Jisc": (
        "University of Nottingham",
    ),
    "Was CC Search (Creative Commons, 2019); moved to WordPress Foundation 2021": (
        "Creative Commons",
    ),
    "PKP - UBC founding -> SFU": ("University of British Columbia",),
    "Developed by Johns Hopkins University; now Eclipse Foundation": ("Johns Hopkins University",),
    # Says who steers it now, not a former role.
    "Launched 2019; steered by Crossref, DataCite, California Digital Library, Digital Science": (),
    "Originated at RRCHNM, George Mason University; -> CDS": (
        "RRCHNM",
        "George Mason University",
    ),
    "Originated at Cornell U (NIH-funded); DuraSpace steward (to 2019) -> Lyrasis": (
        "Cornell University",
        "DuraSpace",
    ),
    # IOI marks it as unconfirmed.
    "Northwestern Univ (US fiscal conduit? UNVERIFIED - confirm)": (),
}


class UnreadCell(ValueError):
    """A `former_hosts_founders_conduits` cell that FORMER_AFFILIATIONS does not read yet."""


def former_affiliations(cell: str) -> list[Organisation]:
    """The organisations a `former_hosts_founders_conduits` cell names in a past role."""
    cell = " ".join(cell.split())
    if not cell:
        return []
    if cell not in FORMER_AFFILIATIONS:
        raise UnreadCell(f"read this former_hosts_founders_conduits cell by hand: {cell!r}")
    return [o for name in FORMER_AFFILIATIONS[cell] for o in organisations(name)]


def direct_funding_recipients(cell: str, itself: set[str]) -> list[Organisation]:
    """The organisations a `triggers_direct_orgs` cell names, leaving out names in `itself`
    (normalised): those that stand for the infrastructure, not an organisation ("DOAJ")."""
    cell = " ".join(cell.split())
    if cell in ORGANISATIONS:
        return organisations(cell)
    found = []
    for part in cell.split(";"):
        # A full stop ends the cell's last name; "e.V." and "s.r.o." keep theirs.
        part = re.sub(r"(?<=[a-z]{2})\.$", "", part.strip())
        for name, aliases in organisations(part):
            if normalise(name) not in itself:
                found.append((name, aliases))
    return found

"""Importers: re-runnable conversions of public source data into the catalogue's data files.

`run` reads the sources into one `DataFolder` (seeded with what `data/` holds, so curated
files win), adds the identifier table (`identifiers.py`) and saves one file per entity;
`kgserver import` is its command line.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from kgserver.importers import identifiers, infra_finder, ioi_state_of_open, scomcat
from kgserver.importers.data_folder import DataFolder, SaveReport
from kgserver.importers.identifiers import IdentifierReport

Importer = Callable[[DataFolder, Path], object]

# In the order they run: IOI's funders and hosts first, so that Infra Finder's providers
# (the services' own word) replace IOI's hosts and SComCaT's 2022 facts only fill gaps.
SOURCES: dict[str, Importer] = {
    "ioi-state-of-open": ioi_state_of_open.run,
    "infra-finder": infra_finder.run,
    "scomcat": scomcat.run,
}


def run(
    paths: dict[str, Path],
    data_dir: Path,
    today: datetime.date | None = None,
    identifier_table: Path | None = None,
) -> tuple[DataFolder, SaveReport, IdentifierReport]:
    """Import the sources in `paths` (source name -> folder) into `data_dir`, then the
    identifiers of `identifier_table` (raises `IdentifierTableError`, writing nothing).

    With every source, generated files are rebuilt from scratch (and those no source
    produces any more are removed); with some, their facts are added to what is there.
    """
    everything = set(paths) == set(SOURCES)
    catalogue = DataFolder.from_data(data_dir, keep_generated=not everything)
    if paths:  # the standards named by Infra Finder's vocabularies, a source like the others
        infra_finder.standards(catalogue)
    for name, importer in SOURCES.items():
        if name in paths:
            importer(catalogue, paths[name])
    report = SaveReport()
    catalogue.hold_back(report)  # what is held back cannot take an identifier
    found = IdentifierReport()
    if identifier_table is not None:
        found = identifiers.apply(catalogue, identifiers.read_table(identifier_table))
    found.github_derived = identifiers.derive_github_organizations(catalogue)
    report = catalogue.save(
        data_dir,
        generated_from=", ".join(sorted(paths)) or None,
        today=today or datetime.date.today(),
        remove_stale=everything,
        report=report,
    )
    return catalogue, report, found

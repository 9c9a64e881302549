"""The change log behind the change feed: which entities were created, updated or deleted, when.

The graph has no edit history, only versions (a content hash of the loaded files). So changes
are derived, not recorded by editors: each dataset version leaves a snapshot of one digest per
entity (a hash of its own statements); when the server first sees a new version it compares the
new digests with the last snapshot and appends a `Create`, `Update` or `Delete` for each entity
that appeared, changed or vanished, stamped with the time the new version was loaded. The first
snapshot ever taken is a baseline: a `Create` for every entity, at its `dcterms:modified` date.
The log is a JSON file next to the persistent store, so it survives restarts; a server without
one (the in-memory default) can only offer the baseline.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kgserver.catalogue.entities import Catalogue
from kgserver.rdf import iris
from kgserver.rdf.datetimes import as_xsd_datetime, now

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Change:
    """One activity of the feed: `kind` is the Activity Streams type (Create, Update, Delete)."""

    kind: str
    iri: str
    at: str
    version: str
    types: tuple[str, ...] = ()


@dataclass
class ChangeLog:
    """Every change seen so far, oldest first, and the digests of the last version seen."""

    changes: list[Change]
    version: str
    digests: dict[str, dict[str, Any]]

    def latest(self) -> dict[str, str]:
        """The time of each live entity's latest Create or Update (the sitemap's `lastmod`)."""
        times: dict[str, str] = {}
        for change in self.changes:
            if change.kind == "Delete":
                times.pop(change.iri, None)
            else:
                times[change.iri] = change.at
        return times


def changes_path(store_dir: Path | None) -> Path | None:
    """Where the log lives: next to the persistent store; nowhere for an in-memory one."""
    if store_dir is None:
        return None
    return store_dir.parent / f"{store_dir.name}.changes.json"


def _digests(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    return {
        iri: {"digest": catalogue.digest(entity), "types": sorted(entity.types)}
        for iri, entity in catalogue.entities.items()
    }


def baseline(catalogue: Catalogue) -> ChangeLog:
    """The first snapshot: every entity created, at its own modification date."""
    loaded = as_xsd_datetime(catalogue.modified, now())
    changes = [
        Change(
            "Create",
            iri,
            min(as_xsd_datetime(entity.modified, loaded), loaded) if entity.modified else loaded,
            catalogue.version,
            tuple(sorted(entity.types)),
        )
        for iri, entity in catalogue.entities.items()
    ]
    changes.sort(key=lambda c: (c.at, c.iri))
    return ChangeLog(changes, catalogue.version, _digests(catalogue))


def advance(log: ChangeLog, catalogue: Catalogue) -> ChangeLog:
    """The log after the server sees `catalogue`'s version: the differences appended."""
    if log.version == catalogue.version:
        return log
    at = max(as_xsd_datetime(catalogue.modified, now()), log.changes[-1].at if log.changes else "")
    digests = _digests(catalogue)
    added: list[Change] = []
    for iri, current in sorted(digests.items()):
        before = log.digests.get(iri)
        types = tuple(current["types"])
        if before is None:
            added.append(Change("Create", iri, at, catalogue.version, types))
        elif before["digest"] != current["digest"]:
            added.append(Change("Update", iri, at, catalogue.version, types))
    for iri, before in sorted(log.digests.items()):
        # A log written before fragment IRIs were told apart may list them: they were never
        # entities, so they are not deleted ones either.
        if iri not in digests and iris.is_entity(iri):
            types = tuple(before["types"])
            added.append(Change("Delete", iri, at, catalogue.version, types))
    return ChangeLog(log.changes + added, catalogue.version, digests)


def read_log(path: Path | None) -> ChangeLog | None:
    """The persisted log, or None if there is none yet (or it is unreadable: start afresh)."""
    if path is None or not path.is_file():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != FORMAT_VERSION:
            return None
        changes = [Change(**{**c, "types": tuple(c["types"])}) for c in document["changes"]]
        return ChangeLog(changes, document["version"], document["digests"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_log(path: Path, log: ChangeLog) -> None:
    """Persist the log atomically (write a sibling file, then rename it over the old one)."""
    document = {
        "format": FORMAT_VERSION,
        "version": log.version,
        "changes": [asdict(c) for c in log.changes],
        "digests": log.digests,
    }
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(document, indent=0, sort_keys=True), encoding="utf-8")
    os.replace(partial, path)


def update_log(path: Path | None, catalogue: Catalogue, log: ChangeLog | None) -> ChangeLog:
    """The log for `catalogue`'s version, advanced from memory or disk and persisted if new."""
    previous = log or read_log(path)
    current = baseline(catalogue) if previous is None else advance(previous, catalogue)
    if path is not None and current is not previous:
        try:
            write_log(path, current)
        except OSError:
            pass  # a read-only disk costs the feed its memory across restarts, not its answers
    return current

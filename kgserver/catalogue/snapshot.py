"""One dataset version as people and harvesters see it: the catalogue, its search index and the
change log, built together in one pass and kept per version (`kgserver/store/per_version.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Store

from kgserver.catalogue.changes import ChangeLog, update_log
from kgserver.catalogue.entities import Catalogue, build_catalogue
from kgserver.catalogue.search import SearchIndex


@dataclass(frozen=True)
class Snapshot:
    """The catalogue of one dataset version, its search index and the change log up to it."""

    catalogue: Catalogue
    changes: ChangeLog
    index: SearchIndex

    @property
    def version(self) -> str:
        return self.catalogue.version


def build_snapshot(store: Store, log_path: Path | None, previous: Snapshot | None) -> Snapshot:
    """Read the store's current version; the change log advances from `previous` (or disk).

    Runs in one thread (store iterators are thread-bound); the log is written by it alone.
    """
    catalogue = build_catalogue(store)
    log = update_log(log_path, catalogue, previous.changes if previous else None)
    return Snapshot(catalogue, log, SearchIndex(catalogue))

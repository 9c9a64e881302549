"""What the pages and harvesting routes read: the catalogue and change log of the live version.

Both are computed once per dataset version, in a worker thread, and kept on the app's context;
a request only checks the version recorded in the store (one indexed lookup) to know whether
they are still current.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from kgserver import store as stores
from kgserver.catalogue import Catalogue, build_catalogue
from kgserver.changes import ChangeLog, changes_path, update_log
from kgserver.context import AppContext


@dataclass(frozen=True)
class Snapshot:
    """One dataset version as the site shows it."""

    catalogue: Catalogue
    changes: ChangeLog

    @property
    def version(self) -> str:
        return self.catalogue.version


def live_version(context: AppContext) -> str:
    return stores.dataset_version(context.store) or "unversioned"


async def current(context: AppContext) -> Snapshot:
    """The snapshot of the store's current version, rebuilt when the version has changed."""
    snapshot: Snapshot | None = context.derived.get("snapshot")
    if snapshot is not None and snapshot.version == live_version(context):
        return snapshot
    lock = context.derived.setdefault("snapshot_lock", threading.Lock())

    def rebuild() -> Snapshot:
        # One rebuild at a time: concurrent first requests wait for it instead of repeating it
        # (and the change log is written by one thread only).
        with lock:
            known: Snapshot | None = context.derived.get("snapshot")
            if known is not None and known.version == live_version(context):
                return known
            catalogue = build_catalogue(context.store)
            previous_log = known.changes if known else None
            log = update_log(changes_path(context.settings), catalogue, previous_log)
            fresh = Snapshot(catalogue, log)
            context.derived["snapshot"] = fresh
            return fresh

    return await context.run_in_worker(rebuild)

"""Opening an Oxigraph store: in memory, or persistent in a folder, with errors users can act on."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store

from kgserver.errors import StoreError


def open_store(path: Path | None) -> Store:
    """An in-memory store, or the persistent one in `path` (created if missing)."""
    if path is None:
        return Store()
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a directory; --store takes a folder for the Oxigraph store")
    try:
        return Store(str(path))
    except OSError as error:
        reason = str(error)
        if "lock" in reason.lower():
            reason = "another process (a running `kgserver serve`?) has it open"
        raise StoreError(f"{path}: cannot open the store: {reason}") from error


def is_empty(store: Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None)), None) is None

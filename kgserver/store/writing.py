"""Writing to the store: the bundle into an empty store, or quads added to a built one.

Both record a new dataset version and recompute the inferred graph. Neither validates: what
may be written is decided above, in `kgserver/curation/loading.py`, before these are called.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import Quad, Store

from kgserver.errors import StoreError
from kgserver.store.bundle import Dataset, content_version
from kgserver.store.opening import is_empty
from kgserver.store.reasoning import materialise
from kgserver.store.version import UNVERSIONED, dataset_version, record_version, version_quads


def write_bundle(store: Store, dataset: Dataset) -> None:
    """Load the bundle into an empty store, with its version and what reasoning adds."""
    if not is_empty(store):
        raise StoreError("the store is not empty; build the bundled graph into an empty store")
    store.extend(dataset.quads + version_quads(dataset.version))
    dataset.inference = materialise(store)


def add_quads(store: Store, quads: Sequence[Quad], files: Sequence[tuple[str, bytes]]) -> None:
    """Add `quads` (read from `files`: names and contents), then version and reason anew.

    The new version hashes the files on top of the previous version, so loading the same
    files into the same store gives the same version on any machine.
    """
    previous = dataset_version(store)
    store.extend(quads)
    record_version(store, content_version(files, "" if previous == UNVERSIONED else previous))
    materialise(store)

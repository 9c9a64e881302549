"""Built stores kept between starts: the bundle is read, validated and reasoned over once.

A build from the bundle is written into a persistent Oxigraph store under
`<cache_dir>/stores/<key>/`, where the key hashes every bundled file and the code that turns
them into a store (this package, `kgserver/rdf/`, `kgserver/curation/`, pyoxigraph's version). A
later start with the same key opens that store read-only instead of building again
(docs/operators.md, "Starting fast"). Opened read-only, one built store serves any number of
servers and their query workers at once; nothing ever writes into it after the build.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from pyoxigraph import Store

from kgserver.rdf.files import rdf_files
from kgserver.store.bundle import content_version
from kgserver.store.opening import open_store

COMPLETE = "kgserver-build-complete"
"""The file written into a built store's folder once it is whole: without it, it is not used."""

KEEP = 3
"""Built stores kept in the cache: the newest; older ones are removed after a build."""

_CODE_DIRS = ("store", "rdf", "curation")
"""The packages whose code decides what a build writes: reading, validating, reasoning."""

_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuiltStore:
    """A built store opened read-only, the folder it lives in, and whether this start built it."""

    store: Store
    path: Path
    built: bool
    seconds: float


def bundle_key(bundle_dir: Path) -> str:
    """What a build from `bundle_dir` depends on, hashed: its files and the code that reads them."""
    inputs = [
        (path.relative_to(bundle_dir).as_posix(), path.read_bytes())
        for folder in ("ontology", "shapes", "data")
        for path in rdf_files(bundle_dir / folder)
    ]
    code = [
        (f"kgserver/{path.relative_to(_PACKAGE).as_posix()}", path.read_bytes())
        for folder in _CODE_DIRS
        for path in sorted((_PACKAGE / folder).rglob("*.py"))
    ]
    code.append(("pyoxigraph", pyoxigraph.__version__.encode()))
    return content_version(inputs + code)


def built_store(cache_dir: Path, key: str, build: Callable[[Store], object]) -> BuiltStore:
    """The store built for `key`, opened read-only: from the cache, or built by `build` now.

    `build` fills an empty persistent store (and raises to refuse the bundle: nothing is then
    kept). Two servers building the same key at once both succeed; the first one's is kept.
    """
    stores = cache_dir / "stores"
    target = stores / key
    started = time.perf_counter()
    if (target / COMPLETE).is_file():
        opened = _open_read_only(target)
        if opened is not None:
            return BuiltStore(opened, target, False, time.perf_counter() - started)
        shutil.rmtree(target, ignore_errors=True)  # unreadable: built again below
    stores.mkdir(parents=True, exist_ok=True)
    building = stores / f".building-{key}-{os.getpid()}-{threading.get_ident()}"
    shutil.rmtree(building, ignore_errors=True)
    try:
        store = open_store(building)
        build(store)
        store.flush()
        del store  # closes it: the folder is complete on disk
        (building / COMPLETE).write_text(key + "\n", encoding="utf-8")
        try:
            building.rename(target)
        except OSError:  # another server built the same key meanwhile: keep theirs
            if not (target / COMPLETE).is_file():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    _prune(stores, keep=target)
    opened = _open_read_only(target)
    if opened is None:
        raise OSError(f"{target}: the store just built cannot be opened")
    return BuiltStore(opened, target, True, time.perf_counter() - started)


def _open_read_only(path: Path) -> Store | None:
    try:
        return Store.read_only(str(path))
    except OSError:
        return None


def _prune(stores: Path, keep: Path) -> None:
    """Remove all but the `KEEP` newest built stores (never `keep`, never one being built)."""
    built = sorted(
        (p for p in stores.iterdir() if (p / COMPLETE).is_file() and p != keep),
        key=lambda p: (p / COMPLETE).stat().st_mtime,
        reverse=True,
    )
    for old in built[KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)

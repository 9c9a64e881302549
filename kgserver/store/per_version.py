"""The one cache of what is derived from the store: values kept per dataset version.

Pages, entity descriptions, dumps and the catalogue are functions of the data, so each is
computed once per dataset version (`kgserver/store/version.py`) and looked up by it: a value of
another version is never answered, and a new version's value replaces the old ones.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class PerVersion(Generic[T]):
    """Values of one kind, each computed once per (dataset version, key), at most `size` kept.

    Concurrent requests for a missing value wait for one computation instead of repeating it.
    Storing a value of a new version drops every value of other versions; within a version
    the least recently used value goes first once `size` are kept.
    """

    def __init__(self, size: int = 1) -> None:
        self.size = size
        self._values: OrderedDict[tuple[str, Hashable], T] = OrderedDict()
        self._computing: dict[tuple[str, Hashable], threading.Lock] = {}
        self._guard = threading.Lock()
        self._version = ""
        """The version of every value kept."""

    def __len__(self) -> int:
        return len(self._values)

    def peek(self, version: str, key: Hashable = ()) -> T | None:
        """The value of `version` and `key` if it is computed already (cheap: no waiting)."""
        with self._guard:
            found = self._values.get((version, key))
            if found is not None:
                self._values.move_to_end((version, key))
            return found

    def latest(self, key: Hashable = ()) -> T | None:
        """The most recent value for `key` of any version (what a new version derives from)."""
        with self._guard:
            for (_, stored_key), value in reversed(self._values.items()):
                if stored_key == key:
                    return value
        return None

    def put(self, version: str, key: Hashable, value: T) -> None:
        """Keep `value` for `version` and `key` (computed elsewhere, e.g. by a worker process)."""
        with self._guard:
            self._store(version, key, value)

    def _store(self, version: str, key: Hashable, value: T) -> None:
        if version != self._version:  # a new version: what was kept is stale
            self._values.clear()
            self._version = version
        self._values[(version, key)] = value
        self._values.move_to_end((version, key))
        while len(self._values) > self.size:
            self._values.popitem(last=False)

    def get(self, version: str, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of `version` and `key`, computed by `compute` if it is not kept yet.

        Blocking: call it in a worker thread when `compute` reads the store.
        """
        slot = (version, key)
        found = self.peek(version, key)
        if found is not None:
            return found
        with self._guard:
            lock = self._computing.setdefault(slot, threading.Lock())
        with lock:
            found = self.peek(version, key)
            if found is not None:
                return found
            value = compute()
            with self._guard:
                self._store(version, key, value)
                self._computing.pop(slot, None)
            return value

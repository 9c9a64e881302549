"""Tests for kgserver.store.per_version."""

from __future__ import annotations

import threading

from pyoxigraph import Store

from kgserver.store.per_version import PerVersion
from kgserver.store.version import dataset_version


def test_a_value_is_computed_once_per_version_and_key() -> None:
    cache: PerVersion[list[str]] = PerVersion(size=4)
    calls: list[str] = []

    def compute() -> list[str]:
        calls.append("computed")
        return ["page"]

    first = cache.get("v1", "home", compute)
    assert cache.get("v1", "home", compute) is first
    assert calls == ["computed"]
    assert cache.peek("v1", "home") is first
    assert cache.peek("v1", "other") is None
    assert cache.peek("v2", "home") is None


def test_a_new_versions_value_drops_every_other_version() -> None:
    cache: PerVersion[str] = PerVersion(size=4)
    cache.put("v1", "a", "a1")
    cache.put("v1", "b", "b1")
    assert len(cache) == 2
    cache.put("v2", "a", "a2")
    assert len(cache) == 1
    assert cache.peek("v1", "b") is None
    assert cache.peek("v2", "a") == "a2"


def test_within_a_version_the_least_recently_used_value_goes_first() -> None:
    cache: PerVersion[str] = PerVersion(size=2)
    cache.put("v1", "a", "A")
    cache.put("v1", "b", "B")
    assert cache.peek("v1", "a") == "A"  # a is now the more recently used
    cache.put("v1", "c", "C")
    assert cache.peek("v1", "b") is None
    assert (cache.peek("v1", "a"), cache.peek("v1", "c")) == ("A", "C")


def test_latest_answers_the_most_recent_value_for_a_key_of_any_version() -> None:
    cache: PerVersion[str] = PerVersion(size=3)
    assert cache.latest("a") is None
    cache.put("v1", "a", "old")
    cache.put("v1", "b", "other")
    assert cache.latest("a") == "old"
    cache.put("v2", "a", "new")
    assert cache.latest("a") == "new"
    assert cache.latest("b") is None


def test_concurrent_requests_for_a_missing_value_share_one_computation() -> None:
    cache: PerVersion[object] = PerVersion()
    started = threading.Event()
    release = threading.Event()
    calls: list[int] = []

    def compute() -> object:
        calls.append(1)
        started.set()
        release.wait(30)
        return object()

    results: list[object] = []
    first = threading.Thread(target=lambda: results.append(cache.get("v1", (), compute)))
    first.start()
    assert started.wait(30)
    others = [
        threading.Thread(target=lambda: results.append(cache.get("v1", (), compute)))
        for _ in range(4)
    ]
    for thread in others:
        thread.start()
    release.set()
    for thread in [first, *others]:
        thread.join(30)
    assert calls == [1]
    assert len(results) == 5 and all(r is results[0] for r in results)


def test_the_built_stores_version_keys_what_is_derived_from_it(store: Store) -> None:
    cache: PerVersion[int] = PerVersion()
    version = dataset_version(store)
    size = cache.get(version, "quads", lambda: len(store))
    assert size == len(store) > 0
    assert cache.peek(version, "quads") == size

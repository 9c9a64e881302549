"""Built stores kept between starts (kgserver/store/built_stores.py): keyed, reused, never half."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kgserver.store.built_stores import COMPLETE, KEEP, built_store, bundle_key

SUBJECT = NamedNode("https://w3id.org/oikg/id/infrastructure/example")
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def small_bundle(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "shapes").mkdir()
    (root / "data" / "example.ttl").write_text(f'<{SUBJECT.value}> <{LABEL.value}> "Example" .\n')
    (root / "shapes" / "shapes.ttl").write_text("")
    return root


class Builder:
    """A build that writes one labelled quad and counts how often it ran."""

    def __init__(self, label: str = "Example") -> None:
        self.label = label
        self.runs = 0

    def __call__(self, store: Store) -> None:
        self.runs += 1
        store.add(Quad(SUBJECT, LABEL, Literal(self.label)))


def labels(store: Store) -> list[str]:
    return [q.object.value for q in store.quads_for_pattern(SUBJECT, LABEL, None)]


def test_the_key_follows_the_bundled_files_and_nothing_else(tmp_path: Path) -> None:
    bundle = small_bundle(tmp_path / "bundle")
    key = bundle_key(bundle)
    assert key == bundle_key(bundle) and key.startswith("sha256-")
    (bundle / "data" / "README.md").write_text("not RDF: not part of the build")
    assert bundle_key(bundle) == key
    (bundle / "data" / "example.ttl").write_text(f'<{SUBJECT.value}> <{LABEL.value}> "Changed" .\n')
    changed = bundle_key(bundle)
    assert changed != key
    (bundle / "data" / "example.ttl").rename(bundle / "data" / "renamed.ttl")
    assert bundle_key(bundle) not in (key, changed)


def test_the_key_of_the_real_bundle_is_stable() -> None:
    from kgserver.settings import BUNDLE_DIR

    assert bundle_key(BUNDLE_DIR) == bundle_key(BUNDLE_DIR)


def test_a_second_start_opens_what_the_first_built_without_building(tmp_path: Path) -> None:
    build = Builder()
    first = built_store(tmp_path, "sha256-one", build)
    assert first.built and build.runs == 1 and labels(first.store) == ["Example"]
    assert (first.path / COMPLETE).is_file()
    second = built_store(tmp_path, "sha256-one", build)
    assert not second.built and build.runs == 1
    assert second.path == first.path and labels(second.store) == ["Example"]


def test_a_kept_store_is_opened_read_only(tmp_path: Path) -> None:
    kept = built_store(tmp_path, "sha256-one", Builder())
    with pytest.raises(RuntimeError, match="read-write"):
        kept.store.add(Quad(SUBJECT, LABEL, Literal("written after the build")))
    assert labels(built_store(tmp_path, "sha256-one", Builder()).store) == ["Example"]


def test_a_refused_build_keeps_nothing_and_the_next_start_builds_again(tmp_path: Path) -> None:
    def refuse(store: Store) -> None:
        store.add(Quad(SUBJECT, LABEL, Literal("half")))
        raise ValueError("the bundle does not validate")

    with pytest.raises(ValueError, match="does not validate"):
        built_store(tmp_path, "sha256-one", refuse)
    assert list((tmp_path / "stores").iterdir()) == []
    build = Builder()
    assert built_store(tmp_path, "sha256-one", build).built and build.runs == 1


def test_a_folder_without_its_completion_mark_is_built_again(tmp_path: Path) -> None:
    (tmp_path / "stores" / "sha256-one").mkdir(parents=True)  # a build that was cut short
    build = Builder()
    kept = built_store(tmp_path, "sha256-one", build)
    assert kept.built and build.runs == 1 and labels(kept.store) == ["Example"]


def test_only_the_newest_builds_are_kept(tmp_path: Path) -> None:
    for n in range(KEEP + 2):
        built_store(tmp_path, f"sha256-{n}", Builder(str(n)))
    kept = sorted(p.name for p in (tmp_path / "stores").iterdir())
    assert kept == [f"sha256-{n}" for n in range(2, KEEP + 2)]


def test_two_builds_of_one_key_at_once_both_answer_and_one_is_kept(tmp_path: Path) -> None:
    inner: list[object] = []

    def build_while_another_builds(store: Store) -> None:
        other = threading.Thread(
            target=lambda: inner.append(built_store(tmp_path, "sha256-one", Builder("theirs")))
        )
        other.start()
        other.join()
        store.add(Quad(SUBJECT, LABEL, Literal("ours")))

    outer = built_store(tmp_path, "sha256-one", build_while_another_builds)
    assert labels(outer.store) == ["theirs"]  # the first to finish is the one kept
    assert [p.name for p in (tmp_path / "stores").iterdir()] == ["sha256-one"]

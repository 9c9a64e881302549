"""Canonical Turtle for one entity, read back to the same entity."""

from __future__ import annotations

from pathlib import Path

import rdflib

from kgserver.importers.data_folder import DataFolder, SaveReport
from kgserver.importers.turtle import GENERATED, generated_by, is_generated, read_entity, render
from kgserver.settings import BUNDLE_DIR


def test_every_imported_entity_reads_back_as_it_was_rendered(
    imported: tuple[DataFolder, SaveReport], tmp_path: Path
) -> None:
    for entity in imported[0].entities.values():
        path = tmp_path / f"{entity.slug}.ttl"
        path.write_text(render(entity, "scomcat"), encoding="utf-8")
        back = read_entity(path, entity.kind, entity.slug)
        assert back.facts == entity.facts, entity.iri
        assert rdflib.Graph().parse(path, format="turtle")  # plain Turtle for any parser


def test_rendering_is_deterministic_and_marks_generated_files(
    imported: tuple[DataFolder, SaveReport], tmp_path: Path
) -> None:
    entity = next(iter(imported[0].entities.values()))
    assert render(entity, "infra-finder, scomcat") == render(entity, "infra-finder, scomcat")
    path = tmp_path / "x.ttl"
    path.write_text(render(entity, "infra-finder, scomcat"), encoding="utf-8")
    assert is_generated(path) and generated_by(path) == "infra-finder, scomcat"
    assert render(entity).startswith("@prefix") and GENERATED not in render(entity)


def test_a_curated_file_is_not_generated() -> None:
    curated = BUNDLE_DIR / "data" / "infrastructure" / "dspace.ttl"
    assert not is_generated(curated) and generated_by(curated) is None
    assert read_entity(curated, "infrastructure", "dspace").curated

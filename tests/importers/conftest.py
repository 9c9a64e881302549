"""The importers' shared material: the real source rows of tests/data/, a data folder holding a
few curated files, and one import of every source, run once."""

from __future__ import annotations

import csv
import datetime
import shutil
from pathlib import Path

import pytest

from kgserver.importers import SOURCES, run
from kgserver.importers.data_folder import DataFolder, SaveReport
from kgserver.settings import BUNDLE_DIR

FIXTURES = Path(__file__).parents[1] / "data" / "importers"
"""A few real rows of each source, in the folder layout `kgserver import all` reads."""
SOURCE_TABLES = Path(__file__).parents[1] / "data"
"""Whole tables of the sources, for checks that every value is read."""
CURATED = ("infrastructure/dspace.ttl", "organization/lyrasis.ttl", "infrastructure/arxiv.ttl")
DAY = datetime.date(2026, 11, 25)


def rows(*path: str) -> list[dict[str, str]]:
    with SOURCE_TABLES.joinpath(*path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def curated_folder(target: Path) -> Path:
    """`target` holding a few hand-curated files, as the bundle's data/ does."""
    for name in CURATED:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BUNDLE_DIR / "data" / name, target / name)
    return target


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding a few hand-curated files, as the bundle does."""
    return curated_folder(tmp_path / "data")


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataFolder, SaveReport]:
    """Every source's fixture rows imported once into a data folder of its own."""
    target = curated_folder(tmp_path_factory.mktemp("imported") / "data")
    catalogue, report, _ = run({name: FIXTURES / name for name in SOURCES}, target, DAY)
    return catalogue, report

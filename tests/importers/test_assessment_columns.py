"""The column tables of Infra Finder's assessment: every column is the export's, every term
the ontology's."""

from __future__ import annotations

import csv
from pathlib import Path

from kgserver.importers.assessment_columns import CONTROLLED, LEGACY_TEXT, PRACTICES
from kgserver.importers.vocabularies import has_scheme, pref_label
from kgserver.rdf import iris
from kgserver.settings import BUNDLE_DIR

FIXTURES = Path(__file__).parents[1] / "data" / "importers" / "infra-finder"
ONTOLOGY = sorted((BUNDLE_DIR / "ontology").glob("*.ttl"))


def header(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return set(next(csv.reader(handle)))


def test_every_column_named_is_in_the_v2_export() -> None:
    columns = header(FIXTURES / "solutions.csv")
    named = {c for p in PRACTICES for c in p[:3]}
    named |= {c for column, other, *_ in CONTROLLED for c in (column, other) if c}
    assert named - columns == set()
    assert set(LEGACY_TEXT) <= columns
    assert set(LEGACY_TEXT.values()) <= header(FIXTURES / "solutions-legacy.csv")


def test_every_practice_is_a_concept_and_every_scheme_exists() -> None:
    assert all(pref_label(f"{iris.ENTITY_BASE}practice/{p[3]}") for p in PRACTICES)
    assert [scheme for *_, scheme, _ in CONTROLLED if not has_scheme(scheme)] == []


def test_every_property_is_the_ontologys() -> None:
    ontology = "".join(path.read_text(encoding="utf-8") for path in ONTOLOGY)
    assert [prop for _, _, prop, *_ in CONTROLLED if f"oikg:{prop}\n" not in ontology] == []

"""Names made from IRIs, and text folded for sorting and matching."""

from __future__ import annotations

from kgserver.catalogue.labels import KNOWN_LABELS, LABEL_PROPERTIES, fold, local_name
from kgserver.rdf.namespaces import OIKG, RDF_TYPE, RDFS


def test_local_name_is_the_last_segment_split_into_words() -> None:
    assert local_name(OIKG + "foundingYear") == "founding year"
    assert (
        local_name("https://w3id.org/oikg/id/category/repository_service") == "repository service"
    )
    assert local_name("https://example.org/things/") == "things"


def test_fold_lowers_and_strips_accents() -> None:
    assert fold("Zürich") == "zurich"
    assert fold("ÉCOLE Straße") == "ecole strasse"


def test_rdf_type_and_rdfs_label_are_named_for_people() -> None:
    assert KNOWN_LABELS[RDF_TYPE] == "type"
    assert RDFS + "label" in LABEL_PROPERTIES

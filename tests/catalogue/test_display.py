"""The display values pages are made of: plain frozen records, a blank node carrying its rows."""

from __future__ import annotations

import dataclasses

import pytest

from kgserver.catalogue.display import Row, Value


def test_a_value_is_a_literal_without_link_unless_told() -> None:
    value = Value("Zenodo")
    assert (value.kind, value.href, value.note, value.rows) == ("literal", "", "", ())


def test_a_node_value_carries_its_own_rows_and_compares_by_content() -> None:
    inner = Row("https://schema.org/name", "name", (Value("A"),))
    node = Value("", kind="node", rows=(inner,))
    assert node.rows[0].values[0].text == "A"
    assert node == Value(
        "", kind="node", rows=(Row("https://schema.org/name", "name", (Value("A"),)),)
    )
    assert hash(node) == hash(Value("", kind="node", rows=(inner,)))


def test_values_and_rows_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Value("x").text = "y"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Row("p", "label", ()).label = "other"  # type: ignore[misc]

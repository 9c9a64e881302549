"""A statement's object as a person sees it: the display values that entity pages
(`kgserver/linked_data/entity_page.py`) and the comparison table (`compare.py`) are made of."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Value:
    """One object of a statement as a person sees it; a blank node carries its own rows."""

    text: str
    kind: str = "literal"  # entity, link, literal or node
    href: str = ""
    note: str = ""
    rows: tuple[Row, ...] = ()


@dataclass(frozen=True)
class Row:
    """A property and its values, labelled for people."""

    predicate: str
    label: str
    values: tuple[Value, ...]

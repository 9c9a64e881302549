"""IOI's affiliation columns read into organisation names."""

from __future__ import annotations

import pytest

from kgserver.importers.ioi_affiliations import (
    UnreadCell,
    direct_funding_recipients,
    former_affiliations,
)
from kgserver.importers.model import normalise
from tests.importers.conftest import rows


def test_every_former_hosts_cell_is_read_and_flagged_ones_name_nobody() -> None:
    cells = [
        r["former_hosts_founders_conduits"]
        for r in rows("ioi-state-of-open", "oi_affiliations.csv")
    ]
    read = {cell: former_affiliations(cell) for cell in cells if cell.strip()}
    assert len(read) > 20
    for cell, found in read.items():
        if "UNVERIFIED" in cell or "NOT direct" in cell:
            assert found == [], cell


def test_an_empty_cell_names_nobody() -> None:
    assert former_affiliations("") == [] and direct_funding_recipients("", set()) == []


def test_a_direct_funding_cell_leaves_out_the_infrastructure_itself() -> None:
    for row in rows("importers", "ioi-state-of-open", "oi_affiliations.csv"):
        cell = row["triggers_direct_orgs"]
        if cell.strip():
            try:
                found = direct_funding_recipients(cell, {normalise(row["oi_name"])})
            except UnreadCell:
                pytest.fail(f"unread: {cell}")
            assert normalise(row["oi_name"]) not in [normalise(name) for name, _ in found]

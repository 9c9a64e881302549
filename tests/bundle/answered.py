"""Which stored queries have their answer asserted: each answer test is marked with the query it
checks, and tests/bundle/test_stored_query_coverage.py fails for a query without one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi.testclient import TestClient

Test = TypeVar("Test", bound=Callable[..., Any])
ANSWERED: set[str] = set()
"""The names of the queries some test checks the answer of."""


def answers(*names: str) -> Callable[[Test], Test]:
    """Mark a test as the one that checks the answer of the stored queries `names`."""

    def mark(test: Test) -> Test:
        ANSWERED.update(names)
        return test

    return mark


def run(client: TestClient, name: str, **params: str) -> list[dict[str, Any]]:
    """The JSON rows of GET /api/queries/{name} with `params` (numbers as numbers)."""
    response = client.get(
        f"/api/queries/{name}", params=params, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


def column(rows: list[dict[str, Any]], *names: str) -> list[tuple[Any, ...]]:
    """The values of `names` in each row, in order ("" where a row leaves one unbound)."""
    return [tuple(row.get(name, "") for name in names) for row in rows]

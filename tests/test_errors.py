"""The error tree (kgserver/errors.py): each failure kind with its status and headers."""

from __future__ import annotations

import pytest

from kgserver import errors
from kgserver.errors import (
    ContributionTimeout,
    ContributionTooLarge,
    InputError,
    KGError,
    MethodNotAllowed,
    QueryTimeout,
    ServerBusy,
    TooManyRequests,
)


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("BadRequest", 400),
        ("BadQuery", 400),
        ("NotFound", 404),
        ("NotAcceptable", 406),
        ("PayloadTooLarge", 413),
        ("UnsupportedMediaType", 415),
        ("InvalidParameter", 422),
        ("QueryCrashed", 500),
    ],
)
def test_each_kind_carries_its_status_and_message(kind: str, status: int) -> None:
    error = getattr(errors, kind)("what went wrong")
    assert isinstance(error, KGError)
    assert (error.status, error.message, str(error), error.headers) == (
        status,
        "what went wrong",
        "what went wrong",
        {},
    )


def test_a_timeout_says_how_long_and_in_a_header() -> None:
    error = QueryTimeout(2.5)
    assert error.status == 503
    assert "2.5 s" in error.message
    assert error.headers == {QueryTimeout.header: "2.5"}


@pytest.mark.parametrize("kind", [TooManyRequests, ServerBusy])
def test_retry_after_is_whole_seconds_at_least_one(kind: type[TooManyRequests]) -> None:
    assert kind("slow down", 0.2).headers == {"Retry-After": "1"}
    assert kind("slow down", 7.6).headers == {"Retry-After": "8"}


def test_method_not_allowed_names_the_allowed_methods() -> None:
    error = MethodNotAllowed("GET, HEAD")
    assert error.status == 405
    assert error.headers.get("Allow") == "GET, HEAD"


def test_contribution_failures_are_kinds_of_the_general_ones() -> None:
    assert ContributionTooLarge("big").status == 413
    assert ContributionTimeout("slow", 3).status == 503


def test_an_input_error_reads_as_a_compiler_message() -> None:
    error = InputError("data/x.ttl", "unexpected end", 3, 14)
    assert str(error) == "data/x.ttl:3:14: unexpected end"
    assert (error.file, error.line, error.column, error.message) == (
        "data/x.ttl",
        3,
        14,
        "unexpected end",
    )

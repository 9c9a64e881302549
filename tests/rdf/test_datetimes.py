"""Tests for kgserver.rdf.datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from kgserver.rdf.datetimes import as_xsd_datetime, now, utc_moment, xsd_datetime


def test_utc_moment_reads_z_offsets_and_naive_times_as_utc() -> None:
    expected = datetime(2026, 12, 4, 21, 0, tzinfo=UTC)
    assert utc_moment("2026-12-04T21:00:00Z") == expected
    assert utc_moment("2026-12-04T21:00:00") == expected
    assert utc_moment("2026-12-04T22:00:00+01:00") == expected
    assert utc_moment("2026-12-04T22:00:00+01:00").tzinfo is UTC  # type: ignore[union-attr]


def test_utc_moment_answers_none_for_text_that_is_not_a_datetime() -> None:
    assert utc_moment("yesterday") is None
    assert utc_moment("") is None


def test_xsd_datetime_drops_microseconds_and_writes_utc_with_z() -> None:
    plus_two = timezone(timedelta(hours=2))
    moment = datetime(2026, 12, 4, 23, 0, 5, 987654, tzinfo=plus_two)
    assert xsd_datetime(moment) == "2026-12-04T21:00:05Z"


def test_as_xsd_datetime_widens_a_date_to_midnight_utc_and_falls_back_on_junk() -> None:
    assert as_xsd_datetime("2025-03-01", "fallback") == "2025-03-01T00:00:00Z"
    assert as_xsd_datetime("2025-03-01T12:30:00-02:00", "fallback") == "2025-03-01T14:30:00Z"
    assert as_xsd_datetime("not a date", "fallback") == "fallback"


def test_now_is_a_round_trippable_xsd_datetime_close_to_the_clock() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    stamp = now()
    after = datetime.now(UTC)
    assert stamp.endswith("Z")
    parsed = utc_moment(stamp)
    assert parsed is not None
    assert before <= parsed <= after
    assert xsd_datetime(parsed) == stamp

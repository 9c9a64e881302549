"""xsd:dateTime values as the graph records them: UTC, whole seconds, a trailing `Z`."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_moment(iso: str) -> datetime | None:
    """An xsd:dateTime (a trailing Z allowed, no zone read as UTC) in UTC, or None."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def xsd_datetime(moment: datetime) -> str:
    """`2026-12-04T21:00:00Z`."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def now() -> str:
    """The current time as an xsd:dateTime."""
    return xsd_datetime(datetime.now(UTC))


def as_xsd_datetime(value: str, fallback: str) -> str:
    """An xsd:date or xsd:dateTime as an xsd:dateTime in UTC; `fallback` if it is neither."""
    if len(value) == 10:
        value += "T00:00:00Z"
    parsed = utc_moment(value)
    return xsd_datetime(parsed) if parsed is not None else fallback

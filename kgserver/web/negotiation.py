"""Content negotiation (RFC 9110 §12.5.1): Accept parsing and choosing among offered formats.

The formats themselves are the one table in `kgserver/rdf/formats.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kgserver.errors import NotAcceptable
from kgserver.rdf.formats import ALL_FORMATS, FORMAT_PARAMETERS, Format, by_name


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """How precisely this range names `media_type`: 2 exact, 1 type/*, 0 */*, -1 no match."""
        main, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type == main and self.subtype == "*":
            return 1
        if self.type == main and self.subtype == sub:
            return 2
        return -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; a missing or empty one accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            if media == "*":
                media = "*/*"
            else:
                continue
        main, _, sub = media.partition("/")
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(main.strip(), sub.strip(), q))
    return ranges


def quality(ranges: Sequence[MediaRange], fmt: Format) -> float:
    """The q-value the client gives `fmt`: that of the most specific range matching it."""
    best_specificity, best_q = -1, 0.0
    for media_type in fmt.media_types:
        for media_range in ranges:
            s = media_range.specificity(media_type)
            if s > best_specificity or (s == best_specificity and media_range.q > best_q):
                best_specificity, best_q = s, media_range.q
    return best_q if best_specificity >= 0 else 0.0


def negotiate(
    accept: str | None, offered: Sequence[Format], override: str | Sequence[str] | None = None
) -> Format:
    """Choose the format to answer with: the one `override` (the `?format=` values) names, else
    the best for Accept; ties go to the server's order in `offered`."""
    chosen = named(override, offered)
    if chosen is not None:
        return chosen
    ranges = parse_accept(accept)
    best: Format | None = None
    best_q = 0.0
    for fmt in offered:
        q = quality(ranges, fmt)
        if q > best_q:
            best, best_q = fmt, q
    if best is None:
        raise NotAcceptable(
            f"none of the formats in Accept: {accept} is offered here; offered: "
            + ", ".join(f.media_type for f in offered)
        )
    return best


def named(override: str | Sequence[str] | None, offered: Sequence[Format]) -> Format | None:
    """The offered format that the first of the `?format=` values we know names.

    Clients send several (SPARQLWrapper: `format=tsv&format=text/tab-separated-values`, and
    media-type lists with commas). A value naming a format of the table that is not offered
    here is refused (406: `format=csv` for a graph); values we do not know at all are left to
    Accept, as other endpoints do, so that a client's guess does not fail its request."""
    values = [override] if isinstance(override, str) else list(override or ())
    names = [
        piece.split(";", 1)[0].strip()
        for value in values
        for piece in value.split(",")
        if piece.strip()
    ]
    for name in names:
        fmt = by_name(name, offered)
        if fmt is not None:
            return fmt
    known = [name for name in names if by_name(name, ALL_FORMATS) is not None]
    if known:
        raise NotAcceptable(
            f"format {known[0]!r} is not offered here; choose one of "
            + ", ".join(f.name for f in offered)
        )
    return None


def format_values(params: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The values of the query-string parameters that choose a format, in order."""
    return tuple(value for name, value in params if name in FORMAT_PARAMETERS)

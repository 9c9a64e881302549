"""The catalogue's entities as importers build them: one description per IRI, with its sources."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kgserver.rdf import iris
from kgserver.rdf.namespaces import (  # noqa: F401 (the importers' modules take them from here)
    DCTERMS,
    FOAF,
    OIKG,
    OWL,
    PROV,
    RDF,
    RDF_TYPE,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
)

TYPE = RDF_TYPE
LABEL = RDFS + "label"
ALT_LABEL = SKOS + "altLabel"
SOURCE = DCTERMS + "source"
MODIFIED = DCTERMS + "modified"
DESCRIPTION = DCTERMS + "description"
LICENSE = DCTERMS + "license"
HOMEPAGE = FOAF + "homepage"
PUBLISHER = DCTERMS + "publisher"

CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"

KIND_CLASS = {
    "infrastructure": OIKG + "Infrastructure",
    "organization": OIKG + "Organization",
    "funder": OIKG + "Funder",
    "standard": OIKG + "Standard",
    "grant": OIKG + "Grant",
}
CLASS_KIND = {v: k for k, v in KIND_CLASS.items()}


@dataclass(frozen=True, order=True)
class IRI:
    value: str


@dataclass(frozen=True, order=True)
class Literal:
    value: str
    datatype: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Node:
    """A node described within its entity's file (a practice with its status and evidence):
    anonymous, or with a fragment IRI `<entity>#<fragment>` so that it keeps its identity
    across stores."""

    statements: tuple[tuple[str, Term], ...]
    fragment: str | None = None

    def __post_init__(self) -> None:
        # The statements are a set: one order, so that a node read back from its file equals
        # the node an importer built (and an unchanged file keeps its bytes and its date).
        ordered = tuple(sorted(self.statements, key=lambda s: (s[0], repr(s[1]))))
        object.__setattr__(self, "statements", ordered)

    def __lt__(self, other: object) -> bool:
        return repr(self) < repr(other)


Term = IRI | Literal | Node

_WEB_IRI = re.compile(r"(https?|urn|mailto):[^\s<>\"{}|\\^`]+")


def text(value: str, language: str = "en") -> Literal:
    """A language-tagged string, as every name and description in the graph is."""
    return Literal(" ".join(value.split()), language=language)


def year(value: int | str) -> Literal:
    return Literal(str(int(value)), XSD + "gYear")


def entity_iri(kind: str, slug: str) -> str:
    return f"{iris.ENTITY_BASE}{kind}/{slug}"


@dataclass
class ImportedEntity:
    """Everything the catalogue says about one thing: its kind, slug, facts and sources."""

    kind: str
    slug: str
    facts: dict[str, set[Term]] = field(default_factory=dict)
    curated: bool = False  # described by a hand-curated file that importers never rewrite
    flags: set[str] = field(default_factory=set)  # importers' notes to each other, not saved

    @property
    def iri(self) -> str:
        return entity_iri(self.kind, self.slug)

    def add(self, predicate: str, *values: Term | None) -> None:
        """Add values; an IRI that is not a well-formed web address is dropped, not guessed at."""
        for value in values:
            if isinstance(value, IRI) and not _WEB_IRI.fullmatch(value.value):
                continue
            if value is not None:
                self.facts.setdefault(predicate, set()).add(value)

    def cite(self, *urls: str | None) -> None:
        self.add(SOURCE, *(IRI(u) for u in urls if u))

    def first(self, predicate: str) -> Term | None:
        values = sorted(self.facts.get(predicate, ()))
        return values[0] if values else None

    def label(self) -> str:
        value = self.first(LABEL)
        return value.value if isinstance(value, Literal) else self.slug


def slugify(name: str, limit: int = 60) -> str:
    """The slug rule for every IRI we mint: ASCII, lower case, words joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.replace("&", " and ").replace("®", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def normalise(name: str) -> str:
    """A name reduced for matching: no accents, case, punctuation, leading article or ®."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    ascii_name = ascii_name.replace("&", " and ")
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def homepage_key(url: str) -> str:
    """A homepage reduced for matching: no scheme, `www.`, query or trailing slash."""
    url = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return url.split("#")[0].rstrip("/")


_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def ror_is_valid(ror: str) -> bool:
    """A ROR ID's last two digits are the ISO 7064 Mod 97-10 checksum of its base-32 number."""
    match = re.fullmatch(r"(?:https://ror\.org/)?0([0-9a-hj-km-np-tv-z]{6})([0-9]{2})", ror)
    if not match:
        return False
    number = 0
    for char in match.group(1):
        number = number * 32 + _CROCKFORD.index(char)
    return 98 - (number * 100) % 97 == int(match.group(2))

"""Parameters of stored queries: declared in a query's header, typed, validated, and bound as
RDF terms — never pasted into the query as text, so a value cannot change what the query does.

A header line declares one: `# param: funder: iri = https://w3id.org/oikg/id/funder/x -- what
it is`. The value of each parameter becomes one RDF term (made and escaped by pyoxigraph), put
into a `VALUES` block at the start of the query's top-level `WHERE` group. So a parameter is a
variable of that group: a query that aggregates and uses it in HAVING or SELECT after GROUP BY
groups by it too (`GROUP BY ?infrastructure ?at_least`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from kgserver.errors import InvalidParameter
from kgserver.query.screening import top_level_where
from kgserver.rdf import iris
from kgserver.rdf.namespaces import XSD

Term = NamedNode | Literal
MAX_STRING = 1000
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_DECLARATION = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>[a-z]+)"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s+(?P<description>.*))?$"
)


def _iri(value: str) -> Term:
    if "://" not in value and not value.startswith("urn:"):
        value = iris.ENTITY_BASE + value.lstrip("/")
    try:
        return NamedNode(value)
    except ValueError as error:
        raise ValueError(f"an absolute IRI, or a path under {iris.ENTITY_BASE} ({error})") from None


def _string(value: str) -> Term:
    if len(value) > MAX_STRING:
        raise ValueError(f"a string of at most {MAX_STRING} characters")
    return Literal(value)


def _integer(value: str) -> Term:
    if not re.fullmatch(r"[+-]?\d{1,18}", value.strip()):
        raise ValueError("a whole number, such as 10")
    return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))


def _year(value: str) -> Term:
    if not re.fullmatch(r"\d{4}", value.strip()):
        raise ValueError("a year of four digits, such as 2015")
    return Literal(value.strip(), datatype=NamedNode(XSD + "gYear"))


def _language(value: str) -> Term:
    if not _LANGUAGE.match(value):
        raise ValueError("a language tag (BCP 47), such as en or pt-BR")
    return Literal(value.lower())


TYPES: dict[str, tuple[Callable[[str], Term], str]] = {
    "iri": (_iri, "an IRI, or a path under https://w3id.org/oikg/id/"),
    "string": (_string, "text"),
    "integer": (_integer, "a whole number"),
    "year": (_year, "a year (xsd:gYear)"),
    "language": (_language, "a language tag"),
}
"""Each parameter type: how a value becomes an RDF term, and what it expects, in words."""


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a stored query."""

    name: str
    type: str
    default: str | None = None
    description: str = ""

    @property
    def expects(self) -> str:
        return TYPES[self.type][1]

    def term(self, value: str) -> Term:
        """The RDF term `value` stands for; InvalidParameter (422) if it is not one."""
        try:
            return TYPES[self.type][0](value)
        except ValueError as error:
            raise InvalidParameter(
                f"parameter {self.name!r} ({self.type}) expects {error}; got {value[:80]!r}"
            ) from None


def parse_declaration(text: str) -> Parameter:
    """`funder: iri = https://… -- description` as a Parameter; ValueError if malformed."""
    match = _DECLARATION.match(text.strip())
    if match is None:
        raise ValueError(f"a parameter is declared as `name: type [= default] [-- text]`: {text}")
    kind = match.group("type")
    if kind not in TYPES:
        raise ValueError(f"parameter type {kind!r} is not one of {', '.join(TYPES)}")
    parameter = Parameter(
        match.group("name"), kind, match.group("default"), match.group("description") or ""
    )
    if parameter.default is not None:
        try:
            parameter.term(parameter.default)
        except InvalidParameter as error:
            raise ValueError(f"the default of {text}: {error.message}") from None
    return parameter


def bind(text: str, terms: Mapping[str, Term]) -> str:
    """The query with `VALUES ?name { term }` for each parameter, first in its WHERE group."""
    if not terms:
        return text
    where = top_level_where(text)
    if where is None:
        raise ValueError("a query with parameters needs a top-level WHERE { … } group")
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in terms.items())
    return f"{text[:where]} {block} {text[where:]}"

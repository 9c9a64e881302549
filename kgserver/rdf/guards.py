"""What is refused before a parser sees it: input built to exhaust or escape the parser.

pyoxigraph's RDF/XML parser expands the entities a document declares in its DOCTYPE, so ten
nested entities of ten references each (the "billion laughs") make one 1 KB file allocate
gigabytes; its JSON-LD parser recurses per level of nesting and needs memory quadratic in it
(4,000 nested objects crash the process). So every XML input that declares a DOCTYPE or an
entity is refused, and JSON-LD is refused past `MAX_JSON_NESTING` levels, with the position
of the offending text, before parsing. Remote JSON-LD contexts are never loaded: pyoxigraph
has no document loader set and refuses them (`remote_context_refused` words its message).
"""

from __future__ import annotations

import re

from kgserver.errors import InputError
from kgserver.rdf.formats import JSON_LD, RDF_XML, Format

MAX_JSON_NESTING = 100
"""Deepest nesting of JSON objects and arrays accepted in JSON-LD (curated data needs < 10)."""

_XML_DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# A JSON string (skipped whole, with its escapes), or a bracket that opens or closes a level.
_JSON_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_OPENING = frozenset(b"[{")
_NO_LOADER = "LoadDocumentCallback"


def guard(name: str, data: bytes, fmt: Format) -> None:
    """Refuse `data` (InputError, with line and column) if parsing it as `fmt` is unsafe."""
    if fmt is RDF_XML:
        refuse_xml_declarations(name, data)
    elif fmt is JSON_LD:
        refuse_deep_json(name, data)


def refuse_xml_declarations(name: str, data: bytes) -> None:
    """Refuse a DOCTYPE or ENTITY declaration anywhere in an XML document.

    RDF/XML needs neither: entities only abbreviate IRIs, which can be written in full. The
    parser reads UTF-8 only, so a byte search sees every declaration it would act on.
    """
    match = _XML_DECLARATIONS.search(data)
    if match is None:
        return
    line, column = position(data, match.start())
    declared = match.group(1).decode("ascii").upper()
    raise InputError(
        name,
        f"XML {declared} declarations are not accepted (they can expand into gigabytes or"
        " read files): remove the DOCTYPE and write IRIs in full, or send Turtle",
        line,
        column,
    )


def refuse_deep_json(name: str, data: bytes, limit: int = MAX_JSON_NESTING) -> None:
    """Refuse JSON nested deeper than `limit` objects and arrays."""
    depth = 0
    for token in _JSON_TOKENS.finditer(data):
        char = data[token.start()]
        if char == 0x22:  # a string: its brackets do not count
            continue
        if char in _OPENING:
            depth += 1
            if depth > limit:
                line, column = position(data, token.start())
                raise InputError(
                    name,
                    f"the JSON-LD is nested more than {limit} levels deep; flatten it"
                    " (describe nodes side by side in @graph, linked by @id)",
                    line,
                    column,
                )
        else:
            depth -= 1


def remote_context_refused(message: str) -> str | None:
    """A curator's message for pyoxigraph's refusal to load a remote JSON-LD context, or None
    if `message` is another error."""
    if _NO_LOADER not in message:
        return None
    return (
        "remote JSON-LD contexts are not loaded (the server fetches nothing from the network"
        ' or from files): put the context inline as an object, e.g. "@context": {"oikg":'
        ' "https://w3id.org/oikg/ontology#"}'
    )


def position(data: bytes, offset: int) -> tuple[int, int]:
    """The line and column (both from 1, the column in characters) of byte `offset`."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column

"""SELECT and ASK results as plain JSON rows: `[{"name": "Zenodo", "founded": 2013}, …]`.

For clients that want values, not RDF terms: IRIs and literals become their lexical value,
numbers and booleans become JSON numbers and booleans, unbound variables are left out.
"""

from __future__ import annotations

import json
from typing import Any

from kgserver.rdf.namespaces import XSD

_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger")}
_NUMBERS = {XSD + t for t in ("decimal", "double", "float")}


def _value(term: dict[str, str]) -> Any:
    value, datatype = term["value"], term.get("datatype", "")
    try:
        if datatype in _INTEGERS:
            return int(value)
        if datatype in _NUMBERS:
            return float(value)
    except ValueError:
        return value
    if datatype == XSD + "boolean":
        return value in ("true", "1")
    return value


def rows_json(sparql_json: bytes) -> bytes:
    """SPARQL JSON results as JSON rows; an ASK result as `{"boolean": …}`."""
    document = json.loads(sparql_json)
    if "boolean" in document:
        return json.dumps({"boolean": bool(document["boolean"])}).encode()
    rows = [
        {name: _value(term) for name, term in binding.items()}
        for binding in document["results"]["bindings"]
    ]
    return json.dumps(rows, ensure_ascii=False).encode("utf-8")

"""SELECT and ASK results as a table for the HTML result page, IRIs linked to this server."""

from __future__ import annotations

import json
from dataclasses import dataclass

from kgserver.rdf.urls import Urls


@dataclass(frozen=True)
class ResultTable:
    """SELECT or ASK results as rows of display cells."""

    variables: list[str]
    rows: list[list[dict[str, str]]]
    total: int
    boolean: bool | None = None
    cut: bool = False
    """The row cap cut the result: there are more than `total` rows."""

    @property
    def truncated(self) -> bool:
        return self.cut or self.total > len(self.rows)


def result_table(sparql_json: bytes, max_rows: int, urls: Urls, cut: bool = False) -> ResultTable:
    """Turn SPARQL JSON results into a table; at most `max_rows` rows are kept. `cut`: the
    row cap cut the result before it came here."""
    document = json.loads(sparql_json)
    if "boolean" in document:
        return ResultTable(variables=[], rows=[], total=0, boolean=bool(document["boolean"]))
    variables = document["head"].get("vars", [])
    bindings = document["results"]["bindings"]
    rows = [[_cell(binding.get(v), urls) for v in variables] for binding in bindings[:max_rows]]
    return ResultTable(variables=variables, rows=rows, total=len(bindings), cut=cut)


def _cell(term: dict[str, str] | None, urls: Urls) -> dict[str, str]:
    if term is None:
        return {"kind": "unbound", "text": ""}
    if term["type"] == "uri":
        return {"kind": "iri", "text": term["value"], "href": urls.href(term["value"])}
    if term["type"] == "bnode":
        return {"kind": "bnode", "text": "_:" + term["value"]}
    note = "@" + term["xml:lang"] if term.get("xml:lang") else ""
    if not note and term.get("datatype"):
        note = "^^" + term["datatype"].rsplit("#", 1)[-1]
    return {"kind": "literal", "text": term["value"], "note": note}

"""HTML for people: the Jinja2 environment and the view models behind each page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from kgserver.urls import local_href


def template_environment() -> Environment:
    """Templates from kgserver/templates, every value escaped."""
    return Environment(
        loader=PackageLoader("kgserver", "templates"),
        autoescape=select_autoescape(("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True)
class ExampleQuery:
    """A named query from queries/*.rq: its header comments give the title and description."""

    name: str
    title: str
    description: str
    text: str


def example_queries(folder: Path) -> list[ExampleQuery]:
    """The example queries in `folder`, by file name."""
    examples = []
    for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        header = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            key, _, value = line.lstrip("# ").partition(":")
            header[key.strip().lower()] = value.strip()
        examples.append(
            ExampleQuery(
                name=path.stem,
                title=header.get("title", path.stem.replace("-", " ")),
                description=header.get("description", ""),
                text=text,
            )
        )
    return examples


@dataclass(frozen=True)
class ResultTable:
    """SELECT or ASK results as rows of display cells."""

    variables: list[str]
    rows: list[list[dict[str, str]]]
    total: int
    boolean: bool | None = None

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


def result_table(sparql_json: bytes, max_rows: int, root: str) -> ResultTable:
    """Turn SPARQL JSON results into a table; at most `max_rows` rows are kept."""
    document = json.loads(sparql_json)
    if "boolean" in document:
        return ResultTable(variables=[], rows=[], total=0, boolean=bool(document["boolean"]))
    variables = document["head"].get("vars", [])
    bindings = document["results"]["bindings"]
    rows = [[_cell(binding.get(v), root) for v in variables] for binding in bindings[:max_rows]]
    return ResultTable(variables=variables, rows=rows, total=len(bindings))


def _cell(term: dict[str, str] | None, root: str) -> dict[str, str]:
    if term is None:
        return {"kind": "unbound", "text": ""}
    if term["type"] == "uri":
        return {"kind": "iri", "text": term["value"], "href": local_href(term["value"], root)}
    if term["type"] == "bnode":
        return {"kind": "bnode", "text": "_:" + term["value"]}
    note = "@" + term["xml:lang"] if term.get("xml:lang") else ""
    if not note and term.get("datatype"):
        note = "^^" + term["datatype"].rsplit("#", 1)[-1]
    return {"kind": "literal", "text": term["value"], "note": note}

"""The named queries of `queries/`: each file's header comments give its title, description,
the question it answers and for whom, and its typed parameters. The query editor lists them,
`/api/queries` serves them as a REST API, `kgserver query --name` runs them, and the tests run
every one.

A header is the file's first comment lines, `# key: value` each:

    # title: Grants of a funder
    # description: Every grant the funder awarded, with its recipient and amount.
    # question: Which infrastructures has this funder supported, and with how much?
    # audience: funders, libraries
    # param: funder: iri = funder/wellcome-trust -- the funder (kgserver/query/parameters.py)

A `# reasoning:` line (`# reasoning: oikg:funds, the inverse of oikg:fundedBy`) says which
load-time inference the answer needs (docs/sparql.md, "Reasoning"): without the graph
https://w3id.org/oikg/graph/inferred the query answers otherwise, often nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kgserver.errors import InvalidParameter
from kgserver.query.parameters import Parameter, Term, bind, parse_declaration


@dataclass(frozen=True)
class ExampleQuery:
    """A named query from queries/*.rq, with what its header says about it."""

    name: str
    title: str
    description: str
    text: str
    question: str = ""
    audience: str = ""
    reasoning: str = ""
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)

    def terms(self, values: Mapping[str, str]) -> dict[str, Term]:
        """The RDF term of every parameter: its value from `values`, else its default.

        InvalidParameter (422) for an unknown name, a missing value or a value of the wrong type.
        """
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            offered = ", ".join(known) or "none"
            raise InvalidParameter(
                f"query {self.name!r} has no parameter {unknown[0]!r}; its parameters: {offered}"
            )
        terms: dict[str, Term] = {}
        for parameter in self.parameters:
            value = values.get(parameter.name, parameter.default)
            if value is None:
                raise InvalidParameter(
                    f"parameter {parameter.name!r} of {self.name!r} is required:"
                    f" give {parameter.expects}"
                )
            terms[parameter.name] = parameter.term(value)
        return terms

    def bound(self, values: Mapping[str, str]) -> str:
        """The query text with its parameters bound to `values` (or their defaults)."""
        return bind(self.text, self.terms(values))

    @property
    def runnable(self) -> str:
        """The text to offer as an example, parameters bound to their defaults so that it runs
        as it is; the raw text if a parameter has no default (the reader fills it in)."""
        if any(p.default is None for p in self.parameters):
            return self.text
        return self.bound({})


def read_example(path: Path) -> ExampleQuery:
    """One query file; ValueError if its header declares a parameter badly."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    parameters: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        key = key.strip().lower()
        if key == "param":
            parameters.append(parse_declaration(value))
        else:
            header[key] = value.strip()
    return ExampleQuery(
        name=path.stem,
        title=header.get("title", path.stem.replace("-", " ")),
        description=header.get("description", ""),
        text=text,
        question=header.get("question", ""),
        audience=header.get("audience", ""),
        reasoning=header.get("reasoning", ""),
        parameters=tuple(parameters),
    )


def example_queries(folder: Path) -> list[ExampleQuery]:
    """The example queries in `folder`, by file name."""
    return [read_example(path) for path in sorted(folder.glob("*.rq"))] if folder.is_dir() else []

"""What the bundled graph says, asked with SPARQL, so tests follow the data as it grows."""

from __future__ import annotations

from pyoxigraph import NamedNode, QuerySolutions, Store, Variable

from kgserver.rdf import iris

PREFIXES = f"""PREFIX oikg: <{iris.ONTOLOGY_NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


def rows(store: Store, query: str, **bindings: str) -> list[tuple[str, ...]]:
    """The rows of a SELECT over the union of all graphs, `$name` bound to IRIs.

    Oxigraph binds only projected variables, so project them after the ones you read.
    """
    result = store.query(
        PREFIXES + query,
        use_default_graph_as_union=True,
        substitutions={Variable(k): NamedNode(v) for k, v in bindings.items()},
    )
    assert isinstance(result, QuerySolutions)
    return [tuple(term.value if term else "" for term in row) for row in result]


def number(store: Store, query: str) -> int:
    return int(rows(store, query)[0][0])


def infrastructures(store: Store) -> int:
    return number(store, "SELECT (COUNT(DISTINCT ?i) AS ?n) { ?i a oikg:Infrastructure }")


def values(store: Store, subject: str, predicate: str) -> list[str]:
    """The distinct objects of `subject predicate`, in any graph, sorted."""
    found = store.quads_for_pattern(NamedNode(subject), NamedNode(predicate), None)
    return sorted({quad.object.value for quad in found})  # type: ignore[union-attr]

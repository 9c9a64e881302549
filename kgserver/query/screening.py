"""Screening SPARQL text before it reaches pyoxigraph's parser.

pyoxigraph's parser recurses per nesting level and per chained operator and crashes the process
on deep input (docs/notes/pyoxigraph-and-endpoints.md §7); `SERVICE` makes outbound HTTP requests
(§5). A lexical pass finds both, and the query form, without parsing the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kgserver.errors import BadQuery

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\s{}()\[\],;.!|&=<>+*/^'"\#-]+)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
    | (?P<name>[^\s{}()\[\],;!|&=<>+*/^'"\#?$@<0-9.-][^\s{}()\[\],;!|&=<>+*/^'"\#]*
              |:[^\s{}()\[\],;!|&=<>+*/^'"\#]*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<op>\|\||&&|!=|<=|>=|\^\^|[-+*/|^!=<>])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
UPDATE_FORMS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_CHAINING_KEYWORDS = frozenset({"UNION", "MINUS"})


@dataclass(frozen=True)
class ScreenedQuery:
    """A query that passed screening, with what the lexical pass learnt about it."""

    text: str
    form: str  # SELECT, CONSTRUCT, DESCRIBE or ASK
    has_dataset_clause: bool  # FROM / FROM NAMED in the query itself

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def screen_query(text: str, max_nesting: int, max_operators: int) -> ScreenedQuery:
    """Check the query's form, nesting depth and size; refuse updates and SERVICE."""
    depth = deepest = operators = 0
    form: str | None = None
    has_from = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > max_nesting:
                    raise BadQuery(
                        f"the query nests brackets more than {max_nesting} levels deep;"
                        " flatten it (this limit protects the server)"
                    )
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "op":
            operators += 1
        elif kind == "name":
            word = match.group().upper()
            if form is None and word not in ("BASE", "PREFIX") and ":" not in word:
                form = word
            elif word == "SERVICE":
                raise BadQuery(
                    "SERVICE (federated query) is not allowed on this endpoint:"
                    " it would make the server send requests to other hosts"
                )
            elif word == "FROM":
                has_from = True
            elif word in _CHAINING_KEYWORDS:
                operators += 1
        if operators > max_operators:
            raise BadQuery(
                f"the query has more than {max_operators} operators; split it into smaller"
                " queries (this limit protects the server)"
            )
    if form in UPDATE_FORMS:
        raise BadQuery(
            f"this endpoint answers queries only: {form} is a SPARQL Update operation,"
            " and updates are not accepted at /sparql"
        )
    if form not in QUERY_FORMS:
        # Let the parser say what is wrong; its message names the position.
        form = "SELECT"
    return ScreenedQuery(text=text, form=form, has_dataset_clause=has_from)


def top_level_where(text: str) -> int | None:
    """Where the query's top-level group pattern starts: just after the `{` of its WHERE
    clause (or, for SELECT and ASK, which may omit the keyword, of its first group)."""
    depth = 0
    form: str | None = None
    after_where = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            if depth == 0 and match.group() == "{":
                if after_where or form in ("SELECT", "ASK"):
                    return match.end()
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "name" and depth == 0:
            word = match.group().upper()
            if form is None and word not in ("BASE", "PREFIX") and ":" not in word:
                form = word
            elif word == "WHERE":
                after_where = True
    return None

"""Reading RDF: files and bytes into quads, with positions for `FILE:LINE:COLUMN` errors."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, parse

from kgserver.errors import InputError
from kgserver.rdf.formats import FILE_FORMATS, Format, by_extension
from kgserver.rdf.guards import guard, remote_context_refused

_POSITION = re.compile(r"line (\d+) column (\d+)|at (\d+):(\d+)")


def format_of(path: Path) -> tuple[Format, bool]:
    """The RDF format named by a file's extension, and whether it is gzipped."""
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
    fmt = by_extension(suffixes[-1]) if suffixes else None
    if fmt is None:
        known = sorted("." + ext for f in FILE_FORMATS for ext in f.extensions)
        raise InputError(
            str(path),
            "unknown file extension; use one of "
            + " ".join(known)
            + " (optionally followed by .gz)",
        )
    return fmt, gzipped


def read_bytes(path: Path) -> bytes:
    """A file's content, un-gzipped if its name ends in .gz."""
    try:
        content = path.read_bytes()
        return gzip.decompress(content) if path.suffix.lower() == ".gz" else content
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise InputError(str(path), f"cannot read the file: {error}") from error


def parse_file(path: Path, graph: str | None, content: bytes | None = None) -> list[Quad]:
    """Parse one file into quads; triples go into `graph` (None: the default graph)."""
    fmt, _ = format_of(path)
    data = read_bytes(path) if content is None else content
    return parse_content(str(path), data, fmt, graph, path.resolve().as_uri())


def parse_content(
    name: str, data: bytes, fmt: Format, graph: str | None, base_iri: str | None = None
) -> list[Quad]:
    """Parse RDF bytes into quads; errors name `name` with the line and column.

    Input that is unsafe to parse (XML entities, JSON-LD nested too deep) is refused first
    (`kgserver/rdf/guards.py`); nothing is ever fetched to parse it.
    """
    guard(name, data, fmt)
    target = NamedNode(graph) if graph else DefaultGraph()
    try:
        quads = parse(data, format=fmt.rdf_format, base_iri=base_iri)
        return [
            q if q.graph_name != DefaultGraph() else Quad(q.subject, q.predicate, q.object, target)
            for q in quads
        ]
    except SyntaxError as error:
        line, column = _position(error)
        message = _message(error)
        raise InputError(name, remote_context_refused(message) or message, line, column) from error
    except (ValueError, OSError) as error:
        raise InputError(name, str(error)) from error


def _position(error: SyntaxError) -> tuple[int, int]:
    if error.lineno:
        return error.lineno, error.offset or 0
    match = _POSITION.search(str(error))
    if match:
        numbers = [int(n) for n in match.groups() if n is not None]
        return numbers[0], numbers[1]
    return 0, 0


def _message(error: SyntaxError) -> str:
    text = error.msg if isinstance(error.msg, str) else str(error)
    return re.sub(
        r"^(Parser error at line \d+ (column \d+|between columns \d+ and \d+)"
        r"|error at \d+:\d+):\s*",
        "",
        text,
    )


def rdf_files(folder: Path) -> list[Path]:
    """Every RDF file below `folder`, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and _is_rdf(p) and not p.name.startswith(".")
    )


def _is_rdf(path: Path) -> bool:
    try:
        format_of(path)
        return True
    except InputError:
        return False

"""Reading RDF files into quads, assembling the bundled dataset and its version."""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, parse

from kgserver import iris
from kgserver.errors import InputError
from kgserver.reasoning import Inference

# File extensions `kgserver load` understands (CONTRACT.md, "Install and run").
EXTENSIONS: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
    ".rdf": RdfFormat.RDF_XML,
    ".owl": RdfFormat.RDF_XML,
    ".jsonld": RdfFormat.JSON_LD,
}

ProgressFn = Callable[[int, int, str], None]
"""Told (files done, files in all, current file) while a long load runs."""

_POSITION = re.compile(r"line (\d+) column (\d+)|at (\d+):(\d+)")


def format_of(path: Path) -> tuple[RdfFormat, bool]:
    """The RDF format named by a file's extension, and whether it is gzipped."""
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
    fmt = EXTENSIONS.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        raise InputError(
            str(path),
            "unknown file extension; use one of "
            + " ".join(sorted(EXTENSIONS))
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
    target = NamedNode(graph) if graph else DefaultGraph()
    try:
        quads = parse(data, format=fmt, base_iri=path.resolve().as_uri())
        return [
            q if q.graph_name != DefaultGraph() else Quad(q.subject, q.predicate, q.object, target)
            for q in quads
        ]
    except SyntaxError as error:
        line, column = _position(error)
        raise InputError(str(path), _message(error), line, column) from error
    except (ValueError, OSError) as error:
        raise InputError(str(path), str(error)) from error


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
    return re.sub(r"^(Parser error at line \d+ column \d+|error at \d+:\d+):\s*", "", text)


def ttl_files(folder: Path) -> list[Path]:
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


@dataclass
class Dataset:
    """The bundled graph: quads per named graph, the files they came from, and a version."""

    ontology: list[Quad] = field(default_factory=list)
    shapes: list[Quad] = field(default_factory=list)
    data: list[Quad] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    version: str = ""
    inference: Inference | None = None

    @property
    def quads(self) -> list[Quad]:
        return self.ontology + self.shapes + self.data

    def graph_sizes(self) -> dict[str, int]:
        return {
            iris.ONTOLOGY_GRAPH: len(self.ontology),
            iris.SHAPES_GRAPH: len(self.shapes),
            iris.DATA_GRAPH: len(self.data),
        }


def content_version(files: Iterable[tuple[str, bytes]], previous: str = "") -> str:
    """A content hash of the inputs: same files, same version, whatever the machine."""
    digest = hashlib.sha256(previous.encode())
    for name, content in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return "sha256-" + digest.hexdigest()[:32]


def read_bundle(bundle_dir: Path, progress: ProgressFn | None = None) -> Dataset:
    """Parse ontology/, shapes/ and data/ below `bundle_dir` into their named graphs."""
    dataset = Dataset()
    hashed: list[tuple[str, bytes]] = []
    folders = (
        ("ontology", iris.ONTOLOGY_GRAPH, dataset.ontology),
        ("shapes", iris.SHAPES_GRAPH, dataset.shapes),
        ("data", iris.DATA_GRAPH, dataset.data),
    )
    all_files = [(f, g, t) for name, g, t in folders for f in ttl_files(bundle_dir / name)]
    for index, (path, graph, target) in enumerate(all_files, start=1):
        content = read_bytes(path)
        target.extend(parse_file(path, graph, content))
        relative = path.relative_to(bundle_dir).as_posix()
        hashed.append((relative, content))
        dataset.files.append(path)
        if progress:
            progress(index, len(all_files), relative)
    dataset.version = content_version(hashed)
    return dataset

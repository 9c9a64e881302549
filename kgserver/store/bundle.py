"""The bundle: the ontology/, shapes/ and data/ folders read into their named graphs, versioned."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad

from kgserver.rdf import iris
from kgserver.rdf.files import parse_file, rdf_files, read_bytes
from kgserver.store.reasoning import Inference

BUNDLE_DIR = Path(__file__).resolve().parent.parent.parent
"""The checkout (or installed tree) whose ontology/, shapes/, data/ and queries/ are bundled."""

ProgressFn = Callable[[int, int, str], None]
"""Told (files done, files in all, current file) while a long load runs."""


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
    all_files = [(f, g, t) for name, g, t in folders for f in rdf_files(bundle_dir / name)]
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

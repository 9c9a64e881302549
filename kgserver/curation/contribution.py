"""A contribution: the files a curator proposes, parsed, with where each entity is written.

The same reading serves `kgserver validate` (files on disk) and `POST /validate` (a request
body or an upload), so both point curators at the same file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from kgserver.errors import ContributionUnparseable, InputError
from kgserver.rdf import iris
from kgserver.rdf.files import parse_content
from kgserver.rdf.formats import JSON_LD, TURTLE, Format


@dataclass(frozen=True)
class Source:
    """One file of a contribution: its name as the curator knows it, its bytes and format."""

    name: str
    content: bytes
    format: Format
    base_iri: str | None = None


@dataclass(frozen=True)
class Location:
    """Where an entity is written: the file and the line its description starts on."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class Contribution:
    """The quads of a contribution, and the location of each entity it describes."""

    sources: list[Source]
    quads: list[Quad] = field(default_factory=list)
    locations: dict[str, Location] = field(default_factory=dict)

    @property
    def entities(self) -> list[str]:
        return list(self.locations)


def read_contribution(sources: Sequence[Source], graph: str = iris.DATA_GRAPH) -> Contribution:
    """Parse every source; all syntax errors are raised together, each with its position."""
    contribution = Contribution(list(sources))
    errors: list[InputError] = []
    for source in sources:
        try:
            _refuse_json_ld_scalar(source)
            quads = parse_content(
                source.name, source.content, source.format, graph, source.base_iri
            )
        except InputError as error:
            errors.append(error)
            continue
        contribution.quads.extend(quads)
        text = source.content.decode("utf-8", errors="replace")
        subjects = {q.subject.value for q in quads if isinstance(q.subject, NamedNode)}
        lines = entity_lines(text, source.format, subjects)
        for subject in sorted(subjects, key=lambda s: lines.get(s, 0)):
            contribution.locations.setdefault(subject, Location(source.name, lines.get(subject, 0)))
    if errors:
        contents = {source.name: source.content for source in sources}
        explained = [explain_syntax_error(error, contents[error.file]) for error in errors]
        raise ContributionUnparseable(errors, explained)
    return contribution


def _refuse_json_ld_scalar(source: Source) -> None:
    """A JSON-LD document is an object or an array (JSON-LD 1.1 §9); Oxigraph reads a bare
    string or number as an empty graph, which would validate as a conforming contribution."""
    if source.format is not JSON_LD:
        return
    text = source.content.lstrip(b" \t\r\n\xef\xbb\xbf")
    if text and text[:1] not in (b"{", b"["):
        raise InputError(source.name, "a JSON-LD document is a JSON object or array", 1, 1)


_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)


def entity_lines(text: str, fmt: Format, subjects: Iterable[str]) -> dict[str, int]:
    """The line (from 1) on which each subject's description starts in `text`.

    Turtle-like text: the first line that begins with the subject, written whole (`<…>`) or as a
    prefixed name. JSON-LD: the line of the first `"@id"` naming it. Unfound subjects are left out.
    """
    lines = text.splitlines()
    if fmt is JSON_LD:
        return _json_ld_lines(lines, subjects)
    prefixes = {m.group(1) or "": m.group(2) for line in lines if (m := _PREFIX.match(line))}
    found: dict[str, int] = {}
    for subject in subjects:
        spellings = [f"<{subject}>"] + [
            f"{prefix}:{subject[len(namespace) :]}"
            for prefix, namespace in prefixes.items()
            if namespace and subject.startswith(namespace)
        ]
        for number, line in enumerate(lines, start=1):
            stripped = line.lstrip()
            if any(
                stripped.startswith(s) and stripped[len(s) : len(s) + 1] in ("", " ", "\t", ";")
                for s in spellings
            ):
                found[subject] = number
                break
        else:
            for number, line in enumerate(lines, start=1):
                if any(s in line for s in spellings):
                    found[subject] = number
                    break
    return found


def _json_ld_lines(lines: list[str], subjects: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for subject in subjects:
        needle = json.dumps(subject)
        tail = json.dumps(subject.rsplit("/", 1)[-1])
        for number, line in enumerate(lines, start=1):
            if '"@id"' in line and (needle in line or tail in line):
                found[subject] = number
                break
    return found


def explain_syntax_error(error: InputError, content: bytes) -> str:
    """A parse error as a compiler prints it: `FILE:LINE:COLUMN: message`, then the line with
    a caret under the column, and the entity whose description the error is in."""
    lines = content.decode("utf-8", errors="replace").splitlines()
    out = [str(error)]
    if 0 < error.line <= len(lines):
        text = lines[error.line - 1]
        out.append("    " + text)
        out.append("    " + " " * max(error.column - 1, 0) + "^")
        entity = _enclosing_entity(lines[: error.line])
        if entity:
            out.append(f"    in the description of {entity}")
    return "\n".join(out)


_STATEMENT_START = re.compile(r"^(<[^>\s]*>|[A-Za-z][\w.-]*:[\w.-]*)")


def _enclosing_entity(lines: list[str]) -> str | None:
    """The subject of the statement that the last of `lines` belongs to (Turtle layout)."""
    for line in reversed(lines):
        match = _STATEMENT_START.match(line)
        if match and not line.lstrip().lower().startswith(("@prefix", "prefix", "@base", "base")):
            return match.group(1)
    return None


def bundle_locations(bundle_dir: Path, entities: Iterable[str]) -> dict[str, Location]:
    """Where entities of the bundled graph are written in data/, for pointing curators there."""
    wanted = set(entities)
    found: dict[str, Location] = {}
    if not wanted:
        return found
    for path in sorted((bundle_dir / "data").rglob("*.ttl")):
        text = path.read_text(encoding="utf-8", errors="replace")
        present = {iri for iri in wanted if iri in text or iri.rsplit("/", 1)[-1] in text}
        for iri, line in entity_lines(text, TURTLE, present).items():
            if iri not in found and _starts_description(text, line):
                found[iri] = Location(str(path.relative_to(bundle_dir)), line)
    return found


def _starts_description(text: str, line: int) -> bool:
    return not text.splitlines()[line - 1][:1].isspace()

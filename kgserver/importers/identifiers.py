"""Identifiers that link the catalogue into the web of data, the last step of every import.

`sources/identifiers.csv` (beside `data/`) is a curated table, one identifier a row, with the
public page that states it: `entity,scheme,value,source_url,evidence`. Every row is checked
before anything is written (a bad row is `FILE:LINE: message`, and the import writes nothing);
then each identifier joins its entity with the page as `dcterms:source`. A curated file that
states the property already wins, as for every import; a different value there (or a second
ROR ID or Wikidata item from a source) is reported as a conflict and left out.

The table may also give a homepage (scheme `homepage`) where no source does.

The GitHub organisation of an infrastructure is also derived here: the owner of its code
repository on GitHub (`https://github.com/<login>/<repo>` gives `https://github.com/<login>`),
sourced like the code repository it comes from.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kgserver.importers.data_folder import ROR_ID, DataFolder
from kgserver.importers.model import (
    HOMEPAGE,
    IRI,
    KIND_CLASS,
    OIKG,
    ImportedEntity,
    Term,
    ror_is_valid,
)
from kgserver.rdf import iris

COLUMNS = ("entity", "scheme", "value", "source_url", "evidence")
CODE_REPOSITORY = OIKG + "codeRepository"
GITHUB_ORGANIZATION = OIKG + "githubOrganization"
GITHUB = "https://github.com/"
_LOGIN = r"[A-Za-z0-9][A-Za-z0-9-]{0,38}"
# github.com/<login>/<repo>, github.com/<login> or github.com/orgs/<login>/…
_REPOSITORY_OWNER = re.compile(rf"https?://(?:www\.)?github\.com/(?:orgs/)?({_LOGIN})(?:[/?#]|$)")
# First path segments of github.com that are GitHub's own pages, not accounts.
_NOT_ACCOUNTS = {
    "about",
    "apps",
    "collections",
    "enterprise",
    "explore",
    "features",
    "marketplace",
    "orgs",
    "pricing",
    "search",
    "security",
    "settings",
    "sponsors",
    "topics",
    "trending",
}
_ENTITY = re.compile(re.escape(iris.ENTITY_BASE) + r"([a-z-]+)/([a-z0-9]+(?:-[a-z0-9]+)*)")
_WEB_ADDRESS = re.compile(r"https?://[^/\s<>\"]+\.[^/\s<>\"]+(/[^\s<>\"]*)?")
ORGANISATIONS = frozenset({"organization", "funder"})


@dataclass(frozen=True)
class Scheme:
    """An identifier scheme of the table: how a value is written and where it may go."""

    name: str
    predicate: str
    namespace: str  # the value's IRI is namespace + value
    pattern: str
    example: str
    kinds: frozenset[str]  # kinds of entity it identifies
    single: bool  # at most one per entity
    unique: bool  # never on two entities
    check: Callable[[str], bool] = lambda value: True

    def iri(self, value: str) -> str:
        return self.namespace + value


SCHEMES = {
    scheme.name: scheme
    for scheme in (
        Scheme(
            "wikidata",
            OIKG + "wikidataItem",
            "http://www.wikidata.org/entity/",
            r"Q[1-9][0-9]*",
            "Q followed by digits, e.g. Q42",
            frozenset(KIND_CLASS),
            single=True,
            unique=True,
        ),
        Scheme(
            "crossref-funder",
            OIKG + "crossrefFunderId",
            "https://doi.org/10.13039/",
            r"[0-9]{9,12}",
            "the 9 to 12 digits after 10.13039/, e.g. 501100000780",
            ORGANISATIONS,
            single=False,
            unique=True,
        ),
        Scheme(
            "ror",
            ROR_ID,
            "https://ror.org/",
            r"0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}",
            "the 9 characters after https://ror.org/, e.g. 052csg198",
            ORGANISATIONS,
            single=True,
            unique=True,
            check=ror_is_valid,
        ),
        # Not an identifier, but the first link into the web: the entity's own site, for the
        # entities whose sources give none (and never a second one).
        Scheme(
            "homepage",
            HOMEPAGE,
            "",
            _WEB_ADDRESS.pattern,
            "the site's whole http(s) address, e.g. https://dspace.org/",
            frozenset(KIND_CLASS),
            single=True,
            unique=True,
        ),
        # One GitHub organisation may publish the code of several infrastructures (and be
        # their host's account too), so it may name more than one entity.
        Scheme(
            "github",
            GITHUB_ORGANIZATION,
            GITHUB,
            _LOGIN,
            "the account's login as in https://github.com/<login>, e.g. pkp",
            frozenset({"infrastructure", "standard", *ORGANISATIONS}),
            single=False,
            unique=False,
        ),
    )
}


@dataclass(frozen=True)
class Row:
    line: int
    entity: str
    scheme: str
    value: str
    source_url: str
    evidence: str

    @property
    def kind(self) -> str | None:
        match = _ENTITY.fullmatch(self.entity)
        return match[1] if match else None


@dataclass
class Table:
    """The rows of an identifier table and what is wrong with them, by line."""

    label: str  # the path as errors name it
    rows: list[Row] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)

    def problem(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    def errors(self) -> list[str]:
        return [f"{self.label}:{line}: {message}" for line, message in sorted(self.problems)]


class IdentifierTableError(Exception):
    """The table has bad rows: nothing is written, and every row's error is listed."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class IdentifierReport:
    added: int = 0
    already_stated: int = 0
    github_derived: int = 0
    conflicts: list[str] = field(default_factory=list)


def default_table(data_dir: Path) -> Path:
    """The table that belongs to a data folder: `sources/identifiers.csv` beside it."""
    return data_dir.parent / "sources" / "identifiers.csv"


def _label(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_table(path: Path) -> Table:
    """The table's rows, with every problem a row has on its own or beside the others."""
    table = Table(_label(path))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        records, end = [], 0
        for cells in reader:  # a record starts on the line after the previous one ended
            records.append((end + 1, cells))
            end = reader.line_num
    if not records or tuple(records[0][1]) != COLUMNS:
        table.problem(1, f"the header must be exactly {','.join(COLUMNS)}")
        return table
    for number, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(COLUMNS):
            table.problem(
                number,
                f"{len(cells)} fields, not {len(COLUMNS)} ({','.join(COLUMNS)}):"
                " quote a field that holds a comma",
            )
            continue
        row = Row(number, *(cell.strip() for cell in cells))
        if _row_is_valid(table, row):
            table.rows.append(row)
    _check_across_rows(table)
    return table


def _row_is_valid(table: Table, row: Row) -> bool:
    problems = len(table.problems)
    scheme = SCHEMES.get(row.scheme)
    if row.kind is None or row.kind not in KIND_CLASS:
        table.problem(
            row.line,
            f"entity {row.entity!r} is not an IRI of ours: write "
            f"{iris.ENTITY_BASE}<kind>/<slug> (kind: {', '.join(KIND_CLASS)})",
        )
    if scheme is None:
        table.problem(row.line, f"unknown scheme {row.scheme!r}: use one of {', '.join(SCHEMES)}")
    elif not re.fullmatch(scheme.pattern, row.value):
        table.problem(
            row.line, f"{row.value!r} is not a {scheme.name} identifier: write {scheme.example}"
        )
    elif not scheme.check(row.value):
        table.problem(
            row.line,
            f"ROR ID {row.value} fails its ISO 7064 checksum: copy it again from its ROR record",
        )
    elif row.kind in KIND_CLASS and row.kind not in scheme.kinds:
        table.problem(
            row.line,
            f"{scheme.name} identifiers name entities of kind "
            f"{' or '.join(sorted(scheme.kinds))} only, not {row.kind}",
        )
    if not _WEB_ADDRESS.fullmatch(row.source_url):
        table.problem(
            row.line,
            f"source_url {row.source_url!r} is not an http(s) address: give "
            "the public page or file that states the identifier",
        )
    if not row.evidence:
        table.problem(row.line, "evidence is empty: say where the page states the identifier")
    return len(table.problems) == problems


def _check_across_rows(table: Table) -> None:
    """One identifier names one entity; one entity has one Wikidata item and one ROR ID."""
    named: dict[tuple[str, str], Row] = {}
    single: dict[tuple[str, str], Row] = {}
    for row in table.rows:
        scheme = SCHEMES[row.scheme]
        key = (row.scheme, row.value.lower() if row.scheme == "github" else row.value)
        first = named.setdefault(key, row)
        if first is not row and first.entity == row.entity:
            table.problem(row.line, f"repeats line {first.line}: give each identifier once")
        elif first is not row and scheme.unique:
            table.problem(
                row.line,
                f"{row.scheme} {row.value} is already given to "
                f"<{first.entity}> on line {first.line}: one identifier names one "
                "entity",
            )
        if scheme.single:
            other = single.setdefault((row.entity, row.scheme), row)
            if other.value != row.value:
                table.problem(
                    row.line,
                    f"<{row.entity}> already has {row.scheme} {other.value} "
                    f"on line {other.line}: an entity has one",
                )


def apply(catalogue: DataFolder, table: Table) -> IdentifierReport:
    """Add every row's identifier and source to its entity, or raise with every bad row.

    Rows are checked against the catalogue first (the entity is in it; no other entity
    has the identifier), so that a table with any bad row changes nothing.
    """
    owners = {
        (predicate, value): entity.iri
        for entity in catalogue.entities.values()
        for predicate in {s.predicate for s in SCHEMES.values() if s.unique}
        for value in entity.facts.get(predicate, ())
    }
    for row in table.rows:
        scheme = SCHEMES[row.scheme]
        if row.entity not in catalogue.entities:
            table.problem(
                row.line,
                f"<{row.entity}> is not in the catalogue: check data/ for "
                "its slug (an entity held back by the import is not written)",
            )
            continue
        owner = owners.get((scheme.predicate, IRI(scheme.iri(row.value))), row.entity)
        if scheme.unique and owner != row.entity:
            table.problem(
                row.line,
                f"<{owner}> already has {row.scheme} {row.value}: one identifier names one entity",
            )
    if table.problems:
        raise IdentifierTableError(table.errors())
    report = IdentifierReport()
    for row in table.rows:
        _add(catalogue, table.label, row, report)
    return report


def _add(catalogue: DataFolder, label: str, row: Row, report: IdentifierReport) -> None:
    scheme = SCHEMES[row.scheme]
    entity = catalogue.entities[row.entity]
    value = IRI(scheme.iri(row.value))
    curated = catalogue.curated_facts(entity)
    stated = curated.get(scheme.predicate) or (
        entity.facts.get(scheme.predicate, set()) if scheme.single else set()
    )
    if _same(value, stated):  # the row's page is one more source of a fact already there
        entity.cite(row.source_url)
        report.already_stated += 1
        return
    if stated:
        where = "its curated file" if curated.get(scheme.predicate) else "a source"
        others = " ".join(f"<{v.value}>" for v in sorted(stated) if isinstance(v, IRI))
        report.conflicts.append(
            f"{label}:{row.line}: <{row.entity}>: {where} states {others}, not <{value.value}>;"
            " left as it is (correct the file or the row)"
        )
        return
    entity.add(scheme.predicate, value)
    entity.cite(row.source_url)
    report.added += 1


def _same(value: IRI, stated: set[Term]) -> bool:
    """Is `value` among `stated`? GitHub logins are the same whatever their case."""

    def key(iri: str) -> str:
        return iri.lower() if iri.startswith(GITHUB) else iri

    return any(isinstance(v, IRI) and key(v.value) == key(value.value) for v in stated)


def repository_owner(url: str) -> str | None:
    """The GitHub account a code repository's address is under, if it is on GitHub."""
    match = _REPOSITORY_OWNER.match(url)
    if match is None or match[1].lower() in _NOT_ACCOUNTS:
        return None
    return match[1]


def derive_github_organizations(catalogue: DataFolder) -> int:
    """Give each infrastructure the owner of its code repositories on GitHub, if any."""
    derived = 0
    for entity in catalogue.entities.values():
        repositories = _written(catalogue, entity, CODE_REPOSITORY)
        owners: dict[str, str] = {}
        for repository in sorted(repositories):
            login = repository_owner(repository.value) if isinstance(repository, IRI) else None
            if login:
                owners.setdefault(login.lower(), login)
        new = [IRI(GITHUB + login) for login in owners.values()]
        new = [iri for iri in new if not _same(iri, entity.facts.get(GITHUB_ORGANIZATION, set()))]
        if new and not catalogue.curated_facts(entity).get(GITHUB_ORGANIZATION):
            entity.add(GITHUB_ORGANIZATION, *new)
            derived += len(new)
    return derived


def _written(catalogue: DataFolder, entity: ImportedEntity, predicate: str) -> set[Term]:
    """The values of `predicate` the entity's file will hold (a curated file's own win)."""
    return catalogue.curated_facts(entity).get(predicate) or entity.facts.get(predicate, set())

"""The catalogue importers write into: finding the one entity a record is about, and saving.

An entity is found by its ROR ID, its homepage or a normalised name (or alternative name), in
that order; the existing files in `data/` are read first, so curated slugs win and a re-import
reuses the IRIs it minted before. Saving renders one canonical file per entity:

- a file that starts with the `GENERATED` header belongs to the importers and is rewritten;
- a file without it is hand-curated and keeps every triple it has: imported facts are added
  only for predicates the file does not state (sources are always added, so the added facts
  keep their provenance, and so is `oikg:hosts`, the inverse of what the infrastructures say
  they are hosted by), and nothing is written when nothing new is learnt.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kgserver.importers.descriptions import describe
from kgserver.importers.model import (
    ALT_LABEL,
    HOMEPAGE,
    IRI,
    KIND_CLASS,
    LABEL,
    MODIFIED,
    OIKG,
    SKOS,
    SOURCE,
    TYPE,
    XSD,
    ImportedEntity,
    Literal,
    Term,
    entity_iri,
    homepage_key,
    normalise,
    ror_is_valid,
    slugify,
    text,
)
from kgserver.importers.turtle import generated_by, read_entity, render
from kgserver.importers.vocabularies import concept as vocabulary_concept
from kgserver.importers.vocabularies import has_scheme, scheme_iri

ROR_ID = OIKG + "rorId"
CATEGORY = OIKG + "category"
AWARDED_BY = OIKG + "awardedBy"
AWARDED_TO = OIKG + "awardedTo"
HOSTED_BY = OIKG + "hostedBy"
HOSTS = OIKG + "hosts"

# Kinds that may turn out to be the same thing under two names.
FAMILY = {
    "infrastructure": "work",
    "standard": "work",
    "organization": "agent",
    "funder": "agent",
    "grant": "grant",
}


@dataclass
class SaveReport:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    curated_merged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    held_back: dict[str, str] = field(default_factory=dict)  # IRI -> why it was not written


class DataFolder:
    """Every entity known to the importers, indexed by the keys records are matched on."""

    def __init__(self) -> None:
        self.entities: dict[str, ImportedEntity] = {}
        self._keys: dict[tuple[str, str, str], ImportedEntity] = {}
        self._existing: dict[str, Path] = {}

    # --- reading ------------------------------------------------------------------------

    @classmethod
    def from_data(cls, data_dir: Path, keep_generated: bool = False) -> DataFolder:
        """A catalogue holding what `data_dir` already describes.

        Generated files are rebuilt from the sources, so only their identity (names,
        homepage, ROR ID) is kept, unless `keep_generated` (a one-source import, which adds
        to what the other sources said).
        """
        catalogue = cls()
        for path in sorted(data_dir.glob("*/*.ttl")):
            kind = path.parent.name
            entity = read_entity(path, kind, path.stem)
            catalogue._existing[entity.iri] = path
            if entity.curated or keep_generated:
                catalogue._register(entity)
            else:
                # Generated entities are rebuilt from the sources; keep only their identity.
                shell = ImportedEntity(kind=entity.kind, slug=entity.slug)
                for predicate in (LABEL, ALT_LABEL, HOMEPAGE, ROR_ID):
                    shell.add(predicate, *entity.facts.get(predicate, ()))
                catalogue._index(shell)
                catalogue._shells[entity.iri] = shell
        return catalogue

    _shells: dict[str, ImportedEntity]

    def __new__(cls) -> DataFolder:
        instance = super().__new__(cls)
        instance._shells = {}
        return instance

    def _register(self, entity: ImportedEntity) -> None:
        self.entities[entity.iri] = entity
        self._index(entity)

    def _index(self, entity: ImportedEntity) -> None:
        for key in self._keys_of(entity):
            self._keys.setdefault(key, entity)

    def _keys_of(self, entity: ImportedEntity) -> Iterator[tuple[str, str, str]]:
        family = FAMILY.get(entity.kind, entity.kind)
        for value in entity.facts.get(ROR_ID, ()):
            if isinstance(value, IRI):
                yield (family, "ror", value.value)
        for value in entity.facts.get(HOMEPAGE, ()):
            if isinstance(value, IRI):
                yield (family, "home", homepage_key(value.value))
        for predicate in (LABEL, ALT_LABEL):
            for value in entity.facts.get(predicate, ()):
                if isinstance(value, Literal):
                    yield (family, "name", normalise(value.value))
                    # "DOAJ (Directory of Open Access Journals)" is also known by either part.
                    match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", value.value)
                    if match and family == "work":
                        yield (family, "name", normalise(match[1]))
                        yield (family, "name", normalise(match[2]))

    def curated_facts(self, entity: ImportedEntity) -> dict[str, set[Term]]:
        """What the hand-curated file of `entity` states (nothing for a generated entity)."""
        path = self._existing.get(entity.iri)
        if not entity.curated or path is None:
            return {}
        return read_entity(path, entity.kind, entity.slug).facts

    # --- finding ------------------------------------------------------------------------

    def find(
        self,
        kind: str,
        names: Iterable[str] = (),
        homepage: str | None = None,
        ror: str | None = None,
    ) -> ImportedEntity | None:
        family = FAMILY.get(kind, kind)
        keys = []
        if ror:
            keys.append((family, "ror", ror))
        if homepage:
            keys.append((family, "home", homepage_key(homepage)))
        keys += [(family, "name", normalise(n)) for n in names if n]
        for key in keys:
            entity = self._keys.get(key)
            if entity is not None:
                return self._live(entity)
        return None

    def _live(self, entity: ImportedEntity) -> ImportedEntity:
        """A matched shell of a generated file becomes a live entity with the same slug."""
        if entity.iri in self.entities:
            return self.entities[entity.iri]
        live = ImportedEntity(kind=entity.kind, slug=entity.slug)
        self._register(live)
        return live

    def get(
        self,
        kind: str,
        name: str,
        *,
        aliases: Iterable[str] = (),
        homepage: str | None = None,
        ror: str | None = None,
        slug: str | None = None,
    ) -> ImportedEntity:
        """The entity a record is about: found by its identifiers or names, else created."""
        ror = ror if ror and ror_is_valid(ror) else None
        names = [name, *aliases]
        entity = self.find(kind, names, homepage, ror)
        if entity is None:
            entity = ImportedEntity(kind=kind, slug=self._free_slug(kind, slug or slugify(name)))
            self._register(entity)
        elif entity.kind != kind and not entity.curated:
            entity = self._promote(entity, kind)
        if not entity.facts.get(TYPE):
            entity.add(TYPE, IRI(KIND_CLASS[entity.kind]))
        if not entity.facts.get(LABEL):
            entity.add(LABEL, Literal(" ".join(name.split()), language="en"))
        for alias in [name, *aliases]:
            if alias and normalise(alias) != normalise(entity.label()):
                entity.add(ALT_LABEL, Literal(" ".join(alias.split()), language="en"))
        if homepage:
            entity.add(HOMEPAGE, IRI(homepage))
        if ror:
            entity.add(ROR_ID, IRI(ror))
        self._index(entity)
        return entity

    def concept(self, scheme: str, label: str, source: str) -> ImportedEntity:
        """A concept minted in `scheme` for a value its vocabulary lacks (a source's free
        text): skos:broader the scheme's `other` concept (ontology/README.md, "Pattern 2")."""
        slug = slugify(label) or "unnamed"
        iri = entity_iri(scheme, slug)
        entity = self.entities.get(iri)
        if entity is None:
            entity = ImportedEntity(kind=scheme, slug=slug)
            self._register(entity)
            entity.add(TYPE, IRI(SKOS + "Concept"))
            entity.add(SKOS + "prefLabel", text(label))
            if has_scheme(scheme):  # key-technology has no scheme in the ontology (yet)
                entity.add(SKOS + "inScheme", IRI(scheme_iri(scheme)))
            other = vocabulary_concept(scheme, "other")
            if other and other != iri:
                entity.add(SKOS + "broader", IRI(other))
        entity.cite(source)
        return entity

    def _promote(self, entity: ImportedEntity, kind: str) -> ImportedEntity:
        """An organisation that turns out to fund is a funder; an infrastructure that is a
        standard is a standard (the stronger kind wins); the IRI follows the kind's folder."""
        stronger = {"organization": "funder", "infrastructure": "standard"}
        if stronger.get(entity.kind) != kind:
            return entity
        old_iri = entity.iri
        del self.entities[old_iri]
        entity.kind = kind
        entity.slug = self._free_slug(kind, entity.slug)
        entity.facts[TYPE] = {IRI(KIND_CLASS[kind])}
        self.entities[entity.iri] = entity
        for other in self.entities.values():
            for values in other.facts.values():
                if IRI(old_iri) in values:
                    values.discard(IRI(old_iri))
                    values.add(IRI(entity.iri))
        return entity

    def _free_slug(self, kind: str, slug: str) -> str:
        candidate, n = slug, 2
        while f"{kind}/{candidate}" in {f"{e.kind}/{e.slug}" for e in self.entities.values()}:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    # --- saving -------------------------------------------------------------------------

    def hold_back(self, report: SaveReport) -> None:
        """Leave out what would not validate for want of a fact no source gives, and every
        reference to it: an entity without a source, an infrastructure without a category of
        our scheme, a grant left without funder or recipient."""
        while True:
            dropped = {}
            for iri, entity in self.entities.items():
                if entity.curated:
                    continue
                if not entity.facts.get(SOURCE):
                    dropped[iri] = "no source states it"
                elif entity.kind == "infrastructure" and not entity.facts.get(CATEGORY):
                    dropped[iri] = "none of its categories is in the category scheme"
                elif entity.kind == "grant" and not (
                    entity.facts.get(AWARDED_BY) and entity.facts.get(AWARDED_TO)
                ):
                    dropped[iri] = "its funder or recipient is not in the catalogue"
            if not dropped:
                return
            report.held_back.update(dropped)
            for iri in dropped:
                del self.entities[iri]
            gone = {IRI(iri) for iri in dropped}
            for entity in self.entities.values():
                for predicate, values in list(entity.facts.items()):
                    values -= gone
                    if not values:
                        del entity.facts[predicate]

    def unique_homepages(self) -> None:
        """A homepage belongs to one entity: a curated one first, then the first by IRI; the
        others keep the address as a source (a service and its provider often share one)."""
        owners: dict[str, str] = {}
        ordered = sorted(self.entities.values(), key=lambda e: (not e.curated, e.iri))
        for entity in ordered:
            for page in sorted(entity.facts.get(HOMEPAGE, set())):
                assert isinstance(page, IRI)
                key = homepage_key(page.value)
                if owners.setdefault(key, entity.iri) != entity.iri and not entity.curated:
                    entity.facts[HOMEPAGE].discard(page)
                    entity.cite(page.value)
            if not entity.facts.get(HOMEPAGE):
                entity.facts.pop(HOMEPAGE, None)

    def link_hosts(self) -> None:
        """`oikg:hosts` is the inverse of each infrastructure's final `oikg:hostedBy`."""
        for entity in self.entities.values():
            if not entity.curated:
                entity.facts.pop(HOSTS, None)
        for entity in self.entities.values():
            for host in entity.facts.get(HOSTED_BY, ()):
                assert isinstance(host, IRI)
                target = self.entities.get(host.value)
                if target is not None:
                    target.add(HOSTS, IRI(entity.iri))

    def save(
        self,
        data_dir: Path,
        generated_from: str | None,
        today: datetime.date,
        remove_stale: bool = False,
        report: SaveReport | None = None,
    ) -> SaveReport:
        """Write every entity to data/<kind>/<slug>.ttl (see the module docstring).

        `generated_from` names the sources in the header of generated files (None: a run that
        read no source keeps each file's header); `report` may already list what was held back.
        """
        report = report or SaveReport()
        self.hold_back(report)
        self.link_hosts()
        self.unique_homepages()
        describe(self.entities)
        stamp = Literal(today.isoformat(), XSD + "date")
        for iri, entity in sorted(self.entities.items()):
            path = data_dir / entity.kind / f"{entity.slug}.ttl"
            existing_path = self._existing.get(iri)
            if entity.curated:
                assert existing_path is not None
                merged = self._merge_into_curated(existing_path, entity)
                if merged is None:
                    report.unchanged += 1
                    continue
                entity, header = merged, None
                report.curated_merged.append(existing_path)
            else:
                header = generated_from
                if header is None:  # a run that read no source: keep what the file says
                    header = (existing_path and generated_by(existing_path)) or "identifiers"
            entity.facts.pop(MODIFIED, None)
            if existing_path is not None and existing_path.exists():
                before = read_entity(existing_path, entity.kind, entity.slug)
                previous = before.facts.pop(MODIFIED, set())
                if before.facts == entity.facts and (header is None) == before.curated:
                    entity.facts[MODIFIED] = previous or {stamp}
                    if render(entity, header) == existing_path.read_text(encoding="utf-8"):
                        report.unchanged += 1
                        continue
            entity.facts.setdefault(MODIFIED, {stamp})
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(entity, header), encoding="utf-8")
            report.written.append(path)
        if remove_stale:
            for iri, path in self._existing.items():
                if iri not in self.entities and path.exists() and iri in self._shells:
                    path.unlink()
                    report.removed.append(path)
        return report

    def _merge_into_curated(self, path: Path, imported: ImportedEntity) -> ImportedEntity | None:
        """The curated file plus imported facts for predicates it does not state, or None."""
        curated = read_entity(path, imported.kind, imported.slug)
        merged = ImportedEntity(kind=curated.kind, slug=curated.slug, curated=True)
        merged.facts = {p: set(v) for p, v in curated.facts.items()}
        changed = False
        for predicate, values in imported.facts.items():
            if predicate in (MODIFIED, TYPE):
                continue
            # Sources, and the inverse of the infrastructures' hostedBy, always join.
            if predicate in (SOURCE, HOSTS) or predicate not in curated.facts:
                new = values - merged.facts.get(predicate, set())
                if new:
                    merged.facts.setdefault(predicate, set()).update(new)
                    changed = True
        return merged if changed else None

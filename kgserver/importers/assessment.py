"""Infra Finder's assessment of a service: practices, governance, openness, sustainability.

Follows the column-by-column mapping of ontology/README.md ("Infra Finder mapping"): each
practice becomes an `oikg:PracticeAssessment` with its status and evidence (pattern 1); each
controlled value a concept of the vocabulary's scheme, free text a concept minted in that scheme
under its `other` concept (pattern 2). Financial figures (pattern 3) are not carried: no record
approves them for publication. Names of people are never carried.
"""

from __future__ import annotations

import html
import json
import re

from kgserver.importers.assessment_columns import CONTROLLED, LEGACY_TEXT, PRACTICES
from kgserver.importers.data_folder import DataFolder
from kgserver.importers.model import (
    DCTERMS,
    IRI,
    OIKG,
    SCHEMA,
    XSD,
    ImportedEntity,
    Literal,
    Node,
    Term,
    normalise,
)
from kgserver.importers.names import organisations
from kgserver.importers.standards import STANDARDS
from kgserver.importers.vocabularies import concept
from kgserver.rdf import iris
from kgserver.rdf.namespaces import RDF_TYPE

_PERSONS = re.compile(r"\s*\([^()]*\)$")  # "University of X (Person A, Person B)"
_PREFIX = re.compile(r"^(Founding|Former|Current):\s*", re.IGNORECASE)
_DENIAL = re.compile(r"^(none|no|not|n/a)\b", re.IGNORECASE)  # "None formally, though …"
MAX_TECHNOLOGIES = 40


def _value(cell: str | None) -> str:
    cell = (cell or "").strip()
    return "" if cell in ("NULL", "null") else cell


def _clean(text: str) -> str:
    """Free text without markup or entities."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _links(cell: str) -> list[str]:
    data = json.loads(_value(cell) or "{}")
    links = list(data.get("links") or [])
    if data.get("link"):
        links.append(data["link"])
    return [link["url"].strip() for link in links if link and (link.get("url") or "").strip()]


def assess(
    catalogue: DataFolder,
    entity: ImportedEntity,
    providers: list[ImportedEntity],
    row: dict[str, str],
    old: dict[str, str],
    record: str,
) -> None:
    """Add Infra Finder's assessment of one record to its entity (an infrastructure or a
    standard: the same terms for both) and to its provider."""
    date = _value(row["092_last_update"])[:10]
    for practice in PRACTICES:
        node = _practice(row, *practice, record=record, date=date)
        if node is not None:
            entity.add(OIKG + "practice", node)
    for column, other, prop, scheme, about_provider in CONTROLLED:
        targets = providers if about_provider else [entity]
        values = [v.strip() for v in _value(row[column]).split("|") if v.strip()]
        free = _value(row[other]) if other else ""
        legacy = LEGACY_TEXT.get(other or column)
        if legacy and not free and not values:
            free = _value(old.get(legacy))
        terms: list[Term] = []
        for value in values:
            iri = concept(scheme, value)
            terms.append(IRI(iri) if iri else IRI(catalogue.concept(scheme, value, record).iri))
        if free:
            terms += _free_text(catalogue, entity, scheme, free, record)
        for target in targets:
            target.add(OIKG + prop, *terms)
    _counts_and_links(catalogue, entity, providers, row, old, record)
    _organisations(catalogue, entity, row, record)


def _practice(
    row: dict[str, str],
    status_column: str,
    url_column: str,
    structured: str,
    practice: str,
    record: str,
    date: str,
) -> Node | None:
    status = _value(row[status_column])
    evidence = {u for u in [_value(row[url_column]), *_links(row[structured])] if u}
    if not status and not evidence:
        return None
    scheme = (
        "pricing-implementation-status"
        if practice == "transparent-pricing"
        else ("implementation-status")
    )
    statements: list[tuple[str, Term]] = [
        (RDF_TYPE, IRI(OIKG + "PracticeAssessment")),
        (OIKG + "practiceType", IRI(f"{iris.ENTITY_BASE}practice/{practice}")),
        (DCTERMS + "source", IRI(record)),
    ]
    status_iri = concept(scheme, status) if status else None
    if status_iri:
        statements.append((OIKG + "implementationStatus", IRI(status_iri)))
    statements += [(OIKG + "evidence", IRI(u)) for u in sorted(evidence) if _is_url(u)]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        statements.append((DCTERMS + "date", Literal(date, XSD + "date")))
    if practice == "web-accessibility-statement":
        scope = json.loads(_value(row[structured]) or "{}")
        for key, term in (
            ("applies_to_website", "our-website"),
            ("applies_to_solution", "our-tool-or-project"),
        ):
            if scope.get(key):
                statements.append(
                    (
                        OIKG + "appliesTo",
                        IRI(f"{iris.ENTITY_BASE}accessibility-scope/{term}"),
                    )
                )
    return Node(tuple(sorted(statements, key=lambda s: (s[0], repr(s[1])))), f"practice-{practice}")


def _is_url(value: str) -> bool:
    return bool(re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value))


def _free_text(
    catalogue: DataFolder, entity: ImportedEntity, scheme: str, text: str, record: str
) -> list[Term]:
    """Concepts for a free-text cell: vocabulary terms it names, or items minted from it.

    Integrations name other infrastructures (then `oikg:integratesWith` them) or standards
    (then `oikg:implements`); values frameworks are matched on the standards' names.
    """
    text = _clean(text)
    found: list[Term] = []
    if scheme == "values-framework":
        for standard in STANDARDS:
            if standard.found_in(text):
                for term in standard.terms:
                    iri = concept(scheme, term)
                    if iri:
                        found.append(IRI(iri))
        return found
    items = [i.strip(" .;") for i in re.split(r",(?![^()]*\))|;|\n", text)]
    for item in items:
        if scheme == "integration":
            other = catalogue.find("infrastructure", [item]) if item else None
            if other is not None and other is not entity and other.kind == "infrastructure":
                entity.add(OIKG + "integratesWith", IRI(other.iri))
        iri = concept(scheme, item) if item else None
        if iri:
            found.append(IRI(iri))
        elif _is_name(item):
            found.append(IRI(catalogue.concept(scheme, item, record).iri))
    return found


def _is_name(item: str) -> bool:
    """A short name, not a fragment of a sentence: what may become a concept's label."""
    return 0 < len(item) <= 60 and not re.search(r"\. |^[a-z]|https?:", item)


def _counts_and_links(
    catalogue: DataFolder,
    entity: ImportedEntity,
    providers: list[ImportedEntity],
    row: dict[str, str],
    old: dict[str, str],
    record: str,
) -> None:
    members = _value(row["078_membership_numbers"]) or _value(old.get("number_of_members"))
    if members.isdigit():
        entity.add(OIKG + "memberCount", Literal(str(int(members)), XSD + "integer"))
    programme = _value(row["107_membership_program_url"])
    if _is_url(programme):
        entity.add(OIKG + "membershipProgramme", IRI(programme))
    for item in json.loads(_value(row["077_registered_service_providers_structured"]) or "[]"):
        url = (item.get("url") or "").strip()
        if _is_url(url):
            entity.add(OIKG + "serviceProviderRegistry", IRI(url))
    logo = _value(row["012_service_logo"])
    if _is_url(logo):
        entity.add(SCHEMA + "logo", IRI(logo))
    shareholders = _value(row["053_shareholders"]).lower()
    if shareholders in ("true", "false"):
        for provider in providers:
            provider.add(OIKG + "hasShareholders", Literal(shareholders, XSD + "boolean"))
    location = _value(row["013_location"])
    if re.fullmatch(r"[A-Z]{2}", location):
        for provider in providers:
            provider.add(OIKG + "countryCode", Literal(location))
    status = _value(old.get("special_certifications_or_statuses"))
    if "SCOSS" in status:
        scoss = catalogue.concept("certification", "SCOSS", record)
        scoss.cite("https://scoss.org/")
        entity.add(OIKG + "certification", IRI(scoss.iri))
    for technology in _technologies(old):
        entity.add(
            OIKG + "keyTechnology", IRI(catalogue.concept("key-technology", technology, record).iri)
        )


def _technologies(old: dict[str, str]) -> list[str]:
    """The technologies a record lists: its names, or a short list in `what_technologies`,
    not sentences of prose; and not the whole option list (JATS's legacy cell names all 74
    technologies that the 57 records name, where no other record names more than 17)."""
    text = _clean(_value(old.get("key_technologies_names")))
    if not text:
        text = _clean(_value(old.get("what_technologies")))
        if ". " in text:  # prose ("At root, the IIIF specifications describe …")
            return []
    names = [t.strip() for t in re.split(r",|;|\n", text) if 0 < len(t.strip()) <= 40]
    return names if len(names) <= MAX_TECHNOLOGIES else []


def _organisations(
    catalogue: DataFolder, entity: ImportedEntity, row: dict[str, str], record: str
) -> None:
    """Affiliated and founding organisations the record names (not people, not prose)."""
    for column, prop in (
        ("058_affiliations_structured", "affiliation"),
        ("059_founders_structured", "foundedBy"),
    ):
        for item in json.loads(_value(row[column]) or "[]"):
            name = _clean(item.get("name") or "")
            name = _PREFIX.sub("", name).rstrip(".")
            name = re.sub(r"\s*\(https?://[^)]*\)", "", name)
            url = (item.get("url") or "").strip()
            ror = url if url.startswith("https://ror.org/") else None
            if not name or len(name) > 70 or name.startswith("http") or (url and not ror):
                continue
            if _DENIAL.match(name):
                continue
            for org_name, aliases in organisations(name):
                if _PERSONS.search(org_name) and not re.search(r"\([A-Z][\w-]*\)$", org_name):
                    org_name = _PERSONS.sub("", org_name)  # a parenthesis naming people
                if normalise(org_name) == normalise(entity.label()):
                    continue
                org = catalogue.get("organization", org_name, aliases=aliases, ror=ror)
                org.cite(record)
                entity.add(OIKG + prop, IRI(org.iri))
                if "fiscal sponsor" in name.lower():  # "X (PREreview's fiscal sponsor)"
                    entity.add(OIKG + "fiscalSponsor", IRI(org.iri))

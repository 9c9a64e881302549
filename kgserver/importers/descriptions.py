"""Short neutral descriptions of our own, composed from an entity's sourced facts.

Sources' prose (missions, summaries) is never copied; instead a generated entity without a
description gets one sentence that restates its category, host, country and founding year,
so a reader of a page or a search result knows what kind of thing it is.
"""

from __future__ import annotations

from kgserver.importers.model import (
    DESCRIPTION,
    IRI,
    OIKG,
    PUBLISHER,
    ImportedEntity,
    Literal,
    text,
)
from kgserver.importers.vocabularies import pref_label

COUNTRIES = {
    "AR": "Argentina",
    "AU": "Australia",
    "BE": "Belgium",
    "BR": "Brazil",
    "BS": "the Bahamas",
    "CA": "Canada",
    "CH": "Switzerland",
    "CL": "Chile",
    "CO": "Colombia",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "EC": "Ecuador",
    "ES": "Spain",
    "FI": "Finland",
    "FR": "France",
    "GB": "the United Kingdom",
    "GR": "Greece",
    "IT": "Italy",
    "JP": "Japan",
    "MW": "Malawi",
    "MX": "Mexico",
    "NL": "the Netherlands",
    "PL": "Poland",
    "PT": "Portugal",
    "SE": "Sweden",
    "US": "the United States",
    "UY": "Uruguay",
    "ZA": "South Africa",
}


def _names(iris: set, entities: dict[str, ImportedEntity]) -> list[str]:
    names = []
    for value in sorted(iris):
        target = entities.get(value.value) if isinstance(value, IRI) else None
        if target is not None:
            names.append(target.label())
    return names


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _lower(label: str) -> str:
    return label[0].lower() + label[1:] if label[1:2].islower() else label


# Relations from infrastructures to organisations that say what an organisation is to them,
# for organisations that host nothing: (property, how the sentence puts it).
_ROLES = (
    (OIKG + "formerlyAffiliatedWith", "that IOI names as a former host, founder or conduit of"),
    (OIKG + "directFundingRecipient", "whose awards IOI counts as direct funding of"),
)


def describe(entities: dict[str, ImportedEntity]) -> None:
    """Give every generated entity without a description one composed from its facts."""
    roles: dict[tuple[str, str], set[IRI]] = {}
    for entity in entities.values():
        for relation, _ in _ROLES:
            for target in entity.facts.get(relation, ()):
                if isinstance(target, IRI):
                    roles.setdefault((target.value, relation), set()).add(IRI(entity.iri))
    for entity in entities.values():
        if entity.curated or entity.facts.get(DESCRIPTION):
            continue
        sentence = _sentence(entity, entities) or _role_sentence(entity, entities, roles)
        if sentence:
            entity.add(DESCRIPTION, text(sentence))


def _role_sentence(
    entity: ImportedEntity,
    entities: dict[str, ImportedEntity],
    roles: dict[tuple[str, str], set[IRI]],
) -> str | None:
    """An organisation that hosts nothing, described by what it was or is to infrastructures."""
    if entity.kind not in ("organization", "funder"):
        return None
    for relation, phrase in _ROLES:
        works = _names(roles.get((entity.iri, relation), set()), entities)
        if works:
            return f"Organisation {phrase} {_and(works)}."
    return None


def _sentence(entity: ImportedEntity, entities: dict[str, ImportedEntity]) -> str | None:
    facts = entity.facts
    country = next(
        (v.value for v in facts.get(OIKG + "countryCode", ()) if isinstance(v, Literal)), None
    )
    place = COUNTRIES.get(country or "")
    if entity.kind == "infrastructure":
        categories = [c for c in facts.get(OIKG + "category", ()) if isinstance(c, IRI)]
        kinds = sorted(_lower(label) for c in categories if (label := pref_label(c.value)))
        if not kinds:
            return None
        sentence = _and(kinds)
        sentence = sentence[0].upper() + sentence[1:]
        hosts = _names(facts.get(OIKG + "hostedBy", set()), entities)
        if hosts:
            sentence += f" run by {_and(hosts)}"
        if place:
            sentence += f", based in {place}"
        founded = facts.get(OIKG + "foundingYear")
        if founded:
            sentence += f", launched in {min(str(getattr(v, 'value', '')) for v in founded)}"
        return sentence + "."
    if entity.kind == "standard":
        publishers = _names(facts.get(PUBLISHER, set()), entities)
        if publishers:
            return f"Standard, specification or set of principles stewarded by {_and(publishers)}."
        return None
    if entity.kind in ("organization", "funder"):
        hosted = _names(facts.get(OIKG + "hosts", set()), entities)
        where = f" based in {place}" if place else ""
        if hosted:
            return f"Organisation{where} that runs {_and(hosted)}."
        if entity.kind == "funder" and place:
            return f"Research funder based in {place}."
    return None

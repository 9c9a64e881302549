"""SComCaT's technologies read into infrastructures and standards."""

from __future__ import annotations

from kgserver.importers.data_folder import DataFolder, SaveReport
from kgserver.importers.model import CC_BY_4, IRI, LICENSE, SOURCE
from kgserver.importers.scomcat import CATALOGUE, function_category
from tests.importers.conftest import rows

# SComCaT's `categories` column says what form a technology takes, not what kind of
# infrastructure it is: only "Standard" is read (it makes the row a oikg:Standard).
SCOMCAT_FORMS = {"Application", "Software Component", "Software Framework", "Software Package"}


def test_every_scomcat_function_has_a_concept_in_the_scheme() -> None:
    technologies = rows("scomcat", "technologies-classification.csv")
    functions = {f.strip() for r in technologies for f in r["functions"].split("|") if f.strip()}
    assert len(functions) > 10
    assert {f for f in functions if function_category(f) is None} == set()
    forms = {c.strip() for r in technologies for c in r["categories"].split("|") if c.strip()}
    assert forms - {"Standard"} == SCOMCAT_FORMS


def test_published_technologies_are_cited_to_the_catalogue_under_cc_by(
    imported: tuple[DataFolder, SaveReport],
) -> None:
    catalogue, _ = imported
    cited = [e for e in catalogue.entities.values() if IRI(CATALOGUE) in e.facts.get(SOURCE, ())]
    technologies = rows("importers", "scomcat", "technologies.csv")
    published = [r for r in technologies if r["editorial_state"] == "published"]
    assert 0 < len(cited) == len(published) < len(technologies)
    assert all(IRI(CC_BY_4) in e.facts[LICENSE] for e in cited)

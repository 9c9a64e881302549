"""IOI's State of Open Infrastructure tables read into infrastructures, funders and grants."""

from __future__ import annotations

from kgserver.importers.data_folder import DataFolder, SaveReport
from kgserver.importers.ioi_state_of_open import METHODOLOGY, award_url, funder_of
from kgserver.importers.model import IRI, OIKG, SOURCE, TYPE


def test_an_award_identifier_names_its_funder_and_its_page() -> None:
    assert funder_of("1933812") is not None
    ror, name = funder_of("1933812")  # type: ignore[misc]
    assert ror.startswith("https://ror.org/") and "Science Foundation" in name
    assert award_url("1933812") == "https://www.nsf.gov/awardsearch/showAward?AWD_ID=1933812"
    assert award_url("OT2DB000005") is None
    assert funder_of("no such award") is None


def test_ioi_grants_link_their_funder_who_funds_the_infrastructures(
    imported: tuple[DataFolder, SaveReport],
) -> None:
    entities = imported[0].entities
    grants = [e for e in entities.values() if IRI(METHODOLOGY) in e.facts.get(SOURCE, ())]
    grants = [e for e in grants if e.kind == "grant"]
    assert len(grants) >= 2
    for grant in grants:
        assert IRI(OIKG + "Grant") in grant.facts[TYPE]
        (funder,) = grant.facts[OIKG + "awardedBy"]
        assert isinstance(funder, IRI) and entities[funder.value].kind == "funder"
        for recipient in grant.facts[OIKG + "awardedTo"]:
            assert isinstance(recipient, IRI)
            target = entities[recipient.value]
            if target.kind == "infrastructure":
                assert funder in target.facts[OIKG + "fundedBy"]

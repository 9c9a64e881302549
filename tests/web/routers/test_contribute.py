"""The ten ways a curator typically breaks a data file, each caught by `kgserver validate` and by
`POST /validate` with a message that names the file, line, entity and property and says how to
fix it (issue 6, "Not done until")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kgserver.settings import BUNDLE_DIR
from tests.curation.test_loading import run_cli

OIKG = "https://w3id.org/oikg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ZENODO = "https://w3id.org/oikg/id/infrastructure/zenodo"
DRYAD_ORG = "https://w3id.org/oikg/id/organization/dryad"
SLOAN_GRANT = (
    "https://w3id.org/oikg/id/grant/alfred-p-sloan-foundation-invest-in-open-infrastructure-2019"
)


@dataclass(frozen=True)
class Breakage:
    """A real data file, broken in one typical way, and what the curator must be told."""

    source: str  # the data file, relative to data/
    name: str  # the name of the broken file the curator checks
    breaks: Callable[[str], str]
    entity: str
    path: str
    hint: str  # words of the message that say how to fix it

    def write(self, folder: Path) -> Path:
        original = (BUNDLE_DIR / "data" / self.source).read_text(encoding="utf-8")
        broken = self.breaks(original)
        assert broken != original, "the breakage must change the file"
        path = folder / self.name
        path.write_text(broken, encoding="utf-8")
        return path

    def entity_line(self, text: str) -> int:
        return next(
            n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"<{self.entity}>")
        )


def replace(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new)


def drop_line(containing: str) -> Callable[[str], str]:
    return lambda text: "\n".join(line for line in text.splitlines() if containing not in line)


def duplicate_of_dryad(text: str) -> str:
    return text.replace(DRYAD_ORG, DRYAD_ORG + "-inc").replace('"Dryad"@en', '"Dryad Inc."@en')


BREAKAGES = {
    "missing required property": Breakage(
        "infrastructure/zenodo.ttl", "zenodo.ttl",
        drop_line('rdfs:label "Zenodo"@en'),
        ZENODO, RDFS_LABEL, "Give the entity a name",
    ),
    "wrong datatype": Breakage(
        "infrastructure/zenodo.ttl", "zenodo.ttl", replace('"2013"^^xsd:gYear', '"2013"'),
        ZENODO, OIKG + "foundingYear", '"2009"^^xsd:gYear',
    ),
    "malformed URL": Breakage(
        "infrastructure/zenodo.ttl", "zenodo.ttl",
        replace("foaf:homepage <https://zenodo.org/>", "foaf:homepage <https:/zenodo.org/>"),
        ZENODO, "http://xmlns.com/foaf/0.1/homepage", "with http:// or https:// and a domain",
    ),
    "malformed identifier": Breakage(
        "organization/dryad.ttl", "dryad.ttl",
        replace("<https://ror.org/00x6h5n95>", "<https://ror.org/00X6H5N95>"),
        DRYAD_ORG, OIKG + "rorId", "oikg:rorId <https://ror.org/0xxxxxx00>",
    ),
    "dangling reference": Breakage(
        "infrastructure/zenodo.ttl", "zenodo.ttl",
        replace("oikg:hostedBy <https://w3id.org/oikg/id/funder/cern>",
                "oikg:hostedBy <https://w3id.org/oikg/id/organization/cern>"),
        ZENODO, OIKG + "hostedBy", "is not described anywhere in the graph: check the IRI",
    ),
    "duplicate of an existing entity": Breakage(
        "organization/dryad.ttl", "dryad-inc.ttl", duplicate_of_dryad,
        DRYAD_ORG + "-inc", OIKG + "rorId", f"this entity duplicates it. Edit <{DRYAD_ORG}>",
    ),
    "unknown category": Breakage(
        "infrastructure/zenodo.ttl", "zenodo.ttl",
        replace("category/repository-software", "category/repository-sofware"),
        ZENODO, OIKG + "category", "use one of the concepts of the scheme",
    ),
    "wrong language tag": Breakage(
        "infrastructure/zenodo.ttl", "zenodo.ttl", replace('"Zenodo"@en', '"Zenodo"@english'),
        ZENODO, RDFS_LABEL, "use a two- or three-letter language code, such as @en",
    ),
    "grant without funder": Breakage(
        "grant/alfred-p-sloan-foundation-invest-in-open-infrastructure-2019.ttl", "grant.ttl",
        drop_line("oikg:awardedBy"),
        SLOAN_GRANT, OIKG + "awardedBy", "A grant has exactly one funder: oikg:awardedBy",
    ),
    "year in the future": Breakage(
        "infrastructure/zenodo.ttl", "zenodo.ttl",
        replace('"2013"^^xsd:gYear', '"2999"^^xsd:gYear'),
        ZENODO, OIKG + "foundingYear", "The year 2999 is in the future",
    ),
}  # fmt: skip

# The tenth way, a syntax error: the `;` after the country code is missing.
SYNTAX_ERROR = Breakage(
    "infrastructure/zenodo.ttl", "zenodo.ttl",
    replace('oikg:countryCode "CH" ;', 'oikg:countryCode "CH"'),
    ZENODO, OIKG + "countryCode", "",
)  # fmt: skip


def syntax_error_position(text: str) -> tuple[int, str]:
    """The line at which the parser meets the statement after the country code, whose `;` is
    missing in `text`, and that line: the position a syntax error must be reported at."""
    lines = text.splitlines()
    [country] = [n for n, line in enumerate(lines) if 'oikg:countryCode "CH"' in line]
    assert not lines[country].rstrip().endswith(";"), "the breakage must drop the `;`"
    return country + 2, lines[country + 1]


def test_ten_breakages_are_listed() -> None:
    assert len(BREAKAGES) + 1 == 11  # ten kinds; "malformed URL or identifier" has two examples


@pytest.mark.parametrize("kind", list(BREAKAGES))
def test_cli_names_file_line_entity_property_and_fix(kind: str, tmp_path: Path) -> None:
    breakage = BREAKAGES[kind]
    path = breakage.write(tmp_path)
    result = run_cli("validate", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    line = breakage.entity_line(path.read_text(encoding="utf-8"))
    prefix = f"{path}:{line}: <{breakage.entity}> <{breakage.path}>: error: "
    matching = [out for out in result.stdout.splitlines() if out.startswith(prefix)]
    assert matching, f"no line starts with {prefix!r} in:\n{result.stdout}"
    assert any(breakage.hint in out for out in matching), result.stdout
    assert "does not conform" in result.stderr


@pytest.mark.parametrize("kind", list(BREAKAGES))
def test_service_names_file_line_entity_property_and_fix(
    kind: str, tmp_path: Path, client: TestClient
) -> None:
    breakage = BREAKAGES[kind]
    path = breakage.write(tmp_path)
    response = client.post(
        "/validate",
        files={"file": (breakage.name, path.read_bytes(), "text/turtle")},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    report = response.json()
    assert report["conforms"] is False
    line = breakage.entity_line(path.read_text(encoding="utf-8"))
    matching = [
        r
        for r in report["results"]
        if (r["file"], r["line"], r["focusNode"], r["path"], r["severity"])
        == (breakage.name, line, breakage.entity, breakage.path, "Violation")
    ]
    assert matching, report["results"]
    assert any(breakage.hint in r["message"] for r in matching)


def test_cli_reports_a_syntax_error_with_position_entity_and_property(tmp_path: Path) -> None:
    path = SYNTAX_ERROR.write(tmp_path)
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    line, statement = syntax_error_position(path.read_text(encoding="utf-8"))
    first, source_line, caret, where = result.stderr.splitlines()[:4]
    assert re.fullmatch(rf"{re.escape(str(path))}:{line}:5: .*dot is expected.*", first), first
    assert source_line.strip() == statement.strip()
    assert caret.strip() == "^"
    assert caret.index("^") - source_line.index(statement.strip()[0]) == 0
    assert where.strip() == f"in the description of <{ZENODO}>"


def test_service_answers_a_syntax_error_with_400_line_and_column(client: TestClient) -> None:
    text = SYNTAX_ERROR.breaks((BUNDLE_DIR / "data" / SYNTAX_ERROR.source).read_text())
    response = client.post(
        "/validate",
        content=text,
        headers={"Content-Type": "text/turtle", "Accept": "application/json"},
    )
    assert response.status_code == 400
    line, _ = syntax_error_position(text)
    [error] = response.json()["errors"]
    assert (error["file"], error["line"], error["column"]) == ("contribution.ttl", line, 5)
    message = response.json()["message"]
    assert re.match(rf"contribution\.ttl:{line}:5: .*dot is expected", message)
    assert f"in the description of <{ZENODO}>" in message


def test_dangling_reference_is_reported_once(tmp_path: Path) -> None:
    path = BREAKAGES["dangling reference"].write(tmp_path)
    result = run_cli("validate", str(path))
    about_host = [line for line in result.stdout.splitlines() if f"<{OIKG}hostedBy>:" in line]
    assert len(about_host) == 1, about_host


@pytest.mark.parametrize("body", [b'"AAA"', b"42", b"  null"])
def test_json_ld_that_is_not_an_object_or_array_answers_400(
    client: TestClient, body: bytes
) -> None:
    """Found by the schemathesis run (tests/web/test_openapi.py): a bare JSON string read as an
    empty graph, which validated as a conforming contribution."""
    response = client.post(
        "/validate",
        content=body,
        headers={"Content-Type": "application/ld+json", "Accept": "application/json"},
    )
    assert response.status_code == 400
    assert "a JSON-LD document is a JSON object or array" in response.json()["message"]

"""The `kgserver` command line, run as a user runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import rdflib

from kgserver.settings import BUNDLE_DIR
from tests.conftest import free_port
from tests.curation.test_loading import INVALID_ORG, UNPARSEABLE, VALID_ORG, run_cli


def test_help_explains_every_command() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("serve", "load", "validate", "query"):
        assert re.search(rf"^\s+{command}\s+\S", result.stdout, re.MULTILINE)
    serve = run_cli("serve", "--help")
    assert "--store" in serve.stdout and "--base-url" in serve.stdout


def test_query_prints_a_table() -> None:
    result = run_cli(
        "query",
        "SELECT ?name WHERE { <https://w3id.org/oikg/id/infrastructure/zenodo> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?name }",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "name"
    assert lines[2].strip() == "Zenodo"
    assert lines[-1] == "(1 row)"


def test_query_prints_turtle_for_construct() -> None:
    result = run_cli(
        "query",
        "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t . "
        "FILTER(?s = <https://w3id.org/oikg/id/infrastructure/zenodo>) }",
    )
    assert result.returncode == 0, result.stderr
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    zenodo = rdflib.URIRef("https://w3id.org/oikg/id/infrastructure/zenodo")
    infrastructure = rdflib.URIRef("https://w3id.org/oikg/ontology#Infrastructure")
    assert (zenodo, rdflib.RDF.type, infrastructure) in graph


def test_malformed_query_exits_2_with_position() -> None:
    result = run_cli("query", "SELECT * WHERE { ?s }")
    assert result.returncode == 2
    assert re.search(r"error at 1:\d+", result.stderr)


def test_validate_accepts_the_bundled_data() -> None:
    files = [str(p) for p in sorted((BUNDLE_DIR / "data").rglob("*.ttl"))]
    result = run_cli("validate", *files)
    assert result.returncode == 0, result.stdout
    assert "0 errors" in result.stderr and result.stderr.rstrip().endswith("— conforms.")


def test_validate_reports_violations_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "nameless.ttl"
    path.write_text(INVALID_ORG)
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    focus = "<https://w3id.org/oikg/id/organization/nameless>"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    assert f"{path}:2: {focus} {label}: error: " in "\n".join(lines)
    assert any("<https://w3id.org/oikg/ontology#countryCode>" in line for line in lines)
    assert all(line.startswith(f"{path}:2: {focus} <") for line in lines)


def test_validate_reports_a_parse_error_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(UNPARSEABLE)
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert re.match(rf"{re.escape(str(path))}:3:\d+: ", result.stderr)


def test_validate_full_report_as_turtle(tmp_path: Path) -> None:
    path = tmp_path / "nameless.ttl"
    path.write_text(INVALID_ORG)
    result = run_cli("validate", "--format", "turtle", str(path))
    assert result.returncode == 1
    report = rdflib.Graph().parse(data=result.stdout, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert (None, sh.conforms, rdflib.Literal(False)) in report


def test_validate_sees_existing_entities_as_context(tmp_path: Path) -> None:
    path = tmp_path / "consortium.ttl"
    path.write_text(
        VALID_ORG.replace(
            "    dcterms:source",
            "    oikg:fundedBy <https://w3id.org/oikg/id/funder/alfred-p-sloan-foundation> ;\n"
            "    dcterms:source",
        )
    )
    assert run_cli("validate", str(path)).returncode == 0
    dangling = tmp_path / "dangling.ttl"
    dangling.write_text(path.read_text().replace("alfred-p-sloan-foundation", "no-such-funder"))
    result = run_cli("validate", str(dangling))
    assert result.returncode == 1
    assert "fundedBy" in result.stdout


def test_an_option_left_out_keeps_its_environment_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kgserver.cli import _settings

    monkeypatch.setenv("KGSERVER_BASE_URL", "https://kg.example.org")
    assert _settings(store_dir=None, base_url=None).base_url == "https://kg.example.org"
    assert _settings(base_url="http://127.0.0.1:9000").base_url == "http://127.0.0.1:9000"


def test_query_list_names_every_stored_query() -> None:
    from kgserver.query.examples import example_queries

    result = run_cli("query", "--list")
    assert result.returncode == 0, result.stderr
    listed = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert listed == [q.name for q in example_queries(BUNDLE_DIR / "queries")]


def test_query_by_name_prints_csv_of_the_stored_query() -> None:
    result = run_cli(
        "query", "--name", "cq-02-sloan-funded-infrastructures-with-open-code", "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header == "infrastructure,name,repository"
    assert rows and all(row.startswith("https://w3id.org/oikg/id/infrastructure/") for row in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "no-such-query"], "no stored query 'no-such-query'"),
        (["--name", "cq-02-sloan-funded-infrastructures-with-open-code", "--param", "x=1"], "'x'"),
        (
            ["--name", "cq-02-sloan-funded-infrastructures-with-open-code", "--param", "x"],
            "KEY=VALUE",
        ),
    ],
)
def test_query_by_name_refuses_what_it_cannot_run(args: list[str], message: str) -> None:
    result = run_cli("query", *args)
    assert result.returncode == 2
    assert message in result.stderr


def _serve_until_healthy(cache: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    with log.open("wb") as output:  # the child holds its own copy of the descriptor
        process = subprocess.Popen(
            [sys.executable, "-m", "kgserver", "serve", "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "KGSERVER_CACHE_DIR": str(cache), "PYTHONUNBUFFERED": "1"},
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"no /healthz within 120 s:\n{log.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=20)


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_serve_reuses_the_store_built_by_the_previous_start(tmp_path: Path) -> None:
    """The first start builds (saying so, with progress); the second opens what it built and
    answers the same, queries in the workers and contributions checked at once."""
    answers = []
    for start in ("first", "second"):
        log = tmp_path / f"{start}.log"
        process, url = _serve_until_healthy(tmp_path / "cache", log)
        try:
            result = httpx.get(url + "/sparql", params={"query": COUNT}, timeout=30)
            answers.append(result.json()["results"]["bindings"][0]["n"]["value"])
            zenodo = (BUNDLE_DIR / "data" / "infrastructure" / "zenodo.ttl").read_bytes()
            checked = httpx.post(
                url + "/validate",
                content=zenodo,
                headers={"Content-Type": "text/turtle", "Accept": "application/json"},
                timeout=60,
            )
            assert checked.status_code == 200, checked.text
        finally:
            _stop(process)
        said = log.read_text()
        if start == "first":
            assert "Building the bundled graph" in said
            assert re.search(r"read \d+ of \d+ files", said)
        else:
            assert "Building" not in said and "Opened the store built from" in said
    assert answers[0] == answers[1] and int(answers[0]) > 20_000
    assert len(list((tmp_path / "cache" / "stores").iterdir())) == 1


def test_an_empty_cache_setting_builds_in_memory() -> None:
    result = run_cli("query", COUNT, env={"KGSERVER_CACHE_DIR": ""})
    assert result.returncode == 0, result.stderr
    assert "Building the bundled graph" in result.stderr
    assert "Opened the store" not in result.stderr and "Cannot keep" not in result.stderr

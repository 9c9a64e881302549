"""The pages that carry the front-end bundle (/sparql, /api): same-origin assets only when it is
built, the plain form and a docs notice when it is not, and the build hook's own decisions."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from kgserver.rdf.formats import GRAPH_FORMATS, RESULTS_FORMATS
from kgserver.rdf.namespaces import PREFIXES
from kgserver.web import frontend

ROOT = Path(__file__).resolve().parents[3]
HTML = {"Accept": "text/html"}
ORIGIN = "http://testserver"


def page(client: TestClient, path: str, **params: str) -> BeautifulSoup:
    """An HTML page; a query that fails to parse (`SELECT {`) comes back as a 400 page."""
    response = client.get(path, params=params, headers=HTML)
    assert response.status_code == (400 if params.get("query") == "SELECT {" else 200)
    return BeautifulSoup(response.text, "html.parser")


def assets(soup: BeautifulSoup) -> list[str]:
    """Every URL the page loads by itself: scripts, stylesheets, icons, images."""
    found = [tag["src"] for tag in soup.find_all(["script", "img"], src=True)]
    found += [tag["href"] for tag in soup.find_all("link", href=True)]
    return [str(url) for url in found]


def editor_config(soup: BeautifulSoup) -> dict[str, Any]:
    """What the page hands the editor (the JSON of script#sparql-editor-config)."""
    script = soup.select_one("script#sparql-editor-config")
    assert script is not None and script.string is not None
    config: dict[str, Any] = json.loads(script.string)
    return config


@pytest.mark.parametrize("query", [None, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "SELECT {"])
def test_editor_pages_load_only_same_origin_assets(
    client: TestClient, bundle: frontend.Bundle, query: str | None
) -> None:
    soup = page(client, "/sparql", **({"query": query} if query else {}))
    loaded = assets(soup)
    assert loaded and all(urlsplit(url).netloc == "testserver" for url in loaded), loaded
    assert ORIGIN + "/static/build/" + bundle.files["editor.js"] in loaded
    assert ORIGIN + "/static/build/" + bundle.files["editor.css"] in loaded
    assert ORIGIN + "/static/editor.js" in loaded  # the form's helper, should the bundle not load
    for url in loaded:
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, url
    # The plain form is still there, under the editor, for what the editor does not cover.
    assert soup.select_one("form.editor[data-plain-editor] textarea[name=query]") is not None
    config = editor_config(soup)
    assert config["endpoint"] == ORIGIN + "/sparql"
    assert config["run"] is (query is not None)


def test_editor_config_carries_prefixes_examples_and_formats(
    client: TestClient, bundle: frontend.Bundle
) -> None:
    context = client.app.state.context  # type: ignore[attr-defined]
    soup = page(client, "/sparql")
    config = editor_config(soup)
    assert config["prefixes"] == PREFIXES
    assert config["base"] == "https://w3id.org/oikg/" and config["root"] == ORIGIN
    assert [e["name"] for e in config["examples"]] == [e.name for e in context.examples]
    assert config["examples"] and all(e["title"] and e["text"] for e in config["examples"])
    # parameterised examples come with their defaults bound, so that they run as picked
    offered = {e["name"]: e["text"] for e in config["examples"]}
    parameterised = [e for e in context.examples if e.parameters]
    assert parameterised
    for example in parameterised:
        assert offered[example.name] == example.bound({}) != example.text
        answer = client.post(
            "/sparql",
            data={"query": offered[example.name]},
            headers={"Accept": "application/sparql-results+json, text/turtle;q=0.9"},
        )
        assert answer.status_code == 200, example.name
    assert [f["name"] for f in config["formats"]["results"]] == [f.name for f in RESULTS_FORMATS]
    assert [f["name"] for f in config["formats"]["graph"]] == [f.name for f in GRAPH_FORMATS]
    for fmt in config["formats"]["results"]:  # each download link answers in its format
        response = client.get("/sparql", params={"query": "ASK {}", "format": fmt["name"]})
        assert response.headers["content-type"].startswith(fmt["media_type"])


def test_the_bundle_asks_no_other_host_for_styles_or_fonts(bundle: frontend.Bundle) -> None:
    """(What the scripts ask for, the browser test watches.)"""
    for name in ("editor.css", "swagger.css"):
        css = (frontend.BUILD_DIR / bundle.files[name]).read_text(encoding="utf-8")
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css), name


def test_without_the_bundle_the_editor_is_the_plain_form(client: TestClient, unbuilt: None) -> None:
    for params in ({}, {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}, {"query": "SELECT {"}):
        soup = page(client, "/sparql", **params)
        assert soup.select_one("script#sparql-editor-config") is None
        assert sorted(assets(soup)) == [ORIGIN + "/static/editor.js", ORIGIN + "/static/style.css"]
        form = soup.select_one("form.editor")
        assert form is not None and form.select_one("textarea[name=query]") is not None
        assert form.select_one("button[type=submit]") is not None
    results = page(client, "/sparql", query="SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    assert len(results.select("section.results tbody tr")) == 3


# --- The build hook (frontend/setuptools_build.py), without running npm ------------------------


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "kgserver_frontend_hook", ROOT / "frontend" / "setuptools_build.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "BUNDLE", tmp_path / "build")
    monkeypatch.setattr(module, "LOCK_STAMP", tmp_path / "lock.sha256")
    monkeypatch.delenv("KGSERVER_NO_FRONTEND", raising=False)
    return module


def test_hook_without_npm_warns_in_one_line_and_carries_on(
    hook: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(hook.shutil, "which", lambda name: None)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    reason = hook.build_frontend()
    assert reason == "npm not found"
    hook.warn(reason)
    assert capsys.readouterr().err == (
        "kgserver: the query editor was not built: npm not found;"
        " /sparql falls back to the plain form\n"
    )


def test_hook_skips_npm_while_the_bundle_matches_its_inputs(
    hook: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr(hook, "_run", lambda command, env, what: ran.append(command))
    digest = hook.inputs_digest()
    hook.BUNDLE.mkdir()
    (hook.BUNDLE / "editor.js").write_text("")
    manifest = {"inputs": digest, "assets": {"editor.js": "editor.js"}}
    (hook.BUNDLE / "manifest.json").write_text(json.dumps(manifest))
    assert hook.build_frontend() is None and ran == []
    manifest["inputs"] = "stale"
    (hook.BUNDLE / "manifest.json").write_text(json.dumps(manifest))
    monkeypatch.setattr(hook.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert hook.build_frontend() == "the build wrote no complete bundle"  # _run did nothing
    assert [command[1] for command in ran][-1] == "build.mjs"


def test_the_lock_file_takes_every_package_from_the_npm_registry() -> None:
    lock = json.loads((ROOT / "frontend" / "package-lock.json").read_text(encoding="utf-8"))
    packages = {path: entry for path, entry in lock["packages"].items() if path}
    assert packages
    for path, entry in packages.items():
        assert entry["resolved"].startswith("https://registry.npmjs.org/"), path
        assert entry["integrity"].startswith("sha512-"), path
    manifest = json.loads((ROOT / "frontend" / "package.json").read_text(encoding="utf-8"))
    pinned = {**manifest["dependencies"], **manifest["devDependencies"]}
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in pinned.values()), pinned

"""/api (web/routers/api_docs.py): Swagger UI from the front-end bundle, or why it is absent."""

from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from kgserver.web import frontend
from tests.web.routers.test_sparql_editor import ORIGIN, assets, page


def test_api_docs_come_from_the_bundle(client: TestClient, bundle: frontend.Bundle) -> None:
    response = client.get("/api")
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    loaded = assets(soup)
    assert ORIGIN + "/static/build/" + bundle.files["swagger.js"] in loaded
    assert ORIGIN + "/static/build/" + bundle.files["swagger.css"] in loaded
    assert all(urlsplit(url).netloc == "testserver" for url in loaded), loaded
    assert '"validatorUrl": null' in response.text
    assert "/openapi.json" in response.text


def test_without_the_bundle_api_says_what_is_missing(client: TestClient, unbuilt: None) -> None:
    soup = page(client, "/api")
    assert "needs the front-end build" in soup.get_text()
    assert soup.select_one("main a[href='/openapi.json']") is not None
    assert client.get("/openapi.json").json()["info"]["title"] == "kgserver"
    assert all(urlsplit(url).netloc == "testserver" for url in assets(soup))

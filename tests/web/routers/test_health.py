"""/healthz (web/routers/health.py): the store answers, with the dataset version it holds."""

from __future__ import annotations

from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.app import create_app
from kgserver.settings import Settings
from kgserver.store.bundle import Dataset


def test_healthz_reports_the_dataset_version(client: TestClient, dataset: Dataset) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": dataset.version}


def test_healthz_answers_503_when_the_store_is_empty() -> None:
    app = create_app(Settings(rate_limit=0), Store())
    with TestClient(app) as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "empty"

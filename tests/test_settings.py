"""The one settings object (kgserver/settings.py): defaults, the environment, frozen."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from kgserver.settings import BUNDLE_DIR, Settings, default_cache_dir


def test_the_defaults_serve_the_bundled_files_from_memory() -> None:
    settings = Settings()
    assert settings.bundle_dir == BUNDLE_DIR
    assert (settings.bundle_dir / "ontology").is_dir() and (settings.bundle_dir / "data").is_dir()
    assert settings.store_dir is None
    assert settings.cors_origins == ["*"]


def test_settings_come_from_kgserver_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KGSERVER_QUERY_TIMEOUT", "2.5")
    monkeypatch.setenv("KGSERVER_BASE_URL", "https://kg.example.org")
    monkeypatch.setenv("KGSERVER_CORS_ORIGINS", '["https://a.example"]')
    settings = Settings()
    assert settings.query_timeout == 2.5
    assert settings.base_url == "https://kg.example.org"
    assert settings.cors_origins == ["https://a.example"]


def test_an_empty_cache_dir_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KGSERVER_CACHE_DIR", "")
    assert Settings().cache_dir is None


def test_the_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "kgserver"
    assert Settings().cache_dir == tmp_path / "kgserver"


def test_settings_are_frozen() -> None:
    settings = Settings()
    with pytest.raises(ValidationError):
        settings.query_timeout = 1  # type: ignore[misc]


def test_the_lanes_are_the_query_worker_settings() -> None:
    settings = Settings(query_processes=3, heavy_query_processes=1, query_queue=7)
    lanes = settings.lanes()
    assert (lanes.light, lanes.heavy, lanes.max_waiting) == (3, 1, 7)
    assert lanes.light_budget == settings.query_light_budget
    assert lanes.heavy_per_client == settings.heavy_queries_per_client

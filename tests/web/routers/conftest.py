"""Fixtures shared by the route tests: the front-end bundle, built or absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgserver.web import frontend


@pytest.fixture
def bundle() -> frontend.Bundle:
    found = frontend.bundle()
    assert found is not None, "the front-end bundle is not built: run `pip install -e .` with npm"
    return found


@pytest.fixture
def unbuilt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """As after an install without npm: the build folder is empty."""
    monkeypatch.setattr(frontend, "BUILD_DIR", tmp_path)
    assert frontend.bundle() is None

"""The front-end bundle's manifest (web/frontend.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgserver.web import frontend


def test_the_built_bundle_names_every_asset_and_each_file_exists() -> None:
    built = frontend.bundle()
    assert built is not None, "the front-end bundle is not built: run `pip install -e .` with npm"
    assert sorted(built.files) == sorted(frontend.ASSETS)
    for name, file in built.files.items():
        assert (frontend.BUILD_DIR / file).is_file()
        assert built.url("http://h", name) == "http://h/static/build/" + file


def write_manifest(folder: Path, assets: dict[str, str]) -> None:
    (folder / "manifest.json").write_text(json.dumps({"assets": assets, "versions": {"x": "1"}}))


def test_a_missing_or_incomplete_build_is_no_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(frontend, "BUILD_DIR", tmp_path)
    assert frontend.bundle() is None
    names = {name: f"{name}.file" for name in frontend.ASSETS}
    write_manifest(tmp_path, names)
    assert frontend.bundle() is None  # the files it names are absent
    for file in names.values():
        (tmp_path / file).write_text("")
    (tmp_path / "manifest.json").touch()
    built = frontend.bundle()
    assert built is not None and built.files == names and built.versions == {"x": "1"}
    write_manifest(tmp_path, {"editor.js": "editor.js.file"})
    assert frontend.bundle() is None  # an asset is missing from the manifest

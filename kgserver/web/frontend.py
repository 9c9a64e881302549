"""The front-end bundle: the query editor of /sparql and Swagger UI for /api, if it was built.

`frontend/` (package.json, the lock file, our editor's sources) is bundled into
`kgserver/web/static/build/` when the package is built or installed (`frontend/setuptools_build.py`
runs `npm ci` and `frontend/build.mjs`; the folder is never committed). Without npm the install
carries on without it, and the pages fall back: /sparql to the plain form, /api to a page that
links /openapi.json. `bundle()` tells which, from the build's `manifest.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BUILD_DIR = Path(__file__).parent / "static" / "build"
"""Where the build writes the bundle (served under /static/build/)."""
URL_PATH = "/static/build/"
ASSETS = ("editor.js", "editor.css", "swagger.js", "swagger.css", "swagger.icon")
"""What the pages need of the manifest's `assets` (logical name -> file in BUILD_DIR)."""
NOT_BUILT = (  # what `kgserver serve` says at start when there is no bundle
    "kgserver: the query editor is not built (npm was missing or failed when kgserver was"
    " installed; `pip install -v -e .` shows why); /sparql falls back to the plain form"
)


@dataclass(frozen=True)
class Bundle:
    """The built assets: each logical name's file under /static/build/."""

    files: dict[str, str]
    versions: dict[str, str]

    def url(self, root: str, name: str) -> str:
        """The URL of asset `name` (`editor.js`) on the server whose root is `root`."""
        return root + URL_PATH + self.files[name]


def bundle() -> Bundle | None:
    """The bundle in BUILD_DIR, or None when it was not built (or is incomplete)."""
    manifest = BUILD_DIR / "manifest.json"
    try:
        stamp = manifest.stat().st_mtime_ns
    except OSError:
        return None
    return _read(manifest, stamp)


@lru_cache(maxsize=4)
def _read(manifest: Path, stamp: int) -> Bundle | None:
    try:
        document = json.loads(manifest.read_text(encoding="utf-8"))
        files = {name: str(document["assets"][name]) for name in ASSETS}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all((manifest.parent / file).is_file() for file in files.values()):
        return None
    return Bundle(files=files, versions=dict(document.get("versions") or {}))

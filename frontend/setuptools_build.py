"""The build hook that bundles the front end whenever setuptools builds the package.

pyproject.toml names `BuildPy` as setuptools' `build_py`, so `pip install .`, `pip install -e .`
and `pip wheel .` all run it: before the package's files are collected it runs `npm ci` on
frontend/package-lock.json and `node frontend/build.mjs`, which writes the query editor and
Swagger UI into kgserver/web/static/build/ (package data; never committed).

The build is skipped while the bundle is current — its manifest records a digest of every input
(package.json, the lock file, .npmrc, build.mjs, src/) — and `npm ci` while node_modules was
installed from this very lock file, so re-installs stay fast. Without npm or node, or when either
step fails, one warning line says so and the install carries on without the bundle: /sparql is
then the plain form and /api a page that links /openapi.json (kgserver/web/frontend.py).
KGSERVER_NO_FRONTEND=1 skips the build on purpose.

pip shows a build's output only with -v; `kgserver serve` also says at start when the bundle is
missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools.command.build_py import build_py

FRONTEND = Path(__file__).resolve().parent
ROOT = FRONTEND.parent
BUNDLE = ROOT / "kgserver" / "web" / "static" / "build"
INPUTS = ("package.json", "package-lock.json", ".npmrc", "build.mjs", "src")
LOCK_STAMP = FRONTEND / "node_modules" / ".kgserver-lock.sha256"
NPM_TIMEOUT = 900  # seconds: npm retries an unreachable registry for minutes before giving up


def inputs_digest() -> str:
    """SHA-256 over the path and content of every input file, in a stable order."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = FRONTEND / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                digest.update(file.relative_to(FRONTEND).as_posix().encode() + b"\0")
                digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


def bundle_is_current(digest: str) -> bool:
    """The bundle in BUNDLE was built from these inputs and has every asset it lists."""
    try:
        manifest = json.loads((BUNDLE / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    assets = manifest.get("assets") or {}
    return (
        manifest.get("inputs") == digest
        and bool(assets)
        and all((BUNDLE / name).is_file() for name in assets.values())
    )


def build_frontend() -> str | None:
    """Bring the bundle up to date; None when it is, else why it could not be built."""
    if os.environ.get("KGSERVER_NO_FRONTEND"):
        return "KGSERVER_NO_FRONTEND is set"
    if not (FRONTEND / "package-lock.json").is_file():
        return "frontend/package-lock.json is missing"
    digest = inputs_digest()
    if bundle_is_current(digest):
        return None
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None:
        return "npm not found"
    if node is None:
        return "node not found"
    # No install scripts (nothing of ours needs one; some packages' scripts phone home).
    env = {**os.environ, "SCARF_ANALYTICS": "false", "npm_config_ignore_scripts": "true"}
    lock = hashlib.sha256((FRONTEND / "package-lock.json").read_bytes()).hexdigest()
    installed = LOCK_STAMP.read_text().strip() if LOCK_STAMP.is_file() else ""
    if installed != lock:
        failure = _run([npm, "ci", "--no-audit", "--no-fund"], env, "npm ci")
        if failure:
            return failure
        LOCK_STAMP.write_text(lock + "\n")
    failure = _run([node, "build.mjs", "--inputs", digest], env, "the build (frontend/build.mjs)")
    if failure:
        return failure
    if not bundle_is_current(digest):
        return "the build wrote no complete bundle"
    print(f"kgserver: built the query editor into {BUNDLE.relative_to(ROOT)}", file=sys.stderr)
    return None


def _run(command: list[str], env: dict[str, str], what: str) -> str | None:
    """Run `command` in frontend/; None on success, else a one-line reason (output shown)."""
    try:
        done = subprocess.run(
            command,
            cwd=FRONTEND,
            env=env,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{what} did not finish within {NPM_TIMEOUT} s"
    except OSError as error:
        return f"{what} could not start ({error})"
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        return f"{what} failed with exit status {done.returncode}"
    return None


def warn(reason: str) -> None:
    """The one line an install says when it could not bring the bundle up to date."""
    if (BUNDLE / "manifest.json").is_file():
        line = f"the query editor was not rebuilt: {reason}; the previous build is kept"
    else:
        line = f"the query editor was not built: {reason}; /sparql falls back to the plain form"
    print(f"kgserver: {line}", file=sys.stderr)
    # pip keeps a build's output to itself unless the build fails or -v is given: tell the
    # person at the terminal directly, if there is one (a CI log has it with -v only).
    if not sys.stderr.isatty():
        try:
            with open("/dev/tty", "w", encoding="utf-8") as terminal:
                terminal.write(f"kgserver: {line}\n")
        except OSError:
            pass


class BuildPy(build_py):
    """setuptools' build_py, after bringing the front-end bundle up to date."""

    def run(self) -> None:
        reason = build_frontend()
        if reason is not None:
            warn(reason)
        # The package data may have been listed before the bundle existed: list it again.
        self.__dict__.pop("data_files", None)
        super().run()

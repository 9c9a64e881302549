"""tests/ mirrors kgserver/: every module has its test file, every test file names its module.

`kgserver/<package>/<module>.py` is tested by `tests/<package>/test_<module>.py`; a module's
tests may be split by aspect as `test_<module>_<aspect>.py` (e.g. the browser tests,
`test_sparql_browser.py`). Tests of the bundled files themselves (ontology, shapes, data,
stored queries) live in `tests/bundle/`, and the few tests of the whole live in tests/ itself.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kgserver"
TESTS = Path(__file__).resolve().parent

UNMIRRORED = {
    "__main__.py": "two lines that call cli.main; tests/test_cli.py runs `python -m kgserver`",
}
"""Modules without a test file of their own, each with the reason."""

NOT_YET_MIRRORED: frozenset[str] = frozenset()
"""Modules that were written before tests/ mirrored kgserver/ and have no test file of their own
yet (they are exercised through the routes' and the bundle's tests). The list only shrinks:
`test_the_backlog_only_shrinks` fails when a listed module gains its test file, so that it
leaves the list, and a new module is never added to it."""

WHOLE = {
    "test_docs.py": "the documentation against the code: settings, routes, commands, links",
    "test_clients.py": "standard SPARQL clients against a live server",
    "test_layout.py": "this file",
}
"""Test files of tests/ itself that test the whole rather than one module."""


def modules() -> list[Path]:
    return sorted(
        p.relative_to(PACKAGE)
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" and "static" not in p.parts
    )


def mirror_of(module: Path) -> Path:
    return TESTS / module.parent / f"test_{module.stem}.py"


def test_every_module_has_its_test_file() -> None:
    missing = [
        str(mirror_of(m).relative_to(TESTS.parent))
        for m in modules()
        if str(m) not in UNMIRRORED and str(m) not in NOT_YET_MIRRORED and not mirror_of(m).exists()
    ]
    assert missing == []


def test_every_test_file_names_a_module_of_its_package() -> None:
    strays = []
    for test in sorted(TESTS.rglob("test_*.py")):
        relative = test.relative_to(TESTS)
        if relative.parts[0] in ("bundle", "data") or str(relative) in WHOLE:
            continue
        package = PACKAGE / relative.parent
        words = test.stem.removeprefix("test_").split("_")
        # test_<module>.py, or test_<module>_<aspect>.py for a module with several test files
        names = ["_".join(words[:n]) for n in range(len(words), 0, -1)]
        if not any((package / f"{name}.py").exists() for name in names):
            strays.append(str(relative))
    assert strays == []


def test_the_exceptions_are_few_and_still_true() -> None:
    assert len(UNMIRRORED) + len(WHOLE) < 10
    for module in UNMIRRORED:
        assert (PACKAGE / module).exists(), f"{module} is gone: drop it from UNMIRRORED"
    for name in WHOLE:
        assert (TESTS / name).exists(), f"{name} is gone: drop it from WHOLE"


def test_every_test_folder_is_a_package() -> None:
    """Test files of the same name in two folders need __init__.py to be told apart."""
    folders = {t.parent for t in TESTS.rglob("test_*.py") if "data" not in t.parts}
    assert [str(f) for f in sorted(folders) if not (f / "__init__.py").exists()] == []


def test_the_backlog_only_shrinks() -> None:
    """A listed module that has gained its test file leaves NOT_YET_MIRRORED; the list holds
    no module today and may never grow."""
    mirrored = sorted(m for m in NOT_YET_MIRRORED if mirror_of(Path(m)).exists())
    gone = sorted(m for m in NOT_YET_MIRRORED if not (PACKAGE / m).exists())
    assert mirrored == [] and gone == []
    assert len(NOT_YET_MIRRORED) <= 0

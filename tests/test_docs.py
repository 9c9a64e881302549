"""The documentation keeps up with the code: every setting, route and command is documented,
every file a docstring or a link names exists, and the README stays short.

In the manner of Datasette's tests/test_docs.py and httpx's meta-tests: the lists come from the
code itself (`Settings.model_fields`, the app's routes, the click commands), so a new setting,
route or command fails here until docs/ mention it.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
import pytest
from fastapi import FastAPI

from kgserver.cli import main
from kgserver.settings import BUNDLE_DIR, Settings

ROOT = BUNDLE_DIR
DOCS = ROOT / "docs"
README = ROOT / "README.md"
README_LIMIT = 8_000
"""Characters: a README of a few screens; the manual is docs/."""

MARKDOWN = [README, ROOT / "CHANGELOG.md", ROOT / "data" / "README.md", *sorted(DOCS.rglob("*.md"))]
"""The documentation pages whose links must resolve."""

UNDOCUMENTED_ROUTES = ("/api", "/openapi.json")
"""FastAPI's generated API documentation, not routes of ours."""
UNDOCUMENTED_PREFIXES = ("/static", "/docs")

REFERENCE = re.compile(r"(?<![\w./*<>-])([\w*-][\w./*-]*\.(?:md|py|ttl|rq|csv))(?![\w/-])")
"""A file named in a docstring or comment: `kgserver/rdf/formats.py`, `shapes/rules.ttl`."""
FOLDER = re.compile(r"(?<![\w./-])([\w-]+(?:/[\w-]+)*/)(?![\w/-])")
"""A folder named in the same text (`kgserver/linked_data/`), which bare names may be in."""
SOURCE_SAMPLES = ROOT / "tests" / "data" / "importers"
"""Copies of the public sources' folders (`infra-finder/`…) that the importer tests read: the
importers' docstrings name the sources' files (`solutions.csv`), which are found there."""
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#)", re.IGNORECASE)
"""A link with a scheme (another site), or one to an anchor of the same page."""


def docs_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md")))


def code_words(markdown: str) -> set[str]:
    """The words of the markdown's code spans and blocks, without query strings: `GET /id/{path}`
    gives `GET` and `/id/{path}`; `/search?q=` gives `/search`."""
    words = set()
    for span in re.findall(r"`+([^`]+)`+", markdown):
        for word in span.replace("\\|", " ").split():
            words.add(word.split("?", 1)[0].rstrip(".,;:"))
    return words


# Settings


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented_with_its_environment_variable(name: str) -> None:
    operators = (DOCS / "operators.md").read_text(encoding="utf-8")
    variable = "KGSERVER_" + name.upper()
    assert re.search(rf"`{variable}`", operators), f"docs/operators.md does not name {variable}"
    assert re.search(rf"`{name}`", operators), f"docs/operators.md does not name setting {name}"


def test_operators_names_no_setting_that_does_not_exist() -> None:
    operators = (DOCS / "operators.md").read_text(encoding="utf-8")
    named = set(re.findall(r"KGSERVER_([A-Z_]+[A-Z])", operators))
    # Read by the build hook, not by the server: frontend/setuptools_build.py.
    build_time = {"NO_FRONTEND"}
    assert "KGSERVER_NO_FRONTEND" in (ROOT / "frontend" / "setuptools_build.py").read_text()
    assert named - {name.upper() for name in Settings.model_fields} - build_time == set()


# Routes


def route_paths(routes: Iterable[object], prefix: str = "") -> Iterator[str]:
    """Every path the app answers, including those of included routers (however FastAPI
    nests them: flat `APIRoute`s, or routers kept whole with their include prefix)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context = getattr(route, "include_context", None)
            yield from route_paths(included.routes, prefix + getattr(context, "prefix", ""))
            continue
        path = getattr(route, "path", None)
        if isinstance(path, str):
            yield prefix + path


def documented_form(path: str) -> str:
    """`/id/{path:path}` is written `/id/{path}`: parameters without their converters; a route
    of one stored query (`/api/queries/cq-09-fiscal-sponsors`, for queries/cq-09-….rq) is
    documented as `/api/queries/{name}`."""
    folder, _, name = path.rpartition("/")
    if folder == "/api/queries" and (ROOT / "queries" / f"{name}.rq").is_file():
        return folder + "/{name}"
    return re.sub(r"\{(\w+):\w+\}", r"{\1}", path)


def served_paths(app: FastAPI) -> list[str]:
    paths = {documented_form(p) for p in route_paths(app.routes)}
    return sorted(
        p
        for p in paths
        if p not in UNDOCUMENTED_ROUTES
        and not any(p == q or p.startswith(q + "/") for q in UNDOCUMENTED_PREFIXES)
    )


def test_the_routes_are_found(app: FastAPI) -> None:
    """Guards the next test against passing on an empty list if FastAPI changes its routes."""
    paths = served_paths(app)
    assert {"/sparql", "/id/{path}", "/healthz", "/"} <= set(paths), paths


def test_every_route_is_documented(app: FastAPI) -> None:
    documented = code_words(docs_text())
    missing = [path for path in served_paths(app) if path not in documented]
    assert missing == [], f"routes not named (in `code`) anywhere in docs/: {missing}"


# Commands


def commands(group: click.Group, prefix: str = "kgserver") -> Iterator[tuple[str, click.Command]]:
    """Every command and subcommand, as typed: `kgserver serve`, `kgserver import all`."""
    for name, command in sorted(group.commands.items()):
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix} {name}")


def cli_docs() -> str:
    return "\n".join(
        (DOCS / name).read_text(encoding="utf-8") for name in ("operators.md", "contract.md")
    )


COMMANDS = list(commands(main))


def test_the_commands_are_found() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"kgserver serve", "kgserver import", "kgserver import all"} <= names, names


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_every_command_is_documented(name: str) -> None:
    assert name in cli_docs(), f"neither docs/operators.md nor docs/contract.md names `{name}`"


@pytest.mark.parametrize(
    ("name", "option"),
    [
        (name, option)
        for name, command in [("kgserver", main), *COMMANDS]
        for param in command.params
        if isinstance(param, click.Option)
        for option in param.opts
        if option.startswith("--")
    ],
)
def test_every_option_is_documented(name: str, option: str) -> None:
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", cli_docs()), (
        f"`{name} {option}` is not named in docs/operators.md or docs/contract.md"
    )


# References


def comments_and_docstrings(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of every docstring (any string statement) and comment of a module."""
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            yield node.lineno, node.value.value
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string


def resolves(reference: str, text: str, mentioned_in: Path) -> bool:
    """Whether `reference` names a file of the repository, read from the repository root, the
    mentioning file's folder, a folder the same text names, or — for a source's file — the
    sample copies of the sources. An entity's path under /id/ (`infrastructure/zenodo.ttl`)
    is its data file in data/."""
    bases = [ROOT, mentioned_in.parent, *(ROOT / folder for folder in FOLDER.findall(text))]
    if "/" in reference:
        bases.append(ROOT / "data")
    else:
        bases += sorted(p for p in SOURCE_SAMPLES.iterdir() if p.is_dir())
    for base in bases:
        if "*" in reference:
            if any(base.glob(reference)):
                return True
        elif (base / reference).is_file():
            return True
    return False


def unresolved_references(files: Iterable[Path]) -> list[tuple[Path, int, str]]:
    """(file, line, reference) for every reference in `files` that names no file."""
    return [
        (path, line, reference)
        for path in files
        for line, text in comments_and_docstrings(path)
        for reference in REFERENCE.findall(text)
        if not resolves(reference, text, path)
    ]


def test_references_are_found() -> None:
    """Guards the next test: the references it checks are really read."""
    found = {
        reference
        for line, text in comments_and_docstrings(ROOT / "kgserver" / "query" / "screening.py")
        for reference in REFERENCE.findall(text)
    }
    assert "docs/notes/pyoxigraph-and-endpoints.md" in found, found


def test_every_file_a_docstring_or_comment_names_exists() -> None:
    missing = unresolved_references(sorted((ROOT / "kgserver").rglob("*.py")))
    assert missing == [], "references to files that do not exist:\n" + "\n".join(
        f"{path.relative_to(ROOT)}:{line}: {reference}" for path, line, reference in missing
    )


def test_a_reference_to_a_missing_file_is_reported(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        '"""See docs/no-such-page.md and kgserver/cli.py."""\n# and shapes/rules.ttl\n',
        encoding="utf-8",
    )
    assert unresolved_references([module]) == [(module, 1, "docs/no-such-page.md")]


def prose(markdown: str) -> str:
    """The markdown without its fenced code blocks (whose `#` lines are not headings)."""
    return re.sub(r"^[ \t]*```.*?^[ \t]*```", "", markdown, flags=re.MULTILINE | re.DOTALL)


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives the page's headings: lower case, punctuation dropped, spaces
    as hyphens ("## Over HTTP: POST /validate" is `#over-http-post-validate`)."""
    headings = re.findall(r"^#+ (.+)$", prose(page.read_text(encoding="utf-8")), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def broken_links(page: Path) -> list[str]:
    """The links of `page` to files that do not exist, or to headings they do not have."""
    broken = []
    for target in LINK.findall(prose(page.read_text(encoding="utf-8"))):
        if EXTERNAL.match(target) and not target.startswith("#"):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path.split("?", 1)[0]) if path else page
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(target)
    return broken


@pytest.mark.parametrize("page", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(page: Path) -> None:
    assert broken_links(page) == [], f"{page.relative_to(ROOT)}: links to nothing"


def test_a_broken_link_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# Other page\n\n## Some section\n", encoding="utf-8")
    page.write_text(
        "# Page\n[a](other.md#some-section) [b](missing.md) [c](other.md#nowhere) [d](#page)"
        " [e](https://example.org/x.md) [f](#nowhere)\n",
        encoding="utf-8",
    )
    assert broken_links(page) == ["missing.md", "other.md#nowhere", "#nowhere"]


# The README


def test_the_readme_is_a_few_screens() -> None:
    assert len(README.read_text(encoding="utf-8")) < README_LIMIT


def test_the_readme_links_every_docs_page() -> None:
    readme = README.read_text(encoding="utf-8")
    linked = {target.split("#", 1)[0] for target in LINK.findall(readme)}
    pages = {path.relative_to(ROOT).as_posix() for path in DOCS.glob("*.md")}
    assert pages - linked == set(), "docs pages a README reader cannot reach"

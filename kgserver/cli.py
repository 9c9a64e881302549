"""The `kgserver` command line: serve, load, validate and query (see CONTRACT.md)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, RdfFormat, Store

from kgserver import store as stores
from kgserver.errors import InputError, KGError, StoreError, ValidationFailed
from kgserver.graph import Dataset, read_bundle
from kgserver.settings import Settings
from kgserver.validation import ValidationReport

STORE_HELP = "Folder of a persistent Oxigraph store (created and filled from the bundle if empty)."


def _progress(done: int, total: int, name: str) -> None:
    """Report file-by-file progress on stderr when a load is long enough to wait for."""
    if total >= 20 and sys.stderr.isatty():
        click.echo(f"\r  [{done}/{total}] {name[-60:]:<60}", err=True, nl=done == total)


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def print_report(report: ValidationReport, origins: dict[str, str]) -> None:
    """One line per result: `FILE: <focus node> <path>: message` (CONTRACT.md, validate)."""
    for result in report.results:
        where = origins.get(result.focus_node, "(graph)")
        value = f" (value: {result.value})" if result.value else ""
        severity = "" if result.severity == "Violation" else f"[{result.severity.lower()}] "
        click.echo(
            f"{where}: <{result.focus_node}> <{result.path}>: {severity}{result.message}{value}"
        )


def _open_or_build(store_dir: Path | None, settings: Settings) -> Store:
    """The store to work on: the persistent one (built from the bundle if empty) or in memory."""
    store = stores.open_store(store_dir)
    if stores.is_empty(store):
        click.echo(f"Building the bundled graph from {settings.bundle_dir} …", err=True)
        started = time.perf_counter()
        dataset = stores.build(store, settings.bundle_dir, _progress)
        click.echo(
            f"Loaded {len(dataset.quads)} triples from {len(dataset.files)} files, validated,"
            f" in {time.perf_counter() - started:.1f} s (version {dataset.version});"
            f" {_inferred(dataset)}",
            err=True,
        )
    return store


def _inferred(dataset: Dataset) -> str:
    inference = dataset.inference
    if inference is None:
        return "no reasoning."
    return f"reasoning added {inference.triples} triples in {inference.seconds * 1000:.0f} ms."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kgserver")
def main() -> None:
    """kgserver: the open knowledge graph of open research infrastructure.

    The bundled ontology/, shapes/ and data/ are validated with SHACL and loaded into an
    Oxigraph store, which `serve` publishes as a SPARQL 1.1 endpoint at /sparql.
    """


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option("--base-url", help="Public URL of the server, e.g. https://kg.example.org.")
def serve(host: str, port: int, store_dir: Path | None, base_url: str | None) -> None:
    """Serve the graph over HTTP: SPARQL at /sparql, health at /healthz.

    Without --store the bundled graph is validated and loaded into memory at start.
    """
    import uvicorn

    from kgserver.app import create_app

    settings = Settings(store_dir=store_dir, base_url=base_url)
    try:
        store = _open_or_build(store_dir, settings)
        app = create_app(settings, store)
    except (StoreError, InputError) as error:
        _fail(str(error), 2)
    except ValidationFailed as failure:
        _report_failure(failure)
    click.echo(
        f"Serving on http://{host}:{port}/ — SPARQL at http://{host}:{port}/sparql", err=True
    )
    uvicorn.run(app, host=host, port=port, log_level="info")


def _report_failure(failure: ValidationFailed) -> None:
    assert isinstance(failure.report, ValidationReport)
    print_report(failure.report, {})
    _fail(f"Validation failed: {len(failure.report.violations)} violation(s); nothing loaded.", 1)


@main.command()
@click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder of the persistent Oxigraph store to load into.",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL (bulk third-party data).")
@click.option(
    "--graph", default=None, help="Named graph for the files' triples (default: the data graph)."
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def load(store_dir: Path, no_validate: bool, graph: str | None, files: tuple[Path, ...]) -> None:
    """Parse, validate and load FILES into the store in one transaction.

    Formats come from the extension: .ttl .nt .nq .trig .rdf .owl .jsonld, optionally .gz.
    If any file fails to parse or validate, nothing is written. An empty store is first
    filled with the bundled graph, so contributions are validated in its context.
    """
    from kgserver import iris

    settings = Settings(store_dir=store_dir)
    try:
        store = _open_or_build(store_dir, settings)
        added = stores.load_files(
            store, list(files), graph or iris.DATA_GRAPH, check=not no_validate, progress=_progress
        )
    except InputError as error:
        _fail(str(error), 2)
    except StoreError as error:
        _fail(str(error), 2)
    except ValidationFailed as failure:
        assert isinstance(failure.report, ValidationReport)
        print_report(failure.report, _origins(files))
        _fail(
            f"Validation failed: {len(failure.report.violations)} violation(s);"
            " nothing was written to the store.",
            1,
        )
    store.flush()
    click.echo(f"Loaded {added} triples from {len(files)} file(s) into {store_dir}.", err=True)


def _origins(files: tuple[Path, ...] | list[Path]) -> dict[str, str]:
    """Which file each subject IRI is described in, for pointing curators at it."""
    from pyoxigraph import NamedNode

    from kgserver.graph import parse_file

    origins: dict[str, str] = {}
    for path in files:
        try:
            for quad in parse_file(path, None):
                if isinstance(quad.subject, NamedNode):
                    origins.setdefault(quad.subject.value, str(path))
        except InputError:
            continue
    return origins


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "turtle", "json"]),
    default="text",
    show_default=True,
    help="text: one line per result; turtle or json: the full SHACL validation report.",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(output_format: str, files: tuple[Path, ...]) -> None:
    """Validate contribution FILES in the context of the bundled graph.

    Exit 0: conforms. Exit 1: SHACL violations. Exit 2: a file cannot be read or parsed.
    """
    from kgserver import iris
    from kgserver.graph import parse_file
    from kgserver.validation import validate_contribution

    try:
        dataset = read_bundle(Settings().bundle_dir)
        contribution = [q for path in files for q in parse_file(path, iris.DATA_GRAPH)]
    except InputError as error:
        _fail(str(error), 2)
    report = validate_contribution(
        dataset.data, contribution, dataset.shapes, dataset.ontology, replaces=True
    )
    if output_format == "turtle":
        click.echo(report.graph.serialize(format="turtle"))
    elif output_format == "json":
        click.echo(report.graph.serialize(format="json-ld", indent=2))
    else:
        print_report(report, _origins(files))
        violations = len(report.violations)
        click.echo(
            f"{len(files)} file(s): {violations} violation(s),"
            f" {len(report.results) - violations} other result(s).",
            err=True,
        )
    sys.exit(0 if report.conforms else 1)


@main.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help=STORE_HELP)
@click.argument("sparql")
def query(store_dir: Path | None, sparql: str) -> None:
    """Run a SPARQL query on the bundled graph (or --store) and print the results.

    SELECT and ASK print as a table, CONSTRUCT and DESCRIBE as Turtle. The default graph is
    the union of all graphs.
    """
    settings = Settings(store_dir=store_dir)
    try:
        store = _open_or_build(store_dir, settings)
        result = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as error:
        _fail(f"malformed query: {error}", 2)
    except (StoreError, InputError, KGError) as error:
        _fail(str(error), 2)
    except ValidationFailed as failure:
        _report_failure(failure)
    if isinstance(result, QueryBoolean):
        click.echo("true" if result else "false")
    elif isinstance(result, QuerySolutions):
        click.echo(_table(result))
    elif isinstance(result, QueryTriples):
        click.echo((result.serialize(format=RdfFormat.TURTLE) or b"").decode("utf-8"), nl=False)


def _table(solutions: QuerySolutions) -> str:
    names = [v.value for v in solutions.variables]
    rows = [[_show(solution[name]) for name in names] for solution in solutions]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = " | ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    out = [line, "-+-".join("-" * w for w in widths)]
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _show(term: object) -> str:
    if term is None:
        return ""
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)

from kgserver.importers.command import import_command  # noqa: E402

main.add_command(import_command)

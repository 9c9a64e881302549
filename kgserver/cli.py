"""The `kgserver` command line: serve, load, validate, query and import (docs/contract.md)."""

from __future__ import annotations

import json
import signal
import sys
import time
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path

import click
from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, Store

from kgserver.curation.contribution import Location, Source, bundle_locations, read_contribution
from kgserver.curation.in_context import validate_contribution
from kgserver.curation.loading import build, load_files
from kgserver.curation.reporting import json_summary, place, summary_line
from kgserver.curation.validation import ValidationReport
from kgserver.errors import (
    ContributionUnparseable,
    InputError,
    KGError,
    StoreError,
    ValidationFailed,
)
from kgserver.query.examples import ExampleQuery, example_queries
from kgserver.query.result_rows import rows_json
from kgserver.rdf import iris
from kgserver.rdf.files import format_of, read_bytes
from kgserver.rdf.formats import CSV, SPARQL_JSON, TSV, TURTLE
from kgserver.settings import Settings
from kgserver.store.built_stores import built_store, bundle_key
from kgserver.store.bundle import Dataset, read_bundle
from kgserver.store.opening import is_empty, open_store
from kgserver.store.version import dataset_version

STORE_HELP = "Folder of a persistent Oxigraph store (created and filled from the bundle if empty)."


def _progress(done: int, total: int, name: str) -> None:
    """Report file-by-file progress on stderr: one line rewritten on a terminal, else a line
    at each quarter (a long build shows that it moves)."""
    if total < 20:
        return
    if sys.stderr.isatty():
        click.echo(f"\r  [{done}/{total}] {name[-60:]:<60}", err=True, nl=done == total)
    elif done == total or done * 4 // total != (done - 1) * 4 // total:
        click.echo(f"  read {done} of {total} files", err=True)


def _settings(**options: object) -> Settings:
    """The settings, with the options given on the command line over the environment's
    (an option left out keeps `KGSERVER_<NAME>` or the default)."""
    given = {name: value for name, value in options.items() if value is not None}
    return Settings.model_validate(given)


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def print_report(report: ValidationReport, locations: Mapping[str, Location]) -> None:
    """One line per result, grouped by file and entity (docs/contract.md, validate):
    `FILE:LINE: <entity> <property>: error|warning|info: message (value: …)`."""
    for finding in place(report, locations):
        line = finding.as_line()
        where, _, rest = line.partition(": ")
        click.echo(click.style(where + ":", bold=True) + " " + _coloured(rest, finding.level))


def _coloured(text: str, level: str) -> str:
    """Colour the level word; click drops the colour when stdout is not a terminal."""
    head, _, tail = text.partition(f": {level}: ")
    colour = {"error": "red", "warning": "yellow", "info": "cyan"}[level]
    return head + ": " + click.style(level, fg=colour, bold=True) + ": " + tail


def _open_or_build(settings: Settings) -> tuple[Store, Path | None]:
    """The store to work on, and the folder query workers can open (None: in memory only).

    --store: the persistent one, built from the bundle if empty. Without it, the store built
    from the bundle by an earlier start, kept in `cache_dir` (docs/operators.md, "Starting
    fast"), or built now and kept there; in memory if there is no cache to keep it in.
    """
    if settings.store_dir is None and settings.cache_dir is not None:
        try:
            key = bundle_key(settings.bundle_dir)
            kept = built_store(settings.cache_dir, key, lambda store: _build(store, settings))
        except OSError as error:
            click.echo(
                f"Cannot keep the built store in {settings.cache_dir} ({error}): building it"
                " in memory.",
                err=True,
            )
        else:
            if not kept.built:
                click.echo(
                    f"Opened the store built from {settings.bundle_dir} ({kept.path},"
                    f" version {dataset_version(kept.store)}) in {kept.seconds:.2f} s",
                    err=True,
                )
            return kept.store, kept.path
    store = open_store(settings.store_dir)
    if is_empty(store):
        _build(store, settings)
    return store, settings.store_dir


def _build(store: Store, settings: Settings) -> None:
    """Read, validate and reason over the bundle into `store`, saying what it costs."""
    click.echo(
        f"Building the bundled graph from {settings.bundle_dir} (read, validated with SHACL,"
        " reasoned over) …",
        err=True,
    )
    started = time.perf_counter()
    dataset = build(store, settings.bundle_dir, _progress)
    click.echo(
        f"Loaded {len(dataset.quads)} triples from {len(dataset.files)} files, validated,"
        f" in {time.perf_counter() - started:.1f} s (version {dataset.version});"
        f" {_inferred(dataset)}",
        err=True,
    )


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
    /sparql queries run in worker processes, stopped after KGSERVER_QUERY_TIMEOUT seconds;
    POST /validate contributions in others, under KGSERVER_CONTRIBUTION_TIMEOUT and
    KGSERVER_CONTRIBUTION_MEMORY_MB.
    """
    import uvicorn

    from kgserver.app import create_app
    from kgserver.curation.workers import contribution_workers
    from kgserver.query.workers import query_workers
    from kgserver.web import frontend
    from kgserver.web.http_limits import HeadLimits, limited_protocol

    settings = _settings(store_dir=store_dir, base_url=base_url)
    with ExitStack() as stack:
        try:
            store, store_path = _open_or_build(settings)
            workers = None
            if settings.query_timeout > 0:
                if settings.store_dir is not None:
                    store.flush()  # the workers open the directory read-only: let them see it
                workers = stack.enter_context(
                    query_workers(
                        store,
                        store_path,
                        settings.lanes(),
                        settings.query_timeout,
                    )
                )
            checkers = None
            if settings.contribution_processes > 0:
                checkers = stack.enter_context(
                    contribution_workers(
                        store,
                        settings.contribution_processes,
                        settings.contribution_timeout,
                        settings.contribution_memory_mb,
                        settings.contribution_queue,
                        wait=False,  # they load the graph while the server starts
                    )
                )
            app = create_app(settings, store, workers, checkers)
        except (StoreError, InputError) as error:
            _fail(str(error), 2)
        except ValidationFailed as failure:
            _report_failure(failure, settings.bundle_dir)
        click.echo(
            f"Serving on http://{host}:{port}/ — SPARQL at http://{host}:{port}/sparql", err=True
        )
        if frontend.bundle() is None:
            click.echo(frontend.NOT_BUILT, err=True)
        # uvicorn re-raises the SIGTERM it shut down on; as SystemExit it stops the workers and
        # removes their store copy on the way out (Ctrl-C does so as KeyboardInterrupt).
        signal.signal(signal.SIGTERM, lambda signum, _: sys.exit(128 + signum))
        limits = HeadLimits(
            settings.max_url_bytes, settings.max_header_bytes, settings.max_headers_bytes
        )
        uvicorn.run(app, host=host, port=port, log_level="info", http=limited_protocol(limits))


def _report_failure(failure: ValidationFailed, bundle_dir: Path) -> None:
    assert isinstance(failure.report, ValidationReport)
    focus = {r.focus_node for r in failure.report.results}
    print_report(failure.report, bundle_locations(bundle_dir, focus))
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

    settings = _settings(store_dir=store_dir)
    try:
        store, _ = _open_or_build(settings)
        added = load_files(
            store, list(files), graph or iris.DATA_GRAPH, check=not no_validate, progress=_progress
        )
    except InputError as error:
        _fail(str(error), 2)
    except StoreError as error:
        _fail(str(error), 2)
    except ValidationFailed as failure:
        assert isinstance(failure.report, ValidationReport)
        print_report(failure.report, _locations(files))
        _fail(
            f"Validation failed: {len(failure.report.violations)} violation(s);"
            " nothing was written to the store.",
            1,
        )
    store.flush()
    click.echo(f"Loaded {added} triples from {len(files)} file(s) into {store_dir}.", err=True)


def _locations(files: Sequence[Path]) -> dict[str, Location]:
    """Where each entity of `files` is written, for pointing curators at it."""
    try:
        return read_contribution(_sources(files)).locations
    except (ContributionUnparseable, InputError):
        return {}


def _sources(files: Sequence[Path]) -> list[Source]:
    return [
        Source(str(path), read_bytes(path), format_of(path)[0], path.resolve().as_uri())
        for path in files
    ]


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "turtle", "json"]),
    default="text",
    show_default=True,
    help="text: one line per result; turtle: the SHACL validation report; json: a summary "
    "with the counts and every result, with file and line.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on violations.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(output_format: str, strict: bool, files: tuple[Path, ...]) -> None:
    """Validate contribution FILES in the context of the bundled graph.

    The files' entities replace their bundled descriptions (a changed file in data/ is checked
    as it now stands); references to existing entities resolve and duplicates are seen, but
    only what the files add or change is reported. Errors (violations) fail; warnings are
    shown and fail only with --strict; infos suggest.

    Exit 0: conforms. Exit 1: violations (or warnings with --strict). Exit 2: a file cannot
    be read or parsed, printed as FILE:LINE:COLUMN: message.
    """
    settings = Settings()
    errors: list[str] = []
    sources: list[Source] = []
    for path in files:
        try:
            sources.extend(_sources([path]))
        except InputError as error:
            errors.append(str(error))
    try:
        contribution = read_contribution(sources)
    except ContributionUnparseable as unparseable:
        errors += unparseable.explained
    if errors:
        for message in errors:
            click.echo(message, err=True)
        _fail(f"{len(errors)} file(s) cannot be read or parsed; nothing was validated.", 2)
    dataset = read_bundle(settings.bundle_dir)
    report = validate_contribution(
        dataset.data, contribution.quads, dataset.shapes, dataset.ontology, replaces=True
    )
    locations = dict(contribution.locations)
    elsewhere = {r.focus_node for r in report.results} - set(locations)
    locations.update(bundle_locations(settings.bundle_dir, elsewhere))
    if output_format == "turtle":
        click.echo(report.graph.serialize(format="turtle"))
    elif output_format == "json":
        click.echo(json.dumps(json_summary(report, locations, strict), indent=2))
    else:
        print_report(report, locations)
        click.echo(summary_line(report, len(files), len(contribution.entities), strict), err=True)
    sys.exit(1 if report.fails(strict) else 0)


@main.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option("--list", "listing", is_flag=True, help="List the stored queries of queries/.")
@click.option("--name", help="Run the stored query NAME (see --list) instead of SPARQL.")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the stored query (repeatable); bound as an RDF term of its type.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="SELECT/ASK output: a table, CSV, TSV or JSON rows (graphs always print as Turtle).",
)
@click.argument("sparql", required=False)
def query(
    store_dir: Path | None,
    listing: bool,
    name: str | None,
    params: tuple[str, ...],
    output_format: str,
    sparql: str | None,
) -> None:
    """Run a SPARQL query on the bundled graph (or --store) and print the results.

    SELECT and ASK print as a table (or --format csv|tsv|json), CONSTRUCT and DESCRIBE as
    Turtle. The default graph is the union of all graphs. With --name, run a stored query of
    queries/ with its --param values; --list shows them and their parameters.
    """
    settings = _settings(store_dir=store_dir)
    examples = {e.name: e for e in example_queries(settings.bundle_dir / "queries")}
    if listing:
        for example in examples.values():
            declared = " ".join(f"{p.name}:{p.type}" for p in example.parameters)
            click.echo(f"{example.name}\t{example.title}" + (f"\t[{declared}]" if declared else ""))
        return
    try:
        sparql = _query_text(examples, name, params, sparql)
        store, _ = _open_or_build(settings)
        result = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as error:
        _fail(f"malformed query: {error}", 2)
    except (StoreError, InputError, KGError) as error:
        _fail(str(error), 2)
    except ValidationFailed as failure:
        _report_failure(failure, settings.bundle_dir)
    if isinstance(result, QueryTriples):
        click.echo((result.serialize(format=TURTLE.rdf_format) or b"").decode("utf-8"), nl=False)
    elif output_format != "table":
        body = result.serialize(format=CLI_FORMATS[output_format].oxigraph) or b""  # type: ignore[arg-type]
        if output_format == "json":
            click.echo(rows_json(body).decode())
        else:
            click.echo(body.decode(), nl=False)
    elif isinstance(result, QueryBoolean):
        click.echo("true" if result else "false")
    else:
        click.echo(_table(result))


CLI_FORMATS = {"csv": CSV, "tsv": TSV, "json": SPARQL_JSON}


def _query_text(
    examples: Mapping[str, ExampleQuery],
    name: str | None,
    params: Sequence[str],
    sparql: str | None,
) -> str:
    """The query to run: SPARQL as given, or the stored query NAME with its parameters bound."""
    if name is None:
        if sparql is None or params:
            raise click.UsageError("give a SPARQL query, or --name NAME [--param KEY=VALUE …]")
        return sparql
    if sparql is not None:
        raise click.UsageError("give either a SPARQL query or --name, not both")
    if name not in examples:
        raise KGError(f"no stored query {name!r}; `kgserver query --list` lists them")
    values: dict[str, str] = {}
    for param in params:
        key, equals, value = param.partition("=")
        if not equals:
            raise click.UsageError(f"--param takes KEY=VALUE, not {param!r}")
        values[key.strip()] = value
    return examples[name].bound(values)


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

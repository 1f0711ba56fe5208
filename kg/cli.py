"""The ``kg`` command: each command parses its arguments, calls one library function, renders what it returns.

Errors become exit codes inside the app (see :class:`_KgGroup`), so in-process runs (typer's ``CliRunner``)
see the codes the installed command ends with: 0 ok; 1 the data does not conform (validate) or some input of a
batch failed (ingest); 2 bad usage, bad input, or output that cannot be written; 3 store problems; 4 query
errors; 5 remote endpoint errors; 6 nothing matched (a name that designates nothing); 130 interrupted; 141 the
reader of the output went away (a closed pipe).

What is printed is printed exactly: no markup, no emoji codes. File names are always escaped (a newline, ESC or
a byte that is not UTF-8 cannot break or recolour a line); text from the store is escaped where it goes to a
terminal, and written as it is to a pipe or file.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from typer.core import TyperGroup

from kg import __version__
from kg.errors import KgError, UsageError
from kg.model import Language
from kg.reason import ReasoningEngine
from kg.render import ExportFormat, OutputFormat
from kg.store import DEFAULT_TIMEOUT_S, Store
from kg.terminal import binary_stdout, encodable, escape_name, quiet_stdout, say, write_out, writing

DISTRIBUTION = "aipkg-kg"
EXIT_INTERRUPTED, EXIT_CLOSED_PIPE = 130, 141


class _KgGroup(TyperGroup):
    """The app's command group: a :class:`KgError` becomes ``error: ...`` on standard error and its exit code
    here, inside the app, rather than in ``main()``: a test running the app in-process sees the same code as
    a user of the installed command. So do Ctrl-C (130) and a closed output pipe (141, silently)."""

    def invoke(self, ctx: Any) -> Any:  # a click Context; recent typer (0.29) vendors click, so it is not imported
        try:
            result = super().invoke(ctx)
            with writing():
                sys.stdout.flush()
            return result
        except KgError as exc:
            with contextlib.suppress(OSError):
                say(f"error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            with contextlib.suppress(OSError):
                say("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            quiet_stdout()
            raise typer.Exit(EXIT_CLOSED_PIPE) from None


app = typer.Typer(
    name="kg",
    cls=_KgGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        write_out(f"kg {__version__} ({DISTRIBUTION})\n")
        raise typer.Exit()


_ENDPOINT: dict[str, str | None] = {}  # a SPARQL store's update and graph store URLs, from the options below


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit.")] = False,
    update_url: Annotated[str | None, typer.Option(help="A SPARQL store's update URL, if not where its server keeps it ($KG_STORE_UPDATE_URL).")] = None,
    gsp_url: Annotated[str | None, typer.Option(help="A SPARQL store's Graph Store Protocol URL, to fetch graphs from ($KG_STORE_GSP_URL).")] = None,
) -> None:
    """aipkg: a knowledge graph of corporate AI partnerships, read from news articles, with citations.

    Example: kg ingest examples/articles/ && kg query sk-executives-per-meeting
    """
    _ENDPOINT.update(update_url=update_url, gsp_url=gsp_url)


class ValidationEngine(str, Enum):
    """The validate package has no Enum of its own yet: the CLI's choices, passed on as their values."""

    FAST = "fast"
    PYSHACL = "pyshacl"


StoreOpt = Annotated[
    str | None,
    typer.Option("--store", help="Store directory or SPARQL endpoint URL (default: $KG_STORE, else ~/.local/share/aipkg/store)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON for programs instead of text.")]


@contextlib.contextmanager
def _open(location: str | None, *, read_only: bool = False, allow_network: bool = False) -> Iterator[Store]:
    from kg.store import open_store

    with open_store(location, read_only=read_only, allow_network=allow_network, **_ENDPOINT) as store:
        yield store


def _text(value: str, what: str) -> str:
    """An argument that is text, not a file name: bytes that are not UTF-8 are refused, not passed on."""
    if encodable(value) != value:
        raise UsageError(f"{what} is not valid UTF-8: {escape_name(value)}")
    return value


def _parse_published(text: str | None) -> date | datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"--published wants an ISO date (2025-07-21) or date-time, not {escape_name(text)!r}") from exc


def _parse_params(items: list[str] | None) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items or []:
        key, sep, value = _text(item, "--param").partition("=")
        if not sep or not key:
            raise UsageError(f"--param wants name=value, not {item!r}")
        params[key.strip()] = value
    return params


def _needs(module: str, extra: str, engine: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise UsageError(f"the {engine} engine needs the {module} package: pip install '{DISTRIBUTION}[{extra}]' "
                         "(or use --engine fast)")


INGEST_HELP = "Article files (text, HTML, JSON Lines) or folders; - reads file paths or JSON Lines records from standard input."


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help=INGEST_HELP, metavar="PATH... | -")],
    store: StoreOpt = None,
    published: Annotated[str | None, typer.Option(help="Publication date for every article (overrides the text).")] = None,
    validate: Annotated[bool, typer.Option(help="SHACL-validate what each article adds.")] = True,
    reason: Annotated[bool, typer.Option(help="Add OWL RL inferences of each article.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary (and what was skipped).")] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Processes for extraction and validation (writing stays in one).")] = 1,
    full_validation: Annotated[bool, typer.Option(help="Validate with pySHACL instead of the compiled shapes (slow).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article outcome on standard output; the summary goes to standard error.")] = False,
    time_limit: Annotated[float | None, typer.Option("--time-limit", min=0, help="Seconds one article may take to extract, resolve and check (default 120; 0: none); an article over it is skipped and named.")] = None,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help="Follow symbolic links that lead out of a folder (by default they are named and skipped).")] = False,
    language: Annotated[Language | None, typer.Option(help="The articles' language (by default each article's own, from its share of Hangul).")] = None,
) -> None:
    """Read, extract, resolve and store articles; each article is stored whole or not at all.

    Example: kg ingest examples/articles/   (or: find news/ -name '*.html' | kg ingest -)
    """
    from kg.cli_sources import count_articles, from_stdin
    from kg.ingest import DEFAULT_TIME_LIMIT, ArticleOutcome, IngestReport, ingest_paths
    from kg.model import ReadFailure
    from kg.render import ingest_summary, item_lines, outcome_json
    from kg.terminal import IngestProgress

    when = _parse_published(published)
    if "-" in paths and len(paths) > 1:
        raise UsageError("- (standard input) cannot be mixed with other paths")
    files = [Path(p) for p in paths if p != "-"]
    articles = from_stdin(cast(io.BufferedReader, sys.stdin.buffer), published=when) if paths == ["-"] else None
    report = IngestReport()
    every = float(os.environ.get("KG_PROGRESS_SECONDS") or 10)
    progress = IngestProgress(sys.stderr, None if articles is not None else count_articles(files), enabled=not quiet, every=every)

    def on_item(item: ArticleOutcome | ReadFailure) -> None:
        (report.failures if isinstance(item, ReadFailure) else report.outcomes).append(item)  # type: ignore[arg-type]
        progress.advance()
        if as_json:
            write_out(outcome_json(item))
        for line in item_lines(item, quiet=quiet):
            progress.line(line)

    interrupted = False
    with _open(store) as st, progress:
        try:
            ingest_paths(st, files, articles=articles, published=when, on_item=on_item, reason=reason,
                         language=language.value if language else None,
                         workers=workers, validate=("full" if full_validation else True) if validate else False,
                         time_limit=DEFAULT_TIME_LIMIT if time_limit is None else time_limit,
                         follow_symlinks=follow_symlinks)
        except KeyboardInterrupt:
            interrupted = True
    summary = ingest_summary(report)
    if interrupted:
        say(f"interrupted: {summary}; every article named above as stored is whole in the store")
        raise typer.Exit(EXIT_INTERRUPTED)
    if as_json:
        say(summary)
    else:
        write_out(summary + "\n")
    if report.failed:
        raise typer.Exit(1)


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="A query of the library (see `kg queries`), a .rq file, or - to read the query from standard input.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value, repeatable. A parameter naming an entity takes a name (label or alias) or an IRI.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table, or W3C SPARQL results csv, tsv, json or xml.")] = OutputFormat.TABLE,
    store: StoreOpt = None,
    allow_network: Annotated[bool, typer.Option(help="Allow SERVICE, LOAD and remote FROM.")] = False,
    timeout: Annotated[float, typer.Option(min=0, help="Seconds the store may spend on the query (0: no limit); Ctrl-C stops it too.")] = DEFAULT_TIMEOUT_S,
) -> None:
    """Run a SPARQL query; parameters are bound, never pasted into the text. csv, tsv, json and xml rows are
    printed as they are found.

    Example: kg query meetings -p company="SK hynix" -p from=2024-01-01 --format csv
    """
    from kg.query import load_query, run_query
    from kg.render import write_result

    named = load_query(_text(name, "the query name") if name == "-" or not os.path.exists(name) else name)
    params = _parse_params(param)
    with _open(store, read_only=True, allow_network=allow_network) as st:
        result = run_query(st, named, params, allow_network=allow_network, timeout=timeout or None, stream=True)
        with binary_stdout() as out:
            write_result(result, fmt, out)


@app.command("queries")
def list_queries() -> None:
    """List the query library: name, question, parameters.

    Example: kg queries
    """
    from kg.query import list_queries as _list

    for q in _list():
        params = ", ".join(f"{p.name}={p.default}" if p.default else p.name for p in q.params)
        write_out(f"{q.name}  {q.question}" + (f"  (params: {params})" if params else "") + "\n")


@app.command()
def export(
    fmt: Annotated[ExportFormat | None, typer.Option("--format", "-f", help="Default: from the extension of --output (.ttl .trig .nq .nt .jsonld .rdf); trig on standard output.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: standard output): a file is replaced whole, a FIFO or device written to, a symlink written through; never a path inside a store.")] = None,
    store: StoreOpt = None,
) -> None:
    """Export the whole store (turtle, ntriples and rdfxml merge the named graphs; trig, nquads and jsonld keep them).

    Example: kg export --output graph.nq
    """
    from kg.render import export_format, write_export
    from kg.store import write_file

    chosen = export_format(fmt, output)
    with _open(store, read_only=True) as st:
        if output is None:
            with writing():
                sys.stdout.flush()
                write_export(st, chosen, sys.stdout.buffer)
            return
        write_file(output, lambda fh: write_export(st, chosen, fh))
    say(f"wrote {escape_name(str(output))} ({chosen.value})")


@app.command()
def validate(
    store: StoreOpt = None,
    engine: Annotated[ValidationEngine, typer.Option(help="fast (shapes compiled to SPARQL) or pyshacl (the reference engine; slow on big stores).")] = ValidationEngine.FAST,
    as_json: JsonOpt = False,
) -> None:
    """SHACL-validate the store; exit 1 when the data does not conform.

    Example: kg validate --json
    """
    from kg.maintenance import validate_store
    from kg.render import render_validation, validation_json

    with _open(store, read_only=True) as st:
        report = validate_store(st, engine=engine.value)
    write_out(validation_json(report) if as_json else render_validation(report))
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def reason(
    store: StoreOpt = None,
    engine: Annotated[ReasoningEngine, typer.Option(help="fast (built-in OWL RL rules) or owlrl (the owlrl package, an extra; slow on big stores).")] = ReasoningEngine.FAST,
) -> None:
    """Recompute OWL RL inferences into their own graph (id:graph/inferred) and say what changed.

    Example: kg reason
    """
    from kg.maintenance import recompute_inferences

    if engine == ReasoningEngine.OWLRL:
        _needs("owlrl", "owlrl", "owlrl")
    with _open(store) as st:
        changes = recompute_inferences(st, engine=engine.value)
    if changes.added or changes.removed:
        write_out(f"id:graph/inferred: {changes.added} statements added, {changes.removed} removed "
               f"({changes.inferred} inferred in all)\n")
    else:
        write_out(f"nothing changed: the {changes.inferred} statements the store entails were already inferred\n")


@app.command()
def fact(
    text: Annotated[str, typer.Argument(help="A name or label: person, company, place or topic.")],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every fact about what is labelled TEXT, each with article, paragraph number and quote.

    Example: kg fact "Chey Do-yoon"
    """
    from kg.query import facts_about
    from kg.render import as_json as to_json
    from kg.render import render_facts

    with _open(store, read_only=True) as st:
        entities = facts_about(st, _text(text, "the name"))
    write_out(to_json(entities) if as_json else render_facts(entities))


@app.command()
def stats(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """How much the store holds.

    Example: kg stats --json
    """
    from kg.maintenance import store_stats
    from kg.render import render_stats, stats_json

    with _open(store, read_only=True) as st:
        s = store_stats(st)
    write_out(stats_json(s) if as_json else render_stats(s))


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 (the default) lets in this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds a request may take; a longer query is stopped (HTTP 503).")] = 30.0,
    workers: Annotated[int, typer.Option(min=1, help="Requests answered at once, each in a process of its own.")] = 2,
    cors: Annotated[bool, typer.Option(help="Let web pages of other sites read the results (CORS).")] = False,
) -> None:
    """Serve the store read-only: a SPARQL 1.1 endpoint at /sparql and web pages (timeline, network, entities,
    queries); what `kg ingest` stores meanwhile shows at the next request.

    Example: kg serve --store .demo-store   (then open http://127.0.0.1:7878/)
    """
    from kg.serve import KgServer, ServeOptions
    from kg.serve import serve as run
    from kg.store import default_store_location

    def ready(server: KgServer) -> None:
        write_out(f"serving {server.url} (SPARQL endpoint {server.url}sparql); Ctrl-C stops\n")
        with writing():
            sys.stdout.flush()
        if not server.loopback_only:
            say(f"warning: listening on {host}: whoever reaches this address can read the whole store")

    run(ServeOptions(store or default_store_location(), host, port, timeout, workers, cors), on_ready=ready)
    say("stopped")


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    company: Annotated[str | None, typer.Option(help="Only meetings of this company or group (a name or an IRI).")] = None,
    person: Annotated[str | None, typer.Option(help="Only meetings of this person (a name or an IRI).")] = None,
    start: Annotated[str | None, typer.Option("--from", help="First day of the period, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day of the period, YYYY-MM-DD.")] = None,
    store: StoreOpt = None,
) -> None:
    """Write the meeting timeline, the partner network and every meeting's citations as one self-contained HTML file.

    Example: kg report --company SK하이닉스 --from 2024-01-01 --output report.html
    """
    from kg.serve import Filters, write_report
    from kg.store import default_store_location

    filters = Filters(*(None if v is None else _text(v, what) for v, what in
                        ((company, "--company"), (person, "--person"), (start, "--from"), (end, "--to"))))
    with _open(store, read_only=True) as st:
        made = write_report(st, filters, output, source=store or default_store_location())
    say(f"wrote {escape_name(str(output))}: {made.meetings} meetings, {made.pairs} pairs of companies")


def main() -> None:
    app(prog_name="kg", standalone_mode=True)


if __name__ == "__main__":
    main()

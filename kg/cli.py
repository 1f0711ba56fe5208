"""The ``kg`` command: each command parses its arguments, calls one library function, renders what it returns.

Errors become exit codes inside the app (see :class:`_KgGroup`), so in-process runs (typer's ``CliRunner``)
see the codes the installed command ends with. Exit codes: 0 ok; 1 the data does not conform (validate) or
some input of a batch failed (ingest); 2 bad usage or bad input; 3 store problems; 4 query errors; 5 remote
endpoint errors; 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from typer.core import TyperGroup

from kg.errors import KgError, UsageError
from kg.model import ReadFailure
from kg.render import OutputFormat
from kg.store import Store

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class _KgGroup(TyperGroup):
    """The app's command group: a :class:`KgError` becomes ``error: ...`` on standard error and its exit code
    here, inside the app, rather than in ``main()``: a test running the app in-process sees the same code as
    a user of the installed command."""

    def invoke(self, ctx: Any) -> Any:  # a click Context; recent typer (0.29) vendors click, so it is not imported
        try:
            return super().invoke(ctx)
        except KgError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None


app = typer.Typer(
    name="kg",
    cls=_KgGroup,
    help="aipkg: a knowledge graph of corporate AI partnerships, read from news articles, with citations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ExportFormat(str, Enum):
    TURTLE = "turtle"
    TRIG = "trig"
    NQUADS = "nquads"
    JSONLD = "jsonld"


class ValidationEngine(str, Enum):
    """The validate package has no Enum of its own yet: the CLI's choices, passed on as their values."""

    FAST = "fast"
    PYSHACL = "pyshacl"


class ReasoningEngine(str, Enum):
    FAST = "fast"
    OWLRL = "owlrl"


StoreOpt = Annotated[
    str | None,
    typer.Option("--store", help="Store directory or SPARQL endpoint URL (default: $KG_STORE, else ~/.local/share/aipkg/store)."),
]


@contextmanager
def _open(location: str | None, *, read_only: bool = False, allow_network: bool = False) -> Iterator[Store]:
    from kg.store import open_store

    with open_store(location, read_only=read_only, allow_network=allow_network) as store:
        yield store


def _parse_published(text: str | None) -> date | datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"--published wants an ISO date (2025-07-21) or date-time, not {text!r}") from exc


def _parse_params(items: list[str] | None) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--param wants name=value, not {item!r}")
        params[key.strip()] = value
    return params


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files (text, HTML, JSON Lines) or folders.")],
    store: StoreOpt = None,
    published: Annotated[str | None, typer.Option(help="Publication date for every article (overrides the text).")] = None,
    validate: Annotated[bool, typer.Option(help="SHACL-validate what each article adds.")] = True,
    reason: Annotated[bool, typer.Option(help="Add OWL RL inferences of each article.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Processes for extraction and validation (writing stays in one).")] = 1,
    full_validation: Annotated[bool, typer.Option(help="Validate with pySHACL instead of the compiled shapes (slow).")] = False,
) -> None:
    """Read, extract, resolve and store articles; each article is stored whole or not at all.

    Example: kg ingest examples/articles/
    """
    from kg.ingest import ArticleOutcome, ingest_paths

    when = _parse_published(published)
    with _open(store) as st:
        progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, transient=True, disable=quiet or not err.is_terminal,
        )

        with progress:
            task = progress.add_task("ingesting", total=None)

            def on_item(item: ArticleOutcome | ReadFailure) -> None:
                progress.advance(task)
                if isinstance(item, ReadFailure):
                    err.print(f"skipped {item}")
                    return
                if item.status == "failed":
                    err.print(f"failed {item.source}: {item.problem} (nothing of it was stored)")
                elif not quiet:
                    progress.console.print(
                        f"{item.status:9s} {item.source}: {item.statements} statements, {item.meetings} meetings"
                        + (f" ({item.meetings_merged} merged into known ones)" if item.meetings_merged else "")
                    )
                for w in item.warnings:
                    err.print(f"warning: {item.source}: {w}")
                for v in item.violations:
                    err.print(f"warning: {v}")

            report = ingest_paths(
                st, paths, published=when, on_item=on_item, reason=reason, workers=workers,
                validate=("full" if full_validation else True) if validate else False,
            )
    unchanged = sum(o.status == "unchanged" for o in report.outcomes)
    replaced = sum(o.status == "replaced" for o in report.outcomes)
    failed = len(report.failures) + sum(o.status == "failed" for o in report.outcomes)
    out.print(
        f"{report.read} articles read: {report.stored} stored ({replaced} replacing an earlier version), "
        f"{unchanged} unchanged, {failed} skipped; {report.statements_added} statements added, "
        f"{report.meetings_merged} meetings merged"
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="A query of the library (see `kg queries`), a .rq file, or - to read the query from standard input.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value, repeatable.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table, csv, tsv or json (W3C SPARQL results).")] = OutputFormat.TABLE,
    store: StoreOpt = None,
    allow_network: Annotated[bool, typer.Option(help="Allow SERVICE, LOAD and remote FROM.")] = False,
) -> None:
    """Run a SPARQL query; parameters are bound, never pasted into the text.

    Example: kg query meetings-of-person -p name="Chey Tae-won" --format csv
    """
    from kg.query import load_query, run_query
    from kg.render import format_result

    named = load_query(name)  # before the store opens: a bad query (or standard input) is reported first
    params = _parse_params(param)
    with _open(store, read_only=True, allow_network=allow_network) as st:
        result = run_query(st, named, params, allow_network=allow_network)
    sys.stdout.write(format_result(result, fmt))


@app.command("queries")
def list_queries() -> None:
    """List the query library: name, question, parameters.

    Example: kg queries
    """
    from kg.query import list_queries as _list

    for q in _list():
        params = ", ".join(f"{p.name}={p.default}" if p.default else p.name for p in q.params)
        out.print(f"[bold]{q.name}[/bold]  {q.question}" + (f"  (params: {params})" if params else ""))


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="turtle, trig, nquads or jsonld.")] = ExportFormat.TRIG,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: standard output).")] = None,
    store: StoreOpt = None,
) -> None:
    """Export the whole store (turtle merges the named graphs; the others keep them).

    Example: kg export --format nquads --output graph.nq
    """
    with _open(store, read_only=True) as st:
        if output is None:
            st.export(fmt.value, sys.stdout.buffer)
            return
        tmp = output.with_name(output.name + ".partial")
        try:
            with tmp.open("wb") as fh:
                st.export(fmt.value, fh)
            tmp.replace(output)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise KgError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    err.print(f"wrote {output}")


@app.command()
def validate(
    store: StoreOpt = None,
    engine: Annotated[ValidationEngine, typer.Option(help="fast (shapes compiled to SPARQL) or pyshacl (the reference engine; slow on big stores).")] = ValidationEngine.FAST,
) -> None:
    """SHACL-validate the store; exit 1 when the data does not conform.

    Example: kg validate --engine pyshacl
    """
    from kg.maintenance import validate_store
    from kg.render import render_validation

    with _open(store, read_only=True) as st:
        report = validate_store(st, engine=engine.value)
    sys.stdout.write(render_validation(report))
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def reason(
    store: StoreOpt = None,
    engine: Annotated[ReasoningEngine, typer.Option(help="fast (built-in OWL RL rules) or owlrl (the owlrl package; slow on big stores).")] = ReasoningEngine.FAST,
) -> None:
    """Recompute OWL RL inferences into their own graph (id:graph/inferred).

    Example: kg reason
    """
    from kg.maintenance import reason_store

    with _open(store) as st:
        n = reason_store(st, engine=engine.value)
    out.print(f"{n} statements inferred into https://w3id.org/aipkg/id/graph/inferred")


@app.command()
def fact(text: Annotated[str, typer.Argument(help="A name or label: person, company, place or topic.")], store: StoreOpt = None) -> None:
    """Every fact about what is labelled TEXT, each with article, paragraph number and quote.

    Example: kg fact "Chey Tae-won"
    """
    from kg.query import facts_about
    from kg.render import render_facts

    with _open(store, read_only=True) as st:
        entities = facts_about(st, text)
    sys.stdout.write(render_facts(entities))


@app.command()
def stats(store: StoreOpt = None) -> None:
    """How much the store holds.

    Example: kg stats --store .demo-store
    """
    from kg.maintenance import store_stats
    from kg.render import render_stats

    with _open(store, read_only=True) as st:
        s = store_stats(st)
    sys.stdout.write(render_stats(s))


def main() -> None:
    try:
        app(prog_name="kg", standalone_mode=True)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()

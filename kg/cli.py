"""The ``kg`` command: each command parses its arguments, calls one library function, prints.

Exit codes: 0 ok; 1 the data does not conform (validate) or some input of a batch failed (ingest);
2 bad usage or bad input; 3 store problems; 4 query errors; 5 remote endpoint errors.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

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

from kg.errors import KgError, UsageError
from kg.model import ReadFailure
from kg.store import DEFAULT_TIMEOUT_S

app = typer.Typer(
    name="kg",
    help="aipkg: a knowledge graph of corporate AI partnerships, read from news articles, with citations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

StoreOpt = Annotated[
    str | None,
    typer.Option("--store", help="Store directory or SPARQL endpoint URL (default: $KG_STORE, else ~/.local/share/aipkg/store)."),
]


def _open(location: str | None, *, read_only: bool = False, allow_network: bool = False):  # type: ignore[no-untyped-def]
    from kg.store import open_store

    return open_store(location, read_only=read_only, allow_network=allow_network)


def _parse_published(text: str | None) -> date | datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"--published wants an ISO date (2025-07-21) or date-time, not {text!r}") from exc


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
    """Read, extract, resolve and store articles; each article is stored whole or not at all."""
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
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json (W3C SPARQL results).")] = "table",
    store: StoreOpt = None,
    allow_network: Annotated[bool, typer.Option(help="Allow SERVICE, LOAD and remote FROM.")] = False,
    timeout: Annotated[float, typer.Option(min=0, help="Seconds the store may spend on the query (0: no limit); Ctrl-C stops it too.")] = DEFAULT_TIMEOUT_S,
) -> None:
    """Run a SPARQL query; parameters are bound, never pasted into the text. csv, tsv and json rows are printed as found."""
    from kg.queries import load_query, run_query, write_result

    named = load_query(name)  # before the store opens: a bad query (or standard input) is reported first
    params: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--param wants name=value, not {item!r}")
        params[key.strip()] = value
    try:
        with _open(store, read_only=True, allow_network=allow_network) as st:
            result = run_query(st, named, params, allow_network=allow_network, timeout=timeout or None, stream=True)
            write_result(result, fmt, sys.stdout)
    except KeyboardInterrupt:
        err.print("interrupted: the query was stopped")
        raise typer.Exit(130) from None


@app.command("queries")
def list_queries() -> None:
    """List the query library: name, question, parameters."""
    from kg.queries import list_queries as _list

    for q in _list():
        params = ", ".join(f"{p.name}={p.default}" if p.default else p.name for p in q.params)
        out.print(f"[bold]{q.name}[/bold]  {q.question}" + (f"  (params: {params})" if params else ""))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nquads or jsonld.")] = "trig",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: standard output): a file is replaced whole, a FIFO or device written to, a symlink written through; never a path inside a store.")] = None,
    store: StoreOpt = None,
) -> None:
    """Export the whole store (turtle merges the named graphs; the others keep them)."""
    from kg.store import check_export_format, write_export

    check_export_format(fmt)
    with _open(store, read_only=True) as st:
        if output is None:
            st.export(fmt, sys.stdout.buffer)
            return
        write_export(st, fmt, output)
    err.print(f"wrote {output}")


@app.command()
def validate(
    store: StoreOpt = None,
    engine: Annotated[str, typer.Option(help="fast (shapes compiled to SPARQL) or pyshacl (the reference engine; slow on big stores).")] = "fast",
) -> None:
    """SHACL-validate the store; exit 1 when the data does not conform."""
    from kg.maintenance import validate_store

    with _open(store, read_only=True) as st:
        report = validate_store(st, engine=engine)
    if report.conforms:
        out.print("conforms: the data satisfies every shape")
        return
    for v in report.violations:
        out.print(f"{v.severity}: {v.focus} {v.path or ''}: {v.message}" + (f" (value {v.value})" if v.value else ""))
    out.print(f"does not conform: {len(report.violations)} violations")
    raise typer.Exit(1)


@app.command()
def reason(
    store: StoreOpt = None,
    engine: Annotated[str, typer.Option(help="fast (built-in OWL RL rules) or owlrl (the owlrl package; slow on big stores).")] = "fast",
) -> None:
    """Recompute OWL RL inferences into their own graph (id:graph/inferred)."""
    from kg.maintenance import reason_store

    with _open(store) as st:
        n = reason_store(st, engine=engine)
    out.print(f"{n} statements inferred into https://w3id.org/aipkg/id/graph/inferred")


@app.command()
def fact(text: Annotated[str, typer.Argument(help="A name or label: person, company, place or topic.")], store: StoreOpt = None) -> None:
    """Every fact about what is labelled TEXT, each with article, paragraph number and quote."""
    from kg.facts import facts_about, render_facts

    with _open(store, read_only=True) as st:
        entities = facts_about(st, text)
    if not entities:
        raise KgError(f"nothing in the store is labelled {text!r}", exit_code=1)
    sys.stdout.write(render_facts(entities))


@app.command()
def stats(store: StoreOpt = None) -> None:
    """How much the store holds."""
    from kg.maintenance import store_stats

    with _open(store, read_only=True) as st:
        s = store_stats(st)
    out.print(f"statements: {s.statements}\nnamed graphs: {s.graphs}")
    for what, n in s.counts.items():
        out.print(f"{what}: {n}")


def main() -> None:
    try:
        app(standalone_mode=True)
    except KgError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()

"""What a worker process of ``kg serve`` does: open the store read-only, answer one job at a time.

Queries run here, not in the server's process, because pyoxigraph cannot stop a query half-way: the server
enforces its time limit by killing the worker (see :mod:`kg.serve.pool`), which costs nothing to the store, as
a read-only open takes no lock and writes nothing.

Freshness: before each job the worker compares the store's files (names, sizes, modification times of its
RocksDB tables, logs and manifest) with what they were when it opened the store, and opens it again when they
changed. A read-only open sees every transaction committed before it (not later ones), so each request sees
every article ``kg ingest`` had stored when the request arrived. A remote store is asked afresh each time.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph as ox

from kg.errors import (
    InputError,
    KgError,
    NothingMatched,
    QueryError,
    RemoteError,
    StoreError,
    UnsafeQuery,
    UsageError,
)
from kg.namespaces import PREFIXES
from kg.query import parse_query_text, run_query
from kg.render import OutputFormat, write_result
from kg.serve.protocol import GRAPH_FORMATS, SOLUTION_FORMATS, HttpError, QueryRequest, choose_format
from kg.store import READERS_DIR, QueryResult, Store, open_store

# Files of a RocksDB directory that change with a committed write; LOG (RocksDB's diary), the locks and the
# readers' private copies (each read-only open makes one there) do not tell of one.
_UNCHANGING = ("LOG", "LOCK", "aipkg.lock", "IDENTITY", READERS_DIR)


@dataclass(frozen=True)
class Job:
    """One request for a worker: a SPARQL query of the protocol, or a page (``name``) with its parameters."""

    kind: str  # "sparql" or "page"
    name: str = ""
    params: tuple[tuple[str, str], ...] = ()
    query: QueryRequest | None = None
    accept: str | None = None


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()
    store_read_at: float | None = None  # when the store this reply read was opened (None: a remote store)


@dataclass
class StoreView:
    """The store as a worker sees it: reopened read-only whenever its files changed."""

    location: str
    store: Store | None = None
    signature: object = None
    read_at: float | None = None
    remote: bool = field(init=False)

    def __post_init__(self) -> None:
        self.remote = self.location.startswith(("http://", "https://"))

    def current(self) -> Store:
        if self.remote:
            if self.store is None:
                self.store = open_store(self.location, read_only=True)
            return self.store
        seen = store_signature(self.location)
        if self.store is None or seen != self.signature:
            if self.store is not None:
                self.store.close()
                self.store = None
            self.store = open_store(self.location, read_only=True)
            self.signature, self.read_at = seen, time.time()
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def store_signature(location: str) -> tuple[tuple[str, int, int], ...]:
    """What the store's files are now: equal signatures, same committed data."""
    try:
        entries = list(os.scandir(location))
    except OSError:
        return ()
    seen = []
    for entry in entries:
        if entry.name.startswith(_UNCHANGING):
            continue
        with contextlib.suppress(OSError):
            stat = entry.stat()
            seen.append((entry.name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(seen))


# --- answering --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    html: str
    status: int = 200  # a page showing why the request could not be answered has the error's status


PageRenderer = Callable[[Store, dict[str, str], "PageContext"], "Page | Reply"]


@dataclass(frozen=True)
class PageContext:
    """What a page says about where its data comes from."""

    location: str
    read_at: float | None


_STATUS: tuple[tuple[type[KgError], int], ...] = (
    (UnsafeQuery, 403), (NothingMatched, 404), (QueryError, 400), (UsageError, 400), (InputError, 400),
    (RemoteError, 502), (StoreError, 500),
)


def status_of(error: KgError) -> int:
    return next((status for kind, status in _STATUS if isinstance(error, kind)), 500)


def text_reply(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)


def serialise(result: QueryResult, request: QueryRequest, accept: str | None) -> Reply:
    """The result in the format the client chose (SPARQL results for SELECT and ASK, RDF for CONSTRUCT and
    DESCRIBE), written by pyoxigraph; 406 when it accepts none of them."""
    graph = isinstance(result, list)
    formats = GRAPH_FORMATS if graph else SOLUTION_FORMATS
    chosen = choose_format(formats, accept, request.format)
    if chosen is None:
        kind = "CONSTRUCT and DESCRIBE results" if graph else "SELECT and ASK results"
        offered = ", ".join(f"{f.media_type} (format={f.name})" for f in formats)
        return text_reply(406, f"{kind} come as {offered}; the request accepts none of them")
    out = io.BytesIO()
    if isinstance(result, list):
        if chosen.name == "trig":  # a dataset format: the triples as the default graph
            ox.serialize([ox.Quad(t.subject, t.predicate, t.object) for t in result], out, ox.RdfFormat.TRIG,
                         prefixes=PREFIXES)
        else:
            rdf = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
            prefixes = PREFIXES if chosen.name == "turtle" else None
            ox.serialize(result, out, rdf[chosen.name], prefixes=prefixes)
    else:
        write_result(result, OutputFormat(chosen.name), out)
    return Reply(200, f"{chosen.media_type}; charset=utf-8", out.getvalue(), (("Vary", "Accept"),))


def protocol_result(store: Store, query: str) -> QueryResult:
    """A query of the protocol, run as ``kg query -`` runs one: the library's checks (no update; no SERVICE,
    LOAD or remote FROM), a library header's parameters bound to their defaults."""
    return run_query(store, parse_query_text(query, source="the query", name="query"), {})


def answer_query(store: Store, request: QueryRequest, accept: str | None) -> Reply:
    return serialise(protocol_result(store, request.query), request, accept)


def run_job(view: StoreView, job: Job, pages: dict[str, PageRenderer], error_page: Callable[..., str]) -> Reply:
    """One job's reply; an error of the request or the store is a reply too, never an exception."""
    read_at: float | None = None
    try:
        store = view.current()
        read_at = view.read_at
        if job.kind == "sparql":
            assert job.query is not None
            reply = answer_query(store, job.query, job.accept)
        else:
            page = pages[job.name](store, dict(job.params), PageContext(view.location, read_at))
            reply = page if isinstance(page, Reply) else Reply(
                page.status, "text/html; charset=utf-8", page.html.encode("utf-8"))
    except HttpError as exc:
        reply = _error(job, exc.status, exc.message, error_page)
    except KgError as exc:
        reply = _error(job, status_of(exc), str(exc), error_page)
    except Exception as exc:  # a bug: the client gets 500, the server's log the traceback
        traceback.print_exc(file=sys.stderr)
        reply = _error(job, 500, f"internal error: {type(exc).__name__}: {exc}", error_page)
    return Reply(reply.status, reply.content_type, reply.body, reply.headers, read_at)


def _error(job: Job, status: int, message: str, error_page: Callable[..., str]) -> Reply:
    if job.kind == "sparql":
        return text_reply(status, message)
    return Reply(status, "text/html; charset=utf-8", error_page(status, message).encode("utf-8"))


def worker_main(conn: Connection, location: str) -> None:
    """The worker's loop: a job in, a reply out, until the server closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it then ends its workers
    from kg.serve.pages import PAGES, error_page

    view = StoreView(location)
    try:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            if job is None:
                return
            conn.send(run_job(view, job, PAGES, error_page))
    finally:
        view.close()

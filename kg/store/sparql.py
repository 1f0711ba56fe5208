"""The remote backend: a SPARQL 1.1 endpoint (Protocol, Update, optionally Graph Store Protocol) as a store.

Tested against ``oxigraph serve`` and Virtuoso 7 (Debian's ``virtuoso-opensource``), started by the tests.

* Opening: the first request learns the server (its ``Server`` header); a writer then takes the store's writer
  lock (:mod:`kg.store.remote_lock`) and probes how the default graph relates to the named graphs, a reader finds
  what writers left (:mod:`kg.store.remote_view`). :meth:`describe` says what was found (``kg stats`` shows it).
* Protocol: :mod:`kg.store.http` (form-encoded POST, update URL, Basic/Digest authentication).
* Writes: a ``replace`` is one update request where it fits the server; a larger one is split (Virtuoso 7 compiles
  an update to SQL and refuses one of about 1,500 statements, so it gets requests of at most 200; others 20,000),
  and a request the server refuses as too large is halved and sent again (what it holds is idempotent: INSERT
  DATA, DELETE DATA, DROP SILENT). One request is atomic where the server runs it as one transaction (Oxigraph,
  Fuseki and GraphDB do; Virtuoso applies a request's operations one by one): elsewhere, and where a replace was
  split, an interrupted write can leave part of an article, which ingesting it again repairs (the content hash
  makes re-ingest idempotent).
* Reads: only aipkg's graphs (under ``id:graph/``) are the store's; a server's own (Virtuoso keeps a few) are left
  out. A result the server cut at its row limit (Virtuoso's ``X-SPARQL-MaxRows``) is read again in pages, and
  counted, or refused: never taken as whole.
"""

from __future__ import annotations

import io
import re
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad, Triple

from kg.errors import RemoteError, StoreError
from kg.store.base import (
    ExportFormat,
    QueryResult,
    SelectResult,
    Store,
    Term,
    check_export_format,
    check_graph_names,
    check_quads,
    convert_result,
    dump_dataset,
    replace_update,
)
from kg.store.guard import Limits, guarded
from kg.store.http import NTRIPLES, RESULTS_JSON, Http, Response, check_url, credentials, default_update_url
from kg.store.remote_lock import LOCK_GRAPH, RemoteLock
from kg.store.remote_view import DESCRIPTIONS, UNION_GRAPH, ViewMode, build, changes, detect, not_ours, probe
from kg.store.safety import bind_values, check_query, query_form

_ACCEPT_TABLE = RESULTS_JSON
_ACCEPT_RDF = f"{NTRIPLES}, text/turtle;q=0.8"  # a table is no answer to CONSTRUCT: Virtuoso sends one if asked first
_LONG_LITERAL = 1000  # Virtuoso cannot take a longer literal in VALUES ("Value of ANY type column too long")
_TOO_LARGE = re.compile(r"HTTP 413|SP030|SP031|memory exhausted|too (?:large|long|big)", re.IGNORECASE)
_NO_UPDATE = re.compile(r"HTTP 40[01345]|SECURITY|permission|not allowed|read.?only", re.IGNORECASE)


class SparqlStore(Store):
    """A SPARQL 1.1 endpoint as a store (see the module's doc). ``update_url``: where updates go (default: see
    :func:`kg.store.http.default_update_url`); ``gsp_url``: a Graph Store Protocol endpoint to fetch graphs from."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        gsp_url: str | None = None,
        *,
        read_only: bool = False,
        allow_network: bool = False,
        timeout: float = 60.0,
    ) -> None:
        self.query_url = check_url(query_url)
        self.gsp_url = check_url(gsp_url) if gsp_url else None
        self.read_only = read_only
        self.allow_network = allow_network
        self._http = Http(timeout, credentials(query_url))
        self._lock: RemoteLock | None = None
        self.view: ViewMode | None = None
        self._http.allow(self.query_url)
        self._http.sparql(self.query_url, "query", "ASK {}", accept=_ACCEPT_TABLE)  # reachable; learns the server
        self.update_url = check_url(update_url) if update_url else default_update_url(query_url, self._http.server)
        for url in (self.update_url, self.gsp_url):
            if url:
                self._http.allow(url)
        virtuoso = self._http.server.lower().startswith("virtuoso")
        self.max_quads = 200 if virtuoso else 20_000
        self.atomic = not virtuoso  # Virtuoso applies a request's operations one by one; the others in a transaction
        if read_only:
            self.view = detect(self._select, self.query_url)
            return
        lock = RemoteLock(self.query_url, lambda q: self._run_query(q, view=False), self._run_update)
        try:
            lock.acquire()
        except RemoteError as e:
            raise self._update_refused(e) from None
        self._lock = lock
        try:
            self.view = probe(self._select, self._run_update, self.query_url, self._http.server)
            build(self.view, self._select, self._run_update)
        except BaseException:
            self.close()
            raise

    def describe(self) -> str:
        server = self._http.server.split(" (")[0].strip() or "unknown server"
        view = DESCRIPTIONS[self.view] if self.view else "empty"
        atomic = "a request is one transaction" if self.atomic else "no transaction per request: a re-run repairs"
        return (f"SPARQL endpoint {self.query_url} ({server}; {view}; updates {self.update_url}, {atomic}; "
                f"graph store {self.gsp_url or 'not used'})")

    def _update_refused(self, e: RemoteError) -> RemoteError:
        if not _NO_UPDATE.search(str(e)):
            return e
        server = self._http.server.lower()
        setting = (
            'in Virtuoso\'s isql: GRANT SPARQL_UPDATE TO "SPARQL"; (or give the authenticated endpoint '
            "…/sparql-auth with a user who has SPARQL_UPDATE, and KG_STORE_USER/KG_STORE_PASSWORD)"
            if server.startswith("virtuoso")
            else "run oxigraph serve, not serve-read-only" if server.startswith("oxigraph")
            else "allow updates on the endpoint, or give its update URL (--update-url, KG_STORE_UPDATE_URL)"
        )
        return RemoteError(f"{self.update_url}: the endpoint refuses updates, so aipkg cannot write there: {setting}. ({e})")

    # --- requests -----------------------------------------------------------------------------

    def _query_response(self, sparql: str, *, view: bool = True, default: NamedNode | None = None) -> Response:
        params = {}
        if default is not None:
            params["default-graph-uri"] = default.value
        elif view and self.view is ViewMode.GRAPH:
            params["default-graph-uri"] = UNION_GRAPH.value
        accept = _ACCEPT_RDF if query_form(sparql) in ("CONSTRUCT", "DESCRIBE") else _ACCEPT_TABLE
        return self._http.sparql(self.query_url, "query", sparql, accept=accept, params=params)

    def _run_query(self, sparql: str, *, view: bool = True) -> QueryResult:
        response = self._query_response(sparql, view=view)
        result = self._parse(response)
        if isinstance(result, SelectResult) and _cut(response, result):
            raise RemoteError(
                f"{self.query_url}: the endpoint cut the result at {response.max_rows} rows (Virtuoso: ResultSetMaxRows "
                "in the [SPARQL] section of virtuoso.ini); ask for fewer rows (LIMIT, OFFSET) or raise the limit"
            )
        if view and isinstance(result, SelectResult):
            # GRAPH ?g sees every graph: not the store's own (the view on Virtuoso, the lock), which are no data
            rows = tuple(r for r in result.rows if not any(v in _INTERNAL for v in r.values()))
            result = SelectResult(result.variables, rows) if len(rows) != len(result.rows) else result
        return result

    def _parse(self, response: Response) -> QueryResult:
        try:
            if response.media_type in (RESULTS_JSON, "application/json"):
                return convert_result(ox.parse_query_results(response.body, ox.QueryResultsFormat.JSON))
            fmt = ox.RdfFormat.from_media_type(response.media_type)
            if fmt is None:
                raise RemoteError(f"{self.query_url}: unexpected response type {response.media_type!r}")
            return [Triple(q.subject, q.predicate, q.object) for q in ox.parse(response.body, fmt)]
        except (SyntaxError, ValueError) as e:
            raise RemoteError(f"{self.query_url}: unreadable response ({response.media_type}): {e}") from e

    def _select(self, sparql: str, *, view: bool = True, default: NamedNode | None = None, paged: bool = False) -> SelectResult:
        response = self._query_response(sparql, view=view, default=default)
        result = self._parse(response)
        if not isinstance(result, SelectResult):
            raise RemoteError(f"{self.query_url}: a SELECT query did not return a result table")
        if _cut(response, result):
            if not paged:
                raise RemoteError(f"{self.query_url}: the endpoint cut an internal result at {response.max_rows} rows")
            return self._pages(sparql, response.max_rows, view=view)
        return result

    def _pages(self, sparql: str, size: int, *, view: bool) -> SelectResult:
        """A result the server cuts at ``size`` rows, read in pages of that size and checked against its count.
        Unsorted: Virtuoso refuses a sorted page past its row limit, and pages of one scan of unchanged data
        (a writer holds the lock) come in one order."""
        rows: list[dict[str, Term | None]] = []
        variables: tuple[str, ...] = ()
        while True:
            page = self._parse(self._query_response(f"{sparql} LIMIT {size} OFFSET {len(rows)}", view=view))
            assert isinstance(page, SelectResult)
            variables = page.variables
            rows += page.rows
            if len(page.rows) < size:
                break
        counted = self._parse(self._query_response(f"SELECT (COUNT(*) AS ?n) WHERE {{ {sparql} }}", view=view))
        total = int(counted.rows[0]["n"].value) if isinstance(counted, SelectResult) and counted.rows else -1  # type: ignore[union-attr]
        if total != len(rows):
            raise RemoteError(f"{self.query_url}: read {len(rows)} rows in pages of a result of {total}: the data changed "
                              "while it was read, or the server pages unstably; try again")
        return SelectResult(variables, tuple(rows))

    def _run_update(self, update: str) -> None:
        self._http.sparql(self.update_url, "update", update)

    # --- the interface ------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        allow_network: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a query on the endpoint; bindings become a VALUES block of serialised terms."""
        check_query(sparql, allow_network=allow_network or self.allow_network)
        text = bind_values(sparql, bindings) if bindings else sparql
        if timeout is None:
            result = self._run_query(text)
        else:  # the request waits in a worker thread: the limit covers the whole exchange, not each socket read
            result = next(guarded(lambda: [self._run_query(text)], Limits(timeout), on_memory=lambda _: AssertionError()))
        if bindings and isinstance(result, SelectResult):
            # a bound variable is the bound term in every row; Virtuoso echoes a constant changed (cut at a NUL)
            bound = {(k[1:] if k[:1] in "?$" else k): v for k, v in bindings.items()}
            rows = tuple({v: (bound[v] if v in bound and row.get(v) is not None else row.get(v)) for v in result.variables}
                         for row in result.rows)
            result = SelectResult(result.variables, rows)
        return result

    def replace(
        self, drop_graphs: Iterable[NamedNode], add_quads: Iterable[Quad], *, remove_quads: Iterable[Quad] = ()
    ) -> None:
        if self._lock is None:
            raise StoreError(f"store {self.query_url} was opened read-only" if self.read_only else f"store {self.query_url} is closed")
        dropped, added, removed = check_graph_names(drop_graphs), check_quads(add_quads), check_quads(remove_quads)
        if not (dropped or added or removed):
            return
        self._lock.check()
        view_remove: list[Triple] = []
        view_add: list[Triple] = []
        if self.view in (ViewMode.DEFAULT, ViewMode.GRAPH):
            view_remove, view_add = changes(self._select, dropped, removed, added)
            if self.view is ViewMode.GRAPH:  # the view is a named graph: its statements go as quads
                removed += [Quad(t.subject, t.predicate, t.object, UNION_GRAPH) for t in view_remove]
                added += [Quad(t.subject, t.predicate, t.object, UNION_GRAPH) for t in view_add]
                view_remove, view_add = [], []
        while True:
            try:
                for update in _split(dropped, removed, added, view_remove, view_add, self.max_quads):
                    self._run_update(update)
                return
            except RemoteError as e:  # too large for the server: halve, and send it all again (idempotent)
                if not _TOO_LARGE.search(str(e)) or self.max_quads <= 1:
                    raise
                self.max_quads //= 2

    def close(self) -> None:
        if self._lock is not None:
            lock, self._lock = self._lock, None
            lock.release()

    def graph_names(self) -> list[NamedNode]:
        rows = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_ours()} }}", view=False, paged=True).rows
        return sorted((r["g"] for r in rows if isinstance(r["g"], NamedNode)), key=lambda g: g.value)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        for name in [graph] if graph is not None else self.graph_names():
            yield from self._graph_quads(name)

    def _graph_quads(self, graph: NamedNode) -> Iterator[Quad]:
        if self.gsp_url:
            url = f"{self.gsp_url}{'&' if '?' in self.gsp_url else '?'}graph={urllib.parse.quote(graph.value, safe='')}"
            response = self._http.request(url, accept=NTRIPLES)
            if response.status == 404:
                return
            fmt = ox.RdfFormat.from_media_type(response.media_type) or ox.RdfFormat.N_TRIPLES
            for q in ox.parse(response.body, fmt):
                yield Quad(q.subject, q.predicate, q.object, graph)
            return
        for r in self._select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}", view=False, paged=True).rows:
            yield Quad(r["s"], r["p"], r["o"], graph)  # type: ignore[arg-type]

    def quads_matching(
        self, subject: NamedNode | None = None, predicate: NamedNode | None = None, object_: Term | None = None
    ) -> list[Quad]:
        # compared here instead: Virtuoso cannot take a long literal in VALUES, and cuts one at a NUL
        long = isinstance(object_, Literal) and (len(object_.value) > _LONG_LITERAL or "\x00" in object_.value)
        bound = {name: term for name, term in (("s", subject), ("p", predicate), ("o", None if long else object_)) if term is not None}
        text = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_ours()} }}"
        rows = self._select(bind_values(text, bound) if bound else text, view=False, paged=True).rows
        return [Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows if not long or r["o"] == object_]  # type: ignore[arg-type]

    def count(self) -> int:
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_ours()} }}", view=False).rows
        n = rows[0]["n"] if rows else None
        return int(n.value) if n is not None else 0

    def export(self, fmt: ExportFormat | str, out: BinaryIO) -> None:
        """Serialise the store's named graphs (fetched a graph at a time); turtle is their union."""
        check_export_format(fmt)
        local = ox.Store()
        local.extend(self.quads())
        if len(local) != self.count():
            raise RemoteError(f"{self.query_url}: read {len(local)} statements of {self.count()}: the store changed while "
                              "it was exported; try again")
        dump_dataset(local, fmt, out)

    def export_bytes(self, fmt: ExportFormat | str) -> bytes:
        buf = io.BytesIO()
        self.export(fmt, buf)
        return buf.getvalue()


_INTERNAL = frozenset({UNION_GRAPH, LOCK_GRAPH})


def _cut(response: Response, result: SelectResult) -> bool:
    return bool(response.max_rows) and len(result.rows) >= response.max_rows


def _split(
    dropped: list[NamedNode], removed: list[Quad], added: list[Quad], view_remove: list[Triple], view_add: list[Triple],
    max_quads: int,
) -> Iterator[str]:
    """The replace as update requests of at most ``max_quads`` statements each: all of it in one where it fits,
    else the drops and removals first, then the additions."""
    if len(removed) + len(added) + len(view_remove) + len(view_add) <= max_quads:
        yield replace_update(dropped, added, remove_quads=removed, view_remove=view_remove, view_add=view_add)
        return
    if dropped:
        yield replace_update(dropped, [])
    for i in range(0, len(removed), max_quads):
        yield replace_update([], [], remove_quads=removed[i : i + max_quads])
    for i in range(0, len(view_remove), max_quads):
        yield replace_update([], [], view_remove=view_remove[i : i + max_quads])
    for i in range(0, len(added), max_quads):
        yield replace_update([], added[i : i + max_quads])
    for i in range(0, len(view_add), max_quads):
        yield replace_update([], [], view_add=view_add[i : i + max_quads])

"""The remote backend: any SPARQL 1.1 endpoint (Protocol, Update, optionally Graph Store Protocol).

The endpoint must expose the union of its named graphs as the default graph, as the embedded store
does: Fuseki ``tdb:unionDefaultGraph true``, Oxigraph ``oxigraph serve --union-default-graph``,
GraphDB and Virtuoso by their own settings. Every ``replace`` is one update request, atomic on
endpoints that run a request as one transaction (Oxigraph, Fuseki, GraphDB do).

Only the standard library talks HTTP; terms are parsed and written by pyoxigraph.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad, Triple

from kg.errors import RemoteError, StoreError
from kg.store.base import (
    ExportFormat,
    QueryResult,
    SelectResult,
    Store,
    Term,
    check_export_format,
    convert_result,
    dump_dataset,
    replace_update,
)
from kg.store.guard import Limits, guarded
from kg.store.remote_lock import LOCK_GRAPH, RemoteLock
from kg.store.safety import bind_values, check_query

_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_ACCEPT_QUERY = f"{_RESULTS_JSON}, {_NTRIPLES};q=0.9, text/turtle;q=0.5"

_ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


class SparqlStore(Store):
    """A SPARQL 1.1 endpoint as a store.

    ``update_url`` defaults to the query URL with a final ``/query`` or ``/sparql`` replaced by
    ``/update`` (else the query URL itself); ``gsp_url``, if given, is the Graph Store Protocol
    endpoint used to fetch one graph.
    """

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
        self.query_url = query_url
        self.update_url = update_url or self._default_update_url(query_url)
        self.gsp_url = gsp_url
        self.read_only = read_only
        self.allow_network = allow_network
        self.timeout = timeout
        self._lock: RemoteLock | None = None
        if not read_only:  # one writer at a time, as the embedded store's flock
            lock = RemoteLock(query_url, self._run_query, self._run_update)
            lock.acquire()
            self._lock = lock

    @staticmethod
    def _default_update_url(query_url: str) -> str:
        for suffix in ("/query", "/sparql"):
            if query_url.endswith(suffix):
                return query_url[: -len(suffix)] + "/update"
        return query_url

    # --- HTTP ---------------------------------------------------------------------------------

    def _request(
        self, url: str, *, data: bytes | None = None, content_type: str | None = None, accept: str | None = None
    ) -> tuple[int, str, bytes]:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - http(s) only
                ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
                return resp.status, ctype, resp.read()
        except urllib.error.HTTPError as e:
            if e.code == 404 and data is None:
                return 404, "", b""
            detail = e.read().decode("utf-8", "replace").strip()[:500]
            raise RemoteError(f"{url}: HTTP {e.code} {e.reason}: {detail}") from e
        except urllib.error.URLError as e:
            raise RemoteError(f"{url}: cannot reach the endpoint: {e.reason}") from e
        except (TimeoutError, OSError) as e:
            raise RemoteError(f"{url}: {e}") from e

    def _run_query(self, sparql: str) -> QueryResult:
        _, ctype, body = self._request(
            self.query_url, data=sparql.encode("utf-8"), content_type="application/sparql-query", accept=_ACCEPT_QUERY
        )
        try:
            if ctype in (_RESULTS_JSON, "application/json"):
                return convert_result(ox.parse_query_results(body, ox.QueryResultsFormat.JSON))
            fmt = ox.RdfFormat.from_media_type(ctype)
            if fmt is None:
                raise RemoteError(f"{self.query_url}: unexpected response type {ctype!r}")
            return [Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, fmt)]
        except (SyntaxError, ValueError) as e:
            raise RemoteError(f"{self.query_url}: unreadable response ({ctype}): {e}") from e

    def _select(self, sparql: str) -> SelectResult:
        result = self._run_query(sparql)
        if not isinstance(result, SelectResult):
            raise RemoteError(f"{self.query_url}: a SELECT query did not return a result table")
        return result

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
            return self._run_query(text)
        # the request waits in a worker thread: the limit covers the whole exchange, not each socket read
        results = guarded(lambda: [self._run_query(text)], Limits(timeout), on_memory=lambda _: AssertionError())
        return next(results)

    def replace(
        self, drop_graphs: Iterable[NamedNode], add_quads: Iterable[Quad], *, remove_quads: Iterable[Quad] = ()
    ) -> None:
        if self._lock is None:
            raise StoreError(f"store {self.query_url} was opened read-only" if self.read_only else f"store {self.query_url} is closed")
        update = replace_update(drop_graphs, add_quads, remove_quads=remove_quads)
        if update:
            self._lock.check()
            self._run_update(update)

    def _run_update(self, update: str) -> None:
        self._request(self.update_url, data=update.encode("utf-8"), content_type="application/sparql-update")

    def close(self) -> None:
        if self._lock is not None:
            lock, self._lock = self._lock, None
            lock.release()

    def graph_names(self) -> list[NamedNode]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return sorted((r["g"] for r in rows if isinstance(r["g"], NamedNode) and r["g"] != LOCK_GRAPH), key=lambda g: g.value)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        if graph is not None and self.gsp_url:
            sep = "&" if "?" in self.gsp_url else "?"
            url = f"{self.gsp_url}{sep}graph={urllib.parse.quote(graph.value, safe='')}"
            status, ctype, body = self._request(url, accept=_NTRIPLES)
            if status == 404:
                return
            fmt = ox.RdfFormat.from_media_type(ctype) or ox.RdfFormat.N_TRIPLES
            for q in ox.parse(body, fmt):
                yield Quad(q.subject, q.predicate, q.object, graph)
            return
        sparql = bind_values(_ALL_QUADS, {"g": graph}) if graph is not None else _ALL_QUADS
        for r in self._select(sparql).rows:
            if r["g"] != LOCK_GRAPH:
                yield Quad(r["s"], r["p"], r["o"], r["g"])  # type: ignore[arg-type]

    def quads_matching(
        self, subject: NamedNode | None = None, predicate: NamedNode | None = None, object_: Term | None = None
    ) -> list[Quad]:
        return [q for q in super().quads_matching(subject, predicate, object_) if q.graph_name != LOCK_GRAPH]

    def count(self) -> int:
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {LOCK_GRAPH}) }}").rows
        n = rows[0]["n"] if rows else None
        return int(n.value) if n is not None else 0

    def export(self, fmt: ExportFormat | str, out: BinaryIO) -> None:
        """Serialise the endpoint's named graphs (fetched with one query); turtle is their union."""
        check_export_format(fmt)
        local = ox.Store()
        local.extend(self.quads())
        dump_dataset(local, fmt, out)

    def export_bytes(self, fmt: ExportFormat | str) -> bytes:
        buf = io.BytesIO()
        self.export(fmt, buf)
        return buf.getvalue()

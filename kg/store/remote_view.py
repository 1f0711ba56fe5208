"""The union view of a remote store: how the endpoint's default graph relates to its named graphs, found when the
store opens, and what aipkg keeps so that queries see the union of its graphs as a set, as on the embedded store.

Endpoints differ, and a wrong guess corrupts silently: on ``oxigraph serve`` without ``--union-default-graph``
the default graph is apart from the named graphs, so an ingest exited 0 while it stored a meeting twice and
``kg stats`` counted 0 meetings. Where the default graph is the union, it is mostly a bag (Virtuoso, ``oxigraph
serve --union-default-graph``): a statement held by N graphs matches N times, so joins multiply (a library query
went from 1 s to a timeout) and some give other rows. A writer therefore probes, with one statement written to
two probe graphs and read back from the default graph:

* ``DEFAULT`` (0 matches: the default graph is apart): aipkg keeps the union view in the default graph itself, as
  the embedded store does; queries run as written.
* ``SERVER`` (1 match: the server's default graph is the set union): used as it is.
* ``GRAPH`` (2 matches, and named graphs stay visible to a query whose default graph is named, as on Virtuoso):
  aipkg keeps the view in the graph ``id:graph/union`` and every query names it as its default graph
  (``default-graph-uri``).
* otherwise (a bag, and a named default graph hides the named graphs, as on ``oxigraph serve
  --union-default-graph``): refused, saying which setting to change.

Readers cannot write a probe: they use ``id:graph/union`` where it exists, else the default graph, after checking
that it shows a statement of the named graphs (else a store written before the view existed is refused: opening
it for writing once builds the view).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import TypeVar

from pyoxigraph import Literal, NamedNode, Quad, Triple

from kg.errors import RemoteError, StoreError
from kg.namespaces import ID, ID_NS
from kg.store.base import SelectResult, Term
from kg.store.remote_lock import LOCK_GRAPH

T = TypeVar("T")
UNION_GRAPH = ID["graph/union"]
GRAPHS_NS = ID_NS + "graph/"
_PROBES = (ID["graph/probe/1"], ID["graph/probe/2"])
_PROBE = Triple(ID["probe"], ID["probe"], Literal("aipkg probe"))

Select = Callable[..., SelectResult]  # (sparql, *, view: bool) -> rows
Update = Callable[[str], None]


class ViewMode(str, Enum):
    DEFAULT = "default"
    SERVER = "server"
    GRAPH = "graph"


DESCRIPTIONS = {
    ViewMode.DEFAULT: "default graph apart from the named graphs: aipkg keeps their union in it",
    ViewMode.SERVER: "default graph is the set union of the named graphs: used as it is",
    ViewMode.GRAPH: f"default graph is every graph, a match per graph: aipkg keeps the union in {UNION_GRAPH.value}, "
                    "the default graph of its queries",
}


def not_ours() -> str:
    """A FILTER keeping ?g to aipkg's data graphs: under id:graph/, not the view, the writer lock or the probes (a
    server keeps graphs of its own, Virtuoso a few thousand statements' worth)."""
    excluded = ", ".join(str(g) for g in (UNION_GRAPH, LOCK_GRAPH, *_PROBES))
    return f'FILTER(STRSTARTS(STR(?g), "{GRAPHS_NS}") && ?g NOT IN ({excluded}))'


def probe(select: Select, update: Update, where: str, server: str) -> ViewMode:
    """The mode of an endpoint a writer may write to (see the module's doc); the probe graphs are removed."""
    if _has_view_graph(select):
        return ViewMode.GRAPH
    triple = f"{_PROBE.subject} {_PROBE.predicate} {_PROBE.object}"
    update(" ; ".join(f"DROP SILENT GRAPH {g}" for g in _PROBES) + " ; INSERT DATA { "
           + " ".join(f"GRAPH {g} {{ {triple} }}" for g in _PROBES) + " }")
    try:
        return _mode(select, triple, where, server)
    finally:
        update(" ; ".join(f"DROP SILENT GRAPH {g}" for g in _PROBES))


def _mode(select: Select, triple: str, where: str, server: str) -> ViewMode:
    in_default = _count(select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {triple} }}", view=False))
    if in_default == 0:
        return ViewMode.DEFAULT
    if in_default == 1:
        return ViewMode.SERVER
    named = _count(select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {triple} }} }}", view=True, default=_PROBES[0]))
    if named == 2:
        return ViewMode.GRAPH
    raise RemoteError(f"{where}: {_bag_advice(server)}")


def detect(select: Select, where: str) -> ViewMode | None:
    """The mode a reader reads with, from what writers left (None: the store holds nothing of aipkg's)."""
    if _has_view_graph(select):
        return ViewMode.GRAPH
    sample = select(f"SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_ours()} }} LIMIT 1", view=False).rows
    if not sample:
        return None
    row = sample[0]
    seen = select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {row['s']} {row['p']} {row['o']} }}", view=False)
    if _count(seen) == 0:
        raise StoreError(
            f"store {where}: its named graphs hold data its default graph does not show, and it has no union view "
            "(it was written before aipkg kept one): open it for writing once to build the view "
            f"(kg reason --store {where})"
        )
    return ViewMode.DEFAULT


def build(mode: ViewMode, select: Select, update: Update) -> None:
    """Fill the view from the named graphs if it is missing (a store written before the view existed)."""
    if mode is ViewMode.SERVER:
        return
    target = f"GRAPH {UNION_GRAPH} {{ ?s ?p ?o }}" if mode is ViewMode.GRAPH else "?s ?p ?o"
    sample = select(f"SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_ours()} }} LIMIT 1", view=False).rows
    if not sample:
        return
    row = sample[0]
    probe_text = f"GRAPH {UNION_GRAPH} {{ {row['s']} {row['p']} {row['o']} }}" if mode is ViewMode.GRAPH else f"{row['s']} {row['p']} {row['o']}"
    if _count(select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {probe_text} }}", view=False)) == 0:
        update(f"INSERT {{ {target} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_ours()} }}")


def changes(
    select: Select, dropped: list[NamedNode], removed: list[Quad], added: list[Quad]
) -> tuple[list[Triple], list[Triple]]:
    """What the view loses and gains when ``dropped`` graphs and ``removed`` quads go and ``added`` come: the
    embedded store's rule, with the reads batched into a few queries (a lookup per statement would be a request
    per statement)."""
    copies = list(dict.fromkeys(q.triple for q in added))
    if not dropped and not removed:
        return [], copies
    leaving: dict[Triple, set[str]] = {}
    for graphs in _batches(dropped, 50):
        values = " ".join(str(g) for g in graphs)
        for r in select(f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}", view=False, paged=True).rows:
            leaving.setdefault(Triple(r["s"], r["p"], r["o"]), set()).add(r["g"].value)  # type: ignore[arg-type, union-attr]
    held = set(leaving)
    for q in removed:
        leaving.setdefault(q.triple, set()).add(q.graph_name.value)  # type: ignore[union-attr]
    new, gone = set(copies), {g.value for g in dropped}
    candidates = [t for t in leaving if t not in new]
    kept: set[Triple] = set()
    wanted = set(candidates)
    # looked up by subject and predicate, the objects compared here: Virtuoso cannot take a long literal in VALUES
    pairs = list(dict.fromkeys((t.subject, t.predicate) for t in candidates))
    for batch in _batches(pairs, 100):
        values = " ".join(f"({s} {p})" for s, p in batch)
        rows = select(f"SELECT ?s ?p ?o ?g WHERE {{ VALUES (?s ?p) {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} {not_ours()} }}",
                      view=False, paged=True).rows
        for r in rows:
            t = Triple(r["s"], r["p"], r["o"])  # type: ignore[arg-type]
            if t in wanted and r["g"].value not in gone and r["g"].value not in leaving[t]:  # type: ignore[union-attr]
                kept.add(t)
    return [t for t in candidates if t not in kept], [t for t in copies if t not in held]


def _batches(items: list[T], size: int) -> Iterable[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _has_view_graph(select: Select) -> bool:
    return bool(select(f"SELECT ?s WHERE {{ GRAPH {UNION_GRAPH} {{ ?s ?p ?o }} }} LIMIT 1", view=False).rows)


def _count(result: SelectResult) -> int:
    value: Term | None = result.rows[0].get("n") if result.rows else None
    return int(value.value) if value is not None else 0


def _bag_advice(server: str) -> str:
    setting = (
        "run oxigraph serve without --union-default-graph" if server.lower().startswith("oxigraph")
        else "Fuseki: set tdb2:unionDefaultGraph false for the dataset" if "jena" in server.lower() or "fuseki" in server.lower()
        else "make the default graph either apart from the named graphs or their set union"
    )
    return (
        "its default graph is the union of its named graphs with a match per graph (a statement in 1,000 "
        "paragraphs would match 1,000 times in every join), and it hides its named graphs from a query that names "
        f"its default graph, so aipkg cannot keep a union view there: {setting}"
    )

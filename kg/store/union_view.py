"""The union view: the default graph of an embedded store holds the set union of its named graphs.

Queries run on it rather than on pyoxigraph's ``use_default_graph_as_union``, which yields a statement once per
graph holding it: a name stated in a thousand paragraphs would match a thousand times in every join. Every
``replace`` keeps it up to date (:func:`view_changes`). A store written before this view existed gets it when
next opened for writing; until then readers fall back to the union.
"""

from __future__ import annotations

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad


def _has_statements(store: ox.Store, graph: ox.DefaultGraph | None = None) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None


def has_union_view(store: ox.Store) -> bool:
    """Whether the default graph is the union view (or the store is empty, where it trivially is)."""
    return _has_statements(store, ox.DefaultGraph()) or next(iter(store.named_graphs()), None) is None


def build_union_view(store: ox.Store) -> None:
    """Fill the default graph with the union of the named graphs, in one transaction."""
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def _default_graph_copies(quads: list[Quad]) -> list[Quad]:
    """The quads' statements, each once, in the default graph. Made by pyoxigraph from the quads' N-Quads with
    the graph names cut off: half the cost of making them one by one in Python (5 µs a Quad). Each line ends
    in " <graph> ." (graphs are IRIs), and N-Quads escapes every newline inside a literal."""
    if not quads:
        return []
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).split(b" .\n")  # type: ignore[union-attr]
    statements = dict.fromkeys(line[: line.rindex(b" <")] for line in lines if line)
    return list(ox.parse(b" .\n".join(statements) + b" .\n", format=ox.RdfFormat.N_QUADS))


def view_changes(
    store: ox.Store, dropped: list[NamedNode], removed: list[Quad], added: list[Quad]
) -> tuple[list[Quad], list[Quad]]:
    """What the union view loses and gains, as default-graph quads, when ``dropped`` graphs and ``removed``
    quads go and ``added`` come.

    Computed here rather than in SPARQL: a query excluding the dropped graphs is linear in their number
    per statement (15 minutes for a whole-store `kg reason` at 1M statements). Only this process writes
    (the writer's lock), so nothing changes between these reads and the update.
    """
    # default-graph quads stand for the view's statements: they hash as the triples would and go to the
    # store as they are
    copies = _default_graph_copies(added)
    if not dropped and not removed:
        return [], copies
    new = set(copies)
    gone = {g.value for g in dropped}
    # each statement leaving some graph -> the graphs it leaves (all of it is in the view already)
    leaving: dict[Quad, set[str]] = {}
    for graph in dropped:
        for q in store.quads_for_pattern(None, None, None, graph):
            leaving.setdefault(Quad(q.subject, q.predicate, q.object), set()).add(graph.value)
    held = set(leaving)  # surely in the view (a quad asked to be removed may not even exist)
    for q in removed:
        leaving.setdefault(Quad(q.subject, q.predicate, q.object), set()).add(q.graph_name.value)  # type: ignore[union-attr]
    remove: list[Quad] = []
    for t, graphs in leaving.items():
        if t in new:
            continue
        holders = store.quads_for_pattern(t.subject, t.predicate, t.object, None)
        if not any(
            isinstance(h.graph_name, NamedNode) and h.graph_name.value not in gone and h.graph_name.value not in graphs
            for h in holders
        ):
            remove.append(t)
    # no lookup for what is already in the view: INSERT DATA of a present statement changes nothing, and
    # the lookups cost a third of an article's write
    return remove, [t for t in copies if t not in held]

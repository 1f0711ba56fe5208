"""The store's interface, its results, and what both backends share (checks, update text, RDF output).

Terms everywhere are pyoxigraph terms (NamedNode, Literal, Quad), whichever the backend.
Every statement lives in a named graph; nothing written uses blank nodes.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import BinaryIO

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad, Triple

from kg.errors import KgError, UsageError
from kg.namespaces import PREFIXES

Term = NamedNode | Literal


@dataclass(frozen=True)
class SelectResult:
    variables: tuple[str, ...]
    rows: tuple[dict[str, Term | None], ...]


QueryResult = SelectResult | bool | list[Triple]


@dataclass(frozen=True)
class SelectStream:
    """A SELECT result whose rows arrive as the store finds them: iterate once, while the store is open."""

    variables: tuple[str, ...]
    rows: Iterator[dict[str, Term | None]]


QueryStream = SelectStream | bool | list[Triple]


def materialise(result: QueryStream) -> QueryResult:
    if isinstance(result, SelectStream):
        return SelectResult(result.variables, tuple(result.rows))
    return result



class ExportFormat(str, Enum):
    """What ``Store.export`` writes. A str Enum: the plain names ("trig", ...) are accepted wherever a format is."""

    TURTLE = "turtle"  # the union of the named graphs, as triples
    TRIG = "trig"
    NQUADS = "nquads"
    JSONLD = "jsonld"


EXPORT_FORMATS = tuple(f.value for f in ExportFormat)

class Store(ABC):
    """What every backend offers. Queries see the union of all named graphs as their default graph
    (a set: a statement held by many graphs matches once)."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        allow_network: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a SPARQL query with variables bound to values (never pasted into the text).

        Refuses SERVICE and remote FROM/FROM NAMED (UnsafeQuery) unless ``allow_network``. ``timeout``: seconds
        the store may take (QueryLimit past it); None: no limit.
        """

    def stream(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        allow_network: bool = False,
        timeout: float | None = None,
    ) -> QueryStream:
        """:meth:`query`, with a SELECT's rows as they come where the backend can (else all at once)."""
        result = self.query(sparql, bindings, allow_network=allow_network, timeout=timeout)
        if isinstance(result, SelectResult):
            return SelectStream(result.variables, iter(result.rows))
        return result

    @abstractmethod
    def replace(
        self, drop_graphs: Iterable[NamedNode], add_quads: Iterable[Quad], *, remove_quads: Iterable[Quad] = ()
    ) -> None:
        """Atomically drop the given named graphs, remove ``remove_quads`` and add ``add_quads``: all of it
        happens or none."""

    def add(self, quads: Iterable[Quad]) -> None:
        self.replace((), quads)

    @abstractmethod
    def graph_names(self) -> list[NamedNode]: ...

    @abstractmethod
    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """Every quad, or those of one named graph."""

    def quads_matching(
        self, subject: NamedNode | None = None, predicate: NamedNode | None = None, object_: Term | None = None
    ) -> list[Quad]:
        """The quads, in whichever named graphs, with the given subject, predicate and object (None: any).
        Backends answer it without SPARQL where they can: a lookup costs a fraction of a query's planning."""
        bound = {name: term for name, term in (("s", subject), ("p", predicate), ("o", object_)) if term is not None}
        result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", bound)
        assert isinstance(result, SelectResult)
        return [Quad(r["s"], r["p"], r["o"], r["g"]) for r in result.rows]  # type: ignore[arg-type]

    @abstractmethod
    def export(self, fmt: ExportFormat | str, out: BinaryIO) -> None:
        """Serialise the whole store (turtle: the union of the graphs as triples)."""

    @abstractmethod
    def count(self) -> int: ...

    def describe(self) -> str:
        """What the store is, in a line (``kg stats`` shows it)."""
        return type(self).__name__

    def close(self) -> None:  # noqa: B027 - optional for backends with nothing to release
        pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is None:
            self.close()
            return
        with contextlib.suppress(KgError):  # the error already on its way out says more
            self.close()


# --- helpers shared by the backends -----------------------------------------------------------


def check_quads(quads: Iterable[Quad]) -> list[Quad]:
    """The quads as a list, after refusing blank nodes, RDF-star terms and the default graph."""
    out = []
    for q in quads:
        if not isinstance(q, Quad):
            raise KgError(f"store: expected a pyoxigraph Quad, got {type(q).__name__}")
        if not isinstance(q.graph_name, NamedNode):
            raise KgError(f"store: every statement must live in a named graph: {q}")
        if not isinstance(q.subject, NamedNode) or not isinstance(q.object, NamedNode | Literal):
            raise KgError(f"store: blank nodes (and quoted triples) are not stored; mint an IRI instead: {q}")
        out.append(q)
    return out


def check_graph_names(graphs: Iterable[NamedNode]) -> list[NamedNode]:
    """The graph names as a list, after refusing anything but named nodes."""
    out = list(graphs)
    for g in out:
        if not isinstance(g, NamedNode):
            raise KgError(f"store: only named graphs can be dropped, got {g!r}")
    return out


def replace_update(
    drop_graphs: Iterable[NamedNode],
    add_quads: Iterable[Quad],
    *,
    remove_quads: Iterable[Quad] = (),
    view_remove: Iterable[Triple | Quad] = (),
    view_add: Iterable[Triple | Quad] = (),
) -> str:
    """One SPARQL UPDATE request doing a ``replace``: DROP the graphs, DELETE DATA ``remove_quads``, then INSERT
    DATA the quads.

    ``view_remove`` and ``view_add`` are statements to delete from and add to the default graph in the same
    request (a store keeping the union of its graphs there computes them). Terms are written by pyoxigraph
    (``str(term)`` is escaped N-Triples syntax, valid SPARQL). Returns "" when there is nothing to do.
    """
    ops = [f"DROP SILENT GRAPH {g}" for g in check_graph_names(drop_graphs)]
    # a DELETE DATA per graph: Virtuoso 7 deletes nothing from a DELETE DATA of several graphs with a language tag
    ops += ["DELETE DATA {\n" + block + "\n}" for block in _graph_blocks(remove_quads)]
    if view_remove:
        ops.append("DELETE DATA {\n" + "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in view_remove) + "\n}")
    added = "\n".join(_graph_blocks(add_quads) + [f"{t.subject} {t.predicate} {t.object} ." for t in view_add])
    if added:
        ops.append("INSERT DATA {\n" + added + "\n}")
    return " ;\n".join(ops)


def _graph_blocks(quads: Iterable[Quad]) -> list[str]:
    """``GRAPH <g> { s p o . ... }`` blocks of the quads, one per graph, in first-seen order."""
    by_graph: dict[str, list[str]] = {}
    for q in check_quads(quads):
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return [f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items()]


def check_export_format(fmt: ExportFormat | str) -> ExportFormat:
    """The format as an ExportFormat; an unknown name is a UsageError listing the choices."""
    try:
        return ExportFormat(fmt)
    except ValueError:
        raise UsageError(f"export: unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}") from None


# --- results and output, the same for both backends -------------------------------------------


def convert_result(result: object) -> QueryResult:
    """A pyoxigraph query result as the store interface's types (materialised)."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = tuple(v.value for v in result.variables)
        rows = tuple({n: sol[n] for n in names} for sol in result)
        return SelectResult(names, rows)
    return [Triple(t.subject, t.predicate, t.object) for t in result]  # type: ignore[attr-defined]


_DATASET_FORMATS = {
    ExportFormat.TRIG: ox.RdfFormat.TRIG,
    ExportFormat.NQUADS: ox.RdfFormat.N_QUADS,
    ExportFormat.JSONLD: ox.RdfFormat.JSON_LD,
}


def dump_dataset(store: ox.Store, fmt: ExportFormat | str, out: BinaryIO, *, union_view: bool = False) -> None:
    """Serialise a pyoxigraph store: turtle is the union of the named graphs as triples.

    With ``union_view`` the default graph is that union (see :mod:`kg.store.oxigraph`) and is not written as such.
    """
    fmt = check_export_format(fmt)
    if fmt is ExportFormat.TURTLE:
        if union_view:
            store.dump(out, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
            return
        triples = [
            Triple(s["s"], s["p"], s["o"])
            for s in store.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")  # type: ignore[union-attr]
        ]
        ox.serialize(triples, out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return
    prefixes = PREFIXES if fmt is ExportFormat.TRIG else None
    if not union_view:
        store.dump(out, _DATASET_FORMATS[fmt], prefixes=prefixes)
        return
    named = (q for g in store.named_graphs() for q in store.quads_for_pattern(None, None, None, g))
    ox.serialize(named, out, _DATASET_FORMATS[fmt], prefixes=prefixes)

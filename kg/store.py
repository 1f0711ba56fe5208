"""The store: one interface, two backends (embedded Oxigraph on disk, any SPARQL 1.1 endpoint).

Terms everywhere are pyoxigraph terms (NamedNode, Literal, Quad), whichever the backend.
Every statement lives in a named graph; nothing written uses blank nodes.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import Literal, NamedNode, Quad, Triple

from kg.errors import KgError, UsageError

Term = NamedNode | Literal


@dataclass(frozen=True)
class SelectResult:
    variables: tuple[str, ...]
    rows: tuple[dict[str, Term | None], ...]


QueryResult = SelectResult | bool | list[Triple]

EXPORT_FORMATS = ("turtle", "trig", "nquads", "jsonld")



class Store(ABC):
    """What every backend offers. Queries see the union of all named graphs as their default graph
    (a set: a statement held by many graphs matches once)."""

    @abstractmethod
    def query(
        self, sparql: str, bindings: Mapping[str, Term] | None = None, *, allow_network: bool = False
    ) -> QueryResult:
        """Run a SPARQL query with variables bound to values (never pasted into the text).

        Refuses SERVICE and remote FROM/FROM NAMED (UnsafeQuery) unless ``allow_network``.
        """

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
    def export(self, fmt: str, out: BinaryIO) -> None:
        """Serialise the whole store (turtle: the union of the graphs as triples)."""

    @abstractmethod
    def count(self) -> int: ...

    def close(self) -> None:  # noqa: B027 - optional for backends with nothing to release
        pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
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
    removed_by_graph: dict[NamedNode, list[str]] = {}
    for q in check_quads(remove_quads):
        removed_by_graph.setdefault(q.graph_name, []).append(f"{q.subject} {q.predicate} {q.object} .")  # type: ignore[arg-type]
    removed = "\n".join(
        [f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in removed_by_graph.items()]
        + [f"{t.subject} {t.predicate} {t.object} ." for t in view_remove]
    )
    if removed:
        ops.append("DELETE DATA {\n" + removed + "\n}")
    by_graph: dict[NamedNode, list[str]] = {}
    for q in check_quads(add_quads):
        by_graph.setdefault(q.graph_name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    body = "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())
    added = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in view_add)
    if body or added:
        ops.append("INSERT DATA {\n" + "\n".join(part for part in (body, added) if part) + "\n}")
    return " ;\n".join(ops)


def check_export_format(fmt: str) -> str:
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"export: unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return fmt


# --- choosing a backend -----------------------------------------------------------------------


def default_store_location() -> str:
    """``$KG_STORE`` if set, else ``$XDG_DATA_HOME/aipkg/store`` (``~/.local/share/aipkg/store``)."""
    env = os.environ.get("KG_STORE")
    if env:
        return env
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(data_home) / "aipkg" / "store")


def open_store(
    location: str | os.PathLike[str] | None = None, *, read_only: bool = False, allow_network: bool = False
) -> Store:
    """Open the store at ``location``: an ``http(s)://`` SPARQL query endpoint or a directory.

    ``None`` means :func:`default_store_location`. ``allow_network`` lets every query of this store
    use SERVICE and remote FROM (otherwise each ``query`` call decides).
    """
    loc = os.fspath(location) if location is not None else default_store_location()
    if loc.startswith(("http://", "https://")):
        from kg.store_sparql import SparqlStore

        return SparqlStore(loc, read_only=read_only, allow_network=allow_network)
    from kg.store_oxigraph import OxigraphStore

    return OxigraphStore(loc, read_only=read_only, allow_network=allow_network)

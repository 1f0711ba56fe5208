"""The store: one interface, two backends (embedded Oxigraph on disk, any SPARQL 1.1 endpoint).

Terms everywhere are pyoxigraph terms (NamedNode, Literal, Quad), whichever the backend.
Every statement lives in a named graph; nothing written uses blank nodes.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import BinaryIO

from pyoxigraph import Literal, NamedNode, Quad, Triple

Term = NamedNode | Literal


@dataclass(frozen=True)
class SelectResult:
    variables: tuple[str, ...]
    rows: tuple[dict[str, Term | None], ...]


QueryResult = SelectResult | bool | list[Triple]

EXPORT_FORMATS = ("turtle", "trig", "nquads", "jsonld")


class Store(ABC):
    """What every backend offers. Queries see the union of all named graphs as their default graph."""

    @abstractmethod
    def query(
        self, sparql: str, bindings: Mapping[str, Term] | None = None, *, allow_network: bool = False
    ) -> QueryResult:
        """Run a SPARQL query with variables bound to values (never pasted into the text).

        Refuses SERVICE and remote FROM/FROM NAMED (UnsafeQuery) unless ``allow_network``.
        """

    @abstractmethod
    def replace(self, drop_graphs: Iterable[NamedNode], add_quads: Iterable[Quad]) -> None:
        """Atomically drop the given named graphs and add the quads: all of it happens or none."""

    def add(self, quads: Iterable[Quad]) -> None:
        self.replace((), quads)

    @abstractmethod
    def graph_names(self) -> list[NamedNode]: ...

    @abstractmethod
    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """Every quad, or those of one named graph."""

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

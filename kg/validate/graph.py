"""The graph the compiled shapes read in Python: one article's statements beside the base data, as hash indexes.

An article is a few hundred statements and the base data (ontology, topics, reference data) tens of
thousands: the base is indexed once, the article per call, and :class:`IndexedGraph` reads both as one graph
without copying either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Protocol, TypeVar

import pyoxigraph as ox

from kg.errors import UsageError
from kg.namespaces import AIP, PROV, RDF, RDFS
from kg.validate.terms import Term

Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, Term]  # a statement of the data

_TYPE, _SUBCLASS_OF = RDF.type, RDFS.subClassOf
_CLAIM_GRAPH, _DERIVED_FROM, _DESCRIBED_IN = AIP.ClaimGraph, PROV.wasDerivedFrom, AIP.describedIn


class Graph(Protocol):
    """What graph patterns need: the objects of a subject and predicate, and the way back."""

    def objects(self, s: Term, p: ox.NamedNode) -> AbstractSet[Term]: ...

    def subjects(self, p: ox.NamedNode, o: Term) -> AbstractSet[Term]: ...


def reachable(graph: Graph, start: Term, predicate: ox.NamedNode, forward: bool, with_start: bool) -> set[Term]:
    """The nodes ``predicate+`` leads to from ``start`` (``predicate*`` with ``with_start``), or back from it."""
    found: set[Term] = {start} if with_start else set()
    todo = [start]
    while todo:
        node = todo.pop()
        for nxt in graph.objects(node, predicate) if forward else graph.subjects(predicate, node):
            if nxt not in found:
                found.add(nxt)
                todo.append(nxt)
    return found


def statements(quads: Iterable[ox.Quad]) -> Iterator[Triple]:
    """The quads' statements as plain tuples (a pyoxigraph Quad costs 5 µs to make). A quoted triple (RDF-star)
    is refused, as pySHACL's conversion refuses it: the shapes say nothing about them."""
    for q in quads:
        s, o = q.subject, q.object
        if isinstance(s, ox.Triple) or isinstance(o, ox.Triple):
            raise UsageError(f"cannot validate a statement containing {q!r}")
        yield s, q.predicate, o


def with_provenance_links(quads: Iterable[ox.Quad]) -> list[Triple]:
    """The input's statements, plus ``aip:describedIn`` from each claim-graph statement's subject to its graph
    (the provenance shape checks those links; the pySHACL engine adds them too)."""
    quads = list(quads)
    claim_graphs = {q.subject for q in quads if q.predicate == _TYPE and q.object == _CLAIM_GRAPH}
    claim_graphs |= {q.subject for q in quads if q.predicate == _DERIVED_FROM}
    triples = list(statements(quads))
    links: list[Triple] = []
    for (subject, _, _), q in zip(triples, quads, strict=True):
        graph = q.graph_name
        if not isinstance(graph, ox.DefaultGraph) and graph in claim_graphs:
            links.append((subject, _DESCRIBED_IN, graph))
    return triples + links


class Index:
    """Triples indexed by (subject, predicate) and (predicate, object), with each node's predicates out and in
    (what the targets of the shapes ask about every subject)."""

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self.sp: dict[tuple[Term, ox.NamedNode], set[Term]] = {}
        self.po: dict[tuple[ox.NamedNode, Term], set[Term]] = {}
        self.out: dict[Term, set[ox.NamedNode]] = {}
        self.into: dict[Term, set[ox.NamedNode]] = {}
        for s, p, o in triples:
            if (objects := self.sp.get((s, p))) is None:
                self.sp[s, p] = {o}
                self.out.setdefault(s, set()).add(p)
            else:
                objects.add(o)
            if (subjects := self.po.get((p, o))) is None:
                self.po[p, o] = {s}
                self.into.setdefault(o, set()).add(p)
            else:
                subjects.add(s)


_NO_TERMS: frozenset[Term] = frozenset()
_NO_PREDICATES: frozenset[ox.NamedNode] = frozenset()
T = TypeVar("T")


def _merged(base: AbstractSet[T], extra: AbstractSet[T]) -> AbstractSet[T]:
    """Both indexes' sets for one key: one of them uncopied when the other is empty (callers only read it)."""
    return (base | extra) if base and extra else (base or extra)


class IndexedGraph:
    """The base data's index and an article's, read as one graph. The sets returned are read-only: they may be
    the indexes' own."""

    def __init__(self, base: Index, extra: Index) -> None:
        self.base, self.extra = base, extra
        self._superclasses_of: dict[Term, set[Term]] = {}
        self._classes_of: dict[Term, set[Term]] = {}

    def objects(self, s: Term, p: ox.NamedNode) -> AbstractSet[Term]:
        return _merged(self.base.sp.get((s, p), _NO_TERMS), self.extra.sp.get((s, p), _NO_TERMS))

    def subjects(self, p: ox.NamedNode, o: Term) -> AbstractSet[Term]:
        return _merged(self.base.po.get((p, o), _NO_TERMS), self.extra.po.get((p, o), _NO_TERMS))

    def predicates_from(self, node: Term) -> AbstractSet[ox.NamedNode]:
        return _merged(self.base.out.get(node, _NO_PREDICATES), self.extra.out.get(node, _NO_PREDICATES))

    def predicates_to(self, node: Term) -> AbstractSet[ox.NamedNode]:
        return _merged(self.base.into.get(node, _NO_PREDICATES), self.extra.into.get(node, _NO_PREDICATES))

    def classes(self, node: Term) -> set[Term]:
        """Every C with ``node a/rdfs:subClassOf* C``."""
        if (found := self._classes_of.get(node)) is None:
            found = set()
            for t in self.objects(node, _TYPE):
                found |= self._superclasses(t)
            self._classes_of[node] = found
        return found

    def _superclasses(self, cls: Term) -> set[Term]:
        if (found := self._superclasses_of.get(cls)) is None:
            found = self._superclasses_of[cls] = reachable(self, cls, _SUBCLASS_OF, forward=True, with_start=True)
        return found

"""The compiled form of the shapes: checks that run as a SPARQL query or in Python, with the same results.

Every piece can write itself as SPARQL (``sparql``) and evaluate itself over an :class:`IndexedGraph`
(``values``, ``holds``, ``matches``); tests run both on the same data and compare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.namespaces import RDFS
from kg.validate.graph import IndexedGraph
from kg.validate.terms import Term, Value, compare, xpath_regex

FOCUS_MARK = "#FOCUS#\n"  # replaced by a VALUES block of the input's subjects
_SUBCLASS = str(RDFS.subClassOf)


@dataclass(frozen=True)
class ShapePath:
    """A property path with inverses pushed down to single predicates: ``predicate`` (``inverse`` read from
    object to subject) or a choice of ``alternatives``."""

    predicate: ox.NamedNode | None = None
    inverse: bool = False
    alternatives: tuple[ShapePath, ...] = ()

    def sparql(self) -> str:
        if self.predicate is not None:
            return ("^" if self.inverse else "") + str(self.predicate)
        return "(" + "|".join(p.sparql() for p in self.alternatives) + ")"

    def values(self, graph: IndexedGraph, node: Term) -> AbstractSet[Term]:
        if self.predicate is not None:
            return graph.subjects(self.predicate, node) if self.inverse else graph.objects(node, self.predicate)
        out: set[Term] = set()
        for p in self.alternatives:
            out |= p.values(graph, node)
        return out

    def inverted(self) -> ShapePath:
        if self.predicate is not None:
            return ShapePath(self.predicate, not self.inverse)
        return ShapePath(alternatives=tuple(p.inverted() for p in self.alternatives))


@dataclass(frozen=True)
class Condition:
    """A test of one value (kinds: datatype, class, iri, in, lang, pattern, min, and, or) or, for kinds
    exists/absent/and/or at node level, of the focus node."""

    kind: str
    term: Value | None = None
    terms: frozenset[Value] = frozenset()
    texts: tuple[str, ...] = ()
    parts: tuple[Condition, ...] = ()
    path: ShapePath | None = None

    def sparql(self, var: str) -> str:
        k = self.kind
        if k == "datatype":
            return f"(isLiteral({var}) && DATATYPE({var}) = {self.term})"
        if k == "class":
            return f"EXISTS {{ {var} a/{_SUBCLASS}* {self.term} }}"
        if k == "iri":
            return f"isIRI({var})"
        if k == "in":
            return "(" + " || ".join(f"sameTerm({var}, {t})" for t in sorted(self.terms, key=str)) + ")"
        if k == "lang":
            tags = " || ".join(f"langMatches(LANG({var}), {ox.Literal(t)})" for t in self.texts)
            return f"(isLiteral({var}) && ({tags}))"
        if k == "pattern":
            return f"(!isBlank({var}) && REGEX(STR({var}), {ox.Literal(self.texts[0])}))"
        if k == "min":
            return f"({var} >= {self.term})"
        if k in ("exists", "absent"):
            assert self.path is not None
            return ("" if k == "exists" else "NOT ") + f"EXISTS {{ {var} {self.path.sparql()} ?_x }}"
        if not self.parts:
            return "true" if k == "and" else "false"
        joiner = " && " if k == "and" else " || "
        return "(" + joiner.join(p.sparql(var) for p in self.parts) + ")"

    def holds(self, graph: IndexedGraph, value: Term) -> bool | None:
        """True, False, or None where SPARQL would raise an error (an incomparable value)."""
        k = self.kind
        if k == "datatype":
            return isinstance(value, ox.Literal) and value.datatype == self.term
        if k == "class":
            return self.term in graph.classes(value)
        if k == "iri":
            return isinstance(value, ox.NamedNode)
        if k == "in":
            return value in self.terms
        if k == "lang":
            return isinstance(value, ox.Literal) and _language_matches(value.language, self.texts)
        if k == "pattern":  # SPARQL: !isBlank(v) && REGEX(STR(v), ...)
            return not isinstance(value, ox.BlankNode) and xpath_regex(self.texts[0]).search(value.value) is not None
        if k == "min":
            assert self.term is not None
            return compare(value, self.term, ">=")
        if k in ("exists", "absent"):
            assert self.path is not None
            return bool(self.path.values(graph, value)) == (k == "exists")
        results = [p.holds(graph, value) for p in self.parts]
        if k == "and":
            return False if False in results else None if None in results else True
        return True if True in results else None if None in results else False


def _language_matches(language: str | None, ranges: tuple[str, ...]) -> bool:
    """SPARQL's langMatches of a literal's tag against any of the ranges (``*`` matching every tag)."""
    tag = (language or "").lower()
    return bool(tag) and any(tag == r.lower() or tag.startswith(r.lower() + "-") or r == "*" for r in ranges)


@dataclass(frozen=True)
class Targets:
    classes: tuple[ox.NamedNode, ...] = ()
    subjects_of: tuple[ox.NamedNode, ...] = ()
    objects_of: tuple[ox.NamedNode, ...] = ()

    def sparql(self) -> str:
        parts = [f"{{ ?this a/{_SUBCLASS}* {c} }}" for c in self.classes]
        parts += [f"{{ ?this {p} ?_t }}" for p in self.subjects_of]
        parts += [f"{{ ?_t {p} ?this }}" for p in self.objects_of]
        return FOCUS_MARK + "{ " + " UNION ".join(parts) + " }"

    def matches(self, graph: IndexedGraph, node: ox.NamedNode) -> bool:
        return (
            not graph.classes(node).isdisjoint(self.classes)
            or bool(self.subjects_of) and not graph.predicates_from(node).isdisjoint(self.subjects_of)
            or bool(self.objects_of) and not graph.predicates_to(node).isdisjoint(self.objects_of)
        )


Evaluate = Callable[[IndexedGraph, ox.NamedNode], Iterable[Term | None]]


@dataclass(frozen=True)
class Check:
    """One constraint (or several sharing their results) of one shape: ``query`` in SPARQL, and ``evaluate``
    giving the same (focus, value) pairs in Python (None for an sh:sparql constraint kg.validate.select_eval
    cannot evaluate: SPARQL only)."""

    shape: str
    path: str | None
    message: str
    severity: str
    targets: Targets
    query: str
    evaluate: Evaluate | None = field(default=None, compare=False)

"""The fast engine: forward chaining in plain Python sets over the rules the ontology uses.

rdfs:subClassOf and rdfs:subPropertyOf (closed and applied), owl:equivalentClass / owl:equivalentProperty,
owl:inverseOf, owl:SymmetricProperty, owl:TransitiveProperty, rdfs:domain and rdfs:range. Schema statements
in the data count too. Class expressions (blank nodes) are beyond it, and it does not replicate statements
over owl:sameAs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.reason.terms import (
    DOMAIN,
    EQ_CLASS,
    EQ_PROP,
    INVERSE,
    RANGE,
    SUBCLASS,
    SUBPROP,
    SYMMETRIC,
    TRANSITIVE,
    TYPE,
    Encoded,
    Terms,
)

Relation = dict[int, set[int]]


def _closure(edges: Relation) -> Relation:
    """Transitive closure of a small relation (the schema), each node without itself."""
    closed: Relation = {}
    for start in edges:
        seen: set[int] = set()
        stack = list(edges[start])
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            stack.extend(edges.get(node, ()))
        seen.discard(start)
        closed[start] = seen
    return closed


class _Edges:
    """The schema statements of a set of statements, as relations between ids."""

    def __init__(self) -> None:
        self.sub_class: Relation = defaultdict(set)
        self.sub_prop: Relation = defaultdict(set)
        self.domain: Relation = defaultdict(set)
        self.range: Relation = defaultdict(set)
        self.inverse: Relation = defaultdict(set)
        self.transitive: set[int] = set()

    @classmethod
    def read(cls, triples: Iterable[Encoded], terms: Terms) -> _Edges:
        edges = cls()
        encode = terms.encode
        type_, transitive_, symmetric_ = encode(TYPE), encode(TRANSITIVE), encode(SYMMETRIC)
        # each schema predicate: the relations it adds to, forward and (for equivalences, inverses) backward
        forward: dict[int, Relation] = {encode(SUBCLASS): edges.sub_class, encode(EQ_CLASS): edges.sub_class,
                                        encode(SUBPROP): edges.sub_prop, encode(EQ_PROP): edges.sub_prop,
                                        encode(DOMAIN): edges.domain, encode(RANGE): edges.range,
                                        encode(INVERSE): edges.inverse}
        backward: dict[int, Relation] = {encode(EQ_CLASS): edges.sub_class, encode(EQ_PROP): edges.sub_prop,
                                         encode(INVERSE): edges.inverse}
        blanks = terms.blanks
        for s, p, o in triples:
            if p == type_:
                if o == transitive_:
                    edges.transitive.add(s)
                elif o == symmetric_:
                    edges.inverse[s].add(s)
                continue
            relation = forward.get(p)
            # Class expressions (blank nodes) are beyond this engine.
            if relation is None or s <= 0 or o <= 0 or s in blanks or o in blanks:
                continue
            relation[s].add(o)
            if (back := backward.get(p)) is not None:
                back[o].add(s)
        return edges


class Schema:
    """The rules of a set of statements, precomputed per property and class."""

    def __init__(self, triples: set[Encoded], terms: Terms) -> None:
        edges = _Edges.read(triples, terms)
        self.super_classes = _closure(edges.sub_class)
        self.super_props = _closure(edges.sub_prop)
        # A property's domain and range include those of its super-properties (rdfs7 then rdfs2/3),
        # and each class brings its super-classes (rdfs9).
        self.domain: Relation = {}
        self.range: Relation = {}
        for prop in set(edges.domain) | set(edges.range) | set(self.super_props):
            lineage = {prop} | self.super_props.get(prop, set())
            self.domain[prop] = self._with_supers(set().union(*(edges.domain.get(q, set()) for q in lineage)))
            self.range[prop] = self._with_supers(set().union(*(edges.range.get(q, set()) for q in lineage)))
        self.inverse = {p: set(qs) for p, qs in edges.inverse.items()}
        self.transitive = edges.transitive

    def _with_supers(self, classes: set[int]) -> set[int]:
        out = set(classes)
        for cls in classes:
            out |= self.super_classes.get(cls, set())
        return out


class Rules:
    """Per property, everything one of its statements implies: (super-properties, domain classes, range
    classes, inverses); properties without rules have none. Plus the closed class hierarchy and the
    transitive properties."""

    def __init__(self, asserted: set[Encoded], terms: Terms) -> None:
        schema = Schema(asserted, terms)
        self.type = terms.encode(TYPE)
        self.super_classes = schema.super_classes
        self.transitive = schema.transitive
        empty: tuple[int, ...] = ()
        self.by_property: dict[int, tuple[tuple[int, ...], ...]] = {}
        for prop in set(schema.super_props) | set(schema.domain) | set(schema.range) | set(schema.inverse):
            self.by_property[prop] = (
                tuple(schema.super_props.get(prop, empty)),
                tuple(schema.domain.get(prop, empty)),
                tuple(schema.range.get(prop, empty)),
                tuple(schema.inverse.get(prop, empty)),
            )
        for prop in schema.transitive:
            self.by_property.setdefault(prop, (empty, empty, empty, empty))


class Closure:
    """Statements closed under a fixed set of rules; more statements can be added and closed in turn."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.facts: set[Encoded] = set()
        # for transitive properties: successors and predecessors of each node
        self.succ: dict[int, Relation] = {p: defaultdict(set) for p in rules.transitive}
        self.pred: dict[int, Relation] = {p: defaultdict(set) for p in rules.transitive}

    def copy(self) -> Closure:
        other = Closure.__new__(Closure)
        other.rules, other.facts = self.rules, set(self.facts)
        other.succ = {p: defaultdict(set, {k: set(v) for k, v in d.items()}) for p, d in self.succ.items()}
        other.pred = {p: defaultdict(set, {k: set(v) for k, v in d.items()}) for p, d in self.pred.items()}
        return other

    def add(self, triples: Iterable[Encoded]) -> None:
        # One loop with its body inline: it runs for every statement derived, a million at 1M statements, where
        # a method call per statement would cost more than the rule look-ups it makes.
        rules, facts, succ, pred = self.rules, self.facts, self.succ, self.pred
        type_, super_classes, by_property = rules.type, rules.super_classes, rules.by_property
        empty: tuple[int, ...] = ()
        queue: list[Encoded] = []
        new: list[Encoded] = list(triples)
        while True:
            for triple in new:
                if triple not in facts:
                    facts.add(triple)
                    queue.append(triple)
                    ts, tp, to = triple
                    if tp in succ:
                        succ[tp][ts].add(to)
                        pred[tp][to].add(ts)
            new.clear()
            if not queue:
                return
            s, p, o = queue.pop()
            if p == type_:
                for cls in super_classes.get(o, empty):
                    new.append((s, type_, cls))
                continue
            rule = by_property.get(p)
            if rule is None:
                continue
            supers, domains, ranges, inverses = rule
            for sup in supers:
                new.append((s, sup, o))
            for cls in domains:
                new.append((s, type_, cls))
            if o > 0:  # a literal cannot be a subject: no range typing, no inverse
                for cls in ranges:
                    new.append((o, type_, cls))
                for inv in inverses:
                    new.append((o, inv, s))
                if p in succ:
                    for before in pred[p].get(s, ()):
                        new.append((before, p, o))
                    for after in succ[p].get(o, ()):
                        new.append((s, p, after))

def fast_closure(asserted: set[Encoded], terms: Terms) -> set[Encoded]:
    closure = Closure(Rules(asserted, terms))
    closure.add(asserted)
    return closure.facts


"""``ontology/shapes.ttl`` compiled into checks (:mod:`kg.validate.checks`), each a SPARQL query and a Python
evaluation of the same constraint.

A SHACL construct the compiler does not know is an error at compile time, so a change to the shapes cannot be
silently skipped. Every SPARQL query starts with its shape's focus pattern (:data:`FOCUS_MARK`, then the
targets), so only target nodes are checked; the sh:sparql constraints are evaluated in Python by
:mod:`kg.validate.select_eval` where its subset allows, and kept as queries where it does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF as RDF_R
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import SH_NS
from kg.resources import ontology_file
from kg.validate.checks import Check, Condition, Evaluate, ShapePath, Targets
from kg.validate.graph import IndexedGraph
from kg.validate.select_eval import compile_select
from kg.validate.terms import Term, Value, compare, from_rdflib, xpath_regex

SH = rdflib.Namespace(SH_NS)

_VALUE_KEYS = {SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.languageIn, SH.pattern, SH.minInclusive}
_PROPERTY_KEYS = _VALUE_KEYS | {
    SH.path, SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.lessThan,
    SH.lessThanOrEquals, SH["or"], SH.message, SH.severity, SH.name, SH.description, RDF_R.type,
}
_NODE_KEYS = {
    SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.nodeKind, SH.property, SH["or"], SH.message,
    SH.sparql, SH.severity, SH.deactivated, RDF_R.type, rdflib.RDFS.label, rdflib.RDFS.comment,
}


def _term(node: Node) -> Value:
    if (term := from_rdflib(node)) is None:
        raise KgError(f"shapes: cannot compile the term {node!r}")
    return term


def _iri(node: Node) -> ox.NamedNode:
    term = _term(node)
    if not isinstance(term, ox.NamedNode):
        raise KgError(f"shapes: expected an IRI, got {node!r}")
    return term


def _severity(node: Node | None) -> str:
    return str(node or SH.Violation).rsplit("#", 1)[-1]


class Compiler:
    def __init__(self, graph: rdflib.Graph) -> None:
        self.g = graph

    def fail(self, shape: Node, what: str) -> KgError:
        return KgError(f"{ontology_file('shapes.ttl')}: shape {shape}: the compiled validator does not support {what}")

    def items(self, node: Node | None) -> list[Node]:
        return list(Collection(self.g, node)) if node is not None else []

    def integer(self, shape: Node, node: Node) -> int:
        try:
            return int(str(node))
        except ValueError:
            raise self.fail(shape, f"the count {node!r}") from None

    def path(self, shape: Node, node: Node | None) -> ShapePath:
        if node is None:
            raise self.fail(shape, "a property shape without sh:path")
        if isinstance(node, rdflib.URIRef):
            return ShapePath(_iri(node))
        alt = self.g.value(node, SH.alternativePath)
        if alt is not None:
            return ShapePath(alternatives=tuple(self.path(shape, x) for x in self.items(alt)))
        inv = self.g.value(node, SH.inversePath)
        if inv is not None:
            return self.path(shape, inv).inverted()
        raise self.fail(shape, "this kind of sh:path")

    def value_test(self, shape: Node, key: Node, o: Node) -> Condition:
        if key == SH.datatype:
            return Condition("datatype", _iri(o))
        if key == SH["class"]:
            return Condition("class", _iri(o))
        if key == SH.nodeKind:
            if o != SH.IRI:
                raise self.fail(shape, f"sh:nodeKind {o}")
            return Condition("iri")
        if key == SH["in"]:
            return Condition("in", terms=frozenset(_term(x) for x in self.items(o)))
        if key == SH.languageIn:
            return Condition("lang", texts=tuple(str(x) for x in self.items(o)))
        if key == SH.pattern:
            xpath_regex(str(o))  # a bad pattern fails here, not on the first article
            return Condition("pattern", texts=(str(o),))
        if key == SH.minInclusive:
            return Condition("min", _term(o))
        raise self.fail(shape, f"{key} inside a value shape")

    def value_shape(self, shape: Node, node: Node) -> Condition:
        """A value conforms to a value-level shape (the conjunction of its constraints)."""
        parts = [
            self.value_test(shape, p, o)
            for p, o in self.g.predicate_objects(node)
            if p != RDF_R.type and p != SH.message
        ]
        return Condition("and", parts=tuple(parts))

    def node_test(self, shape: Node, node: Node) -> Condition:
        """?this conforms to a node-level shape of sh:or / sh:and / a path that must have values or none."""
        for key, kind in ((SH["and"], "and"), (SH["or"], "or")):
            if (node, key, None) in self.g:
                members = self.items(self.g.value(node, key))
                return Condition(kind, parts=tuple(self.node_test(shape, x) for x in members))
        keys = dict(self.g.predicate_objects(node))
        if set(keys) == {SH.path, SH.minCount} and self.integer(shape, keys[SH.minCount]) == 1:
            return Condition("exists", path=self.path(shape, keys[SH.path]))
        if set(keys) == {SH.path, SH.maxCount} and self.integer(shape, keys[SH.maxCount]) == 0:
            return Condition("absent", path=self.path(shape, keys[SH.path]))
        raise self.fail(
            shape, "a node-level sh:or member other than sh:and, [sh:path P ; sh:minCount 1] or [sh:path P ; sh:maxCount 0]"
        )

    def targets(self, shape: Node) -> Targets:
        targets = Targets(
            tuple(_iri(c) for c in self.g.objects(shape, SH.targetClass)),
            tuple(_iri(p) for p in self.g.objects(shape, SH.targetSubjectsOf)),
            tuple(_iri(p) for p in self.g.objects(shape, SH.targetObjectsOf)),
        )
        if not (targets.classes or targets.subjects_of or targets.objects_of):
            raise self.fail(shape, "a shape without targets")
        return targets

    def prefixes(self, node: Node) -> str:
        out = []
        for decl in self.g.objects(node, SH.declare):
            out.append(f"PREFIX {self.g.value(decl, SH.prefix)}: <{self.g.value(decl, SH.namespace)}>")
        return "\n".join(out) + "\n"

    def compile(self) -> list[Check]:
        checks: list[Check] = []
        for shape in sorted(set(self.g.subjects(RDF_R.type, SH.NodeShape)), key=str):
            if (shape, SH.deactivated, rdflib.Literal(True)) not in self.g:
                checks += self.shape_checks(shape)
        return checks

    def shape_checks(self, shape: Node) -> list[Check]:
        unknown = set(self.g.predicates(shape)) - _NODE_KEYS
        if unknown:
            raise self.fail(shape, ", ".join(sorted(map(str, unknown))))
        targets = self.targets(shape)
        message = str(self.g.value(shape, SH.message) or "does not conform")
        severity = _severity(self.g.value(shape, SH.severity))
        checks: list[Check] = []
        if (kind := self.g.value(shape, SH.nodeKind)) is not None:
            if kind != SH.IRI:
                raise self.fail(shape, f"sh:nodeKind {kind}")
            checks.append(_node_check(shape, targets, message, severity, Condition("iri")))
        if (shape, SH["or"], None) in self.g:
            checks.append(_node_check(shape, targets, message, severity, self.node_test(shape, shape)))
        for prop in self.g.objects(shape, SH.property):
            checks += self.property_checks(shape, prop, targets)
        for constraint in self.g.objects(shape, SH.sparql):
            constraint_message = str(self.g.value(constraint, SH.message) or message)
            checks.append(self.sparql_check(shape, constraint, targets, constraint_message, severity))
        return checks

    def sparql_check(self, shape: Node, constraint: Node, targets: Targets, message: str, severity: str) -> Check:
        select = str(self.g.value(constraint, SH.select)).replace("$this", "?this")
        prologue = "".join(self.prefixes(p) for p in self.g.objects(constraint, SH.prefixes))
        # the focus pattern goes first inside the WHERE group, so only targets are checked
        m = re.search(r"WHERE\s*\{", select, re.IGNORECASE)
        if not m:
            raise self.fail(shape, "an sh:select without WHERE")
        body = select[: m.end()] + f" {targets.sparql()} " + select[m.end():]
        body = re.sub(r"SELECT\s+(?!DISTINCT)", "SELECT DISTINCT ", body, count=1, flags=re.IGNORECASE)
        return Check(str(shape), None, message, severity, targets, prologue + body, compile_select(prologue + select))

    def property_checks(self, shape: Node, prop: Node, targets: Targets) -> list[Check]:
        unknown = set(self.g.predicates(prop)) - _PROPERTY_KEYS
        if unknown:
            raise self.fail(shape, ", ".join(sorted(map(str, unknown))))
        g = self.g
        path_node = g.value(prop, SH.path)
        path = self.path(shape, path_node)
        p = _Property(
            str(shape), path, str(path_node) if isinstance(path_node, rdflib.URIRef) else path.sparql(),
            str(g.value(prop, SH.message) or "does not conform"), _severity(g.value(prop, SH.severity)), targets,
        )
        # A property shape's constraints all report the same (focus, path, message[, value]), so they share
        # a check: one for every value-level constraint (a value violates when any test is false; an error in
        # one test stays "no violation" in an OR, as it was alone), one for both counts.
        tests = [self.value_test(shape, key, value) for key in sorted(_VALUE_KEYS) for value in g.objects(prop, key)]
        if (prop, SH["or"], None) in g:
            members = self.items(g.value(prop, SH["or"]))
            tests.append(Condition("or", parts=tuple(self.value_shape(shape, x) for x in members)))
        out = [p.value_check(tests)] if tests else []
        low, high = g.value(prop, SH.minCount), g.value(prop, SH.maxCount)
        if low is not None or high is not None:
            out.append(p.count_check(
                self.integer(shape, low) if low is not None else None,
                self.integer(shape, high) if high is not None else None,
            ))
        if g.value(prop, SH.uniqueLang) == rdflib.Literal(True):
            out.append(p.unique_language_check())
        if (qualified := g.value(prop, SH.qualifiedValueShape)) is not None:
            count = g.value(prop, SH.qualifiedMinCount)
            n = self.integer(shape, count) if count is not None else 0
            out.append(p.qualified_check(self.value_shape(shape, qualified), n))
        for key, op in ((SH.lessThan, "<"), (SH.lessThanOrEquals, "<=")):
            if (other := g.value(prop, key)) is not None:
                out.append(p.comparison_check(_iri(other), op))
        return out


def _node_check(shape: Node, targets: Targets, message: str, severity: str, test: Condition) -> Check:
    def evaluate(graph: IndexedGraph, this: ox.NamedNode) -> list[Term | None]:
        return [None] if not test.holds(graph, this) else []

    query = f"SELECT DISTINCT ?this WHERE {{ {targets.sparql()} FILTER(!{test.sparql('?this')}) }}"
    return Check(str(shape), None, message, severity, targets, query, evaluate)


@dataclass(frozen=True)
class _Property:
    """A property shape being compiled: what each of its checks reports, and their SPARQL and Python forms."""

    shape: str
    path: ShapePath
    path_text: str
    message: str
    severity: str
    targets: Targets

    def check(self, query: str, evaluate: Evaluate) -> Check:
        return Check(self.shape, self.path_text, self.message, self.severity, self.targets, query, evaluate)

    def value_check(self, tests: list[Condition]) -> Check:
        path = self.path
        violated = " || ".join(f"!{t.sparql('?value')}" for t in tests)

        def evaluate(graph: IndexedGraph, this: ox.NamedNode) -> list[Term | None]:
            return [v for v in path.values(graph, this) if any(t.holds(graph, v) is False for t in tests)]

        return self.check(
            f"SELECT DISTINCT ?this ?value WHERE {{ {self.targets.sparql()} ?this {path.sparql()} ?value . "
            f"FILTER({violated}) }}",
            evaluate,
        )

    def count_check(self, low: int | None, high: int | None) -> Check:
        path = self.path
        counts = ([f"COUNT(DISTINCT ?value) < {low}"] if low is not None else []) + (
            [f"COUNT(DISTINCT ?value) > {high}"] if high is not None else []
        )

        def evaluate(graph: IndexedGraph, this: ox.NamedNode) -> list[Term | None]:
            n = len(path.values(graph, this))
            return [None] if n < (low or 0) or (high is not None and n > high) else []

        return self.check(
            f"SELECT ?this WHERE {{ {self.targets.sparql()} OPTIONAL {{ ?this {path.sparql()} ?value }} }} "
            f"GROUP BY ?this HAVING ({' || '.join(counts)})",
            evaluate,
        )

    def unique_language_check(self) -> Check:
        path, p = self.path, self.path.sparql()

        def evaluate(graph: IndexedGraph, this: ox.NamedNode) -> list[Term | None]:
            tags = [v.language for v in path.values(graph, this) if isinstance(v, ox.Literal) and v.language]
            return [None] if len(tags) != len(set(tags)) else []

        return self.check(
            f"SELECT DISTINCT ?this WHERE {{ {self.targets.sparql()} ?this {p} ?value . ?this {p} ?other . "
            f'FILTER(!sameTerm(?value, ?other) && LANG(?value) != "" && LANG(?value) = LANG(?other)) }}',
            evaluate,
        )

    def qualified_check(self, qualified: Condition, n: int) -> Check:
        path = self.path

        def evaluate(graph: IndexedGraph, this: ox.NamedNode) -> list[Term | None]:
            return [None] if sum(qualified.holds(graph, v) is True for v in path.values(graph, this)) < n else []

        return self.check(
            f"SELECT ?this WHERE {{ {self.targets.sparql()} OPTIONAL {{ ?this {path.sparql()} ?value . "
            f"FILTER({qualified.sparql('?value')}) }} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})",
            evaluate,
        )

    def comparison_check(self, other: ox.NamedNode, op: str) -> Check:
        path = self.path

        def evaluate(graph: IndexedGraph, this: ox.NamedNode) -> list[Term | None]:
            others = graph.objects(this, other)
            return [v for v in path.values(graph, this) if any(compare(v, w, op) is False for w in others)]

        return self.check(
            f"SELECT DISTINCT ?this ?value WHERE {{ {self.targets.sparql()} ?this {path.sparql()} ?value . "
            f"?this {other} ?w . FILTER(!(?value {op} ?w)) }}",
            evaluate,
        )

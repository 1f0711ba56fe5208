"""SHACL shapes compiled once and run fast: the per-article validation of ``kg ingest`` and ``kg validate``.

pySHACL (:func:`kg.validate.validate`) is the reference engine; on one article it costs about half a second
(rdflib evaluates every constraint in Python, through its generic graph API), too slow for ingesting thousands
of articles. Here ``ontology/shapes.ttl`` is compiled once into checks, each of which can run two ways:

- as one SPARQL SELECT returning the violating focus nodes, run by pyoxigraph. That is how a whole store is
  validated (:meth:`CompiledShapes.validate_all`): pyoxigraph's joins beat any Python loop over a million
  statements.
- evaluated in Python over a hash index of one article's statements beside the ontology, topics and reference
  data (:meth:`CompiledShapes.validate`). An article is a few hundred statements; a SPARQL query costs about
  0.2 ms to prepare whatever it does, and the shapes make about a hundred of them, while the same checks on
  the index take a few hundredths of that each. The sh:sparql constraints' queries are evaluated in Python too
  (:mod:`kg.select_eval`); one outside the subset that module evaluates runs as a pyoxigraph query.

Both ways follow the SPARQL text's semantics, including its errors: a comparison SPARQL cannot make (two
literals of unrelated types, say) is no violation in either. Tests compare the two ways and pySHACL.

Same semantics as :func:`kg.validate.validate` with reference data: only the input's subjects are focus nodes,
and statements in a claim graph give their subject ``aip:describedIn`` that graph. A SHACL construct the
compiler does not know is an error at compile time, so a change to the shapes cannot be silently skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF as RDF_R

from kg.errors import KgError
from kg.namespaces import (
    AIP,
    AIP_NS,
    ONTOLOGY_GRAPH,
    PROV,
    RDF,
    RDFS,
    REFERENCE_GRAPH,
    TOPICS_GRAPH,
)
from kg.resources import ontology_file
from kg.validate.pyshacl_engine import ValidationReport, Violation
from kg.validate.select_eval import compare as _compare
from kg.validate.select_eval import compile_select, from_rdflib, reachable

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_SCRATCH = ox.NamedNode("https://w3id.org/aipkg/id/graph/validation-scratch")
_DESCRIBED_IN = ox.NamedNode(AIP_NS + "describedIn")
_FOCUS_MARK = "#FOCUS#\n"  # replaced by a VALUES block of the input's subjects
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_TYPE, _SUBCLASS_OF, _CLAIM_GRAPH, _DERIVED_FROM = RDF.type, RDFS.subClassOf, AIP.ClaimGraph, PROV.wasDerivedFrom

_VALUE_KEYS = {SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.languageIn, SH.pattern, SH.minInclusive}
_PROPERTY_KEYS = _VALUE_KEYS | {
    SH.path, SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.lessThan,
    SH.lessThanOrEquals, SH["or"], SH.message, SH.severity, SH.name, SH.description, RDF_R.type,
}
_NODE_KEYS = {
    SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.nodeKind, SH.property, SH["or"], SH.message,
    SH.sparql, SH.severity, SH.deactivated, RDF_R.type, rdflib.RDFS.label, rdflib.RDFS.comment,
}

Value = ox.NamedNode | ox.Literal


# --- the compiled form ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Path:
    """A property path with inverses pushed down to single predicates: ``predicate`` (``inverse`` read from
    object to subject) or a choice of ``alternatives``."""

    predicate: ox.NamedNode | None = None
    inverse: bool = False
    alternatives: tuple[_Path, ...] = ()

    def sparql(self) -> str:
        if self.predicate is not None:
            return ("^" if self.inverse else "") + str(self.predicate)
        return "(" + "|".join(p.sparql() for p in self.alternatives) + ")"

    def values(self, graph: _Graph, node: Value) -> set[Value]:
        if self.predicate is not None:
            return graph.subjects(self.predicate, node) if self.inverse else graph.objects(node, self.predicate)
        out: set[Value] = set()
        for p in self.alternatives:
            out |= p.values(graph, node)
        return out

    def inverted(self) -> _Path:
        if self.predicate is not None:
            return _Path(self.predicate, not self.inverse)
        return _Path(alternatives=tuple(p.inverted() for p in self.alternatives))


@dataclass(frozen=True)
class _Test:
    """A test of one value (kinds: datatype, class, iri, in, lang, pattern, min, and, or) or, for kinds
    exists/and/or at node level, of the focus node."""

    kind: str
    term: Value | None = None
    terms: frozenset[Value] = frozenset()
    texts: tuple[str, ...] = ()
    parts: tuple[_Test, ...] = ()
    path: _Path | None = None

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
        if k == "exists":
            assert self.path is not None
            return f"EXISTS {{ {var} {self.path.sparql()} ?_x }}"
        if not self.parts:
            return "true" if k == "and" else "false"
        joiner = " && " if k == "and" else " || "
        return "(" + joiner.join(p.sparql(var) for p in self.parts) + ")"

    def holds(self, graph: _Graph, value: Value) -> bool | None:
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
            if not isinstance(value, ox.Literal):
                return False
            tag = (value.language or "").lower()
            return bool(tag) and any(tag == t.lower() or tag.startswith(t.lower() + "-") or t == "*" for t in self.texts)
        if k == "pattern":
            return _regex(self.texts[0]).search(value.value) is not None
        if k == "min":
            return _compare(value, self.term, ">=")  # type: ignore[arg-type]
        if k == "exists":
            assert self.path is not None
            return bool(self.path.values(graph, value))
        results = [p.holds(graph, value) for p in self.parts]
        if k == "and":
            return False if False in results else None if None in results else True
        return True if True in results else None if None in results else False


@dataclass(frozen=True)
class _Targets:
    classes: tuple[ox.NamedNode, ...] = ()
    subjects_of: tuple[ox.NamedNode, ...] = ()
    objects_of: tuple[ox.NamedNode, ...] = ()

    def sparql(self) -> str:
        parts = [f"{{ ?this a/{_SUBCLASS}* {c} }}" for c in self.classes]
        parts += [f"{{ ?this {p} ?_t }}" for p in self.subjects_of]
        parts += [f"{{ ?_t {p} ?this }}" for p in self.objects_of]
        return _FOCUS_MARK + "{ " + " UNION ".join(parts) + " }"

    def matches(self, graph: _Graph, node: ox.NamedNode) -> bool:
        return (
            not graph.classes(node).isdisjoint(self.classes)
            or bool(self.subjects_of) and not graph.predicates_from(node).isdisjoint(self.subjects_of)
            or bool(self.objects_of) and not graph.predicates_to(node).isdisjoint(self.objects_of)
        )


@dataclass(frozen=True)
class _Check:
    """One constraint (or several sharing their results) of one shape: ``query`` in SPARQL, and ``evaluate``
    giving the same (focus, value) pairs in Python (None for an sh:sparql constraint kg.select_eval cannot
    evaluate: SPARQL only)."""

    shape: str
    path: str | None
    message: str
    severity: str
    targets: _Targets
    query: str
    evaluate: Callable[[_Graph, ox.NamedNode], Iterable[Value | None]] | None = field(default=None, compare=False)


def _term(node: rdflib.term.Node) -> Value:
    if (term := from_rdflib(node)) is None:
        raise KgError(f"shapes: cannot compile the term {node!r}")
    return term


def _iri(node: rdflib.term.Node) -> ox.NamedNode:
    term = _term(node)
    if not isinstance(term, ox.NamedNode):
        raise KgError(f"shapes: expected an IRI, got {node!r}")
    return term


class _Compiler:
    def __init__(self, graph: rdflib.Graph) -> None:
        self.g = graph

    def fail(self, shape: rdflib.term.Node, what: str) -> KgError:
        return KgError(f"{ontology_file('shapes.ttl')}: shape {shape}: the compiled validator does not support {what}")

    def items(self, node: rdflib.term.Node) -> list[rdflib.term.Node]:
        return list(Collection(self.g, node))

    def path(self, shape: rdflib.term.Node, node: rdflib.term.Node) -> _Path:
        if isinstance(node, rdflib.URIRef):
            return _Path(_iri(node))
        alt = self.g.value(node, SH.alternativePath)
        if alt is not None:
            return _Path(alternatives=tuple(self.path(shape, x) for x in self.items(alt)))
        inv = self.g.value(node, SH.inversePath)
        if inv is not None:
            return self.path(shape, inv).inverted()
        raise self.fail(shape, "this kind of sh:path")

    def value_test(self, shape: rdflib.term.Node, key: rdflib.term.Node, o: rdflib.term.Node) -> _Test:
        if key == SH.datatype:
            return _Test("datatype", _iri(o))
        if key == SH["class"]:
            return _Test("class", _iri(o))
        if key == SH.nodeKind:
            if o != SH.IRI:
                raise self.fail(shape, f"sh:nodeKind {o}")
            return _Test("iri")
        if key == SH["in"]:
            return _Test("in", terms=frozenset(_term(x) for x in self.items(o)))
        if key == SH.languageIn:
            return _Test("lang", texts=tuple(str(x) for x in self.items(o)))
        if key == SH.pattern:
            _regex(str(o))  # a bad pattern fails here, not on the first article
            return _Test("pattern", texts=(str(o),))
        if key == SH.minInclusive:
            return _Test("min", _term(o))
        raise self.fail(shape, f"{key} inside a value shape")

    def value_shape(self, shape: rdflib.term.Node, node: rdflib.term.Node) -> _Test:
        """A value conforms to a value-level shape (the conjunction of its constraints)."""
        parts = [
            self.value_test(shape, p, o)
            for p, o in self.g.predicate_objects(node)
            if p != RDF_R.type and p != SH.message
        ]
        return _Test("and", parts=tuple(parts))

    def node_test(self, shape: rdflib.term.Node, node: rdflib.term.Node) -> _Test:
        """?this conforms to a node-level shape of sh:or / sh:and / counted paths."""
        for key, kind in ((SH["and"], "and"), (SH["or"], "or")):
            if (node, key, None) in self.g:
                return _Test(kind, parts=tuple(self.node_test(shape, x) for x in self.items(self.g.value(node, key))))
        path = self.g.value(node, SH.path)
        count = self.g.value(node, SH.minCount)
        if path is None or count is None or int(count) != 1:
            raise self.fail(shape, "a node-level sh:or member other than [sh:path P ; sh:minCount 1] or sh:and")
        return _Test("exists", path=self.path(shape, path))

    def targets(self, shape: rdflib.term.Node) -> _Targets:
        targets = _Targets(
            tuple(_iri(c) for c in self.g.objects(shape, SH.targetClass)),
            tuple(_iri(p) for p in self.g.objects(shape, SH.targetSubjectsOf)),
            tuple(_iri(p) for p in self.g.objects(shape, SH.targetObjectsOf)),
        )
        if not (targets.classes or targets.subjects_of or targets.objects_of):
            raise self.fail(shape, "a shape without targets")
        return targets

    def prefixes(self, node: rdflib.term.Node) -> str:
        out = []
        for decl in self.g.objects(node, SH.declare):
            out.append(f"PREFIX {self.g.value(decl, SH.prefix)}: <{self.g.value(decl, SH.namespace)}>")
        return "\n".join(out) + "\n"

    def compile(self) -> list[_Check]:
        checks: list[_Check] = []
        for shape in sorted(set(self.g.subjects(RDF_R.type, SH.NodeShape)), key=str):
            if (shape, SH.deactivated, rdflib.Literal(True)) in self.g:
                continue
            unknown = set(self.g.predicates(shape)) - _NODE_KEYS
            if unknown:
                raise self.fail(shape, ", ".join(sorted(map(str, unknown))))
            targets = self.targets(shape)
            focus = targets.sparql()
            message = str(self.g.value(shape, SH.message) or "does not conform")
            severity = str(self.g.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]

            def node_check(test: _Test) -> _Check:
                return _Check(
                    str(shape), None, message, severity, targets,  # noqa: B023 - used at once
                    f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER(!{test.sparql('?this')}) }}",  # noqa: B023
                    lambda graph, this: [None] if not test.holds(graph, this) else [],
                )

            if (kind := self.g.value(shape, SH.nodeKind)) is not None:
                if kind != SH.IRI:
                    raise self.fail(shape, f"sh:nodeKind {kind}")
                checks.append(node_check(_Test("iri")))
            if (shape, SH["or"], None) in self.g:
                checks.append(node_check(self.node_test(shape, shape)))
            for prop in self.g.objects(shape, SH.property):
                checks.extend(self.property_checks(shape, prop, targets))
            for constraint in self.g.objects(shape, SH.sparql):
                select = str(self.g.value(constraint, SH.select))
                prologue = "".join(self.prefixes(p) for p in self.g.objects(constraint, SH.prefixes))
                body = select.replace("$this", "?this")
                # the focus pattern goes first inside the WHERE group, so only targets are checked
                m = re.search(r"WHERE\s*\{", body, re.IGNORECASE)
                if not m:
                    raise self.fail(shape, "an sh:select without WHERE")
                body = body[: m.end()] + f" {focus} " + body[m.end():]
                body = re.sub(r"SELECT\s+(?!DISTINCT)", "SELECT DISTINCT ", body, count=1, flags=re.IGNORECASE)
                checks.append(_Check(str(shape), None, str(self.g.value(constraint, SH.message) or message),
                                     severity, targets, prologue + body,
                                     compile_select(prologue + select.replace("$this", "?this"))))
        return checks

    def property_checks(self, shape: rdflib.term.Node, prop: rdflib.term.Node, targets: _Targets) -> list[_Check]:
        unknown = set(self.g.predicates(prop)) - _PROPERTY_KEYS
        if unknown:
            raise self.fail(shape, ", ".join(sorted(map(str, unknown))))
        g = self.g
        path_node = g.value(prop, SH.path)
        path = self.path(shape, path_node)
        p = path.sparql()
        path_text = str(path_node) if isinstance(path_node, rdflib.URIRef) else p
        message = str(g.value(prop, SH.message) or "does not conform")
        severity = str(g.value(prop, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
        focus = targets.sparql()
        out: list[_Check] = []

        def add(query: str, evaluate: Callable[[_Graph, ox.NamedNode], Iterable[Value | None]]) -> None:
            out.append(_Check(str(shape), path_text, message, severity, targets, query, evaluate))

        # A property shape's constraints all report the same (focus, path, message[, value]), so they share
        # a check: one for every value-level constraint (a value violates when any test is false; an error in
        # one test stays "no violation" in an OR, as it was alone), one for both counts.
        tests = [self.value_test(shape, key, value) for key in sorted(_VALUE_KEYS) for value in g.objects(prop, key)]
        if (prop, SH["or"], None) in g:
            tests.append(_Test("or", parts=tuple(self.value_shape(shape, x) for x in self.items(g.value(prop, SH["or"])))))
        if tests:
            violated = " || ".join(f"!{t.sparql('?value')}" for t in tests)
            add(
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {p} ?value . FILTER({violated}) }}",
                lambda graph, this: [v for v in path.values(graph, this) if any(t.holds(graph, v) is False for t in tests)],
            )
        low, high = g.value(prop, SH.minCount), g.value(prop, SH.maxCount)
        if low is not None or high is not None:
            counts = ([f"COUNT(DISTINCT ?value) < {int(low)}"] if low is not None else []) + (
                [f"COUNT(DISTINCT ?value) > {int(high)}"] if high is not None else []
            )
            lo, hi = int(low) if low is not None else 0, int(high) if high is not None else None

            def count_violation(graph: _Graph, this: ox.NamedNode) -> list[None]:
                n = len(path.values(graph, this))
                return [None] if n < lo or (hi is not None and n > hi) else []

            add(f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {p} ?value }} }} GROUP BY ?this HAVING ({' || '.join(counts)})",
                count_violation)
        if g.value(prop, SH.uniqueLang) == rdflib.Literal(True):

            def repeated_language(graph: _Graph, this: ox.NamedNode) -> list[None]:
                tags = [v.language for v in path.values(graph, this) if isinstance(v, ox.Literal) and v.language]
                return [None] if len(tags) != len(set(tags)) else []

            add(f"SELECT DISTINCT ?this WHERE {{ {focus} ?this {p} ?value . ?this {p} ?other . "
                f"FILTER(!sameTerm(?value, ?other) && LANG(?value) != \"\" && LANG(?value) = LANG(?other)) }}",
                repeated_language)
        if (q := g.value(prop, SH.qualifiedValueShape)) is not None:
            n = int(g.value(prop, SH.qualifiedMinCount) or 0)
            qualified = self.value_shape(shape, q)
            add(f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {p} ?value . FILTER({qualified.sparql('?value')}) }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})",
                lambda graph, this: [None] if sum(qualified.holds(graph, v) is True for v in path.values(graph, this)) < n else [])
        for key, op in ((SH.lessThan, "<"), (SH.lessThanOrEquals, "<=")):
            if (other_node := g.value(prop, key)) is not None:
                other = _iri(other_node)
                add(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {p} ?value . ?this {other} ?w . "
                    f"FILTER(!(?value {op} ?w)) }}",
                    lambda graph, this, other=other, op=op: [  # type: ignore[misc]
                        v for v in path.values(graph, this)
                        if any(_compare(v, w, op) is False for w in graph.objects(this, other))
                    ])
        return out


# --- evaluation in Python -----------------------------------------------------------------------------------


class _Index:
    """Triples indexed by (subject, predicate) and (predicate, object), with each node's predicates out and in
    (what the targets of the shapes ask about every subject)."""

    def __init__(self, triples: Iterable[tuple[Value, ox.NamedNode, Value]] = ()) -> None:
        self.sp: dict[tuple[Value, ox.NamedNode], set[Value]] = {}
        self.po: dict[tuple[ox.NamedNode, Value], set[Value]] = {}
        self.out: dict[Value, set[ox.NamedNode]] = {}
        self.into: dict[Value, set[ox.NamedNode]] = {}
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


_EMPTY: frozenset[Value] = frozenset()
T = TypeVar("T")


def _merged(base: AbstractSet[T], extra: AbstractSet[T]) -> set[T]:
    """Both indexes' sets for one key: one of them uncopied when the other is empty (callers only read it)."""
    return (base | extra) if base and extra else (base or extra)  # type: ignore[return-value]


class _Graph:
    """The base data's index and an article's, read as one graph."""

    def __init__(self, base: _Index, extra: _Index) -> None:
        self.base, self.extra = base, extra
        self._superclasses_of: dict[Value, set[Value]] = {}
        self._classes_of: dict[Value, set[Value]] = {}

    # The sets returned are read-only: they may be the indexes' own (_merged).

    def objects(self, s: Value, p: ox.NamedNode) -> set[Value]:
        return _merged(self.base.sp.get((s, p), _EMPTY), self.extra.sp.get((s, p), _EMPTY))

    def subjects(self, p: ox.NamedNode, o: Value) -> set[Value]:
        return _merged(self.base.po.get((p, o), _EMPTY), self.extra.po.get((p, o), _EMPTY))

    def predicates_from(self, node: Value) -> set[ox.NamedNode]:
        return _merged(self.base.out.get(node, _EMPTY), self.extra.out.get(node, _EMPTY))

    def predicates_to(self, node: Value) -> set[ox.NamedNode]:
        return _merged(self.base.into.get(node, _EMPTY), self.extra.into.get(node, _EMPTY))

    def classes(self, node: Value) -> set[Value]:
        """Every C with ``node a/rdfs:subClassOf* C``."""
        if (found := self._classes_of.get(node)) is None:
            found = set()
            for t in self.objects(node, _TYPE):
                found |= self._superclasses(t)
            self._classes_of[node] = found
        return found

    def _superclasses(self, cls: Value) -> set[Value]:
        if (found := self._superclasses_of.get(cls)) is None:
            found = self._superclasses_of[cls] = reachable(self, cls, _SUBCLASS_OF, forward=True, with_start=True)
        return found


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    """A SPARQL (XPath) regular expression in Python: ``$`` only at the very end of the text (Python's also
    matches before a final newline)."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "]":
            in_class = False
            out.append(ch)
        elif ch == "$" and not in_class:
            out.append(r"\Z")
        else:
            out.append(ch)
    try:
        return re.compile("".join(out))
    except re.error as e:
        raise KgError(f"{ontology_file('shapes.ttl')}: sh:pattern {pattern!r}: {e}") from e


# --- the validator ----------------------------------------------------------------------------------------


class CompiledShapes:
    """Shapes compiled once; :meth:`validate` checks one article's quads in a few milliseconds."""

    # pyoxigraph's in-memory store keeps every removed quad's history: the scratch graph added and removed per
    # article grew it by ~0.1 MB an article for good, so a fresh copy of the base replaces it this often
    RENEW_EVERY = 256

    def __init__(self, checks: list[_Check]) -> None:
        self.checks = checks
        self._base_quads = [
            ox.Quad(t.subject, t.predicate, t.object, graph)
            for graph, name in ((ONTOLOGY_GRAPH, "aipkg.ttl"), (TOPICS_GRAPH, "topics.ttl"), (REFERENCE_GRAPH, "reference.ttl"))
            for t in ox.parse(path=str(ontology_file(name)), format=ox.RdfFormat.TURTLE)
        ]
        self._base_index = _Index((q.subject, q.predicate, q.object) for q in self._base_quads)  # type: ignore[misc]
        self._base: ox.Store | None = None
        self._uses = 0

    def _renewed_base(self) -> ox.Store:
        self._uses += 1
        if self._base is None or self._uses % self.RENEW_EVERY == 0:
            self._base = ox.Store()
            self._base.extend(self._base_quads)
        return self._base

    def validate(self, quads: Iterable[ox.Quad], *, engine: str = "python") -> ValidationReport:
        """Check one article's quads (with the ontology, topics and reference data beside them).

        ``engine="sparql"`` runs every check as its query instead (the same results, several times slower:
        tests compare the two)."""
        quads = list(quads)
        subjects = {q.subject for q in quads if isinstance(q.subject, ox.NamedNode)}
        if not subjects:
            return _report([])
        violations: list[Violation] = []
        # each query with the focus nodes it may report, bound up front (only the input's subjects are focus
        # nodes; a query with none is not run)
        queries: list[tuple[_Check, list[ox.NamedNode]]] = []
        if engine == "sparql":
            queries = [(c, sorted(subjects, key=str)) for c in self.checks]
        else:
            graph = _Graph(self._base_index, _Index(_scratch_triples(quads)))
            focus_of: dict[_Targets, list[ox.NamedNode]] = {}
            for check in self.checks:
                if (focus := focus_of.get(check.targets)) is None:
                    focus = focus_of[check.targets] = [s for s in subjects if check.targets.matches(graph, s)]
                if check.evaluate is None:
                    if focus:  # the query's own focus pattern still applies; this only narrows what it starts from
                        queries.append((check, focus))
                    continue
                for this in focus:
                    violations.extend(_violation(check, this, v) for v in check.evaluate(graph, this))
        if queries:
            base = self._renewed_base()
            scratch = _scratch_quads(quads)
            base.extend(scratch)
            try:
                for check, focus in queries:
                    values = "VALUES ?this { " + " ".join(str(x) for x in focus) + " } "
                    violations += self._query(base, [check], subjects, values)
            finally:
                for q in scratch:  # 5x faster than remove_graph
                    base.remove(q)
        return _report(violations)

    def validate_all(self, quads: Iterable[ox.Quad]) -> ValidationReport:
        """Check a whole store's quads: every subject is a focus node, so no VALUES block is needed (a VALUES
        block of a million subjects would cost more than the checks)."""
        scratch = ox.Store()
        subjects: set[ox.NamedNode] = set()

        def tracked(batch: Iterable[ox.Quad]) -> Iterable[ox.Quad]:
            for q in batch:
                if isinstance(q.subject, ox.NamedNode):
                    subjects.add(q.subject)
                yield q

        scratch.bulk_extend(self._base_quads)
        scratch.bulk_extend(_scratch_quads(tracked(quads)))
        return _report(self._query(scratch, self.checks, subjects, ""))

    def _query(self, store: ox.Store, checks: list[_Check], subjects: set[ox.NamedNode], values: str) -> list[Violation]:
        violations = []
        # one query per check: pyoxigraph plans small queries well (a single UNION of all is 10x slower)
        for check in checks:
            query = check.query.replace(_FOCUS_MARK, values, 1)
            for row in store.query(query, use_default_graph_as_union=True):  # type: ignore[union-attr]
                focus = row["this"]
                if focus in subjects:
                    violations.append(_violation(check, focus, _get(row, "value")))  # type: ignore[arg-type]
        return violations


def _violation(check: _Check, focus: ox.NamedNode, value: Value | None) -> Violation:
    message = check.message
    if value is not None:
        message = message.replace("{?value}", value.value).replace("{$value}", value.value)
    return Violation(focus.value, check.path, message, check.severity, None if value is None else str(value))


def _scratch_triples(quads: Iterable[ox.Quad]) -> list[tuple[Value, ox.NamedNode, Value]]:
    """The input's statements, plus ``aip:describedIn`` from each claim-graph statement's subject to its graph
    (the provenance shape checks those links, as :func:`kg.validate.validate` adds them too). Plain tuples: a
    pyoxigraph Quad costs 5 µs to make."""
    quads = list(quads)
    claim_graphs = {q.subject for q in quads if q.predicate == _TYPE and q.object == _CLAIM_GRAPH}
    claim_graphs |= {q.subject for q in quads if q.predicate == _DERIVED_FROM}
    triples = [(q.subject, q.predicate, q.object) for q in quads]
    triples += [(q.subject, _DESCRIBED_IN, q.graph_name) for q in quads if q.graph_name in claim_graphs]
    return triples  # type: ignore[return-value]


def _scratch_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """:func:`_scratch_triples` in one scratch graph, for the queries."""
    return [ox.Quad(s, p, o, _SCRATCH) for s, p, o in _scratch_triples(quads)]


def _report(violations: Iterable[Violation]) -> ValidationReport:
    ordered = sorted(set(violations), key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    conforms = not any(v.severity == "Violation" for v in ordered)
    return ValidationReport(conforms=conforms, violations=tuple(ordered), text="")


def _get(row: ox.QuerySolution, name: str) -> Value | None:
    try:
        return row[name]  # type: ignore[return-value]
    except (KeyError, IndexError):
        return None


def compile_shapes(shapes_path: Path | None = None) -> CompiledShapes:
    graph = rdflib.Graph()
    graph.parse(shapes_path or ontology_file("shapes.ttl"), format="turtle")
    return CompiledShapes(_Compiler(graph).compile())


@cache
def compiled_shapes() -> CompiledShapes:
    return compile_shapes()

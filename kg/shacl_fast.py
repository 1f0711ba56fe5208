"""SHACL shapes compiled to SPARQL queries run by pyoxigraph: the per-article validation of ``kg ingest``.

pySHACL (:func:`kg.validate.validate`) is the reference engine; on one article it costs about half a second
(rdflib evaluates every constraint in Python), too slow for ingesting thousands of articles. Here each
constraint of ``ontology/shapes.ttl`` becomes one SPARQL SELECT that returns the violating focus nodes, run on
an in-memory pyoxigraph store holding the ontology, topics and reference data (loaded once) and the input
(added to a scratch graph per call). Same semantics as :func:`kg.validate.validate` with reference data: only
the input's subjects are focus nodes, and statements in a claim graph give their subject ``aip:describedIn``
that graph. A SHACL construct the compiler does not know is an error at compile time, so a change to the
shapes cannot be silently skipped; tests compare both engines' results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF as RDF_R

from kg.errors import KgError
from kg.namespaces import AIP, AIP_NS, ONTOLOGY_GRAPH, PROV, RDF, REFERENCE_GRAPH, TOPICS_GRAPH
from kg.resources import ontology_file
from kg.validate import ValidationReport, Violation

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_SCRATCH = ox.NamedNode("https://w3id.org/aipkg/id/graph/validation-scratch")
_DESCRIBED_IN = ox.NamedNode(AIP_NS + "describedIn")
_FOCUS_MARK = "#FOCUS#\n"  # replaced by a VALUES block of the input's subjects

_VALUE_KEYS = {SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.languageIn, SH.pattern, SH.minInclusive}
_PROPERTY_KEYS = _VALUE_KEYS | {
    SH.path, SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.lessThan,
    SH.lessThanOrEquals, SH["or"], SH.message, SH.severity, SH.name, SH.description, RDF_R.type,
}
_NODE_KEYS = {
    SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.nodeKind, SH.property, SH["or"], SH.message,
    SH.sparql, SH.severity, SH.deactivated, RDF_R.type, rdflib.RDFS.label, rdflib.RDFS.comment,
}


@dataclass(frozen=True)
class _Check:
    shape: str
    path: str | None
    message: str
    severity: str
    query: str


def _term(node: rdflib.term.Node) -> str:
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if isinstance(node, rdflib.Literal):
        return node.n3()
    raise KgError(f"shapes: cannot compile the term {node!r}")


class _Compiler:
    def __init__(self, graph: rdflib.Graph) -> None:
        self.g = graph

    def fail(self, shape: rdflib.term.Node, what: str) -> KgError:
        return KgError(f"{ontology_file('shapes.ttl')}: shape {shape}: the compiled validator does not support {what}")

    def items(self, node: rdflib.term.Node) -> list[rdflib.term.Node]:
        return list(Collection(self.g, node))

    def path(self, shape: rdflib.term.Node, node: rdflib.term.Node) -> str:
        if isinstance(node, rdflib.URIRef):
            return _term(node)
        alt = self.g.value(node, SH.alternativePath)
        if alt is not None:
            return "(" + "|".join(self.path(shape, x) for x in self.items(alt)) + ")"
        inv = self.g.value(node, SH.inversePath)
        if inv is not None:
            return "^" + self.path(shape, inv)
        raise self.fail(shape, "this kind of sh:path")

    def value_condition(self, shape: rdflib.term.Node, node: rdflib.term.Node, var: str) -> str:
        """A SPARQL expression true when ``var`` conforms to a value-level shape."""
        conds = []
        for p, o in self.g.predicate_objects(node):
            if p == RDF_R.type or p == SH.message:
                continue
            if p == SH.datatype:
                conds.append(f"(isLiteral({var}) && DATATYPE({var}) = {_term(o)})")
            elif p == SH["class"]:
                conds.append(f"EXISTS {{ {var} a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {_term(o)} }}")
            elif p == SH.nodeKind:
                if o != SH.IRI:
                    raise self.fail(shape, f"sh:nodeKind {o}")
                conds.append(f"isIRI({var})")
            elif p == SH["in"]:
                conds.append("(" + " || ".join(f"sameTerm({var}, {_term(x)})" for x in self.items(o)) + ")")
            elif p == SH.languageIn:
                tags = " || ".join(f'langMatches(LANG({var}), "{x}")' for x in self.items(o))
                conds.append(f"(isLiteral({var}) && ({tags}))")
            elif p == SH.pattern:
                conds.append(f"(!isBlank({var}) && REGEX(STR({var}), {_term(o)}))")
            elif p == SH.minInclusive:
                conds.append(f"({var} >= {_term(o)})")
            else:
                raise self.fail(shape, f"{p} inside a value shape")
        return "(" + " && ".join(conds or ["true"]) + ")"

    def node_condition(self, shape: rdflib.term.Node, node: rdflib.term.Node) -> str:
        """A SPARQL expression true when ?this conforms to a node-level shape of sh:or / sh:and / counted paths."""
        if (node, SH["and"], None) in self.g:
            return "(" + " && ".join(self.node_condition(shape, x) for x in self.items(self.g.value(node, SH["and"]))) + ")"
        if (node, SH["or"], None) in self.g:
            return "(" + " || ".join(self.node_condition(shape, x) for x in self.items(self.g.value(node, SH["or"]))) + ")"
        path = self.g.value(node, SH.path)
        count = self.g.value(node, SH.minCount)
        if path is None or count is None or int(count) != 1:
            raise self.fail(shape, "a node-level sh:or member other than [sh:path P ; sh:minCount 1] or sh:and")
        return f"EXISTS {{ ?this {self.path(shape, path)} ?_x }}"

    def targets(self, shape: rdflib.term.Node) -> str:
        parts = []
        for c in self.g.objects(shape, SH.targetClass):
            parts.append(f"{{ ?this a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {_term(c)} }}")
        for p in self.g.objects(shape, SH.targetSubjectsOf):
            parts.append(f"{{ ?this {_term(p)} ?_t }}")
        for p in self.g.objects(shape, SH.targetObjectsOf):
            parts.append(f"{{ ?_t {_term(p)} ?this }}")
        if not parts:
            raise self.fail(shape, "a shape without targets")
        return _FOCUS_MARK + "{ " + " UNION ".join(parts) + " }"

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
            focus = self.targets(shape)
            message = str(self.g.value(shape, SH.message) or "does not conform")
            severity = str(self.g.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
            if (kind := self.g.value(shape, SH.nodeKind)) is not None:
                if kind != SH.IRI:
                    raise self.fail(shape, f"sh:nodeKind {kind}")
                checks.append(_Check(str(shape), None, message, severity, f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER(!isIRI(?this)) }}"))
            if (shape, SH["or"], None) in self.g:
                cond = self.node_condition(shape, shape)
                checks.append(_Check(str(shape), None, message, severity, f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER(!{cond}) }}"))
            for prop in self.g.objects(shape, SH.property):
                checks.extend(self.property_checks(shape, prop, focus))
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
                                     severity, prologue + body))
        return checks

    def property_checks(self, shape: rdflib.term.Node, prop: rdflib.term.Node, focus: str) -> list[_Check]:
        unknown = set(self.g.predicates(prop)) - _PROPERTY_KEYS
        if unknown:
            raise self.fail(shape, ", ".join(sorted(map(str, unknown))))
        path_node = self.g.value(prop, SH.path)
        path = self.path(shape, path_node)
        path_text = str(path_node) if isinstance(path_node, rdflib.URIRef) else path
        message = str(self.g.value(prop, SH.message) or "does not conform")
        severity = str(self.g.value(prop, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
        out: list[_Check] = []

        def add(query: str) -> None:
            out.append(_Check(str(shape), path_text, message, severity, query))

        # A property shape's constraints all report the same (focus, path, message[, value]), so they share
        # queries: one for every value-level constraint (a value violates when any condition is false; an
        # error in one condition stays "no violation" in an OR, as it was alone), one for both counts. Each
        # query costs ~0.2 ms whatever it does, and ingest runs them for every article.
        g = self.g
        conditions = []
        for key in (SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.languageIn, SH.pattern, SH.minInclusive):
            for value in g.objects(prop, key):
                single = rdflib.BNode()
                sub = rdflib.Graph()
                sub.add((single, key, value))
                if key in (SH["in"], SH.languageIn):
                    sub += g  # the list nodes
                conditions.append(_Compiler(sub).value_condition(shape, single, "?value"))
        if (prop, SH["or"], None) in g:
            conditions.append("(" + " || ".join(self.value_condition(shape, x, "?value") for x in self.items(g.value(prop, SH["or"]))) + ")")
        if conditions:
            violated = " || ".join(f"!{c}" for c in conditions)
            add(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value . FILTER({violated}) }}")
        counts = []
        if (n := g.value(prop, SH.minCount)) is not None:
            counts.append(f"COUNT(DISTINCT ?value) < {int(n)}")
        if (n := g.value(prop, SH.maxCount)) is not None:
            counts.append(f"COUNT(DISTINCT ?value) > {int(n)}")
        if counts:
            add(f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?value }} }} GROUP BY ?this HAVING ({' || '.join(counts)})")
        if g.value(prop, SH.uniqueLang) == rdflib.Literal(True):
            add(f"SELECT DISTINCT ?this WHERE {{ {focus} ?this {path} ?value . ?this {path} ?other . "
                f"FILTER(!sameTerm(?value, ?other) && LANG(?value) != \"\" && LANG(?value) = LANG(?other)) }}")
        if (q := g.value(prop, SH.qualifiedValueShape)) is not None:
            n = int(g.value(prop, SH.qualifiedMinCount) or 0)
            cond = self.value_condition(shape, q, "?value")
            add(f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?value . FILTER({cond}) }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})")
        for key, op in ((SH.lessThan, "<"), (SH.lessThanOrEquals, "<=")):
            if (other := g.value(prop, key)) is not None:
                add(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value . ?this {_term(other)} ?w . "
                    f"FILTER(!(?value {op} ?w)) }}")
        return out


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
        self._base = ox.Store()
        self._base.extend(self._base_quads)
        self._uses = 0

    def _renewed_base(self) -> ox.Store:
        self._uses += 1
        if self._uses % self.RENEW_EVERY == 0:
            self._base = ox.Store()
            self._base.extend(self._base_quads)
        return self._base

    def validate(self, quads: Iterable[ox.Quad]) -> ValidationReport:
        """Check one article's quads (with the ontology, topics and reference data beside them)."""
        quads = list(quads)
        subjects = {q.subject for q in quads if isinstance(q.subject, ox.NamedNode)}
        base = self._renewed_base()
        base.extend(_scratch_quads(quads))
        # only the input's subjects are focus nodes: bind ?this to them up front
        values = "VALUES ?this { " + " ".join(str(x) for x in subjects) + " } "
        try:
            return self._report(base, subjects, values) if subjects else _report([])
        finally:
            base.remove_graph(_SCRATCH)

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
        return self._report(scratch, subjects, "")

    def _report(self, store: ox.Store, subjects: set[ox.NamedNode], values: str) -> ValidationReport:
        violations = []
        # one query per check: pyoxigraph plans small queries well (a single UNION of all is 10x slower)
        for check in self.checks:
            query = check.query.replace(_FOCUS_MARK, values, 1)
            for row in store.query(query, use_default_graph_as_union=True):  # type: ignore[union-attr]
                focus = row["this"]
                if focus not in subjects:
                    continue
                value = _get(row, "value")
                message = check.message
                if value is not None:
                    message = message.replace("{?value}", value.value).replace("{$value}", value.value)
                violations.append(
                    Violation(focus.value, check.path, message, check.severity, None if value is None else str(value))
                )
        return _report(violations)


def _scratch_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The input in one scratch graph, plus ``aip:describedIn`` from each claim-graph statement's subject to its
    graph (the provenance shape checks those links, as :func:`kg.validate.validate` adds them too)."""
    quads = list(quads)
    claim_graphs = {q.subject for q in quads if q.predicate == RDF.type and q.object == AIP.ClaimGraph}
    claim_graphs |= {q.subject for q in quads if q.predicate == PROV.wasDerivedFrom}
    scratch = [ox.Quad(q.subject, q.predicate, q.object, _SCRATCH) for q in quads]
    scratch += [ox.Quad(q.subject, _DESCRIBED_IN, q.graph_name, _SCRATCH) for q in quads if q.graph_name in claim_graphs]
    return scratch


def _report(violations: Iterable[Violation]) -> ValidationReport:
    ordered = sorted(set(violations), key=lambda v: (v.focus, v.path or "", v.message))
    conforms = not any(v.severity == "Violation" for v in ordered)
    return ValidationReport(conforms=conforms, violations=tuple(ordered), text="")


def _get(row: ox.QuerySolution, name: str) -> ox.NamedNode | ox.Literal | None:
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

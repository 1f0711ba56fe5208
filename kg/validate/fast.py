"""SHACL shapes compiled once and run fast: the per-article validation of ``kg ingest`` and ``kg validate``.

pySHACL (:func:`kg.validate.validate`) is the reference engine; on one article it costs about half a second
(rdflib evaluates every constraint in Python, through its generic graph API), too slow for ingesting thousands
of articles. Here ``ontology/shapes.ttl`` is compiled once (:mod:`kg.validate.compiler`) into checks, each of
which can run two ways:

- as one SPARQL SELECT returning the violating focus nodes, run by pyoxigraph. That is how a whole store is
  validated (:meth:`CompiledShapes.validate_all`): pyoxigraph's joins beat any Python loop over a million
  statements.
- evaluated in Python over a hash index of one article's statements beside the bundled base data
  (ontology, topics, partnership kinds, reference data) (:meth:`CompiledShapes.validate`). An article is a few hundred statements; a SPARQL query costs about
  0.2 ms to prepare whatever it does, and the shapes make about a hundred of them, while the same checks on
  the index take a few hundredths of that each. The sh:sparql constraints' queries are evaluated in Python too
  (:mod:`kg.validate.select_eval`); one outside the subset that module evaluates runs as a pyoxigraph query.

Both ways follow the SPARQL text's semantics, including its errors: a comparison SPARQL cannot make (two
literals of unrelated types, say) is no violation in either. Tests compare the two ways and pySHACL.

Same semantics as :func:`kg.validate.validate` with reference data: only the input's subjects are focus nodes,
and statements in a claim graph give their subject ``aip:describedIn`` that graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.iris import mint
from kg.resources import BASE_FILES, ontology_file
from kg.validate.checks import FOCUS_MARK, Check, Targets
from kg.validate.compiler import Compiler
from kg.validate.graph import Index, IndexedGraph, statements, with_provenance_links
from kg.validate.report import Evaluation, ValidationReport, Violation
from kg.validate.terms import Term

_SCRATCH = mint("graph", "validation-scratch")


class CompiledShapes:
    """Shapes compiled once; :meth:`validate` checks one article's quads in a few milliseconds."""

    # pyoxigraph's in-memory store keeps every removed quad's history: the scratch graph added and removed per
    # article grew it by ~0.1 MB an article for good, so a fresh copy of the base replaces it this often
    RENEW_EVERY = 256

    def __init__(self, checks: list[Check]) -> None:
        self.checks = checks
        self._base_quads = [
            ox.Quad(t.subject, t.predicate, t.object, graph)
            for graph, name in BASE_FILES.items()
            for t in ox.parse(path=str(ontology_file(name)), format=ox.RdfFormat.TURTLE)
        ]
        self._base_index = Index(statements(self._base_quads))
        self._base: ox.Store | None = None
        self._uses = 0

    def _renewed_base(self) -> ox.Store:
        self._uses += 1
        if self._base is None or self._uses % self.RENEW_EVERY == 0:
            self._base = ox.Store()
            self._base.extend(self._base_quads)
        return self._base

    def validate(self, quads: Iterable[ox.Quad], *, engine: Evaluation | str = Evaluation.PYTHON) -> ValidationReport:
        """Check one article's quads (with the bundled base graphs beside them).

        ``engine=Evaluation.SPARQL`` runs every check as its query instead (the same results, several times
        slower: tests compare the two)."""
        quads = list(quads)
        subjects = {q.subject for q in quads if isinstance(q.subject, ox.NamedNode)}
        if not subjects:
            return _report([])
        if Evaluation.of(engine) is Evaluation.SPARQL:
            violations: list[Violation] = []
            queries = [(c, sorted(subjects, key=str)) for c in self.checks]
        else:
            violations, queries = self._evaluated(quads, subjects)
        if queries:
            violations += self._queried(quads, subjects, queries)
        return _report(violations)

    def _evaluated(
        self, quads: list[ox.Quad], subjects: set[ox.NamedNode]
    ) -> tuple[list[Violation], list[tuple[Check, list[ox.NamedNode]]]]:
        """The violations the checks find in Python, and the checks left to run as queries, each with the focus
        nodes it may report (only the input's subjects are focus nodes; a query with none is not run)."""
        graph = IndexedGraph(self._base_index, Index(with_provenance_links(quads)))
        violations: list[Violation] = []
        queries: list[tuple[Check, list[ox.NamedNode]]] = []
        focus_of: dict[Targets, list[ox.NamedNode]] = {}
        for check in self.checks:
            if (focus := focus_of.get(check.targets)) is None:
                focus = focus_of[check.targets] = [s for s in subjects if check.targets.matches(graph, s)]
            if check.evaluate is None:
                if focus:  # the query's own focus pattern still applies; this only narrows what it starts from
                    queries.append((check, focus))
                continue
            for this in focus:
                violations.extend(_violation(check, this, v) for v in check.evaluate(graph, this))
        return violations, queries

    def _queried(
        self, quads: list[ox.Quad], subjects: set[ox.NamedNode], queries: list[tuple[Check, list[ox.NamedNode]]]
    ) -> list[Violation]:
        base = self._renewed_base()
        scratch = _scratch_quads(quads)
        base.extend(scratch)
        violations: list[Violation] = []
        try:
            for check, focus in queries:
                values = "VALUES ?this { " + " ".join(str(x) for x in focus) + " } "
                violations += self._query(base, [check], subjects, values)
        finally:
            for q in scratch:  # 5x faster than remove_graph
                base.remove(q)
        return violations

    def validate_all(self, quads: Iterable[ox.Quad]) -> ValidationReport:
        """Check a whole store's quads: every subject is a focus node, so no VALUES block is needed (a VALUES
        block of a million subjects would cost more than the checks)."""
        scratch = ox.Store()
        subjects: set[ox.NamedNode] = set()

        def tracked(batch: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
            for q in batch:
                if isinstance(q.subject, ox.NamedNode):
                    subjects.add(q.subject)
                yield q

        scratch.bulk_extend(self._base_quads)
        scratch.bulk_extend(_scratch_quads(tracked(quads)))
        return _report(self._query(scratch, self.checks, subjects, ""))

    def _query(self, store: ox.Store, checks: list[Check], subjects: set[ox.NamedNode], values: str) -> list[Violation]:
        violations = []
        # one query per check: pyoxigraph plans small queries well (a single UNION of all is 10x slower)
        for check in checks:
            solutions = store.query(check.query.replace(FOCUS_MARK, values, 1), use_default_graph_as_union=True)
            assert isinstance(solutions, ox.QuerySolutions)
            for row in solutions:
                focus = row["this"]
                if focus in subjects:
                    violations.append(_violation(check, focus, _get(row, "value")))
        return violations


def _violation(check: Check, focus: ox.NamedNode, value: Term | None) -> Violation:
    message = check.message
    if value is not None:
        message = message.replace("{?value}", value.value).replace("{$value}", value.value)
    return Violation(focus.value, check.path, message, check.severity, None if value is None else str(value))


def _scratch_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The input's statements, with the provenance links, in one scratch graph for the queries."""
    return [ox.Quad(s, p, o, _SCRATCH) for s, p, o in with_provenance_links(quads)]


def _report(violations: Iterable[Violation]) -> ValidationReport:
    ordered = sorted(set(violations), key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    conforms = not any(v.severity == "Violation" for v in ordered)
    return ValidationReport(conforms=conforms, violations=tuple(ordered), text="")


def _get(row: ox.QuerySolution, name: str) -> Term | None:
    try:
        value: Term | None = row[name]
    except (KeyError, IndexError):
        return None
    return value


def compile_shapes(shapes_path: Path | None = None) -> CompiledShapes:
    graph = rdflib.Graph()
    graph.parse(shapes_path or ontology_file("shapes.ttl"), format="turtle")
    return CompiledShapes(Compiler(graph).compile())


@cache
def compiled_shapes() -> CompiledShapes:
    return compile_shapes()

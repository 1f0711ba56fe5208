"""SHACL validation of aipkg data with pySHACL: the reference engine the compiled shapes are tested against.

Validation runs on one rdflib Graph: the union of the input's graphs, plus (by default) the bundled base
graphs (topics, partnership kinds, reference data), with the ontology mixed in so that class checks follow rdfs:subClassOf.
Named graphs are flattened, so before that the one fact that depends on them is written down as
``S aip:describedIn G`` for every subject S of a claim graph G (see ontology/shapes.ttl).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import RDF as RDF_NS_R
from rdflib.namespace import RDFS, SH, XSD
from rdflib.term import BNode, Node, URIRef

from kg.errors import KgError, UsageError
from kg.namespaces import AIP_NS, PREFIXES, PROV_NS
from kg.resources import BASE_FILES, ontology_file
from kg.validate.bundled import (
    ONTOLOGY_FILE,
    SHAPES_FILE,
    load_bundled,
    load_ontology_graph,
    load_shapes_graph,
)
from kg.validate.report import ValidationReport, Violation

_AIP_CLAIM_GRAPH = URIRef(AIP_NS + "ClaimGraph")
_AIP_DESCRIBED_IN = URIRef(AIP_NS + "describedIn")
_PROV_DERIVED = URIRef(PROV_NS + "wasDerivedFrom")
_XSD_STRING = XSD.string
_RDF_LANGSTRING = RDF_NS_R.langString


# ---------------------------------------------------------------------------------------------------
# Input conversion


def _to_rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = URIRef(term.datatype.value)
        # RDF 1.1: a simple literal is an xsd:string, but rdflib tells them apart; use the form Turtle
        # parsing gives, so that sh:in ("text" ...) and reference data compare equal.
        if datatype == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=datatype)
    raise UsageError(f"cannot validate a statement containing {term!r}")


def _flatten(
    data: rdflib.Graph | rdflib.Dataset | Iterable[ox.Quad] | Iterable[ox.Triple],
) -> tuple[rdflib.Graph, dict[Node, set[Node]] | None]:
    """The union of the input's graphs, and which subjects each named graph holds (None: no graph info)."""
    union = rdflib.Graph()
    membership: dict[Node, set[Node]] = {}
    if isinstance(data, rdflib.Dataset):
        for s, p, o, g in data.quads((None, None, None, None)):
            union.add((s, p, o))
            name = g.identifier if isinstance(g, rdflib.Graph) else g
            if name is not None and name != rdflib.graph.DATASET_DEFAULT_GRAPH_ID:
                membership.setdefault(name, set()).add(s)
        return union, membership
    if isinstance(data, rdflib.Graph):
        for triple in data:
            union.add(triple)
        return union, None
    try:
        items = iter(data)
    except TypeError as exc:
        raise UsageError(
            f"cannot validate a {type(data).__name__}: give a Graph, a Dataset or quads"
        ) from exc
    for item in items:
        if isinstance(item, ox.Quad):
            s = _to_rdflib(item.subject)
            union.add((s, _to_rdflib(item.predicate), _to_rdflib(item.object)))
            if not isinstance(item.graph_name, ox.DefaultGraph):
                membership.setdefault(_to_rdflib(item.graph_name), set()).add(s)
        elif isinstance(item, ox.Triple):
            union.add((_to_rdflib(item.subject), _to_rdflib(item.predicate), _to_rdflib(item.object)))
        else:
            raise UsageError(f"cannot validate {item!r}: expected pyoxigraph Quads or Triples")
    return union, membership


def _add_provenance_links(union: rdflib.Graph, membership: dict[Node, set[Node]]) -> None:
    claim_graphs = set(union.subjects(RDF_NS_R.type, _AIP_CLAIM_GRAPH))
    claim_graphs |= {g for g in membership if (g, _PROV_DERIVED, None) in union}
    for graph_name, subjects in membership.items():
        if graph_name in claim_graphs:
            for subject in subjects:
                union.add((subject, _AIP_DESCRIBED_IN, graph_name))


# ---------------------------------------------------------------------------------------------------
# Validation


def validate(
    data: rdflib.Graph | rdflib.Dataset | Iterable[ox.Quad] | Iterable[ox.Triple],
    *,
    with_reference: bool = True,
) -> ValidationReport:
    """Check the data against ontology/shapes.ttl.

    ``data`` is an rdflib Graph (triples only: the provenance checks are skipped, having no graph names
    to go on), an rdflib Dataset or pyoxigraph quads (the union of their graphs is validated). With
    ``with_reference`` the bundled base graphs are added (topics, partnership kinds, reference data), so that
    an article's graphs can refer to reference companies, places, topics and kinds; then only the nodes that
    are subjects in ``data`` are checked (all of the bundled data when ``data`` is empty).
    """
    union, membership = _flatten(data)
    if membership is not None:
        _add_provenance_links(union, membership)
    # With reference data added, check the input's nodes only: the bundled data is checked by its own tests
    # (and by validating it alone), and re-checking it every time would cost twice as much.
    focus = {s for s in union.subjects() if isinstance(s, URIRef)} if with_reference else set()
    if with_reference:
        for name in BASE_FILES.values():
            if name != ONTOLOGY_FILE:  # given to pySHACL as the ontology, below
                union += load_bundled(name)
    shapes, ontology = load_shapes_graph(), load_ontology_graph()
    if membership is None:
        for shape in _provenance_shapes(shapes):
            shapes.add((shape, SH.deactivated, rdflib.Literal(True)))
    if focus:
        _retarget(shapes, union, ontology, focus)
    try:
        conforms, results, text = shacl_validate(
            union,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference="none",
            allow_warnings=True,
            abort_on_first=False,
        )
    except Exception as exc:  # pyshacl reports shape errors with its own exception types
        raise KgError(f"{ontology_file(SHAPES_FILE)}: SHACL validation failed: {exc}") from exc
    assert isinstance(results, rdflib.Graph)
    violations = tuple(sorted(_violations(results), key=lambda v: (v.focus, v.path or "", v.message)))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))


_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


def _retarget(shapes: rdflib.Graph, data: rdflib.Graph, ontology: rdflib.Graph, focus: set[URIRef]) -> None:
    """Give each shape, for its targets, the nodes of ``focus`` those targets select, as sh:targetNode.

    A target is only a way to name a set of focus nodes (SHACL 2.1.3), so this checks exactly those nodes
    of the input. pySHACL's focus_nodes option does not: pySHACL 0.40 also filters the value nodes that
    nested shapes check by it, so that a value-level sh:or or a sh:qualifiedValueShape never fails on a
    literal (a meeting's aip:date as plain text, a city without an English label)."""
    classes = {node: _classes(node, (data, ontology)) for node in focus}
    for shape in {s for target in _TARGETS for s in shapes.subjects(target, None)}:
        selected = {n for n in shapes.objects(shape, SH.targetNode) if n in focus}
        for cls in shapes.objects(shape, SH.targetClass):
            selected |= {n for n in focus if cls in classes[n]}
        for p in shapes.objects(shape, SH.targetSubjectsOf):
            selected |= {n for n in focus if (n, p, None) in data}
        for p in shapes.objects(shape, SH.targetObjectsOf):
            selected |= {n for n in focus if (None, p, n) in data}
        for target in _TARGETS:
            shapes.remove((shape, target, None))
        for node in selected:
            shapes.add((shape, SH.targetNode, node))


def _classes(node: Node, graphs: tuple[rdflib.Graph, ...]) -> set[Node]:
    """Every C with ``node rdf:type/rdfs:subClassOf* C`` in the graphs taken together."""
    found = {c for g in graphs for c in g.objects(node, RDF_NS_R.type)}
    todo = list(found)
    while todo:
        cls = todo.pop()
        for g in graphs:
            for parent in g.objects(cls, RDFS.subClassOf):
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
    return found


def _provenance_shapes(shapes: rdflib.Graph) -> set[Node]:
    """The shapes that check aip:describedIn: graph membership is all they go on."""
    return {
        shape
        for shape, prop in shapes.subject_objects(SH.property)
        if (prop, SH.path, _AIP_DESCRIBED_IN) in shapes
    }


def _violations(results: rdflib.Graph) -> Iterable[Violation]:
    for result in results.subjects(RDF_NS_R.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        yield Violation(
            focus=str(focus),
            path=_render_path(results, path) if path is not None else None,
            message=str(message) if message is not None else "does not conform",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            value=_render_value(value) if value is not None else None,
        )


def _qname(node: Node) -> str:
    text = str(node)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and "/" not in text[len(ns) :]:
            return f"{prefix}:{text[len(ns) :]}"
    return f"<{text}>"


def _render_value(node: Node) -> str:
    if isinstance(node, rdflib.Literal):
        if node.language:
            return f'"{node}"@{node.language}'
        if node.datatype is not None and node.datatype not in (_XSD_STRING, _RDF_LANGSTRING):
            return f'"{node}"^^{_qname(node.datatype)}'
        return f'"{node}"'
    return str(node)


def _render_path(graph: rdflib.Graph, path: Node) -> str:
    """A SHACL property path as SPARQL path syntax."""
    if not isinstance(path, BNode):
        return _qname(path)
    alternative = graph.value(path, SH.alternativePath)
    if alternative is not None:
        items = list(rdflib.collection.Collection(graph, alternative))
        return "(" + "|".join(_render_path(graph, item) for item in items) + ")"
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _render_path(graph, inverse)
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return _render_path(graph, inner) + suffix
    if (path, RDF_NS_R.first, None) in graph:
        return "/".join(_render_path(graph, item) for item in rdflib.collection.Collection(graph, path))
    return str(path)

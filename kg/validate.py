"""SHACL validation of aipkg data with pySHACL, and loading of the bundled ontology files.

Validation runs on one rdflib Graph: the union of the input's graphs, plus (by default) the topic scheme
and the reference data, with the ontology mixed in so that class checks follow rdfs:subClassOf.
Named graphs are flattened, so before that the one fact that depends on them is written down as
``S aip:describedIn G`` for every subject S of a claim graph G (see ontology/shapes.ttl).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import RDF as RDF_NS_R
from rdflib.namespace import SH, XSD
from rdflib.term import BNode, Node, URIRef

from kg.errors import InputError, KgError, UsageError
from kg.namespaces import AIP_NS, PREFIXES, PROV_NS
from kg.resources import ontology_file
from kg.store import disable_rdflib_network

disable_rdflib_network()  # shapes and data are parsed by rdflib here: never from the network

ONTOLOGY_FILE = "aipkg.ttl"
SHAPES_FILE = "shapes.ttl"
TOPICS_FILE = "topics.ttl"
REFERENCE_FILE = "reference.ttl"

_AIP_CLAIM_GRAPH = URIRef(AIP_NS + "ClaimGraph")
_AIP_DESCRIBED_IN = URIRef(AIP_NS + "describedIn")
_PROV_DERIVED = URIRef(PROV_NS + "wasDerivedFrom")
_PROVENANCE_SHAPE = URIRef("https://w3id.org/aipkg/shapes#MeetingProvenanceShape")
_XSD_STRING = XSD.string
_RDF_LANGSTRING = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")


@dataclass(frozen=True)
class Violation:
    focus: str  # the node that failed, as an IRI (or a blank node id)
    path: str | None  # the property path, "aip:attendee" or a SPARQL-like rendering of a complex path
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: str | None  # the offending value, when there is one

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool  # no result of severity Violation (warnings do not break conformance)
    violations: tuple[Violation, ...]  # every result, warnings included, sorted
    text: str  # human-readable report

    @property
    def errors(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity == "Violation")

    @property
    def warnings(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity != "Violation")


# ---------------------------------------------------------------------------------------------------
# Bundled files

_cache: dict[str, rdflib.Graph] = {}
_cache_lock = threading.Lock()


def _parse_bundled(name: str) -> rdflib.Graph:
    with _cache_lock:
        cached = _cache.get(name)
        if cached is None:
            path = ontology_file(name)
            cached = _parse_turtle(path)
            _cache[name] = cached
    copy = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        copy.bind(prefix, ns)
    for triple in cached:
        copy.add(triple)
    return copy


def _parse_turtle(path: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise KgError(f"{path}: bundled ontology file is missing") from exc
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        raise InputError(str(path), f"not valid Turtle: {exc}") from exc
    return graph


def load_ontology_graph() -> rdflib.Graph:
    """The OWL ontology (ontology/aipkg.ttl), a fresh copy the caller may change."""
    return _parse_bundled(ONTOLOGY_FILE)


def load_shapes_graph() -> rdflib.Graph:
    """The SHACL shapes (ontology/shapes.ttl)."""
    return _parse_bundled(SHAPES_FILE)


def load_topics_graph() -> rdflib.Graph:
    """The SKOS topic scheme (ontology/topics.ttl)."""
    return _parse_bundled(TOPICS_FILE)


def load_reference_graph() -> rdflib.Graph:
    """The reference companies, places and people (ontology/reference.ttl)."""
    return _parse_bundled(REFERENCE_FILE)


# ---------------------------------------------------------------------------------------------------
# Input conversion


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph) -> Node:
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

    ``data`` is an rdflib Graph (triples only: the meeting provenance check is skipped, having no
    graph names to go on), an rdflib Dataset or pyoxigraph quads (the union of their graphs is
    validated). With ``with_reference`` the topic scheme and the reference data are added, so that an
    article's graphs can refer to reference companies, places and topics; then only the nodes that are
    subjects in ``data`` are checked (all of the bundled data when ``data`` is empty).
    """
    union, membership = _flatten(data)
    if membership is not None:
        _add_provenance_links(union, membership)
    # With reference data added, check the input's nodes only: the bundled data is checked by its own
    # tests (and by validating it alone), and re-checking it every time would triple the cost.
    focus = sorted({s for s in union.subjects() if isinstance(s, URIRef)}) if with_reference else []
    if with_reference:
        union += load_topics_graph()
        union += load_reference_graph()
    shapes = load_shapes_graph()
    if membership is None:
        shapes.add((_PROVENANCE_SHAPE, SH.deactivated, rdflib.Literal(True)))
    try:
        conforms, results, text = shacl_validate(
            union,
            shacl_graph=shapes,
            ont_graph=load_ontology_graph(),
            inference="none",
            allow_warnings=True,
            abort_on_first=False,
            focus_nodes=focus or None,
        )
    except Exception as exc:  # pyshacl reports shape errors with its own exception types
        raise KgError(f"{ontology_file(SHAPES_FILE)}: SHACL validation failed: {exc}") from exc
    assert isinstance(results, rdflib.Graph)
    violations = tuple(sorted(_violations(results), key=lambda v: (v.focus, v.path or "", v.message)))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))


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

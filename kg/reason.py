"""OWL RL inference over aipkg data; the result goes to its own graph (id:graph/inferred).

Two engines compute the new statements entailed by the data plus the ontology (ontology/aipkg.ttl):

- ``"fast"``: forward chaining in plain Python sets over the rules the ontology uses: rdfs:subClassOf and
  rdfs:subPropertyOf (closed and applied), owl:equivalentClass / owl:equivalentProperty, owl:inverseOf,
  owl:SymmetricProperty, owl:TransitiveProperty, rdfs:domain and rdfs:range. Schema statements in the
  data count too. It does not replicate statements over owl:sameAs.
- ``"owlrl"``: owlrl's complete OWL 2 RL closure on an rdflib graph (slow; for checking the fast one).
  owl:sameAs links to IRIs outside ``id:`` (Wikidata) are left out of its input: OWL RL would copy every
  statement about a company onto the Wikidata IRI.

Either way only useful new statements come back: nothing already asserted, no blank nodes, no literal
subjects, nothing about classes, properties or built-in vocabulary, no ``x owl:sameAs x``,
``x a owl:Thing`` or ``x a rdfs:Resource``.
"""

from __future__ import annotations

import gc
import threading
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from kg.errors import InputError, UsageError
from kg.namespaces import ID_NS, INFERRED_GRAPH, OWL_NS, RDF_NS, RDFS_NS, XSD_NS
from kg.resources import ontology_file
from kg.store import Store

ENGINES = ("fast", "owlrl")

_TYPE = ox.NamedNode(RDF_NS + "type")
_SUBCLASS = ox.NamedNode(RDFS_NS + "subClassOf")
_SUBPROP = ox.NamedNode(RDFS_NS + "subPropertyOf")
_DOMAIN = ox.NamedNode(RDFS_NS + "domain")
_RANGE = ox.NamedNode(RDFS_NS + "range")
_EQ_CLASS = ox.NamedNode(OWL_NS + "equivalentClass")
_EQ_PROP = ox.NamedNode(OWL_NS + "equivalentProperty")
_INVERSE = ox.NamedNode(OWL_NS + "inverseOf")
_SAME_AS = ox.NamedNode(OWL_NS + "sameAs")
_TRANSITIVE = ox.NamedNode(OWL_NS + "TransitiveProperty")
_SYMMETRIC = ox.NamedNode(OWL_NS + "SymmetricProperty")
_THING = ox.NamedNode(OWL_NS + "Thing")
_RESOURCE = ox.NamedNode(RDFS_NS + "Resource")

# Statements with one of these predicates describe vocabulary; their terms are classes or properties.
_SCHEMA_PREDICATES = frozenset(
    {
        _SUBCLASS,
        _SUBPROP,
        _DOMAIN,
        _RANGE,
        _EQ_CLASS,
        _EQ_PROP,
        _INVERSE,
        ox.NamedNode(OWL_NS + "disjointWith"),
        ox.NamedNode(OWL_NS + "propertyDisjointWith"),
        ox.NamedNode(OWL_NS + "complementOf"),
    }
)
_BUILTIN_NAMESPACES = (RDF_NS, RDFS_NS, OWL_NS, XSD_NS)

Triple3 = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]

_ontology_cache: tuple[Triple3, ...] | None = None
_ontology_lock = threading.Lock()


def ontology_triples() -> tuple[Triple3, ...]:
    """The statements of ontology/aipkg.ttl (parsed once)."""
    global _ontology_cache
    with _ontology_lock:
        if _ontology_cache is None:
            path = ontology_file("aipkg.ttl")
            try:
                parsed = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
                _ontology_cache = tuple((q.subject, q.predicate, q.object) for q in parsed)
            except (OSError, SyntaxError) as exc:
                raise InputError(str(path), f"cannot read the ontology: {exc}") from exc
        return _ontology_cache


def infer(
    triples: Iterable[ox.Triple | ox.Quad], *, engine: str = "fast", with_ontology: bool = True
) -> set[ox.Triple]:
    """The new statements entailed by ``triples`` (graph names ignored) and the ontology.

    ``with_ontology=False`` reasons with the schema statements found in ``triples`` only.
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown reasoning engine '{engine}': choose one of {', '.join(ENGINES)}")
    data: set[Triple3] = set()
    for item in triples:
        if not isinstance(item, ox.Triple | ox.Quad):
            raise UsageError(f"cannot reason over {item!r}: expected pyoxigraph Triples or Quads")
        data.add((item.subject, item.predicate, item.object))
    asserted = set(data)
    if with_ontology:
        asserted.update(ontology_triples())
    # Millions of small tuples and no reference cycles: the cyclic collector would only rescan them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        derived = _fast_closure(asserted) if engine == "fast" else _owlrl_closure(asserted)
        vocabulary = _vocabulary(asserted)
        return {
            ox.Triple(s, p, o)
            for s, p, o in derived
            if (s, p, o) not in asserted and _useful(s, p, o, vocabulary)
        }
    finally:
        if collecting:
            gc.enable()


def inferred_quads(triples: Iterable[ox.Triple]) -> list[ox.Quad]:
    """The inferred triples as quads of id:graph/inferred."""
    return [ox.Quad(t.subject, t.predicate, t.object, INFERRED_GRAPH) for t in triples]


def recompute(store: Store, *, engine: str = "fast") -> int:
    """Replace id:graph/inferred with the inferences from every other graph of the store; returns their number."""
    sources = (q for q in store.quads() if q.graph_name != INFERRED_GRAPH)
    inferred = infer(sources, engine=engine)
    store.replace([INFERRED_GRAPH], inferred_quads(sorted(inferred, key=str)))
    return len(inferred)


# ---------------------------------------------------------------------------------------------------
# Filtering


def _vocabulary(triples: set[Triple3]) -> set[ox.NamedNode | ox.BlankNode]:
    """Terms that are classes or properties: what reasoning output must not describe."""
    vocabulary: set[ox.NamedNode | ox.BlankNode] = set()
    for s, p, o in triples:
        vocabulary.add(p)
        if p == _TYPE:
            if isinstance(o, ox.NamedNode | ox.BlankNode):
                vocabulary.add(o)
        elif p in _SCHEMA_PREDICATES:
            vocabulary.add(s)
            if isinstance(o, ox.NamedNode | ox.BlankNode):
                vocabulary.add(o)
    return vocabulary


def _useful(s: object, p: ox.NamedNode, o: object, vocabulary: set[ox.NamedNode | ox.BlankNode]) -> bool:
    if not isinstance(s, ox.NamedNode) or isinstance(o, ox.BlankNode):
        return False
    if s in vocabulary or s.value.startswith(_BUILTIN_NAMESPACES):
        return False
    if p == _SAME_AS and s == o:
        return False
    return not (p == _TYPE and o in (_THING, _RESOURCE))


# ---------------------------------------------------------------------------------------------------
# The fast engine


def _closure(edges: dict[ox.NamedNode, set[ox.NamedNode]]) -> dict[ox.NamedNode, set[ox.NamedNode]]:
    """Transitive closure of a small relation (the schema), each node without itself."""
    closed: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    for start in edges:
        seen: set[ox.NamedNode] = set()
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


class _Schema:
    """The rules of a set of statements, precomputed per property and class."""

    def __init__(self, triples: set[Triple3]) -> None:
        sub_class: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
        sub_prop: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
        domain: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
        range_: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
        inverse: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
        transitive: set[ox.NamedNode] = set()
        for s, p, o in triples:
            if not isinstance(s, ox.NamedNode) or not isinstance(o, ox.NamedNode):
                continue  # class expressions (blank nodes) are beyond this engine
            if p == _SUBCLASS:
                sub_class[s].add(o)
            elif p == _EQ_CLASS:
                sub_class[s].add(o)
                sub_class[o].add(s)
            elif p == _SUBPROP:
                sub_prop[s].add(o)
            elif p == _EQ_PROP:
                sub_prop[s].add(o)
                sub_prop[o].add(s)
            elif p == _DOMAIN:
                domain[s].add(o)
            elif p == _RANGE:
                range_[s].add(o)
            elif p == _INVERSE:
                inverse[s].add(o)
                inverse[o].add(s)
            elif p == _TYPE and o == _TRANSITIVE:
                transitive.add(s)
            elif p == _TYPE and o == _SYMMETRIC:
                inverse[s].add(s)
        self.super_classes = _closure(sub_class)
        self.super_props = _closure(sub_prop)
        # A property's domain and range include those of its super-properties (rdfs7 then rdfs2/3),
        # and each class brings its super-classes (rdfs9).
        self.domain: dict[ox.NamedNode, set[ox.NamedNode]] = {}
        self.range: dict[ox.NamedNode, set[ox.NamedNode]] = {}
        props = set(domain) | set(range_) | set(self.super_props)
        for prop in props:
            lineage = {prop} | self.super_props.get(prop, set())
            doms = set().union(*(domain.get(q, set()) for q in lineage))
            rngs = set().union(*(range_.get(q, set()) for q in lineage))
            self.domain[prop] = self._with_supers(doms)
            self.range[prop] = self._with_supers(rngs)
        self.inverse = {p: set(qs) for p, qs in inverse.items()}
        self.transitive = transitive

    def _with_supers(self, classes: set[ox.NamedNode]) -> set[ox.NamedNode]:
        out = set(classes)
        for cls in classes:
            out |= self.super_classes.get(cls, set())
        return out


def _fast_closure(asserted: set[Triple3]) -> set[Triple3]:
    schema = _Schema(asserted)
    super_classes = schema.super_classes
    empty: tuple[ox.NamedNode, ...] = ()
    # Per property, everything one of its statements implies: (super-properties, domain classes,
    # range classes, inverses, transitive?). Properties without rules are skipped at once.
    rules: dict[object, tuple[tuple[ox.NamedNode, ...], ...]] = {}
    for prop in set(schema.super_props) | set(schema.domain) | set(schema.range) | set(schema.inverse):
        rules[prop] = (
            tuple(schema.super_props.get(prop, empty)),
            tuple(schema.domain.get(prop, empty)),
            tuple(schema.range.get(prop, empty)),
            tuple(schema.inverse.get(prop, empty)),
        )
    for prop in schema.transitive:
        rules.setdefault(prop, (empty, empty, empty, empty))
    # For transitive properties: successors and predecessors of each node.
    succ: dict[object, dict[object, set[object]]] = {p: defaultdict(set) for p in schema.transitive}
    pred: dict[object, dict[object, set[object]]] = {p: defaultdict(set) for p in schema.transitive}

    facts: set[Triple3] = set(asserted)
    queue: list[Triple3] = list(asserted)
    for s, p, o in asserted:
        if p in succ:
            succ[p][s].add(o)
            pred[p][o].add(s)

    new: list[Triple3] = []
    while queue:
        s, p, o = queue.pop()
        if p == _TYPE:
            for cls in super_classes.get(o, empty):  # type: ignore[call-overload]
                new.append((s, _TYPE, cls))
        else:
            rule = rules.get(p)
            if rule is None:
                continue
            supers, domains, ranges, inverses = rule
            for sup in supers:
                new.append((s, sup, o))
            for cls in domains:
                new.append((s, _TYPE, cls))
            if not isinstance(o, ox.Literal):  # a literal cannot be a subject: no range typing, no inverse
                for cls in ranges:
                    new.append((o, _TYPE, cls))  # type: ignore[arg-type]
                for inv in inverses:
                    new.append((o, inv, s))  # type: ignore[arg-type]
                if p in succ:
                    for before in pred[p].get(s, ()):
                        new.append((before, p, o))  # type: ignore[arg-type]
                    for after in succ[p].get(o, ()):
                        new.append((s, p, after))  # type: ignore[arg-type]
        for triple in new:
            if triple not in facts:
                facts.add(triple)
                queue.append(triple)
                ts, tp, to = triple
                if tp in succ:
                    succ[tp][ts].add(to)
                    pred[tp][to].add(ts)
        new.clear()
    return facts


# ---------------------------------------------------------------------------------------------------
# The owlrl engine


def _owlrl_closure(asserted: set[Triple3]) -> set[Triple3]:
    import owlrl
    import rdflib

    def to_rdflib(term: object) -> rdflib.term.Node:
        if isinstance(term, ox.NamedNode):
            return rdflib.URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return rdflib.BNode(term.value)
        assert isinstance(term, ox.Literal)
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_NS + "string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))

    def from_rdflib(term: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, rdflib.URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, rdflib.BNode):
            return ox.BlankNode(str(term))
        assert isinstance(term, rdflib.Literal)
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is None:
            return ox.Literal(str(term))
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))

    graph = rdflib.Graph()
    for s, p, o in asserted:
        if p == _SAME_AS and not _internal_same_as(s, o):
            continue
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
        graph
    )
    out: set[Triple3] = set()
    for s, p, o in graph:
        if isinstance(s, rdflib.Literal) or not isinstance(p, rdflib.URIRef):
            continue
        out.add((from_rdflib(s), from_rdflib(p), from_rdflib(o)))  # type: ignore[arg-type]
    return out


def _internal_same_as(s: object, o: object) -> bool:
    return (
        isinstance(s, ox.NamedNode)
        and isinstance(o, ox.NamedNode)
        and s.value.startswith(ID_NS)
        and o.value.startswith(ID_NS)
    )

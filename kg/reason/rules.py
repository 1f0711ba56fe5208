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
    # Millions of small tuples and no reference cycles: the cyclic collector would only rescan them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if with_ontology:
            template, ontology = _encoded_ontology()
            terms, asserted = template.copy(), set(ontology)
        else:
            terms, asserted = _Terms(), set()
        encode = terms.encode
        data: set[tuple[int, int, int]] = set()
        for item in triples:
            if not isinstance(item, ox.Triple | ox.Quad):
                raise UsageError(f"cannot reason over {item!r}: expected pyoxigraph Triples or Quads")
            data.add((encode(item.subject), encode(item.predicate), encode(item.object)))
        asserted |= data
        keep: _Filter | None = None
        if engine == "fast" and with_ontology and not _changes_rules(data, terms, ontology):
            # the ontology's rules and closure, computed once, hold: only the data's consequences are new
            ontology_closure, ontology_filter = _ontology_closure()
            closure = ontology_closure.copy()
            closure.add(data)
            derived = closure.facts
            keep = ontology_filter.extended(data, terms)
        elif engine == "fast":
            derived = _fast_closure(asserted, terms)
        else:
            decoded = {(terms.decode(s), terms.decode(p), terms.decode(o)) for s, p, o in asserted}
            derived = {(encode(s), encode(p), encode(o)) for s, p, o in _owlrl_closure(decoded)}
        keep = keep or _Filter(asserted, terms)
        decode = terms.decode
        return {
            ox.Triple(decode(s), decode(p), decode(o))  # type: ignore[arg-type]
            for s, p, o in derived - asserted
            if keep(s, p, o)
        }
    finally:
        if collecting:
            gc.enable()


class _Terms:
    """Terms as small ints, so that the closure hashes and compares ints (literals get negative ids)."""

    def __init__(self) -> None:
        self.ids: dict[object, int] = {}
        self.nodes: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode("urn:x-aipkg:unused")]
        self.literals: list[ox.Literal] = [ox.Literal("")]
        self.blanks: set[int] = set()

    def encode(self, term: object) -> int:
        known = self.ids.get(term)
        if known is not None:
            return known
        if isinstance(term, ox.Literal):
            self.literals.append(term)
            ident = 1 - len(self.literals)
        elif isinstance(term, ox.NamedNode | ox.BlankNode):
            self.nodes.append(term)
            ident = len(self.nodes) - 1
            if isinstance(term, ox.BlankNode):
                self.blanks.add(ident)
        else:
            raise UsageError(f"cannot reason over the term {term!r}")
        self.ids[term] = ident
        return ident

    def copy(self) -> _Terms:
        other = _Terms.__new__(_Terms)
        other.ids, other.nodes, other.literals, other.blanks = dict(self.ids), list(self.nodes), list(self.literals), set(self.blanks)
        return other

    def decode(self, ident: int) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        return self.nodes[ident] if ident > 0 else self.literals[-ident]


_encoded_cache: tuple[tuple[Triple3, ...], _Terms, frozenset[tuple[int, int, int]]] | None = None


def _encoded_ontology() -> tuple[_Terms, frozenset[tuple[int, int, int]]]:
    """The ontology's statements encoded once: ingest reasons over every article with them (a third of the work)."""
    global _encoded_cache
    source = ontology_triples()
    if _encoded_cache is None or _encoded_cache[0] is not source:
        terms = _Terms()
        encoded = frozenset((terms.encode(s), terms.encode(p), terms.encode(o)) for s, p, o in source)
        # the vocabulary the rules and the filter look for, so that every copy gives it the same ids
        for term in (_TYPE, _SAME_AS, _TRANSITIVE, _SYMMETRIC, _THING, _RESOURCE, *_RULE_PREDICATES, *_SCHEMA_PREDICATES):
            terms.encode(term)
        _encoded_cache = (source, terms, encoded)
    return _encoded_cache[1], _encoded_cache[2]


_RULE_PREDICATES = (_SUBCLASS, _EQ_CLASS, _SUBPROP, _EQ_PROP, _DOMAIN, _RANGE, _INVERSE)


def _changes_rules(data: set[tuple[int, int, int]], terms: _Terms, ontology: frozenset[tuple[int, int, int]]) -> bool:
    """Whether the statements add schema that :class:`_Rules` reads beyond the ontology's (articles never do)."""
    encode = terms.encode
    rule_predicates = {encode(p) for p in _RULE_PREDICATES}
    type_, kinds = encode(_TYPE), {encode(_TRANSITIVE), encode(_SYMMETRIC)}
    return any(
        (p in rule_predicates or (p == type_ and o in kinds)) and (s, p, o) not in ontology for s, p, o in data
    )


_ontology_closure_cache: tuple[frozenset[tuple[int, int, int]], _Closure, _Filter] | None = None


def _ontology_closure() -> tuple[_Closure, _Filter]:
    """The ontology's rules, closure and filter, in the ids of :func:`_encoded_ontology` (computed once: every
    article's inference starts from them)."""
    global _ontology_closure_cache
    template, ontology = _encoded_ontology()
    if _ontology_closure_cache is None or _ontology_closure_cache[0] is not ontology:
        terms = template.copy()
        closure = _Closure(_Rules(set(ontology), terms))
        closure.add(ontology)
        _ontology_closure_cache = (ontology, closure, _Filter(set(ontology), terms))
    return _ontology_closure_cache[1], _ontology_closure_cache[2]


def inferred_quads(triples: Iterable[ox.Triple]) -> list[ox.Quad]:
    """The inferred triples as quads of id:graph/inferred."""
    return [ox.Quad(t.subject, t.predicate, t.object, INFERRED_GRAPH) for t in triples]


# ---------------------------------------------------------------------------------------------------
# Filtering


class _Filter:
    """Whether a derived statement is worth keeping (see the module docstring)."""

    def __init__(self, asserted: set[tuple[int, int, int]], terms: _Terms) -> None:
        encode = terms.encode
        self.type, self.same_as = encode(_TYPE), encode(_SAME_AS)
        self.trivial_classes = {encode(_THING), encode(_RESOURCE)}
        self.blanks = terms.blanks
        self.schema_predicates = {encode(p) for p in _SCHEMA_PREDICATES}
        # Classes and properties: what reasoning output must not describe.
        self.vocabulary: set[int] = set()
        self.known_nodes = len(terms.nodes)
        self._add_vocabulary(asserted, terms, 0)

    def extended(self, more: set[tuple[int, int, int]], terms: _Terms) -> _Filter:
        """This filter with ``more`` statements asserted and the terms ``terms`` encoded since it was made (their
        ids continue this one's)."""
        other = _Filter.__new__(_Filter)
        other.type, other.same_as, other.trivial_classes = self.type, self.same_as, self.trivial_classes
        other.blanks = terms.blanks
        other.vocabulary = set(self.vocabulary)
        other.schema_predicates = self.schema_predicates
        other.known_nodes = len(terms.nodes)
        other._add_vocabulary(more, terms, self.known_nodes)
        return other

    def _add_vocabulary(self, asserted: Iterable[tuple[int, int, int]], terms: _Terms, first_node: int) -> None:
        vocabulary, schema_predicates = self.vocabulary, self.schema_predicates
        for s, p, o in asserted:
            vocabulary.add(p)
            if p == self.type:
                vocabulary.add(o)
            elif p in schema_predicates:
                vocabulary.add(s)
                vocabulary.add(o)
        for ident in range(first_node, len(terms.nodes)):
            node = terms.nodes[ident]
            if isinstance(node, ox.NamedNode) and node.value.startswith(_BUILTIN_NAMESPACES):
                vocabulary.add(ident)

    def __call__(self, s: int, p: int, o: int) -> bool:
        if s <= 0 or s in self.blanks or o in self.blanks or s in self.vocabulary:
            return False
        if p == self.same_as and s == o:
            return False
        return not (p == self.type and o in self.trivial_classes)


# ---------------------------------------------------------------------------------------------------
# The fast engine


def _closure(edges: dict[int, set[int]]) -> dict[int, set[int]]:
    """Transitive closure of a small relation (the schema), each node without itself."""
    closed: dict[int, set[int]] = {}
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


class _Schema:
    """The rules of a set of statements, precomputed per property and class."""

    def __init__(self, triples: set[tuple[int, int, int]], terms: _Terms) -> None:
        encode = terms.encode
        type_, transitive_, symmetric_ = encode(_TYPE), encode(_TRANSITIVE), encode(_SYMMETRIC)
        kinds = {encode(p): p for p in (_SUBCLASS, _EQ_CLASS, _SUBPROP, _EQ_PROP, _DOMAIN, _RANGE, _INVERSE)}
        sub_class: dict[int, set[int]] = defaultdict(set)
        sub_prop: dict[int, set[int]] = defaultdict(set)
        domain: dict[int, set[int]] = defaultdict(set)
        range_: dict[int, set[int]] = defaultdict(set)
        inverse: dict[int, set[int]] = defaultdict(set)
        transitive: set[int] = set()
        blanks = terms.blanks
        for s, p, o in triples:
            if p == type_:
                if o == transitive_:
                    transitive.add(s)
                elif o == symmetric_:
                    inverse[s].add(s)
                continue
            kind = kinds.get(p)
            # Class expressions (blank nodes) are beyond this engine.
            if kind is None or s <= 0 or o <= 0 or s in blanks or o in blanks:
                continue
            if kind == _SUBCLASS:
                sub_class[s].add(o)
            elif kind == _EQ_CLASS:
                sub_class[s].add(o)
                sub_class[o].add(s)
            elif kind == _SUBPROP:
                sub_prop[s].add(o)
            elif kind == _EQ_PROP:
                sub_prop[s].add(o)
                sub_prop[o].add(s)
            elif kind == _DOMAIN:
                domain[s].add(o)
            elif kind == _RANGE:
                range_[s].add(o)
            else:
                inverse[s].add(o)
                inverse[o].add(s)
        self.super_classes = _closure(sub_class)
        self.super_props = _closure(sub_prop)
        # A property's domain and range include those of its super-properties (rdfs7 then rdfs2/3),
        # and each class brings its super-classes (rdfs9).
        self.domain: dict[int, set[int]] = {}
        self.range: dict[int, set[int]] = {}
        for prop in set(domain) | set(range_) | set(self.super_props):
            lineage = {prop} | self.super_props.get(prop, set())
            doms = set().union(*(domain.get(q, set()) for q in lineage))
            rngs = set().union(*(range_.get(q, set()) for q in lineage))
            self.domain[prop] = self._with_supers(doms)
            self.range[prop] = self._with_supers(rngs)
        self.inverse = {p: set(qs) for p, qs in inverse.items()}
        self.transitive = transitive

    def _with_supers(self, classes: set[int]) -> set[int]:
        out = set(classes)
        for cls in classes:
            out |= self.super_classes.get(cls, set())
        return out


class _Rules:
    """Per property, everything one of its statements implies: (super-properties, domain classes, range
    classes, inverses); properties without rules have none. Plus the closed class hierarchy and the
    transitive properties."""

    def __init__(self, asserted: set[tuple[int, int, int]], terms: _Terms) -> None:
        schema = _Schema(asserted, terms)
        self.type = terms.encode(_TYPE)
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


class _Closure:
    """Statements closed under a fixed set of rules; more statements can be added and closed in turn."""

    def __init__(self, rules: _Rules) -> None:
        self.rules = rules
        self.facts: set[tuple[int, int, int]] = set()
        # for transitive properties: successors and predecessors of each node
        self.succ: dict[int, dict[int, set[int]]] = {p: defaultdict(set) for p in rules.transitive}
        self.pred: dict[int, dict[int, set[int]]] = {p: defaultdict(set) for p in rules.transitive}

    def copy(self) -> _Closure:
        other = _Closure.__new__(_Closure)
        other.rules, other.facts = self.rules, set(self.facts)
        other.succ = {p: defaultdict(set, {k: set(v) for k, v in d.items()}) for p, d in self.succ.items()}
        other.pred = {p: defaultdict(set, {k: set(v) for k, v in d.items()}) for p, d in self.pred.items()}
        return other

    def add(self, triples: Iterable[tuple[int, int, int]]) -> None:
        rules, facts, succ, pred = self.rules, self.facts, self.succ, self.pred
        type_, super_classes, by_property = rules.type, rules.super_classes, rules.by_property
        empty: tuple[int, ...] = ()
        queue: list[tuple[int, int, int]] = []
        new: list[tuple[int, int, int]] = list(triples)
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


def _fast_closure(asserted: set[tuple[int, int, int]], terms: _Terms) -> set[tuple[int, int, int]]:
    closure = _Closure(_Rules(asserted, terms))
    closure.add(asserted)
    return closure.facts


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

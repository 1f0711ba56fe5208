"""The vocabulary the rules read, and terms encoded as small ints so that the closure hashes and compares ints."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.errors import UsageError
from kg.namespaces import OWL_NS, RDF_NS, RDFS_NS, XSD_NS

TYPE = ox.NamedNode(RDF_NS + "type")
SUBCLASS = ox.NamedNode(RDFS_NS + "subClassOf")
SUBPROP = ox.NamedNode(RDFS_NS + "subPropertyOf")
DOMAIN = ox.NamedNode(RDFS_NS + "domain")
RANGE = ox.NamedNode(RDFS_NS + "range")
EQ_CLASS = ox.NamedNode(OWL_NS + "equivalentClass")
EQ_PROP = ox.NamedNode(OWL_NS + "equivalentProperty")
INVERSE = ox.NamedNode(OWL_NS + "inverseOf")
SAME_AS = ox.NamedNode(OWL_NS + "sameAs")
TRANSITIVE = ox.NamedNode(OWL_NS + "TransitiveProperty")
SYMMETRIC = ox.NamedNode(OWL_NS + "SymmetricProperty")
THING = ox.NamedNode(OWL_NS + "Thing")
RESOURCE = ox.NamedNode(RDFS_NS + "Resource")

# The predicates whose statements are rules of the fast engine.
RULE_PREDICATES = (SUBCLASS, EQ_CLASS, SUBPROP, EQ_PROP, DOMAIN, RANGE, INVERSE)
# Statements with one of these predicates describe vocabulary; their terms are classes or properties.
SCHEMA_PREDICATES = frozenset(
    {
        *RULE_PREDICATES,
        ox.NamedNode(OWL_NS + "disjointWith"),
        ox.NamedNode(OWL_NS + "propertyDisjointWith"),
        ox.NamedNode(OWL_NS + "complementOf"),
    }
)
BUILTIN_NAMESPACES = (RDF_NS, RDFS_NS, OWL_NS, XSD_NS)
# What a term declared with one of these types is: a class or a property, never an instance (a property
# that has no domain or range, aip:reportedDate, is vocabulary only by its declaration).
VOCABULARY_KINDS = frozenset(
    {
        ox.NamedNode(OWL_NS + "Class"),
        ox.NamedNode(RDFS_NS + "Class"),
        ox.NamedNode(RDF_NS + "Property"),
        ox.NamedNode(OWL_NS + "ObjectProperty"),
        ox.NamedNode(OWL_NS + "DatatypeProperty"),
        ox.NamedNode(OWL_NS + "AnnotationProperty"),
        ox.NamedNode(OWL_NS + "FunctionalProperty"),
        ox.NamedNode(OWL_NS + "InverseFunctionalProperty"),
        TRANSITIVE,
        SYMMETRIC,
    }
)

Node = ox.NamedNode | ox.BlankNode
Triple3 = tuple[Node, ox.NamedNode, Node | ox.Literal]
Encoded = tuple[int, int, int]


class Terms:
    """Terms as small ints (literals get negative ids), and back."""

    def __init__(self) -> None:
        self.ids: dict[object, int] = {}
        self.nodes: list[Node] = [ox.NamedNode("urn:x-aipkg:unused")]
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

    def copy(self) -> Terms:
        other = Terms.__new__(Terms)
        other.ids, other.nodes, other.literals, other.blanks = dict(self.ids), list(self.nodes), list(self.literals), set(self.blanks)
        return other

    def decode(self, ident: int) -> Node | ox.Literal:
        return self.nodes[ident] if ident > 0 else self.literals[-ident]

    def triples(self, encoded: Iterable[Encoded]) -> set[ox.Triple]:
        """Encoded statements as pyoxigraph Triples (their subjects nodes and their predicates IRIs, as encoded).
        One loop, inline: it decodes every inferred statement, a million at 1M statements."""
        nodes, literals = self.nodes, self.literals
        predicates: dict[int, ox.NamedNode] = {}
        out: set[ox.Triple] = set()
        for s, p, o in encoded:
            if (predicate := predicates.get(p)) is None:
                node = nodes[p]
                assert isinstance(node, ox.NamedNode), node
                predicate = predicates[p] = node
            out.add(ox.Triple(nodes[s], predicate, nodes[o] if o > 0 else literals[-o]))
        return out

"""The owlrl engine: owlrl's complete OWL 2 RL closure on an rdflib graph (slow; for checking the fast one).

owl:sameAs links to IRIs outside ``id:`` (Wikidata) are left out of its input: OWL RL would copy every
statement about a company onto the Wikidata IRI.
"""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from kg.namespaces import ID_NS, XSD_NS
from kg.reason.terms import SAME_AS, Encoded, Terms


def _to_rdflib(term: object) -> rdflib.term.Node:
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


def _from_rdflib(term: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
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


def _internal_same_as(s: object, o: object) -> bool:
    return (
        isinstance(s, ox.NamedNode)
        and isinstance(o, ox.NamedNode)
        and s.value.startswith(ID_NS)
        and o.value.startswith(ID_NS)
    )


def owlrl_closure(asserted: set[Encoded], terms: Terms) -> set[Encoded]:
    """The OWL 2 RL closure of the statements, in (and extending) the ids of ``terms``."""
    import owlrl  # only this engine needs it, and it takes a while to import

    decode, encode, same_as = terms.decode, terms.encode, terms.encode(SAME_AS)
    graph = rdflib.Graph()
    for s, p, o in asserted:
        if p == same_as and not _internal_same_as(decode(s), decode(o)):
            continue
        graph.add((_to_rdflib(decode(s)), _to_rdflib(decode(p)), _to_rdflib(decode(o))))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    return {
        (encode(_from_rdflib(s)), encode(_from_rdflib(p)), encode(_from_rdflib(o)))
        for s, p, o in graph
        if not isinstance(s, rdflib.Literal) and isinstance(p, rdflib.URIRef)
    }

"""OWL RL inference over aipkg data: the new statements entailed by the data plus the ontology.

Two engines (:class:`ReasoningEngine`): ``fast``, forward chaining in plain Python sets over the rules the
ontology uses (:mod:`kg.reason.rules`), and ``owlrl``, owlrl's complete OWL 2 RL closure, slow, for checking
the fast one (:mod:`kg.reason.owlrl_engine`). Either way only useful new statements come back
(:mod:`kg.reason.keep`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum

import pyoxigraph as ox

from kg.errors import InputError, UsageError
from kg.iris import INFERRED_GRAPH
from kg.reason.keep import Keep
from kg.reason.rules import Closure, Rules, fast_closure
from kg.reason.terms import (
    RESOURCE,
    RULE_PREDICATES,
    SAME_AS,
    SCHEMA_PREDICATES,
    SYMMETRIC,
    THING,
    TRANSITIVE,
    TYPE,
    VOCABULARY_KINDS,
    Encoded,
    Terms,
    Triple3,
)
from kg.resources import ontology_file


class ReasoningEngine(str, Enum):
    """``fast``, the built-in rules, or ``owlrl``, the owlrl package (slow on big stores). The values are the
    strings ``kg reason --engine`` accepts (a str Enum: ``ReasoningEngine.FAST == "fast"``)."""

    FAST = "fast"
    OWLRL = "owlrl"

    @classmethod
    def of(cls, value: ReasoningEngine | str) -> ReasoningEngine:
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(e.value for e in cls)
            raise UsageError(f"unknown reasoning engine {value!r}: choose one of {choices}") from None


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
                _ontology_cache = tuple(_triple3(q) for q in parsed)
            except (OSError, SyntaxError) as exc:
                raise InputError(str(path), f"cannot read the ontology: {exc}") from exc
        return _ontology_cache


def _triple3(quad: ox.Quad) -> Triple3:
    s, o = quad.subject, quad.object
    if isinstance(s, ox.Triple) or isinstance(o, ox.Triple):
        raise SyntaxError(f"a quoted triple in {quad}")
    return s, quad.predicate, o


def infer(
    triples: Iterable[ox.Triple | ox.Quad],
    *,
    engine: ReasoningEngine | str = ReasoningEngine.FAST,
    with_ontology: bool = True,
) -> set[ox.Triple]:
    """The new statements entailed by ``triples`` (graph names ignored) and the ontology.

    ``with_ontology=False`` reasons with the schema statements found in ``triples`` only.
    """
    chosen = ReasoningEngine.of(engine)
    with _without_cyclic_collection():
        if with_ontology:
            template, ontology = _encoded_ontology()
            terms, asserted = template.copy(), set(ontology)
        else:
            terms, asserted, ontology = Terms(), set(), frozenset()
        data = _encoded(triples, terms)
        asserted |= data
        keep: Keep | None = None
        if chosen is ReasoningEngine.FAST and with_ontology and not _changes_rules(data, terms, ontology):
            # the ontology's rules and closure, computed once, hold: only the data's consequences are new
            ontology_closure, ontology_keep = _ontology_closure()
            closure = ontology_closure.copy()
            closure.add(data)
            derived = closure.facts
            keep = ontology_keep.extended(data, terms)
        elif chosen is ReasoningEngine.FAST:
            derived = fast_closure(asserted, terms)
        else:
            from kg.reason.owlrl_engine import owlrl_closure  # rdflib and owlrl: only for this engine

            derived = owlrl_closure(asserted, terms)
        keep = keep or Keep(asserted, terms)  # after the closure: owlrl's brings new terms
        return terms.triples(t for t in derived - asserted if keep(*t))


@contextmanager
def _without_cyclic_collection() -> Iterator[None]:
    """Millions of small tuples and no reference cycles: the cyclic collector would only rescan them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _encoded(triples: Iterable[ox.Triple | ox.Quad], terms: Terms) -> set[Encoded]:
    encode = terms.encode
    data: set[Encoded] = set()
    for item in triples:
        if not isinstance(item, ox.Triple | ox.Quad):
            raise UsageError(f"cannot reason over {item!r}: expected pyoxigraph Triples or Quads")
        data.add((encode(item.subject), encode(item.predicate), encode(item.object)))
    return data


_encoded_cache: tuple[tuple[Triple3, ...], Terms, frozenset[Encoded]] | None = None


def _encoded_ontology() -> tuple[Terms, frozenset[Encoded]]:
    """The ontology's statements encoded once: ingest reasons over every article with them (a third of the work)."""
    global _encoded_cache
    source = ontology_triples()
    if _encoded_cache is None or _encoded_cache[0] is not source:
        terms = Terms()
        encoded = frozenset((terms.encode(s), terms.encode(p), terms.encode(o)) for s, p, o in source)
        # the vocabulary the rules and the filter look for, so that every copy gives it the same ids
        for term in (TYPE, SAME_AS, THING, RESOURCE, *RULE_PREDICATES, *SCHEMA_PREDICATES, *VOCABULARY_KINDS):
            terms.encode(term)
        _encoded_cache = (source, terms, encoded)
    return _encoded_cache[1], _encoded_cache[2]


def _changes_rules(data: set[Encoded], terms: Terms, ontology: frozenset[Encoded]) -> bool:
    """Whether the statements add schema that :class:`Rules` reads beyond the ontology's (articles never do)."""
    encode = terms.encode
    rule_predicates = {encode(p) for p in RULE_PREDICATES}
    type_, kinds = encode(TYPE), {encode(TRANSITIVE), encode(SYMMETRIC)}
    return any(
        (p in rule_predicates or (p == type_ and o in kinds)) and (s, p, o) not in ontology for s, p, o in data
    )


_ontology_closure_cache: tuple[frozenset[Encoded], Closure, Keep] | None = None


def _ontology_closure() -> tuple[Closure, Keep]:
    """The ontology's rules, closure and filter, in the ids of :func:`_encoded_ontology` (computed once: every
    article's inference starts from them)."""
    global _ontology_closure_cache
    template, ontology = _encoded_ontology()
    if _ontology_closure_cache is None or _ontology_closure_cache[0] is not ontology:
        terms = template.copy()
        closure = Closure(Rules(set(ontology), terms))
        closure.add(ontology)
        _ontology_closure_cache = (ontology, closure, Keep(set(ontology), terms))
    return _ontology_closure_cache[1], _ontology_closure_cache[2]


def inferred_quads(triples: Iterable[ox.Triple]) -> list[ox.Quad]:
    """The inferred triples as quads of id:graph/inferred."""
    return [ox.Quad(t.subject, t.predicate, t.object, INFERRED_GRAPH) for t in triples]

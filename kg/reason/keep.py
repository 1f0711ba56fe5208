"""Which derived statements are worth keeping: only new facts about instances.

Nothing already asserted, no blank nodes, no literal subjects, nothing about classes, properties or built-in
vocabulary, no ``x owl:sameAs x``, ``x a owl:Thing`` or ``x a rdfs:Resource``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.reason.terms import (
    BUILTIN_NAMESPACES,
    RESOURCE,
    SAME_AS,
    SCHEMA_PREDICATES,
    THING,
    TYPE,
    VOCABULARY_KINDS,
    Encoded,
    Terms,
)


class Keep:
    """Whether a derived statement is worth keeping (see the module docstring)."""

    def __init__(self, asserted: set[Encoded], terms: Terms) -> None:
        encode = terms.encode
        self.type, self.same_as = encode(TYPE), encode(SAME_AS)
        self.trivial_classes = {encode(THING), encode(RESOURCE)}
        self.blanks = terms.blanks
        self.schema_predicates = {encode(p) for p in SCHEMA_PREDICATES}
        self.vocabulary_kinds = {encode(k) for k in VOCABULARY_KINDS}
        # Classes and properties: what reasoning output must not describe.
        self.vocabulary: set[int] = set()
        self.known_nodes = len(terms.nodes)
        self._add_vocabulary(asserted, terms, 0)

    def extended(self, more: set[Encoded], terms: Terms) -> Keep:
        """This filter with ``more`` statements asserted and the terms ``terms`` encoded since it was made (their
        ids continue this one's)."""
        other = Keep.__new__(Keep)
        other.type, other.same_as, other.trivial_classes = self.type, self.same_as, self.trivial_classes
        other.blanks = terms.blanks
        other.vocabulary = set(self.vocabulary)
        other.schema_predicates, other.vocabulary_kinds = self.schema_predicates, self.vocabulary_kinds
        other.known_nodes = len(terms.nodes)
        other._add_vocabulary(more, terms, self.known_nodes)
        return other

    def _add_vocabulary(self, asserted: Iterable[Encoded], terms: Terms, first_node: int) -> None:
        vocabulary, schema_predicates, vocabulary_kinds = self.vocabulary, self.schema_predicates, self.vocabulary_kinds
        for s, p, o in asserted:
            vocabulary.add(p)
            if p == self.type:
                vocabulary.add(o)
                if o in vocabulary_kinds:
                    vocabulary.add(s)
            elif p in schema_predicates:
                vocabulary.add(s)
                vocabulary.add(o)
        for ident in range(first_node, len(terms.nodes)):
            node = terms.nodes[ident]
            if isinstance(node, ox.NamedNode) and node.value.startswith(BUILTIN_NAMESPACES):
                vocabulary.add(ident)

    def __call__(self, s: int, p: int, o: int) -> bool:
        if s <= 0 or s in self.blanks or o in self.blanks or s in self.vocabulary:
            return False
        if p == self.same_as and s == o:
            return False
        return not (p == self.type and o in self.trivial_classes)

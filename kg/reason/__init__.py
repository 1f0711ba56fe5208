"""OWL RL inference over aipkg data; the result goes to its own graph (id:graph/inferred).

:func:`infer` gives the new statements entailed by statements plus the ontology (ontology/aipkg.ttl), with
either :class:`ReasoningEngine`: only useful ones, nothing already asserted, no blank nodes, nothing about
classes, properties or built-in vocabulary.
"""

from kg.reason.inference import ReasoningEngine, infer, inferred_quads, ontology_triples

__all__ = ["ReasoningEngine", "infer", "inferred_quads", "ontology_triples"]

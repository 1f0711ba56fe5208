"""OWL RL inference over aipkg data, written to its own graph (id:graph/inferred)."""

from kg.reason.rules import ENGINES, infer, inferred_quads, ontology_triples

__all__ = ["ENGINES", "infer", "inferred_quads", "ontology_triples"]

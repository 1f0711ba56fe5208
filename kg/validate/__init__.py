"""SHACL validation of aipkg data: the shapes compiled once (ingest's engine), pySHACL as the reference."""

from kg.validate.compiler import CompiledShapes, compile_shapes, compiled_shapes
from kg.validate.pyshacl_engine import (
    ValidationReport,
    Violation,
    load_ontology_graph,
    load_reference_graph,
    load_shapes_graph,
    load_topics_graph,
    validate,
)

__all__ = [
    "CompiledShapes",
    "ValidationReport",
    "Violation",
    "compile_shapes",
    "compiled_shapes",
    "load_ontology_graph",
    "load_reference_graph",
    "load_shapes_graph",
    "load_topics_graph",
    "validate",
]

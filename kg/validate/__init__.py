"""SHACL validation of aipkg data against ontology/shapes.ttl.

Two engines: the shapes compiled once (:func:`compiled_shapes`; ingest checks each article with it, ``kg
validate`` the whole store) and pySHACL (:func:`validate`), the reference the compiled shapes are tested
against. Both give a :class:`ValidationReport`.
"""

from kg.validate.bundled import (
    load_bundled,
    load_ontology_graph,
    load_reference_graph,
    load_shapes_graph,
    load_topics_graph,
)
from kg.validate.fast import CompiledShapes, compile_shapes, compiled_shapes
from kg.validate.pyshacl_engine import validate
from kg.validate.report import Evaluation, ValidationEngine, ValidationReport, Violation

__all__ = [
    "CompiledShapes",
    "Evaluation",
    "ValidationEngine",
    "ValidationReport",
    "Violation",
    "compile_shapes",
    "compiled_shapes",
    "load_bundled",
    "load_ontology_graph",
    "load_reference_graph",
    "load_shapes_graph",
    "load_topics_graph",
    "validate",
]

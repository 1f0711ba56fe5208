"""The bundled ontology files as rdflib graphs, for pySHACL and for tests (parsed once, copied per caller)."""

from __future__ import annotations

import threading
from pathlib import Path

import rdflib

from kg.errors import InputError, KgError
from kg.namespaces import PREFIXES
from kg.resources import ontology_file
from kg.store import disable_rdflib_network

disable_rdflib_network()  # the bundled files are parsed by rdflib here: never from the network

ONTOLOGY_FILE = "aipkg.ttl"
SHAPES_FILE = "shapes.ttl"
TOPICS_FILE = "topics.ttl"
REFERENCE_FILE = "reference.ttl"

_cache: dict[str, rdflib.Graph] = {}
_cache_lock = threading.Lock()


def _parse_bundled(name: str) -> rdflib.Graph:
    with _cache_lock:
        cached = _cache.get(name)
        if cached is None:
            path = ontology_file(name)
            cached = _parse_turtle(path)
            _cache[name] = cached
    copy = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        copy.bind(prefix, ns)
    for triple in cached:
        copy.add(triple)
    return copy


def _parse_turtle(path: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise KgError(f"{path}: bundled ontology file is missing") from exc
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        raise InputError(str(path), f"not valid Turtle: {exc}") from exc
    return graph


def load_bundled(name: str) -> rdflib.Graph:
    """A bundled file of ontology/ (``kg.resources.BASE_FILES`` lists the base graphs'), a fresh copy."""
    return _parse_bundled(name)


def load_ontology_graph() -> rdflib.Graph:
    """The OWL ontology (ontology/aipkg.ttl), a fresh copy the caller may change."""
    return _parse_bundled(ONTOLOGY_FILE)


def load_shapes_graph() -> rdflib.Graph:
    """The SHACL shapes (ontology/shapes.ttl)."""
    return _parse_bundled(SHAPES_FILE)


def load_topics_graph() -> rdflib.Graph:
    """The SKOS topic scheme (ontology/topics.ttl)."""
    return _parse_bundled(TOPICS_FILE)


def load_reference_graph() -> rdflib.Graph:
    """The reference companies and people (ontology/reference.ttl; places are in places.ttl)."""
    return _parse_bundled(REFERENCE_FILE)

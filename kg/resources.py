"""Find the ontology and query files, installed (inside the wheel) or in a source checkout."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

from kg.iris import ONTOLOGY_GRAPH, PARTNERSHIP_KINDS_GRAPH, PLACES_GRAPH, REFERENCE_GRAPH, TOPICS_GRAPH

# The bundled files every store holds, each in its own named graph (ontology/README.md, "Named graphs"):
# ingest loads them, validation checks articles beside them, reasoning starts from them.
BASE_FILES: dict[NamedNode, str] = {
    ONTOLOGY_GRAPH: "aipkg.ttl",
    TOPICS_GRAPH: "topics.ttl",
    PARTNERSHIP_KINDS_GRAPH: "partnership-kinds.ttl",
    REFERENCE_GRAPH: "reference.ttl",
    PLACES_GRAPH: "places.ttl",
}

_PACKAGE = Path(__file__).resolve().parent


def _locate(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"aipkg data folder '{name}' is missing from the installation")


def ontology_dir() -> Path:
    return _locate("ontology")


def queries_dir() -> Path:
    return _locate("queries")


def ontology_file(name: str) -> Path:
    return ontology_dir() / name

"""The bundled graphs every store holds (ontology, topics, partnership kinds, reference data, places), loaded
once and refreshed when their file changes, with their inferences in id:graph/inferred."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad

from kg.iris import INFERRED_GRAPH, ONTOLOGY_GRAPH, PLACES_GRAPH, REFERENCE_GRAPH
from kg.namespaces import SCHEMA
from kg.resources import BASE_FILES, ontology_file
from kg.store import Store


def _file_quads(graph: NamedNode, path: Path) -> list[Quad]:
    return [
        Quad(t.subject, t.predicate, t.object, graph)
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    ]


def _files_hash(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_base_graphs(store: Store) -> list[str]:
    """Load (or refresh, when its file changed) the ontology, topics and reference graphs, with their inferences
    in id:graph/inferred. Returns what was loaded."""
    loaded = []
    for graph, name in BASE_FILES.items():
        path = ontology_file(name)
        digest = _files_hash(path)
        result = store.query(
            "ASK { GRAPH ?g { ?g ?sha256 ?h } }",
            {"g": graph, "sha256": SCHEMA.sha256, "h": ox.Literal(digest)},
        )
        if result is True:
            continue
        quads = _file_quads(graph, path)
        # schema:sha256 rather than aip:contentHash, whose domain would make the graph an aip:Article
        quads.append(Quad(graph, SCHEMA.sha256, ox.Literal(digest), graph))
        quads.append(Quad(graph, SCHEMA.name, ox.Literal(name), graph))
        store.replace([graph], quads)
        loaded.append(name)
    if loaded:
        from kg.reason import infer, inferred_quads

        base = [ox.Triple(q.subject, q.predicate, q.object) for g in BASE_FILES for q in store.quads(g)]
        store.replace([INFERRED_GRAPH], inferred_quads(sorted(infer(base), key=str)))
    return loaded


def base_triples(store: Store) -> list[ox.Triple]:
    return [
        ox.Triple(q.subject, q.predicate, q.object)
        for g in (ONTOLOGY_GRAPH, REFERENCE_GRAPH, PLACES_GRAPH)
        for q in store.quads(g)
    ]

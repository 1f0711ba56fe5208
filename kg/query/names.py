"""Names to entities: the one place where a name a user gives (``kg fact TEXT``, a query parameter of kind
``entity``) becomes the IRIs of what carries it, so that both find the same things.

A name matches an entity when one of its labels (rdfs:label, skos:prefLabel, skos:altLabel), in any language,
equals it ignoring case and white space: "Chey Do-yoon", "chey tae-won" and "최도윤" find the same person.
"""

from __future__ import annotations

import shlex

from pyoxigraph import Literal, NamedNode

from kg.errors import NothingMatched, UsageError
from kg.lexicon import squash
from kg.namespaces import ID_NS, sparql_prologue
from kg.query.params import shorten
from kg.store import SelectResult, Store, Term

_PROLOGUE = sparql_prologue()
_LABELLED = """
  { ?e rdfs:label ?l } UNION { ?e skos:prefLabel ?l } UNION { ?e skos:altLabel ?l }
  BIND(LCASE(REPLACE(STR(?l), "\\\\s+", "")) AS ?squashed)
  FILTER(STRSTARTS(STR(?e), ?ns))"""
SUGGESTIONS = 5


def _select(store: Store, query: str, bindings: dict[str, Term]) -> SelectResult:
    result = store.query(_PROLOGUE + query, {**bindings, "ns": Literal(ID_NS)})
    assert isinstance(result, SelectResult)
    return result


def find_entities(store: Store, text: str) -> list[NamedNode]:
    """The entities a name designates (see the module docstring), in IRI order."""
    rows = _select(
        store, f"SELECT DISTINCT ?e WHERE {{ {_LABELLED} FILTER(?squashed = ?key) }} ORDER BY ?e",
        {"key": Literal(squash(text))},
    ).rows
    return [r["e"] for r in rows if isinstance(r["e"], NamedNode)]


def labels_containing(store: Store, text: str, limit: int = SUGGESTIONS) -> list[tuple[str, NamedNode]]:
    """Up to ``limit`` (label, entity) pairs whose label contains the text (ignoring case and white space):
    what to suggest when a name matches nothing. Shortest labels first."""
    key = squash(text)
    if not key:
        return []
    rows = _select(
        store,
        # ordered outside the grouping: Virtuoso refuses ORDER BY over an aggregate's name
        f"""SELECT ?e ?label WHERE {{ {{ SELECT ?e (MIN(STR(?l)) AS ?label) WHERE {{ {_LABELLED}
            FILTER(CONTAINS(?squashed, ?key)) }} GROUP BY ?e }} }} ORDER BY STRLEN(?label) ?e LIMIT {int(limit)}""",
        {"key": Literal(key)},
    ).rows
    return [(r["label"].value, r["e"]) for r in rows if isinstance(r["e"], NamedNode) and r["label"] is not None]


def nothing_named(store: Store, text: str, *, what: str = "", point_to_fact: bool = True) -> NothingMatched:
    """The error for a name that designates nothing, with the labels that contain it (if any) and, unless the
    user ran ``kg fact`` already, where to look."""
    near = labels_containing(store, text)
    hint = (
        "; labels containing it: " + ", ".join(f"{label!r} ({shorten(e.value)})" for label, e in near)
        if near
        else ""
    )
    pointer = f"; `kg fact {shlex.quote(near[0][0] if near else text)}` shows what the store says about a name"
    return NothingMatched(f"nothing in the store is labelled {text!r}{what}{hint}" + (pointer if point_to_fact else ""))


def _exists(store: Store, iri: NamedNode) -> bool:
    return store.query("ASK { { ?iri ?p ?o } UNION { ?s ?p ?iri } }", {"iri": iri}) is True


def resolve_entity(store: Store, iri: NamedNode | None, text: str, *, what: str = "") -> NamedNode:
    """The one entity ``text`` designates: ``iri`` (the text read as an IRI) when the store holds it, else the
    entity labelled ``text`` (a label may look like an IRI). Nothing: :class:`NothingMatched`; several: a
    UsageError listing them."""
    if iri is not None and _exists(store, iri):
        return iri
    found = find_entities(store, text)
    if not found:
        if iri is not None:
            raise NothingMatched(f"nothing in the store is <{iri.value}> or labelled {text!r}{what}")
        raise nothing_named(store, text, what=what)
    if len(found) > 1:
        listed = ", ".join(shorten(e.value) for e in found)
        raise UsageError(f"{text!r}{what} names {len(found)} entities: {listed}; give one of them instead of the name")
    return found[0]

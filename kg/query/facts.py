"""``kg fact``: what the graph says about a person, company, meeting or topic, each statement with its citation."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from kg.iris import PLACES_GRAPH, REFERENCE_GRAPH, RESOLVED_PREFIX, is_reference_graph, kind_of
from kg.namespaces import AIP_NS, sparql_prologue
from kg.query.names import find_entities, nothing_named
from kg.query.params import shorten
from kg.store import SelectResult, Store, Term

_PROLOGUE = sparql_prologue()


@dataclass(frozen=True)
class Citation:
    article: str
    title: str | None
    publisher: str | None
    published: str | None
    location: str | None  # URL or source file
    paragraph: int
    quote: str
    certainty: str  # "stated" | "speculated"
    role: str = "body"  # what the paragraph is: "headline" | "subtitle" | "body" | "caption"


@dataclass
class Fact:
    predicate: str
    value: str
    direction: str  # "out": entity -> value; "in": value -> entity
    citations: list[Citation] = field(default_factory=list)
    derived: str | None = None  # for facts not read from one paragraph: where they come from


@dataclass
class EntityFacts:
    iri: str
    label: str
    kinds: list[str]
    facts: list[Fact]


def _select(store: Store, query: str, bindings: dict[str, Term]) -> SelectResult:
    result = store.query(_PROLOGUE + query, bindings)
    assert isinstance(result, SelectResult)
    return result


def label_of(store: Store, node: Term) -> str:
    if isinstance(node, Literal):
        return node.value
    rows = _select(
        store,
        """SELECT ?l ?lang WHERE {
          { ?n rdfs:label ?l } UNION { ?n skos:prefLabel ?l }
          BIND(LANG(?l) AS ?lang)
        } ORDER BY DESC(?lang = "ko") LIMIT 1""",
        {"n": node},
    ).rows
    if rows and rows[0]["l"] is not None:
        return rows[0]["l"].value
    if kind_of(node.value) == "position":
        pos = _select(store, "SELECT ?t ?o WHERE { ?n aip:title ?t . OPTIONAL { ?n aip:organization ?o } } LIMIT 1", {"n": node}).rows
        if pos:
            org = label_of(store, pos[0]["o"]) if pos[0]["o"] is not None else "?"
            return f"{pos[0]['t'].value} @ {org}"  # type: ignore[union-attr]
    if kind_of(node.value) == "meeting":
        return describe_meeting(store, node)
    if kind_of(node.value) == "partnership":
        return describe_partnership(store, node)
    return shorten(node.value)


def describe_partnership(store: Store, deal: NamedNode) -> str:
    """ "partnership mou, cooperation 2024-04 (SK하이닉스, TSMC)": its kinds, date and partners."""
    rows = _select(
        store,
        """SELECT (GROUP_CONCAT(DISTINCT ?kind; SEPARATOR=", ") AS ?kinds) (SAMPLE(?d) AS ?date)
                  (GROUP_CONCAT(DISTINCT ?name; SEPARATOR=", ") AS ?who) WHERE {
          OPTIONAL { ?x aip:partnershipKind ?k . OPTIONAL { ?k skos:notation ?n }
                     BIND(COALESCE(STR(?n), REPLACE(STR(?k), "^.*/", "")) AS ?kind) }
          OPTIONAL { ?x aip:date ?d }
          OPTIONAL { ?x aip:partner ?c . ?c rdfs:label ?name FILTER(LANG(?name) != "en") }
        }""",
        {"x": deal},
    ).rows
    if not rows:
        return shorten(deal.value)
    kinds = ", ".join(sorted(rows[0]["kinds"].value.split(", "))) if rows[0]["kinds"] is not None else ""
    when = f" {rows[0]['date'].value}" if rows[0]["date"] is not None else ""
    who = rows[0]["who"].value if rows[0]["who"] is not None else ""
    return f"partnership {kinds}{when} ({who})".replace("  ", " ")


def describe_meeting(store: Store, meeting: NamedNode) -> str:
    rows = _select(
        store,
        """SELECT ?d (GROUP_CONCAT(DISTINCT ?name; SEPARATOR=", ") AS ?who) WHERE {
          OPTIONAL { ?m aip:date ?d }
          OPTIONAL { ?m aip:principal ?p . ?p rdfs:label ?name }
        } GROUP BY ?d""",
        {"m": meeting},
    ).rows
    if not rows:
        return shorten(meeting.value)
    d = rows[0]["d"].value if rows[0]["d"] is not None else "date unknown"
    who = rows[0]["who"].value if rows[0]["who"] is not None else ""
    return f"meeting {d} ({', '.join(sorted(who.split(', ')))})"  # GROUP_CONCAT's order is the engine's


_CLAIMS = """
SELECT ?p ?o ?cert ?n ?quote ?role ?a ?title ?publisher ?issued ?url ?src WHERE {
  GRAPH ?g { %s }
  ?g prov:wasDerivedFrom ?para ; aip:certainty ?certNode .
  BIND(IF(?certNode = aip:Speculated, "speculated", "stated") AS ?cert)
  ?para aip:index ?n ; aip:text ?quote ; dcterms:isPartOf ?a .
  OPTIONAL { ?para aip:role/skos:prefLabel ?role FILTER(LANG(?role) = "en") }
  OPTIONAL { ?a dcterms:title ?title }
  OPTIONAL { ?a dcterms:publisher ?publisher }
  OPTIONAL { ?a dcterms:issued ?issued }
  OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a aip:sourceFile ?src }
} ORDER BY ?p ?o ?issued ?n"""


def facts_about(store: Store, text: str) -> list[EntityFacts]:
    """Every fact about each entity labelled ``text``, with the article, paragraph number and quote behind it.

    Nothing labelled so: :class:`kg.errors.NothingMatched`, naming labels that contain the text."""
    entities = find_entities(store, text)
    if not entities:
        raise nothing_named(store, text, point_to_fact=False)
    out = []
    for entity in entities:
        kinds = sorted(  # the engine's order differs between stores (Virtuoso's is not Oxigraph's)
            shorten(r["t"].value)  # type: ignore[union-attr]
            for r in _select(store, "SELECT DISTINCT ?t WHERE { ?e a ?t FILTER(STRSTARTS(STR(?t), ?ns)) }",
                             {"e": entity, "ns": Literal(AIP_NS)}).rows
        )
        facts: dict[tuple[str, str, str], Fact] = {}
        for pattern, direction in (("?e ?p ?o", "out"), ("?o ?p ?e", "in")):
            for row in _select(store, _CLAIMS % pattern, {"e": entity}).rows:
                p, o = row["p"], row["o"]
                assert p is not None and o is not None
                key = (p.value, o.value, direction)
                if key not in facts:
                    facts[key] = Fact(shorten(p.value), label_of(store, o), direction)
                location = row["url"] or row["src"]
                cite = Citation(
                    article=row["a"].value,  # type: ignore[union-attr]
                    title=row["title"].value if row["title"] is not None else None,
                    publisher=row["publisher"].value if row["publisher"] is not None else None,
                    published=row["issued"].value[:10] if row["issued"] is not None else None,
                    location=location.value if location is not None else None,
                    paragraph=int(row["n"].value),  # type: ignore[union-attr]
                    quote=row["quote"].value,  # type: ignore[union-attr]
                    certainty=row["cert"].value,  # type: ignore[union-attr]
                    role=row["role"].value if row["role"] is not None else "body",
                )
                if cite not in facts[key].citations:
                    facts[key].citations.append(cite)
        # consolidated (resolved) statements and reference data: cited by where they come from
        for row in _select(
            store,
            """SELECT ?p ?o ?g WHERE { GRAPH ?g { ?e ?p ?o }
                 FILTER(STRSTARTS(STR(?g), ?resolved) || ?g = ?reference || ?g = ?places) }""",
            {"e": entity, "resolved": Literal(RESOLVED_PREFIX), "reference": REFERENCE_GRAPH, "places": PLACES_GRAPH},
        ).rows:
            p, o, g = row["p"], row["o"], row["g"]
            assert p is not None and o is not None and g is not None
            key = (p.value, o.value, "out")
            if key not in facts:
                source = "reference data" if is_reference_graph(g) else "resolved from all reports"
                facts[key] = Fact(shorten(p.value), label_of(store, o), "out", derived=source)
        out.append(EntityFacts(entity.value, label_of(store, entity), kinds, list(facts.values())))
    return out

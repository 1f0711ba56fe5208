"""The IRI scheme: the one place that mints and recognises instance and graph IRIs (``id:`` = ID_NS).

    id:article/<hash16>                   an article (the first 16 hex digits of its content hash)
    id:article/<hash16>/p<N>              its paragraph N
    id:graph/<hash16>/meta                the article's description and paragraphs
    id:graph/<hash16>/p<N>/<certainty>    claims read from paragraph N, stated or speculated
    id:graph/<hash16>/inferred            OWL RL inferences of the article at ingest
    id:graph/resolved/<meeting id>        a meeting's dates and status consolidated over all its reports
    id:graph/inferred, ontology, topics, partnership-kinds, reference, places    graphs about no one article
    id:org/<reference id or slug>         a company; id:gov/<slug> a government body
    id:person/<group>/<slug>              a person of a group (the same name in two groups is two people)
    id:person/official/<slug>             an official of no named body
    id:position/<group>/<person>/<org>/<title>
    id:meeting/<hash16>, id:partnership/<hash16>, id:partnership-kind/<notation>, id:place/<id>, id:place/venue/<slug>--<city>, id:topic/<id>, id:topic/new/<slug>
"""

from __future__ import annotations

from urllib.parse import quote

from pyoxigraph import NamedNode

from kg.model import Certainty
from kg.namespaces import ID_NS

ONTOLOGY_GRAPH = NamedNode(ID_NS + "graph/ontology")
TOPICS_GRAPH = NamedNode(ID_NS + "graph/topics")
PARTNERSHIP_KINDS_GRAPH = NamedNode(ID_NS + "graph/partnership-kinds")
REFERENCE_GRAPH = NamedNode(ID_NS + "graph/reference")
PLACES_GRAPH = NamedNode(ID_NS + "graph/places")
INFERRED_GRAPH = NamedNode(ID_NS + "graph/inferred")
RESOLVED_PREFIX = ID_NS + "graph/resolved/"
GRAPH_PREFIX = ID_NS + "graph/"


def slug(text: str) -> str:
    """An IRI-safe path segment for a name as written (Korean included), stable across runs."""
    return quote("".join(text.split()), safe="-_.~()")


def mint(*segments: str) -> NamedNode:
    """An instance IRI under ``id:`` from already-safe path segments."""
    return NamedNode(ID_NS + "/".join(segments))


def is_local(iri: str) -> bool:
    """Whether an IRI is one of ours (an instance or a graph of this store)."""
    return iri.startswith(ID_NS)


# ---------------------------------------------------------------------------- articles and graphs


def article_local(content_hash: str) -> str:
    return content_hash.split(":", 1)[-1][:16]


def article_iri(content_hash: str) -> NamedNode:
    return mint("article", article_local(content_hash))


def paragraph_iri(content_hash: str, index: int) -> NamedNode:
    return mint("article", article_local(content_hash), f"p{index}")


def meta_graph(content_hash: str) -> NamedNode:
    return mint("graph", article_local(content_hash), "meta")


def inferred_graph(content_hash: str) -> NamedNode:
    return mint("graph", article_local(content_hash), "inferred")


def inferred_graph_of(article: NamedNode) -> NamedNode:
    """The ingest-time inference graph of a stored article, from the article's IRI."""
    return mint("graph", article.value.rsplit("/", 1)[-1], "inferred")


def claim_graph(content_hash: str, paragraph: int, certainty: Certainty) -> NamedNode:
    return mint("graph", article_local(content_hash), f"p{paragraph}", certainty.value)


def resolved_graph(meeting: NamedNode) -> NamedNode:
    return NamedNode(RESOLVED_PREFIX + meeting.value.rsplit("/", 1)[-1])


def is_inferred_graph(graph: NamedNode) -> bool:
    return graph == INFERRED_GRAPH or (graph.value.startswith(GRAPH_PREFIX) and graph.value.endswith("/inferred"))


def is_resolved_graph(graph: NamedNode) -> bool:
    return graph.value.startswith(RESOLVED_PREFIX)


def is_reference_graph(graph: object) -> bool:
    """Whether a graph holds bundled reference data (companies and people, or places), cited as such."""
    return graph in (REFERENCE_GRAPH, PLACES_GRAPH)


# ---------------------------------------------------------------------------- things


def company_iri(reference_id: str | None, name: str) -> NamedNode:
    return mint("org", reference_id) if reference_id else mint("org", slug(name))


def government_iri(name: str) -> NamedNode:
    return mint("gov", slug(name))


def person_iri(group: str, name: str) -> NamedNode:
    return mint("person", group, slug(name))


def reference_person_iri(reference_id: str) -> NamedNode:
    return mint("person", reference_id)


def official_iri(name: str) -> NamedNode:
    return mint("person", "official", slug(name))


def position_iri(group: str, person_label: str, organization: NamedNode, title: str) -> NamedNode:
    return mint("position", group, slug(person_label), organization.value.rsplit("/", 1)[-1], slug(title))


def meeting_iri(local: str) -> NamedNode:
    return mint("meeting", local)


def partnership_iri(local: str) -> NamedNode:
    return mint("partnership", local)


def partnership_kind_iri(notation: str) -> NamedNode:
    return mint("partnership-kind", notation)


def place_iri(place_id: str) -> NamedNode:
    return mint("place", place_id)


def venue_iri(venue: str, city: str | None) -> NamedNode:
    return mint("place", "venue", slug(venue) + (f"--{city}" if city else ""))


def topic_iri(concept: str) -> NamedNode:
    return mint("topic", concept)


def new_topic_iri(text: str) -> NamedNode:
    return mint("topic", "new", slug(text))


def kind_of(iri: str) -> str | None:
    """What an instance IRI names: "person", "org", "gov", "position", "meeting", "partnership", "place",
    "topic", "article", "graph", or None when it is not ours."""
    if not iri.startswith(ID_NS):
        return None
    return iri[len(ID_NS):].split("/", 1)[0] or None

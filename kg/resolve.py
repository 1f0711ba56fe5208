"""Resolution stage: an article's facts -> RDF quads, one node per real person, company and meeting.

- People: one IRI per (name, group): the same name in the same group is the same person across articles
  (the reference data gives well-known people their English names); the same name in two groups is two people.
- Meetings: a reported meeting joins an existing one when both name the same principals (at least two people
  of two groups on each side), their dates can overlap and their cities do not differ. Dates from all
  reports narrow to what all of them allow, in the meeting's resolved graph.
- Provenance: statements read from paragraph N with certainty C go to the graph ``id:graph/<article>/p<N>/<C>``,
  described (``prov:wasDerivedFrom``, ``aip:certainty``, ``aip:fromArticle``) in the article's meta graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import PurePath

from pyoxigraph import Literal, NamedNode, Quad

from kg.extract.dates import intersect
from kg.extract import company_parent
from kg.lexicon import Lexicon, load_lexicon, squash
from kg.model import (
    ArticleFacts,
    Certainty,
    DateFact,
    MeetingFact,
    MeetingStatus,
    PersonFact,
    Precision,
    Span,
)
from kg.namespaces import AIP, DCTERMS, ID_NS, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, mint, slug
from kg.store import SelectResult, Store

CERTAINTY_NODE = {Certainty.STATED: AIP.Stated, Certainty.SPECULATED: AIP.Speculated}
STATUS_NODE = {MeetingStatus.OCCURRED: AIP.Occurred, MeetingStatus.PLANNED: AIP.Planned}


def article_local(content_hash: str) -> str:
    return content_hash.split(":", 1)[-1][:16]


def article_iri(content_hash: str) -> NamedNode:
    return mint("article", article_local(content_hash))


def meta_graph(content_hash: str) -> NamedNode:
    return mint("graph", article_local(content_hash), "meta")


def inferred_graph(content_hash: str) -> NamedNode:
    return mint("graph", article_local(content_hash), "inferred")


def claim_graph(content_hash: str, paragraph: int, certainty: Certainty) -> NamedNode:
    return mint("graph", article_local(content_hash), f"p{paragraph}", certainty.value)


def resolved_graph(meeting: NamedNode) -> NamedNode:
    return NamedNode(ID_NS + "graph/resolved/" + meeting.value.rsplit("/", 1)[-1])


def date_literal(value: str, precision: Precision) -> Literal:
    datatype = {Precision.DAY: XSD.date, Precision.MONTH: XSD.gYearMonth, Precision.YEAR: XSD.gYear}[precision]
    return Literal(value, datatype=datatype)


def precision_of(literal: Literal) -> Precision:
    return {XSD.date.value: Precision.DAY, XSD.gYearMonth.value: Precision.MONTH}.get(literal.datatype.value, Precision.YEAR)


@dataclass
class Resolution:
    """What one article adds: quads to write and graphs to drop, in one atomic store operation."""

    article: NamedNode
    identity: str
    quads: list[Quad] = field(default_factory=list)
    drop_graphs: list[NamedNode] = field(default_factory=list)
    meetings: dict[str, NamedNode] = field(default_factory=dict)
    merged_meetings: int = 0
    superseded: NamedNode | None = None
    graphs_by_paragraph: dict[NamedNode, int] = field(default_factory=dict)


def article_identity(facts: ArticleFacts) -> str:
    """What makes two versions one article: the URL, else the source file's name (with its line for JSON Lines)."""
    art = facts.article
    if art.url:
        return art.url
    return PurePath(art.source).name


def find_existing(store: Store, content_hash: str) -> NamedNode | None:
    found = store.quads_matching(predicate=AIP.contentHash, object_=Literal(content_hash))
    return found[0].subject if found else None  # type: ignore[return-value]


def find_previous_version(store: Store, identity: str) -> tuple[NamedNode, list[NamedNode], set[NamedNode]] | None:
    """The stored article with the same identity: its IRI, all its graphs, and the meetings it reports."""
    # looked up, not queried: every article asks, and a query's planning costs ten lookups
    for stated in store.quads_matching(predicate=AIP.identity, object_=Literal(identity)):
        typed = store.quads_matching(stated.subject, RDF.type, AIP.Article)  # type: ignore[arg-type]
        if any(t.graph_name == stated.graph_name for t in typed):
            old, meta = stated.subject, stated.graph_name
            break
    else:
        return None
    graphs = store.query(
        "PREFIX aip: <https://w3id.org/aipkg/ontology#> SELECT ?g WHERE { ?g aip:fromArticle ?a }", {"a": old}
    )
    assert isinstance(graphs, SelectResult)
    claim_graphs = [r["g"] for r in graphs.rows]
    meetings: set[NamedNode] = set()
    for g in claim_graphs:
        for q in store.quads(g):  # type: ignore[arg-type]
            if q.predicate == RDF.type and q.object == AIP.Meeting:
                meetings.add(q.subject)  # type: ignore[arg-type]
            if q.predicate == AIP.attendee:
                meetings.add(q.subject)  # type: ignore[arg-type]
    return old, [meta, *claim_graphs], meetings  # type: ignore[list-item]


class Resolver:
    def __init__(self, store: Store, lexicon: Lexicon | None = None) -> None:
        self.store = store
        self.lex = lexicon or load_lexicon()

    # ------------------------------------------------------------------ IRIs
    def company_iri(self, facts: ArticleFacts, key: str) -> NamedNode:
        fact = next(c for c in facts.companies if c.key == key)
        if fact.reference_id:
            return mint("org", fact.reference_id)
        return mint("org", slug(fact.name))

    def group_slug(self, facts: ArticleFacts, key: str) -> str:
        fact = next(c for c in facts.companies if c.key == key)
        if fact.reference_id:
            return self.lex.root_company(fact.reference_id)
        parent = company_parent(facts, key, self.lex)
        return parent or slug(fact.name)

    def person_iri(self, facts: ArticleFacts, person: PersonFact) -> tuple[NamedNode, str | None]:
        group = self.group_slug(facts, person.company)
        ref = self.lex.person_forms.get(squash(person.name))
        if ref is not None:
            entry = self.lex.people[ref]
            if entry.affiliation and self.lex.root_company(entry.affiliation) == group:
                return mint("person", ref), entry.name_ko
        return mint("person", group, slug(person.name)), None

    # ------------------------------------------------------------------ meeting lookup
    def _candidates(self, principals: Iterable[NamedNode], groups: dict[NamedNode, str]) -> set[NamedNode]:
        """Stored meetings that two of ``principals``, of different groups, both attended: a match needs such
        a pair (see :meth:`find_meeting`). Asking for pairs rather than for each person keeps the candidates
        few however many meetings a much-reported chairman has had."""
        people = sorted(set(principals), key=lambda n: n.value)
        found: set[NamedNode] = set()
        for i, first in enumerate(people):
            for second in people[i + 1 :]:
                if groups.get(first, first.value) == groups.get(second, second.value):
                    continue
                # looked up, not queried: a query's planning alone costs more than both lookups
                with_first = {q.subject for q in self.store.quads_matching(predicate=AIP.attendee, object_=first)}
                found.update(
                    q.subject  # type: ignore[misc]
                    for q in self.store.quads_matching(predicate=AIP.attendee, object_=second)
                    if q.subject in with_first
                )
        return found

    def _meeting_view(self, meeting: NamedNode) -> tuple[set[NamedNode], set[NamedNode], tuple[date, date] | None, set[str]]:
        result = self.store.query(
            """PREFIX aip: <https://w3id.org/aipkg/ontology#> PREFIX schema: <https://schema.org/>
            SELECT ?kind ?x WHERE {
              { ?m aip:principal ?x . BIND("principal" AS ?kind) }
              UNION { ?m aip:attendee ?x . BIND("attendee" AS ?kind) }
              UNION { ?m aip:earliestDate ?x . BIND("earliest" AS ?kind) }
              UNION { ?m aip:latestDate ?x . BIND("latest" AS ?kind) }
              UNION { ?m aip:location/schema:containedInPlace* ?x . ?x a aip:City . BIND("city" AS ?kind) }
            }""",
            {"m": meeting},
        )
        assert isinstance(result, SelectResult)
        principals: set[NamedNode] = set()
        attendees: set[NamedNode] = set()
        earliest = latest = None
        cities: set[str] = set()
        for row in result.rows:
            kind = row["kind"].value  # type: ignore[union-attr]
            x = row["x"]
            if kind == "principal":
                principals.add(x)  # type: ignore[arg-type]
            elif kind == "attendee":
                attendees.add(x)  # type: ignore[arg-type]
            elif kind == "earliest":
                earliest = date.fromisoformat(x.value)  # type: ignore[union-attr]
            elif kind == "latest":
                latest = date.fromisoformat(x.value)  # type: ignore[union-attr]
            elif kind == "city":
                cities.add(x.value)  # type: ignore[union-attr]
        interval = (earliest, latest) if earliest and latest else None
        return principals, attendees, interval, cities

    def find_meeting(
        self, principals: list[NamedNode], attendees: list[NamedNode], bounds: tuple[date, date] | None, city: str | None,
        groups: dict[NamedNode, str], exclude_graphs_of: set[NamedNode] | None = None,
    ) -> NamedNode | None:
        best: tuple[int, NamedNode] | None = None
        for candidate in self._candidates(principals, groups):
            their_principals, their_attendees, interval, cities = self._meeting_view(candidate)
            shared_a = set(principals) & (their_attendees | their_principals)
            shared_b = their_principals & set(attendees)
            if len(shared_a) < 2 or len(shared_b) < 2:
                continue
            if len({groups.get(p, p.value) for p in shared_a}) < 2:
                continue
            if bounds and interval and (bounds[1] < interval[0] or interval[1] < bounds[0]):
                continue
            if city and cities and city not in cities:
                continue
            width = (interval[1] - interval[0]).days if interval else 10_000
            if best is None or width < best[0]:
                best = (width, candidate)
        return best[1] if best else None

    # ------------------------------------------------------------------ build
    def resolve(self, facts: ArticleFacts, *, ingested_at: datetime | None = None) -> Resolution:
        art = facts.article
        a_iri = article_iri(art.content_hash)
        identity = article_identity(facts)
        res = Resolution(a_iri, identity)
        meta = meta_graph(art.content_hash)
        previous = find_previous_version(self.store, identity)
        old_meetings: set[NamedNode] = set()
        if previous is not None:
            res.superseded, old_graphs, old_meetings = previous
            old_article_hash = res.superseded.value.rsplit("/", 1)[-1]
            res.drop_graphs.extend(old_graphs)
            res.drop_graphs.append(mint("graph", old_article_hash, "inferred"))
        q = res.quads

        def add(s: NamedNode, p: NamedNode, o: NamedNode | Literal, g: NamedNode) -> None:
            q.append(Quad(s, p, o, g))

        used_graphs: dict[NamedNode, tuple[int, Certainty]] = {}

        def graph_for(span: Span | None, certainty: Certainty) -> NamedNode:
            paragraph = span.paragraph if span else art.paragraphs[0].index
            g = claim_graph(art.content_hash, paragraph, certainty)
            used_graphs[g] = (paragraph, certainty)
            return g

        # the article and its paragraphs
        add(a_iri, RDF.type, AIP.Article, meta)
        add(a_iri, AIP.identity, Literal(identity), meta)
        add(a_iri, AIP.contentHash, Literal(art.content_hash), meta)
        add(a_iri, AIP.textLength, Literal(str(len(art.text)), datatype=XSD.integer), meta)
        add(a_iri, AIP.sourceFile, Literal(art.source), meta)
        if art.title:
            add(a_iri, DCTERMS.title, Literal(art.title), meta)
        if art.publisher:
            add(a_iri, DCTERMS.publisher, Literal(art.publisher), meta)
        if art.reporter:
            add(a_iri, DCTERMS.creator, Literal(art.reporter), meta)
        if art.url:
            add(a_iri, SCHEMA.url, NamedNode(art.url) if _is_iri(art.url) else Literal(art.url), meta)
        if art.published is not None:
            if isinstance(art.published, datetime):
                add(a_iri, DCTERMS.issued, Literal(art.published.replace(tzinfo=None).isoformat(), datatype=XSD.dateTime), meta)
            else:
                add(a_iri, DCTERMS.issued, Literal(art.published.isoformat(), datatype=XSD.date), meta)
            if art.published_from:
                add(a_iri, AIP.publishedFrom, Literal(art.published_from), meta)
        add(a_iri, AIP.ingestedAt, Literal((ingested_at or datetime.now(timezone.utc)).replace(microsecond=0).isoformat(), datatype=XSD.dateTime), meta)
        if res.superseded is not None:
            add(a_iri, DCTERMS.replaces, res.superseded, meta)
        for p in art.paragraphs:
            p_iri = mint("article", article_local(art.content_hash), f"p{p.index}")
            add(p_iri, RDF.type, AIP.Paragraph, meta)
            add(p_iri, DCTERMS.isPartOf, a_iri, meta)
            add(p_iri, AIP.index, Literal(str(p.index), datatype=XSD.integer), meta)
            add(p_iri, AIP.text, Literal(p.text), meta)
            add(p_iri, AIP.startOffset, Literal(str(p.start), datatype=XSD.integer), meta)
            add(p_iri, AIP.endOffset, Literal(str(p.end), datatype=XSD.integer), meta)

        # companies not in the reference data
        for c in facts.companies:
            if c.reference_id:
                continue
            c_iri = self.company_iri(facts, c.key)
            g = graph_for(c.spans[0] if c.spans else None, Certainty.STATED)
            add(c_iri, RDF.type, AIP.Company, g)
            add(c_iri, RDFS.label, Literal(c.name, language="ko"), g)
            parent = company_parent(facts, c.key, self.lex)
            if parent:
                add(c_iri, ORG.subOrganizationOf, mint("org", parent), g)

        # people and their positions
        person_iris: dict[str, NamedNode] = {}
        groups: dict[NamedNode, str] = {}
        for person in facts.people:
            p_iri, canonical = self.person_iri(facts, person)
            person_iris[person.key] = p_iri
            group = self.group_slug(facts, person.company)
            groups[p_iri] = group
            g = graph_for(person.spans[0] if person.spans else None, person.certainty)
            add(p_iri, RDF.type, AIP.Executive, g)
            label = canonical or person.name
            add(p_iri, RDFS.label, Literal(label, language="ko"), g)
            if canonical and squash(canonical) != squash(person.name):
                add(p_iri, SKOS.altLabel, Literal(person.name, language="ko"), g)
            if person.title:
                c_iri = self.company_iri(facts, person.company)
                pos = mint("position", group, slug(label), c_iri.value.rsplit("/", 1)[-1], slug(person.title))
                add(p_iri, AIP.holdsPosition, pos, g)
                add(pos, RDF.type, AIP.Position, g)
                add(pos, AIP.organization, c_iri, g)
                add(pos, AIP.title, Literal(person.title, language="ko"), g)

        # meetings
        affected: set[NamedNode] = set(old_meetings)
        new_reports: dict[NamedNode, list[tuple[DateFact | None, MeetingStatus]]] = {}
        for meeting in facts.meetings:
            m_iri, merged = self._meeting_iri(facts, meeting, person_iris, groups)
            res.meetings[meeting.key] = m_iri
            res.merged_meetings += merged
            affected.add(m_iri)
            new_reports.setdefault(m_iri, []).append((meeting.date, meeting.status))
            self._meeting_quads(facts, meeting, m_iri, person_iris, graph_for, add)

        # claim graph descriptions
        for g, (paragraph, certainty) in used_graphs.items():
            p_iri = mint("article", article_local(art.content_hash), f"p{paragraph}")
            add(g, RDF.type, AIP.ClaimGraph, meta)
            add(g, PROV.wasDerivedFrom, p_iri, meta)
            add(g, AIP.certainty, CERTAINTY_NODE[certainty], meta)
            add(g, AIP.fromArticle, a_iri, meta)
            res.graphs_by_paragraph[g] = paragraph

        # consolidated dates and status of every meeting this article touches
        dropping = set(res.drop_graphs)
        for m_iri in affected:
            res.drop_graphs.append(resolved_graph(m_iri))
            reports = self._stored_reports(m_iri, dropping) + new_reports.get(m_iri, [])
            q.extend(consolidate(m_iri, reports))
        return res

    def _meeting_iri(self, facts: ArticleFacts, meeting: MeetingFact, person_iris: dict[str, NamedNode],
                     groups: dict[NamedNode, str]) -> tuple[NamedNode, int]:
        principals = [person_iris[p] for p in meeting.principals if p in person_iris]
        attendees = [person_iris[p] for p in meeting.attendees if p in person_iris]
        bounds = (meeting.date.earliest, meeting.date.latest) if meeting.date and meeting.date.earliest and meeting.date.latest else None
        city = self.lex.places[meeting.place.city].label_en if meeting.place and meeting.place.city in self.lex.places else None
        city_iri = mint("place", meeting.place.city).value if meeting.place and meeting.place.city else None
        del city
        existing = self.find_meeting(principals, attendees, bounds, city_iri, groups)
        if existing is not None:
            return existing, 1
        seed = "|".join([facts.article.content_hash, meeting.key])
        return mint("meeting", hashlib.sha256(seed.encode()).hexdigest()[:16]), 0

    def _meeting_quads(self, facts: ArticleFacts, meeting: MeetingFact, m_iri: NamedNode,
                       person_iris: dict[str, NamedNode], graph_for, add) -> None:  # type: ignore[no-untyped-def]
        first = meeting.evidence[0] if meeting.evidence else None
        g0 = graph_for(first, meeting.certainty)
        add(m_iri, RDF.type, AIP.Meeting, g0)
        add(m_iri, AIP.reportedStatus, STATUS_NODE[meeting.status], g0)
        for att in meeting.attendances:
            person = person_iris.get(att.person)
            if person is None:
                continue
            g = graph_for(att.span, att.certainty)
            add(m_iri, AIP.attendee, person, g)
            if att.principal:
                add(m_iri, AIP.principal, person, g)
        if meeting.date and meeting.date.resolved and (meeting.date.value or meeting.date.earliest):
            g = graph_for(meeting.date.span or first, meeting.certainty)
            if meeting.date.value and meeting.date.precision:
                add(m_iri, AIP.reportedDate, date_literal(meeting.date.value, meeting.date.precision), g)
            if meeting.date.earliest:
                add(m_iri, AIP.reportedEarliestDate, Literal(meeting.date.earliest.isoformat(), datatype=XSD.date), g)
            if meeting.date.latest:
                add(m_iri, AIP.reportedLatestDate, Literal(meeting.date.latest.isoformat(), datatype=XSD.date), g)
            add(m_iri, AIP.dateText, Literal(meeting.date.text, language="ko"), g)
        if meeting.place:
            place = meeting.place
            g = graph_for(place.span or first, meeting.certainty)
            container = mint("place", place.city) if place.city else (mint("place", place.country) if place.country else None)
            if place.venue:
                venue = mint("place", "venue", slug(place.venue) + (f"--{place.city}" if place.city else ""))
                add(venue, RDF.type, AIP.Venue, g)
                add(venue, RDFS.label, Literal(place.venue, language="ko"), g)
                if container is not None:
                    add(venue, SCHEMA.containedInPlace, container, g)
                add(m_iri, AIP.location, venue, g)
            elif container is not None:
                add(m_iri, AIP.location, container, g)
        for topic in meeting.topics:
            g = graph_for(topic.span, topic.certainty)
            if topic.concept:
                t_iri = mint("topic", topic.concept)
            else:
                t_iri = mint("topic", "new", slug(topic.text))
                add(t_iri, RDF.type, AIP.Topic, g)
                add(t_iri, RDF.type, SKOS.Concept, g)
                add(t_iri, SKOS.prefLabel, Literal(topic.text, language="ko"), g)
            add(m_iri, AIP.topic, t_iri, g)

    def _stored_reports(self, meeting: NamedNode, dropping: set[NamedNode]) -> list[tuple[DateFact | None, MeetingStatus]]:
        """One report per stored article: what it says of the meeting's date and status."""
        by_article: dict[str, dict[str, Literal | NamedNode]] = {}
        articles_of: dict[NamedNode, list[str]] = {}
        for predicate in (AIP.reportedStatus, AIP.reportedDate, AIP.reportedEarliestDate, AIP.reportedLatestDate):
            for q in self.store.quads_matching(meeting, predicate):
                graph = q.graph_name
                if graph in dropping:
                    continue
                if (articles := articles_of.get(graph)) is None:  # type: ignore[arg-type]
                    found = self.store.quads_matching(graph, AIP.fromArticle)  # type: ignore[arg-type]
                    articles = articles_of[graph] = sorted({a.object.value for a in found})  # type: ignore[index]
                for article in articles:
                    by_article.setdefault(article, {})[predicate.value] = q.object  # type: ignore[assignment]
        reports: list[tuple[DateFact | None, MeetingStatus]] = []
        for values in by_article.values():
            status = MeetingStatus.PLANNED if values.get(AIP.reportedStatus.value) == AIP.Planned else MeetingStatus.OCCURRED
            d = values.get(AIP.reportedDate.value)
            e, l_ = values.get(AIP.reportedEarliestDate.value), values.get(AIP.reportedLatestDate.value)
            fact = None
            if isinstance(d, Literal) or isinstance(e, Literal):
                fact = DateFact(
                    "", d.value if isinstance(d, Literal) else None, precision_of(d) if isinstance(d, Literal) else None,
                    date.fromisoformat(e.value) if isinstance(e, Literal) else None,
                    date.fromisoformat(l_.value) if isinstance(l_, Literal) else None,
                )
            reports.append((fact, status))
        return reports


def consolidate(meeting: NamedNode, reports: list[tuple[DateFact | None, MeetingStatus]]) -> list[Quad]:
    """The meeting's resolved graph: the date all reports allow and its status. Empty when no report is left."""
    if not reports:
        return []
    g = resolved_graph(meeting)
    out = [Quad(g, RDF.type, AIP.ResolvedGraph, g)]
    dates = [d for d, _ in reports if d is not None and (d.value or d.earliest)]
    combined: DateFact | None = None
    for d in dates:
        combined = d if combined is None else (intersect(combined, d) or combined)
    if combined is not None:
        if combined.value and combined.precision:
            out.append(Quad(meeting, AIP.date, date_literal(combined.value, combined.precision), g))
        if combined.earliest and combined.latest:
            out.append(Quad(meeting, AIP.earliestDate, Literal(combined.earliest.isoformat(), datatype=XSD.date), g))
            out.append(Quad(meeting, AIP.latestDate, Literal(combined.latest.isoformat(), datatype=XSD.date), g))
    status = AIP.Occurred if any(s is MeetingStatus.OCCURRED for _, s in reports) else AIP.Planned
    out.append(Quad(meeting, AIP.status, status, g))
    return out


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://")) and not any(c in text for c in ' <>"{}|\\^`')

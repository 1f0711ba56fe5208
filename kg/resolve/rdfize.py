"""Facts + IRIs + what the store holds -> quads with provenance. No store access here.

Statements read from paragraph N with certainty C go to the graph ``id:graph/<article>/p<N>/<C>``, described
(``prov:wasDerivedFrom``, ``aip:certainty``, ``aip:fromArticle``) in the article's meta graph.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from pyoxigraph import Literal, NamedNode, Quad

from kg.iris import (
    article_iri,
    claim_graph,
    meeting_iri,
    meta_graph,
    new_topic_iri,
    paragraph_iri,
    partnership_iri,
    partnership_kind_iri,
    place_iri,
    position_iri,
    resolved_graph,
    topic_iri,
    venue_iri,
)
from kg.model import ArticleFacts, Certainty, MeetingFact, MeetingStatus, PartnershipFact, Span, TopicFact
from kg.namespaces import AIP, DCTERMS, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from kg.resolve.consolidate import PARTNERSHIP_STATUS, Report, consolidate, date_literal
from kg.resolve.identity import Identities
from kg.resolve.matching import StoreView, match_deal, match_meeting

CERTAINTY_NODE = {Certainty.STATED: AIP.Stated, Certainty.SPECULATED: AIP.Speculated}
STATUS_NODE = {MeetingStatus.OCCURRED: AIP.Occurred, MeetingStatus.PLANNED: AIP.Planned}
ROLE_NODE = {"headline": AIP.Headline, "subtitle": AIP.Subtitle, "body": AIP.BodyText, "caption": AIP.Caption}


@dataclass
class Resolution:
    """What one article adds: quads to write and graphs to drop, in one atomic store operation."""

    article: NamedNode
    identity: str
    quads: list[Quad] = field(default_factory=list)
    drop_graphs: list[NamedNode] = field(default_factory=list)
    meetings: dict[str, NamedNode] = field(default_factory=dict)
    partnerships: dict[str, NamedNode] = field(default_factory=dict)
    merged_meetings: int = 0
    superseded: NamedNode | None = None
    graphs_by_paragraph: dict[NamedNode, int] = field(default_factory=dict)


class _Builder:
    def __init__(self, facts: ArticleFacts, ids: Identities, view: StoreView, language: str) -> None:
        self.facts, self.ids, self.view, self.lang = facts, ids, view, language
        self.art = facts.article
        self.used: dict[NamedNode, tuple[int, Certainty]] = {}
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal, g: NamedNode) -> None:
        self.quads.append(Quad(s, p, o, g))

    def graph(self, span: Span | None, certainty: Certainty) -> NamedNode:
        paragraph = span.paragraph if span else self.art.paragraphs[0].index
        g = claim_graph(self.art.content_hash, paragraph, certainty)
        self.used[g] = (paragraph, certainty)
        return g


def build(facts: ArticleFacts, ids: Identities, view: StoreView, identity: str, *, language: str,
          ingested_at: datetime | None = None) -> Resolution:
    art = facts.article
    res = Resolution(article_iri(art.content_hash), identity)
    b = _Builder(facts, ids, view, language)
    if view.previous is not None:
        res.superseded = view.previous
        res.drop_graphs.extend(view.drop_graphs)
    _article(b, res, identity, ingested_at)
    _companies(b)
    _people(b)
    affected: set[NamedNode] = set(view.old_meetings)
    new_reports: dict[NamedNode, list[Report]] = {}
    for meeting in facts.meetings:
        m_iri, merged = _meeting_iri(b, meeting)
        res.meetings[meeting.key] = m_iri
        res.merged_meetings += merged
        affected.add(m_iri)
        new_reports.setdefault(m_iri, []).append(Report(meeting.date, meeting.status))
        _meeting(b, meeting, m_iri)
    for deal in facts.partnerships:
        d_iri = _deal_iri(b, deal)
        res.partnerships[deal.key] = d_iri
        affected.add(d_iri)
        new_reports.setdefault(d_iri, []).append(Report(deal.date, deal.status))
        _partnership(b, deal, d_iri, res.meetings)
    meta = meta_graph(art.content_hash)
    for g, (paragraph, certainty) in b.used.items():
        b.add(g, RDF.type, AIP.ClaimGraph, meta)
        b.add(g, PROV.wasDerivedFrom, paragraph_iri(art.content_hash, paragraph), meta)
        b.add(g, AIP.certainty, CERTAINTY_NODE[certainty], meta)
        b.add(g, AIP.fromArticle, res.article, meta)
        res.graphs_by_paragraph[g] = paragraph
    for m_iri in sorted(affected, key=lambda n: n.value):
        res.drop_graphs.append(resolved_graph(m_iri))
        b.quads.extend(consolidate(m_iri, view.reports.get(m_iri, []) + new_reports.get(m_iri, [])))
    res.quads = b.quads
    return res


def _article(b: _Builder, res: Resolution, identity: str, ingested_at: datetime | None) -> None:
    art, meta, a_iri = b.art, meta_graph(b.art.content_hash), res.article
    b.add(a_iri, RDF.type, AIP.Article, meta)
    b.add(a_iri, AIP.identity, Literal(identity), meta)
    b.add(a_iri, AIP.contentHash, Literal(art.content_hash), meta)
    b.add(a_iri, AIP.textLength, Literal(str(len(art.text)), datatype=XSD.integer), meta)
    b.add(a_iri, AIP.sourceFile, Literal(art.source), meta)
    b.add(a_iri, DCTERMS.language, Literal(b.lang), meta)
    for value, predicate in ((art.title, DCTERMS.title), (art.publisher, DCTERMS.publisher),
                             (art.reporter, DCTERMS.creator)):
        if value:
            b.add(a_iri, predicate, Literal(value), meta)
    if art.url:
        b.add(a_iri, SCHEMA.url, NamedNode(art.url) if _is_iri(art.url) else Literal(art.url), meta)
    if art.published is not None:
        if isinstance(art.published, datetime):
            issued = Literal(art.published.replace(tzinfo=None).isoformat(), datatype=XSD.dateTime)
        else:
            issued = Literal(art.published.isoformat(), datatype=XSD.date)
        b.add(a_iri, DCTERMS.issued, issued, meta)
        if art.published_from:
            b.add(a_iri, AIP.publishedFrom, Literal(art.published_from), meta)
    stamp = (ingested_at or datetime.now(timezone.utc)).replace(microsecond=0).isoformat()
    b.add(a_iri, AIP.ingestedAt, Literal(stamp, datatype=XSD.dateTime), meta)
    if res.superseded is not None:
        b.add(a_iri, DCTERMS.replaces, res.superseded, meta)
    for p in (*filter(None, [art.headline]), *art.paragraphs):
        p_iri = paragraph_iri(art.content_hash, p.index)
        b.add(p_iri, RDF.type, AIP.Paragraph, meta)
        b.add(p_iri, DCTERMS.isPartOf, a_iri, meta)
        b.add(p_iri, AIP.index, Literal(str(p.index), datatype=XSD.integer), meta)
        b.add(p_iri, AIP.role, ROLE_NODE[p.role], meta)
        b.add(p_iri, AIP.text, Literal(p.text), meta)
        b.add(p_iri, AIP.startOffset, Literal(str(p.start), datatype=XSD.integer), meta)
        b.add(p_iri, AIP.endOffset, Literal(str(p.end), datatype=XSD.integer), meta)


def _companies(b: _Builder) -> None:
    """Companies not in the reference data, and government bodies: their type, names and group."""
    for c in b.facts.companies:
        if c.reference_id:
            continue
        c_iri = b.ids.companies[c.key]
        g = b.graph(c.spans[0] if c.spans else None, Certainty.STATED)
        b.add(c_iri, RDF.type, AIP.GovernmentBody if c.government else AIP.Company, g)
        b.add(c_iri, RDFS.label, Literal(c.name, language=_lang(c.name, b.lang)), g)
        if c.english and c.english != c.name:
            b.add(c_iri, SKOS.altLabel, Literal(c.english, language="en"), g)
        parent = b.ids.parents.get(c.key)
        if parent is not None:
            b.add(c_iri, ORG.subOrganizationOf, parent, g)


def _people(b: _Builder) -> None:
    for person in b.facts.people:
        p_iri = b.ids.people[person.key]
        g = b.graph(person.spans[0] if person.spans else None, person.certainty)
        label = b.ids.labels[person.key]
        b.add(p_iri, RDF.type, AIP.Official if person.official else AIP.Executive, g)
        b.add(p_iri, RDFS.label, Literal(label, language=_lang(label, b.lang)), g)
        for text, lang in b.ids.alt_labels.get(person.key, []):
            b.add(p_iri, SKOS.altLabel, Literal(text, language=lang), g)
        for key in b.ids.keys.get(person.key, ()):
            b.add(p_iri, AIP.nameKey, Literal(key), g)
        if person.title and person.company in b.ids.companies:
            c_iri = b.ids.companies[person.company]
            group = b.ids.groups.get(person.company, "")
            pos = position_iri(group, label, c_iri, person.title)
            b.add(p_iri, AIP.holdsPosition, pos, g)
            b.add(pos, RDF.type, AIP.Position, g)
            b.add(pos, AIP.organization, c_iri, g)
            b.add(pos, AIP.title, Literal(person.title, language=_lang(person.title, b.lang)), g)
        elif person.title:
            b.add(p_iri, AIP.officialTitle, Literal(person.title, language=_lang(person.title, b.lang)), g)


def _meeting_iri(b: _Builder, meeting: MeetingFact) -> tuple[NamedNode, int]:
    people = b.ids.people
    principals = [people[p] for p in meeting.principals if p in people]
    attendees = [people[p] for p in meeting.attendees if p in people]
    date = meeting.date
    bounds = (date.earliest, date.latest) if date and date.earliest and date.latest else None
    city = place_iri(meeting.place.city).value if meeting.place and meeting.place.city else None
    existing = match_meeting(b.view, principals, attendees, bounds, city, b.ids.person_groups)
    if existing is not None:
        return existing, 1
    seed = "|".join([b.art.content_hash, meeting.key])
    return meeting_iri(hashlib.sha256(seed.encode()).hexdigest()[:16]), 0


def _meeting(b: _Builder, meeting: MeetingFact, m_iri: NamedNode) -> None:
    add, graph = b.add, b.graph
    first = meeting.evidence[0] if meeting.evidence else None
    g0 = graph(first, meeting.certainty)
    add(m_iri, RDF.type, AIP.Meeting, g0)
    add(m_iri, AIP.reportedStatus, STATUS_NODE[meeting.status], g0)
    for att in meeting.attendances:
        person = b.ids.people.get(att.person)
        if person is None:
            continue
        g = graph(att.span, att.certainty)
        add(m_iri, AIP.attendee, person, g)
        if att.principal:
            add(m_iri, AIP.principal, person, g)
    date = meeting.date
    if date and date.resolved and (date.value or date.earliest):
        g = graph(date.span or first, meeting.certainty)
        if date.value and date.precision:
            add(m_iri, AIP.reportedDate, date_literal(date.value, date.precision), g)
        if date.earliest:
            add(m_iri, AIP.reportedEarliestDate, Literal(date.earliest.isoformat(), datatype=XSD.date), g)
        if date.latest:
            add(m_iri, AIP.reportedLatestDate, Literal(date.latest.isoformat(), datatype=XSD.date), g)
        add(m_iri, AIP.dateText, Literal(date.text, language=_lang(date.text, b.lang)), g)
    if meeting.place:
        _place(b, meeting, m_iri, graph(meeting.place.span or first, meeting.certainty))
    for topic in meeting.topics:
        _topic(b, m_iri, topic)


def _deal_iri(b: _Builder, deal: PartnershipFact) -> NamedNode:
    partners = {b.ids.companies[c] for c in deal.partners if c in b.ids.companies}
    date = deal.date
    bounds = (date.earliest, date.latest) if date and date.earliest and date.latest else None
    existing = match_deal(b.view, partners, set(deal.kinds), bounds)
    if existing is not None:
        return existing
    seed = "|".join([b.art.content_hash, deal.key])
    return partnership_iri(hashlib.sha256(seed.encode()).hexdigest()[:16])


def _partnership(b: _Builder, deal: PartnershipFact, d_iri: NamedNode, meetings: dict[str, NamedNode]) -> None:
    """A partnership as one article reports it: partners, kinds, status, date, amount, topics, where agreed."""
    add, graph = b.add, b.graph
    first = deal.evidence[0] if deal.evidence else None
    g = graph(first, deal.certainty)
    add(d_iri, RDF.type, AIP.Partnership, g)
    add(d_iri, AIP.reportedStatus, PARTNERSHIP_STATUS[deal.status], g)
    for company in deal.partners:
        if company in b.ids.companies:
            add(d_iri, AIP.partner, b.ids.companies[company], g)
    for kind in deal.kinds:
        add(d_iri, AIP.partnershipKind, partnership_kind_iri(kind), g)
    date = deal.date
    if date and date.resolved and (date.value or date.earliest):
        if date.value and date.precision:
            add(d_iri, AIP.reportedDate, date_literal(date.value, date.precision), g)
        if date.earliest:
            add(d_iri, AIP.reportedEarliestDate, Literal(date.earliest.isoformat(), datatype=XSD.date), g)
        if date.latest:
            add(d_iri, AIP.reportedLatestDate, Literal(date.latest.isoformat(), datatype=XSD.date), g)
    if deal.amount and deal.currency:
        add(d_iri, AIP.amount, Literal(deal.amount, datatype=XSD.decimal), g)
        add(d_iri, AIP.currency, Literal(deal.currency), g)
    if deal.agreed_at and deal.agreed_at in meetings:
        add(d_iri, AIP.agreedAt, meetings[deal.agreed_at], g)
    for topic in deal.topics:
        _topic(b, d_iri, topic)


def _topic(b: _Builder, subject: NamedNode, topic: TopicFact) -> None:
    g = b.graph(topic.span, topic.certainty)
    if topic.concept:
        t_iri = topic_iri(topic.concept)
    else:
        t_iri = new_topic_iri(topic.text)
        b.add(t_iri, RDF.type, AIP.Topic, g)
        b.add(t_iri, RDF.type, SKOS.Concept, g)
        b.add(t_iri, SKOS.prefLabel, Literal(topic.text, language=_lang(topic.text, b.lang)), g)
    b.add(subject, AIP.topic, t_iri, g)


def _place(b: _Builder, meeting: MeetingFact, m_iri: NamedNode, g: NamedNode) -> None:
    place = meeting.place
    assert place is not None
    container = place_iri(place.city) if place.city else (place_iri(place.country) if place.country else None)
    if place.venue:
        venue = venue_iri(place.venue, place.city)
        b.add(venue, RDF.type, AIP.Venue, g)
        b.add(venue, RDFS.label, Literal(place.venue, language=_lang(place.venue, b.lang)), g)
        if container is not None:
            b.add(venue, SCHEMA.containedInPlace, container, g)
        b.add(m_iri, AIP.location, venue, g)
    elif container is not None:
        b.add(m_iri, AIP.location, container, g)


def _lang(text: str, article_language: str) -> str:
    """The language tag of a text: Korean when it holds Hangul, else the article's language."""
    return "ko" if any("가" <= ch <= "힣" for ch in text) else article_language


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://")) and not any(c in text for c in ' <>"{}|\\^`')


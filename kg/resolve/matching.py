"""Every store read resolution makes, done first (then resolution builds without the store):
- the article with the same content (then nothing is to be done);
- the earlier version of the same article (its graphs are dropped, its meetings reconsolidated);
- stored meetings that two people of different groups of this article both attended, with what matching needs
  of them (principals, attendees, date bounds, cities);
- the stored reports (date and status per article) of every meeting this article may touch.
Lookups, not queries, where a lookup does: every article asks, and a query's planning costs ten lookups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pyoxigraph import Literal, NamedNode

from kg.iris import inferred_graph_of
from kg.model import DateFact, MeetingStatus, PartnershipStatus
from kg.namespaces import AIP, RDF, sparql_prologue
from kg.resolve.consolidate import Report, precision_of
from kg.store import SelectResult, Store


@dataclass(frozen=True)
class MeetingView:
    principals: frozenset[NamedNode]
    attendees: frozenset[NamedNode]
    interval: tuple[date, date] | None
    cities: frozenset[str]


@dataclass(frozen=True)
class DealView:
    partners: frozenset[NamedNode]
    kinds: frozenset[str]
    interval: tuple[date, date] | None


@dataclass
class StoreView:
    previous: NamedNode | None = None  # the earlier version of this article
    drop_graphs: list[NamedNode] = field(default_factory=list)  # its graphs
    old_meetings: set[NamedNode] = field(default_factory=set)  # the meetings it reported
    meetings: dict[NamedNode, MeetingView] = field(default_factory=dict)  # candidates for this article's meetings
    reports: dict[NamedNode, list[Report]] = field(default_factory=dict)  # stored reports, old version excluded
    deals: dict[NamedNode, DealView] = field(default_factory=dict)  # candidates for this article's partnerships


def find_existing(store: Store, content_hash: str) -> NamedNode | None:
    found = store.quads_matching(predicate=AIP.contentHash, object_=Literal(content_hash))
    subject = found[0].subject if found else None
    return subject if isinstance(subject, NamedNode) else None


def read_people(store: Store, keys: set[str]) -> dict[str, set[NamedNode]]:
    """The stored people each cross-language name key names."""
    out: dict[str, set[NamedNode]] = {}
    for key in sorted(keys):
        found = {q.subject for q in store.quads_matching(predicate=AIP.nameKey, object_=Literal(key))
                 if isinstance(q.subject, NamedNode)}
        if found:
            out[key] = found
    return out


def read_store(store: Store, identity: str, pairs: list[tuple[NamedNode, NamedNode]],
               partner_pairs: list[tuple[NamedNode, NamedNode]] | None = None) -> StoreView:
    """What resolution needs from the store for an article of ``identity`` whose meetings have these pairs of
    principals of different groups, and whose partnerships these pairs of partners."""
    view = StoreView()
    _previous_version(store, identity, view)
    deals: set[NamedNode] = set()
    for first, second in partner_pairs or []:
        with_first = {q.subject for q in store.quads_matching(predicate=AIP.partner, object_=first)}
        deals.update(q.subject for q in store.quads_matching(predicate=AIP.partner, object_=second)
                     if q.subject in with_first and isinstance(q.subject, NamedNode))
    for deal in deals:
        view.deals[deal] = _deal_view(store, deal)
    candidates: set[NamedNode] = set()
    for first, second in pairs:
        with_first = {q.subject for q in store.quads_matching(predicate=AIP.attendee, object_=first)}
        candidates.update(
            q.subject for q in store.quads_matching(predicate=AIP.attendee, object_=second)
            if q.subject in with_first and isinstance(q.subject, NamedNode)
        )
    for meeting in candidates:
        view.meetings[meeting] = _meeting_view(store, meeting)
    dropping = set(view.drop_graphs)
    for meeting in candidates | view.old_meetings:
        view.reports[meeting] = _stored_reports(store, meeting, dropping)
    for deal in deals:
        view.reports[deal] = _stored_reports(store, deal, dropping, partnership=True)
    return view


def _deal_view(store: Store, deal: NamedNode) -> DealView:
    partners = {q.object for q in store.quads_matching(deal, AIP.partner) if isinstance(q.object, NamedNode)}
    kinds = {q.object.value.rsplit("/", 1)[-1] for q in store.quads_matching(deal, AIP.partnershipKind)
             if isinstance(q.object, NamedNode)}
    earliest = [date.fromisoformat(q.object.value) for q in store.quads_matching(deal, AIP.earliestDate)
                if isinstance(q.object, Literal)]
    latest = [date.fromisoformat(q.object.value) for q in store.quads_matching(deal, AIP.latestDate)
              if isinstance(q.object, Literal)]
    interval = (earliest[0], latest[0]) if earliest and latest else None
    return DealView(frozenset(partners), frozenset(kinds), interval)


def _previous_version(store: Store, identity: str, view: StoreView) -> None:
    """The stored article with the same identity: its IRI, all its graphs, and the meetings it reports."""
    for stated in store.quads_matching(predicate=AIP.identity, object_=Literal(identity)):
        old, meta = stated.subject, stated.graph_name
        if not isinstance(old, NamedNode) or not isinstance(meta, NamedNode):
            continue
        typed = store.quads_matching(old, RDF.type, AIP.Article)
        if any(t.graph_name == meta for t in typed):
            break
    else:
        return
    graphs = store.query(sparql_prologue() + "SELECT ?g WHERE { ?g aip:fromArticle ?a }", {"a": old})
    assert isinstance(graphs, SelectResult)
    claim_graphs = [r["g"] for r in graphs.rows if isinstance(r["g"], NamedNode)]
    for g in claim_graphs:
        for q in store.quads(g):
            if isinstance(q.subject, NamedNode) and (
                (q.predicate == RDF.type and q.object == AIP.Meeting) or q.predicate == AIP.attendee
            ):
                view.old_meetings.add(q.subject)
    view.previous = old
    view.drop_graphs = [meta, *claim_graphs, inferred_graph_of(old)]


_MEETING_VIEW = sparql_prologue() + """
SELECT ?kind ?x WHERE {
  { ?m aip:principal ?x . BIND("principal" AS ?kind) }
  UNION { ?m aip:attendee ?x . BIND("attendee" AS ?kind) }
  UNION { ?m aip:earliestDate ?x . BIND("earliest" AS ?kind) }
  UNION { ?m aip:latestDate ?x . BIND("latest" AS ?kind) }
  UNION { ?m aip:location/schema:containedInPlace* ?x . ?x a aip:City . BIND("city" AS ?kind) }
}"""


def _meeting_view(store: Store, meeting: NamedNode) -> MeetingView:
    result = store.query(_MEETING_VIEW, {"m": meeting})
    assert isinstance(result, SelectResult)
    principals: set[NamedNode] = set()
    attendees: set[NamedNode] = set()
    earliest = latest = None
    cities: set[str] = set()
    for row in result.rows:
        kind, x = row["kind"], row["x"]
        if not isinstance(kind, Literal):
            continue
        if isinstance(x, NamedNode):
            if kind.value == "principal":
                principals.add(x)
            elif kind.value == "attendee":
                attendees.add(x)
            elif kind.value == "city":
                cities.add(x.value)
        elif isinstance(x, Literal) and kind.value == "earliest":
            earliest = date.fromisoformat(x.value)
        elif isinstance(x, Literal) and kind.value == "latest":
            latest = date.fromisoformat(x.value)
    interval = (earliest, latest) if earliest and latest else None
    return MeetingView(frozenset(principals), frozenset(attendees), interval, frozenset(cities))


_PARTNERSHIP_STATUS = {AIP.Announced.value: PartnershipStatus.ANNOUNCED, AIP.Signed.value: PartnershipStatus.SIGNED,
                       AIP.Planned.value: PartnershipStatus.PLANNED, AIP.Ended.value: PartnershipStatus.ENDED}


def _stored_reports(store: Store, meeting: NamedNode, dropping: set[NamedNode], *,
                    partnership: bool = False) -> list[Report]:
    """One report per stored article: what it says of the meeting's date and status."""
    by_article: dict[str, dict[str, Literal | NamedNode]] = {}
    articles_of: dict[NamedNode, list[str]] = {}
    for predicate in (AIP.reportedStatus, AIP.reportedDate, AIP.reportedEarliestDate, AIP.reportedLatestDate):
        for q in store.quads_matching(meeting, predicate):
            graph = q.graph_name
            if not isinstance(graph, NamedNode) or graph in dropping:
                continue
            if (articles := articles_of.get(graph)) is None:
                found = store.quads_matching(graph, AIP.fromArticle)
                articles = articles_of[graph] = sorted({a.object.value for a in found
                                                        if isinstance(a.object, NamedNode)})
            for article in articles:
                if isinstance(q.object, (Literal, NamedNode)):
                    by_article.setdefault(article, {})[predicate.value] = q.object
    reports: list[Report] = []
    for values in by_article.values():
        reported = values.get(AIP.reportedStatus.value)
        status: MeetingStatus | PartnershipStatus = (
            _PARTNERSHIP_STATUS.get(reported.value if reported else "", PartnershipStatus.ANNOUNCED) if partnership
            else MeetingStatus.PLANNED if reported == AIP.Planned else MeetingStatus.OCCURRED)
        d = values.get(AIP.reportedDate.value)
        e, l_ = values.get(AIP.reportedEarliestDate.value), values.get(AIP.reportedLatestDate.value)
        fact = None
        if isinstance(d, Literal) or isinstance(e, Literal):
            fact = DateFact(
                "", d.value if isinstance(d, Literal) else None, precision_of(d) if isinstance(d, Literal) else None,
                date.fromisoformat(e.value) if isinstance(e, Literal) else None,
                date.fromisoformat(l_.value) if isinstance(l_, Literal) else None,
            )
        reports.append(Report(fact, status))
    return reports



def match_meeting(view: StoreView, principals: list[NamedNode], attendees: list[NamedNode],
                  bounds: tuple[date, date] | None, city: str | None, groups: dict[NamedNode, str]) -> NamedNode | None:
    """The stored meeting a reported one is: each side's principals among the other's attendees (two people of
    two groups at least), dates that can overlap, cities that do not differ; the narrowest such meeting."""
    best: tuple[int, str, NamedNode] | None = None
    for candidate, seen in view.meetings.items():
        shared_a = set(principals) & (seen.attendees | seen.principals)
        shared_b = seen.principals & set(attendees)
        if len(shared_a) < 2 or len(shared_b) < 2:
            continue
        if len({groups.get(p, p.value) for p in shared_a}) < 2:
            continue
        interval = seen.interval
        if bounds and interval and (bounds[1] < interval[0] or interval[1] < bounds[0]):
            continue
        if city and seen.cities and city not in seen.cities:
            continue
        width = (interval[1] - interval[0]).days if interval else 10_000
        key = (width, candidate.value, candidate)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def match_deal(view: StoreView, partners: set[NamedNode], kinds: set[str],
               bounds: tuple[date, date] | None) -> NamedNode | None:
    """The stored partnership a reported one is: the same partners (two at least shared, none of it outside), a
    kind in common (or cooperation, the general kind, on either side), dates that can overlap."""
    for candidate, seen in sorted(view.deals.items(), key=lambda kv: kv[0].value):
        if len(partners & seen.partners) < 2 or not (partners <= seen.partners or seen.partners <= partners):
            continue
        if not (kinds & seen.kinds or "cooperation" in kinds | seen.kinds):
            continue
        if bounds and seen.interval and (bounds[1] < seen.interval[0] or seen.interval[1] < bounds[0]):
            continue
        return candidate
    return None

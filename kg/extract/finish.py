"""After the last clause: fold spelling variants, date what the text left undated, give lead topics to their
meeting, keep the meetings of two named sides, and build the typed facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kg.extract.dates import fact_for_range, month_end
from kg.extract.discourse import Deal, Discourse, Draft, stronger
from kg.model import (
    Article,
    ArticleFacts,
    Certainty,
    CompanyFact,
    DateFact,
    MeetingFact,
    MeetingStatus,
    PartnershipFact,
    PersonFact,
    Span,
    TopicFact,
)


def fold_variants(d: Discourse) -> None:
    """People and companies spelt two ways are one; meetings that then name the same people may be one."""
    remap = d.registry.fold()
    companies = d.registry.company_remap
    for deal in d.deals:
        deal.partners = list(dict.fromkeys(companies.get(c, c) for c in deal.partners))
    if not remap:
        return
    for draft in d.drafts:
        draft.principals = list(dict.fromkeys(remap.get(p, p) for p in draft.principals))
        draft.attendances = [replace(a, person=remap.get(a.person, a.person)) for a in draft.attendances]
        if draft.host is not None:
            draft.host = remap.get(draft.host, draft.host)
    merged: list[Draft] = []
    for draft in d.drafts:
        target = next((m for m in merged if d.compatible(m, draft.principals, draft.date, draft.place)), None)
        if target is None:
            merged.append(draft)
            continue
        target.attendances.extend(draft.attendances)
        d.narrow(target, draft.date)
        for span in draft.evidence:
            target.cite(span)
        target.topics.extend(draft.topics)
    d.drafts = merged


def deals_name_operating_companies(d: Discourse) -> None:
    """A group named as a partner ("SK", "LG's home appliances") is the one company of that group the article
    names, when it names exactly one: after "LG Electronics", "Microsoft's AI in LG's appliances" is LG
    Electronics'. Not: a group with two of its companies named (the text does not say which)."""
    reg = d.registry
    for deal in d.deals:
        partners = []
        for key in deal.partners:
            members = [c for c in reg.companies if c != key and reg.group_of(c) == reg.group_of(key)
                       and not reg.companies[c].government]
            partners.append(members[0] if len(members) == 1 and reg.is_group(key) else key)
        deal.partners = list(dict.fromkeys(partners))
    merged: list[Deal] = []
    for deal in d.deals:
        same = next((m for m in merged if set(m.partners) == set(deal.partners)), None)
        if same is None:
            merged.append(deal)
            continue
        same.kinds.extend(k for k in deal.kinds if k not in same.kinds)
        same.evidence.extend(e for e in deal.evidence if e not in same.evidence)
        same.topics.extend(deal.topics)
        same.status = stronger(same.status, deal.status)
        if deal.certainty is Certainty.STATED:
            same.certainty = Certainty.STATED
    d.deals = merged


def date_undated(d: Discourse, notes: list[str]) -> None:
    """A meeting the text does not date:
    - a trip's meetings run from its start to publication;
    - a meeting planned for a trip ahead is dated to that trip's month ("오는 18일 방한 … 면담할 예정" -> 2026-03);
    - the article's news happened on its day when a dated meeting clause gave one before it ("국내 기업인들이 29일
      … 만나"), else in the month of publication, as the annotation guidelines date news with no day."""
    published = d.published
    for draft in d.drafts:
        if draft.date is not None and draft.date.resolved:
            continue
        if published is None:
            notes.append(f"meeting {draft.key}: no date and no publication date")
            continue
        span = draft.evidence[0] if draft.evidence else None
        if draft.status is MeetingStatus.PLANNED:
            if d.trip_start and d.trip_start > published:
                trip = d.trip_start
                draft.date = _range("(방문 기간)", date(trip.year, trip.month, 1), month_end(trip.year, trip.month),
                                    span)
            continue
        if not draft.current:
            continue
        if d.trip_start and d.trip_start <= published:
            draft.date = _range("(출장 기간)", d.trip_start, published, span)
        elif d.anchor_day is not None and d.anchor_day.earliest is not None and span is not None \
                and d.anchor_set_at is not None and d.anchor_set_at < span.start:
            draft.date = replace(d.anchor_day, span=span)  # the article had told its day before this meeting
        else:
            draft.date = _range("(기사 게재일 기준)", date(published.year, published.month, 1),
                                month_end(published.year, published.month), span)


def _range(text: str, earliest: date, latest: date, span: Span | None) -> DateFact:
    return replace(fact_for_range(text, earliest, latest), span=span)


def attach_lead_topics(d: Discourse) -> None:
    for groups, topics in d.lead_topics:
        for draft in d.drafts:
            met = {d.group(a.person) for a in draft.attendances if a.person in d.registry.people}
            if len(draft.principals) >= 2 and groups <= met:
                draft.topics.extend(topics)
                break


def companions_take_host_company(d: Discourse) -> None:
    """An attendee written without a company ("김민혁 최고기술책임자(CTO) … 배석") sat in on the host's side."""
    for draft in d.drafts:
        host = d.registry.people.get(draft.host or "")
        if host is None or host.company is None:
            continue
        for key in draft.companions:
            person = d.registry.people.get(key)
            if person is not None and person.company is None and not _official(d, key):
                person.company = host.company


def _official(d: Discourse, key: str) -> bool:
    person = d.registry.people[key]
    company = d.registry.companies.get(person.company) if person.company else None
    if company is not None and not company.government:
        return False  # a company's president
    return person.title is not None and d.registry.pack.is_official_title(person.title)


def build(d: Discourse, article: Article, notes: list[str]) -> ArticleFacts:
    registry = d.registry
    meetings: list[MeetingFact] = []
    for draft in d.drafts:
        attendees = list(dict.fromkeys(a.person for a in draft.attendances if a.person in registry.people))
        if len(attendees) < 2 or d.groups(attendees) < 2 or len(draft.principals) < 1:
            continue
        if not any(registry.people[p].company is not None or _official(d, p) for p in attendees):
            continue
        meetings.append(MeetingFact(
            key=draft.key, attendances=tuple(a for a in draft.attendances if a.person in registry.people),
            status=draft.status, certainty=draft.certainty, date=draft.date, place=draft.place,
            topics=_unique_topics(draft.topics), evidence=tuple(draft.evidence),
        ))
    in_meetings = {a.person for m in meetings for a in m.attendances}
    people = tuple(
        PersonFact(p.key, p.name, p.company, p.title, Certainty.STATED, tuple(p.spans), english=p.english,
                   official=_official(d, p.key))
        for p in registry
        if p.company is not None or p.key in in_meetings
    )
    used = {p.company for p in people if p.company}
    kept = {m.key for m in meetings}
    partnerships = tuple(
        PartnershipFact(deal.key, tuple(deal.partners), tuple(deal.kinds), deal.status, deal.certainty, deal.date,
                        _unique_topics(deal.topics), deal.amount[0] if deal.amount else None,
                        deal.amount[1] if deal.amount else None,
                        deal.agreed_at if deal.agreed_at in kept else None, tuple(deal.evidence))
        for deal in d.deals if len(set(deal.partners)) >= 2
    )
    used |= {c for deal in partnerships for c in deal.partners}
    companies = tuple(
        CompanyFact(c.key, c.name, c.reference_id, tuple(c.spans), group=c.group, english=c.english,
                    government=c.government)
        for c in registry.companies.values() if c.key in used
    )
    return ArticleFacts(article, companies, people, tuple(meetings), tuple(notes), partnerships)


def _unique_topics(topics: list[TopicFact]) -> tuple[TopicFact, ...]:
    out: list[TopicFact] = []
    seen: set[tuple[str, str]] = set()
    for t in topics:
        k = (t.concept or t.text.replace(" ", ""), t.certainty.value)
        if k not in seen:
            seen.add(k)
            out.append(t)
    return tuple(out)

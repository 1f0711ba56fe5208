"""The discourse state of an article being read: the meetings so far, the one in focus, the person the text is
about, the day it is about, a trip. Changed only through these methods, by the event rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.extract.dates import intersect
from kg.extract.document import Clause, Cue, Role
from kg.extract.registry import Registry
from kg.model import (
    Attendance,
    Certainty,
    DateFact,
    MeetingStatus,
    PartnershipStatus,
    PlaceFact,
    Precision,
    Span,
    TopicFact,
)

RECENT_DAYS = 14  # a meeting dated within two weeks of publication is the article's news, not a recollection


@dataclass
class Draft:
    """A meeting as the article tells it so far."""

    key: str
    principals: list[str]
    attendances: list[Attendance]
    status: MeetingStatus
    certainty: Certainty
    date: DateFact | None
    place: PlaceFact | None
    topics: list[TopicFact] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    current: bool = True  # the article's news, not a meeting recalled in passing
    host: str | None = None  # the principal the clause was about: companions without a company are of its side
    companions: set[str] = field(default_factory=set)  # who sat in or came along, not one of the sides
    # kept up as the lists grow, so that an article listing thousands of attendees is read in linear time
    _counted_in: list[Attendance] | None = field(default=None, repr=False, compare=False)
    _counted: int = field(default=0, repr=False, compare=False)
    _attendees: set[str] = field(default_factory=set, repr=False, compare=False)
    _cited: set[Span] = field(default_factory=set, repr=False, compare=False)

    @property
    def attendees(self) -> set[str]:
        """Everyone who attended (read only: a view kept up to date, not a copy)."""
        if self._counted_in is not self.attendances:
            self._counted_in, self._counted, self._attendees = self.attendances, 0, set()
        self._attendees.update(a.person for a in self.attendances[self._counted:])
        self._counted = len(self.attendances)
        return self._attendees

    def cite(self, span: Span) -> None:
        """The clause at span tells of this meeting too (each clause cited once)."""
        if not self._cited:
            self._cited.update(self.evidence)
        if span not in self._cited:
            self._cited.add(span)
            self.evidence.append(span)


@dataclass
class Deal:
    key: str
    partners: list[str]  # company keys
    kinds: list[str]
    status: PartnershipStatus
    certainty: Certainty
    date: DateFact | None
    topics: list[TopicFact] = field(default_factory=list)
    amount: tuple[str, str] | None = None
    agreed_at: str | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Discourse:
    registry: Registry
    published: date | None
    drafts: list[Draft] = field(default_factory=list)
    focus: Draft | None = None
    topic_person: str | None = None  # who the text is about: the last subject or topic named
    anchor_day: DateFact | None = None  # the day of the article's news ("이날" refers to it)
    anchor_set_at: int | None = None  # where the text first gave that day
    last_past_date: DateFact | None = None  # what "당시" refers to
    trip_start: date | None = None
    lead_topics: list[tuple[frozenset[str], list[TopicFact]]] = field(default_factory=list)
    serial_hosts: set[str] = field(default_factory=set)  # people said to meet others one after another ("연쇄 회동")
    deals: list[Deal] = field(default_factory=list)
    topic_companies: list[str] = field(default_factory=list)  # companies named as a subject or topic, latest last

    # ------------------------------------------------------------------ what every clause updates
    def observe(self, clause: Clause) -> None:
        if clause.has(Cue.MEET, Cue.DISCUSS):
            for m in clause.mentions:
                self.registry.people[m.person].reported = True
        self.clause_companies = [m.company for m in clause.companies if m.role in (Role.SUBJECT, Role.TOPIC)]
        subjects = [m.person for m in clause.mentions if m.role in (Role.SUBJECT, Role.TOPIC) and m.participates]
        if subjects:
            self.topic_person = subjects[0]
            if clause.has(Cue.SEPARATE) and clause.has(Cue.MEET):
                self.serial_hosts.add(subjects[0])
        for match, kind in clause.dates:
            if kind == "prior" and match.fact.resolved:
                self.last_past_date = match.fact
            if kind == "since" and match.fact.resolved and match.fact.earliest and clause.has(Cue.TRIP, Cue.VISIT):
                self.trip_start = match.fact.earliest  # "이달 초부터 미국을 방문해": the trip's first day
        if clause.has(Cue.TRIP, Cue.VISIT) and self.published is not None and not clause.people()[1:]:
            # "지난 22일 출국해", "수 CEO가 오는 18일 한국을 방문할 것으로": the trip's first day, past or ahead
            dates = [m.fact for m in clause.event_dates() if m.fact.earliest]
            if dates and dates[0].earliest:
                self.trip_start = dates[0].earliest

    def group(self, person: str) -> str:
        return self.registry.group_of(self.registry.people[person].company)

    def groups(self, people: list[str]) -> int:
        return len({self.group(p) for p in people})

    # ------------------------------------------------------------------ meetings
    def is_current(self, date_fact: DateFact | None, then: bool) -> bool:
        return not then and (
            date_fact is None or not date_fact.resolved or self.published is None
            or (date_fact.latest is not None and (self.published - date_fact.latest).days <= RECENT_DAYS)
        )

    def compatible(self, draft: Draft, people: list[str], date_fact: DateFact | None,
                   place: PlaceFact | None) -> bool:
        """The same meeting: two people of two groups of the new report are among its attendees, two of its
        principals are in the new report, the dates can overlap and the cities do not differ."""
        shared_new = set(people) & draft.attendees
        shared_old = set(draft.principals) & set(people)
        # an undated report naming only people who were there is that meeting again, companions included ("서
        # 사장은 베버 CEO와의 회동 이후" after 서 사장 sat in on it)
        again = date_fact is None and set(people) <= draft.attendees and bool(shared_old)
        if len(shared_new) < 2 or (len(shared_old) < 2 and not again) or self.groups(list(shared_new)) < 2:
            return False
        if draft.date and date_fact and draft.date.resolved and date_fact.resolved \
                and intersect(draft.date, date_fact) is None:
            return False
        return not (draft.place and place and draft.place.city and place.city and draft.place.city != place.city)

    def new(self, people: list[str], clause: Clause, status: MeetingStatus, date_fact: DateFact | None,
            *, current: bool, host: str | None = None) -> Draft:
        people = list(dict.fromkeys(people))
        draft = Draft(
            key=f"m{len(self.drafts) + 1}", principals=people,
            attendances=[Attendance(p, True, clause.certainty, clause.span) for p in people],
            status=status, certainty=clause.certainty, date=date_fact, place=clause.place,
            topics=list(clause.topics), evidence=[clause.span], current=current, host=host,
        )
        self.drafts.append(draft)
        self.focus = draft
        self.remember_day(date_fact)
        return draft

    def merge(self, draft: Draft, people: list[str], clause: Clause, date_fact: DateFact | None,
              *, principal: bool = True, topics: bool = True) -> None:
        for p in dict.fromkeys(people):
            if principal and p not in draft.principals:
                draft.principals.append(p)
            if not principal and p not in draft.principals:
                draft.companions.add(p)
            draft.attendances.append(Attendance(p, principal or p in draft.principals, clause.certainty, clause.span))
        self.narrow(draft, date_fact)
        if clause.place and (draft.place is None or (draft.place.city is None and clause.place.city is not None)):
            draft.place = clause.place
        if clause.certainty is Certainty.STATED:
            draft.certainty = Certainty.STATED
        if topics:
            draft.topics.extend(clause.topics)
        draft.cite(clause.span)
        self.focus = draft

    def narrow(self, draft: Draft, date_fact: DateFact | None) -> None:
        if date_fact is None or not date_fact.resolved:
            return
        if draft.date is None or not draft.date.resolved:
            draft.date = date_fact
        else:
            draft.date = intersect(draft.date, date_fact) or draft.date
        self.remember_day(date_fact)

    def add_or_merge(self, people: list[str], clause: Clause, status: MeetingStatus, date_fact: DateFact | None,
                     *, then: bool = False, host: str | None = None) -> Draft:
        """The meeting these people had: an earlier draft of the same meeting, or a new one."""
        current = self.is_current(date_fact, then)
        for draft in reversed(self.drafts):
            if not current and draft.current and (draft.date is None or not draft.date.resolved):
                continue
            if current and not draft.current and date_fact is None:
                continue
            if self.compatible(draft, people, date_fact, clause.place):
                self.merge(draft, people, clause, date_fact)
                draft.current = draft.current and (current or date_fact is None)
                if status is MeetingStatus.OCCURRED and (not draft.current or draft.status is MeetingStatus.OCCURRED):
                    draft.status = MeetingStatus.OCCURRED
                return draft
        for draft in reversed(self.drafts):
            if len(draft.principals) == 1 and draft.principals[0] in people and draft.current and current and \
                    (draft.date is None or date_fact is None or intersect(draft.date, date_fact) is not None):
                self.merge(draft, people, clause, date_fact)  # the meeting that waited for its other side
                return draft
        draft = self.new(people, clause, status, date_fact, current=current, host=host)
        if date_fact and not current:
            self.last_past_date = date_fact
        return draft

    def remember_day(self, date_fact: DateFact | None) -> None:
        if date_fact and date_fact.precision is Precision.DAY and self.anchor_day is None and \
                self.is_current(date_fact, False):
            self.anchor_day = date_fact
            self.anchor_set_at = date_fact.span.start if date_fact.span else None

    def targets(self, then: bool, this: bool, *, companions: bool = False) -> list[Draft]:
        """The meetings a clause refers to: 당시 -> the one in focus; 이번 회동/이 자리 -> the article's current one in
        focus, or, for companions ("이번 회동에는 … 동행했다"), every current meeting of the same host (a trip's
        meetings share its companions)."""
        if then and self.focus is not None:
            return [self.focus]
        current = [d for d in self.drafts if d.current]
        if this and current:
            focus = self.focus if self.focus in current else current[-1]
            if companions:
                return [d for d in current if d.host is not None and d.host == focus.host] or [focus]
            return [focus]
        return [self.focus] if self.focus is not None else current[-1:]

    # ------------------------------------------------------------------ partnerships
    clause_companies: list[str] = field(default_factory=list)  # the subjects of the clause being read
    subject_counts: dict[str, int] = field(default_factory=dict)  # how often each company was a subject
    lone_deal: str | None = None  # the company of the last deal told with no other party yet ("… 투자를 유치했다")

    def company_before(self, other_than: str) -> str | None:
        """The company the text is about (named most often as a subject so far, the latest of those on a tie), of
        another group than ``other_than``: the subject a Korean clause leaves out ("스캐터랩에는 150억원을 투자")."""
        group = self.registry.group_of(other_than)
        candidates = [c for c in self.topic_companies if c in self.registry.companies
                      and self.registry.group_of(c) != group]
        if not candidates:
            return None
        return max(reversed(candidates), key=lambda c: self.subject_counts.get(c, 0))

    def done_with(self, clause: Clause) -> None:
        """After every rule read the clause: its subject companies are what the text is about now."""
        for company in clause.companies:
            if company.role in (Role.SUBJECT, Role.TOPIC):
                self.subject_counts[company.company] = self.subject_counts.get(company.company, 0) + 1
                if company.company in self.topic_companies:
                    self.topic_companies.remove(company.company)
                self.topic_companies.append(company.company)

    def add_deal(self, partners: list[str], clause: Clause, date: DateFact | None, agreed_at: str | None) -> Deal:
        """The partnership these companies have in this article: one per set of partners, its kinds adding up."""
        for deal in self.deals:
            if set(deal.partners) == set(partners):
                deal.kinds.extend(k for k in clause.kinds if k not in deal.kinds)
                deal.status = stronger(deal.status, clause.deal_status)
                if clause.certainty is Certainty.STATED:
                    deal.certainty = Certainty.STATED
                if date is not None and date.resolved and (deal.date is None or not deal.date.resolved):
                    deal.date = date
                deal.topics.extend(clause.topics)
                deal.amount = deal.amount or clause.amount
                deal.agreed_at = deal.agreed_at or agreed_at
                if clause.span not in deal.evidence:
                    deal.evidence.append(clause.span)
                return deal
        deal = Deal(f"d{len(self.deals) + 1}", list(partners), list(dict.fromkeys(clause.kinds)), clause.deal_status,
                    clause.certainty, date, list(clause.topics), clause.amount, agreed_at, [clause.span])
        self.deals.append(deal)
        return deal


_STRENGTH = {PartnershipStatus.PLANNED: 0, PartnershipStatus.ANNOUNCED: 1, PartnershipStatus.SIGNED: 2,
             PartnershipStatus.ENDED: 3}


def stronger(a: PartnershipStatus, b: PartnershipStatus) -> PartnershipStatus:
    return a if _STRENGTH[a] >= _STRENGTH[b] else b

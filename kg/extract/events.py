"""EVENT_RULES: what a clause does to the meetings of the article. Language-free: rules read a clause's mentions,
roles, cues, dates and place (found by the language pack) and change the discourse through its methods.

The rules run in order; the first that handles a clause wins.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.discourse import Discourse, Draft
from kg.extract.document import Clause, Cue, Role
from kg.model import DateFact, MeetingStatus, Precision

Rule = Callable[[Clause, Discourse], bool]


# ---------------------------------------------------------------------------- helpers


def sides(clause: Clause, d: Discourse) -> tuple[list[str], list[str], list[str]]:
    """(subject side, other side, companions) of a meeting clause. Without a named subject ("이재훈 부회장과도
    만나는 등"), the person the text is about is the subject, unless the clause has an unnamed one ("기업인들이")."""
    subject: list[str] = []
    other: list[str] = []
    companions: list[str] = []
    for m in clause.participants:
        if m.role in (Role.SUBJECT, Role.TOPIC):
            subject.append(m.person)
        elif m.role is Role.COMPANION:
            companions.append(m.person)
        else:
            other.append(m.person)
    if not subject and other and d.topic_person is not None and d.topic_person not in other \
            and d.topic_person in d.registry.people and not clause.unnamed_subject:
        subject = [_host_of(d.topic_person, d)]
    subject = list(dict.fromkeys(subject))
    other = [p for p in dict.fromkeys(other) if p not in subject]
    companions = [p for p in dict.fromkeys(companions) if p not in subject and p not in other]
    return subject, other, companions


def status_of(clause: Clause, d: Discourse, date_fact: DateFact | None) -> MeetingStatus:
    future = bool(date_fact and date_fact.earliest and d.published and date_fact.earliest > d.published)
    return MeetingStatus.PLANNED if clause.has(Cue.PLANNED) or future else MeetingStatus.OCCURRED


def meeting_dates(clause: Clause, d: Discourse) -> list[DateFact | None]:
    """The date(s) of the clause's meeting: the event date nearest before the meeting word (a date in a clause
    before it, "지난달 30일 … 판결을 받은 최 회장이 6일 … 만났다", dates something else), one per date when dates
    are joined and the meetings were separate ("지난해 1월과 6월에도 잇달아"), 당시 -> the date recalled before."""
    dates = clause.event_dates()
    if not dates:
        if clause.has(Cue.THEN) and d.last_past_date is not None:
            return [d.last_past_date]
        if clause.has(Cue.NEXT) and d.focus is not None and d.focus.date is not None \
                and d.focus.date.precision is Precision.DAY:
            return [d.focus.date]  # "이후 김태오 대표와도 회동": the same day, after the meeting before
        deal = d.deals[-1] if d.deals else None
        if deal is not None and deal.date is not None and deal.date.resolved and deal.evidence \
                and 0 <= clause.paragraph - deal.evidence[-1].paragraph <= 1 and d.registry.pack.ceremony.search(clause.text):
            return [deal.date]  # "지난달 말 … 계약을 체결했다. 서명식에는 A와 B가 참석했으며": the signing's day
        return [None]
    if len(dates) > 1 and clause.has(Cue.SEPARATE):
        return [m.fact for m in dates]
    cue = min((clause.cue_positions.get(c, 10**9) for c in (Cue.MEET, Cue.DISCUSS)), default=10**9)
    before = [m for m in dates if m.end <= cue]
    return [(before[-1] if before else dates[0]).fact]


def _encounters(subject: list[str], other: list[str], clause: Clause, d: Discourse) -> list[list[str]]:
    """One encounter, or one per counterpart when the clause says they were separate ("잇따라", "연쇄") or a trip's
    list of counterparts of three or more groups met one visitor ("이달 초부터 미국을 방문해 A, B, C 등과")."""
    if subject and len(other) >= 2 and d.groups(other) == len(other) and all(
        d.group(o) not in {d.group(s) for s in subject} for o in other
    ):
        abroad = clause.has(Cue.TRIP) or (clause.has(Cue.VISIT) and clause.place is not None
                                          and clause.place.venue is None)
        separate = clause.has(Cue.SEPARATE) or subject[0] in d.serial_hosts or (abroad and len(other) >= 3)
        if separate:
            return [subject + [o] for o in other]
    return [subject + other]


def _host_of(person: str, d: Discourse) -> str:
    """Who a clause without a subject is about: the person the text is about, unless that person only came
    along to the meeting in focus, whose host then goes on ("이 자리에는 … 서지후 사장이 배석했다. … 11일에는
    … 회장과 만찬을 함께했다": 서하림's dinner)."""
    focus = d.focus
    if focus is not None and person in focus.companions and person not in focus.principals and focus.host:
        return focus.host
    return person


# ---------------------------------------------------------------------------- rules


def negated_reports_nothing(clause: Clause, d: Discourse) -> bool:
    """A negated or called-off meeting is no meeting.
    Fires: "두 사람은 이번 방한 기간 만나지 않았다". Not: "두 사람은 만났다"."""
    return clause.has(Cue.NEGATED)


def two_sides_meet(clause: Clause, d: Discourse) -> bool:
    """A meeting or discussion word with named people of two groups (the subject side, taken from the discourse
    when the clause has none, and the people met): one meeting per encounter and date, found again when an earlier
    clause told it. Companions ("A와 함께") attend.
    Fires: "최도윤 SK그룹 회장이 샘 하트웰 오픈AI CEO와 회동해"; "이후 김태오 엔씨소프트 대표와도 회동".
    Not: "허 회장은 에릭 황 엔비디아 CEO 등의 연설을 직접 챙기고" (a genitive is no participant)."""
    if not clause.has(Cue.MEET, Cue.DISCUSS):
        return False
    subject, other, companions = sides(clause, d)
    if subject and not other and companions:
        # "A 회장은 B CEO와 함께 출범식을 연다": someone of another group "with" the subject is the other side
        hosts = {d.group(p) for p in subject}
        other = [p for p in companions if d.group(p) not in hosts]
        companions = [p for p in companions if p not in other]
    people = subject + other
    if len(people) < 2 or d.groups(people) < 2:
        return False
    if clause.has(Cue.THIS) and clause.has(Cue.ATTEND, Cue.ACCOMPANY) and d.focus is not None and \
            not any(m.role is Role.WITH for m in clause.participants) and not set(clause.people()) & d.focus.attendees:
        return False  # "The two-hour meeting brought together X, Y": they attend the meeting in focus
    then = clause.has(Cue.THIS) is False and clause.has(Cue.THEN)
    dates = meeting_dates(clause, d)
    if clause.has(Cue.THIS) and dates == [None]:
        targets = [t for t in d.targets(False, True) if d.compatible(t, people, None, clause.place)
                   or set(people) <= t.attendees]
        for target in targets:
            d.merge(target, people, clause, None)
        if targets:
            return True
    host = subject[0] if subject else None
    for encounter in _encounters(subject, other, clause, d):
        for date_fact in dates:
            draft = d.add_or_merge(encounter, clause, status_of(clause, d, date_fact), date_fact, then=then,
                                   host=host)
            if companions:
                d.merge(draft, companions, clause, None, principal=False, topics=False)
    return True


def companions_join_meeting(clause: Clause, d: Discourse) -> bool:
    """동석/배석 (sitting in), or 동행/참석 with a reference to a meeting (이 자리, 이번 회동, 당시): the people named
    attend the meeting referred to (for 이번 회동, every current meeting of the same host).
    Fires: "이 자리에는 김민혁 CTO, 이삼현 CSO 등이 배석했다"; "당시엔 유영훈 … 등도 동석했습니다".
    Not: "정연우 부회장 … 등이 동행했다" when no meeting is referred to (a trip's company is not a meeting's)."""
    if not clause.has(Cue.ACCOMPANY, Cue.ATTEND) or not clause.participants or d.focus is None:
        return False
    if not (clause.has(Cue.SIT_IN) or clause.has(Cue.THIS, Cue.THEN)):
        return False
    people = clause.people()
    # "The two parties, along with …, met Saturday": the clause dates the meeting it refers to
    dates = clause.event_dates() if clause.has(Cue.MEET) and clause.has(Cue.GROUP_REF, Cue.THIS) else []
    for draft in d.targets(clause.has(Cue.THEN), clause.has(Cue.THIS), companions=True):
        newcomers = [p for p in people if p not in draft.principals]
        d.merge(draft, newcomers, clause, dates[0].fact if dates else None, principal=False)
        for p in people:
            if p in draft.principals:
                d.merge(draft, [p], clause, None, topics=False)
    return True


def one_side_waits(clause: Clause, d: Discourse) -> bool:
    """A meeting word with people of one side named and the other side unnamed ("이 대통령은 … 기업인들을 만나
    … 간담회를 가졌다", "국내 주요 기업인들이 29일 … 팀 가먼 CEO와 만나"): a meeting waiting for the people a
    following clause names ("이 자리엔 … 참석했다"); its date anchors the article's day.
    Not: a meeting word with nobody named; a clause that already names two sides."""
    if not clause.has(Cue.MEET) or clause.has(Cue.THEN):
        return False
    people = clause.people()
    if not people or d.groups(people) != 1:
        return False
    subject_side = {m.role in (Role.SUBJECT, Role.TOPIC) for m in clause.participants}
    if len(subject_side) > 1:
        return False  # both sides named, of one group: "A 회장이 같은 그룹의 C 사장과 만났다" is no meeting of two
    date_fact = meeting_dates(clause, d)[0]
    d.new(people, clause, status_of(clause, d, date_fact), date_fact, current=d.is_current(date_fact, False),
          host=people[0])
    return True


def meeting_word_continues_focus(clause: Clause, d: Discourse) -> bool:
    """A meeting word with a date (or 당시) and nobody named: the meeting in focus, or another meeting of the same
    people on that date. Fires: "지난 2월 서울에서 회동한 지 5달 만입니다" (a second meeting of the two).
    Not: "지난주 미팅 내용이 구체적으로 공개되지는 않았지만" without a date of its own; "이어 15일에는 실리콘밸리에서
    회의를 가졌다" (이어: the next encounter, with someone the clause does not name)."""
    if not clause.has(Cue.MEET) or d.focus is None or clause.people() or clause.has(Cue.NEXT):
        return False
    dates = clause.event_dates()
    if not dates and not clause.has(Cue.THEN):
        return False
    if clause.has(Cue.THIS) and not clause.has(Cue.THEN):
        return False
    date_fact = dates[0].fact if dates else d.last_past_date
    if date_fact is None:
        return False
    draft = d.add_or_merge(list(d.focus.principals), clause, status_of(clause, d, date_fact), date_fact,
                           then=clause.has(Cue.THEN), host=d.focus.host)
    if d.published and date_fact.latest and (d.published - date_fact.latest).days > 14:
        d.last_past_date = date_fact
    del draft
    return True


def focus_gets_topics(clause: Clause, d: Discourse) -> bool:
    """A discussion or meeting word naming no one else (or "두 사람", "양사 CEO", "이번 회동"): its topics, date
    and place are the meeting in focus's (이번 회동 -> the current meeting).
    Fires: "이번 회동 역시 … 협력 방안에 대한 이야기가 오간 것으로 보입니다". Not: a clause with no such word."""
    if d.focus is None or not clause.has(Cue.DISCUSS, Cue.MEET, Cue.GROUP_REF):
        return False
    people = clause.people()
    if people and not set(people) <= d.focus.attendees and not clause.has(Cue.GROUP_REF):
        return False
    targets = d.targets(clause.has(Cue.THEN), clause.has(Cue.THIS))
    dates = clause.event_dates()
    for draft in targets:
        draft.topics.extend(clause.topics)
        draft.cite(clause.span)
        if dates and clause.has(Cue.GROUP_REF, Cue.THIS):
            d.narrow(draft, dates[0].fact)
    if targets:
        d.focus = targets[0]
    return bool(targets)


def lead_keeps_topics_for_companies(clause: Clause, d: Discourse) -> bool:
    """A lead naming only companies before any meeting is told ("A사가 B사와 AI 협력 방안을 논의할 전망이다"):
    its topics wait for the first meeting of those companies' people.
    Not: a lead naming one company only."""
    if d.focus is not None or clause.people() or not clause.topics or not clause.has(Cue.DISCUSS):
        return False
    groups = frozenset(d.registry.companies[c.company].group for c in clause.companies
                       if c.company in d.registry.companies)
    if len(groups) < 2:
        return False
    d.lead_topics.append((groups, list(clause.topics)))
    return True


EVENT_RULES: tuple[Rule, ...] = (
    negated_reports_nothing,
    two_sides_meet,
    companions_join_meeting,
    meeting_word_continues_focus,
    one_side_waits,
    focus_gets_topics,
    lead_keeps_topics_for_companies,
)


def apply_rules(clause: Clause, d: Discourse, rules: tuple[Rule, ...] = EVENT_RULES) -> str | None:
    """Run the rules in order; the name of the first that handles the clause (None when none does)."""
    d.observe(clause)
    for rule in rules:
        if rule(clause, d):
            return rule.__name__
    return None


def drafts_of(d: Discourse) -> list[Draft]:
    return d.drafts

"""PARTNERSHIP_RULES: what companies agreed, read from a clause that names a kind of agreement (the pack's
``kinds``: an MOU, a supply, an investment, a joint venture, a licence, cooperation) and two companies or more.
Language-free: the companies, their roles, the kinds, the status and the amount come from the language pack.

Another kind of event than a meeting: its own record (:class:`kg.extract.discourse.Deal`), its own merge policy (same partners in one
article are one partnership whose kinds add up), and a link to the meeting where it was agreed (``agreed_at``).
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.discourse import Discourse
from kg.extract.document import Clause, Cue, Role


def _not_partners(clause: Clause, d: Discourse) -> set[int]:
    """Company mentions (by index) that are no partner: three names or more in a list ("from the likes of LG
    Electronics, HD Hyundai, KT and Amorepacific" are examples, not parties) and a competitor ("longtime rival
    Samsung Electronics", "경쟁사인 삼성전자")."""
    pack = d.registry.pack
    mentions = clause.companies
    out: set[int] = set()
    run = [0]
    for i in range(1, len(mentions) + 1):
        joined = i < len(mentions) and pack.list_joiner.fullmatch(
            clause.text[mentions[i - 1].end - clause.start:mentions[i].start - clause.start]) is not None
        if joined:
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = [i]
    for i, m in enumerate(mentions):
        if pack.rival.search(clause.text[max(0, m.start - clause.start - 30):m.start - clause.start]):
            out.add(i)
    return out


def _partner_companies(clause: Clause, d: Discourse) -> list[str]:
    """The companies of the clause, one per group, that are no government body, no example of a list and no
    competitor."""
    out: list[str] = []
    groups: set[str] = set()
    registry = d.registry
    excluded = _not_partners(clause, d)
    for i, m in enumerate(clause.companies):
        company = registry.companies.get(m.company)
        if company is None or company.government or m.role is Role.GENITIVE and m.company in out or i in excluded:
            continue
        if company.group not in groups:
            groups.add(company.group)
            out.append(m.company)
    return out


def _focus_companies(d: Discourse) -> list[str]:
    """The companies of the meeting in focus's sides: "양사는 … MOU를 체결했다"."""
    if d.focus is None:
        return []
    out: list[str] = []
    groups: set[str] = set()
    for p in d.focus.principals:
        company = d.registry.people[p].company
        if company is not None and d.registry.group_of(company) not in groups:
            groups.add(d.registry.group_of(company))
            out.append(company)
    return out


def _people_companies(clause: Clause, d: Discourse) -> list[str]:
    """The companies of the people the clause names taking part, one per group: "KT CEO Kim Young-soo and
    Krishnan met to discuss progress in their partnership" is KT's and Microsoft's."""
    out: list[str] = []
    groups: set[str] = set()
    for m in clause.mentions:
        company = d.registry.people[m.person].company if m.participates and m.person in d.registry.people else None
        if company is not None and not d.registry.companies[company].government \
                and d.registry.group_of(company) not in groups:
            groups.add(d.registry.group_of(company))
            out.append(company)
    return out


def deal_named_again(clause: Clause, d: Discourse) -> bool:
    """A deal the text told with one party, named again with the others: "딥웨이브랩스가 시리즈B 투자를 유치했다. 이번
    투자는 블루포레스트파트너스가 주도했으며 현대자동차가 참여했다" -- each investor is a partner of the company that
    raised, not of the other investor. Not: "이번 투자는" with no deal of one party before it (the next rule reads it)."""
    lone = d.lone_deal
    if lone is None or not clause.kinds or clause.has(Cue.NEGATED) or not d.registry.pack.deal_ref.search(clause.text):
        return False
    others = [c for c in _partner_companies(clause, d) if d.registry.group_of(c) != d.registry.group_of(lone)]
    if not others:
        return False
    date = next((m.fact for m in clause.event_dates()), None)
    for company in others:
        d.add_deal([lone, company], clause, date, None)
    return True


def deal_between_companies(clause: Clause, d: Discourse) -> bool:
    """A kind of agreement and two companies of two groups: "SK하이닉스는 지난 4월 TSMC와 … 양해각서를 체결했다",
    "삼성전자는 엔비디아에 HBM4를 공급하는 것은 물론", "SK Hynix supplies HBM to NVIDIA". With one company named,
    the company the text is about is the other ("지난해 9월에는 팔란티어와 … 공동 개발하고 있고"); with "양사"/"the two
    companies", the sides of the meeting in focus; with people of two companies named, their companies.
    Not: "삼성전자가 HBM4 출하를 먼저 시작하자" (one company, no agreement word)."""
    if not clause.kinds or clause.has(Cue.NEGATED):
        return False
    partners = _partner_companies(clause, d)
    if len(partners) < 2 and clause.has(Cue.GROUP_REF):
        partners = list(dict.fromkeys([*partners, *_focus_companies(d)]))
    if len(partners) < 2 and len(people := _people_companies(clause, d)) >= 2:
        partners = people
    if len(partners) == 1 and (before := d.company_before(partners[0])) is not None:
        partners = [before, *partners]
    if len(partners) < 2:
        if len(partners) == 1:
            d.lone_deal = partners[0]
        return False
    date = next((m.fact for m in clause.event_dates()), None)
    agreed_at = d.focus.key if d.focus is not None and clause.has(Cue.MEET, Cue.THIS) and set(
        _focus_companies(d)) & set(partners) else None
    d.add_deal(partners, clause, date, agreed_at)
    return True


PARTNERSHIP_RULES: tuple[Callable[[Clause, Discourse], bool], ...] = (deal_named_again, deal_between_companies)


def apply_partnership_rules(clause: Clause, d: Discourse) -> str | None:
    try:
        for rule in PARTNERSHIP_RULES:
            if rule(clause, d):
                return rule.__name__
        return None
    finally:
        d.done_with(clause)

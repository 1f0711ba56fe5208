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


def _partner_companies(clause: Clause, d: Discourse) -> list[str]:
    """The companies of the clause, one per group, that are no government body."""
    out: list[str] = []
    groups: set[str] = set()
    registry = d.registry
    for m in clause.companies:
        company = registry.companies.get(m.company)
        if company is None or company.government or m.role is Role.GENITIVE and m.company in out:
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


def deal_between_companies(clause: Clause, d: Discourse) -> bool:
    """A kind of agreement and two companies of two groups: "SK하이닉스는 지난 4월 TSMC와 … 양해각서를 체결했다",
    "삼성전자는 엔비디아에 HBM4를 공급하는 것은 물론", "SK Hynix supplies HBM to NVIDIA". With one company named,
    the company the text is about is the other ("지난해 9월에는 팔란티어와 … 공동 개발하고 있고"); with "양사"/"the two
    companies", the sides of the meeting in focus.
    Not: "삼성전자가 HBM4 출하를 먼저 시작하자" (one company, no agreement word)."""
    if not clause.kinds or clause.has(Cue.NEGATED):
        return False
    partners = _partner_companies(clause, d)
    if len(partners) < 2 and clause.has(Cue.GROUP_REF):
        partners = list(dict.fromkeys([*partners, *_focus_companies(d)]))
    if len(partners) == 1 and (before := d.company_before(partners[0])) is not None:
        partners = [before, *partners]
    if len(partners) < 2:
        return False
    date = next((m.fact for m in clause.event_dates()), None)
    agreed_at = d.focus.key if d.focus is not None and clause.has(Cue.MEET, Cue.THIS) and set(
        _focus_companies(d)) & set(partners) else None
    d.add_deal(partners, clause, date, agreed_at)
    return True


PARTNERSHIP_RULES: tuple[Callable[[Clause, Discourse], bool], ...] = (deal_between_companies,)


def apply_partnership_rules(clause: Clause, d: Discourse) -> str | None:
    try:
        for rule in PARTNERSHIP_RULES:
            if rule(clause, d):
                return rule.__name__
        return None
    finally:
        d.done_with(clause)

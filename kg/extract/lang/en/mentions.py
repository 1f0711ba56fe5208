"""How English news names a person: MENTION_RULES in English word order, chosen by the same overlap policy.

``COMPANY TITLE NAME`` ("SK Group Chairman Chey Do-yoon", "Xiaomi founder, Chairman and CEO Lin Wei", "Chinese
Premier Wang Lei"), ``NAME, TITLE of COMPANY`` ("Alex Montero, CEO of Palantir Technologies Inc."), ``NAME, COMPANY's
TITLE`` ("Satya Krishnan, Microsoft's chief executive"), later ``TITLE FAMILY`` ("Chairman Chey") or the family name
alone ("Krishnan"). Roles come from word order: who stands before the meeting verb is the subject; "with X" is the
other side; "along with X", "accompanied by X" are companions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from kg.extract.document import Clause, CompanyMention, Cue, Evidence, Mention, Role, Word
from kg.extract.lang.en.shapes import (
    EVENT,
    NAME_TOKEN,
    NATIONAL,
    TECH_ACRONYMS,
    company_after,
    company_before,
    company_name,
    name_after,
    name_before,
    title_domain,
    titles,
    written_name,
)
from kg.extract.lang.en.words import COMPANY_KINDS, COMPANY_SUFFIXES, NOT_NAME, OFFICIAL_PHRASES
from kg.extract.registry import Person, Registry
from kg.lexicon import squash
from kg.model import Span


@dataclass(frozen=True)
class Reading:
    rule: str
    score: float
    first: int
    last: int
    name: tuple[int, int] | None = None
    company: tuple[int, int] | None = None
    title: tuple[int, int] | None = None
    person: str | None = None


def company_title_name(words: list[Word], ts: int, te: int, reg: Registry) -> Iterator[Reading]:
    """[COMPANY('s)] TITLE NAME: "SK Group Chairman Chey Do-yoon", "India's Prime Minister Arjun Mehta",
    "President Lee Jae-sung". Not: "CEO William" (one word is no name)."""
    te, k = title_domain(words, ts, te)
    if not k:
        return
    company = company_before(words, ts - 1) if ts > 0 and not words[ts - 1].trailing else None
    if company and NATIONAL.match(words[company[1] - 1].core):
        company = None
    yield Reading("company_title_name", 5.0 + (1.0 if company else 0.0), company[0] if company else ts, te + k,
                  (te + 1, te + 1 + k), company, (ts, te + 1))


def name_title_of_company(words: list[Word], ts: int, te: int, reg: Registry) -> Iterator[Reading]:
    """NAME, TITLE of [the ...] COMPANY: "Chey Do-yoon, Chairman of SK Group", "Chung Kihyun, executive vice
    chairman of the world's largest shipbuilder HD Hyundai Co.". Not: "Chey, Chairman" with no company."""
    lead = ts - 1 if ts >= 3 and words[ts - 1].core.lower() in ("the", "its", "a", "an", "his", "her") else ts
    if lead < 2 or words[lead - 1].trailing != ",":  # "Kwon Do-yoon, the executive vice president"
        return
    first = name_before(words, lead - 1)
    if first < 0:
        return
    end, company = te, None
    joiner = words[te + 1].core.lower() if te + 1 < len(words) and not words[te].trailing else ""
    # "of [the world's largest shipbuilder] HD Hyundai", "at Velora" (at: only a capitalised name right after it)
    if joiner == "of" or (joiner == "at" and te + 2 < len(words) and words[te + 2].core[:1].isupper()
                          and words[te + 2].core.lower() not in NOT_NAME):
        company = company_after(words, te + 2)
        end = company[1] - 1 if company else te
    elif words[ts].particle == "'s":
        return
    yield Reading("name_title_of_company", 6.0 if company else 4.0, first, end, (first, lead), company, (ts, te + 1))


def company_s_title_name(words: list[Word], ts: int, te: int, reg: Registry) -> Iterator[Reading]:
    """COMPANY's TITLE, NAME: "Hasla's chief technology officer, Bang Ji-ho, also joined". Not: "Hasla's chief
    technology officer joined" (no name after the comma)."""
    if ts < 1 or words[ts - 1].particle != "'s" or words[te].trailing != ",":
        return
    k = name_after(words, te + 1)
    company = company_before(words, ts - 1)
    if k and company is not None:
        yield Reading("company_s_title_name", 6.0, company[0], te + k, (te + 1, te + 1 + k), company, (ts, te + 1))


def name_company_s_title(words: list[Word], ts: int, te: int, reg: Registry) -> Iterator[Reading]:
    """NAME, COMPANY's TITLE: "Satya Krishnan, Microsoft's chief executive". Not: "Microsoft's chief executive"
    alone (no name)."""
    c = ts - 1
    if c < 1 or words[c].particle != "'s":
        return
    company = company_before(words, c)
    if company is None or company[0] < 1 or words[company[0] - 1].trailing != ",":
        return
    first = name_before(words, company[0] - 1)
    if first < 0:
        return
    yield Reading("name_company_s_title", 6.0, first, te, (first, company[0]), company, (ts, te + 1))


def title_family(words: list[Word], ts: int, te: int, reg: Registry) -> Iterator[Reading]:
    """TITLE FAMILY naming someone already named: "Chairman Chey", "President Lee", "Prime Minister Modi".
    Not: a family name nobody of the article has."""
    if te + 1 >= len(words):
        return
    title = " ".join(w.core for w in words[ts:te + 1]).lower()
    person = _referent(reg, words[te + 1].core, title)
    if person is not None:
        yield Reading("title_family", 5.5, ts, te + 1, (te + 1, te + 2), None, (ts, te + 1), person.key)


TITLE_RULES: tuple[Callable[[list[Word], int, int, Registry], Iterator[Reading]], ...] = (
    name_title_of_company, name_company_s_title, company_s_title_name, company_title_name, title_family,
)


def known_name(words: list[Word], reg: Registry) -> Iterator[Reading]:
    """A full name already given, or its family name alone: "Krishnan met…", "Huang has discussed…". Not: a
    capitalised word no person of the article has ("Samsung")."""
    for a in range(len(words)):
        for k in (3, 2, 1):
            if a + k > len(words):
                continue
            text = " ".join(w.core for w in words[a:a + k])
            person = reg.by_name(text) if k > 1 else _referent(reg, text)
            if person is not None:
                yield Reading("known_name", 3.0 + k, a, a + k - 1, (a, a + k), None, None, person.key)
                break


def _referent(reg: Registry, word: str, title: str | None = None) -> Person | None:
    """Who a family name refers to: of the people with it, one with the title used ("President Lee" is the
    president, not the chairman Lee named since), else the latest named."""
    if not NAME_TOKEN.fullmatch(word) or word.lower() in NOT_NAME:
        return None
    candidates = [p for p in reg.by_part(word) if word in p.words]
    titled = [p for p in candidates if title and p.title and title in p.title.lower()]
    return max(titled or candidates, key=lambda p: max((s.start for s in p.spans), default=-1)) \
        if candidates else None


def choose(readings: list[Reading]) -> list[Reading]:
    chosen: list[Reading] = []
    for r in sorted(readings, key=lambda r: (-r.score, r.first)):
        if all(r.last < c.first or r.first > c.last for c in chosen):
            chosen.append(r)
    return sorted(chosen, key=lambda r: r.first)


# ---------------------------------------------------------------------------- registering and roles


def read_mentions(clause: Clause, reg: Registry, evidence: Evidence) -> None:
    words = clause.words
    readings: list[Reading] = []
    for ts, te in titles(words):
        for rule in TITLE_RULES:
            readings.extend(rule(words, ts, te, reg))
    readings.extend(known_name(words, reg))
    found = []
    for r in choose(readings):
        key = _register(clause, reg, r)
        if key is not None:
            found.append((key, r))
    clause.mentions = _joined_share_roles(clause, [_mention(clause, key, r) for key, r in found])
    named = [(words[r.first].core_start, words[r.last].core_end) for _, r in found]
    _company_mentions(clause, reg, evidence, named)


def _company_mentions(clause: Clause, reg: Registry, evidence: Evidence, named: list[tuple[int, int]]) -> None:
    """Companies the clause names outside person phrases: one the article named before ("SK Hynix supplies HBM to
    NVIDIA"), or, in a clause about an agreement, a capitalised name written as companies are (all capitals, a
    suffix such as "Inc." or "Electronics") or used elsewhere in the article as one."""
    words = clause.words
    cue = min((clause.cue_positions.get(c, 10**9) for c in (Cue.MEET, Cue.DISCUSS)), default=10**9)
    stems = {squash(reg.pack.company_stem(c.name)): c.key for c in reg.companies.values()
             if reg.pack.company_stem(c.name) != c.name}
    i = 0
    while i < len(words):
        w = words[i]
        if any(a <= w.core_start < b for a, b in named) or not w.core[:1].isupper() or w.core.lower() in NOT_NAME:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and not words[j].ends_phrase and words[j + 1].core[:1].isupper() \
                and words[j + 1].core.lower() not in NOT_NAME - {"group", "inc.", "co.", "corp.", "ai"} and j - i < 3:
            j += 1
        name = company_name(words[i:j + 1])
        key = reg.find_company(name)
        # "Saudi conglomerate Qamar Industrial Holdings", "Austrian utility Alpenstrom AG": described as a company
        # "South Korea's Seoyon Hydrogen": a country's (its people are in person phrases, already skipped; a city's
        # is a district as often: "Tokyo's Minato ward")
        described = i > 0 and not words[i - 1].trailing and (words[i - 1].core.lower() in COMPANY_KINDS or (
            words[i - 1].particle in ("'s", "’s") and _country(reg, words[i - 1].core)))
        suffixed = (j > i and words[j].core.lower().rstrip(".") in COMPANY_SUFFIXES) or described
        acronym = i == j and name.isupper() and name.isalpha() and 2 <= len(name) <= 6 and name not in TECH_ACRONYMS
        thing = (squash(name) in reg.lex.topic_forms or squash(name) in reg.lex.place_forms or NATIONAL.match(name)
                 or name.lower() in COMPANY_SUFFIXES or bool(EVENT.search(name)))
        stem = stems.get(squash(name)) if key is None and i == j else None
        if stem is not None:  # "Hanbit's" after "Hanbit Electronics": the group, named by its stem
            key = reg.company(name, Span(clause.paragraph, w.core_start, words[j].core_end))
        # a sentence's first word is capitalised anyway: one word there is a company only with evidence from
        # elsewhere ("Samsung has added …"), a name with a company's suffix always ("Daon Semiconductor signed")
        if key is None and clause.kinds and not thing and (i > 0 or suffixed or evidence.company(name) >= 2) and (
                suffixed or acronym or evidence.company(words[i].core) >= 2):
            key = reg.company(name, Span(clause.paragraph, w.core_start, words[j].core_end),
                              english=written_name(words[i:j + 1], name))
        if key is not None:
            role = Role.SUBJECT if w.core_start < cue and i < 3 else Role.OTHER
            clause.companies.append(CompanyMention(key, w.core_start, words[j].core_end, role))
        i = j + 1


def _country(reg: Registry, word: str) -> bool:
    place = reg.lex.places.get(reg.lex.place_forms.get(squash(word), ""))
    return place is not None and place.kind == "country"


def _register(clause: Clause, reg: Registry, r: Reading) -> str | None:
    words = clause.words
    span = Span(clause.paragraph, words[r.first].core_start, words[r.last].core_end)
    # the title as written: "founder, Chairman and CEO" keeps its comma
    title = clause.text[words[r.title[0]].core_start - clause.start:words[r.title[1] - 1].core_end - clause.start] \
        if r.title else None
    # "President Lee Jae-sung" is an official, "Do-Young Kwak, President of SK Hynix" an executive
    after = " X" if r.rule in ("company_title_name", "title_family") else " of"
    official = bool(title and OFFICIAL_PHRASES.search(title + after))
    company = None
    if r.company is not None:
        name = company_name(words[r.company[0]:r.company[1]])
        # "Hanbit Motors President Lee Ji-ho" is the company's president; "Chinese President Xi" a country's
        official = official and not (title and title.lower() in ("president", "leader") and not NATIONAL.match(name))
        official = official or name.endswith(" Party")  # "Democratic Party leader": a politician
        if name and not NATIONAL.match(name):
            company = reg.company(name, span, government=official,
                                  english=written_name(words[r.company[0]:r.company[1]], name))
    if r.person is not None:
        person = reg.people[r.person]
        if company is not None and person.company is None:
            person.company = company
        return reg.mention(r.person, span)
    if r.name is None:
        return None
    name = " ".join(w.core for w in words[r.name[0]:r.name[1]])
    if company is None and not official:
        company = _company_from_reference(reg, name, span)
    key = reg.person(name, company, title, span)
    return key


def _company_from_reference(reg: Registry, name: str, span: Span) -> str | None:
    ref = reg.lex.person_forms_en.get(squash(name))
    if ref is None:
        return None
    entry = reg.lex.companies.get(reg.lex.people[ref].affiliation or "")
    return reg.company(entry.label_en or entry.label_ko or entry.id, span) if entry else None


_AND = re.compile(r"\s*,?\s*and\s*")


def _joined_share_roles(clause: Clause, found: list[Mention]) -> list[Mention]:
    """The last name of a list takes the list's role: "met with A and B" (both met), "including A, B and C"
    (C is one of those brought together, not the other side)."""
    out: list[Mention] = []
    for m in found:
        if out and _AND.fullmatch(clause.text[out[-1].end - clause.start:m.start - clause.start]) \
                and out[-1].role in (Role.WITH, Role.OBJECT, Role.COMPANION):
            m = replace(m, role=out[-1].role)
        out.append(m)
    return out


_COMPANION = re.compile(r"\b(?:along with|accompanied by|joined by|together with)\s*$", re.IGNORECASE)
_WITH = re.compile(r"\b(?:with|met|meet|meets|meeting|hosted|and)\s*$", re.IGNORECASE)


def _mention(clause: Clause, key: str, r: Reading) -> Mention:
    words = clause.words
    start, end = words[r.first].core_start, words[r.last].core_end
    before = clause.text[:start - clause.start]
    cue = min((clause.cue_positions.get(c, 10**9) for c in (Cue.MEET, Cue.DISCUSS)), default=10**9)
    last = words[r.name[1] - 1] if r.name else words[r.last]
    if last.particle == "'s" and r.rule != "name_company_s_title":
        role = Role.GENITIVE
    elif _COMPANION.search(before[-25:]):
        role = Role.COMPANION
    elif start < cue:
        role = Role.SUBJECT
    elif _WITH.search(before[-12:]):
        role = Role.WITH
    else:
        role = Role.OBJECT
    listed = words[r.last].trailing == "," or (r.last + 1 < len(words) and words[r.last + 1].core == "and")
    return Mention(key, start, end, role, False, listed, False, r.rule)


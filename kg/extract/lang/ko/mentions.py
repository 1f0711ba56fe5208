"""How Korean news names a person: the readings of :mod:`kg.extract.lang.ko.readings` chosen, registered, and each
given its role from the particle that ends it. Finding never depends on the reference data: it only tells who a
found person or company is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.document import Clause, CompanyMention, Evidence, Mention, Role, Word
from kg.extract.lang.ko.names import (
    company_score,
    foreign_looking,
    foreign_word_score,
    is_official_head,
    kin_noun,
    korean_name_score,
    romanisation,
    title_abbreviations,
    title_head,
    verbal,
)
from kg.extract.lang.ko.readings import MENTION_RULES, Context, Reading, choose, known_name, titles
from kg.extract.lang.ko.words import (
    GENITIVE_PARTICLES,
    KIND_OF_COMPANY_ENDINGS,
    MEETING_NOUNS,
    NOT_PARTNER,
    OBJECT_PARTICLES,
    ORG_UNIT_ENDINGS,
    PARTNER_PARTICLES,
    SPACED_COMPANY_ENDINGS,
    SUBJECT_PARTICLES,
    TOPIC_PARTICLES,
    WITH_PARTICLES,
)
from kg.extract.registry import Registry
from kg.lexicon import squash
from kg.model import Span

_COMPANY_WORD = re.compile(r"[가-힣A-Za-z0-9&·]+")

_NOT_ABSORBED = frozenset({"의", "와", "과", "와의", "과의", "도", "와도", "과도", "에", "에서", "로", "으로"})


def names_ending_like_particles(words: list[Word]) -> list[Word]:
    """ "남궁경은 세진그룹 회장", "라파엘 알바라도 테라윈드 사장": a name never takes a particle right before its
    company and title, so a last syllable Kiwi read as one ("경" + "은", "알바" + "라도") is the name's. Not for
    particles that may stand there ("구글의 CEO", "삼성전자와 SK하이닉스 CEO")."""
    out = list(words)
    for i, w in enumerate(words[:-1]):
        nxt = words[i + 1]
        if _foreign_first(words, i):
            out[i] = _absorbed(w)
            continue
        blocked = w.particle in _NOT_ABSORBED and not (title_head(nxt) and w.particle not in ("의", "와", "과"))
        if not w.particle or len(w.particle) > 2 or blocked or w.trailing or w.parens:
            continue  # a particle right before a title is none: "마차도 CEO" (but "구글의 CEO")
        raw = w.core + w.particle
        if not raw.replace(" ", "").isalpha() or not all("가" <= ch <= "힣" for ch in raw) or company_score([w]) >= 3.0:
            continue  # "에코니켈솔루션은 사공태린 대표가": a company's particle
        probe = _absorbed(w)
        then_title = i + 2 < len(words) and not nxt.ends_phrase and title_head(words[i + 2]) is not None
        before_title = title_head(nxt) is not None or (then_title and company_score([nxt]) >= 0.5)
        korean = title_head(w) is None and korean_name_score(probe) >= 2.5  # not "사장" + "은" before "베버 CEO"
        foreign = (title_head(w) is None and foreign_word_score(probe, False) > 0 and i > 0
                   and not words[i - 1].ends_phrase and foreign_word_score(words[i - 1], True) > 0
                   and len(words[i - 1].core) > 1)
        if before_title and (korean or foreign):
            out[i] = probe
    return out


def _absorbed(w: Word) -> Word:
    return replace(w, core=w.core + w.particle, particle="", core_end=w.core_end + len(w.particle))


def _foreign_first(words: list[Word], i: int) -> bool:
    """The first word of a foreign name ending in 와 ("아라카와 겐지 미즈하라정공 사장": 아라카 + 와 is no "A와
    B"): the next word is another word of a name, then a title, or a company and a title."""
    w, nxt, after = words[i], words[i + 1], words[i + 2:i + 4]
    if w.particle != "와" or w.trailing or w.parens or title_head(w) is not None or nxt.ends_phrase or not after:
        return False
    probe = _absorbed(w)
    if not (foreign_looking(probe) and foreign_word_score(probe, True) > 0 and foreign_word_score(nxt, False) > 0):
        return False
    return title_head(after[0]) is not None or (len(after) == 2 and not after[0].ends_phrase
                                                and company_score([after[0]]) >= 3.0
                                                and title_head(after[1]) is not None)


def read_mentions(clause: Clause, registry: Registry, evidence: Evidence) -> None:
    ctx = Context(clause.words, registry, evidence)
    readings: list[Reading] = []
    for h, end, _ in titles(clause.words):
        for rule in MENTION_RULES:
            readings.extend(rule(ctx, h, end))
    readings.extend(known_name(ctx))
    found: list[tuple[str, int, int, str]] = []
    for reading in _parallel(ctx, choose(readings)):
        key = _register(ctx, clause, reading)
        if key is not None:
            found.append((key, reading.first, reading.last, reading.rule))
    _company_of_list(ctx, clause, found)
    _assign_roles(clause, found)


def _parallel(ctx: Context, chosen: list[Reading]) -> list[Reading]:
    """A list of people written alike reads alike. In "남궁민수 세진머티리얼즈 대표, 한보라 큐엠텍 사장", the first item is
    a Korean name, a company and a title, so the second is too, not a foreign name of two words ("한보라 큐엠텍").
    Not: "제임스 하트웰 사장" (a foreign-looking first word), nor "한보라 큐엠텍 사장" in a list without such an item.
    Known limit: a foreign given name of Korean syllables ("마리아 엘레나 사장") in such a list is split too."""
    words = ctx.words
    if not any(r.rule == "name_company_title" and r.name and r.name[1] - r.name[0] == 1
               and korean_name_score(words[r.name[0]]) >= 1.5 for r in chosen):
        return chosen
    out = []
    for r in chosen:
        a = r.name[0] if r.name else 0
        listed = (a > 0 and words[a - 1].trailing == ",") or (r.last < len(words) and words[r.last].trailing == ",")
        if r.rule == "name_title" and r.name and r.name[1] - a == 2 and listed and not words[a].particle \
                and korean_name_score(words[a]) >= 0.8 and not foreign_looking(words[a]) \
                and ctx.company_score(a + 1, a + 2) > 0:
            r = replace(r, rule="name_company_title", name=(a, a + 1), company=(a + 1, a + 2))
        out.append(r)
    return out


_STAFF = frozenset({"경영진", "임원진", "임원", "임원들", "관계자", "관계자들", "측", "인사들", "수뇌부"})


def _company_of_list(ctx: Context, clause: Clause, found: list[tuple[str, int, int, str]]) -> None:
    """People named without a company in a list that ends "등 펄어비스 경영진": they are that company's."""
    words = clause.words
    for key, _, last, _rule in found:
        person = ctx.registry.people[key]
        if person.company is not None:
            continue
        for j in range(last + 1, min(last + 12, len(words) - 1)):
            if words[j + 1].core in _STAFF and words[j].core not in _STAFF and ctx.company_score(j, j + 1) >= 1.0:
                person.company = ctx.registry.company(words[j].core, Span(clause.paragraph, words[j].core_start,
                                                                          words[j].core_end))
                break
            if words[j].predicate and verbal(words[j]):
                break


def _register(ctx: Context, clause: Clause, r: Reading) -> str | None:
    words = ctx.words
    span = Span(clause.paragraph, words[r.first].core_start, words[r.last].core_end)
    title = None
    official = False
    if r.title is not None:
        parts = []
        for w in words[r.title[0]:r.title[1]]:
            parts.append(w.core + title_abbreviations(w))
        title = " ".join(parts)
        official = is_official_head(title_head(words[r.title[1] - 1]) or "")
    company = None
    if r.fused is not None:
        company = ctx.registry.company(r.fused[0], span, government=official)
        title = r.fused[1] + title_abbreviations(words[r.title[0]]) if r.title else r.fused[1]
    if r.company is not None:
        cws = words[r.company[0]:r.company[1]]
        english = next((p[1:-1] for w in cws for p in w.parens if p[1:-1].isascii() and not p[1:-1].isdigit()), None)
        company = ctx.registry.company(" ".join(w.core for w in cws), span, english=english, government=official)
    if r.person is not None:
        person = ctx.registry.people[r.person]
        if company is not None and person.company is None:
            person.company = company
        return ctx.registry.mention(r.person, span)
    if r.name is None:
        return None
    nws = words[r.name[0]:r.name[1]]
    name = " ".join(w.core for w in nws)
    english = romanisation(nws[-1])
    if company is None and not official:
        company = _company_from_reference(ctx.registry, name, span)
    return ctx.registry.person(name, company, title, span, english=english)


def _company_from_reference(registry: Registry, name: str, span: Span) -> str | None:
    """Who a person written without a company is, when the reference data knows them ("에릭 황 CEO")."""
    ref = registry.lex.person_forms.get(squash(name))
    if ref is None:
        return None
    entry = registry.lex.people[ref]
    company = registry.lex.companies.get(entry.affiliation or "")
    if company is None:
        return None
    return registry.company(company.label_ko or company.id, span)


def _assign_roles(clause: Clause, found: list[tuple[str, int, int, str]]) -> None:
    """Each mention's role from its particle; a list ("A, B와 C 등과") shares the role of its last member."""
    words = clause.words
    out: list[Mention] = []
    for key, first, last, rule in found:
        word = words[last]
        particle, trailing = word.particle, word.trailing
        nxt = words[last + 1] if last + 1 < len(words) else None
        if not particle and not trailing and nxt is not None and nxt.core in ("등", "등등"):
            particle, trailing = nxt.particle, nxt.trailing
            nxt = words[last + 2] if last + 2 < len(words) else None
        listed = bool(trailing and trailing[0] in ",·") or (particle in ("와", "과") and _joins(word))
        end = word.core_end + sum(len(p) for p in word.parens)
        out.append(Mention(key, words[first].core_start, end, _role(particle, nxt), particle.endswith("도"), listed,
                           kin_noun(nxt) if nxt is not None else False, rule))
    # a member of a list takes the role of the list's last member
    for k in range(len(out) - 2, -1, -1):
        if out[k].listed:
            out[k] = replace(out[k], role=out[k + 1].role, also=out[k + 1].also, listed=True)
    clause.mentions = out


def _joins(word: Word) -> bool:
    """ "A와 B가": Kiwi tags the 와 of a coordination JC, the 와 of "with" JKB."""
    return any(m.tag == "JC" for m in word.morphs)


def _role(particle: str, nxt: Word | None) -> Role:
    if particle in GENITIVE_PARTICLES or particle in ("와의", "과의"):
        if nxt is not None and MEETING_NOUNS.match(nxt.core + nxt.particle):
            return Role.WITH
        return Role.GENITIVE
    if particle in WITH_PARTICLES:
        if nxt is not None and nxt.core.startswith("함께"):
            return Role.COMPANION
        return Role.WITH
    if particle in SUBJECT_PARTICLES:
        return Role.SUBJECT
    if particle in TOPIC_PARTICLES or particle.endswith(("은", "는")):
        return Role.TOPIC
    if particle in OBJECT_PARTICLES or particle.endswith(("을", "를")):
        return Role.OBJECT
    return Role.OTHER


def _could_be_partner(word: Word, registry: Registry) -> bool:
    """Not a technology, a product, a place or a unit of a company ("HBM4", "LLM", "한국", "VS사업본부")."""
    core = word.core
    upper = core.rstrip("0123456789")
    if upper in NOT_PARTNER or core.endswith(ORG_UNIT_ENDINGS):
        return False
    return squash(core) not in registry.lex.topic_forms and squash(core) not in registry.lex.place_forms


def _spaced_company(words: list[Word], i: int, registry: Registry, paragraph: int) -> str | None:
    """A foreign company's name in two words, the second a company's ending ("헬비온 테라퓨틱스에", "퀼론
    클라우드와"), or two words already known as one company. Not: "바이오 기업" (no proper noun first)."""
    for size in (3, 2):
        if i + size > len(words) or any(w.particle or w.trailing or w.parens for w in words[i:i + size - 1]):
            continue
        parts, last = words[i:i + size - 1], words[i + size - 1]
        name = " ".join(w.core for w in words[i:i + size])
        known = registry.find_company(name)
        if known is not None:
            return known
        after = words[i + size].core if i + size < len(words) else ""
        if last.core in SPACED_COMPANY_ENDINGS and all(_foreign_part(w, registry) for w in parts) \
                and not after.endswith(KIND_OF_COMPANY_ENDINGS) \
                and last.particle in PARTNER_PARTICLES | {"", "의"} | SUBJECT_PARTICLES:
            key = registry.company(name, Span(paragraph, words[i].core_start, last.core_end))
            for p in last.parens:  # "바유 누산타라 에너지(BNE)": the abbreviation names it too
                registry.alias(p.strip("()"), key)
            return key
    return None


def _foreign_part(word: Word, registry: Registry) -> bool:
    """A word of a foreign company's name: a proper noun, no place ("인도네시아 에너지 기업"), no title, no name."""
    # Kiwi tags an unknown transliteration as a proper noun, or cuts it into syllables ("바유" -> 바 + 유)
    syllables = len(word.morphs) > 1 and all(m.tag == "NNG" and len(m.form) == 1 for m in word.morphs)
    return ((any(m.tag == "NNP" for m in word.morphs) or foreign_looking(word) or syllables)
            and not verbal(word) and _COMPANY_WORD.fullmatch(word.core) is not None
            and not title_head(word) and korean_name_score(word) < 2.5
            and squash(word.core) not in registry.lex.place_forms)


def company_mentions(clause: Clause, registry: Registry, evidence: Evidence) -> None:
    """The companies the clause names as words of their own ("팔란티어와 KT는", "LG전자가 마이크로소프트(MS)와"):
    one the article has named before, a word with a company's form (an ending, Latin letters, an abbreviation in
    parentheses) standing as a subject or a partner, or, in a clause about an agreement, a proper noun the article
    uses as a company elsewhere too ("스캐터랩에는 150억원을 투자")."""
    named = [(m.start, m.end) for m in clause.mentions]
    words = clause.words
    skip = -1
    for i, word in enumerate(words):
        if i <= skip or any(a <= word.core_start < b for a, b in named) or not word.core:
            continue
        pair = _spaced_company(words, i, registry, clause.paragraph)
        if pair is not None:
            last = words[i + 1]
            clause.companies.append(CompanyMention(pair, word.core_start, last.core_end, _role(last.particle, None)))
            skip = i + 1
            continue
        key = registry.find_company(word.core)
        if key is None and word.particle and not title_head(word) and _could_be_partner(word, registry) and (
            company_score([word]) >= 3.0
            or (clause.kinds and word.particle in PARTNER_PARTICLES and evidence.company(word.core) >= 2
                and any(m.tag == "NNP" for m in word.morphs) and korean_name_score(word) < 2.5)
        ):
            key = registry.company(word.core, Span(clause.paragraph, word.core_start, word.core_end))
        if key is not None:
            clause.companies.append(CompanyMention(key, word.core_start, word.core_end, _role(word.particle, None)))

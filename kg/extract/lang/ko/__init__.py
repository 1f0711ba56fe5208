"""The Korean language pack."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.amounts import korean_amount
from kg.extract.dates.ko import KO_DATES
from kg.extract.document import Clause, Cue, Evidence, Word
from kg.extract.lang import LanguagePack, read_deal
from kg.extract.lang.ko import analysis, mentions
from kg.extract.lang.ko.names import is_official_head, split_fused, title_head, verbal
from kg.extract.lang.ko.topics import normalise, topic_phrases
from kg.extract.lang.ko.words import (
    AFFILIATE_ENDINGS,
    AMOUNT,
    CEREMONY,
    CUE_PATTERNS,
    DEAL_REF,
    LIST_JOINER,
    PARTNERSHIP_ENDED,
    PARTNERSHIP_KINDS,
    PARTNERSHIP_PLANNED,
    PARTNERSHIP_SIGNED,
    PRIOR_AFTER_DATE,
    QUOTED,
    REPORTING_AFTER_DATE,
    RIVAL,
)
from kg.extract.registry import Registry
from kg.model import Certainty

_LATIN_PREFIX = re.compile(r"^([A-Za-z]{2,})(?=[가-힣\s]|$)")
# words after a company's name, never after a person's: "이베르그리드 본사", "미래정밀 측"
_OF_A_COMPANY = frozenset({"등", "본사", "사옥", "측", "계열사", "자회사", "공장", "주가", "지분"})
_STANDALONE = frozenset(["은", "는", "이", "가", "와", "과", "의", "에", "에서", "와의", "과의", "와도", "과도", "로", "으로", "를", "을", "와는", "과는", "도", "측", "측은"])
# cues read in the text outside quotations: a quote's words are what someone said, not what happened
_OUTSIDE_QUOTES = frozenset({Cue.MEET, Cue.MEET_NOUN, Cue.DISCUSS, Cue.ACCOMPANY, Cue.PLANNED, Cue.NEGATED})


class Korean(LanguagePack):
    code = "ko"
    dates = KO_DATES
    locative = re.compile(
        r"([^\s]+(?:\s[^\s]+){0,5}?)(?:에서|을\s?(?:방문|찾)|를\s?(?:방문|찾)|에\s?있는|에\s?위치한|으로\s?(?:건너가|날아가))"
    )
    venue = re.compile(
        r"(?:^|\s)((?:[^\s]+\s)?본사|[^\s]*(?:사옥|호텔|타워|캠퍼스|연구소|공장|전당|센터|영빈관|본관|승지원))"
        r"(?=에서|을\s?방문|를\s?방문|을\s?찾|를\s?찾)"
    )
    list_joiner = LIST_JOINER
    rival = RIVAL
    deal_ref = DEAL_REF
    ceremony = CEREMONY

    def sentences(self, text: str, offset: int) -> list[tuple[int, int, list[Word]]]:
        # a name's last syllable Kiwi read as a particle is given back once here, for the evidence and the mentions
        return [(s, e, mentions.names_ending_like_particles(words)) for s, e, words in analysis.sentences(text, offset)]

    def read_mentions(self, clause: Clause, registry: Registry, evidence: Evidence) -> None:
        mentions.read_mentions(clause, registry, evidence)
        mentions.company_mentions(clause, registry, evidence)
        clause.unnamed_subject = _unnamed_subject(clause)

    def is_official_title(self, title: str) -> bool:
        head = title.split()[-1] if title.split() else title
        return is_official_head(re.sub(r"\(.*\)$", "", head)) or any(
            is_official_head(w) for w in title.split()
        )

    def is_title_word(self, text: str) -> bool:
        last = text.split()[-1] if text.split() else text
        return title_head(analysis.make_word(last, 0)) is not None

    def normalise_topics(self, sentence: str) -> str:
        return normalise(sentence)

    def evidence(self, words: list[Word]) -> Evidence:
        """How often each word stands alone with a particle, as company names do ("팔란티어와 KT는"), and how often
        it stands right before a title, as a family name does ("몬테로 CEO")."""
        companies: dict[str, int] = {}
        people: dict[str, int] = {}
        for i, w in enumerate(words):
            nxt = words[i + 1] if i + 1 < len(words) else None
            prev = words[i - 1] if i > 0 else None
            if not w.core:
                continue
            # alone before a title, after a phrase's end: "… 14일 몬테로 CEO와" (not "정하나 카카오 대표")
            alone = prev is None or prev.ends_phrase or verbal(prev) or not prev.core[:1].isalpha()
            if nxt is not None and not w.ends_phrase and title_head(nxt) is not None and split_fused(nxt) is None:
                if alone:
                    people[w.core] = people.get(w.core, 0) + 1
                continue
            if w.particle in _STANDALONE or (not w.particle and nxt is not None and nxt.core in _OF_A_COMPANY):
                companies[w.core] = companies.get(w.core, 0) + 1
        return Evidence(companies, people)

    def read_cues(self, clause: Clause) -> None:
        plain = QUOTED.sub(lambda m: " " * len(m.group(0)), clause.text)
        for cue, pattern in CUE_PATTERNS:
            m = pattern.search(plain if cue in _OUTSIDE_QUOTES else clause.text)
            if m is not None:
                clause.cues.add(cue)
                clause.cue_positions[cue] = clause.start + m.start()
        if Cue.HEDGED in clause.cues:
            clause.certainty = Certainty.SPECULATED
        read_deal(clause, plain, PARTNERSHIP_KINDS, PARTNERSHIP_SIGNED, PARTNERSHIP_PLANNED, PARTNERSHIP_ENDED)
        amount = AMOUNT.search(clause.text)
        clause.amount = korean_amount(amount) if amount else None

    def company_stem(self, name: str) -> str:
        return company_stem(name)

    def date_kind(self, clause: Clause, start: int, end: int) -> str:
        after = clause.text[end - clause.start:end - clause.start + 30]
        if re.match(r"부터", after):
            return "since"
        if re.match(r"까지", after):
            return "until"  # a deadline or a stay's end ("2027년까지 공급하는 계약", "15일까지 머물며"), no event's day
        if REPORTING_AFTER_DATE.match(after):
            return "reporting"
        if re.match(r"\s*(?:밝혔|말했|전했|발표했|설명했|공시했|공개했)", after):
            return "reporting"
        if PRIOR_AFTER_DATE.match(after):
            return "prior"
        return "event"

    def topic_phrases(self, clause: Clause) -> list[str]:
        return topic_phrases(clause.words, clause.text, clause.start)


def _unnamed_subject(clause: Clause) -> bool:
    """A subject or topic no mention names stands before the meeting word: "국내 주요 기업인들이 … 만나"."""
    cue = clause.cue_positions.get(Cue.MEET, clause.cue_positions.get(Cue.DISCUSS))
    if cue is None:
        return False
    named = [(m.start, m.end + 6) for m in clause.mentions]
    for w in clause.words:
        if w.core_start >= cue:
            break
        if (w.particle in ("이", "가", "은", "는", "께서") and not any(a <= w.core_start < b for a, b in named)
                and not w.predicate and w.core not in ("관심", "계획", "이번", "이날", "모습", "것")):
            return True
    return False


@cache
def company_stem(name: str) -> str:
    """What a company's group shares in its name: "SK하이닉스" -> "SK", "두산에너빌리티" -> "두산", "㈜두산" -> "두산",
    "현대차그룹" -> "현대"; a name without an affiliate ending is its own stem ("크래프톤")."""
    n = name.replace("㈜", "").replace("(주)", "").strip()
    m = _LATIN_PREFIX.match(n)
    if m and len(m.group(1)) < len(n):
        return m.group(1)
    for ending in AFFILIATE_ENDINGS:
        if n.endswith(ending) and len(n) - len(ending) >= 2:
            return n[: -len(ending)].strip()
    return n


@cache
def korean() -> Korean:
    return Korean()

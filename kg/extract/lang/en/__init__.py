"""The English language pack: the same events, dates and places as Korean, read in English word order."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.amounts import english_amount
from kg.extract.dates.en import EN_DATES
from kg.extract.document import Clause, Cue, Evidence, Word
from kg.extract.lang import LanguagePack, read_deal
from kg.extract.lang.en import analysis, mentions
from kg.extract.lang.en.words import (
    AMOUNT,
    COMPANY_SUFFIXES,
    CUE_PATTERNS,
    DATELINE_AFTER_DATE,
    DEAL_REF,
    LIST_JOINER,
    OFFICIAL_PHRASES,
    PARTNERSHIP_ENDED,
    PARTNERSHIP_KINDS,
    PARTNERSHIP_PLANNED,
    PARTNERSHIP_SIGNED,
    QUOTED,
    REPORTING_BEFORE_DATE,
    RIVAL,
    TITLE_WORDS,
)
from kg.extract.registry import Registry
from kg.model import Certainty

_OUTSIDE_QUOTES = frozenset({Cue.MEET, Cue.MEET_NOUN, Cue.DISCUSS, Cue.ACCOMPANY, Cue.PLANNED, Cue.NEGATED})
# "to discuss X", "discussed X", "talked about X", "focused on X": the object, up to the clause's end
_TOPIC = re.compile(
    r"\b(?:to discuss|discussed|discussing|discuss|talked about|talk about|focused on|focus on|discussion on|"
    r"agreed to|shared progress on|exchanged views on|(?:held )?talks on|to review|reviewed|to explore|explored)\s+"
    r"(?P<object>[^.;:\"“”]{3,160})", re.IGNORECASE)
# where a long object may be cut: before a place or a time ("… tools at Hoshida's fab", "… sites by the end of 2026")
_TOPIC_CUT = re.compile(r"\s(?:at|in|by|from|through|under|that|which|who|so that)\s")
_TOPIC_END = re.compile(r",\s(?:according|as|while|which|who|said|saying|a region|where)\b|"
                        r",\s(?:[\w'’]+\s){1,3}(?:said|says|added|noted|reported)\b|\s(?:according to|as well "
                        r"as|in (?:the|a) |during|ahead of|after|before|on (?:Monday|Tuesday|Wednesday|Thursday|"
                        r"Friday|Saturday|Sunday))\b")


class English(LanguagePack):
    code = "en"
    dates = EN_DATES
    # "in Seoul", "at TSMC's headquarters in Taipei, Taiwan", "to Beijing": the place, a venue before it
    locative = re.compile(r"((?:[^\s,.;]+)(?:[ ,]+[A-Z][^\s,.;]*){0,2})")
    venue = re.compile(r"\b(?:at|in)\s(?:the\s)?((?:[A-Z][\w'’&.\-]*\s){0,4}(?:Hotel|Tower|Campus|Center|Centre|"
                       r"Headquarters|headquarters|House|Palace|Residence))")
    list_joiner = LIST_JOINER
    rival = RIVAL
    deal_ref = DEAL_REF

    def sentences(self, text: str, offset: int) -> list[tuple[int, int, list[Word]]]:
        return analysis.sentences(text, offset)

    def read_mentions(self, clause: Clause, registry: Registry, evidence: Evidence) -> None:
        mentions.read_mentions(clause, registry, evidence)

    def evidence(self, words: list[Word]) -> Evidence:
        """How often each capitalised word stands as a sentence's subject or after a preposition, as company names
        do ("SK Hynix supplies", "with TSMC")."""
        companies: dict[str, int] = {}
        for i, w in enumerate(words):
            prev = words[i - 1].core.lower() if i else ""
            if w.core[:1].isupper() and (prev in ("with", "to", "by", "from", "and", "of") or w.particle == "'s"):
                companies[w.core] = companies.get(w.core, 0) + 1
        return Evidence(companies, {})

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
        clause.amount = english_amount(amount) if amount else None

    def is_official_title(self, title: str) -> bool:
        return bool(OFFICIAL_PHRASES.search(title + " X"))

    def is_title_word(self, text: str) -> bool:
        return bool(text.split()) and text.split()[-1].lower() in TITLE_WORDS

    def company_stem(self, name: str) -> str:
        return company_stem(name)

    def date_kind(self, clause: Clause, start: int, end: int) -> str:
        before = clause.text[:start - clause.start]
        if REPORTING_BEFORE_DATE.search(before[-50:]):
            return "reporting"
        after = clause.text[end - clause.start:end - clause.start + 20]
        if DATELINE_AFTER_DATE.match(after):
            return "reporting"
        if after.lower().lstrip().startswith(("since", "onward")):
            return "since"
        return "event"

    def topic_phrases(self, clause: Clause) -> list[str]:
        text = clause.text
        out: list[str] = []
        for m in _TOPIC.finditer(QUOTED.sub(" ", text)):
            obj = _TOPIC_END.split(m.group("object"))[0].strip(" ,")
            obj = re.sub(r"^(?:subjects related to|ways to|areas including|issues such as|the|a|an)\s", "", obj)
            for piece in re.split(r",\s(?:and\s)?|\sand\s(?=[a-z])", obj):
                piece = _shortened(re.sub(r"\s+", " ", piece).strip())
                if 3 <= len(piece) <= 80 and len(piece.split()) <= 10:
                    out.append(piece)
        return out


def _shortened(piece: str, words: int = 10) -> str:
    """A long object cut where a place, a time or a relative clause starts, after its first three words: "a pilot
    installation of Daon's cleaning tools at Hoshida's Kumamoto fab" -> "… cleaning tools"."""
    if len(piece.split()) <= words:
        return piece
    for m in _TOPIC_CUT.finditer(piece):
        if len(piece[:m.start()].split()) >= 3:
            return piece[:m.start()]
    return piece


@cache
def company_stem(name: str) -> str:
    """What a company's group shares: "SK Hynix" -> "SK", "LG Electronics" -> "LG", "Samsung Electronics" ->
    "Samsung", "Palantir Technologies" -> "Palantir"."""
    words = name.replace("'s", "").split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in COMPANY_SUFFIXES | {"group", "hynix", "motor"}:
        words.pop()
    if len(words) > 1 and words[0].isupper() and len(words[0]) <= 3:
        return words[0]
    return " ".join(words)


@cache
def english() -> English:
    return English()

"""What a language supplies to extraction, and the choice of pack for an article.

The algorithms (:mod:`kg.extract.events`, :mod:`kg.extract.registry`, the date selector) know no language. A pack
knows its language: how sentences end, what a word is made of (particles, stems), how news names a person
(the mention rules, in the language's word order), its cue words, titles, company endings and date rules.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

from kg.extract.dates import DateRules
from kg.extract.document import Evidence
from kg.read import detect_language as detect_language  # the reader's rule; extraction falls back to it

if TYPE_CHECKING:
    from kg.extract.document import Clause, Word
    from kg.extract.registry import Registry


class LanguagePack(ABC):
    code: str
    dates: DateRules
    locative: re.Pattern[str]  # a place and what locates an event there: "(서울 … 호텔)에서", "in (Seoul)"
    venue: re.Pattern[str]  # a venue without a known city: "승지원에서", "at the Shilla Hotel"
    list_joiner: re.Pattern[str]  # all that stands between two names of a list: ", ", " and ", "·"
    rival: re.Pattern[str]  # what makes the company after it a competitor, no partner: "rival", "경쟁사인"
    deal_ref: re.Pattern[str]  # a deal told before, named again: "이번 투자는", "The round was"

    @abstractmethod
    def sentences(self, text: str, offset: int) -> list[tuple[int, int, list[Word]]]:
        """The sentences of a paragraph (article offsets of start and end) with their words."""

    def evidence(self, words: list[Word]) -> Evidence:
        """How the article uses its words, as companies or as people (the mention rules weigh readings with it)."""
        return Evidence()

    @abstractmethod
    def read_mentions(self, clause: Clause, registry: Registry, evidence: Evidence) -> None:
        """Fill ``clause.mentions`` and ``clause.companies``, registering the people and companies found."""

    @abstractmethod
    def is_official_title(self, title: str) -> bool:
        """Whether a title is a government post ("대통령", "장관", "Prime Minister")."""

    def is_title_word(self, text: str) -> bool:
        """Whether a phrase ends in a title (such a phrase names a person, not a topic)."""
        return False

    def normalise_topics(self, sentence: str) -> str:
        """The sentence as the topic scheme is matched against it."""
        return sentence

    @abstractmethod
    def read_cues(self, clause: Clause) -> None:
        """Fill ``clause.cues`` (and where each stands) and ``clause.certainty``."""

    @abstractmethod
    def company_stem(self, name: str) -> str:
        """The part of a company's name its group shares ("SK하이닉스" -> "SK", "두산에너빌리티" -> "두산")."""

    @abstractmethod
    def date_kind(self, clause: Clause, start: int, end: int) -> str:
        """What a date in the clause dates: "event", "reporting" (업계에 따르면), "prior" (… 이후),
        "since" (…부터) or "until" (…까지)."""

    def topic_phrases(self, clause: Clause) -> list[str]:
        """Phrases the clause says were discussed or agreed, as written (objects of the discussion verbs)."""
        return []


def read_deal(clause: Clause, text: str, kinds: tuple[tuple[str, re.Pattern[str]], ...], signed: re.Pattern[str],
              planned: re.Pattern[str], ended: re.Pattern[str]) -> None:
    """The partnership kinds a clause names and what it says of them, from a pack's tables."""
    from kg.model import PartnershipStatus

    clause.kinds = [notation for notation, pattern in kinds if pattern.search(text)]
    if not clause.kinds:
        return
    if ended.search(text):
        clause.deal_status = PartnershipStatus.ENDED
    elif signed.search(text):
        clause.deal_status = PartnershipStatus.SIGNED
    elif planned.search(text):
        clause.deal_status = PartnershipStatus.PLANNED


def pack_for(language: str) -> LanguagePack:
    if language == "en":
        from kg.extract.lang.en import english

        return english()
    from kg.extract.lang.ko import korean

    return korean()

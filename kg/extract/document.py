"""What extraction reads a sentence into, once, before any rule decides anything.

A :class:`Clause` is one sentence analysed together: its words (with the language pack's morphology), the people
and companies it mentions, its cues (meeting, discussion, companions, negation, plans, hedges, ...), its dates, its
place and its topics. Rules then only read a clause and change the discourse (see :mod:`kg.extract.discourse`).
All offsets are article offsets (code points into ``Article.text``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from kg.extract.dates import DateMatch
from kg.model import Certainty, PartnershipStatus, PlaceFact, Span, TopicFact


@dataclass(frozen=True)
class Morph:
    form: str
    tag: str  # the pack's part of speech: Kiwi's Sejong tags for Korean ("NNP", "JKB", ...), "W" for plain words
    start: int
    end: int


@dataclass(frozen=True)
class Word:
    """A white-space delimited word (an eojeol in Korean) with its parts."""

    text: str
    start: int
    end: int
    core: str  # the word without leading punctuation, parentheticals, particle and trailing punctuation
    core_start: int
    core_end: int
    particle: str = ""  # "와도", "는", "의" ("" in languages without particles)
    parens: tuple[str, ...] = ()  # parentheticals: "(CEO)", "(Sam Hartwell)", "(030200)"
    trailing: str = ""  # punctuation after it: ",", ".", "”"
    morphs: tuple[Morph, ...] = ()
    predicate: bool = False  # holds a verb or adjective stem or an ending: never a name or a company

    @property
    def ends_phrase(self) -> bool:
        return bool(self.particle or self.trailing)


class Role(str, Enum):
    """What a mention is to its clause's predicate."""

    SUBJECT = "subject"  # 이/가/께서, the English subject
    TOPIC = "topic"  # 은/는: the one the sentence is about
    WITH = "with"  # 와/과 (comitative), "with", "and" inside a list that ends in one
    OBJECT = "object"  # 을/를, the English object
    GENITIVE = "genitive"  # 의 + a noun that is not a meeting: "A의 딸", "A's speech"
    COMPANION = "companion"  # "A와 함께", "accompanied by A"
    OTHER = "other"


@dataclass(frozen=True)
class Evidence:
    """How the whole article uses each word: as companies are used (standing alone with a particle: "팔란티어와
    KT는"), or as people are (right before a title: "몬테로 CEO"). Mention rules weigh readings with it."""

    companies: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)

    def company(self, word: str) -> int:
        return self.companies.get(word, 0)

    def person(self, word: str) -> int:
        return self.people.get(word, 0)


@dataclass(frozen=True)
class Mention:
    """A person named in a clause, with where and how."""

    person: str  # registry key
    start: int
    end: int  # the end of the name and title, before the particle
    role: Role
    also: bool = False  # 도 / "also": "A와도 만났다" is another encounter than the one before
    listed: bool = False  # one of a list joined by commas or 과/와 ("A, B, C 등과")
    kinship: bool = False  # the head of a kin noun ("A의 딸 B"): A is not there
    rule: str = ""  # the mention rule that read it

    @property
    def participates(self) -> bool:
        return self.role is not Role.GENITIVE and not self.kinship


@dataclass(frozen=True)
class CompanyMention:
    company: str  # registry key
    start: int
    end: int
    role: Role


class Cue(str, Enum):
    MEET = "meet"  # 만나다, 회동, 면담, met, held talks
    MEET_NOUN = "meet-noun"  # a meeting named as a thing: 회동, 만남, 자리, the meeting
    DISCUSS = "discuss"  # 논의, 의견을 나누다, discussed
    ACCOMPANY = "accompany"  # 동석, 배석, 동행, was also present, accompanied by
    SIT_IN = "sit-in"  # 동석, 배석, joined the meeting: at the meeting itself (동행 may be the trip only)
    ATTEND = "attend"  # 참석했다, attended (the event referred to)
    NEGATED = "negated"  # 만나지 않았다, 무산, denied
    PLANNED = "planned"  # 만날 예정, will meet, is set to meet
    HEDGED = "hedged"  # 것으로 보인다, 관측, reportedly
    TRIP = "trip"  # 출국, 방문길, 출장, a trip abroad
    VISIT = "visit"  # 방문해, 찾아, visited: a trip when the place is a country or a city
    GROUP_REF = "group-ref"  # 두 사람, 양측, 양사 CEO, the two
    THEN = "then"  # 당시: the meeting recalled before
    THIS = "this"  # 이번 회동, 이 자리, 이날 행사: the article's current meeting
    SEPARATE = "separate"  # 잇따라, 연쇄, 각각, respectively
    NEXT = "next"  # 이후, 이어, 그 뒤 at a clause's start: right after the meeting told before
    NOT_MEETING = "not-meeting"  # 초청, 연설, 기조연설, 패널: an invitation or a talk, not an encounter
    REPORT_ONLY = "report-only"  # 밝혔다 / 말했다 with a quote: what someone said, not what happened


@dataclass
class Clause:
    """One sentence, analysed once."""

    text: str
    start: int
    paragraph: int
    words: list[Word]
    mentions: list[Mention] = field(default_factory=list)
    companies: list[CompanyMention] = field(default_factory=list)
    cues: set[Cue] = field(default_factory=set)
    cue_positions: dict[Cue, int] = field(default_factory=dict)  # where each cue first stands (article offset)
    dates: list[tuple[DateMatch, str]] = field(default_factory=list)  # (match, kind: event | reporting | prior)
    place: PlaceFact | None = None
    topics: list[TopicFact] = field(default_factory=list)
    certainty: Certainty = Certainty.STATED
    unnamed_subject: bool = False  # a subject no mention names stands before the meeting word ("기업인들이")
    kinds: list[str] = field(default_factory=list)  # partnership kinds the clause names ("mou", "supply", ...)
    deal_status: PartnershipStatus = PartnershipStatus.ANNOUNCED  # what it says of them: signed, planned, ...
    amount: tuple[str, str] | None = None  # (decimal, ISO 4217 currency): "1321억원" -> ("132100000000", "KRW")

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def span(self) -> Span:
        return Span(self.paragraph, self.start, self.end)

    def has(self, *cues: Cue) -> bool:
        return any(c in self.cues for c in cues)

    def has_any_discussion(self) -> bool:
        """Whether the clause may say what was discussed (topics are read only then)."""
        return self.has(Cue.DISCUSS, Cue.MEET, Cue.THIS, Cue.GROUP_REF)

    @property
    def participants(self) -> list[Mention]:
        return [m for m in self.mentions if m.participates]

    def people(self) -> list[str]:
        """The people taking part, each once, in the order the clause names them."""
        return list(dict.fromkeys(m.person for m in self.participants))

    def event_dates(self) -> list[DateMatch]:
        return [m for m, kind in self.dates if kind == "event" and m.fact.resolved]

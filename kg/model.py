"""Plain typed records passed between the pipeline stages. No RDF here.

read (Article) -> extract (ArticleFacts) -> resolve (quads) -> store.

Offsets are character (code point) offsets into ``Article.text``, the article's NFC-normalised
text: ``article.text[p.start:p.end] == p.text`` always holds for every kept paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


class Language(str, Enum):
    """The languages extraction reads (a language pack each): ``kg ingest --language`` takes these values."""

    ko = "ko"
    en = "en"


class ParagraphRole(str, Enum):
    """What a kept paragraph is on its page."""

    HEADLINE = "headline"  # the article's headline: index 0
    SUBTITLE = "subtitle"  # a deck under the headline, or a heading inside the body
    BODY = "body"
    CAPTION = "caption"  # a photo's caption, alt text or figcaption


@dataclass(frozen=True)
class Paragraph:
    index: int  # 0 for the headline (Article.headline); the other kept paragraphs from 1 in page order, as citations show
    start: int
    end: int
    text: str
    role: ParagraphRole = ParagraphRole.BODY
    # Article offsets of what extraction must not read as words: inline widgets ("(171,600원 ▼2,000 -1.15%)",
    # "[email protected]", image file names) and line breaks inside the paragraph. ``text`` keeps them.
    masked: tuple[tuple[int, int], ...] = ()

    @property
    def reading(self) -> str:
        """``text`` as extraction reads it: each masked range a run of spaces of the same length, so that an
        offset into it is an offset into ``text``."""
        if not self.masked:
            return self.text
        chars = list(self.text)
        for start, end in self.masked:
            chars[start - self.start : end - self.start] = " " * (end - start)
        return "".join(chars)


@dataclass(frozen=True)
class Article:
    source: str  # where it came from: a file path, or "file.jsonl:LINE"
    text: str  # the whole normalised (NFC) text the offsets refer to
    paragraphs: tuple[Paragraph, ...]  # subtitles, body and captions in page order; chrome and repeats dropped
    content_hash: str  # "sha256:<hex>" of the kept paragraphs: the same article read twice has the same hash
    title: str | None = None
    publisher: str | None = None
    reporter: str | None = None
    url: str | None = None
    published: datetime | date | None = None  # datetime when the time of day is known
    published_from: str | None = None  # "text" | "url" | "metadata" | "option" | "caption": where the date came from
    warnings: tuple[str, ...] = ()  # e.g. "no publication date: relative dates stay unresolved"
    language: str | None = None  # "ko" | "en": the reader's guess from the text; None lets extraction decide
    # the headline as the page shows it (role headline, index 0): stored and citable like a paragraph, but apart
    # from ``paragraphs`` until extraction has rules of its own for headlines (a headline's clause is no report)
    headline: Paragraph | None = None
    # where the reader got it: the URL it was fetched from, else the file: URI of its file's resolved path
    # ("#line=N" for a JSON line); a URL the page claims for itself (<link rel=canonical>) is not its origin
    origin: str | None = None

    @property
    def identity(self) -> str:
        """What makes two versions the same article: its origin, else its URL, else its source."""
        return self.origin or self.url or self.source

    @property
    def published_date(self) -> date | None:
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True)
class ReadFailure:
    """An input item that could not be read; a batch reports it and goes on."""

    source: str
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.problem}"


class Certainty(str, Enum):
    STATED = "stated"
    SPECULATED = "speculated"


class MeetingStatus(str, Enum):
    OCCURRED = "occurred"
    PLANNED = "planned"


class PartnershipStatus(str, Enum):
    ANNOUNCED = "announced"  # agreed and public, no signing reported ("협력하기로 했다", "are working on")
    SIGNED = "signed"  # a contract or memorandum signed ("양해각서를 체결했다", "signed an MOU")
    PLANNED = "planned"  # being prepared or considered ("추진 중", "검토", "plans to")
    ENDED = "ended"  # ended or terminated


class Precision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class Span:
    """Where a fact was read: a paragraph (its index: 0 for the headline) and a character range in the article text."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class DateFact:
    """A (possibly uncertain) date: the most precise known value and closed bounds.

    ``value`` is ISO: "YYYY-MM-DD", "YYYY-MM" or "YYYY", with ``precision`` saying which: the smallest
    period that contains the bounds ("지난주 초" -> "2025-07", bounds 07-14..07-16). ``earliest``/``latest``
    lie inside the value's period and equal it for a plain day, month or year. A range across a year boundary
    has bounds but no value. ``resolved`` is False when the expression was relative and the article has no
    publication date (then value and bounds are None).
    """

    text: str  # as written, e.g. "지난주 초"
    value: str | None
    precision: Precision | None
    earliest: date | None
    latest: date | None
    resolved: bool = True
    span: Span | None = None


@dataclass(frozen=True)
class CompanyFact:
    key: str  # article-local key
    name: str  # as first written, e.g. "SK하이닉스"
    reference_id: str | None  # local name of the reference company (ID "org/<reference_id>") when known
    spans: tuple[Span, ...] = ()
    group: str = ""  # the company's group: a reference company id ("sk-group") or "stem:<name stem>" ("stem:세진")
    english: str | None = None  # an English name the article or the reference data gives
    government: bool = False  # a body of a government ("산업통상자원부"): its people are officials


@dataclass(frozen=True)
class PersonFact:
    key: str  # article-local key
    name: str  # full name as first written ("존 스미스")
    company: str | None  # CompanyFact.key; None for an official without a named body ("이재성 대통령")
    title: str | None  # as written ("대표이사 사장")
    certainty: Certainty = Certainty.STATED
    spans: tuple[Span, ...] = ()  # the full mention first, then references ("최 회장")
    english: str | None = None  # a romanisation the article gives ("Sam Hartwell")
    official: bool = False  # holds a post in a government, not in a company


@dataclass(frozen=True)
class PlaceFact:
    text: str  # as written, "미국 마운틴뷰 구글 본사"
    venue: str | None  # "구글 본사"
    city: str | None  # reference place local id ("san-francisco") or None
    city_name: str | None  # as written ("샌프란시스코")
    country: str | None  # reference place local id ("united-states") or None
    span: Span | None = None


@dataclass(frozen=True)
class TopicFact:
    text: str  # as written, "고대역폭 메모리(HBM) 공급"
    concept: str | None  # SKOS concept local id in topics.ttl ("hbm"), None for a new topic
    certainty: Certainty
    span: Span


@dataclass(frozen=True)
class Attendance:
    person: str  # PersonFact.key
    principal: bool  # one of the two sides that met, not an accompanying attendee
    certainty: Certainty
    span: Span


@dataclass(frozen=True)
class MeetingFact:
    key: str
    attendances: tuple[Attendance, ...]
    status: MeetingStatus
    certainty: Certainty
    date: DateFact | None = None
    place: PlaceFact | None = None
    topics: tuple[TopicFact, ...] = ()
    evidence: tuple[Span, ...] = ()  # every passage reporting this meeting

    @property
    def attendees(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.person for a in self.attendances))

    @property
    def principals(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.person for a in self.attendances if a.principal))


@dataclass(frozen=True)
class PartnershipFact:
    """What two or more companies agreed, as one article reports it."""

    key: str
    partners: tuple[str, ...]  # CompanyFact keys, two or more
    kinds: tuple[str, ...]  # notations of the partnership-kinds scheme: "mou", "supply", "investment", ...
    status: PartnershipStatus
    certainty: Certainty
    date: DateFact | None = None
    topics: tuple[TopicFact, ...] = ()
    amount: str | None = None  # a decimal, in ``currency``: "132100000000"
    currency: str | None = None  # ISO 4217: "KRW", "USD"
    agreed_at: str | None = None  # MeetingFact.key of the meeting or signing where it was agreed
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class ArticleFacts:
    article: Article
    companies: tuple[CompanyFact, ...] = ()
    people: tuple[PersonFact, ...] = ()
    meetings: tuple[MeetingFact, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what the extractor could not resolve, for the user
    partnerships: tuple[PartnershipFact, ...] = ()

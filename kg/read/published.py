"""Publication dates: where a page gives them (timestamp lines, labels, bylines, datelines, a crawler's marker,
a caption's stamp, meta tags), the URL's, and the choice between them.

The order of trust, each used only when the ones before it give nothing:

1. the caller's option (``kg ingest --published``);
2. the record's own ``published`` field (a JSON line's, a capture header's), given the time of day by the page's
   timestamp for that day;
3. the page's publication line: a labeled one ("입력 2025.10.01 14:32", "Published: 26 Mar. 2025, 17:49",
   "By Mar 09, 2025", "기사원문 2026-02-13 15:35", a wire dateline "SEOUL, Jan. 29, 2026 /PRNewswire/"),
   else a timestamp line below the headline ("Aug 20, 2025, 08:40 am"), else one above it;
4. the page's meta tags (``article:published_time``, ``datePublished``);
5. the crawler's " date 2025-10-30" marker at the top of a capture, and the URL's date, when plausible. The two
   usually agree; when they do not, the one whose day the text names ("29일", "on the 29th") wins, else the
   marker (a search engine's date can be a print edition's, a day late);
6. the latest date stamp of a caption ("… 악수하고 있다. 2025.10.1"): when nothing else exists, a photo's day
   anchors the article's relative dates.

A URL date is plausible when the page's caption stamps (photos are dated on or before publication) are within
a few days of it, or there are none: a spam mirror's URL date years before the photos is not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from kg.read import en, ko

NO_DATE_WARNING = "no publication date: relative dates will stay unresolved"

_ONLY_PUNCT_RE = re.compile(r"^[\W\d_]*$")
Stamp = date | datetime


def _with_time(day: date, hour: str | None, minute: str | None, second: str | None, ampm: str | None) -> Stamp:
    if hour is None or minute is None:
        return day
    h, mi, s = int(hour), int(minute), int(second) if second else 0
    noon = (ampm or "").lower().replace(".", "")
    if noon in ("오후", "pm") and h < 12:
        h += 12
    elif noon in ("오전", "am") and h == 12:
        h = 0
    try:
        return datetime(day.year, day.month, day.day, h, mi, s)
    except ValueError:
        return day


def _to_datetime(m: re.Match[str]) -> Stamp | None:
    """A match of :data:`kg.read.ko.DATE_RE` (Korean and ISO forms) -> its date or date-time."""
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _with_time(day, m["H"], m["M"], m["S"], m["ampm"])


def _en_to_datetime(m: re.Match[str]) -> Stamp | None:
    """A match of :data:`kg.read.en.DATE_RE` ("26 Mar. 2025, 17:49", "Mar 09, 2025") -> its date or date-time."""
    name = (m["mon1"] or m["mon2"]).lower()
    month = en.MONTHS.get(name[:4]) or en.MONTHS.get(name[:3])
    try:
        day = date(int(m["y"]), month or 0, int(m["d1"] or m["d2"]))
    except ValueError:
        return None
    return _with_time(day, m["H"], m["M"], m["S"], m["ampm"])


def _matches(line: str) -> Iterable[tuple[re.Match[str], Stamp | None, bool]]:
    """Every date written in ``line``: its match, value and whether it is an English form."""
    for m in ko.DATE_RE.finditer(line):
        yield m, _to_datetime(m), False
    for m in en.DATE_RE.finditer(line):
        yield m, _en_to_datetime(m), True


@dataclass(frozen=True)
class DateHit:
    value: Stamp
    labeled: bool  # preceded by a publication label (입력, 등록, 승인, Published, By, ...)


def dates_in_line(line: str) -> list[DateHit]:
    """Publication-date candidates in a line, in order; dates labeled as updates (수정, UPDATED) excluded."""
    hits: list[tuple[int, DateHit]] = []
    for m, value, english in _matches(line):
        if value is None:
            continue
        before = line[max(0, m.start() - 14) : m.start()]
        update, label = (en.UPDATE_LABEL_RE, en.PUBLICATION_LABEL_RE) if english else (ko.UPDATE_LABEL_RE, ko.PUBLICATION_LABEL_RE)
        if update.search(before) or ko.UPDATE_LABEL_RE.search(before):
            continue
        after = line[m.end() :]
        labeled = label.search(before) or ko.PUBLICATION_LABEL_RE.search(before) or en.BY_LABEL_RE.match(line[: m.start()])
        # a label after the date counts only without one before it: in "입력 D1 수정 D2", 수정 is D2's
        if not labeled and ko.UPDATE_LABEL_AFTER_RE.match(after):
            continue
        labeled = labeled or ko.PUBLICATION_LABEL_AFTER_RE.match(after)
        hits.append((m.start(), DateHit(value, bool(labeled))))
    return [hit for _, hit in sorted(hits, key=lambda h: h[0])]


def strip_dates(text: str) -> str:
    return en.DATE_RE.sub(" ", ko.DATE_RE.sub(" ", text))


def is_date_line(text: str) -> bool:
    """A line that is only dates/times (with at most a label): a timestamp block."""
    if not (ko.DATE_RE.search(text) or en.DATE_RE.search(text)):
        return False
    rest = en.DATE_LINE_LABEL_RE.sub(" ", ko.DATE_LINE_LABEL_RE.sub(" ", strip_dates(text)))
    return bool(_ONLY_PUNCT_RE.match(rest))


def dateline_date(line: str) -> Stamp | None:
    """The date of a wire release's dateline opening ``line`` ("SEOUL, South Korea, Jan. 29, 2026 /PRNewswire/")."""
    m = en.DATELINE_RE.match(line[:160])
    return parse_date(m["date"]) if m else None


def parse_date(text: str) -> Stamp | None:
    """A date or date-time written in one of the forms news sites (or ISO 8601) use, else None."""
    text = text.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if len(text) <= 10:
            return value.date()
        return value.replace(tzinfo=None) if value.tzinfo else value
    except ValueError:
        pass
    found = [(m.start(), value) for m, value, _ in _matches(text) if value is not None]
    return min(found, key=lambda f: f[0])[1] if found else None


# The crawler's marker opening a capture: " date 2025-10-30 <the page's first line>".
CRAWLER_MARKER_RE = re.compile(r"^\s*date\s+(?P<date>(?:19|20)\d{2}-\d{2}-\d{2})(?:\s+|$)")


def crawler_marker(line: str) -> tuple[date, int] | None:
    """The date of a crawler's " date YYYY-MM-DD" marker opening ``line`` and where the line's text resumes."""
    m = CRAWLER_MARKER_RE.match(line)
    if not m:
        return None
    try:
        return date.fromisoformat(m["date"]), m.end()
    except ValueError:
        return None


def day_mentions(text: str) -> set[int]:
    """The days of the month a text names on their own ("29일", "on the 6th", "March 8"): its day references."""
    days = {int(m["d"]) for m in ko.DAY_RE.finditer(text)}
    days |= {int(m["d"] or m["nth"]) for m in en.DAY_RE.finditer(text)}
    return {d for d in days if 1 <= d <= 31}


# An agency's stamp on a photo: "2025.3.7.", "2025. 6. 20" (not a date a caption's sentence names, "2024년 6월 5일").
_STAMP_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})\.\s?(\d{1,2})\.\s?(\d{1,2})(?![\d])")


def stamps_in(line: str) -> list[date]:
    """The days a caption is stamped with ("2025.3.7.") or, in English, dated ("on Wednesday, Jan. 8, 2025")."""
    out = []
    for m in _STAMP_RE.finditer(line):
        try:
            out.append(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            continue
    for m in en.DATE_RE.finditer(line):
        if (value := _en_to_datetime(m)) is not None:
            out.append(value.date() if isinstance(value, datetime) else value)
    return out


_URL_YMD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/\-_.](\d{1,2})[/\-_.](\d{1,2})(?!\d)")
_URL_DIGITS_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})\d*")


def date_from_url(url: str | None) -> date | None:
    """The publication day many news URLs carry (/20251031/, /2025/10/31/, NISX20250204_..., ids)."""
    if not url:
        return None
    parts = urlsplit(url)
    where = f"{parts.path}?{parts.query}"
    for regex in (_URL_YMD_RE, _URL_DIGITS_RE):
        for m in regex.finditer(where):
            try:
                day = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            if 1990 <= day.year <= 2100:
                return day
    return None


# A caption stamp this many days from a URL date agrees with it: agencies stamp a photo the day it is sent.
_STAMP_SLACK_DAYS = 3


@dataclass
class DateEvidence:
    """Every publication-date candidate a page gave, by where it came from."""

    option: Stamp | None = None
    metadata: Stamp | None = None  # the record's or the capture header's ``published``
    text: Stamp | None = None  # the page's publication line
    markup: Stamp | None = None  # the page's meta tags
    crawler: date | None = None  # a crawler's " date" marker
    url: date | None = None
    captions: list[date] = field(default_factory=list)
    days: set[int] = field(default_factory=set)  # the text's day references

    def url_is_plausible(self) -> bool:
        if self.url is None:
            return False
        return not self.captions or any(abs((c - self.url).days) <= _STAMP_SLACK_DAYS for c in self.captions)


def _crawler_or_url(ev: DateEvidence) -> tuple[Stamp | None, str | None]:
    url = ev.url if ev.url_is_plausible() else None
    if ev.crawler is not None and url is not None and ev.crawler != url:
        named = [(value, where) for value, where in ((ev.crawler, "text"), (url, "url")) if value.day in ev.days]
        if len(named) == 1:
            return named[0]
    if ev.crawler is not None:
        return ev.crawler, "text"
    return (url, "url") if url is not None else (None, None)


def choose_published(ev: DateEvidence) -> tuple[Stamp | None, str | None]:
    """The publication date and where it came from ("option", "metadata", "text", "url", "caption"), in the order
    of trust of this module's docstring. None, None when there is no date anywhere."""
    if ev.option is not None:
        return ev.option, "option"
    if ev.metadata is not None:
        # Metadata often has the day only; the page's own timestamp for that day adds the time.
        if not isinstance(ev.metadata, datetime) and isinstance(ev.text, datetime) and ev.text.date() == ev.metadata:
            return ev.text, "text"
        return ev.metadata, "metadata"
    if ev.text is not None:
        return ev.text, "text"
    if ev.markup is not None:
        return ev.markup, "metadata"
    found = _crawler_or_url(ev)
    if found[0] is not None:
        return found
    if ev.captions:
        return max(ev.captions), "caption"
    return None, None


def published_in_metas(metas: dict[str, str]) -> Stamp | None:
    """The publication date a page's meta tags give (:data:`META_DATE_NAMES`, in that order)."""
    for name in META_DATE_NAMES:
        value = metas.get(name)
        if value and (found := parse_date(value)) is not None:
            return found
    return None


# Meta tags (property, name or itemprop) that carry a page's publication date, most specific first.
META_DATE_NAMES = (
    "article:published_time", "og:article:published_time", "datepublished", "article.published", "pubdate",
    "publishdate", "publish-date", "publish_date", "dc.date.issued", "dcterms.issued", "sailthru.date",
    "parsely-pub-date", "date",
)  # fmt: skip

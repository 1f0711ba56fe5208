"""Page text -> :class:`kg.model.Article`: the kept paragraphs with their roles and exact offsets, title, outlet,
reporter, publication date and language.

Scraped news text is full of page chrome (share widgets, font-size pickers, bylines, comment rules,
latest-news lists), markup and repeats of its body. This module keeps what a reader of the page sees as the
article: its headline, subtitles, body and captions once each, with exact offsets into the NFC-normalised
text (markup made text first, :mod:`kg.read.markup`), plus the title, publisher, reporter, URL, publication
date-time and language. The lines are classified by :mod:`kg.read.scanner`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.model import Article, Paragraph, ParagraphRole
from kg.read.language import detect_language
from kg.read.lines import squash
from kg.read.markup import has_markup, render
from kg.read.outlets import outlet_for_host
from kg.read.published import (
    NO_DATE_WARNING,
    DateEvidence,
    choose_published,
    date_from_url,
    day_mentions,
    parse_date,
    published_in_metas,
)
from kg.read.scanner import Kept, Meta, Scanner
from kg.read.text import clean_field, normalise, refuse_nul
from kg.read.widgets import masked_spans

# A news article is a few hundred lines. Past this many non-blank lines the rest of a text is not read (a warning
# says so): a 5 MiB file of one-character lines is then read in seconds, not minutes.
MAX_LINES = 20_000


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` with where it starts, without holding a list of them all."""
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield start, text[start:end]
        start = end + 1
    yield start, text[start:]


def _scan(scanner: Scanner, text: str) -> tuple[list[Kept], Meta]:
    count = 0
    for start, raw in _lines(text):
        if not raw or raw.isspace():
            continue
        count += 1
        if count > MAX_LINES:
            scanner.meta.cut = True
            break
        if not scanner.line(raw, start):
            break
    return scanner.finish(), scanner.meta


_HEADER_RE = re.compile(r"\A(?:[A-Za-z_][\w-]*:[^\n]*\n)+---[ \t]*\n")


@dataclass(frozen=True)
class Known:
    """What the caller knows of a page besides its text."""

    source: str  # for messages: the file (and line) as the user named it
    url: str | None = None  # where it was fetched from: the caller's, a record's or the text header's url
    page_url: str | None = None  # the URL the page claims for itself (<link rel=canonical>): shown, not trusted
    origin: str | None = None  # the file it came from, as a file: URI ("#line=N" for a JSON line)
    title: str | None = None
    publisher: str | None = None
    reporter: str | None = None
    metadata_date: date | datetime | None = None  # a record's (or a capture header's) date
    markup_date: date | datetime | None = None  # the date the page's meta tags give
    option_date: date | datetime | None = None  # the caller's, overriding every other
    warnings: tuple[str, ...] = ()
    # the captions the page's markup names (whitespace collapsed), for text another tool rendered from it
    caption_keys: frozenset[str] = field(default_factory=frozenset)


def _with_header(known: Known, text: str) -> tuple[Known, str]:
    """A leading ``key: value`` block ended by ``---`` (the corpus' url header): its fields fill what the caller
    did not give, and the text is what follows it."""
    m = _HEADER_RE.match(text)
    if not m:
        return known, text
    fields: dict[str, str] = {}
    for line in m.group(0).splitlines()[:-1]:
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    date_field = fields.get("published")
    return replace(
        known,
        url=known.url or fields.get("url") or None,
        title=known.title or fields.get("title") or None,
        publisher=known.publisher or fields.get("publisher") or None,
        metadata_date=known.metadata_date or (parse_date(date_field) if date_field else None),
    ), text[m.end() :]


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:  # "http://[" and other URLs that do not split: no host
        return None


def _publisher(given: str | None, meta: Meta, url: str | None) -> str | None:
    """The caller's publisher, else the byline's, else the outlet of the URL's host or a byline e-mail's."""
    publisher = given or meta.publisher
    host = _host(url)
    if publisher is None and host:
        publisher = outlet_for_host(host)
    for email in meta.emails:
        if publisher is not None:
            break
        publisher = outlet_for_host(email.rsplit("@", 1)[1])
    return publisher


def _paragraph(k: Kept, index: int) -> Paragraph:
    """A kept line as a paragraph, with what extraction must not read (inline widgets, line breaks) masked."""
    masked = tuple(sorted([*k.breaks, *masked_spans(k.text, k.start)]))
    return Paragraph(index, k.start, k.end, k.text, k.role, masked)


def _markup_to_text(text: str, known: Known) -> tuple[str, dict[int, ParagraphRole], Known]:
    """Text with markup in it -> the text a browser shows, the roles its markup gives lines, and the date of its
    meta tags."""
    if not has_markup(text):
        return text, {}, known
    rendered = render(text)
    markup_date = known.markup_date or published_in_metas(rendered.metas)
    return rendered.text, rendered.hints(), replace(known, markup_date=markup_date)


def build(text: str, known: Known) -> Article:
    """Page text and what the caller knows of it -> Article. Raises :class:`InputError` for a NUL in the text
    and when no article text is left."""
    refuse_nul(text, known.source)
    known, text = _with_header(known, normalise(text))
    text, hints, known = _markup_to_text(text, known)
    if not text.strip():
        raise InputError(known.source, "empty: no text to read")
    title = clean_field(squash(known.title)) if known.title else None
    scanner = Scanner(text, title, hints, known.caption_keys)
    kept, meta = _scan(scanner, text)
    notes = list(known.warnings)
    if meta.cut:
        notes.append(f"only the first {MAX_LINES:,} lines were read: a news article has a few hundred")
    paragraphs = tuple(_paragraph(k, i) for i, k in enumerate(kept, start=1))
    if not paragraphs:
        raise InputError(known.source, "no article text: every line looked like page boilerplate")
    headline = _paragraph(scanner.headline, 0) if scanner.headline is not None else None
    every = (headline, *paragraphs) if headline is not None else paragraphs
    words = "\n".join(p.text for p in every)
    url = clean_field(known.url) or clean_field(known.page_url)
    published, source_of_date = choose_published(
        DateEvidence(
            option=known.option_date, metadata=known.metadata_date, text=meta.text_date, markup=known.markup_date,
            crawler=meta.crawler_date, url=date_from_url(url), captions=meta.caption_dates,
            days=day_mentions(words),
        )  # fmt: skip
    )
    if published is None:
        notes.append(NO_DATE_WARNING)
    lines = [meta.title or "", *(f"{p.role.value}\t{p.text}" for p in every)]
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return Article(
        source=known.source,
        text=text,
        paragraphs=paragraphs,
        content_hash=f"sha256:{digest}",
        title=meta.title,
        publisher=clean_field(_publisher(known.publisher, meta, url)),
        reporter=clean_field(known.reporter) or meta.reporter,
        url=url,
        published=published,
        published_from=source_of_date,
        warnings=tuple(dict.fromkeys(notes)),
        language=detect_language(words),
        headline=headline,
        # a URL the page claims for itself is not where it came from: it would let one page replace another
        origin=clean_field(known.url) or known.origin or known.source,
    )


def read_text(
    text: str,
    *,
    source: str,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    published: date | datetime | None = None,
) -> Article:
    """Scraped article text -> Article. ``published`` (a caller's option) overrides the text's own date.

    Raises :class:`InputError` when there is no text at all.
    """
    return build(text, Known(source, url=url, title=title, publisher=publisher, option_date=published))

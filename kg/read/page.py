"""Page text -> :class:`kg.model.Article`: the kept paragraphs with exact offsets, title, outlet, reporter and
publication date.

Scraped news text is full of page chrome (share widgets, font-size pickers, bylines, comment rules,
latest-news lists) and often repeats its body. This module keeps what a reader of the page sees as the
article: the body paragraphs once, with exact offsets into the NFC-normalised text, plus the title,
publisher, reporter, URL and publication date-time. The rules are patterns of Korean news sites in
general, not of any one article (:mod:`kg.read.lines`, with the words in :mod:`kg.read.ko`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.model import Article, Paragraph
from kg.read.ko import DATE_RE, END_RE, POINTER_PREFIXES, TIP_BLOCK_PREFIXES, TIP_HEADING_RE, TIP_WORDS
from kg.read.lines import (
    BULLET_RE,
    EMAIL_RE,
    ONLY_PUNCT_RE,
    byline,
    is_chrome,
    looks_like_title,
    reporter_line,
    same_headline,
    squash,
    trim_credits,
)
from kg.read.outlets import outlet_for_host
from kg.read.published import NO_DATE_WARNING, choose_published, dates_in_line, is_date_line, parse_date
from kg.read.text import clean_field, normalise, refuse_nul


@dataclass
class _Meta:
    title: str | None = None
    publisher: str | None = None
    reporter: str | None = None
    labeled_date: date | datetime | None = None
    unlabeled_before_title: list[date | datetime] = field(default_factory=list)
    unlabeled_after_title: list[date | datetime] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    cut: bool = False  # the text had more lines than are read

    @property
    def text_date(self) -> date | datetime | None:
        """The page's own date: the first labeled one (입력 …), else the first timestamp below the headline,
        else the first above it."""
        unlabeled = self.unlabeled_after_title or self.unlabeled_before_title
        return self.labeled_date or next(iter(unlabeled), None)


@dataclass(frozen=True)
class _Kept:
    start: int
    end: int
    text: str


def _content(raw: str, line_start: int) -> tuple[str, int] | None:
    """A line's text without surrounding space and leading bullets, and where it starts; None when nothing
    but punctuation (and no date) is left."""
    lead = len(raw) - len(raw.lstrip())
    content = raw.strip()
    if not content:
        return None
    bullet = BULLET_RE.match(content)
    if bullet and bullet.end() < len(content):
        lead += bullet.end()
        content = content[bullet.end() :].strip()
    if not content or ONLY_PUNCT_RE.match(content) and not DATE_RE.search(content):
        return None
    return content, line_start + lead


def _image_close(content: str) -> int | None:
    """Where the "](URL)" that ends a markdown image link starts; None when the line does not end with one."""
    close = content.rfind("](")
    if close == -1 or not content.endswith(")"):
        return None
    url = content[close + 2 : -1]
    return close if url and not any(ch.isspace() for ch in url) else None


# A "![" whose "](URL)" has not come after this many lines was not an image link: its lines are read as text.
_MAX_IMAGE_LINES = 12


class _Scanner:
    """Classifies the lines of a page one by one: boilerplate (dropped, mined for metadata) or body (kept with
    offsets). Its state is where in the page it is: before or after the headline, in the body, in a tip block."""

    def __init__(self, known_title: str | None) -> None:
        self.known_title = known_title
        self.meta = _Meta(title=known_title)
        self.kept: list[_Kept] = []
        self.seen: set[str] = set()
        self.title_key = squash(known_title) if known_title else None
        self.title_seen = False
        self.body_started = False
        self.in_tip_block = False
        self.image_lines = 0  # lines left to the end of a markdown image link's caption; 0 outside one

    def line(self, raw: str, line_start: int) -> bool:
        """Takes one line; False when it ends the article (a "latest news" heading after the body)."""
        found = _content(raw, line_start)
        if found is None:
            return True
        content, start = found
        in_image = bool(self.image_lines) or content.startswith("![")
        if in_image:
            found = self._caption_of_image(content, start)
            if found is None:
                return True
            content, start = found
        if "@" in content:
            self.meta.emails.extend(EMAIL_RE.findall(content))
        self._dates(content)
        if self.body_started and END_RE.match(content):
            return False
        if self._is_tip(content):
            return True
        reporter = reporter_line(content)
        if reporter:
            if not in_image:  # a photo agency's credit in a caption is not the article's reporter
                self.meta.reporter = self.meta.reporter or reporter
            return True
        trimmed = trim_credits(content)
        caption = in_image or trimmed != content  # a line with a photo credit is a caption, never the headline
        if not is_chrome(content, trimmed) and not self._is_headline(content, caption=caption):
            self._keep(start, trimmed, bylines=not in_image)
        return True

    def _caption_of_image(self, content: str, start: int) -> tuple[str, int] | None:
        """The part of a line that is a markdown image link's caption ("![caption](https://…jpg)", on one line
        or over several), and where it starts; None when nothing of the line is caption."""
        if content.startswith("![") and not self.image_lines:
            content, start = content[2:], start + 2
            self.image_lines = _MAX_IMAGE_LINES
        close = _image_close(content)
        if close is not None:
            content = content[:close]
            self.image_lines = 0
        else:
            self.image_lines -= 1
        stripped = content.strip()
        return (stripped, start + len(content) - len(content.lstrip())) if stripped else None

    def _dates(self, content: str) -> None:
        """Dates: labeled anywhere in a short line; unlabeled only on timestamp/byline lines."""
        if len(content) >= 100:
            return
        for hit in dates_in_line(content):
            if hit.labeled:
                if self.meta.labeled_date is None:
                    self.meta.labeled_date = hit.value
            elif is_date_line(content) or reporter_line(content):
                meta = self.meta
                bucket = meta.unlabeled_after_title if self.title_seen else meta.unlabeled_before_title
                bucket.append(hit.value)

    def _is_tip(self, content: str) -> bool:
        """A line of a news-tip block ("■ 제보하기", "▷ 카카오톡 : …") or a pointer to tips or subscriptions."""
        if TIP_HEADING_RE.match(content):
            self.in_tip_block = True
            return True
        if self.in_tip_block:
            if content.startswith(TIP_BLOCK_PREFIXES) or any(w in content for w in TIP_WORDS):
                return True
            self.in_tip_block = False
        return content.startswith(POINTER_PREFIXES) and (
            any(w in content for w in TIP_WORDS) or "：" in content or ":" in content
        )

    def _is_headline(self, content: str, *, caption: bool) -> bool:
        """The page's headline (taken as the title when none was given): not a paragraph. A caption, or a line
        that opens with a reporter's byline ("[뉴스토마토 이지은 기자] 김영섭"), is no headline."""
        key = squash(content)
        if not self.body_started and not caption and looks_like_title(content) and not _names_reporter(content):
            if self.meta.title is None and not self.kept:
                self.meta.title = content
                self.title_key = key
            elif self.known_title and not self.title_seen and same_headline(content, self.known_title):
                self.title_seen = True  # the page's headline, worded a little differently from the given title
                return True
        if self.title_key is not None and key == self.title_key:
            self.title_seen = True
            return True
        return False

    def _keep(self, start: int, trimmed: str, *, bylines: bool) -> None:
        key = squash(trimmed)
        if key in self.seen:
            return
        self.seen.add(key)
        self.kept.append(_Kept(start, start + len(trimmed), trimmed))
        if len(trimmed) >= 30:
            self.body_started = True
            self.title_seen = True  # the headline, if any, is above the body
        found = byline(trimmed) if bylines else None
        if found:
            self.meta.publisher = self.meta.publisher or found[0]
            self.meta.reporter = self.meta.reporter or found[1]


def _names_reporter(line: str) -> bool:
    found = byline(line)
    return found is not None and found[1] is not None


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


def _scan(text: str, known_title: str | None) -> tuple[list[_Kept], _Meta]:
    scanner = _Scanner(known_title)
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
    return scanner.kept, scanner.meta


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
    metadata_date: date | datetime | None = None  # a record's or the page markup's date
    option_date: date | datetime | None = None  # the caller's, overriding every other
    warnings: tuple[str, ...] = ()


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


def _publisher(given: str | None, meta: _Meta, url: str | None) -> str | None:
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


def build(text: str, known: Known) -> Article:
    """Page text and what the caller knows of it -> Article. Raises :class:`InputError` for a NUL in the text
    and when no article text is left."""
    refuse_nul(text, known.source)
    known, text = _with_header(known, normalise(text))
    if not text.strip():
        raise InputError(known.source, "empty: no text to read")
    title = clean_field(squash(known.title)) if known.title else None
    kept, meta = _scan(text, title)
    notes = list(known.warnings)
    if meta.cut:
        notes.append(f"only the first {MAX_LINES:,} lines were read: a news article has a few hundred")
    url = clean_field(known.url) or clean_field(known.page_url)
    published, source_of_date = choose_published(
        option=known.option_date, metadata=known.metadata_date, text=meta.text_date, url=url
    )
    if published is None:
        notes.append(NO_DATE_WARNING)
    paragraphs = tuple(Paragraph(i, k.start, k.end, k.text) for i, k in enumerate(kept, start=1))
    if not paragraphs:
        raise InputError(known.source, "no article text: every line looked like page boilerplate")
    digest = hashlib.sha256("\n".join([meta.title or "", *(p.text for p in paragraphs)]).encode()).hexdigest()
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

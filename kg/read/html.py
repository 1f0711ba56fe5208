"""Markup -> text: trafilatura finds a page's main text and its metadata (title, site, author, date, URL)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from kg.errors import InputError
from kg.model import Article
from kg.read.lines import HTML_TAG_RE, strip_reporter_word
from kg.read.outlets import outlet_for_host
from kg.read.page import Known, build
from kg.read.published import parse_date
from kg.read.text import refuse_nul

# trafilatura's time grows with the square of a page's elements (100,000 sibling paragraphs: 111 s; 25,000:
# 8 s). A news page has a few thousand tags; a page with more than this many is refused before it is parsed.
MAX_HTML_TAGS = 30_000
_START_TAG_RE = re.compile(r"<[A-Za-z]")


def read_html(
    html: str, *, source: str, url: str | None = None, published: date | datetime | None = None
) -> Article:
    """An HTML page -> Article: trafilatura finds the main text and the page metadata."""
    return from_html(html, Known(source, url=url, option_date=published))


def _extract(html: str, known: Known) -> object:
    import trafilatura

    tags = sum(1 for _ in _START_TAG_RE.finditer(html))
    if tags > MAX_HTML_TAGS:
        raise InputError(
            known.source, f"HTML too large to parse: {tags:,} tags, over the {MAX_HTML_TAGS:,} limit for one page"
        )
    try:
        return trafilatura.bare_extraction(
            html,
            url=known.url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many types on malformed markup
        raise InputError(known.source, f"HTML could not be parsed: {exc}") from None


def _field(doc: object, name: str) -> str | None:
    """One of trafilatura's metadata fields, None when absent or blank."""
    value = getattr(doc, name, None)
    return value if isinstance(value, str) and value else None


def from_html(html: str, known: Known) -> Article:
    """An HTML page and what the caller knows of it -> Article; what the caller knows wins over the page's
    metadata, and the URL the page claims for itself is only shown (:class:`Known`)."""
    refuse_nul(html, known.source)
    if not html.strip():
        raise InputError(known.source, "empty: no HTML to read")
    doc = _extract(html, known)
    body = _field(doc, "text")
    if not body or not body.strip():
        raise InputError(known.source, "no article text found in the HTML")
    page_date = _field(doc, "date")
    sitename = _field(doc, "sitename")
    if sitename and "." in sitename and " " not in sitename:
        sitename = outlet_for_host(sitename) or sitename
    author = _field(doc, "author")
    return build(
        body,
        replace(
            known,
            page_url=_field(doc, "url"),
            title=known.title or _field(doc, "title"),
            publisher=known.publisher or sitename,
            reporter=strip_reporter_word(author) if author else None,
            metadata_date=known.metadata_date or (parse_date(page_date) if page_date else None),
        ),
    )


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml"))
        or bool(re.search(r"<(?:html|head|body|div|article|p|meta)\b", head))
        and len(HTML_TAG_RE.findall(head)) >= 3
    )

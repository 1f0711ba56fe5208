"""Markup -> text: trafilatura finds a page's main text and its metadata (title, site, author, date, URL)."""

from __future__ import annotations

import re
from datetime import date, datetime

from kg.errors import InputError
from kg.model import Article
from kg.read.lines import HTML_TAG_RE, strip_reporter_word
from kg.read.outlets import outlet_for_host
from kg.read.page import build
from kg.read.published import parse_date


def read_html(
    html: str, *, source: str, url: str | None = None, published: date | datetime | None = None
) -> Article:
    """An HTML page -> Article: trafilatura finds the main text and the page metadata."""
    return from_html(html, source=source, url=url, option_published=published)


def _extract(html: str, source: str, url: str | None) -> object:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many types on malformed markup
        raise InputError(source, f"HTML could not be parsed: {exc}") from None


def _field(doc: object, name: str) -> str | None:
    """One of trafilatura's metadata fields, None when absent or blank."""
    value = getattr(doc, name, None)
    return value if isinstance(value, str) and value else None


def from_html(
    html: str,
    *,
    source: str,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    meta_published: date | datetime | None = None,
    option_published: date | datetime | None = None,
) -> Article:
    if not html.strip():
        raise InputError(source, "empty: no HTML to read")
    doc = _extract(html, source, url)
    body = _field(doc, "text")
    if not body or not body.strip():
        raise InputError(source, "no article text found in the HTML")
    page_date = _field(doc, "date")
    sitename = _field(doc, "sitename")
    if sitename and "." in sitename and " " not in sitename:
        sitename = outlet_for_host(sitename) or sitename
    author = _field(doc, "author")
    return build(
        body,
        source=source,
        url=url or _field(doc, "url"),
        title=title or _field(doc, "title"),
        publisher=publisher or sitename,
        reporter=strip_reporter_word(author) if author else None,
        meta_published=meta_published or (parse_date(page_date) if page_date else None),
        option_published=option_published,
    )


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml"))
        or bool(re.search(r"<(?:html|head|body|div|article|p|meta)\b", head))
        and len(HTML_TAG_RE.findall(head)) >= 3
    )

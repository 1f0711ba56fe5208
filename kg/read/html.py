"""HTML pages -> text: trafilatura finds a page's main text and its metadata (title, site, author, URL);
:mod:`kg.read.markup` reads what trafilatura drops or cannot tell: figure captions and images' alt text (kept as
captions), the headline, the meta tags' publication date, and the whole page's text when trafilatura finds no
main text (a page of pictures and their captions)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from kg.errors import InputError
from kg.model import Article, ParagraphRole
from kg.read.lines import HTML_TAG_RE, same_headline, strip_reporter_word
from kg.read.markup import Rendered, render
from kg.read.outlets import outlet_for_host
from kg.read.page import Known, build
from kg.read.published import parse_date, published_in_metas
from kg.read.text import refuse_nul

# trafilatura's time grows with the square of a page's elements (100,000 sibling paragraphs: 111 s; 25,000:
# 8 s). A news page has a few thousand tags; a page with more than this many is refused before it is parsed.
MAX_HTML_TAGS = 30_000
_START_TAG_RE = re.compile(r"<[A-Za-z]")
# trafilatura drops a <figure>'s <figcaption>; as a paragraph it keeps it, and the caption is known by its text.
_FIGCAPTION_RE = re.compile(r"<(/?)figcaption\b", re.IGNORECASE)
_JSON_LD_DATE_RE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


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
            _FIGCAPTION_RE.sub(r"<\1p", html),
            url=known.url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=True,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on malformed markup
        raise InputError(known.source, f"HTML could not be parsed: {exc}") from None


def _field(doc: object, name: str) -> str | None:
    """One of trafilatura's metadata fields, None when absent or blank."""
    value = getattr(doc, name, None)
    return value if isinstance(value, str) and value else None


# trafilatura finds a page's main text by its body paragraphs; on a page without one (pictures and their captions)
# it returns stray bits, a menu item, or nothing. Below a line this long, the whole page's text is read instead.
_BODY_LINE = 100


def _body(doc: object, page: Rendered, title: str | None) -> str:
    """The page's text: trafilatura's main text, else the whole page's; the headline on top when it left it out."""
    body = _field(doc, "text") or ""
    if not any(len(line) >= _BODY_LINE for line in body.split("\n")):
        body = page.text
    if title and not any(same_headline(line, title) for line in body.split("\n")[:5] if line.strip()):
        # the page's <h1> as it shows it, else the title its metadata gives (which may carry the site's name)
        h1 = next((line for line, role in page.lines if role is ParagraphRole.HEADLINE), None)
        body = f"{h1 if h1 and same_headline(h1, title) else title}\n{body}"
    return body


def _markup_date(html: str, page: Rendered) -> date | datetime | None:
    """The publication date of the page's markup: its meta tags, else its JSON-LD. (Not trafilatura's: its
    date search reads the text and the URL too, whose dates :mod:`kg.read.published` weighs itself.)"""
    found = published_in_metas(page.metas)
    if found is None and (m := _JSON_LD_DATE_RE.search(html)) is not None:
        found = parse_date(m[1])
    return found


def from_html(html: str, known: Known) -> Article:
    """An HTML page and what the caller knows of it -> Article; what the caller knows wins over the page's
    metadata, and the URL the page claims for itself is only shown (:class:`Known`)."""
    refuse_nul(html, known.source)
    if not html.strip():
        raise InputError(known.source, "empty: no HTML to read")
    doc = _extract(html, known)
    page = render(html, keep_newlines=False)
    title = known.title or _field(doc, "title")
    body = _body(doc, page, title)
    if not body.strip():
        raise InputError(known.source, "no article text found in the HTML")
    sitename = _field(doc, "sitename")
    if sitename and "." in sitename and " " not in sitename:
        sitename = outlet_for_host(sitename) or sitename
    author = _field(doc, "author")
    return build(
        body,
        replace(
            known,
            page_url=_field(doc, "url"),
            title=title,
            publisher=known.publisher or sitename,
            reporter=strip_reporter_word(author) if author else None,
            markup_date=_markup_date(html, page),
            caption_keys=frozenset(page.captions()),
        ),
    )


def is_html_document(text: str) -> bool:
    """A whole HTML page (a doctype or an <html> element first), not text with some markup in it."""
    return text.lstrip()[:100].lower().startswith(("<!doctype html", "<html", "<?xml"))


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml"))
        or bool(re.search(r"<(?:html|head|body|div|article|p|meta)\b", head))
        and len(HTML_TAG_RE.findall(head)) >= 3
    )

"""HTML building blocks of the pages and the report: the frame, links, tables, escaping.

Everything from the store goes through :func:`esc` (names, quotes, titles, URLs): an article titled
``<script>`` shows those characters. A link goes only to http(s) URLs; any other scheme (``javascript:``) is
shown as text.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from pyoxigraph import BlankNode, NamedNode

from kg.iris import is_local
from kg.query import shorten
from kg.serve.svg import esc
from kg.serve.worker import PageContext
from kg.store import SelectResult

_HERE = ' class="here"'
NAV = (("timeline", "/", "Timeline"), ("network", "/network", "Network"), ("queries", "/queries", "Queries"))


def anchor(iri: str) -> str:
    """An id for an entity's section inside one file."""
    return "e-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Site:
    """Where links go: the server's pages, or (``anchors`` given) sections of one report file."""

    anchors: frozenset[str] | None = None

    def entity(self, iri: str) -> str | None:
        if self.anchors is None:
            return "/entity?" + urlencode({"iri": iri})
        return "#" + anchor(iri) if iri in self.anchors else None

    def page(self, path: str, params: dict[str, str]) -> str | None:
        if self.anchors is not None:
            return None
        return path + ("?" + urlencode(params) if params else "")


SERVER = Site()


def link(text: str, href: str | None, css_class: str = "") -> str:
    attribute = f' class="{esc(css_class)}"' if css_class else ""
    return f'<a href="{esc(href)}"{attribute}>{esc(text)}</a>' if href else esc(text)


def outside_link(text: str, url: str | None) -> str:
    """A link to an article: only an http(s) URL is a link; a file name or anything else is text."""
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{esc(url)}" rel="noreferrer noopener" target="_blank">{esc(text)}</a>'
    return esc(text)


def term_html(term: object, site: Site) -> str:
    """A result cell: an IRI of ours as a link to its page, another IRI shortened, a literal as its text, a
    blank node as _:id."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return link(shorten(term.value), site.entity(term.value) if is_local(term.value) else None)
    if isinstance(term, BlankNode):
        return esc(f"_:{term.value}")
    return esc(getattr(term, "value", term))


def result_table(result: SelectResult, site: Site) -> str:
    if not result.rows:
        return '<p class="muted">No results.</p>'
    head = "".join(f"<th>{esc(v)}</th>" for v in result.variables)
    rows = "".join(
        "<tr>" + "".join(f"<td>{term_html(row.get(v), site)}</td>" for v in result.variables) + "</tr>"
        for row in result.rows
    )
    return f'<table class="results"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def read_at(context: PageContext | None) -> str:
    if context is None or context.read_at is None:
        return "asked afresh at each request" if context is not None else ""
    return "read at " + time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(context.read_at))


def frame(title: str, body: str, *, here: str, context: PageContext | None, style: str | None = None) -> str:
    """A whole page: ``style`` inlines the stylesheet (a report file); without it the page links the server's."""
    head_style = f"<style>{style}</style>" if style is not None else (
        '<link rel="stylesheet" href="/static/style.css"><link rel="icon" href="/static/favicon.svg" type="image/svg+xml">')
    nav = "" if style is not None else "<nav>" + "".join(
        f'<a href="{path}"{_HERE if name == here else ""}>{label}</a>' for name, path, label in NAV
    ) + '<a href="/sparql">SPARQL endpoint</a></nav>'
    footer = ""
    if context is not None:
        footer = (f"<footer>Store {esc(context.location)}, {esc(read_at(context))}: every request sees what "
                  "<code>kg ingest</code> had stored when it arrived.</footer>")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · aipkg</title>{head_style}</head><body>"
        f'<header class="top"><a class="brand" href="{"/" if style is None else "#"}">aipkg</a>{nav}</header>'
        f"<main>{body}</main>{footer}</body></html>"
    )


def error_box(message: str) -> str:
    return f'<div class="error" role="alert">{esc(message)}</div>'


_HTTP_REASONS = {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
                 406: "Not acceptable", 413: "Too large", 415: "Unsupported media type", 500: "Server error",
                 502: "Bad gateway", 503: "Unavailable"}


def error_page(status: int, message: str, context: PageContext | None = None) -> str:
    reason = _HTTP_REASONS.get(status, "Error")
    body = f"<h1>{status} {esc(reason)}</h1>{error_box(message)}<p><a href=\"/\">Back to the timeline</a></p>"
    return frame(reason, body, here="", context=context)

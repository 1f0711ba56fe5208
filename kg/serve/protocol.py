"""The SPARQL 1.1 Protocol's query operation, read from an HTTP request, and content negotiation of its results.

Three forms carry a query (https://www.w3.org/TR/sparql11-protocol/#query-operation): GET with ``?query=``,
POST of an HTML form (``application/x-www-form-urlencoded``, ``query=``) and POST of the query itself
(``application/sparql-query``). The update operation (``update=``, ``application/sparql-update``) is refused:
the endpoint reads only. A ``default-graph-uri`` or ``named-graph-uri`` is refused too: the default graph is the
union of the store's named graphs, and a query names graphs of its own with GRAPH or a local FROM.

The format of the results is the client's choice by its Accept header, or by a ``format`` parameter (``json``,
``turtle``, ...) that wins over Accept, as a link in a web page cannot set a header.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from kg.namespaces import ID_NS
from kg.query import MAX_QUERY_BYTES

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class Format:
    name: str  # the value of the ``format`` parameter
    media_type: str  # sent as Content-Type (with charset=utf-8)
    also: tuple[str, ...] = ()  # other media types a client may ask it by


# For SELECT and ASK, then for CONSTRUCT and DESCRIBE; the first of each is the default.
SOLUTION_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", ("application/x-turtle",)),
    Format("ntriples", "application/n-triples", ("text/plain",)),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("trig", "application/trig"),
)
FORMAT_NAMES = tuple(f.name for f in (*SOLUTION_FORMATS, *GRAPH_FORMATS))
HTML = "html"  # format=html: the results as a web page (the query page's own form asks for it)


class HttpError(Exception):
    """A request the server answers with ``status`` and a plain-text ``message`` (and extra headers)."""

    def __init__(self, status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


@dataclass(frozen=True)
class QueryRequest:
    query: str
    format: str | None  # a name of FORMAT_NAMES given by the ``format`` parameter, else None (Accept decides)


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their quality, best first (ties keep the client's order)."""
    ranges: list[tuple[str, float, int]] = []
    for position, item in enumerate((header or "").split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality, position))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(media, quality) for media, quality, _ in ranges]


def _matches(media_range: str, media_type: str) -> bool:
    if media_range in ("*/*", "*"):
        return True
    if media_range.endswith("/*"):
        return media_type.startswith(media_range[:-1])
    return media_range == media_type


def choose_format(formats: tuple[Format, ...], accept: str | None, forced: str | None = None) -> Format | None:
    """The format to answer in: the ``format`` parameter's if it is one of ``formats``, else the best the Accept
    header allows (no header: the first of ``formats``); None when the client accepts none of them."""
    if forced is not None:
        return next((f for f in formats if f.name == forced), None)
    ranges = parse_accept(accept)
    if not ranges:
        return formats[0]
    for media_range, quality in ranges:
        if quality <= 0:
            continue
        for fmt in formats:
            # a wildcard stands for the formats' own types, not for the other names they answer to
            names = (fmt.media_type,) if "*" in media_range else (fmt.media_type, *fmt.also)
            if any(_matches(media_range, t) for t in names):
                return fmt
    return None


def _single(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name, [])
    if len(found) > 1:
        raise HttpError(400, f"the request gives '{name}' {len(found)} times; give it once")
    return found[0] if found else None


def _from_fields(fields: dict[str, list[str]]) -> QueryRequest:
    if "update" in fields:
        raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused (kg ingest writes the store)")
    for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        if name in fields:
            raise HttpError(400, f"{name} is not supported: the default graph is the union of the store's named "
                                 f"graphs; name a graph in the query with GRAPH or FROM <{ID_NS}graph/...>")
    query = _single(fields, "query")
    if query is None or not query.strip():
        raise HttpError(400, "no query: give one as ?query=... (GET), as the form field query (POST) or as the "
                             f"body of a POST with Content-Type {SPARQL_QUERY}")
    fmt = _single(fields, "format")
    if fmt is not None and fmt not in (*FORMAT_NAMES, HTML):
        raise HttpError(400, f"unknown format {fmt!r}: one of {', '.join(FORMAT_NAMES)} or {HTML}")
    return QueryRequest(query, fmt)


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"{what} is not UTF-8 (byte {exc.start})") from None


def _fields(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError:
        raise HttpError(400, "the request's parameters are not UTF-8") from None


def query_from_get(query_string: str) -> QueryRequest:
    return _from_fields(_fields(query_string))


def query_from_post(content_type: str | None, body: bytes, query_string: str = "") -> QueryRequest:
    """The query of a POST: a form, or the query itself as the body (parameters such as ``format`` may come in
    the URL's query string)."""
    media = (content_type or "").split(";")[0].strip().lower()
    url_fields = _fields(query_string)
    if media == SPARQL_UPDATE:
        raise HttpError(403, "this endpoint is read-only: SPARQL updates are refused (kg ingest writes the store)")
    if media == FORM:
        fields = _fields(_decode(body, "the form"))
        for key, values in url_fields.items():
            fields.setdefault(key, []).extend(values)
        return _from_fields(fields)
    if media == SPARQL_QUERY:
        if "query" in url_fields:
            raise HttpError(400, "a POST of the query itself takes no query= parameter in the URL")
        return _from_fields({**url_fields, "query": [_decode(body, "the query")]})
    raise HttpError(415, f"a query is POSTed as {FORM} or {SPARQL_QUERY}, not {media or 'a body of no type'}")


def check_length(length: str | None) -> int:
    """The request body's length from its Content-Length header: at most the query library's limit."""
    try:
        size = int(length or "0")
    except ValueError:
        raise HttpError(400, f"Content-Length is not a number: {length!r}") from None
    if size < 0:
        raise HttpError(400, "Content-Length is negative")
    if size > MAX_QUERY_BYTES:
        raise HttpError(413, f"the request body is over {MAX_QUERY_BYTES // 1024} KiB: not a query")
    return size

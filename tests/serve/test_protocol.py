"""Reading the SPARQL Protocol's requests and choosing the results' format: tables of what a client sends and what
it gets, including what must be refused."""

from __future__ import annotations

import pytest

from kg.serve.protocol import (
    GRAPH_FORMATS,
    SOLUTION_FORMATS,
    HttpError,
    choose_format,
    parse_accept,
    query_from_get,
    query_from_post,
)


@pytest.mark.parametrize(
    ("accept", "forced", "solutions", "graph"),
    [
        (None, None, "json", "turtle"),  # no Accept: the defaults
        ("*/*", None, "json", "turtle"),
        ("application/sparql-results+xml", None, "xml", None),
        ("text/csv", None, "csv", None),
        ("text/tab-separated-values", None, "tsv", None),
        ("application/n-triples", None, None, "ntriples"),
        ("application/ld+json", None, None, "jsonld"),
        ("application/trig", None, None, "trig"),
        ("application/json", None, "json", "jsonld"),  # plain JSON: each kind's JSON
        # quality decides, not the order: what rdflib's SPARQLStore and Jena send look like this
        ("application/sparql-results+xml;q=0.5, application/sparql-results+json", None, "json", None),
        ("text/turtle;q=0.9, application/n-triples", None, None, "ntriples"),
        ("text/html, application/xhtml+xml, */*;q=0.8", None, "json", "turtle"),  # a browser
        ("text/*", None, "csv", "turtle"),
        ("application/sparql-results+json;q=0", None, None, None),  # q=0: not acceptable
        ("image/png", None, None, None),
        ("image/png", "csv", "csv", None),  # format= wins over Accept
        (None, "turtle", None, "turtle"),
    ],
)
def test_the_format_follows_accept_and_the_format_parameter(
    accept: str | None, forced: str | None, solutions: str | None, graph: str | None
) -> None:
    got = [choose_format(formats, accept, forced) for formats in (SOLUTION_FORMATS, GRAPH_FORMATS)]
    assert [f.name if f else None for f in got] == [solutions, graph]


def test_accept_ranges_are_ordered_by_quality_then_by_the_clients_order() -> None:
    assert parse_accept("a/b;q=0.2, c/d, e/f;q=0.2, g/h;q=nonsense") == [
        ("c/d", 1.0), ("a/b", 0.2), ("e/f", 0.2), ("g/h", 0.0)
    ]


QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"


def test_the_three_forms_give_the_same_query() -> None:
    get = query_from_get("query=SELECT+%2A+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D+LIMIT+1&format=csv")
    form = query_from_post("application/x-www-form-urlencoded; charset=UTF-8",
                           b"query=SELECT+%2A+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D+LIMIT+1", "format=csv")
    direct = query_from_post("application/sparql-query", QUERY.encode(), "format=csv")
    assert get == form == direct
    assert (get.query, get.format) == (QUERY, "csv")


@pytest.mark.parametrize(
    ("content_type", "body", "url", "status", "words"),
    [
        ("application/sparql-update", b"DROP ALL", "", 403, "read-only"),
        ("application/x-www-form-urlencoded", b"update=DROP+ALL", "", 403, "read-only"),
        ("application/x-www-form-urlencoded", b"", "", 400, "no query"),
        ("application/x-www-form-urlencoded", b"query=a&query=b", "", 400, "'query' 2 times"),
        ("application/x-www-form-urlencoded", b"query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fx", "", 400,
         "default-graph-uri is not supported"),
        ("application/sparql-query", b"ASK {}", "query=ASK%7B%7D", 400, "no query= parameter"),
        ("application/sparql-query", b"\xff\xfe", "", 400, "not UTF-8"),
        ("application/sparql-query", b"ASK {}", "format=png", 400, "unknown format 'png'"),
        ("text/plain", b"ASK {}", "", 415, "application/sparql-query"),
        (None, b"ASK {}", "", 415, "a body of no type"),
    ],
)
def test_what_is_refused_says_why(content_type: str | None, body: bytes, url: str, status: int, words: str) -> None:
    with pytest.raises(HttpError) as caught:
        query_from_post(content_type, body, url)
    assert caught.value.status == status and words in caught.value.message


def test_a_get_without_a_query_says_how_to_give_one() -> None:
    with pytest.raises(HttpError) as caught:
        query_from_get("")
    assert caught.value.status == 400 and "?query=" in caught.value.message

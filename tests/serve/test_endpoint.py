"""The SPARQL endpoint of `kg serve`, over HTTP on a free loopback port: every protocol form and result format,
what it refuses, its time limit, and a remote store passed through."""

from __future__ import annotations

import csv
import http.client
import io
import json
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest
from pyoxigraph import NamedNode

from kg.namespaces import AIP, ID_NS, RDF, sparql_prologue
from kg.store import SelectResult, open_store
from tests.serve.conftest import Served

if TYPE_CHECKING:
    from tests.conftest import SparqlServer

SELECT = sparql_prologue() + "SELECT ?m ?d WHERE { ?m a aip:Meeting ; aip:date ?d } ORDER BY ?m"
ASK = sparql_prologue() + "ASK { ?m a aip:Meeting }"
CONSTRUCT = sparql_prologue() + "CONSTRUCT { ?m aip:date ?d } WHERE { ?m a aip:Meeting ; aip:date ?d }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SOLUTION_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": ("text/turtle", ox.RdfFormat.TURTLE), "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
               "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD), "trig": ("application/trig", ox.RdfFormat.TRIG)}


def ask(served: Served, query: str, form: str, accept: str | None = None) -> tuple[int, str, bytes]:
    """The query sent in one of the protocol's three forms."""
    headers = {"Accept": accept} if accept else {}
    if form == "get":
        response = served.request("sparql?" + urllib.parse.urlencode({"query": query}), headers=headers)
    elif form == "form":
        response = served.request("sparql", method="POST", data=urllib.parse.urlencode({"query": query}).encode(),
                                  headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
    else:
        response = served.request("sparql", method="POST", data=query.encode(),
                                  headers={**headers, "Content-Type": "application/sparql-query"})
    return response.status, response.content_type, response.body


def expected_rows(store: Path) -> set[tuple[str, str]]:
    with open_store(store, read_only=True) as st:
        result = st.query(SELECT)
    assert isinstance(result, SelectResult) and result.rows
    return {(r["m"].value, r["d"].value) for r in result.rows}  # type: ignore[union-attr]


def solution_values(fmt: str, body: bytes) -> set[tuple[str, str]]:
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert rows[0] == ["m", "d"]
        return {(m, d) for m, d in rows[1:]}
    parsed = ox.parse_query_results(body, {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                                           "tsv": ox.QueryResultsFormat.TSV}[fmt])
    assert isinstance(parsed, ox.QuerySolutions)
    return {(s["m"].value, s["d"].value) for s in parsed}


@pytest.mark.parametrize("form", ["get", "form", "direct"])
@pytest.mark.parametrize("fmt", list(SOLUTION_TYPES))
def test_select_in_every_form_and_format(seed_server: Served, seed_store: Path, form: str, fmt: str) -> None:
    status, content_type, body = ask(seed_server, SELECT, form, SOLUTION_TYPES[fmt])
    assert (status, content_type) == (200, SOLUTION_TYPES[fmt])
    assert solution_values(fmt, body) == expected_rows(seed_store)


@pytest.mark.parametrize("fmt", list(SOLUTION_TYPES))
def test_ask_in_every_format(seed_server: Served, fmt: str) -> None:
    status, content_type, body = ask(seed_server, ASK, "get", SOLUTION_TYPES[fmt])
    assert (status, content_type) == (200, SOLUTION_TYPES[fmt])
    if fmt in ("json", "xml"):
        answer = ox.parse_query_results(body, ox.QueryResultsFormat.JSON if fmt == "json" else ox.QueryResultsFormat.XML)
        assert bool(answer) is True
    else:
        assert body.strip() == b"true"
    _, _, empty = ask(seed_server, sparql_prologue() + "ASK { ?m a aip:NoSuchClass }", "get", SOLUTION_TYPES[fmt])
    assert b"false" in empty


@pytest.mark.parametrize("form", ["get", "direct"])
@pytest.mark.parametrize("fmt", list(GRAPH_TYPES))
def test_construct_in_every_format(seed_server: Served, seed_store: Path, form: str, fmt: str) -> None:
    media_type, rdf_format = GRAPH_TYPES[fmt]
    status, content_type, body = ask(seed_server, CONSTRUCT, form, media_type)
    assert (status, content_type) == (200, media_type)
    triples = {(q.subject.value, q.object.value) for q in ox.parse(body, rdf_format)}
    assert triples == expected_rows(seed_store)


@pytest.mark.parametrize("fmt", list(GRAPH_TYPES))
def test_describe_in_every_format(seed_server: Served, seed_store: Path, fmt: str) -> None:
    meeting = sorted(expected_rows(seed_store))[0][0]
    media_type, rdf_format = GRAPH_TYPES[fmt]
    status, content_type, body = ask(seed_server, f"DESCRIBE <{meeting}>", "get", media_type)
    assert (status, content_type) == (200, media_type)
    subjects = {q.subject.value for q in ox.parse(body, rdf_format)}
    assert subjects == {meeting}


def test_the_format_parameter_wins_over_accept_and_no_accept_gives_json(seed_server: Served) -> None:
    forced = seed_server.get("sparql?" + urllib.parse.urlencode({"query": ASK, "format": "csv"}), Accept="application/json")
    assert forced.content_type == "text/csv"
    plain = seed_server.request("sparql?" + urllib.parse.urlencode({"query": ASK}))
    assert plain.content_type == "application/sparql-results+json" and "charset=utf-8" in plain.headers["content-type"]
    assert plain.headers["vary"] == "Accept"


def test_a_result_no_format_of_the_client_fits_is_406(seed_server: Served) -> None:
    status, _, body = ask(seed_server, ASK, "get", "image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, body = ask(seed_server, CONSTRUCT, "get", "application/sparql-results+json;q=1, text/csv")
    assert status == 406 and b"text/turtle" in body


def store_count(served: Served) -> int:
    status, _, body = ask(served, COUNT, "get", "application/sparql-results+json")
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    ("send", "status", "words"),
    [
        (lambda s: s.request("sparql", method="POST", data=b"DROP ALL",
                             headers={"Content-Type": "application/sparql-update"}), 403, "read-only"),
        (lambda s: s.request("sparql", method="POST", data=b"update=DROP+ALL",
                             headers={"Content-Type": "application/x-www-form-urlencoded"}), 403, "read-only"),
        (lambda s: s.request("sparql?" + urllib.parse.urlencode({"query": "DROP ALL"})), 400, "DROP is a SPARQL update"),
        (lambda s: s.request("sparql?" + urllib.parse.urlencode(
            {"query": "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"})), 400, "INSERT is a SPARQL update"),
        (lambda s: s.request("sparql?" + urllib.parse.urlencode(
            {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})), 403, "SERVICE"),
        (lambda s: s.request("sparql?" + urllib.parse.urlencode(
            {"query": "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }"})), 403, "FROM"),
        (lambda s: s.request("sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p }"})), 400, "query"),
        (lambda s: s.request("sparql", method="PUT", data=b"x"), 405, "only reads"),
        (lambda s: s.request("sparql", method="DELETE"), 405, "only reads"),
    ],
)
def test_updates_and_network_access_are_refused_and_change_nothing(
    seed_server: Served, send: Callable[[Served], object], status: int, words: str
) -> None:
    before = store_count(seed_server)
    response = send(seed_server)
    assert response.status == status, response.text  # type: ignore[attr-defined]
    assert words in response.text  # type: ignore[attr-defined]
    assert response.content_type == "text/plain"  # type: ignore[attr-defined]
    assert store_count(seed_server) == before


def test_requests_to_another_host_name_are_refused(seed_server: Served) -> None:
    """A page elsewhere that rebinds its DNS name to 127.0.0.1 must not read the store."""
    response = seed_server.get("sparql?" + urllib.parse.urlencode({"query": ASK}), Host="evil.example:7878")
    assert response.status == 403 and "127.0.0.1 or localhost" in response.text
    assert seed_server.get("sparql?" + urllib.parse.urlencode({"query": ASK}), Host="localhost:7878").status == 200


def test_a_body_over_the_limit_is_413_and_an_unknown_path_404(seed_server: Served) -> None:
    big = seed_server.request("sparql", method="POST", data=b"#" * (1024 * 1024 + 1),
                              headers={"Content-Type": "application/sparql-query"})
    assert big.status == 413
    assert seed_server.get("nowhere").status == 404
    assert seed_server.get("static/../../pyproject.toml").status == 404


def test_a_refused_post_leaves_the_kept_alive_connection_in_step(seed_server: Served) -> None:
    host, port = urllib.parse.urlsplit(seed_server.base).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("POST", "/network", body=b"query=ASK%7B%7D" * 1000,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        refused = connection.getresponse()
        assert refused.status == 405 and refused.getheader("Allow") == "GET, HEAD"
        refused.read()
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": ASK}))  # the same connection
        answer = connection.getresponse()
        assert answer.status == 200 and json.loads(answer.read())["boolean"] is True
    finally:
        connection.close()


def test_head_answers_without_a_body(seed_server: Served) -> None:
    response = seed_server.request("", method="HEAD")
    assert response.status == 200 and response.body == b"" and int(response.headers["content-length"]) > 1000


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_query_over_the_time_limit_is_stopped_with_503_and_the_server_goes_on(
    serving: Callable[..., Served], seed_store: Path
) -> None:
    served = serving(seed_store, time_limit=1.5, workers=1)
    for _ in range(2):  # the one worker is killed twice and replaced each time
        started = time.monotonic()
        status, content_type, body = ask(served, SLOW, "get")
        took = time.monotonic() - started
        assert (status, content_type) == (503, "text/plain")
        assert b"time limit of 1.5 s" in body
        assert 1.4 < took < 6, took
    started = time.monotonic()
    assert store_count(served) > 0
    assert time.monotonic() - started < 5


def test_a_remote_store_is_passed_through(serving: Callable[..., Served], sparql_server: SparqlServer) -> None:
    sparql_server.clear()
    try:
        meeting, graph = NamedNode(ID_NS + "meeting/remote"), NamedNode(ID_NS + "graph/remote")
        with open_store(sparql_server.query_url) as remote:
            remote.add([ox.Quad(meeting, RDF.type, AIP.Meeting, graph)])
        served = serving(sparql_server.query_url)
        status, _, body = ask(served, ASK, "get", "application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is True
        refused = served.request("sparql?" + urllib.parse.urlencode(
            {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}))
        assert refused.status == 403
    finally:
        sparql_server.clear()

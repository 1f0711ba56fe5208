"""The network refusal sees what the engines see: a fuzz corpus of SERVICE and FROM spellings against a real
listener on 127.0.0.1, which must receive nothing from the embedded store, the remote store or `kg query`.

The oracle is the engine itself. A query the check lets through is run on raw pyoxigraph (no check): SERVICE must
not reach the listener, and no dataset clause may change the default graph (which holds "x"; the remote graph
G holds "EVIL"). The corpus must also hold spellings the engine really runs as SERVICE or FROM (else the test
could not fail): `SERVICE:x`, `SERVICEex:x`, `trueSERVICE<…>`, `ASKFROM:x` all are, to Oxigraph.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import random
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import QueryError, UnsafeQuery
from kg.store import OxigraphStore, SparqlStore, check_query

LOCAL = "https://w3id.org/aipkg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class Listener:
    """A loopback HTTP server answering every request with one SPARQL JSON row ("LEAK"), counting requests."""

    port: int
    requests: list[bytes] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


_LEAK = json.dumps({"head": {"vars": ["o"]}, "results": {"bindings": [{"o": {"type": "literal", "value": "LEAK"}}]}})


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    found = Listener(server.getsockname()[1])
    body = _LEAK.encode()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n"

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                try:
                    found.requests.append(conn.recv(65536))
                    conn.sendall(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield found
    server.close()


# --- the corpus ---------------------------------------------------------------------------------------------


def service_corpus(url: str, rng: random.Random, size: int) -> list[str]:
    """SERVICE at every place and in every spelling a group admits, sampled from the product of the choices."""
    host = url.removeprefix("http://").rstrip("/")
    escaped_host = host.replace(":", "\\u003a")
    targets = [
        ("", f"<{url}s>"),
        (f"PREFIX : <{url}>\n", ":s"),
        (f"PREFIX ex: <{url}>\n", "ex:s"),
        (f"PREFIX ex: <{url}>\n", "ex:"),
        (f"PREFIXex:<{url}>\n", "ex:s"),
        (f"prefix ex:<{url}>", "ex:s"),
        (f"BASE <{url}>\n", "<s>"),
        ("", f"<http://{escaped_host}/s>"),
        ("", f"<http\\u003a//{host}/s>"),
    ]
    keywords = ["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "SERVICESILENT", "service silent", "SERVICE\tSILENT"]
    before = [
        "{ ", "{", "{ {} ", "{ {}.", "{ {} . ", '{ <urn:a> <urn:p> "x" . ', '{ <urn:a> <urn:p> "x" ', "{ ?s ?p ?o ",
        "{ ?s ?p ?o .", "{ ?s ?p true ", "{ ?s ?p true", "{ ?s ?p 1", "{ BIND(1 AS ?z)", "{ # a comment\n",
        "{ FILTER(true)", "{ VALUES ?v { 1 }",
    ]
    gaps = ["", " ", "\t", "\n", " # a comment\n", "#c\r\n", "\r\n"]
    groups = [
        ("{}", ""), ("{ ?s ?p ?o }", ""), ("{}", " OPTIONAL { ?a ?b ?c }"),
    ]
    nests = [
        ("", ""), ("OPTIONAL { ", " }"), ("{ } UNION { ", " }"), ("FILTER EXISTS { ", " }"),
        ("MINUS { ", " }"), ("{ SELECT * WHERE { ", " } }"), ("LATERAL { ", " }"), ("{ ", " }"),
    ]
    heads = ["SELECT * WHERE ", "select * ", "ASK ", "SELECT ?o WHERE "]
    product = list(itertools.product(targets, keywords, before, gaps, gaps, groups, nests, heads))
    out = []
    for (prologue, target), kw, pre, gap1, gap2, (group, tail), (open_, close), head in rng.sample(product, size):
        body = f"{kw}{gap1}{target}{gap2}{group}"
        where = f"{pre}{open_}{body}{close}{tail} }}"
        out.append(f"{prologue}{head}{where}")
    return out


def from_corpus(graph_base: str, rng: random.Random, size: int) -> list[str]:
    """Dataset clauses naming ``graph_base + 'g'`` in every spelling, glued to the query form or not."""
    escaped_host = graph_base.removeprefix("http://").rstrip("/").replace(":", "\\u003a")
    targets = [
        ("", f"<{graph_base}g>"),
        (f"PREFIX : <{graph_base}>\n", ":g"),
        (f"PREFIX ex: <{graph_base}>\n", "ex:g"),
        (f"PREFIXex:<{graph_base}>", "ex:g"),
        (f"PREFIX ex: <{LOCAL}> PREFIX ex: <{graph_base}>\n", "ex:g"),
        (f"BASE <{graph_base}>\n", "<g>"),
        (f"BASE<{graph_base}>", "<g>"),
        ("", f"<http://{escaped_host}/g>"),
    ]
    where = "WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    forms = [
        ("SELECT ?o", where), ("SELECT *", where), ("select distinct ?o", where), ("SELECT (?o AS ?o2) ?o", where),
        ("ASK", '{ ?s ?p "x" }'), ("CONSTRUCT { ?s ?p ?o }", where), ("CONSTRUCT", "WHERE { ?s ?p ?o }"),
    ]
    glues = [" ", "", "\n# c\n"]
    keywords = ["FROM", "from", "FrOm"]
    named = ["", " NAMED", "NAMED", " named"]
    gaps = ["", " ", "\n", " # c\n"]
    product = list(itertools.product(targets, forms, glues, keywords, named, gaps))
    out = []
    for (prologue, target), (form, body), glue, kw, nm, gap in rng.sample(product, min(size, len(product))):
        out.append(f"{prologue}{form}{glue}{kw}{nm}{gap}{target} {body}")
    return out


# Spellings Oxigraph runs as SERVICE or FROM that the grammar's tokens read otherwise (the check of main let
# each through); each must be refused.
KNOWN = [
    "PREFIX : <{url}> SELECT * WHERE {{ SERVICE:x {{ }} }}",
    "PREFIX ex: <{url}> SELECT * WHERE {{ SERVICEex:x {{ }} }}",
    "SELECT * WHERE {{ <urn:a> <urn:p> true . <urn:a> <urn:p> trueSERVICE<{url}> {{ }} }}",
    "SELECT * WHERE {{ SERVICESILENT<{url}>{{ }} }}",
]
KNOWN_FROM = [
    "PREFIX : <{url}> SELECT ?o FROM:g WHERE {{ ?s ?p ?o }}",
    'PREFIX ex: <{url}> ASKFROMex:g {{ ?s ?p "x" }}',
    "PREFIX ex: <{url}> SELECT * FROMNAMEDex:g {{ ?s ?p ?o }}",
    "PREFIXex: <{url}> SELECT * FROM ex:g {{ ?s ?p ?o }}",
    "PREFIX ex: <{url}> CONSTRUCTFROM ex:g WHERE {{ ?s ?p ?o }}",
]
# Readings an engine that replaces \u escapes before parsing (SPARQL 1.1 section 19.2, as Jena does) would run.
ESCAPED = [
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ }} }}",
    "SELECT * WHERE {{ # note\\u000ASERVICE <{url}> {{ }} }}",
    'SELECT * WHERE {{ ?s ?p "\\u0022 . SERVICE <{url}> {{ }} #" }}',
    "SELECT * \\u0046ROM <{url}g> WHERE {{ }}",
]
# Not network access, in any engine: must stay allowed.
HARMLESS = [
    "PREFIX service: <https://w3id.org/aipkg/ontology#> SELECT * WHERE {{ ?s service:load ?o }}",
    "SELECT ?service ?from WHERE {{ ?service ?p ?from }}",
    'SELECT * WHERE {{ ?s ?p "SERVICE <{url}> {{ }}" }}',
    "SELECT * WHERE {{ ?s ?p ?o }} # SERVICE <{url}> {{ }}",
    "SELECT * WHERE {{ ?s <{url}SERVICE> ?o }}",
    "SELECT * WHERE {{ ?s <http://www.w3.org/ns/prov#wasDerivedFrom> <{url}> }}",
    "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT * WHERE {{ ?s prov:wasDerivedFrom <{url}> }}",
    "PREFIX id: <https://w3id.org/aipkg/id/> SELECT * FROM id:graph/topics WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM <https://w3id.org/aipkg/id/graph/reference> WHERE {{ ?s ?p ?o }}",
    'SELECT * WHERE {{ ?s ?p "\\\\u0053ERVICE <{url}> {{ }}" }}',
    "SELECT * WHERE {{ ?s ?p '\\u0027s' }}",
]


def _oracle(url: str) -> ox.Store:
    store = ox.Store()
    store.add(Quad(NamedNode("urn:a"), NamedNode("urn:p"), Literal("x")))
    store.add(Quad(NamedNode("urn:a"), NamedNode("urn:p"), NamedNode("urn:b")))
    for value, datatype in (("true", "boolean"), ("1", "integer")):  # objects the corpus glues SERVICE to
        store.add(Quad(NamedNode("urn:a"), NamedNode("urn:p"), Literal(value, datatype=NamedNode(XSD + datatype))))
    store.add(Quad(NamedNode("urn:evil"), NamedNode("urn:p"), Literal("EVIL"), NamedNode(url + "g")))
    store.add(Quad(NamedNode("urn:other"), NamedNode("urn:p"), Literal("OTHER"), NamedNode("urn:other")))
    return store


def _engine_reads(store: ox.Store, listener: Listener, query: str, *, dataset: bool = False) -> str | None:
    """What Oxigraph does with the query, unchecked: "SERVICE" if it reached the listener; for a query of the
    dataset corpus (whose WHERE finds "x" in the default graph), "FROM" if a dataset clause emptied or replaced
    that graph; else None (parse errors included)."""
    before = len(listener.requests)
    try:
        result = store.query(query)
        if isinstance(result, ox.QueryBoolean):
            default_seen = bool(result)
        elif isinstance(result, ox.QuerySolutions):
            default_seen = any(Literal("x") in (s[v] for v in result.variables) for s in result)
        else:
            default_seen = any(t.object == Literal("x") for t in result)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        default_seen = True
    if len(listener.requests) > before:
        return "SERVICE"
    return None if default_seen or not dataset else "FROM"


def _allowed(query: str) -> bool:
    try:
        check_query(query, allow_network=False)
    except UnsafeQuery:
        return False
    except QueryError:
        return True  # unreadable (an open string): no engine runs it
    return True


def test_every_spelling_the_engine_runs_as_service_or_from_is_refused(listener: Listener) -> None:
    rng = random.Random(20250715)
    oracle = _oracle(listener.url)
    corpus = [(q, False) for q in service_corpus(listener.url, rng, 1500) + [k.format(url=listener.url) for k in KNOWN]]
    corpus += [(q, True) for q in from_corpus(listener.url, rng, 1200) + [k.format(url=listener.url) for k in KNOWN_FROM]]
    read_as = {"SERVICE": 0, "FROM": 0}
    let_through = []
    for query, dataset in corpus:
        reading = _engine_reads(oracle, listener, query, dataset=dataset)
        if reading is not None:
            read_as[reading] += 1
            if _allowed(query):
                let_through.append((reading, query))
    assert not let_through, f"{len(let_through)} let through, e.g. {let_through[:3]}"
    print(f"engine read {read_as} of {len(corpus)} spellings; every one refused")
    # the corpus holds what the engine really runs, or this test could not fail
    assert read_as["SERVICE"] > 300 and read_as["FROM"] > 100, read_as
    for query in KNOWN:
        assert _engine_reads(oracle, listener, query.format(url=listener.url)) == "SERVICE", query
    for query in KNOWN_FROM:
        assert _engine_reads(oracle, listener, query.format(url=listener.url), dataset=True) == "FROM", query


@pytest.mark.parametrize("query", ESCAPED)
def test_unicode_escapes_replaced_before_parsing_do_not_hide_a_keyword(query: str, listener: Listener) -> None:
    with pytest.raises(UnsafeQuery):
        check_query(query.format(url=listener.url), allow_network=False)


@pytest.mark.parametrize("query", HARMLESS)
def test_names_strings_comments_and_iris_that_only_look_like_keywords_stay_allowed(query: str, listener: Listener) -> None:
    check_query(query.format(url=listener.url), allow_network=False)


def test_the_embedded_store_sends_nothing_whatever_the_spelling(listener: Listener, tmp_path: Path) -> None:
    rng = random.Random(7)
    corpus = service_corpus(listener.url, rng, 300) + [q.format(url=listener.url) for q in KNOWN + KNOWN_FROM + ESCAPED]
    before = len(listener.requests)
    with OxigraphStore(tmp_path / "s") as store:
        store.add([Quad(NamedNode(LOCAL + "a"), NamedNode("urn:p"), Literal("x"), NamedNode(LOCAL + "g"))])
        for query in corpus:
            with contextlib.suppress(QueryError):  # refused (or not SPARQL at all)
                store.query(query)
    assert listener.requests[before:] == []


def test_the_remote_store_sends_nothing_whatever_the_spelling(listener: Listener, sparql_server) -> None:  # type: ignore[no-untyped-def]
    sparql_server.clear()
    rng = random.Random(11)
    oracle = _oracle(listener.url)
    # the spellings the server's engine (Oxigraph's) would run as SERVICE
    corpus = [q for q in service_corpus(listener.url, rng, 400) if _engine_reads(oracle, listener, q) == "SERVICE"]
    corpus += [q.format(url=listener.url) for q in KNOWN]
    before = len(listener.requests)
    remote = SparqlStore(sparql_server.query_url)
    remote.add([Quad(NamedNode(LOCAL + "a"), NamedNode("urn:p"), Literal("x"), NamedNode(LOCAL + "g"))])
    refused = 0
    for query in corpus:
        with pytest.raises(UnsafeQuery):
            remote.query(query)
        refused += 1
    assert refused > 50 and listener.requests[before:] == []
    # the server does run SERVICE when the user opts in: the refusal above is what kept it quiet
    remote.query(KNOWN[0].format(url=listener.url), allow_network=True)
    remote.close()
    assert len(listener.requests) > before


def _kg(*args: str, store: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KG_STORE=store)
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("where", ["embedded", "remote"])
def test_kg_query_refuses_glued_service_and_from_and_nothing_reaches_the_listener(
    where: str, listener: Listener, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if where == "embedded":
        store = str(tmp_path / "store")
        OxigraphStore(store).close()
    else:
        server = request.getfixturevalue("sparql_server")
        server.clear()
        store = server.query_url
    before = len(listener.requests)
    for i, text in enumerate(KNOWN[:1] + KNOWN_FROM[:1]):  # each a kg process: the in-process tests take the rest
        path = tmp_path / f"q{i}.rq"
        path.write_text(text.format(url=listener.url), encoding="utf-8")
        result = _kg("query", str(path), store=store)
        assert result.returncode == 4, (text, result.stdout, result.stderr)
        assert "opt in to allow network access" in result.stderr and "Traceback" not in result.stderr
        assert "LEAK" not in result.stdout
    assert listener.requests[before:] == []

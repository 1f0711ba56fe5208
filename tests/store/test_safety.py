"""Queries that would reach the network are refused; bound values stay data; rdflib fetches nothing."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode

from kg.errors import QueryError, UnsafeQuery
from kg.store import bind_values, check_query, disable_rdflib_network

REFUSED = [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { SeRvIcE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE {\n  # a comment first\n  service\t<http://x.example/> { ?s ?p ?o } }",
    "LOAD <http://example.org/data.ttl>",
    "load silent <http://example.org/data.ttl> into graph <https://w3id.org/aipkg/id/g>",
    "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * from named <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/> SELECT * FROM ex:data WHERE { ?s ?p ?o }",
    "SELECT * FROM unknown:data WHERE { ?s ?p ?o }",
    "BASE <http://example.org/> SELECT * FROM <data.ttl> WHERE { ?s ?p ?o }",
    # an aipkg-looking prefix that is really elsewhere
    "PREFIX id: <https://w3id.org/aipkg.evil.example/> SELECT * FROM id:g WHERE { ?s ?p ?o }",
]

ALLOWED = [
    'SELECT * WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> "SERVICE <http://x/> {}" }',
    "SELECT * WHERE { ?s ?p 'load it FROM <http://example.org/>' }",
    'SELECT * WHERE { ?s ?p """multi\nline SERVICE\n""" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/> in a comment",
    "SELECT ?service ?load ?from WHERE { ?service ?load ?from }",
    "PREFIX service: <https://w3id.org/aipkg/ontology#> SELECT * WHERE { ?s service:load ?o }",
    "SELECT * WHERE { ?s <http://example.org/SERVICE#load> ?o }",
    "SELECT * FROM <https://w3id.org/aipkg/id/graph/reference> WHERE { ?s ?p ?o }",
    "PREFIX id: <https://w3id.org/aipkg/id/> SELECT * FROM NAMED id:graph/topics WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
]


@pytest.mark.parametrize("query", REFUSED)
def test_network_reaching_queries_are_refused(query: str) -> None:
    with pytest.raises(UnsafeQuery):
        check_query(query, allow_network=False)
    check_query(query, allow_network=True)  # the user's opt-in


@pytest.mark.parametrize("query", ALLOWED)
def test_words_in_strings_iris_comments_and_names_do_not_fool_the_check(query: str) -> None:
    check_query(query, allow_network=False)


def test_an_unterminated_string_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="unterminated"):
        check_query("SELECT * WHERE { ?s ?p \"open } SERVICE <http://x/> {", allow_network=False)


def _run(query: str, store: ox.Store) -> list[dict[str, object]]:
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{k: s[k] for k in names} for s in solutions]


@pytest.mark.parametrize(
    "text",
    ['"} UNION { ?s ?p ?o } #', "} ; DROP ALL ; {", "a\nb\\", "'''", "\\u0022 } ", "최 회장 \U0001f600"],
)
def test_bound_values_are_serialised_terms_not_pasted_text(text: str) -> None:
    store = ox.Store()
    g = NamedNode("https://w3id.org/aipkg/id/g")
    store.add(ox.Quad(NamedNode("urn:a"), NamedNode("urn:p"), Literal(text), g))
    store.add(ox.Quad(NamedNode("urn:b"), NamedNode("urn:p"), Literal("other"), g))
    query = bind_values("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", {"o": Literal(text)})
    assert _run(query, store) == [{"s": NamedNode("urn:a")}]


def test_values_go_into_the_where_group_of_every_query_form() -> None:
    b = {"x": NamedNode("urn:x")}
    construct = bind_values("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", b)
    assert construct.startswith("CONSTRUCT { ?x ?p ?o } WHERE { VALUES (?x) { (<urn:x>) }")
    short = bind_values("PREFIX a: <urn:a#> SELECT (COUNT(*) AS ?n) { ?x a:p ?o }", b)
    assert short.endswith("{ VALUES (?x) { (<urn:x>) }  ?x a:p ?o }")
    ask = bind_values("ASK { ?x ?p '{' }", {"x": NamedNode("urn:x"), "$y": Literal("v", language="ko")})
    assert ask == "ASK { VALUES (?x ?y) { (<urn:x> \"v\"@ko) }  ?x ?p '{' }"
    assert bind_values("ASK {}", {}) == "ASK {}"


def test_a_bound_parameter_is_a_constant_in_subqueries_optionals_minus_and_exists() -> None:
    store = ox.Store()
    p, q = NamedNode("urn:p"), NamedNode("urn:q")
    for s, o in [("a", "g1"), ("b", "g2")]:
        store.add(ox.Quad(NamedNode(f"urn:{s}"), p, NamedNode(f"urn:{o}")))
    store.add(ox.Quad(NamedNode("urn:a"), q, Literal("A")))
    store.add(ox.Quad(NamedNode("urn:b"), q, Literal("B")))
    b = {"group": NamedNode("urn:g1")}
    # a subquery cannot see an outer VALUES block; the parameter still restricts it
    sub = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s <urn:p> ?group } } }"
    assert _run(bind_values(sub, b), store) == [{"s": NamedNode("urn:a")}]
    minus = "SELECT ?s WHERE { ?s <urn:q> ?l MINUS { ?s <urn:p> ?group } }"
    assert _run(bind_values(minus, b), store) == [{"s": NamedNode("urn:b")}]
    optional = "SELECT ?s ?in WHERE { ?s <urn:q> ?l OPTIONAL { ?s <urn:p> ?group BIND(true AS ?in) } } ORDER BY ?s"
    rows = _run(bind_values(optional, b), store)
    assert [r["in"] is not None for r in rows] == [True, False]
    exists = "SELECT ?s WHERE { ?s <urn:q> ?l FILTER NOT EXISTS { ?s <urn:p> ?group } }"
    assert _run(bind_values(exists, b), store) == [{"s": NamedNode("urn:b")}]
    union = "SELECT ?s WHERE { { ?s <urn:p> ?group } UNION { ?s <urn:q> ?l FILTER(?group = ?group) } }"
    # (in the second branch, an unbound ?group would make the FILTER an error and drop every row)
    assert sorted(r["s"].value for r in _run(bind_values(union, b), store)) == ["urn:a", "urn:a", "urn:b"]
    # a group that does not use the parameter is left as written
    assert bind_values("ASK { ?x ?p ?o OPTIONAL { ?x ?p2 ?o2 } }", b).count("VALUES") == 1


@pytest.mark.parametrize("name", ["x y", "x}", "", "1x", "x) {} (?z"])
def test_bad_variable_names_are_refused(name: str) -> None:
    with pytest.raises(QueryError):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {name: Literal("v")})


def test_blank_nodes_and_queries_without_a_group_cannot_be_bound() -> None:
    with pytest.raises(QueryError, match="blank node"):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"s": BlankNode()})
    with pytest.raises(QueryError, match="no WHERE group"):
        bind_values("DESCRIBE <urn:x>", {"s": NamedNode("urn:s")})


# --- rdflib ------------------------------------------------------------------------------------


def test_rdflib_refuses_to_fetch_remote_documents_and_contexts() -> None:
    import rdflib

    disable_rdflib_network()
    disable_rdflib_network()  # idempotent
    # Loopback port 9 (discard): were a request attempted, the error would be a connection error.
    with pytest.raises(UnsafeQuery, match="127.0.0.1:9"):
        rdflib.Graph().parse("http://127.0.0.1:9/data.ttl", format="turtle")
    doc = '{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "urn:x", "name": "n"}'
    with pytest.raises(UnsafeQuery, match="context.jsonld"):
        rdflib.Graph().parse(data=doc, format="json-ld")
    with pytest.raises(UnsafeQuery, match="127.0.0.1:9"):
        list(rdflib.Graph().query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"))
    # Local data still parses.
    g = rdflib.Graph().parse(data='{"@id": "urn:x", "urn:p": "v"}', format="json-ld")
    assert len(g) == 1

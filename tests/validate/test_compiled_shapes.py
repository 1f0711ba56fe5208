"""The compiled validator (ingest's) gives the same results as pySHACL (the reference engine), and its two ways
of running (Python over an index, SPARQL queries) give the same results as each other."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.base_graphs import ensure_base_graphs
from kg.errors import KgError, UsageError
from kg.extract import extract
from kg.namespaces import AIP, PROV, RDFS, XSD
from kg.read import read_file
from kg.resolve import Resolver
from kg.store import OxigraphStore
from kg.validate import Evaluation, ValidationEngine, compile_shapes, compiled_shapes, validate
from kg.validate.terms import compare as _compare
from kg.validate.terms import xpath_regex as _regex

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def article_quads() -> list[list[ox.Quad]]:
    store = OxigraphStore(None)
    ensure_base_graphs(store)
    resolver = Resolver(store)
    out = []
    for path in sorted((ROOT / "examples/articles").glob("*.txt")):
        article = read_file(path)[0]
        out.append(resolver.resolve(extract(article)).quads)  # type: ignore[arg-type]
    return out


def results(report) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(v.focus, v.message, v.severity) for v in report.violations}


def same(quads: list[ox.Quad]) -> tuple[bool, set[tuple[str, str, str]]]:
    fast, reference = compiled_shapes().validate(quads), validate(quads)
    assert results(fast) == results(reference)
    assert fast.conforms == reference.conforms
    as_queries = compiled_shapes().validate(quads, engine="sparql")
    assert results(as_queries) == results(fast) and as_queries.conforms == fast.conforms
    return fast.conforms, results(fast)


def test_real_articles_conform_in_both_engines(article_quads: list[list[ox.Quad]]) -> None:
    for quads in article_quads:
        conforms, found = same(quads)
        assert conforms, found


def _first(quads: list[ox.Quad], cls: ox.NamedNode) -> ox.Quad:
    return next(q for q in quads if q.predicate.value.endswith("#type") and q.object == cls)


def test_meeting_without_attendees_and_with_a_bad_date(article_quads: list[list[ox.Quad]]) -> None:
    quads = [q for q in article_quads[1] if q.predicate != AIP.attendee and q.predicate != AIP.principal]
    meeting = _first(quads, AIP.Meeting)
    quads.append(ox.Quad(meeting.subject, AIP.date, ox.Literal("2024-13", datatype=XSD.string), meeting.graph_name))
    conforms, found = same(quads)
    assert not conforms
    messages = {m for _, m, _ in found}
    assert "a meeting has at least two attendees" in messages


def test_english_label_on_an_executive_and_a_second_certainty(article_quads: list[list[ox.Quad]]) -> None:
    quads = list(article_quads[0])
    exe = _first(quads, AIP.Executive)
    quads.append(ox.Quad(exe.subject, RDFS.label, ox.Literal("Somebody", language="en"), exe.graph_name))
    claim = next(q for q in quads if q.predicate == PROV.wasDerivedFrom)
    quads.append(ox.Quad(claim.subject, AIP.certainty, AIP.Occurred, claim.graph_name))
    conforms, _ = same(quads)
    assert not conforms


def test_paragraph_offsets_that_do_not_match_its_text(article_quads: list[list[ox.Quad]]) -> None:
    quads = [q for q in article_quads[0] if q.predicate != AIP.endOffset]
    para = _first(quads, AIP.Paragraph)
    quads.append(ox.Quad(para.subject, AIP.endOffset, ox.Literal("999999", datatype=XSD.integer), para.graph_name))
    conforms, found = same(quads)
    assert not conforms and any(f == para.subject.value for f, _, _ in found)


def test_each_sparql_constraint_finds_its_fault_in_python_as_in_sparql(article_quads: list[list[ox.Quad]]) -> None:
    """The sh:sparql constraints run in Python on an article (kg.select_eval): every one is compiled, and each
    finds the fault it is about exactly as pyoxigraph and pySHACL do."""
    shapes = compiled_shapes()
    assert all(c.evaluate is not None for c in shapes.checks)
    base = next(qs for qs in article_quads if any(q.predicate == AIP.earliestDate for q in qs))
    para = _first(base, AIP.Paragraph)
    meeting = next(q for q in base if q.predicate == AIP.earliestDate)
    claim = next(q for q in base if q.predicate == PROV.wasDerivedFrom)
    other_para = next(q for q in base if q.predicate.value.endswith("#type") and q.object == AIP.Paragraph
                      and q.subject != para.subject)
    index = next(q.object for q in base if q.subject == other_para.subject and q.predicate == AIP.index)
    org = ox.NamedNode("https://w3id.org/aipkg/id/org/test-loop")
    g = para.graph_name
    faults = {
        "aip:earliestDate and aip:latestDate": [
            ox.Quad(meeting.subject, AIP.date, ox.Literal("1999-01-01", datatype=XSD.date), meeting.graph_name)],
        "cycle of org:subOrganizationOf": [
            ox.Quad(org, ox.NamedNode("http://www.w3.org/ns/org#subOrganizationOf"), org, g),
            ox.Quad(org, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), AIP.Company, g)],
        "ends after its article's text": [
            ox.Quad(para.subject, AIP.endOffset, ox.Literal("99999999", datatype=XSD.integer), g)],
        "aip:text length differs": [ox.Quad(para.subject, AIP.text, ox.Literal("x"), g)],
        "same aip:index": [ox.Quad(para.subject, AIP.index, index, g)],
        "not part of its aip:fromArticle": [
            ox.Quad(claim.subject, PROV.wasDerivedFrom, ox.NamedNode("https://w3id.org/aipkg/id/x#p1"), claim.graph_name),
            ox.Quad(ox.NamedNode("https://w3id.org/aipkg/id/x#p1"), ox.NamedNode("http://purl.org/dc/terms/isPartOf"),
                    ox.NamedNode("https://w3id.org/aipkg/id/x"), g)],
    }
    assert same(base)[0]
    for fragment, extra in faults.items():
        conforms, found = same([*base, *extra])
        assert not conforms and any(fragment in m for _, m, _ in found), fragment


def test_unknown_shape_constructs_are_refused(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix aip: <https://w3id.org/aipkg/ontology#> .\n"
        "aip:S a sh:NodeShape ; sh:targetClass aip:Meeting ; sh:property [ sh:path aip:date ; sh:maxLength 3 ] .\n",
        encoding="utf-8",
    )
    with pytest.raises(KgError, match="does not support"):
        compile_shapes(shapes)


def test_a_sparql_constraint_python_cannot_evaluate_still_runs_as_a_query(
    tmp_path: Path, article_quads: list[list[ox.Quad]]
) -> None:
    """OPTIONAL is outside kg.select_eval's subset: the constraint keeps its query, with the same results."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix aip: <https://w3id.org/aipkg/ontology#> .\n"
        "aip:S a sh:NodeShape ; sh:targetClass aip:Meeting ; sh:sparql [ sh:message \"no latest date\" ; sh:select \"\"\"\n"
        "  PREFIX aip: <https://w3id.org/aipkg/ontology#>\n"
        "  SELECT $this WHERE { $this a aip:Meeting OPTIONAL { $this aip:latestDate ?d } FILTER(!BOUND(?d)) }\"\"\" ] .\n",
        encoding="utf-8",
    )
    compiled = compile_shapes(shapes)
    assert [c.evaluate for c in compiled.checks] == [None]
    quads = next(qs for qs in article_quads if any(q.predicate == AIP.latestDate for q in qs))
    assert compiled.validate(quads).conforms
    broken = [q for q in quads if q.predicate != AIP.latestDate]
    python, sparql = compiled.validate(broken), compiled.validate(broken, engine="sparql")
    assert not python.conforms and _with_paths(python) == _with_paths(sparql)
    assert {v.message for v in python.violations} == {"no latest date"}


def _store_of(article_quads: list[list[ox.Quad]], extra: list[ox.Quad]) -> OxigraphStore:
    store = OxigraphStore(None)
    ensure_base_graphs(store)
    for quads in article_quads:
        store.replace([], quads)
    store.replace([], extra)
    return store


def test_whole_store_validation_agrees_with_pyshacl(article_quads: list[list[ox.Quad]]) -> None:
    from kg.maintenance import validate_store

    store = _store_of(article_quads, [])
    fast, reference = validate_store(store), validate_store(store, engine="pyshacl")
    assert fast.conforms and reference.conforms, (results(fast), results(reference))

    meeting = _first(article_quads[1], AIP.Meeting)
    broken = [ox.Quad(meeting.subject, AIP.date, ox.Literal("2024-13", datatype=XSD.string), meeting.graph_name)]
    store = _store_of(article_quads, broken)
    fast, reference = validate_store(store), validate_store(store, engine="pyshacl")
    assert not fast.conforms and results(fast) == results(reference)
    assert any(f == meeting.subject.value for f, _, _ in results(fast))


def test_whole_store_validation_refuses_an_unknown_engine() -> None:
    from kg.maintenance import validate_store

    with pytest.raises(KgError, match="unknown validation engine"):
        validate_store(OxigraphStore(None), engine="hermit")


def _with_paths(report) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    # values left out: SPARQL gives a literal back in canonical form ("Z" for "+00:00"), Python as written
    return sorted((v.focus, v.path or "", v.message, v.severity) for v in report.violations)


def test_python_and_sparql_evaluation_agree_on_broken_articles(article_quads: list[list[ox.Quad]]) -> None:
    """Random damage (statements dropped, objects swapped between statements, odd literals) to real articles:
    every check must find the same violations both ways, and the damage must break something."""
    rng = random.Random(7)
    odd = [
        ox.Literal("-1", datatype=XSD.integer), ox.Literal("5", datatype=XSD.integer),
        ox.Literal("2024-02-30", datatype=XSD.date), ox.Literal("2024-01-01", datatype=XSD.date),
        ox.Literal("2024-01-01T00:00:00+09:00", datatype=XSD.dateTime), ox.Literal("x", language="en"),
        ox.Literal("x", language="ko"), ox.Literal("1.5", datatype=XSD.decimal), ox.Literal("plain"),
        AIP.Occurred, AIP.Meeting,
    ]
    shapes = compiled_shapes()
    broken = 0
    for _ in range(150):
        quads = list(rng.choice(article_quads))
        for _ in range(rng.randint(1, 4)):
            roll, a = rng.random(), rng.choice(quads)
            if roll < 0.35:
                quads.remove(a)
            elif roll < 0.7:
                quads.append(ox.Quad(a.subject, a.predicate, rng.choice(quads).object, a.graph_name))
            else:
                quads.append(ox.Quad(a.subject, a.predicate, rng.choice(odd), a.graph_name))
        python, sparql = shapes.validate(quads), shapes.validate(quads, engine="sparql")
        assert _with_paths(python) == _with_paths(sparql)
        broken += not python.conforms
    assert broken > 50


def _literals() -> list[ox.Literal]:
    x = "http://www.w3.org/2001/XMLSchema#"
    typed = [
        ("1", "integer"), ("01", "integer"), ("+2", "integer"), ("-3", "integer"), (" 1", "integer"),
        ("abc", "integer"), ("1.5", "decimal"), ("2E0", "double"), ("NaN", "double"), ("3", "int"),
        ("2024-01-01", "date"), ("2024-01-02", "date"), ("2024-01-02Z", "date"), ("2024-13-01", "date"),
        ("2024-01-01T10:00:00", "dateTime"), ("2024-01-01T10:00:00.5", "dateTime"),
        ("2024-01-01T10:00:00+09:00", "dateTime"), ("2024-01-03T00:00:00Z", "dateTime"), ("a", "string"),
        ("b", "string"), ("true", "boolean"),
    ]
    return [ox.Literal(v, datatype=ox.NamedNode(x + t)) for v, t in typed] + [
        ox.Literal("a", language="ko"), ox.Literal("b", language="ko"), ox.Literal("b", language="en"),
    ]


def test_comparisons_are_sparqls() -> None:
    """Python compares the literals our data holds itself and asks pyoxigraph about the rest: every pair
    gives what pyoxigraph gives (True, False, or an error, None)."""
    store = ox.Store()
    literals = _literals()
    for left in literals:
        for right in literals:
            for op in ("<", "<=", ">", ">=", "=", "!="):
                row = next(iter(store.query(f"SELECT (({left}) {op} ({right}) AS ?r) WHERE {{}}")))  # type: ignore[union-attr]
                expected = None if row["r"] is None else row["r"].value == "true"
                assert _compare(left, right, op) == expected, (left, op, right)


def test_patterns_end_where_sparqls_do() -> None:
    # Python's $ also matches before a final newline; SPARQL's does not
    assert _regex("^a$").search("a") and not _regex("^a$").search("a\n")
    assert _regex("^[$]$").search("$") and _regex(r"^\$$").search("$")


def test_engine_choices_are_enums_that_accept_their_strings(article_quads: list[list[ox.Quad]]) -> None:
    """The CLI passes the option's string or the Enum; either works, and anything else is a usage error."""
    assert ValidationEngine.of("pyshacl") is ValidationEngine.PYSHACL and ValidationEngine.FAST == "fast"
    with pytest.raises(UsageError, match="unknown validation engine 'hermit': use fast, pyshacl"):
        ValidationEngine.of("hermit")
    quads = article_quads[0]
    assert _with_paths(compiled_shapes().validate(quads, engine=Evaluation.SPARQL)) == _with_paths(
        compiled_shapes().validate(quads, engine="sparql")
    )
    with pytest.raises(UsageError, match="unknown evaluation 'rust': use python, sparql"):
        compiled_shapes().validate(quads, engine="rust")


def test_a_node_level_or_may_ask_for_a_path_without_values(tmp_path: Path, article_quads: list[list[ox.Quad]]) -> None:
    """[sh:path P ; sh:maxCount 0] inside a node-level sh:or: "no topic, or a location". Python and SPARQL
    find the same, and a count the compiler does not know is refused at compile time."""
    shapes = tmp_path / "shapes.ttl"
    head = ("@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix aip: <https://w3id.org/aipkg/ontology#> .\n"
            "aip:S a sh:NodeShape ; sh:targetClass aip:Meeting ; sh:message \"a topic needs a place\" ; sh:or (\n")
    shapes.write_text(head + "[ sh:path aip:topic ; sh:maxCount 0 ] [ sh:path aip:location ; sh:minCount 1 ] ) .\n",
                      encoding="utf-8")
    compiled = compile_shapes(shapes)
    quads = next(qs for qs in article_quads if any(q.predicate == AIP.topic for q in qs))
    assert compiled.validate(quads).conforms
    broken = [q for q in quads if q.predicate != AIP.location]
    python, sparql = compiled.validate(broken), compiled.validate(broken, engine="sparql")
    assert not python.conforms and _with_paths(python) == _with_paths(sparql)
    no_topic = [q for q in broken if q.predicate != AIP.topic]
    assert compiled.validate(no_topic).conforms and compiled.validate(no_topic, engine="sparql").conforms
    shapes.write_text(head + "[ sh:path aip:topic ; sh:maxCount 1 ] [ sh:path aip:location ; sh:minCount 1 ] ) .\n",
                      encoding="utf-8")
    with pytest.raises(KgError, match="does not support"):
        compile_shapes(shapes)

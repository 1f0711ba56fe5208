"""The query library against a fixture dataset shaped like the store's data (tests/fixtures/graph.trig).

Expected results live in tests/fixtures/expected/<query>[--<case>].json: ``{"params": {...}, "results":
<W3C SPARQL JSON results>}``, compared order-independently.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg import query as Q
from kg.errors import InputError, NothingMatched, QueryError, UsageError
from kg.namespaces import AIP, ID_NS, ORG, RDF, RDFS, XSD, mint, slug
from kg.query import library
from kg.render import format_result
from kg.resources import queries_dir
from kg.store import OxigraphStore, SelectResult

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXPECTED = FIXTURES / "expected"
HOSTILE = [
    'x" } ; DROP ALL ; { "',
    "} UNION { ?s ?p ?o }",
    "line\nbreak\ttab\r\\",
    "'; SELECT * WHERE { ?s ?p ?o } #",
    "<https://w3id.org/aipkg/id/person/x>",
    "?name",
    "",
]


def fixture_quads() -> list[Quad]:
    return list(parse((FIXTURES / "graph.trig").read_bytes(), format=RdfFormat.TRIG))


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore(None)
    s.add(fixture_quads())
    return s


def expected_cases() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def query_of_case(path: Path) -> str:
    return path.stem.split("--")[0]


def _unordered(term: dict[str, str]) -> dict[str, str]:
    """GROUP_CONCAT lists ("a; b", "x / y") have no defined order: compare their parts sorted."""
    if term["type"] != "literal":
        return term
    value = term["value"]
    for sep in ("; ", " / "):
        if sep in value:
            value = sep.join(sorted(value.split(sep)))
    return {**term, "value": value}


def canonical_bindings(bindings: list[dict[str, dict[str, str]]]) -> list[str]:
    """An order-independent multiset of rows."""
    return sorted(
        json.dumps({k: _unordered(v) for k, v in b.items()}, sort_keys=True, ensure_ascii=False) for b in bindings
    )


def canonical(result: SelectResult) -> list[str]:
    return canonical_bindings(json.loads(format_result(result, "json"))["results"]["bindings"])


# --- the library against the fixture ---------------------------------------------------------------------


def test_every_query_has_an_expected_result() -> None:
    names = {q.name for q in Q.list_queries()}
    covered = {query_of_case(p) for p in expected_cases()}
    assert names - covered == set(), f"queries without an expected result in {EXPECTED}"
    assert covered - names == set(), "expected results for queries that do not exist"


def test_the_library_has_the_promised_queries() -> None:
    names = {q.name for q in Q.list_queries()}
    assert {
        "sk-executives-per-meeting",
        "meetings-of-person",
        "meetings-between-companies",
        "topics-by-company-pair",
        "executives-of-company",
        "partners-of-company",
        "fact-provenance",
    } <= names


@pytest.mark.parametrize("case", expected_cases(), ids=lambda p: p.stem)
def test_query_gives_expected_result(store: OxigraphStore, case: Path) -> None:
    spec = json.loads(case.read_text(encoding="utf-8"))
    query = Q.load_query(query_of_case(case))
    result = Q.run_query(store, query.name, spec["params"])
    assert isinstance(result, SelectResult)
    assert result.variables == query.columns, "the header's columns must be the result's columns"
    assert list(result.variables) == spec["results"]["head"]["vars"]
    assert canonical(result) == canonical_bindings(spec["results"]["results"]["bindings"])


def _rows(store: OxigraphStore, name: str, params: dict[str, str] | None = None) -> list[dict[str, str]]:
    result = Q.run_query(store, name, params)
    assert isinstance(result, SelectResult)
    return [{k: ("" if v is None else v.value) for k, v in row.items()} for row in result.rows]


def test_sk_executives_per_meeting_is_the_mission_answer(store: OxigraphStore) -> None:
    rows = _rows(store, "sk-executives-per-meeting")
    got = [(r["date"], r["earliest"], r["latest"], r["city"], r["counterparts"], r["name"], r["title"], r["companyName"]) for r in rows]
    sk = "SK그룹"
    hynix, telecom = "SK하이닉스", "SK텔레콤"
    altman, nadella = "샘 올트먼 (오픈AI)", "사티아 나델라 (마이크로소프트)"
    jun = ("2024-06", "2024-06-22", "2024-06-27")
    want = {
        ("2024-01", "2024-01-01", "2024-01-31", "", altman, "최태원", "회장", sk),
        (*jun, "San Francisco", altman, "최태원", "회장", sk),
        (*jun, "San Francisco", altman, "유영상", "최고경영자(CEO)", telecom),
        (*jun, "San Francisco", altman, "김주선", "사장", hynix),
        (*jun, "Redmond", nadella, "최태원", "회장", sk),
        (*jun, "Redmond", nadella, "유영상", "최고경영자(CEO)", telecom),
        (*jun, "Redmond", nadella, "김주선", "사장", hynix),
        ("2025-02", "2025-02-01", "2025-02-28", "Seoul", altman, "최태원", "회장", sk),
        ("2025-02", "2025-02-01", "2025-02-28", "Seoul", altman, "유영상", "대표이사 사장", telecom),
        ("2025-02", "2025-02-01", "2025-02-28", "Seoul", altman, "곽노정", "대표이사 사장", hynix),
        ("2025-02", "2025-02-01", "2025-02-28", "Seoul", altman, "김주선", "AI인프라 사장", hynix),
        ("2025-07", "2025-07-14", "2025-07-16", "San Francisco", altman, "최태원", "회장", sk),
    }
    assert set(got) == want and len(got) == len(want)  # one row per (meeting, executive)
    assert len({r["meeting"] for r in rows}) == 5
    assert [r["earliest"] for r in rows] == sorted(r["earliest"] for r in rows), "ordered by date"
    assert all("김민수" not in r["name"] and "LG" not in r["counterparts"] for r in rows), "the LG meeting is not SK's"


def test_group_parameter_selects_another_group(store: OxigraphStore) -> None:
    rows = _rows(store, "sk-executives-per-meeting", {"group": "id:org/lg-group"})
    assert [(r["name"], r["title"], r["companyName"], r["city"], r["date"]) for r in rows] == [
        ("김민수", "부사장", "LG전자", "Las Vegas", "2025-01-08")
    ]
    assert rows[0]["counterparts"] == "사티아 나델라 (마이크로소프트)"


def test_group_membership_is_transitive_without_inference() -> None:
    """A company two levels below the group counts, with no inferred graph in the store."""
    quads = [q for q in fixture_quads() if q.graph_name.value != ID_NS + "graph/inferred"]
    art, graph, meta = mint("article", "ffff"), mint("graph", "article", "ffff", "p1", "stated"), mint("graph", "article", "ffff", "meta")
    sub, person, meeting = mint("org", "sk-hynix-america"), mint("person", "sk-group", slug("홍길동")), mint("meeting", "ffff")
    position = mint("position", "sk-group", slug("홍길동"), "sk-hynix-america", slug("법인장"))
    ref = mint("graph", "reference")
    quads += [
        Quad(sub, RDF.type, AIP.Company, ref),
        Quad(sub, RDFS.label, Literal("SK하이닉스 아메리카", language="ko"), ref),
        Quad(sub, ORG.subOrganizationOf, mint("org", "sk-hynix"), ref),
        Quad(graph, AIP.fromArticle, art, meta),
        Quad(graph, AIP.certainty, AIP.Stated, meta),
        Quad(person, RDF.type, AIP.Executive, graph),
        Quad(person, RDFS.label, Literal("홍길동", language="ko"), graph),
        Quad(person, AIP.holdsPosition, position, graph),
        Quad(position, AIP.organization, sub, graph),
        Quad(position, AIP.title, Literal("법인장", language="ko"), graph),
        Quad(meeting, RDF.type, AIP.Meeting, graph),
        Quad(meeting, AIP.attendee, person, graph),
        Quad(meeting, AIP.date, Literal("2025-03-04", datatype=XSD.date), mint("graph", "resolved", "ffff")),
    ]
    s = OxigraphStore(None)
    s.add(quads)
    rows = _rows(s, "sk-executives-per-meeting")
    assert ("홍길동", "법인장", "SK하이닉스 아메리카") in {(r["name"], r["title"], r["companyName"]) for r in rows}
    execs = _rows(s, "executives-of-company", {"company": "SK그룹"})
    assert "홍길동" in {r["name"] for r in execs}


@pytest.mark.parametrize("name", ["최태원", "CHEY TAE-WON", "chey tae-won"])
def test_person_found_by_label_or_alias_ignoring_case(store: OxigraphStore, name: str) -> None:
    rows = _rows(store, "meetings-of-person", {"name": name})
    assert [r["date"] for r in rows] == ["2024-01", "2024-06", "2024-06", "2025-02", "2025-07"]


def test_company_given_by_name_alias_or_iri(store: OxigraphStore) -> None:
    by = [
        {"company1": "SK", "company2": "마이크로소프트"},
        {"company1": "sk group", "company2": "MS"},
        {"company1": ID_NS + "org/sk-group", "company2": "id:org/microsoft"},
    ]
    results = [[r["meeting"] for r in _rows(store, "meetings-between-companies", p)] for p in by]
    assert results[0] == results[1] == results[2] == [ID_NS + "meeting/e8a36f2b9c0d1457"]


# --- headers -------------------------------------------------------------------------------------------


def test_every_library_query_has_a_complete_header() -> None:
    for q in Q.list_queries():
        assert q.question.endswith("?"), q.name
        assert q.columns, q.name
        for p in q.params:
            assert f"?{p.name}" in q.text, f"{q.name}: parameter {p.name} binds no variable"
            assert p.doc, f"{q.name}: parameter {p.name} is undocumented"
            # Unprojected, so the store binds it as a VALUES block that the engine plans as a constant.
            projection = q.text[q.text.index("SELECT") : q.text.index("WHERE")]
            assert not re.search(rf"\?{p.name}\b", projection), f"{q.name}: parameter {p.name} is projected"


def test_header_parsing(tmp_path: Path) -> None:
    path = tmp_path / "custom.rq"
    path.write_text(
        "# question: What is it?\n"
        "# some free text: ignored\n"
        "# param: who iri default=id:org/sk-group  the group\n"
        '# param: label string default="two words"  a label with spaces\n'
        "# param: since date optional  a date\n"
        "# param: n integer required  how many\n"
        "# columns: a b\n"
        "SELECT ?a ?b ?who ?label ?since ?n WHERE { BIND(1 AS ?a) BIND(2 AS ?b) }\n"
        "# columns: not read, the header has ended\n",
        encoding="utf-8",
    )
    q = Q.load_query(str(path))
    assert q.name == "custom" and q.question == "What is it?" and q.columns == ("a", "b")
    assert [(p.name, p.kind, p.default, p.required) for p in q.params] == [
        ("who", "iri", "id:org/sk-group", False),
        ("label", "string", "two words", False),
        ("since", "date", None, False),
        ("n", "integer", None, True),
    ]
    assert q.params[0].doc == "the group"
    bound = Q.bind_params(q, {"n": "3"})
    assert bound == {
        "who": NamedNode(ID_NS + "org/sk-group"),
        "label": Literal("two words"),
        "n": Literal("3", datatype=XSD.integer),
    }


@pytest.mark.parametrize(
    "line",
    [
        "# param: bad-name string required  x",
        "# param: x colour required  x",
        "# param: d date default=yesterday  x",
        "# param:",
        "# columns: a ?b",
    ],
)
def test_malformed_header_names_file_and_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "bad.rq"
    path.write_text(f"# question: Q?\n{line}\nSELECT * WHERE {{}}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        Q.load_query(str(path))
    assert f"{path}:2" in str(err.value)


def test_load_query_unknown_name_lists_the_library() -> None:
    with pytest.raises(UsageError) as err:
        Q.load_query("no-such-query")
    assert "sk-executives-per-meeting" in str(err.value) and "meetings-of-person" in str(err.value)
    with pytest.raises(InputError):
        Q.load_query("missing/file.rq")


def test_load_query_by_name_and_by_path() -> None:
    by_name = Q.load_query("fact-provenance")
    by_path = Q.load_query(str(queries_dir() / "fact-provenance.rq"))
    assert by_name == by_path


def test_a_query_read_from_standard_input_runs_with_its_header_and_bound_parameters(store: OxigraphStore) -> None:
    library = Q.load_query("meetings-of-person")
    text = io.BytesIO(library.text.encode("utf-8"))
    q = Q.load_query("-", stdin=text)
    assert q.name == "stdin" and q.path is None and q.params == library.params
    from_stdin = Q.run_query(store, q, {"name": "Chey Tae-won"})
    assert isinstance(from_stdin, SelectResult) and from_stdin.rows
    assert from_stdin == Q.run_query(store, "meetings-of-person", {"name": "Chey Tae-won"})


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "<stdin>: empty: no query text"),
        (b"  \n# only a comment\n", "<stdin>: empty"),
        (b"SELECT \xff", "<stdin>: query text is not UTF-8 (byte 7)"),
    ],
)
def test_bad_standard_input_is_named(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as err:
        Q.load_query("-", stdin=io.BytesIO(data))
    assert str(err.value).startswith(problem)


def test_standard_input_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library, "MAX_QUERY_BYTES", 100)
    with pytest.raises(InputError, match="over 0 KiB: not a query"):
        Q.load_query("-", stdin=io.BytesIO(b"SELECT * WHERE { ?s ?p ?o }" * 10))


@pytest.mark.parametrize("update", ["DROP ALL", "PREFIX x: <http://x/> insert data { x:a x:b x:c }", "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"])
def test_an_update_is_refused_as_such(tmp_path: Path, update: str) -> None:
    with pytest.raises(QueryError, match="<stdin>: [A-Z]+ is a SPARQL update; queries only read the store"):
        Q.load_query("-", stdin=io.BytesIO(update.encode()))
    path = tmp_path / "update.rq"
    path.write_text(update, encoding="utf-8")
    with pytest.raises(QueryError, match=f"{path}: .* is a SPARQL update"):
        Q.load_query(str(path))
    # the same words inside a string or an IRI are just text
    harmless = Q.load_query("-", stdin=io.BytesIO(b'SELECT ("DROP ALL" AS ?x) WHERE {}'))
    assert harmless.name == "stdin"


# --- parameters ------------------------------------------------------------------------------------------


def test_bind_params_errors() -> None:
    q = Q.load_query("meetings-of-person")
    with pytest.raises(UsageError, match="needs the parameter 'name'"):
        Q.bind_params(q, {})
    with pytest.raises(UsageError, match="no parameter nmae"):
        Q.bind_params(q, {"nmae": "x"})
    sk = Q.load_query("sk-executives-per-meeting")
    assert Q.bind_params(sk, {}) == {"group": NamedNode(ID_NS + "org/sk-group")}
    for bad in ["not an iri", "nope:x", "<http://a b>", "http://x/{y}"]:
        with pytest.raises(UsageError):
            Q.bind_params(sk, {"group": bad})


@pytest.mark.parametrize("kind,value", [("date", "2024-13-01"), ("date", "20240101"), ("date", "2024-06"), ("integer", "1.5"), ("integer", "1; DROP")])
def test_bad_typed_values(kind: str, value: str) -> None:
    with pytest.raises(UsageError):
        Q.convert_value(Q.QueryParam("p", kind, None, "doc"), value)


def test_term_parameter() -> None:
    p = Q.QueryParam("object", "term", None, "doc")
    assert Q.convert_value(p, '"최태원"@ko') == Literal("최태원", language="ko")
    assert Q.convert_value(p, '"2024-06"^^xsd:gYearMonth') == Literal("2024-06", datatype=XSD.gYearMonth)
    assert Q.convert_value(p, "id:org/openai") == NamedNode(ID_NS + "org/openai")
    assert Q.convert_value(p, "<https://example.org/x>") == NamedNode("https://example.org/x")
    assert Q.convert_value(p, "plain words") == Literal("plain words")
    for hostile in ['"a" . <urn:x> <urn:y> "b"', '"unterminated', '"a"@ko ; <urn:p> "b"']:
        with pytest.raises(UsageError):
            Q.convert_value(p, hostile)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_are_just_text(store: OxigraphStore, hostile: str) -> None:
    """Each names nothing, so each is said to match nothing; the store is unchanged."""
    before = store.count()
    for name, params in (("meetings-of-person", {"name": hostile}), ("executives-of-company", {"company": hostile}),
                         ("meetings-between-companies", {"company1": hostile, "company2": "SK"})):
        with pytest.raises(NothingMatched, match="nothing in the store is"):
            _rows(store, name, params)
    assert store.count() == before


@pytest.mark.parametrize("hostile", [h for h in HOSTILE if h])
def test_hostile_label_is_matched_as_data(hostile: str) -> None:
    """A person whose name is hostile text is found by exactly that text, and only by it."""
    s = OxigraphStore(None)
    quads = fixture_quads()
    g = mint("graph", "article", "2546148ec63b8380", "p1", "stated")
    person = mint("person", "sk-group", slug("최태원"))
    quads.append(Quad(person, RDFS.label, Literal(hostile, language="ko"), g))
    s.add(quads)
    assert len(_rows(s, "meetings-of-person", {"name": hostile.upper()})) == 5
    with pytest.raises(NothingMatched):
        _rows(s, "meetings-of-person", {"name": hostile + "x"})

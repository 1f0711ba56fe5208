"""Presentation of query results: W3C SPARQL JSON, CSV and TSV, aligned tables, ASK and CONSTRUCT results."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, QueryResultsFormat, RdfFormat, Triple, parse, parse_query_results

from kg import render
from kg.errors import UsageError
from kg.namespaces import AIP, ID_NS, RDF, RDFS, XSD
from kg.query import run_query
from kg.store import OxigraphStore, SelectResult

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore(None)
    s.add(parse((FIXTURES / "graph.trig").read_bytes(), format=RdfFormat.TRIG))
    return s


# --- output formats --------------------------------------------------------------------------------------

SAMPLE = SelectResult(
    variables=("s", "label", "n", "empty"),
    rows=(
        {"s": NamedNode(ID_NS + "org/sk-group"), "label": Literal("SK그룹", language="ko"), "n": Literal("3", datatype=XSD.integer), "empty": None},
        {"s": NamedNode("http://example.org/a,b"), "label": Literal('say "hi",\nthen\tgo'), "n": None, "empty": None},
    ),
)


def test_json_follows_the_w3c_shape(store: OxigraphStore) -> None:
    doc = json.loads(render.format_result(SAMPLE, "json"))
    assert doc["head"]["vars"] == ["s", "label", "n", "empty"]
    first, second = doc["results"]["bindings"]
    assert first == {
        "s": {"type": "uri", "value": ID_NS + "org/sk-group"},
        "label": {"type": "literal", "value": "SK그룹", "xml:lang": "ko"},
        "n": {"type": "literal", "value": "3", "datatype": XSD.integer.value},
    }
    assert second["label"] == {"type": "literal", "value": 'say "hi",\nthen\tgo'}
    assert "n" not in second and "empty" not in second  # unbound: absent
    real = json.loads(render.format_result(run_query(store, "topics-by-company-pair"), "json"))
    for binding in real["results"]["bindings"]:
        for term in binding.values():
            assert term["type"] in ("uri", "literal", "bnode")
            assert set(term) <= {"type", "value", "xml:lang", "datatype"}
            assert not ("xml:lang" in term and "datatype" in term)


def test_csv_follows_the_w3c_format() -> None:
    text = render.format_result(SAMPLE, "csv")
    assert text.startswith("s,label,n,empty\r\n")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [
        ["s", "label", "n", "empty"],
        [ID_NS + "org/sk-group", "SK그룹", "3", ""],
        ["http://example.org/a,b", 'say "hi",\nthen\tgo', "", ""],
    ]


def test_tsv_follows_the_w3c_format() -> None:
    lines = render.format_result(SAMPLE, "tsv").split("\n")
    assert lines[0] == "?s\t?label\t?n\t?empty"
    assert lines[-1] == "" and len(lines) == 4  # one line per row: newlines in values are escaped
    fields = lines[2].split("\t")
    assert len(fields) == 4
    assert fields[0] == "<http://example.org/a,b>"
    assert lines[1].split("\t")[1] == '"SK그룹"@ko'
    # Each field is a term in N-Triples syntax: parse it back.
    doc = f"<urn:s> <urn:p> {fields[1]} .\n".encode()
    assert next(iter(parse(doc, format=RdfFormat.N_TRIPLES))).object == Literal('say "hi",\nthen\tgo')


def _cell_starts(line: str) -> list[int]:
    """Display offsets where a cell begins: the first character, or one after two spaces."""
    starts, width, previous = [], 0, "  "
    for ch in line:
        if ch != " " and previous == "  ":
            starts.append(width)
        previous = (previous + ch)[-2:]
        width += render.display_width(ch)
    return starts


def test_table_is_aligned_and_shortens_iris(store: OxigraphStore) -> None:
    text = render.format_result(run_query(store, "executives-of-company", {"company": "SK하이닉스"}), "table")
    lines = text.rstrip("\n").split("\n")
    assert lines[0].split() == ["executive", "name", "title", "organization", "organizationName", "articles"]
    assert "id:org/sk-hynix" in text and "id:person/sk-group/곽노정" in text and "https://" not in text
    # Columns line up in terminal cells (Korean characters are two cells wide).
    starts = _cell_starts(lines[1])
    assert len(starts) == 6
    for row in lines[2:]:
        assert _cell_starts(row) == starts, f"misaligned row {row!r}"
    assert render.format_result(SelectResult(("a",), ()), "table").endswith("(no results)\n")


def test_ask_and_construct_results() -> None:
    assert json.loads(render.format_result(True, "json")) == {"head": {}, "boolean": True}
    assert render.format_result(False, "csv") == "false\n"
    triples = [
        Triple(NamedNode(ID_NS + "org/sk-hynix"), RDF.type, AIP.Company),
        Triple(NamedNode(ID_NS + "org/sk-hynix"), RDFS.label, Literal('SK "hynix"', language="en")),
    ]
    nt = render.format_result(triples, "table")
    assert {q.triple for q in parse(nt.encode(), format=RdfFormat.N_TRIPLES)} == set(triples)
    assert render.format_result(triples, "csv") == nt
    # JSON-LD and RDF/XML by pyoxigraph's serialisers: they parse back to the same triples
    for fmt, syntax in (("json", RdfFormat.JSON_LD), ("xml", RdfFormat.RDF_XML)):
        text = render.format_result(triples, fmt)
        assert {q.triple for q in parse(text.encode(), format=syntax)} == set(triples), fmt
    assert json.loads(render.format_result(triples, "json"))[0]["@id"] == ID_NS + "org/sk-hynix"
    with pytest.raises(UsageError):
        render.format_result(triples, "yaml")


def test_xml_and_json_results_parse_back_to_the_same_solutions() -> None:
    for fmt, syntax in (("json", QueryResultsFormat.JSON), ("xml", QueryResultsFormat.XML), ("tsv", QueryResultsFormat.TSV)):
        back = parse_query_results(render.format_result(SAMPLE, fmt), syntax)
        assert [v.value for v in back.variables] == list(SAMPLE.variables)  # type: ignore[union-attr]
        rows = [{v: s[v] for v in SAMPLE.variables} for s in back]  # type: ignore[union-attr]
        assert rows == [dict(r) for r in SAMPLE.rows], fmt
    assert parse_query_results(render.format_result(True, "xml"), QueryResultsFormat.XML)

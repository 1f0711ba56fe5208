"""The compiled validator (ingest's) gives the same results as pySHACL (the reference engine)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.extract import extract
from kg.ingest import ensure_base_graphs
from kg.namespaces import AIP, PROV, RDFS, XSD
from kg.reader import read_file
from kg.resolve import Resolver
from kg.shacl_fast import compile_shapes, compiled_shapes
from kg.store_oxigraph import OxigraphStore
from kg.validate import validate

ROOT = Path(__file__).resolve().parents[1]


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


def test_unknown_shape_constructs_are_refused(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix aip: <https://w3id.org/aipkg/ontology#> .\n"
        "aip:S a sh:NodeShape ; sh:targetClass aip:Meeting ; sh:property [ sh:path aip:date ; sh:maxLength 3 ] .\n",
        encoding="utf-8",
    )
    with pytest.raises(KgError, match="does not support"):
        compile_shapes(shapes)


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

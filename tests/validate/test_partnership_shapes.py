"""The partnership shapes on valid data and on data that breaks each of them; pySHACL, the compiled shapes in
Python and the compiled shapes as SPARQL queries must report the same."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import SKOS

from kg.namespaces import sparql_prologue
from kg.store import OxigraphStore
from kg.validate import ValidationReport, compiled_shapes, load_bundled, validate

FIXTURE = Path(__file__).parent / "data" / "partnership.trig"
ID = "https://w3id.org/aipkg/id/"
P1, P2 = f"{ID}partnership/p1", f"{ID}partnership/p2"
M7 = f"{ID}meeting/m7"
G1 = f"{ID}graph/article/def456/p1/stated"
G2 = f"{ID}graph/article/def456/p2/speculated"
R1 = f"{ID}graph/resolved/p1"
KINDS = f"{ID}graph/partnership-kinds"
SKT, ANTHROPIC, SK = f"{ID}org/sk-telecom", f"{ID}org/anthropic", f"{ID}org/sk-group"
RYU = f"{ID}person/sk-group/%EC%9C%A0%EC%98%81%EC%83%81"
INVESTMENT = f"{ID}partnership-kind/investment"


def quads(update: str | None = None) -> list[ox.Quad]:
    """The valid fixture, changed by a SPARQL update."""
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    if update:
        store.update(sparql_prologue() + update)
    return list(store)


def results(report: ValidationReport) -> set[tuple[str, str, str]]:
    return {(v.focus, v.message, v.severity) for v in report.violations}


def check(update: str | None = None) -> ValidationReport:
    """The report on the changed fixture, after checking that the three ways of validating agree. pySHACL
    runs on the fixture alone (it holds the slice of bundled data it needs): with the whole bundled data it
    takes seconds, which the compiled shapes, checking beside the bundled data, do not."""
    data = quads(update)
    reference = validate(data, with_reference=False)
    python = compiled_shapes().validate(data)
    sparql = compiled_shapes().validate(data, engine="sparql")
    assert results(python) == results(reference) == results(sparql)
    assert python.conforms == reference.conforms == sparql.conforms
    return reference


def found(report: ValidationReport, focus: str, text: str) -> bool:
    return any(v.focus == focus and text in v.message for v in report.errors)


def test_fixture_conforms_with_and_without_the_bundled_data() -> None:
    assert check().conforms
    report = validate(quads(), with_reference=True)
    assert report.conforms, report.text


# a new kind added to the scheme, {notation} its skos:notation statement (if any)
MERGER = f"""INSERT DATA {{{{ GRAPH <{KINDS}> {{{{
    <{ID}partnership-kind/merger> a aip:PartnershipKind , skos:Concept ;
        skos:inScheme <{ID}partnership-kind/scheme> ; {{notation}}
        skos:prefLabel "합병"@ko , "merger"@en }}}} }}}}"""

# (id, update, focus, message fragment)
VIOLATIONS = [
    ("one-partner", f"DELETE DATA {{ GRAPH <{G1}> {{ <{P1}> aip:partner <{ANTHROPIC}> }} }}",
     P1, "at least two partners"),
    ("the-same-partner-twice-is-one",
     f"""DELETE DATA {{ GRAPH <{G2}> {{ <{P2}> aip:partner <{ANTHROPIC}> }} }};
         INSERT DATA {{ GRAPH <{G1}> {{ <{P2}> aip:partner <{SKT}> }} }}""",
     P2, "at least two partners"),
    ("partner-is-a-person", f"INSERT DATA {{ GRAPH <{G1}> {{ <{P1}> aip:partner <{RYU}> }} }}",
     P1, "partner is an aip:Company"),
    ("no-kind", f"DELETE WHERE {{ GRAPH <{G2}> {{ <{P2}> aip:partnershipKind ?k }} }}",
     P2, "aip:partnershipKind"),
    ("kind-outside-the-scheme",
     f"INSERT DATA {{ GRAPH <{G1}> {{ <{P1}> aip:partnershipKind <{ID}topic/language-models> }} }}",
     P1, "aip:partnershipKind"),
    ("meeting-status", f"INSERT DATA {{ GRAPH <{G2}> {{ <{P2}> aip:reportedStatus aip:Occurred }} }}",
     P2, "aip:reportedStatus is aip:Announced"),
    ("two-statuses", f"INSERT DATA {{ GRAPH <{R1}> {{ <{P1}> aip:status aip:Signed }} }}",
     P1, "at most one aip:status"),
    ("date-as-plain-text", f"""INSERT DATA {{ GRAPH <{G2}> {{ <{P2}> aip:date "2024년 8월" }} }}""",
     P2, "xsd:date, xsd:gYearMonth or xsd:gYear"),
    ("earliest-after-latest",
     f"""DELETE WHERE {{ GRAPH <{R1}> {{ <{P1}> aip:latestDate ?l }} }};
         INSERT DATA {{ GRAPH <{R1}> {{ <{P1}> aip:latestDate "2024-07-31"^^xsd:date }} }}""",
     P1, "not after its aip:latestDate"),
    ("day-outside-the-bounds",
     f"""DELETE WHERE {{ GRAPH <{R1}> {{ <{P1}> aip:date ?d }} }};
         INSERT DATA {{ GRAPH <{R1}> {{ <{P1}> aip:date "2024-09-02"^^xsd:date }} }}""",
     P1, "lies between"),
    ("amount-not-a-decimal",
     f"""DELETE WHERE {{ GRAPH <{G1}> {{ <{P1}> aip:amount ?a }} }};
         INSERT DATA {{ GRAPH <{G1}> {{ <{P1}> aip:amount "1321억원" }} }}""",
     P1, "non-negative xsd:decimal"),
    ("negative-amount",
     f"""DELETE WHERE {{ GRAPH <{G1}> {{ <{P1}> aip:amount ?a }} }};
         INSERT DATA {{ GRAPH <{G1}> {{ <{P1}> aip:amount "-5"^^xsd:decimal }} }}""",
     P1, "non-negative xsd:decimal"),
    ("two-amounts", f"""INSERT DATA {{ GRAPH <{G1}> {{ <{P1}> aip:amount "150"^^xsd:decimal }} }}""",
     P1, "at most one aip:amount"),
    ("amount-without-currency", f"DELETE WHERE {{ GRAPH <{G1}> {{ <{P1}> aip:currency ?c }} }}",
     P1, "both an aip:amount and its aip:currency, or neither"),
    ("currency-without-amount", f"""INSERT DATA {{ GRAPH <{G2}> {{ <{P2}> aip:currency "USD" }} }}""",
     P2, "both an aip:amount and its aip:currency, or neither"),
    ("currency-not-iso-4217",
     f"""DELETE WHERE {{ GRAPH <{G1}> {{ <{P1}> aip:currency ?c }} }};
         INSERT DATA {{ GRAPH <{G1}> {{ <{P1}> aip:currency "원" }} }}""",
     P1, "ISO 4217"),
    ("agreed-at-a-company", f"INSERT DATA {{ GRAPH <{G1}> {{ <{P1}> aip:agreedAt <{SK}> }} }}",
     P1, "aip:agreedAt is an event"),
    ("topic-not-a-topic", f"INSERT DATA {{ GRAPH <{G2}> {{ <{P2}> aip:topic <{SKT}> }} }}",
     P2, "topic is an aip:Topic"),
    ("no-provenance",
     f"""INSERT DATA {{ GRAPH <{R1}> {{ <{ID}partnership/p3> a aip:Partnership ;
         aip:partner <{SKT}> , <{ANTHROPIC}> ; aip:partnershipKind <{INVESTMENT}> }} }}""",
     f"{ID}partnership/p3", "provenance"),
    ("kind-without-notation", MERGER.format(notation=""), f"{ID}partnership-kind/merger", "skos:notation"),
    ("kind-with-a-notation-of-two-words-unjoined", MERGER.format(notation='skos:notation "equity merger" ;'),
     f"{ID}partnership-kind/merger", "skos:notation"),
    ("kind-in-the-topic-scheme",
     MERGER.format(notation='skos:notation "merger" ;').replace("partnership-kind/scheme", "topic/scheme"),
     f"{ID}partnership-kind/merger", "partnership-kinds scheme"),
]


@pytest.mark.parametrize(("update", "focus", "text"), [v[1:] for v in VIOLATIONS], ids=[v[0] for v in VIOLATIONS])
def test_partnership_shape_reports_violation(update: str, focus: str, text: str) -> None:
    report = check(update)
    assert not report.conforms
    assert found(report, focus, text), f"expected a violation on <{focus}> mentioning {text!r}; got:\n" + "\n".join(
        map(str, report.violations)
    )


# What must not fire: (id, update)
VALID = [
    ("no-date-at-all", f"DELETE WHERE {{ GRAPH <{R1}> {{ <{P1}> aip:date ?d ; aip:earliestDate ?e ; aip:latestDate ?l }} }}"),
    ("no-amount-and-no-currency", f"DELETE WHERE {{ GRAPH <{G1}> {{ <{P1}> aip:amount ?a ; aip:currency ?c }} }}"),
    ("three-partners", f"INSERT DATA {{ GRAPH <{G1}> {{ <{P1}> aip:partner <{SK}> }} }}"),
    ("a-day-inside-the-bounds",
     f"""DELETE WHERE {{ GRAPH <{R1}> {{ <{P1}> aip:date ?d }} }};
         INSERT DATA {{ GRAPH <{R1}> {{ <{P1}> aip:date "2024-08-31"^^xsd:date }} }}"""),
    ("each-status", f"""DELETE WHERE {{ GRAPH <{R1}> {{ <{P1}> aip:status ?s }} }};
         INSERT DATA {{ GRAPH <{R1}> {{ <{P1}> aip:status aip:Signed }} }};
         INSERT DATA {{ GRAPH <{G2}> {{ <{P2}> aip:reportedStatus aip:Ended }} }}"""),
    ("an-integral-decimal-amount-in-dollars",
     f"""DELETE WHERE {{ GRAPH <{G1}> {{ <{P1}> aip:amount ?a ; aip:currency ?c }} }};
         INSERT DATA {{ GRAPH <{G1}> {{ <{P1}> aip:amount "100000000.0"^^xsd:decimal ; aip:currency "USD" }} }}"""),
    ("not-agreed-at-any-event", f"DELETE WHERE {{ GRAPH <{G1}> {{ <{P1}> aip:agreedAt ?m }} }}"),
    ("a-new-kind-of-the-scheme", MERGER.format(notation='skos:notation "merger" ;')),
]


@pytest.mark.parametrize("update", [v[1] for v in VALID], ids=[v[0] for v in VALID])
def test_partnership_shape_accepts(update: str) -> None:
    report = check(update)
    assert report.conforms, "\n".join(map(str, report.violations))


def test_a_meeting_still_needs_a_date_where_a_partnership_does_not() -> None:
    report = check(f"DELETE WHERE {{ GRAPH <{ID}graph/resolved/m7> {{ <{M7}> aip:date ?d ; aip:earliestDate ?e ; aip:latestDate ?l }} }}")
    assert found(report, M7, "has an aip:date, or both")
    assert {v.focus for v in report.errors} == {M7}


def test_the_partnership_status_planned_is_the_meetings_planned() -> None:
    """aip:Planned serves both: a planned meeting and a planned partnership conform."""
    report = check(f"""DELETE WHERE {{ GRAPH <{G1}> {{ <{M7}> aip:reportedStatus ?s }} }};
        INSERT DATA {{ GRAPH <{G1}> {{ <{M7}> aip:reportedStatus aip:Planned }} }}""")
    assert report.conforms, "\n".join(map(str, report.violations))


def test_a_partnership_kind_from_the_bundled_scheme_needs_no_copy_in_the_data() -> None:
    """The scheme is a base graph: an article's partnership may name any bundled kind."""
    mou = f"{ID}partnership-kind/mou"
    data = [q for q in quads(f"INSERT DATA {{ GRAPH <{G2}> {{ <{P2}> aip:partnershipKind <{mou}> }} }}")
            if q.graph_name.value != KINDS]
    for report in (validate(data), compiled_shapes().validate(data)):
        assert report.conforms, "\n".join(map(str, report.violations))
    unknown = [*data, ox.Quad(ox.NamedNode(P2), ox.NamedNode("https://w3id.org/aipkg/ontology#partnershipKind"),
                              ox.NamedNode(f"{ID}partnership-kind/merger"), ox.NamedNode(G2))]
    for report in (validate(unknown), compiled_shapes().validate(unknown)):
        assert found(report, P2, "aip:partnershipKind")


def test_the_bundled_scheme_conforms_and_its_kinds_are_checked() -> None:
    """The kinds are checked by ash:PartnershipKindShape and the scheme concepts' shape; alone, they conform."""
    report = validate(load_bundled("partnership-kinds.ttl"), with_reference=False)
    assert report.conforms, report.text
    mou = f"{ID}partnership-kind/mou"
    broken = load_bundled("partnership-kinds.ttl")
    broken.remove((rdflib.URIRef(mou), SKOS.notation, None))
    report = validate(broken, with_reference=False)
    assert any(v.focus == mou and "skos:notation" in v.message for v in report.errors), report.text


@pytest.mark.parametrize(("fmt", "rdf_format"), [("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG),
                                                  ("jsonld", ox.RdfFormat.JSON_LD)])
def test_a_partnership_with_an_amount_round_trips_through_the_store(fmt: str, rdf_format: ox.RdfFormat) -> None:
    """No blank node anywhere (the store refuses them): the amount, its currency and every other term come
    back from an export exactly as written, and still conform."""
    data = quads()
    store = OxigraphStore(None)
    store.add(data)
    back = list(ox.parse(store.export_bytes(fmt), format=rdf_format))
    assert set(back) == set(data)
    amount = next(q.object for q in back if q.predicate.value.endswith("#amount"))
    assert amount == ox.Literal("132100000000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    assert compiled_shapes().validate(back).conforms

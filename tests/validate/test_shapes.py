"""Every SHACL shape on valid data and on data that breaks it (pySHACL through kg.validate)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import KgError
from kg.namespaces import sparql_prologue
from kg.validate import ValidationReport, Violation, validate

FIXTURE = Path(__file__).parents[1] / "data" / "shapes" / "valid.trig"
A = "https://w3id.org/aipkg/id/article/abc123"
P1 = f"{A}/p1"
P2 = f"{A}/p2"
META = "https://w3id.org/aipkg/id/graph/article/abc123/meta"
G1 = "https://w3id.org/aipkg/id/graph/article/abc123/p1/stated"
G2 = "https://w3id.org/aipkg/id/graph/article/abc123/p2/speculated"
RESOLVED = "https://w3id.org/aipkg/id/graph/resolved"
M1 = "https://w3id.org/aipkg/id/meeting/m1"
CHEY = "https://w3id.org/aipkg/id/person/sk-group/chey"
ALTMAN = "https://w3id.org/aipkg/id/person/openai/altman"
CHEY_POS = "https://w3id.org/aipkg/id/position/sk-group/chey/sk-group/chair"
SK = "https://w3id.org/aipkg/id/org/sk-group"
VENUE = "https://w3id.org/aipkg/id/place/venue/openai-hq"

PREFIXES = sparql_prologue()


def quads(update: str | None = None) -> list[ox.Quad]:
    """The valid fixture, changed by a SPARQL update."""
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    if update:
        store.update(PREFIXES + update)
    return list(store)


def check(update: str) -> ValidationReport:
    return validate(quads(update), with_reference=False)


def found(report: ValidationReport, focus: str, text: str, severity: str = "Violation") -> list[Violation]:
    return [v for v in report.violations if v.focus == focus and text in v.message and v.severity == severity]


# ---------------------------------------------------------------------------------------------------
# Valid data


def test_fixture_conforms_with_and_without_reference_data() -> None:
    for with_reference in (False, True):
        report = validate(quads(), with_reference=with_reference)
        assert report.conforms, report.text
        assert report.violations == ()


def test_bundled_reference_and_topics_conform_alone() -> None:
    report = validate([])
    assert report.conforms, report.text


def test_rdflib_dataset_input_keeps_graph_membership() -> None:
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE, format="trig")
    assert validate(dataset, with_reference=False).conforms
    # Move the claim graphs' statements to the default graph: the meeting then has no provenance.
    for name in (G1, G2):
        graph = dataset.graph(rdflib.URIRef(name))
        for triple in list(graph):
            dataset.default_graph.add(triple)
        dataset.remove_graph(graph)
    report = validate(dataset, with_reference=False)
    assert found(report, M1, "provenance")


def test_plain_graph_input_skips_provenance_but_checks_the_rest() -> None:
    graph = rdflib.Graph()
    for quad in quads():
        graph.parse(data=f"{quad.subject} {quad.predicate} {quad.object} .", format="nt")
    assert validate(graph, with_reference=False).conforms
    graph.remove((rdflib.URIRef(CHEY), rdflib.RDFS.label, None))
    report = validate(graph, with_reference=False)
    assert not report.conforms
    assert found(report, CHEY, "rdfs:label")


def test_bad_input_type_is_a_usage_error() -> None:
    with pytest.raises(KgError):
        validate([("not", "a", "quad")])  # type: ignore[list-item]


# ---------------------------------------------------------------------------------------------------
# Invalid data: (id, update, focus, message fragment)

VIOLATIONS = [
    (
        "meeting-one-attendee",
        f"DELETE DATA {{ GRAPH <{G1}> {{ <{M1}> aip:principal <{ALTMAN}> ; aip:attendee <{ALTMAN}> }} }}",
        M1,
        "at least two attendees",
    ),
    (
        "attendee-not-a-person",
        f"INSERT DATA {{ GRAPH <{G1}> {{ <{M1}> aip:attendee <{SK}> }} }}",
        M1,
        "attendee is an aip:Person",
    ),
    (
        "meeting-without-date",
        f"DELETE WHERE {{ GRAPH <{RESOLVED}> {{ <{M1}> aip:earliestDate ?e ; aip:latestDate ?l }} }}",
        M1,
        "has an aip:date, or both",
    ),
    (
        "meeting-with-one-bound-only",
        f"DELETE WHERE {{ GRAPH <{RESOLVED}> {{ <{M1}> aip:latestDate ?l }} }}",
        M1,
        "has an aip:date, or both",
    ),
    (
        "earliest-after-latest",
        f"""DELETE WHERE {{ GRAPH <{RESOLVED}> {{ <{M1}> aip:latestDate ?l }} }};
            INSERT DATA {{ GRAPH <{RESOLVED}> {{ <{M1}> aip:latestDate "2025-07-10"^^xsd:date }} }}""",
        M1,
        "not after its aip:latestDate",
    ),
    (
        "two-dates",
        f"""INSERT DATA {{ GRAPH <{RESOLVED}> {{
            <{M1}> aip:date "2025-07-14"^^xsd:date , "2025-07-15"^^xsd:date }} }}""",
        M1,
        "at most one aip:date",
    ),
    (
        "date-wrong-datatype",
        f"""INSERT DATA {{ GRAPH <{RESOLVED}> {{ <{M1}> aip:date "2025-07-15" }} }}""",
        M1,
        "xsd:date, xsd:gYearMonth or xsd:gYear",
    ),
    (
        "two-earliest-dates",
        f"""INSERT DATA {{ GRAPH <{RESOLVED}> {{ <{M1}> aip:earliestDate "2025-07-13"^^xsd:date }} }}""",
        M1,
        "at most one aip:earliestDate",
    ),
    (
        "date-outside-bounds",
        f"""INSERT DATA {{ GRAPH <{RESOLVED}> {{ <{M1}> aip:date "2025-07-20"^^xsd:date }} }}""",
        M1,
        "lies between",
    ),
    (
        "status-not-a-status",
        f"""DELETE WHERE {{ GRAPH <{RESOLVED}> {{ <{M1}> aip:status ?s }} }};
            INSERT DATA {{ GRAPH <{RESOLVED}> {{ <{M1}> aip:status aip:Stated }} }}""",
        M1,
        "aip:Occurred or aip:Planned",
    ),
    (
        "location-not-a-place",
        f"INSERT DATA {{ GRAPH <{G1}> {{ <{M1}> aip:location <{SK}> }} }}",
        M1,
        "location is an aip:Place",
    ),
    (
        "topic-not-a-topic",
        f"INSERT DATA {{ GRAPH <{G2}> {{ <{M1}> aip:topic <{SK}> }} }}",
        M1,
        "topic is an aip:Topic",
    ),
    (
        "meeting-without-provenance",
        f"""INSERT DATA {{ GRAPH <{RESOLVED}> {{
            <https://w3id.org/aipkg/id/meeting/m2> a aip:Meeting ;
                aip:attendee <{CHEY}> , <{ALTMAN}> ; aip:date "2024-06"^^xsd:gYearMonth }} }}""",
        "https://w3id.org/aipkg/id/meeting/m2",
        "provenance",
    ),
    (
        "executive-without-label",
        f"DELETE WHERE {{ GRAPH <{G1}> {{ <{CHEY}> rdfs:label ?l }} }}",
        CHEY,
        "has an rdfs:label",
    ),
    (
        "executive-with-a-french-label",
        f"""INSERT DATA {{ GRAPH <{G1}> {{ <{CHEY}> rdfs:label "Chey Tae-won"@fr }} }}""",
        CHEY,
        "name as written (@ko or @en)",
    ),
    (
        "executive-without-position",
        f"DELETE WHERE {{ GRAPH <{G1}> {{ <{CHEY}> aip:holdsPosition ?p }} }}",
        CHEY,
        "holds an aip:Position",
    ),
    (
        "position-not-in-a-company",
        f"""DELETE WHERE {{ GRAPH <{G1}> {{ <{CHEY_POS}> aip:organization ?o }} }};
            INSERT DATA {{ GRAPH <{G1}> {{ <{CHEY_POS}> aip:organization <{VENUE}> }} }}""",
        CHEY_POS,
        "exactly one aip:Company",
    ),
    (
        "position-title-not-language-tagged",
        f"""DELETE WHERE {{ GRAPH <{G1}> {{ <{CHEY_POS}> aip:title ?t }} }};
            INSERT DATA {{ GRAPH <{G1}> {{ <{CHEY_POS}> aip:title "회장" }} }}""",
        CHEY_POS,
        "language-tagged",
    ),
    (
        "paragraph-beyond-article",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{A}> aip:textLength ?n }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{A}> aip:textLength 90 }} }}""",
        P2,
        "ends after its article's text",
    ),
    (
        "paragraph-text-length-mismatch",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{P2}> aip:endOffset ?e }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{P2}> aip:endOffset 100 }} }}""",
        P2,
        "length differs",
    ),
    (
        "paragraph-end-before-start",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{P1}> aip:startOffset ?s }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{P1}> aip:startOffset 80 }} }}""",
        P1,
        "below its aip:endOffset",
    ),
    (
        "paragraph-negative-start",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{P1}> aip:startOffset ?s }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{P1}> aip:startOffset -1 }} }}""",
        P1,
        ">= 0",
    ),
    (
        "paragraph-in-no-article",
        f"DELETE WHERE {{ GRAPH <{META}> {{ <{P1}> dcterms:isPartOf ?a }} }}",
        P1,
        "exactly one aip:Article",
    ),
    (
        "paragraph-in-two-articles",
        f"""INSERT DATA {{ GRAPH <{META}> {{ <{P1}> dcterms:isPartOf <{A}x> . <{A}x> a aip:Article ;
            dcterms:title "다른 기사" ; aip:textLength 200 ;
            aip:contentHash "sha256:1111111111111111111111111111111111111111111111111111111111111111" }} }}""",
        P1,
        "exactly one aip:Article",
    ),
    (
        "paragraph-index-zero",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{P1}> aip:index ?i }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{P1}> aip:index 0 ; aip:role aip:BodyText }} }}""",
        P1,
        "from 1",
    ),
    (
        "paragraph-index-negative",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{P1}> aip:index ?i }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{P1}> aip:index -1 }} }}""",
        P1,
        "from 0",
    ),
    (
        "headline-not-index-zero",
        f"INSERT DATA {{ GRAPH <{META}> {{ <{P1}> aip:role aip:Headline }} }}",
        P1,
        "has aip:index 0",
    ),
    (
        "paragraph-role-not-a-role",
        f"INSERT DATA {{ GRAPH <{META}> {{ <{P1}> aip:role aip:Stated }} }}",
        P1,
        "at most one aip:role",
    ),
    (
        "paragraph-index-repeated",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{P2}> aip:index ?i }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{P2}> aip:index 1 }} }}""",
        P2,
        "same aip:index",
    ),
    (
        "paragraph-without-text",
        f"DELETE WHERE {{ GRAPH <{META}> {{ <{P1}> aip:text ?t }} }}",
        P1,
        "exactly one aip:text",
    ),
    (
        "claim-graph-without-paragraph",
        f"DELETE WHERE {{ GRAPH <{META}> {{ <{G1}> prov:wasDerivedFrom ?p }} }}",
        G1,
        "derived from exactly one aip:Paragraph",
    ),
    (
        "claim-graph-from-an-article",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{G1}> prov:wasDerivedFrom ?p }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{G1}> prov:wasDerivedFrom <{A}> }} }}""",
        G1,
        "derived from exactly one aip:Paragraph",
    ),
    (
        "claim-graph-two-certainties",
        f"INSERT DATA {{ GRAPH <{META}> {{ <{G1}> aip:certainty aip:Speculated }} }}",
        G1,
        "exactly one aip:certainty",
    ),
    (
        "claim-graph-certainty-not-a-certainty",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{G1}> aip:certainty ?c }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{G1}> aip:certainty aip:Occurred }} }}""",
        G1,
        "exactly one aip:certainty",
    ),
    (
        "claim-graph-paragraph-of-another-article",
        f"""INSERT DATA {{ GRAPH <{META}> {{ <{A}/p9> a aip:Paragraph ; dcterms:isPartOf <{A}x> ;
                aip:index 1 ; aip:text "가" ; aip:startOffset 0 ; aip:endOffset 1 .
            <{A}x> a aip:Article ; dcterms:title "다른 기사" ; aip:textLength 1 ;
                aip:contentHash "sha256:1111111111111111111111111111111111111111111111111111111111111111" .
            <{G1}> prov:wasDerivedFrom <{A}/p9> }} }};
            DELETE DATA {{ GRAPH <{META}> {{ <{G1}> prov:wasDerivedFrom <{P1}> }} }}""",
        G1,
        "not part of its aip:fromArticle",
    ),
    (
        "article-bad-hash",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{A}> aip:contentHash ?h }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{A}> aip:contentHash "md5:abc" }} }}""",
        A,
        "contentHash",
    ),
    (
        "article-without-hash",
        f"DELETE WHERE {{ GRAPH <{META}> {{ <{A}> aip:contentHash ?h }} }}",
        A,
        "contentHash",
    ),
    (
        "article-without-title-or-source",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{A}> dcterms:title ?t }} }};
            DELETE WHERE {{ GRAPH <{META}> {{ <{A}> schema:url ?u }} }};
            DELETE WHERE {{ GRAPH <{META}> {{ <{A}> aip:sourceFile ?f }} }}""",
        A,
        "a dcterms:title, a schema:url or an aip:sourceFile",
    ),
    (
        "article-published-from-unknown",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{A}> aip:publishedFrom ?f }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{A}> aip:publishedFrom "guess" }} }}""",
        A,
        "aip:publishedFrom is one of",
    ),
    (
        "article-issued-not-a-date",
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{A}> dcterms:issued ?d }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{A}> dcterms:issued "21 July 2025" }} }}""",
        A,
        "dcterms:issued",
    ),
    (
        "city-without-english-label",
        """INSERT DATA { GRAPH <https://w3id.org/aipkg/id/graph/reference> {
            <https://w3id.org/aipkg/id/place/nowhere-gun> a aip:City ; rdfs:label "무명군"@ko } }""",
        "https://w3id.org/aipkg/id/place/nowhere-gun",
        "English rdfs:label",
    ),
    (
        "place-contained-in-a-company",
        f"INSERT DATA {{ GRAPH <{G1}> {{ <{VENUE}> schema:containedInPlace <{SK}> }} }}",
        VENUE,
        "contained in an aip:Place",
    ),
    (
        "topic-without-label",
        """INSERT DATA { GRAPH <https://w3id.org/aipkg/id/graph/topics> {
            <https://w3id.org/aipkg/id/topic/new/quantum> a aip:Topic } }""",
        "https://w3id.org/aipkg/id/topic/new/quantum",
        "skos:prefLabel",
    ),
    (
        "scheme-topic-without-english-label",
        """DELETE DATA { GRAPH <https://w3id.org/aipkg/id/graph/topics> {
            <https://w3id.org/aipkg/id/topic/ai-infrastructure-investment>
                skos:prefLabel "AI infrastructure investment"@en } }""",
        "https://w3id.org/aipkg/id/topic/ai-infrastructure-investment",
        "English skos:prefLabel",
    ),
    (
        "company-cycle",
        f"""INSERT DATA {{ GRAPH <https://w3id.org/aipkg/id/graph/reference> {{
            <{SK}> org:subOrganizationOf <https://w3id.org/aipkg/id/org/openai> .
            <https://w3id.org/aipkg/id/org/openai> org:subOrganizationOf <{SK}> }} }}""",
        SK,
        "cycle",
    ),
    (
        "company-without-label",
        """INSERT DATA { GRAPH <https://w3id.org/aipkg/id/graph/reference> {
            <https://w3id.org/aipkg/id/org/nameless> a aip:Company } }""",
        "https://w3id.org/aipkg/id/org/nameless",
        "has an rdfs:label",
    ),
    (
        "known-person-with-a-french-label",
        """INSERT DATA { GRAPH <https://w3id.org/aipkg/id/graph/reference> {
            <https://w3id.org/aipkg/id/person/x/y> a schema:Person ; rdfs:label "Jensen Huang"@fr } }""",
        "https://w3id.org/aipkg/id/person/x/y",
        "Korean (@ko) or English (@en)",
    ),
]


@pytest.mark.parametrize(
    ("update", "focus", "text"), [v[1:] for v in VIOLATIONS], ids=[v[0] for v in VIOLATIONS]
)
def test_shape_reports_violation(update: str, focus: str, text: str) -> None:
    report = check(update)
    assert not report.conforms
    hits = found(report, focus, text)
    assert hits, f"expected a violation on <{focus}> mentioning {text!r}; got:\n" + "\n".join(
        map(str, report.violations)
    )


WARNINGS = [
    (
        "position-without-title",
        f"DELETE WHERE {{ GRAPH <{G1}> {{ <{CHEY_POS}> aip:title ?t }} }}",
        CHEY_POS,
        "no aip:title",
    ),
    (
        "venue-without-city",
        f"DELETE WHERE {{ GRAPH <{G1}> {{ <{VENUE}> schema:containedInPlace ?c }} }}",
        VENUE,
        "not linked to its city",
    ),
    (
        "executive-with-two-korean-names",
        f"""INSERT DATA {{ GRAPH <{G1}> {{ <{ALTMAN}> rdfs:label "샘 알트먼"@ko }} }}""",
        ALTMAN,
        "more than one name in one language",
    ),
]


@pytest.mark.parametrize(("update", "focus", "text"), [w[1:] for w in WARNINGS], ids=[w[0] for w in WARNINGS])
def test_warnings_do_not_break_conformance(update: str, focus: str, text: str) -> None:
    report = check(update)
    assert report.conforms, report.text
    assert found(report, focus, text, severity="Warning")
    assert report.errors == ()


def test_violation_paths_and_values_are_readable() -> None:
    report = check(
        f"DELETE DATA {{ GRAPH <{G1}> {{ <{M1}> aip:principal <{ALTMAN}> ; aip:attendee <{ALTMAN}> }} }}"
    )
    (hit,) = found(report, M1, "at least two attendees")
    assert hit.path == "(aip:attendee|aip:principal)"
    report = check(
        f"""DELETE WHERE {{ GRAPH <{META}> {{ <{A}> aip:publishedFrom ?f }} }};
            INSERT DATA {{ GRAPH <{META}> {{ <{A}> aip:publishedFrom "guess" }} }}"""
    )
    (hit,) = found(report, A, "aip:publishedFrom is one of")
    assert hit.path == "aip:publishedFrom"
    assert hit.value == '"guess"'
    assert "guess" in str(hit)


def test_reference_nodes_the_input_touches_are_checked_with_the_reference_data() -> None:
    hynix = "https://w3id.org/aipkg/id/org/sk-hynix"
    report = validate(
        quads(f"""INSERT DATA {{ GRAPH <{G1}> {{ <{hynix}> rdfs:label "SK Hynix"@en }} }}"""),
        with_reference=True,
    )
    assert not report.conforms
    assert found(report, hynix, "at most one per language")
    assert all(v.focus == hynix for v in report.violations)


def test_checks_on_values_fire_with_the_reference_data_too() -> None:
    """A value-level sh:or (a date's datatypes) and a qualified shape (a city's English label) fail on the
    input's nodes when the bundled data is added, as without it (pySHACL's focus_nodes option would skip
    them: it filters the literals those nested shapes check)."""
    date = f"""INSERT DATA {{ GRAPH <{RESOLVED}> {{ <{M1}> aip:date "2025-07-15" }} }}"""
    city = """INSERT DATA { GRAPH <https://w3id.org/aipkg/id/graph/reference> {
        <https://w3id.org/aipkg/id/place/nowhere-gun> a aip:City ; rdfs:label "무명군"@ko } }"""
    for update, focus, text in ((date, M1, "xsd:date, xsd:gYearMonth or xsd:gYear"),
                                (city, "https://w3id.org/aipkg/id/place/nowhere-gun", "English rdfs:label")):
        report = validate(quads(update), with_reference=True)
        assert not report.conforms and found(report, focus, text), report.text
        assert {v.focus for v in report.violations} == {focus}, "only the input's nodes are reported"

"""OWL RL inference: what it derives, what it must never output, both engines agreeing, speed."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import UsageError
from kg.maintenance import reason_store
from kg.namespaces import (
    AIP,
    FOAF,
    ID,
    INFERRED_GRAPH,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    REFERENCE_GRAPH,
    SCHEMA,
    XSD,
)
from kg.reason import ReasoningEngine, infer, inferred_quads, ontology_triples
from kg.resources import ontology_file
from kg.store import OxigraphStore

DATA = Path(__file__).parents[1] / "data" / "shapes"
M1 = ID["meeting/m1"]
CHEY = ID["person/sk-group/chey"]
ALTMAN = ID["person/openai/altman"]
TRANSITIVE_SUB_ORG = ORG.transitiveSubOrganizationOf


def reference() -> list[ox.Quad]:
    """The bundled reference data and gazetteer, as every store holds them."""
    return [q for name in ("reference.ttl", "places.ttl")
            for q in ox.parse(path=str(ontology_file(name)), format=ox.RdfFormat.TURTLE)]


def article() -> list[ox.Quad]:
    return list(ox.parse(path=str(DATA / "valid.trig"), format=ox.RdfFormat.TRIG))


def extra() -> list[ox.Quad]:
    return list(ox.parse(path=str(DATA / "reasoning.ttl"), format=ox.RdfFormat.TURTLE))


@pytest.fixture(scope="module")
def fast() -> set[ox.Triple]:
    return infer(article() + reference() + extra())


@pytest.fixture(scope="module")
def owlrl() -> set[ox.Triple]:
    return infer(article() + reference() + extra(), engine="owlrl")


def t(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode) -> ox.Triple:
    return ox.Triple(s, p, o)


# ---------------------------------------------------------------------------------------------------
# What is derived


def test_group_structure_closure_is_derived(fast: set[ox.Triple]) -> None:
    sk_group = ID["org/sk-group"]
    for company in ("sk-hynix", "sk-telecom", "sk-inc", "sk-broadband"):
        assert t(ID[f"org/{company}"], TRANSITIVE_SUB_ORG, sk_group) in fast, company
    # SK Broadband is below SK Telecom, which is below SK Group: only the closure links it to the group.
    assert t(ID["org/sk-broadband"], ORG.subOrganizationOf, sk_group) not in fast
    assert t(ID["org/google-deepmind"], TRANSITIVE_SUB_ORG, ID["org/alphabet"]) in fast
    assert t(ID["org/acme-chips"], TRANSITIVE_SUB_ORG, ID["org/acme"]) in fast


def test_inverse_and_sub_properties(fast: set[ox.Triple]) -> None:
    assert t(CHEY, AIP.attended, M1) in fast
    assert t(ALTMAN, AIP.attended, M1) in fast
    assert t(M1, SCHEMA.attendee, CHEY) in fast
    kim = ID["person/acme/kim"]
    meeting = ID["meeting/m9"]
    assert t(meeting, AIP.attendee, kim) in fast  # ex:hosted ⊑ aip:principal ⊑ aip:attendee
    assert t(kim, AIP.attended, meeting) in fast
    assert t(kim, AIP.affiliatedWith, ID["org/acme"]) in fast  # ex:employs inverse of ex:worksFor
    assert t(kim, SCHEMA.affiliation, ID["org/acme"]) in fast


def test_types_from_classes_domains_and_ranges(fast: set[ox.Triple]) -> None:
    assert t(CHEY, RDF.type, SCHEMA.Person) in fast
    assert t(CHEY, RDF.type, FOAF.Person) in fast
    assert t(ID["org/acme"], RDF.type, AIP.BusinessGroup) in fast  # ex:Chaebol ≡ aip:BusinessGroup
    assert t(ID["org/acme"], RDF.type, AIP.Company) in fast
    assert t(ID["meeting/m9"], RDF.type, AIP.Meeting) in fast  # domain of aip:principal (ex:hosted ⊑ it)
    assert t(ID["person/acme/kim"], RDF.type, AIP.Person) in fast  # range of aip:principal
    assert t(ID["person/acme/kim"], RDF.type, AIP.Executive) not in fast  # an attendee may be an official
    assert t(ID["org/globex"], RDF.type, AIP.Company) in fast  # range of ex:partnerOf via ex:allyOf


def test_symmetric_transitive_and_equivalent_properties(fast: set[ox.Triple]) -> None:
    met = ox.NamedNode("https://example.org/vocab#metWith")
    partner = ox.NamedNode("https://example.org/vocab#partnerOf")
    kim, lee, park = ID["person/acme/kim"], ID["person/globex/lee"], ID["person/initech/park"]
    assert t(kim, met, park) in fast
    assert t(park, met, kim) in fast
    assert t(ID["org/acme-chips"], partner, ID["org/globex"]) in fast
    assert t(ID["org/globex"], partner, ID["org/acme-chips"]) in fast
    assert t(lee, met, kim) in fast


# ---------------------------------------------------------------------------------------------------
# What is never output


@pytest.mark.parametrize("engine", ["fast", "owlrl"])
def test_output_is_clean(engine: str, fast: set[ox.Triple], owlrl: set[ox.Triple]) -> None:
    inferred = fast if engine == "fast" else owlrl
    asserted = {ox.Triple(q.subject, q.predicate, q.object) for q in article() + reference() + extra()}
    builtin = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")
    ontology = list(ox.parse(path=str(ontology_file("aipkg.ttl")), format=ox.RdfFormat.TURTLE))
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.TransitiveProperty}
    vocabulary = {q.subject for q in ontology if q.predicate == RDF.type and q.object in kinds}
    vocabulary |= {q.object for q in ontology if q.predicate in (RDFS.subClassOf, RDFS.subPropertyOf)}
    assert AIP.Executive in vocabulary and SCHEMA.Person in vocabulary
    for triple in inferred:
        assert triple not in asserted
        assert isinstance(triple.subject, ox.NamedNode), triple
        assert not isinstance(triple.object, ox.BlankNode), triple
        assert not (triple.predicate == OWL.sameAs and triple.subject == triple.object), triple
        assert triple.object not in (OWL.Thing, RDFS.Resource), triple
        assert not triple.subject.value.startswith(builtin), triple
        assert triple.subject not in vocabulary, triple
        # No new names: an executive's rdfs:label values are its Korean names and nothing else.
        assert triple.predicate not in (
            RDFS.label,
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
        )
        assert "wikidata.org" not in str(triple), triple


def test_individuals_of_the_ontology_are_reasoned_about(fast: set[ox.Triple]) -> None:
    assert t(AIP.Stated, RDF.type, ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept")) in fast


# ---------------------------------------------------------------------------------------------------
# The engines agree


def test_engines_agree_on_the_fixture(fast: set[ox.Triple], owlrl: set[ox.Triple]) -> None:
    assert len(fast) > 400
    assert fast - owlrl == set()
    assert owlrl - fast == set()


CLASSES = [ox.NamedNode(f"https://example.org/C{i}") for i in range(4)]
PROPS = [ox.NamedNode(f"https://example.org/p{i}") for i in range(4)]
NODES = [ox.NamedNode(f"https://example.org/x{i}") for i in range(5)]
schema_triple = st.one_of(
    st.builds(lambda a, b: t(a, RDFS.subClassOf, b), st.sampled_from(CLASSES), st.sampled_from(CLASSES)),
    st.builds(lambda a, b: t(a, OWL.equivalentClass, b), st.sampled_from(CLASSES), st.sampled_from(CLASSES)),
    st.builds(lambda a, b: t(a, RDFS.subPropertyOf, b), st.sampled_from(PROPS), st.sampled_from(PROPS)),
    st.builds(lambda a, b: t(a, OWL.equivalentProperty, b), st.sampled_from(PROPS), st.sampled_from(PROPS)),
    st.builds(lambda a, b: t(a, OWL.inverseOf, b), st.sampled_from(PROPS), st.sampled_from(PROPS)),
    st.builds(lambda a, b: t(a, RDFS.domain, b), st.sampled_from(PROPS), st.sampled_from(CLASSES)),
    st.builds(lambda a, b: t(a, RDFS.range, b), st.sampled_from(PROPS), st.sampled_from(CLASSES)),
    st.builds(lambda a: t(a, RDF.type, OWL.TransitiveProperty), st.sampled_from(PROPS)),
    st.builds(lambda a: t(a, RDF.type, OWL.SymmetricProperty), st.sampled_from(PROPS)),
)
data_triple = st.one_of(
    st.builds(t, st.sampled_from(NODES), st.sampled_from(PROPS), st.sampled_from(NODES)),
    st.builds(lambda a, c: t(a, RDF.type, c), st.sampled_from(NODES), st.sampled_from(CLASSES)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(schema_triple, max_size=8), st.lists(data_triple, min_size=1, max_size=10))
def test_engines_agree_on_random_schemas(schema: list[ox.Triple], data: list[ox.Triple]) -> None:
    triples = schema + data
    fast = infer(triples, with_ontology=False)
    owlrl = infer(triples, engine="owlrl", with_ontology=False)
    assert fast == owlrl


def _ontology() -> list[ox.Triple]:
    return [ox.Triple(*triple) for triple in ontology_triples()]


def test_starting_from_the_ontologys_cached_closure_changes_nothing() -> None:
    """infer() starts from the ontology's closure computed once, unless the data adds schema; either way the
    result is what reasoning over the ontology given as plain data gives."""
    data = article() + reference()
    assert infer(data) == infer(data + _ontology(), with_ontology=False)
    sub_role = ox.NamedNode("https://example.org/chairs")
    meeting = ID["meeting/not-in-the-fixture"]
    with_schema = [*data, ox.Quad(sub_role, RDFS.subPropertyOf, AIP.principal), ox.Quad(meeting, sub_role, CHEY)]
    derived = infer(with_schema)
    assert t(meeting, AIP.principal, CHEY) in derived and t(meeting, RDF.type, AIP.Meeting) in derived
    assert derived == infer(with_schema + _ontology(), with_ontology=False)


ONTOLOGY_PROPERTIES = [AIP.attendee, AIP.principal, ORG.subOrganizationOf, ORG.memberOf, AIP.topic, AIP.location]
ontology_data_triple = st.one_of(
    st.builds(t, st.sampled_from(NODES), st.sampled_from(ONTOLOGY_PROPERTIES), st.sampled_from(NODES)),
    st.builds(lambda a, c: t(a, RDF.type, c), st.sampled_from(NODES), st.sampled_from([AIP.Meeting, AIP.Executive])),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(ontology_data_triple, min_size=1, max_size=12))
def test_cached_ontology_closure_on_random_data(data: list[ox.Triple]) -> None:
    assert infer(data) == infer(data + _ontology(), with_ontology=False)
    assert infer(data) == infer(data)  # the cache is not changed by a call


# ---------------------------------------------------------------------------------------------------
# Store integration and errors


def test_reason_store_replaces_the_inferred_graph_only() -> None:
    store = OxigraphStore(None)
    store.add(article())
    store.add(ox.Quad(q.subject, q.predicate, q.object, REFERENCE_GRAPH) for q in reference())
    stale = ox.Quad(CHEY, AIP.attended, ID["meeting/gone"], INFERRED_GRAPH)
    store.add([stale])
    before = {q for q in store.quads() if q.graph_name != INFERRED_GRAPH}
    count = reason_store(store)
    inferred = set(store.quads(INFERRED_GRAPH))
    assert count == len(inferred) > 100
    assert stale not in inferred
    assert ox.Quad(CHEY, AIP.attended, M1, INFERRED_GRAPH) in inferred
    assert {q for q in store.quads() if q.graph_name != INFERRED_GRAPH} == before
    assert reason_store(store) == count  # its own output does not feed the next run
    assert set(store.quads(INFERRED_GRAPH)) == inferred


def test_reason_store_keeps_article_inferences_and_adds_what_only_the_whole_store_entails() -> None:
    a, b, c = ID["org/a"], ID["org/b"], ID["org/c"]
    g1, g2 = ID["graph/one/p1/stated"], ID["graph/two/p1/stated"]
    own = ID["graph/one/inferred"]  # an article's inferred graph, as ingest writes it
    store = OxigraphStore(None)
    store.add([ox.Quad(a, ORG.subOrganizationOf, b, g1), ox.Quad(b, ORG.subOrganizationOf, c, g2)])
    per_article = ox.Quad(a, ORG.transitiveSubOrganizationOf, b, own)
    store.add([per_article, ox.Quad(own, AIP.fromArticle, ID["article/one"], own)])
    count = reason_store(store)
    inferred = {q.triple for q in store.quads(INFERRED_GRAPH)}
    assert ox.Triple(a, ORG.transitiveSubOrganizationOf, c) in inferred  # only the two articles together give it
    assert per_article.triple not in inferred and per_article in set(store.quads(own))  # not written twice
    everything = inferred | {q.triple for q in store.quads(own)}
    assert count == len(infer(q for q in store.quads() if "inferred" not in q.graph_name.value))
    assert infer(q for q in store.quads() if "inferred" not in q.graph_name.value) <= everything
    # the union view shows the inferences as any other statement
    assert store.query(f"ASK {{ ?a <{ORG.transitiveSubOrganizationOf.value}> ?c }}", {"a": a, "c": c}) is True


def test_inferred_quads_go_to_the_inferred_graph() -> None:
    quads = inferred_quads([t(CHEY, AIP.attended, M1)])
    assert quads == [ox.Quad(CHEY, AIP.attended, M1, INFERRED_GRAPH)]


def test_unknown_engine_and_bad_input() -> None:
    with pytest.raises(UsageError, match="hermit"):
        infer([], engine="hermit")
    with pytest.raises(UsageError):
        infer([("a", "b", "c")])  # type: ignore[list-item]


# ---------------------------------------------------------------------------------------------------
# Speed


def synthetic(n: int) -> list[ox.Triple]:
    """n statements shaped like real data: meetings, executives, positions, a deep company tree."""
    triples: list[ox.Triple] = []
    i = 0
    while len(triples) < n:
        meeting, a, b = ID[f"meeting/{i}"], ID[f"person/g/{i}"], ID[f"person/h/{i}"]
        position, company = ID[f"position/{i}"], ID[f"org/c{i}"]
        triples += [
            t(meeting, RDF.type, AIP.Meeting),
            t(meeting, AIP.principal, a),
            t(meeting, AIP.attendee, b),
            t(a, RDF.type, AIP.Executive),
            ox.Triple(a, RDFS.label, ox.Literal(f"사람{i}", language="ko")),
            t(a, AIP.holdsPosition, position),
            t(position, AIP.organization, company),
            ox.Triple(position, AIP.title, ox.Literal("회장", language="ko")),
            t(company, ORG.subOrganizationOf, ID[f"org/c{i // 10}"]),
            ox.Triple(meeting, AIP.dateText, ox.Literal("지난주", language="ko")),
        ]
        i += 1
    return triples


def test_fast_engine_derives_inverses_and_group_chains_in_a_large_graph() -> None:
    # speed is measured by bench/, not asserted here
    inferred = infer(synthetic(100_000))
    assert t(ID["person/g/1234"], AIP.attended, ID["meeting/1234"]) in inferred
    assert t(ID["org/c1234"], TRANSITIVE_SUB_ORG, ID["org/c1"]) in inferred


@pytest.mark.slow
def test_fast_engine_handles_a_million_statements() -> None:
    assert len(infer(synthetic(1_000_000))) > 1_000_000


def test_engine_is_an_enum_that_accepts_its_strings() -> None:
    """The CLI passes the option's string or the Enum; both choose the same engine."""
    assert ReasoningEngine.of("owlrl") is ReasoningEngine.OWLRL and ReasoningEngine.FAST == "fast"
    assert infer(article(), engine=ReasoningEngine.FAST) == infer(article(), engine="fast")
    with pytest.raises(UsageError, match="choose one of fast, owlrl"):
        ReasoningEngine.of("hermit")


def test_terms_shared_with_meetings_do_not_make_a_partnership_a_meeting() -> None:
    """Dates, status and topic have no domain since partnerships use them too: a partnership is typed by its
    own terms (aip:partner), never as a meeting or an event, and its status individual stays a status."""
    partnership, hynix, tsmc = ID["partnership/p1"], ID["org/sk-hynix"], ID["org/tsmc"]
    derived = infer([
        t(partnership, AIP.partner, hynix),
        t(partnership, AIP.partner, tsmc),
        t(partnership, AIP.status, AIP.Signed),
        t(partnership, AIP.topic, ID["topic/hbm"]),
        ox.Triple(partnership, AIP.date, ox.Literal("2024-04", datatype=XSD.gYearMonth)),
        ox.Triple(partnership, AIP.amount, ox.Literal("132100000000", datatype=XSD.decimal)),
    ])
    assert t(partnership, RDF.type, AIP.Partnership) in derived
    assert t(partnership, RDF.type, PROV.Entity) in derived
    assert t(tsmc, RDF.type, AIP.Company) in derived
    assert t(ID["topic/hbm"], RDF.type, AIP.Topic) in derived
    assert t(partnership, RDF.type, AIP.Meeting) not in derived
    assert t(partnership, RDF.type, SCHEMA.Event) not in derived
    assert t(AIP.Signed, RDF.type, AIP.MeetingStatus) not in derived


@pytest.mark.parametrize("engine", ["fast", "owlrl"])
def test_declared_classes_and_properties_are_never_described(engine: str) -> None:
    """A property declared with no domain or range, used by no statement, is still vocabulary: OWL RL's
    tautologies about it (owlrl: ``p owl:equivalentProperty p``) are not output."""
    prop, cls = ox.NamedNode("https://example.org/vocab#score"), ox.NamedNode("https://example.org/vocab#Deal")
    derived = infer(
        [t(prop, RDF.type, OWL.DatatypeProperty), t(cls, RDF.type, OWL.Class), t(ID["x/1"], RDF.type, cls)],
        engine=engine,
        with_ontology=False,
    )
    assert {x for x in derived if x.subject in (prop, cls)} == set()

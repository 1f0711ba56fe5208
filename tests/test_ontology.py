"""The bundled ontology, topic scheme and reference data: they parse, follow the README, and are complete."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, URIRef

from kg.namespaces import AIP_NS, ID_NS, mint, slug
from kg.resources import ontology_dir, ontology_file
from kg.validate import (
    load_bundled,
    load_ontology_graph,
    load_reference_graph,
    load_shapes_graph,
    load_topics_graph,
)

AIP = rdflib.Namespace(AIP_NS)
SCHEMA = rdflib.Namespace("https://schema.org/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
ORG_ID = ID_NS + "org/"
PLACE_ID = ID_NS + "place/"
TOPIC_ID = ID_NS + "topic/"
SCHEME = URIRef(TOPIC_ID + "scheme")
DEFINITION = SKOS.definition


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return load_ontology_graph()


@pytest.fixture(scope="module")
def topics() -> rdflib.Graph:
    return load_topics_graph()


@pytest.fixture(scope="module")
def ref() -> rdflib.Graph:
    return load_reference_graph()


@pytest.fixture(scope="module")
def places() -> rdflib.Graph:
    return load_bundled("places.ttl")


def langs(graph: rdflib.Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, rdflib.Literal)}


def label(graph: rdflib.Graph, subject: URIRef, lang: str) -> str:
    for o in graph.objects(subject, RDFS.label):
        if isinstance(o, rdflib.Literal) and o.language == lang:
            return str(o)
    raise AssertionError(f"{subject} has no @{lang} label")


# ---------------------------------------------------------------------------------------------------
# The ontology


@pytest.mark.parametrize("name", ["aipkg.ttl", "shapes.ttl", "topics.ttl", "reference.ttl", "places.ttl"])
def test_bundled_files_parse_with_both_parsers(name: str) -> None:
    path = ontology_file(name)
    assert len(rdflib.Graph().parse(path, format="turtle")) > 50
    assert len(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))) > 50
    assert load_shapes_graph()  # cached loader works too


def test_ontology_header(onto: rdflib.Graph) -> None:
    iri = URIRef("https://w3id.org/aipkg/ontology")
    assert (iri, RDF.type, OWL.Ontology) in onto
    assert langs(onto, iri, RDFS.label) == {"ko", "en"}


def aip_terms(onto: rdflib.Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for kind in kinds for s in onto.subjects(RDF.type, kind) if str(s).startswith(AIP_NS)}


def test_every_class_and_property_has_korean_and_english_labels_and_definitions(onto: rdflib.Graph) -> None:
    terms = aip_terms(onto)
    assert len(terms) > 40
    for term in terms:
        assert langs(onto, term, RDFS.label) == {"ko", "en"}, term
        assert langs(onto, term, DEFINITION) == {"ko", "en"}, term


def test_every_aip_term_of_the_readme_is_defined(onto: rdflib.Graph) -> None:
    readme = (ontology_dir() / "README.md").read_text(encoding="utf-8")
    mentioned = set(re.findall(r"aip:([A-Za-z]+)", readme))
    assert {"Executive", "Meeting", "attendee", "reportedLatestDate", "textLength"} <= mentioned
    defined = {str(t)[len(AIP_NS) :] for t in onto.subjects() if str(t).startswith(AIP_NS)}
    assert mentioned <= defined, mentioned - defined


@pytest.mark.parametrize(
    ("cls", "parent"),
    [
        (AIP.Executive, SCHEMA.Person),
        (AIP.Executive, FOAF.Person),
        (AIP.Company, ORG.FormalOrganization),
        (AIP.Company, SCHEMA.Organization),
        (AIP.BusinessGroup, AIP.Company),
        (AIP.Meeting, SCHEMA.Event),
        (AIP.Topic, SKOS.Concept),
        (AIP.Place, SCHEMA.Place),
        (AIP.City, AIP.Place),
        (AIP.Country, AIP.Place),
        (AIP.Venue, AIP.Place),
        (AIP.Position, ORG.Post),
        (AIP.Article, SCHEMA.NewsArticle),
        (AIP.Article, PROV.Entity),
        (AIP.Paragraph, PROV.Entity),
        (AIP.ClaimGraph, PROV.Entity),
        (AIP.Certainty, SKOS.Concept),
        (AIP.MeetingStatus, SKOS.Concept),
    ],
)
def test_class_alignment(onto: rdflib.Graph, cls: URIRef, parent: URIRef) -> None:
    assert (cls, RDFS.subClassOf, parent) in onto


def test_property_axioms(onto: rdflib.Graph) -> None:
    assert (AIP.attendee, OWL.inverseOf, AIP.attended) in onto
    assert (AIP.principal, RDFS.subPropertyOf, AIP.attendee) in onto
    assert (AIP.attendee, RDFS.subPropertyOf, SCHEMA.attendee) in onto
    assert (AIP.holdsPosition, RDFS.subPropertyOf, ORG.holds) in onto
    assert (AIP.organization, RDFS.subPropertyOf, ORG.postIn) in onto
    assert (AIP.location, RDFS.subPropertyOf, SCHEMA.location) in onto
    assert (AIP.topic, RDFS.subPropertyOf, SCHEMA.about) in onto
    assert (ORG.subOrganizationOf, RDFS.subPropertyOf, ORG.transitiveSubOrganizationOf) in onto
    assert (ORG.transitiveSubOrganizationOf, RDF.type, OWL.TransitiveProperty) in onto
    # officials attend meetings too: the range is the common superclass, and reasoning never makes them executives
    assert (AIP.attendee, RDFS.range, AIP.Person) in onto
    assert (AIP.Executive, RDFS.subClassOf, AIP.Person) in onto
    assert (AIP.Official, RDFS.subClassOf, AIP.Person) in onto


def test_individuals(onto: rdflib.Graph) -> None:
    for individual, cls in [
        (AIP.Stated, AIP.Certainty),
        (AIP.Speculated, AIP.Certainty),
        (AIP.Occurred, AIP.MeetingStatus),
        (AIP.Planned, AIP.MeetingStatus),
    ]:
        assert (individual, RDF.type, cls) in onto
        assert langs(onto, individual, RDFS.label) == {"ko", "en"}


def test_nothing_can_derive_extra_rdfs_labels(onto: rdflib.Graph) -> None:
    """The evaluation reads every rdfs:label of an executive as a person name."""
    assert not list(onto.subjects(RDFS.subPropertyOf, RDFS.label))
    assert not list(onto.subjects(OWL.equivalentProperty, RDFS.label))
    assert not list(onto.objects(RDFS.label, None))  # no domain, range or other axiom on rdfs:label
    for predicate in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
        assert not list(onto.triples((predicate, RDFS.domain, None)))


def test_no_domain_or_range_on_external_properties(onto: rdflib.Graph) -> None:
    """Declaring them would type other people's data with our classes."""
    for s in set(onto.subjects(RDFS.domain, None)) | set(onto.subjects(RDFS.range, None)):
        assert str(s).startswith(AIP_NS), s


def test_ontology_is_consistent_for_hermit(
    onto: rdflib.Graph, ref: rdflib.Graph, topics: rdflib.Graph
) -> None:
    owlready2 = pytest.importorskip("owlready2")
    if shutil.which("java") is None:
        pytest.skip("no Java: HermiT cannot run")

    def consistent(graph: rdflib.Graph) -> bool:
        # HermiT knows only the OWL 2 datatype map: rdf:langString and xsd:date ranges are left out.
        graph = graph + rdflib.Graph()
        for datatype in (RDF.langString, rdflib.XSD.date):
            graph.remove((None, RDFS.range, datatype))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "aipkg.owl"
            graph.serialize(path, format="xml")
            world = owlready2.World()
            ontology = world.get_ontology(path.as_uri()).load()
            try:
                with ontology:
                    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
            except owlready2.OwlReadyInconsistentOntologyError:
                return False
        return not list(world.inconsistent_classes())

    everything = onto + ref + topics
    assert consistent(everything)
    # The check can fail: one IRI as both a company and an executive breaks the disjointness axiom.
    broken = everything + rdflib.Graph()
    broken.add((URIRef(ORG_ID + "sk-hynix"), RDF.type, AIP.Executive))
    assert not consistent(broken)


# ---------------------------------------------------------------------------------------------------
# Topics


def concepts(topics: rdflib.Graph) -> set[URIRef]:
    return set(topics.subjects(SKOS.inScheme, SCHEME))


def test_every_topic_has_korean_and_english_preferred_labels(topics: rdflib.Graph) -> None:
    assert len(concepts(topics)) >= 25
    for concept in concepts(topics):
        assert (concept, RDF.type, AIP.Topic) in topics
        assert (concept, RDF.type, SKOS.Concept) in topics
        prefs = list(topics.objects(concept, SKOS.prefLabel))
        assert sorted(p.language for p in prefs) == ["en", "ko"], concept
        assert re.fullmatch(re.escape(TOPIC_ID) + r"[a-z0-9]+(-[a-z0-9]+)*", str(concept)), concept


def test_topic_hierarchy(topics: rdflib.Graph) -> None:
    all_concepts = concepts(topics)
    tops = set(topics.objects(SCHEME, SKOS.hasTopConcept))
    assert tops == set(topics.subjects(SKOS.topConceptOf, SCHEME))
    for concept in all_concepts:
        broader = set(topics.objects(concept, SKOS.broader))
        assert broader <= all_concepts
        assert (concept in tops) != bool(broader), f"{concept}: a top concept, or below one"
        seen, frontier = set(), broader  # no cycles: every chain reaches a top concept
        while frontier:
            assert concept not in frontier, f"{concept} is its own broader concept"
            seen |= frontier
            frontier = {b for f in frontier for b in topics.objects(f, SKOS.broader)} - seen
    assert (URIRef(TOPIC_ID + "hbm"), SKOS.broader, URIRef(TOPIC_ID + "memory")) in topics


def topic_index(topics: rdflib.Graph) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for concept in concepts(topics):
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for value in topics.objects(concept, predicate):
                index[str(value)].add(str(concept)[len(TOPIC_ID) :])
    return index


@pytest.mark.parametrize(
    ("form", "concept"),
    [
        ("고대역폭 메모리", "hbm"),
        ("HBM4", "hbm"),
        ("HBM3E", "hbm"),
        ("D램", "memory"),
        ("AI 반도체", "ai-chips"),
        ("GPU", "ai-chips"),
        ("파운드리", "foundry"),
        ("데이터센터", "ai-data-centers"),
        ("AIDC", "ai-data-centers"),
        ("AI 인프라 투자", "ai-infrastructure-investment"),
        ("언어모델", "language-models"),
        ("LLM", "language-models"),
        ("초거대 AI", "language-models"),
        ("퍼스널 AI", "personal-ai"),
        ("AI 에이전트", "ai-agents"),
        ("클라우드", "cloud"),
        ("통신 AI", "telecom-ai"),
        ("휴머노이드", "robotics"),
        ("피지컬 AI", "physical-ai"),
        ("소버린 AI", "sovereign-ai"),
        ("AI 생태계", "ai-ecosystem"),
        ("생성형 AI", "generative-ai"),
        ("온디바이스 AI", "ai-devices"),
        ("혼합현실", "xr-devices"),
        ("MR", "xr-devices"),
        ("자율주행", "autonomous-driving"),
        ("AX", "ai-transformation"),
        ("전략적 파트너십", "business-cooperation"),
        ("지분 투자", "investment"),
        ("스마트홈", "smart-home"),
    ],
)
def test_news_forms_map_to_their_topic(topics: rdflib.Graph, form: str, concept: str) -> None:
    assert topic_index(topics)[form] == {concept}


def test_no_topic_label_is_ambiguous(topics: rdflib.Graph) -> None:
    ambiguous = {form: ids for form, ids in topic_index(topics).items() if len(ids) > 1}
    assert not ambiguous


# ---------------------------------------------------------------------------------------------------
# Reference data


def companies(ref: rdflib.Graph) -> set[URIRef]:
    return set(ref.subjects(RDF.type, AIP.Company))


def test_reference_companies_have_korean_and_english_labels(ref: rdflib.Graph) -> None:
    assert len(companies(ref)) >= 60
    for company in companies(ref):
        assert sorted(langs(ref, company, RDFS.label)) == ["en", "ko"], company  # type: ignore[type-var]
        assert re.fullmatch(re.escape(ORG_ID) + r"[a-z0-9]+(-[a-z0-9]+)*", str(company)), company


def company_index(ref: rdflib.Graph) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for company in companies(ref):
        for predicate in (RDFS.label, SKOS.altLabel):
            for value in ref.objects(company, predicate):
                index[str(value)].add(str(company)[len(ORG_ID) :])
    return index


@pytest.mark.parametrize(
    ("form", "company"),
    [
        ("오픈AI", "openai"),
        ("OpenAI", "openai"),
        ("오픈 AI", "openai"),
        ("MS", "microsoft"),
        ("마이크로소프트", "microsoft"),
        ("NVIDIA", "nvidia"),
        ("Nvidia", "nvidia"),
        ("SK", "sk-group"),
        ("SK그룹", "sk-group"),
        ("하이닉스", "sk-hynix"),
        ("SK hynix", "sk-hynix"),
        ("SKT", "sk-telecom"),
        ("SK㈜", "sk-inc"),
        ("삼성", "samsung-group"),
        ("Samsung Electronics", "samsung-electronics"),
        ("삼성SDS", "samsung-sds"),
        ("LG", "lg-group"),
        ("㈜LG", "lg-corp"),
        ("LG U+", "lg-uplus"),
        ("LG AI연구원", "lg-ai-research"),
        ("현대자동차그룹", "hyundai-motor-group"),
        ("현대차", "hyundai-motor"),
        ("기아", "kia"),
        ("KT", "kt"),
        ("Naver", "naver"),
        ("네이버클라우드", "naver-cloud"),
        ("카카오", "kakao"),
        ("카카오브레인", "kakao-brain"),
        ("알파벳", "alphabet"),
        ("AWS", "aws"),
        ("Arm", "arm"),
        ("앤스로픽", "anthropic"),
        ("소프트뱅크", "softbank-group"),
        ("퓨리오사AI", "furiosaai"),
        ("페르소나AI", "persona-ai"),
        ("두산", "doosan-group"),
    ],
)
def test_news_forms_map_to_their_company(ref: rdflib.Graph, form: str, company: str) -> None:
    assert company_index(ref)[form] == {company}


def test_no_company_name_is_ambiguous(ref: rdflib.Graph) -> None:
    ambiguous = {form: ids for form, ids in company_index(ref).items() if len(ids) > 1}
    assert not ambiguous


def parents(ref: rdflib.Graph, slug_: str) -> set[str]:
    return {str(o)[len(ORG_ID) :] for o in ref.objects(URIRef(ORG_ID + slug_), ORG.subOrganizationOf)}


@pytest.mark.parametrize(
    ("child", "group"),
    [
        ("sk-hynix", "sk-group"),
        ("sk-telecom", "sk-group"),
        ("sk-inc", "sk-group"),
        ("samsung-electronics", "samsung-group"),
        ("lg-electronics", "lg-group"),
        ("lg-corp", "lg-group"),
        ("naver-cloud", "naver"),
        ("hyundai-motor", "hyundai-motor-group"),
        ("kia", "hyundai-motor-group"),
        ("google", "alphabet"),
        ("aws", "amazon"),
    ],
)
def test_group_structure(ref: rdflib.Graph, child: str, group: str) -> None:
    assert group in parents(ref, child)


def test_groups_are_business_groups_and_parents_are_companies(ref: rdflib.Graph) -> None:
    for group in ("sk-group", "samsung-group", "lg-group", "hyundai-motor-group"):
        assert (URIRef(ORG_ID + group), RDF.type, AIP.BusinessGroup) in ref
    for _, parent in ref.subject_objects(ORG.subOrganizationOf):
        assert parent in companies(ref)


def test_wikidata_links_are_entity_iris(ref: rdflib.Graph) -> None:
    links = list(ref.subject_objects(OWL.sameAs))
    assert links
    for subject, target in links:
        assert subject in companies(ref)
        assert re.fullmatch(r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*", str(target)), target
    targets = [t for _, t in links]
    assert len(targets) == len(set(targets))


def test_places(places: rdflib.Graph) -> None:
    cities = set(places.subjects(RDF.type, AIP.City))
    countries = set(places.subjects(RDF.type, AIP.Country))
    assert len(cities) >= 300 and len(countries) >= 190
    for city in cities:
        assert sorted(langs(places, city, RDFS.label)) == ["en", "ko"], city  # type: ignore[type-var]
        (country,) = places.objects(city, SCHEMA.containedInPlace)  # the extractor reads it as the city's country
        assert country in countries, city
    for country in countries:
        assert sorted(langs(places, country, RDFS.label)) == ["en", "ko"], country  # type: ignore[type-var]
        assert not list(places.objects(country, SCHEMA.containedInPlace)), country
    sf = URIRef(PLACE_ID + "san-francisco")
    assert label(places, sf, "en") == "San Francisco"
    assert rdflib.Literal("SF", lang="en") in set(places.objects(sf, SKOS.altLabel))
    assert (URIRef(PLACE_ID + "redmond"), SCHEMA.containedInPlace, URIRef(PLACE_ID + "united-states")) in places
    assert (URIRef(PLACE_ID + "seoul"), SCHEMA.containedInPlace, URIRef(PLACE_ID + "south-korea")) in places


def test_every_place_leads_to_a_country(places: rdflib.Graph) -> None:
    """A district, a quarter or a province reaches a country through schema:containedInPlace (as the queries and
    the scorer walk it), never through a cycle; its IRI is id:place/<slug>."""
    countries = set(places.subjects(RDF.type, AIP.Country))
    kinds = (AIP.City, AIP.Country, AIP.Place)
    nodes = {s for kind in kinds for s in places.subjects(RDF.type, kind)}
    assert len(nodes) == len(set(places.subjects(RDF.type, None)))  # no other kind of place in the gazetteer
    for node in nodes:
        assert re.fullmatch(re.escape(PLACE_ID) + r"[a-z0-9]+(-[a-z0-9]+)*", str(node)), node
        seen, current = [node], node
        while current not in countries:
            (current,) = places.objects(current, SCHEMA.containedInPlace)
            assert current not in seen, seen
            seen.append(current)


def test_reference_data_holds_no_place(ref: rdflib.Graph) -> None:
    """Places have one home, places.ttl: the company and people data only refers to them."""
    assert not [s for s in ref.subjects() if str(s).startswith(PLACE_ID)]


def top_group(ref: rdflib.Graph, company: URIRef) -> URIRef:
    while (parent := ref.value(company, ORG.subOrganizationOf)) is not None:
        company = parent  # type: ignore[assignment]
    return company


def test_known_people(ref: rdflib.Graph) -> None:
    people = set(ref.subjects(RDF.type, SCHEMA.Person))
    assert len(people) >= 40
    for person in people:
        assert (person, RDF.type, AIP.Executive) not in ref
        # the reference data names people by skos:prefLabel: an article's rdfs:label is the name as it writes it
        assert not list(ref.objects(person, RDFS.label)), person
        names = list(ref.objects(person, SKOS.prefLabel))
        assert len(names) == 1 and names[0].language == "ko", person
        assert "en" in langs(ref, person, SKOS.altLabel), person
        affiliations = list(ref.objects(person, AIP.affiliatedWith))
        assert affiliations and all(a in companies(ref) for a in affiliations), person
        # The IRI a resolver mints for this person named with a company of the same group.
        groups = {str(top_group(ref, a))[len(ORG_ID) :] for a in affiliations}
        assert str(person) in {mint("person", g, slug(str(names[0]))).value for g in groups}, person
    altman = URIRef(mint("person", "openai", slug("샘 올트먼")).value)
    assert rdflib.Literal("Sam Altman", lang="en") in set(ref.objects(altman, SKOS.altLabel))
    assert rdflib.Literal("샘 알트먼", lang="ko") in set(ref.objects(altman, SKOS.altLabel))
    chey = URIRef(mint("person", "sk-group", slug("최태원")).value)
    assert rdflib.Literal("최태원", lang="ko") in set(ref.objects(chey, SKOS.prefLabel))

"""The partnership-kind scheme (ontology/partnership-kinds.ttl): its concepts, their labels, and that it is
loaded wherever the topic scheme is (a base graph of every store, beside every validation)."""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, RDFS, SKOS, URIRef

from kg.base_graphs import ensure_base_graphs
from kg.iris import PARTNERSHIP_KINDS_GRAPH
from kg.namespaces import AIP_NS, ID_NS
from kg.resources import BASE_FILES, ontology_file
from kg.store import OxigraphStore
from kg.validate import load_bundled

FILE = "partnership-kinds.ttl"
KIND = ID_NS + "partnership-kind/"
SCHEME = URIRef(KIND + "scheme")
PARTNERSHIP_KIND = URIRef(AIP_NS + "PartnershipKind")
NOTATIONS = {"investment", "mou", "supply", "joint-venture", "cooperation", "license"}


@pytest.fixture(scope="module")
def kinds() -> rdflib.Graph:
    return load_bundled(FILE)


def concepts(kinds: rdflib.Graph) -> set[URIRef]:
    return {s for s in kinds.subjects(SKOS.inScheme, SCHEME) if isinstance(s, URIRef)}


def labels(kinds: rdflib.Graph, concept: URIRef, predicate: URIRef) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = defaultdict(list)
    for o in kinds.objects(concept, predicate):
        assert isinstance(o, rdflib.Literal)
        out[o.language].append(str(o))
    return out


def test_the_scheme_parses_with_both_parsers() -> None:
    path = ontology_file(FILE)
    assert len(rdflib.Graph().parse(path, format="turtle")) > 50
    assert len(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))) > 50


def test_six_kinds_each_named_by_its_notation_in_korean_and_english(kinds: rdflib.Graph) -> None:
    found = concepts(kinds)
    assert {str(kinds.value(c, SKOS.notation)) for c in found} == NOTATIONS
    assert set(kinds.objects(SCHEME, SKOS.hasTopConcept)) == found
    for concept in found:
        notation = kinds.value(concept, SKOS.notation)
        assert str(concept) == KIND + str(notation), "the IRI is id:partnership-kind/<notation>"
        assert (concept, RDF.type, PARTNERSHIP_KIND) in kinds and (concept, RDF.type, SKOS.Concept) in kinds
        assert (concept, SKOS.topConceptOf, SCHEME) in kinds
        preferred = labels(kinds, concept, SKOS.prefLabel)
        assert sorted(preferred) == ["en", "ko"] and all(len(v) == 1 for v in preferred.values()), concept
        assert labels(kinds, concept, RDFS.label) == preferred, "rdfs:label repeats the preferred labels"
        assert sorted(labels(kinds, concept, SKOS.definition)) == ["en", "ko"], concept


def kind_of_form(kinds: rdflib.Graph) -> dict[str, set[str]]:
    """Every label (preferred or alternative, case-folded) -> the notations of the kinds it names."""
    index: dict[str, set[str]] = defaultdict(set)
    for concept in concepts(kinds):
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for value in kinds.objects(concept, predicate):
                index[str(value).casefold()].add(str(kinds.value(concept, SKOS.notation)))
    return index


@pytest.mark.parametrize(
    ("form", "notation"),
    [
        ("양해각서", "mou"),
        ("업무협약", "mou"),
        ("MOU", "mou"),
        ("LOI", "mou"),
        ("공급 계약", "supply"),
        ("공급", "supply"),
        ("지분 투자", "investment"),
        ("투자", "investment"),
        ("합작법인", "joint-venture"),
        ("JV", "joint-venture"),
        ("joint venture", "joint-venture"),
        ("전략적 파트너십", "cooperation"),
        ("협력", "cooperation"),
        ("strategic partnership", "cooperation"),
        ("라이선스", "license"),
        ("licensing", "license"),
    ],
)
def test_news_forms_name_their_kind(kinds: rdflib.Graph, form: str, notation: str) -> None:
    assert kind_of_form(kinds)[form.casefold()] == {notation}


def test_no_form_names_two_kinds_and_tags_follow_the_script(kinds: rdflib.Graph) -> None:
    """A phrase maps to one kind; Hangul forms are @ko and Latin-script forms @en (as in reference.ttl)."""
    ambiguous = {form: names for form, names in kind_of_form(kinds).items() if len(names) > 1}
    assert ambiguous == {}
    for concept in concepts(kinds):
        for value in kinds.objects(concept, SKOS.altLabel):
            assert isinstance(value, rdflib.Literal)
            expected = "ko" if re.search(r"[가-힣]", str(value)) else "en"
            assert value.language == expected, value


def test_the_scheme_is_a_base_graph_of_every_store() -> None:
    """Loaded where the topic scheme is: into its own graph at the first ingest, and only once."""
    assert BASE_FILES[PARTNERSHIP_KINDS_GRAPH] == FILE
    store = OxigraphStore(None)
    assert FILE in ensure_base_graphs(store)
    stored = {q.triple for q in store.quads(PARTNERSHIP_KINDS_GRAPH)}
    bundled = {ox.Triple(t.subject, t.predicate, t.object)
               for t in ox.parse(path=str(ontology_file(FILE)), format=ox.RdfFormat.TURTLE)}
    assert bundled <= stored
    assert ensure_base_graphs(store) == []


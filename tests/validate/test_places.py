"""The gazetteer (ontology/places.ttl): it satisfies the shapes on its own, is a base graph of every store, and its
forms name one place each, tagged by script."""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDFS, SKOS

from kg.base_graphs import ensure_base_graphs
from kg.iris import PLACES_GRAPH
from kg.lexicon import squash
from kg.resources import BASE_FILES, ontology_file
from kg.store import OxigraphStore
from kg.validate import load_bundled, validate

FILE = "places.ttl"
PLACE = "https://w3id.org/aipkg/id/place/"
# a city-state: the city and the country share their names, and the city is read (kg/lexicon.py keeps the first)
SHARED = {"싱가포르": {"singapore", "republic-of-singapore"}, "singapore": {"singapore", "republic-of-singapore"}}


@pytest.fixture(scope="module")
def places() -> rdflib.Graph:
    return load_bundled(FILE)


def test_the_gazetteer_conforms_on_its_own_without_warnings(places: rdflib.Graph) -> None:
    report = validate(places, with_reference=False)
    assert report.conforms, report.text
    assert report.violations == ()  # no warning either: every city is in a country


def test_a_city_without_english_name_or_country_is_reported(places: rdflib.Graph) -> None:
    broken = load_bundled(FILE)
    stuttgart = rdflib.URIRef(PLACE + "stuttgart")
    broken.remove((stuttgart, RDFS.label, rdflib.Literal("Stuttgart", lang="en")))
    broken.remove((stuttgart, rdflib.URIRef("https://schema.org/containedInPlace"), None))
    report = validate(broken, with_reference=False)
    assert not report.conforms
    messages = {(v.severity, v.message) for v in report.violations if v.focus == str(stuttgart)}
    assert ("Violation", "a city or country has an English rdfs:label (@en)") in messages
    assert ("Warning", "a city is not placed in a country (schema:containedInPlace)") in messages


def test_no_form_names_two_places_and_tags_follow_the_script(places: rdflib.Graph) -> None:
    index: dict[str, set[str]] = defaultdict(set)
    for predicate in (RDFS.label, SKOS.altLabel):
        for place, value in places.subject_objects(predicate):
            assert isinstance(value, rdflib.Literal)
            index[squash(str(value))].add(str(place)[len(PLACE):])
            latin = re.fullmatch(r"[\x20-\x7e\u00c0-\u024f\u2019]+", str(value)) is not None
            assert value.language == ("en" if latin else "ko"), value
    assert {form: ids for form, ids in index.items() if len(ids) > 1} == SHARED


def test_the_gazetteer_is_a_base_graph_of_every_store() -> None:
    assert BASE_FILES[PLACES_GRAPH] == FILE
    store = OxigraphStore(None)
    assert FILE in ensure_base_graphs(store)
    stored = {q.triple for q in store.quads(PLACES_GRAPH)}
    bundled = {q.triple for q in ox.parse(path=str(ontology_file(FILE)), format=ox.RdfFormat.TURTLE)}
    assert bundled <= stored
    assert ensure_base_graphs(store) == []

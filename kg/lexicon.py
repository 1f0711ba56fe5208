"""Surface forms from the reference data and the topic scheme, as plain lookups for the extractor.

Read once from ``ontology/reference.ttl``, ``ontology/places.ttl`` and ``ontology/topics.ttl``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.namespaces import AIP_NS, ID_NS, ORG_NS, RDF_NS, RDFS_NS, SCHEMA_NS, SKOS_NS
from kg.resources import ontology_file


@lru_cache(maxsize=50_000)  # the words of a few thousand articles; a larger cache only grew memory
def squash(text: str) -> str:
    """The matching key of a surface form: NFC, no white space, case-folded."""
    return "".join(unicodedata.normalize("NFC", text).split()).casefold()


@dataclass(frozen=True)
class CompanyEntry:
    id: str  # local name under id:org/
    label_ko: str | None
    label_en: str | None
    forms: tuple[str, ...]
    parent: str | None
    is_group: bool


@dataclass(frozen=True)
class PlaceEntry:
    id: str  # local name under id:place/
    label_ko: str | None
    label_en: str | None
    forms: tuple[str, ...]
    kind: str  # "city" | "country" | "place"
    within: str | None


@dataclass(frozen=True)
class PersonEntry:
    id: str  # local name under id:person/ in the reference graph
    name_ko: str
    name_en: str | None
    forms: tuple[str, ...]  # Korean spellings
    affiliation: str | None  # company id
    forms_en: tuple[str, ...] = ()  # English spellings


@dataclass(frozen=True)
class TopicEntry:
    id: str  # local name under id:topic/
    label_ko: str | None
    label_en: str | None
    forms: tuple[str, ...]


@dataclass
class Lexicon:
    companies: dict[str, CompanyEntry] = field(default_factory=dict)
    places: dict[str, PlaceEntry] = field(default_factory=dict)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    topics: dict[str, TopicEntry] = field(default_factory=dict)
    company_forms: dict[str, str] = field(default_factory=dict)  # squash(form) -> id
    place_forms: dict[str, str] = field(default_factory=dict)
    person_forms: dict[str, str] = field(default_factory=dict)  # Korean spellings
    person_forms_en: dict[str, str] = field(default_factory=dict)  # English spellings ("Chey Do-yoon")
    topic_forms: dict[str, str] = field(default_factory=dict)
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)
    _forms_by_length: dict[int, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    _parents: frozenset[str] | None = field(default=None, repr=False)

    def company_forms_of_length(self, length: int) -> list[tuple[str, str]]:
        """(form, company id) pairs whose squashed form has this length: candidates for a misspelling."""
        if not self._forms_by_length:
            for form, ref in self.company_forms.items():
                self._forms_by_length.setdefault(len(form), []).append((form, ref))
        return self._forms_by_length.get(length, [])

    def _pattern(self, name: str, forms: dict[str, str]) -> re.Pattern[str]:
        if name not in self._patterns:
            self._patterns[name] = _alternation(forms)
        return self._patterns[name]

    def parents(self) -> frozenset[str]:
        """The companies some other company belongs to: the groups ("sk-group", "lg")."""
        if self._parents is None:
            self._parents = frozenset(c.parent for c in self.companies.values() if c.parent)
        return self._parents

    def root_company(self, company_id: str) -> str:
        seen = set()
        current = company_id
        while current in self.companies and self.companies[current].parent and current not in seen:
            seen.add(current)
            current = self.companies[current].parent or current
        return current

    def place_pattern(self) -> re.Pattern[str]:
        return self._pattern("place", self.place_forms)

    def topic_pattern(self) -> re.Pattern[str]:
        return self._pattern("topic", self.topic_forms)

    def company_pattern(self) -> re.Pattern[str]:
        return self._pattern("company", self.company_forms)


_Trie = dict[str, "_Trie"]


def _alternation(forms: dict[str, str]) -> re.Pattern[str]:
    """One regex matching any form, the longest where several match, with optional white space between
    characters.

    The forms are nested as a trie ("삼성(?:\\s?전\\s?자|\\s?물\\s?산)"): Python's re tries a flat alternation's
    branches one after the other at every position of the text (1.3 ms an article for places and topics),
    a trie only the branches that share what was read. A form that extends another is tried first, so the
    longest form that matches wins, as with a flat alternation sorted longest first."""
    trie: _Trie = {}
    end = ""  # the key marking that a form ends here
    for form in forms:
        if not form:
            continue
        node = trie
        for ch in form.lower():
            node = node.setdefault(ch, {})
        node[end] = {}
    if not trie:
        return re.compile(r"(?!x)x")

    def render(node: _Trie, first: bool) -> str:
        branches = [
            ("" if first else r"\s?") + re.escape(ch) + render(child, False)
            for ch, child in sorted(node.items())
            if ch != end
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end in node:  # a form ends here: going on is optional, and tried first (greedy)
            return "(?:" + body + ")?"
        return body

    return re.compile(render(trie, True), re.IGNORECASE)


def _local(iri: str, prefix: str) -> str | None:
    return iri[len(prefix):] if iri.startswith(prefix) else None


class _Triples:
    """Turtle files' statements indexed as the lexicon reads them, in file order (pyoxigraph parses them; rdflib
    took 0.3 s of every ``kg`` start)."""

    def __init__(self, paths: list[Path]) -> None:
        self.by_subject: dict[tuple[str, str], list[ox.NamedNode | ox.Literal]] = {}
        self.by_object: dict[tuple[str, str], dict[str, None]] = {}
        for path in paths:
            try:
                for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                    if not isinstance(t.subject, ox.NamedNode) or isinstance(t.object, ox.BlankNode):
                        continue
                    self.by_subject.setdefault((t.subject.value, t.predicate.value), []).append(t.object)
                    if isinstance(t.object, ox.NamedNode):
                        self.by_object.setdefault((t.predicate.value, t.object.value), {})[t.subject.value] = None
            except (OSError, SyntaxError) as exc:
                raise InputError(str(path), f"cannot read the reference data: {exc}") from exc

    def objects(self, subject: str, predicate: str) -> list[ox.NamedNode | ox.Literal]:
        return self.by_subject.get((subject, predicate), [])

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return list(self.by_object.get((predicate, obj), {}))

    def first_iri(self, subject: str, predicate: str) -> str | None:
        return next((o.value for o in self.objects(subject, predicate) if isinstance(o, ox.NamedNode)), None)


@cache
def load_lexicon(reference: Path | None = None, topics: Path | None = None) -> Lexicon:
    paths = [Path(p) for p in (reference or ontology_file("reference.ttl"), ontology_file("places.ttl"),
                               topics or ontology_file("topics.ttl"))]
    graph = _Triples([p for p in paths if p.exists()])
    lex = Lexicon()
    rdf_type = RDF_NS + "type"
    label, alt, pref, hidden = RDFS_NS + "label", SKOS_NS + "altLabel", SKOS_NS + "prefLabel", SKOS_NS + "hiddenLabel"

    def labels(node: str) -> tuple[str | None, str | None, list[str]]:
        ko = en = alt_en = None
        forms: list[str] = []
        for p in (pref, label, alt, hidden):
            for lit in graph.objects(node, p):
                text = unicodedata.normalize("NFC", lit.value)
                lang = getattr(lit, "language", None)
                if p in (pref, label):
                    if lang == "ko" and ko is None:
                        ko = text
                    elif lang == "en" and en is None:
                        en = text
                elif p == alt and lang == "en" and alt_en is None:
                    alt_en = text
                forms.append(text)
        return ko, en or alt_en, list(dict.fromkeys(forms))

    org_prefix, place_prefix, person_prefix, topic_prefix = (
        ID_NS + "org/", ID_NS + "place/", ID_NS + "person/", ID_NS + "topic/",
    )
    groups = set(graph.subjects(rdf_type, AIP_NS + "BusinessGroup"))
    for node in dict.fromkeys([*graph.subjects(rdf_type, AIP_NS + "Company"), *groups]):
        cid = _local(node, org_prefix)
        if not cid:
            continue
        ko, en, forms = labels(node)
        above = graph.first_iri(node, ORG_NS + "subOrganizationOf")
        parent = _local(above, org_prefix) if above else None
        is_group = node in groups
        lex.companies[cid] = CompanyEntry(cid, ko, en, tuple(forms), parent, is_group)
    for kind, cls in (("city", "City"), ("country", "Country"), ("place", "Place"), ("place", "Venue")):
        for node in graph.subjects(rdf_type, AIP_NS + cls):
            pid = _local(node, place_prefix)
            if not pid or pid in lex.places:
                continue
            ko, en, forms = labels(node)
            container = graph.first_iri(node, SCHEMA_NS + "containedInPlace")
            within = _local(container, place_prefix) if container else None
            lex.places[pid] = PlaceEntry(pid, ko, en, tuple(forms), kind, within)
    for node in graph.subjects(rdf_type, SCHEMA_NS + "Person"):
        pid = _local(node, person_prefix)
        if not pid:
            continue
        ko, en, forms = labels(node)
        if not ko:
            continue
        korean_forms = tuple(f for f in forms if re.search(r"[가-힣]", f))
        english_forms = tuple(f for f in forms if re.fullmatch(r"[A-Za-z][A-Za-z .'\-]+", f))
        employer = graph.first_iri(node, AIP_NS + "affiliatedWith")
        aff = _local(employer, org_prefix) if employer else None
        lex.people[pid] = PersonEntry(pid, ko, en, korean_forms, aff, english_forms)
    for node in graph.subjects(rdf_type, SKOS_NS + "Concept"):
        tid = _local(node, topic_prefix)
        if not tid or tid == "scheme":
            continue
        ko, en, forms = labels(node)
        lex.topics[tid] = TopicEntry(tid, ko, en, tuple(forms))

    for company in lex.companies.values():
        for form in company.forms:
            lex.company_forms.setdefault(squash(form), company.id)
    for place in lex.places.values():
        for form in place.forms:
            lex.place_forms.setdefault(squash(form), place.id)
    for person in lex.people.values():
        for form in person.forms:
            lex.person_forms.setdefault(squash(form), person.id)
        for form in person.forms_en:
            lex.person_forms_en.setdefault(squash(form), person.id)
    for topic in lex.topics.values():
        for form in topic.forms:
            if len(squash(form)) >= 2:
                lex.topic_forms.setdefault(squash(form), topic.id)
    return lex

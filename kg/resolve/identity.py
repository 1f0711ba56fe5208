"""Facts -> IRIs of the companies, people and positions an article names. Pure: no store access.

- A company is its reference entry's IRI when the reference data knows it, else one minted from its name.
- A person is one IRI per (group, name): the same name in the same group is the same person across articles; a
  well-known person of the reference data is its reference IRI when the groups agree (an English name written in
  an English article finds it too). An official of no named body is minted under ``official``.
- Labels follow the article's language: rdfs:label is the name as the article writes it (or the reference data's
  name in that language); other spellings and the other language's name are skos:altLabel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg.iris import company_iri, government_iri, official_iri, person_iri, reference_person_iri, slug
from kg.lexicon import Lexicon, squash
from kg.model import ArticleFacts, CompanyFact, PersonFact
from kg.romanize import name_keys


@dataclass
class Identities:
    companies: dict[str, NamedNode] = field(default_factory=dict)  # company key -> IRI
    groups: dict[str, str] = field(default_factory=dict)  # company key -> group slug
    people: dict[str, NamedNode] = field(default_factory=dict)  # person key -> IRI
    person_groups: dict[NamedNode, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # person key -> rdfs:label (the article's language)
    alt_labels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # person key -> [(text, lang)]
    parents: dict[str, NamedNode] = field(default_factory=dict)  # new company key -> its reference group
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person key -> its cross-language name keys


def group_slug(company: CompanyFact) -> str:
    group = company.group or company.reference_id or company.name
    return slug(group[5:]) if group.startswith("stem:") else group


def identify(facts: ArticleFacts, lex: Lexicon, language: str) -> Identities:
    ids = Identities()
    companies = {c.key: c for c in facts.companies}
    for c in facts.companies:
        ids.companies[c.key] = government_iri(c.name) if c.government and not c.reference_id else company_iri(
            c.reference_id, c.name)
        ids.groups[c.key] = group_slug(c)
        if not c.reference_id and c.group and not c.group.startswith("stem:") and c.group in lex.companies:
            ids.parents[c.key] = company_iri(c.group, c.group)
    for p in facts.people:
        company = companies.get(p.company or "")
        group = ids.groups.get(p.company or "", "official" if company is None else "")
        iri, label, alts = _person(p, company, group, lex, language)
        ids.people[p.key] = iri
        ids.person_groups[iri] = group if company is not None else "official:" + slug(p.name)
        ids.labels[p.key] = label
        ids.alt_labels[p.key] = alts
        ids.keys[p.key] = tuple(dict.fromkeys((*name_keys(p.name), *(name_keys(p.english) if p.english else ()))))
    return ids


def reconcile(ids: Identities, stored: dict[str, set[NamedNode]]) -> None:
    """A person already stored under another spelling of the same name, in the same group ("Kim Young-soo" of KT
    and 김영수 of KT, "Sam Hartwell" and "샘 하트웰(Sam Hartwell)"), is that node: its IRI is reused."""
    for key, iri in list(ids.people.items()):
        group = ids.person_groups[iri]
        matches = {other for k in ids.keys.get(key, ()) for other in stored.get(k, set())
                   if other != iri and _group_of_iri(other) == group.split(":")[0]}
        if len(matches) == 1:
            (other,) = matches
            ids.people[key] = other
            ids.person_groups[other] = group


def _group_of_iri(iri: NamedNode) -> str | None:
    """The group segment of a person IRI (id:person/<group>/<name>)."""
    parts = iri.value.split("/person/", 1)
    return parts[1].split("/", 1)[0] if len(parts) == 2 and "/" in parts[1] else None


def _person(p: PersonFact, company: CompanyFact | None, group: str, lex: Lexicon,
            language: str) -> tuple[NamedNode, str, list[tuple[str, str]]]:
    ref = lex.person_forms.get(squash(p.name)) or lex.person_forms_en.get(squash(p.name))
    if ref is not None and company is not None:
        entry = lex.people[ref]
        if entry.affiliation and lex.root_company(entry.affiliation) == group:
            label = entry.name_en if language == "en" and entry.name_en else entry.name_ko
            if language == "en" and squash(p.name) != squash(label):
                label = p.name  # as the article writes it ("Do-Young Kwak")
            alts = [(f, "ko") for f in (entry.name_ko, p.name) if f and squash(f) != squash(label)
                    and _is_korean(f)]
            if entry.name_en and squash(entry.name_en) != squash(label):
                alts.append((entry.name_en, "en"))
            return reference_person_iri(ref), label, _unique(alts)
    alts = [(p.english, "en")] if p.english and language != "en" else []
    if company is None:
        return official_iri(p.name), p.name, alts
    return person_iri(group, p.name), p.name, alts


def _is_korean(text: str) -> bool:
    return any("가" <= ch <= "힣" for ch in text)


def _unique(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for text, lang in pairs:
        if squash(text) not in seen:
            seen.add(squash(text))
            out.append((text, lang))
    return out

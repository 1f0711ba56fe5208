"""Helpers for extraction's table tests: read sentences as the pipeline does, and say which rule read what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kg.extract import extract, read_clauses
from kg.extract.discourse import Discourse
from kg.extract.events import apply_rules
from kg.extract.lang import pack_for
from kg.extract.registry import Registry
from kg.lexicon import load_lexicon
from kg.model import Article, ArticleFacts, Paragraph

PUBLISHED = date(2025, 7, 21)


def article(text: str, published: date | None = PUBLISHED, language: str | None = None) -> Article:
    """One paragraph per line, offsets exact, as the reader would give them."""
    paragraphs = []
    pos = 0
    for i, line in enumerate(text.split("\n")):
        paragraphs.append(Paragraph(i + 1, pos, pos + len(line), line))
        pos += len(line) + 1
    return Article("test.txt", text, tuple(paragraphs), "sha256:" + "0" * 64, published=published, language=language)


@dataclass(frozen=True)
class Read:
    """A person as a clause names them: name, company (as written), title, the rule that read them, role."""

    name: str
    company: str | None
    title: str | None
    rule: str
    role: str


def mentions(text: str, language: str = "ko") -> list[Read]:
    """The people the text's sentences name, in order, each with the rule that read them."""
    art = article(text, language=language)
    pack = pack_for(language)
    registry = Registry(pack, load_lexicon())
    d = Discourse(registry, art.published_date)
    out = []
    for clause in read_clauses(art, pack, registry, d):
        for m in clause.mentions:
            person = registry.people[m.person]
            company = registry.companies[person.company].name if person.company else None
            out.append(Read(person.name, company, person.title, m.rule, m.role.value))
        apply_rules(clause, d)
    return out


def rules_fired(text: str, published: date | None = PUBLISHED, language: str = "ko") -> list[str | None]:
    """The event rule that handled each sentence (None where none did)."""
    art = article(text, published, language)
    pack = pack_for(language)
    registry = Registry(pack, load_lexicon())
    d = Discourse(registry, art.published_date)
    return [apply_rules(clause, d) for clause in read_clauses(art, pack, registry, d)]


def facts(text: str, published: date | None = PUBLISHED, language: str | None = None) -> ArticleFacts:
    return extract(article(text, published, language))


def meetings(f: ArticleFacts) -> list[set[str]]:
    """Each meeting's attendees by name."""
    names = {p.key: p.name for p in f.people}
    return [{names[a] for a in m.attendees} for m in f.meetings]

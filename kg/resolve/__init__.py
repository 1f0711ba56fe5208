"""Resolution stage: an article's facts -> RDF quads, one node per real person, company and meeting.

- People: one IRI per (name, group): the same name in the same group is the same person across articles (the
  reference data gives well-known people their other-language names); the same name in two groups is two people.
- Meetings: a reported meeting joins an existing one when both name the same principals (at least two people of
  two groups on each side), their dates can overlap and their cities do not differ. Dates from all reports narrow
  to what all of them allow, in the meeting's resolved graph.

Resolution reads everything it needs from the store first (:mod:`kg.resolve.matching`: the people the article's
names may already be, then the meetings its people may already have had), then builds without it
(:mod:`kg.resolve.identity`, :mod:`kg.resolve.rdfize`, :mod:`kg.resolve.consolidate`).
"""

from __future__ import annotations

from datetime import datetime
from itertools import combinations

from pyoxigraph import NamedNode

from kg.lexicon import Lexicon, load_lexicon
from kg.model import ArticleFacts
from kg.resolve.consolidate import Report, consolidate
from kg.resolve.identity import Identities, identify, reconcile
from kg.resolve.matching import StoreView, find_existing, read_people, read_store
from kg.resolve.rdfize import Resolution, build
from kg.store import Store

__all__ = ["Report", "Resolution", "Resolver", "StoreView", "article_identity", "consolidate", "find_existing"]


def article_identity(facts: ArticleFacts) -> str:
    """What makes two versions one article: its URL, else its source."""
    return facts.article.identity


class Resolver:
    def __init__(self, store: Store, lexicon: Lexicon | None = None) -> None:
        self.store = store
        self.lex = lexicon or load_lexicon()

    def resolve(self, facts: ArticleFacts, *, ingested_at: datetime | None = None) -> Resolution:
        language = facts.article.language or "ko"
        ids = identify(facts, self.lex, language)
        reconcile(ids, read_people(self.store, {k for keys in ids.keys.values() for k in keys}))
        identity = article_identity(facts)
        view = read_store(self.store, identity, _pairs(facts, ids), _partner_pairs(facts, ids))
        return build(facts, ids, view, identity, language=language, ingested_at=ingested_at)


def _partner_pairs(facts: ArticleFacts, ids: Identities) -> list[tuple[NamedNode, NamedNode]]:
    pairs: set[tuple[NamedNode, NamedNode]] = set()
    for deal in facts.partnerships:
        partners = sorted({ids.companies[c] for c in deal.partners if c in ids.companies}, key=lambda n: n.value)
        pairs.update(combinations(partners, 2))
    return sorted(pairs, key=lambda p: (p[0].value, p[1].value))


def _pairs(facts: ArticleFacts, ids: Identities) -> list[tuple[NamedNode, NamedNode]]:
    """Pairs of principals of different groups of the article's meetings: a stored meeting matches only when two
    such people both attended it, so asking for pairs keeps the candidates few however many meetings a
    much-reported chairman has had."""
    pairs: set[tuple[NamedNode, NamedNode]] = set()
    for meeting in facts.meetings:
        people = sorted({ids.people[p] for p in meeting.principals if p in ids.people}, key=lambda n: n.value)
        for first, second in combinations(people, 2):
            if ids.person_groups.get(first) != ids.person_groups.get(second):
                pairs.add((first, second))
    return sorted(pairs, key=lambda p: (p[0].value, p[1].value))

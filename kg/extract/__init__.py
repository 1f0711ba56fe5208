"""Extraction stage: an Article -> ArticleFacts (people, companies, meetings), each fact with its span.

The article's language picks a language pack (:mod:`kg.extract.lang`). Every sentence is read into a
:class:`~kg.extract.document.Clause` once (words, mentions, cues, dates, place, topics); the event rules
(:mod:`kg.extract.events`) then change the discourse clause by clause; :mod:`kg.extract.finish` builds the facts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from kg.extract.dates import find_dates, intersect
from kg.extract.discourse import Discourse
from kg.extract.document import Clause, Word
from kg.extract.events import apply_rules
from kg.extract.finish import (
    attach_lead_topics,
    build,
    companions_take_host_company,
    date_undated,
    deals_name_operating_companies,
    fold_variants,
)
from kg.extract.lang import LanguagePack, detect_language, pack_for
from kg.extract.partnerships import apply_partnership_rules
from kg.extract.places import find_place
from kg.extract.registry import Registry
from kg.extract.topics import find_topics
from kg.lexicon import Lexicon, load_lexicon, squash
from kg.model import Article, ArticleFacts, Paragraph, Precision, Span

__all__ = ["extract", "intersect", "prepare", "read_clauses"]


def prepare() -> None:
    """Build what extraction keeps per process (the Korean morphology model, about a second): before forking
    workers, so that they share it instead of each building its own."""
    from kg.extract.lang.ko.analysis import kiwi

    kiwi()


def extract(article: Article, lexicon: Lexicon | None = None, *, language: str | None = None) -> ArticleFacts:
    """Every person, company and meeting the article reports, each fact with the paragraph and span it comes from."""
    lex = lexicon or load_lexicon()
    pack = pack_for(language or article.language or detect_language(article.text))
    if article.language != pack.code:
        article = replace(article, language=pack.code)  # the facts say which language they were read in
    registry = Registry(pack, lex)
    discourse = Discourse(registry, article.published_date)
    for clause in read_clauses(article, pack, registry, discourse):
        apply_rules(clause, discourse)
        apply_partnership_rules(clause, discourse)
    if not discourse.drafts and not discourse.deals:
        # a headline repeats the body in telegraphic words ("최도윤 오픈AI MS 포함 … CEO와 만나"): read only for
        # what the body does not tell at all
        for clause in read_clauses(article, pack, registry, discourse, headline=True):
            apply_rules(clause, discourse)
            apply_partnership_rules(clause, discourse)
    notes: list[str] = []
    fold_variants(discourse)
    deals_name_operating_companies(discourse)
    date_undated(discourse, notes)
    attach_lead_topics(discourse)
    companions_take_host_company(discourse)
    return build(discourse, article, notes)


def read_clauses(article: Article, pack: LanguagePack, registry: Registry, discourse: Discourse, *,
                 headline: bool = False) -> Iterator[Clause]:
    """Each sentence of the article (or of its headline) read into a clause, in order (lazily: the discourse it
    reads dates against changes as the rules run)."""
    analysed: list[tuple[int, int, int, str, list[Word]]] = []
    for paragraph in _headline(article, pack) if headline else article.paragraphs:
        reading = paragraph.reading  # inline widgets blanked, offsets unchanged
        for start, end, words in pack.sentences(reading, paragraph.start):
            text = reading[start - paragraph.start:end - paragraph.start]
            analysed.append((paragraph.index, start, end, text, words))
    evidence = pack.evidence([w for *_, words in analysed for w in words])
    people: set[str] = set()  # squashed names of the first `counted` people met
    counted = 0
    last_day: date | None = None  # the last event day the text gave, for a chained language's relative days
    for index, start, _end, text, words in analysed:
        clause = Clause(text, start, index, words)
        pack.read_cues(clause)
        pack.read_mentions(clause, registry, evidence)
        anchor = discourse.anchor_day.earliest if discourse.anchor_day else None
        chained = pack.dates.chained or (pack.dates.chained_words and pack.dates.chained_words.search(text))
        if chained and last_day is not None:
            anchor = last_day
        for match in find_dates(clause.text, discourse.published, offset=start, anchor=anchor, rules=pack.dates):
            match = replace(match, fact=replace(match.fact, span=Span(index, match.start, match.end)))
            kind = pack.date_kind(clause, match.start, match.end)
            clause.dates.append((match, kind))
            if kind == "event" and match.fact.resolved and match.fact.precision is Precision.DAY:
                last_day = match.fact.earliest
        clause.place = find_place(clause.text, clause.span, registry.lex, pack.locative, pack.venue)
        if clause.has_any_discussion():
            people.update(squash(p.name) for p in registry.met[counted:])
            counted = len(registry.met)
            clause.topics = find_topics(clause, registry.lex, pack, people)
        yield clause


def _headline(article: Article, pack: LanguagePack) -> tuple[Paragraph, ...]:
    """The headline, when extraction can read it as a sentence: not an English headline in title case ("Nvidia's
    CEO Discuss Ways …" has a capital on every word, so capitals say nothing of names there)."""
    headline = article.headline
    if headline is None or not headline.text.strip():
        return ()
    words = headline.text.split()
    if pack.code == "en" and sum(w[:1].isupper() for w in words) > 0.6 * len(words):
        return ()
    return (headline,)

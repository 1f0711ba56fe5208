"""What was discussed: topics of the scheme (``ontology/topics.ttl``) wherever their words stand, and the phrases
the language pack reads as objects of discussion, linked to a scheme topic when one matches and kept as written
otherwise (a new topic)."""

from __future__ import annotations

from kg.extract.lang import LanguagePack
from kg.lexicon import Lexicon, squash
from kg.model import Certainty, Span, TopicFact


def find_topics(sentence: str, span: Span, certainty: Certainty, lex: Lexicon, pack: LanguagePack,
                people: set[str]) -> list[TopicFact]:
    text = pack.normalise_topics(sentence)
    topics: list[TopicFact] = []
    seen: set[str] = set()
    for m in lex.topic_pattern().finditer(text):
        tid = lex.topic_forms.get(squash(m.group(0)))
        if tid and tid not in seen:
            seen.add(tid)
            topics.append(TopicFact(m.group(0), tid, certainty, span))
    for phrase in pack.topic_phrases(sentence):
        key = squash(phrase)
        if key in seen or any(key == squash(t.text) for t in topics) or key in people:
            continue
        if pack.is_title_word(phrase):
            continue
        seen.add(key)
        topics.append(TopicFact(phrase, lex.topic_forms.get(key), certainty, span))
    return topics

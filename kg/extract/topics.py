"""What was discussed: topics of the scheme (``ontology/topics.ttl``) wherever their words stand, and the phrases
the language pack reads as objects of discussion, linked to a scheme topic when one matches and kept as written
otherwise (a new topic)."""

from __future__ import annotations

from kg.extract.document import Clause
from kg.extract.lang import LanguagePack
from kg.lexicon import Lexicon, squash
from kg.model import TopicFact


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """A Latin form ("AR", "HBM") read inside a longer Latin word ("largest", "HBMs" are fine for Hangul)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    latin = text[start].isascii() or text[end - 1].isascii()
    return latin and ((before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()))


def _names_blanked(clause: Clause) -> str:
    """The clause with the people and companies it names blanked (offsets kept): "세린반도체" and "Daon
    Semiconductor" are companies, not talk about chips."""
    text = list(clause.text)
    spans = [(m.start, m.end) for m in clause.mentions] + [(c.start, c.end) for c in clause.companies]
    for start, end in spans:
        for i in range(max(start - clause.start, 0), min(end - clause.start, len(text))):
            text[i] = " "
    return "".join(text)


def find_topics(clause: Clause, lex: Lexicon, pack: LanguagePack, people: set[str]) -> list[TopicFact]:
    span, certainty = clause.span, clause.certainty
    text = pack.normalise_topics(_names_blanked(clause))
    topics: list[TopicFact] = []
    seen: set[str] = set()
    for m in lex.topic_pattern().finditer(text):
        if _inside_a_word(text, m.start(), m.end()):
            continue
        tid = lex.topic_forms.get(squash(m.group(0)))
        if tid and tid not in seen:
            seen.add(tid)
            topics.append(TopicFact(m.group(0), tid, certainty, span))
    companies = {squash(clause.text[c.start - clause.start:c.end - clause.start]) for c in clause.companies}
    for phrase in pack.topic_phrases(clause):
        key = squash(phrase)
        if key in seen or any(key == squash(t.text) for t in topics) or key in people or key in companies:
            continue  # "마이크로소프트와 AI 협력을 논의": the partner is no topic
        if pack.is_title_word(phrase):
            continue
        seen.add(key)
        topics.append(TopicFact(phrase, lex.topic_forms.get(key), certainty, span))
    return topics

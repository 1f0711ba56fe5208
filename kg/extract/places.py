"""Where a clause locates its event: a city or country of the reference gazetteer and the venue written after it
("미국 샌프란시스코 오픈AI 본사에서" -> venue "오픈AI 본사" in San Francisco), or a venue alone ("승지원에서").

Places are a closed list (the gazetteer of ``ontology/reference.ttl``); how a language marks a location (the
particle or preposition after it) is the pack's ``locative`` and ``venue`` patterns.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, squash
from kg.model import PlaceFact, Span

_BEFORE = re.compile(r"[\s(\[“\"'‘·,]")
_VENUE_PARTICLE = re.compile(r"(이|가|은|는|을|를|와|과|의|에)$")


def find_place(sentence: str, span: Span, lex: Lexicon, locative: re.Pattern[str],
               venue: re.Pattern[str]) -> PlaceFact | None:
    best: PlaceFact | None = None
    pattern = lex.place_pattern()
    # tried at every word's start: a search would let "북 경" (Beijing, spaces allowed) hide "경주시"
    starts = [0, *(i + 1 for i, ch in enumerate(sentence) if _BEFORE.match(ch))]
    for m in (pattern.match(sentence, i) for i in starts):
        if m is None:
            continue
        if m.end() < len(sentence) and sentence[m.end() - 1].isascii() and sentence[m.end()].isascii() \
                and sentence[m.end()].isalnum():
            continue  # "LA" is not the start of "largest"
        pid = lex.place_forms.get(squash(m.group(0)))
        if pid is None:
            continue
        entry = lex.places[pid]
        tail = locative.match(sentence[m.start():])  # the noun phrase from the place to what locates it
        if not tail:
            continue
        text = tail.group(1).strip()
        city = entry.id if entry.kind == "city" else None
        country = entry.id if entry.kind == "country" else (entry.within if entry.kind == "city" else None)
        venue_text: str | None = text[m.end() - m.start():].strip() or None
        if venue_text and (venue_text in ("모처", "현지") or len(venue_text) > 30):
            venue_text = None
        if venue_text:
            # a finer place inside the city ("서울 중구 더플라자호텔"): the last named thing is the venue
            inner = [w for w in venue_text.split() if squash(w) not in lex.place_forms]
            venue_text = " ".join(inner) or None
        fact = PlaceFact(text, venue_text, city, m.group(0) if city else None, country, span)
        if best is None or (best.city is None and fact.city is not None):
            best = fact
    if best is None:
        vm = venue.search(sentence)
        if vm and not _VENUE_PARTICLE.search(vm.group(1).split()[0] if " " in vm.group(1) else ""):
            best = PlaceFact(vm.group(1), vm.group(1), None, None, None, span)
    return best

"""Where a clause locates its event: a city or country of the reference gazetteer and the venue written after it
("미국 샌프란시스코 오픈AI 본사에서" -> venue "오픈AI 본사" in San Francisco), or a venue alone ("승지원에서").

Places are a closed list (the gazetteer of ``ontology/places.ttl``); how a language marks a location (the
particle or preposition after it) is the pack's ``locative`` and ``venue`` patterns.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, squash
from kg.model import PlaceFact, Span

_BEFORE = re.compile(r"[\s(\[“\"'‘·,]")
_VENUE_PARTICLE = re.compile(r"(이|가|은|는|을|를|와|과|의|에)$")
# What may follow a Korean place name inside its word: a particle, 시/도/군/구, or a site of the place ("평택캠퍼스에서",
# "울산공장", "미국행"); any other ending makes the word another name ("서울반도체", "이천수", "미래에셋", "中企").
_KO_WORD_REST = re.compile(
    r"(?:시|도|군|구)?(?:본사|사옥|공장|캠퍼스|사업장|연구소|센터|법인|지사|사무소|공항|시청|도청|청사|역|항|호텔|출장|행|발)?"
    r"(?:에서는|에서도|에서의|에서|에선|에는|에도|에|엔|의|을|를|은|는|이|가|과|와|도|으로|로|까지|부터)?"
)
# An English place name followed by a capitalised word is the start of another name ("Boston Dynamics", "Washington
# Post", "Austin Russell"), unless that word dates the event or names the place's site or another place.
_EN_NEXT_WORD = re.compile(r" ([A-Z][\w'’.\-]*)")
_EN_NOT_A_NAME = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan.", "Feb.",
    "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Bay", "Area", "Convention",
    "Center", "Centre", "Hotel", "Tower", "Campus", "Headquarters", "Airport", "Station", "Office", "Offices",
})


def find_place(sentence: str, span: Span, lex: Lexicon, locative: re.Pattern[str],
               venue: re.Pattern[str]) -> PlaceFact | None:
    best: PlaceFact | None = None
    pattern = lex.place_pattern()
    # tried at every word's start: a search would let "북 경" (Beijing, spaces allowed) hide "경주시"
    starts = [0, *(i + 1 for i, ch in enumerate(sentence) if _BEFORE.match(ch))]
    for m in (pattern.match(sentence, i) for i in starts):
        if m is None:
            continue
        if not _ends_a_name(sentence, m.end(), lex):
            continue
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


def _ends_a_name(sentence: str, end: int, lex: Lexicon) -> bool:
    """Whether a place name read up to ``end`` is a name of its own, not the start of a longer word or name."""
    if end >= len(sentence):
        return True
    if not sentence[end - 1].isascii():
        rest = re.match(r"\w*", sentence[end:])
        return rest is not None and _KO_WORD_REST.fullmatch(rest.group(0)) is not None
    if sentence[end].isascii() and sentence[end].isalnum():
        return False  # "LA" is not the start of "largest"
    nxt = _EN_NEXT_WORD.match(sentence, end)
    if nxt is None or nxt.group(1) in _EN_NOT_A_NAME:
        return True
    # "in Yongsan Seoul" names two places
    return lex.place_pattern().match(sentence, nxt.start(1)) is not None

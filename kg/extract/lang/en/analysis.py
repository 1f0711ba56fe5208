"""English sentences and words: sentence ends that are not abbreviations ("Co.", "U.S.", "Jan.", "C.C."), and
white-space words with their possessive ("Microsoft's") and punctuation split off."""

from __future__ import annotations

import re

from kg.extract.document import Morph, Word
from kg.extract.lang.en.words import DATELINE

_ABBREVIATIONS = frozenset({
    "co", "inc", "corp", "ltd", "jr", "sr", "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e", "gov",
})
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9]|\s*$)")
_WORD = re.compile(r"\S+")
_LEAD = re.compile(r"^[\"“‘'(\[<*–—-]+")
_TRAIL = re.compile(r"[\"”’')\]>,.;:!?…]+$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def sentences(text: str, offset: int) -> list[tuple[int, int, list[Word]]]:
    out: list[tuple[int, int, list[Word]]] = []
    start = 0
    dateline = DATELINE.match(text)
    if dateline:
        _add(text, 0, dateline.end(), offset, out)
        start = dateline.end()
    for m in _END.finditer(text, start):
        before = text[start:m.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last):
            continue  # "HD Hyundai Co. has", "C.C. Wei", "the U.S. market"
        _add(text, start, m.end(), offset, out)
        start = m.end()
    _add(text, start, len(text), offset, out)
    return out


def _add(text: str, start: int, end: int, offset: int, out: list[tuple[int, int, list[Word]]]) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    s, e = start + lead, start + len(chunk.rstrip())
    if e > s:
        out.append((offset + s, offset + e, [make_word(m.group(0), offset + m.start())
                                              for m in _WORD.finditer(text, s, e)]))


def make_word(raw: str, start: int) -> Word:
    lead = _LEAD.match(raw)
    core_start = lead.end() if lead else 0
    body = raw[core_start:]
    trail = _TRAIL.search(body)
    trailing = ""
    if trail:
        trailing = trail.group(0)
        body = body[: trail.start()]
        if trailing.startswith(".") and _abbreviation(body + "."):
            body, trailing = body + ".", trailing[1:]  # "Co.,": the period is the word's
    particle = ""
    pm = _POSSESSIVE.search(body)
    if pm and len(body) > len(pm.group(0)) and pm.group(0) not in ("'", "’"):
        particle = "'s"
        body = body[: pm.start()]
    tag = "CAP" if body[:1].isupper() else "NUM" if body[:1].isdigit() else "LOW"
    morphs = (Morph(body, tag, start + core_start, start + core_start + len(body)),)
    return Word(raw, start, start + len(raw), body, start + core_start, start + core_start + len(body), particle, (),
                trailing, morphs, False)


def _abbreviation(word: str) -> bool:
    """ "Co.", "Inc.", "U.S.", "C.C.": the period is the word's."""
    bare = word.rstrip(".").lower()
    return bare in _ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word.lower()))

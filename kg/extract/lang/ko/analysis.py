"""Korean sentences and words from kiwipiepy's morphology.

One :class:`kiwipiepy.Kiwi` per process (building one costs about a second and a few hundred MB), made on first use
with the reference data's company names and people as user words, so that "SK하이닉스" or "곽도영" come out as one
proper noun. A paragraph is analysed once: Kiwi splits its sentences (also where no space follows the full stop,
"풀이된다.16일 …") and tags every morpheme; a :class:`~kg.extract.document.Word` is a white-space word with the
morphemes inside it, its particle (the J* morphemes that end it: "CEO와도" -> "와도") and its parentheticals.
"""

from __future__ import annotations

import re
import warnings
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from kg.extract.document import Morph, Word
from kg.extract.lang.ko.words import PARTICLES, TITLE_HEADS
from kg.lexicon import load_lexicon

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

_SPACE_WORD = re.compile(r"[^\s=]+=?|=")  # "출범=서하림": a heading ends at "="
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# A sentence end Kiwi keeps when no space follows: "풀이된다.16일 …", "가졌다.특히 …" (not "2.5", not "다."며)
_GLUED_END = re.compile(r"(?<=[다요죠까음임][.!?])(?=[^\s.,!?\"”’')\]…])")
_LEAD = re.compile(r"^(?:[\[\"“‘'<▲△▶■◆·\-–—*]+|\([^()]*\)(?=\S))+")
# "김영수 KT 대표·정기현 HD현대 수석부회장": a middle dot after a title joins two people, not one word
_DOT_AFTER_TITLE = re.compile("(?:" + "|".join(map(re.escape, TITLE_HEADS)) + r")(?:\([^()]*\))?·(?=[가-힣])")
_SENTENCE_END = (".", "!", "?", "。", "…", '"', "”", "’", "'", ")", "]", "다")
_TRAIL_CHARS = "]\"”’'>,.·:;!?…="
_PREDICATE_TAGS = ("VV", "VA", "VX", "VCN", "XSV", "XSA", "EP", "EF", "EC", "ETM", "ETN")


@cache
def kiwi() -> Kiwi:
    from kiwipiepy import Kiwi

    # no worker threads (extraction runs one article at a time; workers are processes) and no multi-word dictionary:
    # built in about half the time and 60% of the memory, the same names and particles on the corpora
    # (0 is one thread since kiwipiepy 0.21, which warns that it once meant every core)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        model = Kiwi(num_workers=0, load_multi_dict=False)
    lex = load_lexicon()
    for entry in lex.companies.values():
        for form in entry.forms:
            if re.fullmatch(r"[가-힣A-Za-z0-9&]+", form) and len(form) >= 2:
                model.add_user_word(form, "NNP", 0.0)
    for person in lex.people.values():
        for form in person.forms:
            if re.fullmatch(r"[가-힣]{2,4}", form):
                model.add_user_word(form, "NNP", 0.0)
    model.tokenize("")  # Kiwi initialises on first use: pay it here, once
    return model


def sentences(text: str, offset: int) -> list[tuple[int, int, list[Word]]]:
    """The sentences of a paragraph whose text starts at article offset ``offset``, with their words."""
    out: list[tuple[int, int, list[Word]]] = []
    # Kiwi reads a zero-width space as a noun; "=" joins a schedule's heading to its sentence ("출범=서하림 회장은")
    text_for_kiwi = _ZERO_WIDTH.sub(" ", text).replace("=", "\n")
    # z_coda=False: no separate token for a final consonant glued to a word ("했음ㅋ"): 0.8x the time, same tokens
    for start, end, tokens in _kiwi_sentences(text_for_kiwi):
        morphs = [Morph(form, tag, offset + at, offset + at + size) for form, tag, at, size in tokens]
        cuts = [start, *(m.start() for m in _GLUED_END.finditer(text, start, end)), end]
        for start, end in pairwise(cuts):
            chunk = text[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            start, end = start + lead, start + len(chunk.rstrip())
            if end <= start:
                continue
            inside = [m for m in morphs if offset + start <= m.start < offset + end]
            out.append((offset + start, offset + end, words(text[start:end], offset + start, inside)))
    return out


def _kiwi_sentences(text: str) -> list[tuple[int, int, list[tuple[str, str, int, int]]]]:
    """Kiwi's sentences, joined again where Kiwi cut after an ending it guessed inside a name: "아디티 라오
    젠타라시스템즈 CEO" reads "라오" as the ending 이라오 and cuts there. A cut stands after sentence punctuation
    , after "다" or at a line break (an "=" heading's); a joined sentence is tagged again as a whole, so that "라오" is a noun in it."""
    sents = kiwi().split_into_sents(text, return_tokens=True, z_coda=False)
    groups: list[list[Any]] = []
    for sent in sents:
        before = text[: sent.start].rstrip()
        if groups and before and not before.endswith(_SENTENCE_END) and "\n" not in text[groups[-1][-1].end : sent.start]:
            groups[-1].append(sent)
        else:
            groups.append([sent])
    out: list[tuple[int, int, list[tuple[str, str, int, int]]]] = []
    for group in groups:
        start, end = group[0].start, group[-1].end
        if len(group) == 1:
            out.append((start, end, [(t.form, t.tag, t.start, t.len) for t in group[0].tokens or []]))
        else:
            tokens = kiwi().tokenize(text[start:end], z_coda=False)
            out.append((start, end, [(t.form, t.tag, start + t.start, t.len) for t in tokens]))
    return out


def _spans(text: str) -> list[tuple[int, int]]:
    """White-space words, joined where a parenthesis is open across a space: "하트웰(Sam Hartwell)" is one word."""
    spans: list[tuple[int, int]] = []
    depth = 0
    for m in _SPACE_WORD.finditer(text):
        if depth > 0 and spans:
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
        depth = max(0, depth + m.group(0).count("(") - m.group(0).count(")"))
        if depth > 2:
            depth = 0
    out: list[tuple[int, int]] = []
    for s, e in spans:
        cut = s
        for m in _DOT_AFTER_TITLE.finditer(text, s, e):
            out.append((cut, m.end()))
            cut = m.end()
        out.append((cut, e))
    return out


def words(text: str, offset: int, morphs: list[Morph]) -> list[Word]:
    out: list[Word] = []
    k = 0
    for s, e in _spans(text):
        start, end = offset + s, offset + e
        inside: list[Morph] = []
        while k < len(morphs) and morphs[k].start < end:
            if morphs[k].start >= start:
                inside.append(morphs[k])
            k += 1
        out.append(make_word(text[s:e], start, tuple(inside)))
    return out


def make_word(raw: str, start: int, morphs: tuple[Morph, ...] = ()) -> Word:
    """A word's parts: leading punctuation, the core, parentheticals, particle, trailing punctuation."""
    lead = _LEAD.match(raw)
    core_start = lead.end() if lead else 0
    body = raw[core_start:]
    trailing = ""
    while body and (body[-1] in _TRAIL_CHARS or (body.endswith(")") and body.count("(") < body.count(")"))):
        trailing = body[-1] + trailing
        body = body[:-1]
    particle = _particle(body, start + core_start, morphs)
    if particle:
        body = body[: -len(particle)]
    parens: list[str] = []
    while True:
        pm = re.search(r"\([^()]*(?:\([^()]*\))?[^()]*\)$", body)
        if not pm or pm.start() == 0:
            break
        parens.insert(0, pm.group(0))
        body = body[: pm.start()]
    predicate = any(m.tag.startswith(_PREDICATE_TAGS) for m in morphs if m.tag not in ("VCP",))
    return Word(raw, start, start + len(raw), body, start + core_start, start + core_start + len(body), particle,
                tuple(parens), trailing, morphs, predicate)


def _particle(body: str, body_start: int, morphs: tuple[Morph, ...]) -> str:
    """The particle that ends ``body``: the J* (and copula) morphemes Kiwi found at its end; without Kiwi's word,
    the longest listed particle after a parenthesis ("(CEO)와")."""
    body_end = body_start + len(body)
    tail = [m for m in morphs if m.start < body_end]
    run: list[Morph] = []  # the particles (and a copula with its endings: "CEO이며") that end the word
    for m in reversed(tail):
        if not (m.tag.startswith(("J", "E")) or m.tag == "VCP"):
            break
        run.insert(0, m)
    while run and run[0].tag.startswith("E"):  # endings of a verb, not of a copula: "만났다"
        run.pop(0)
    if any(m.tag.startswith("E") for m in run) and not any(m.tag == "VCP" for m in run):
        run = []
    particle_start = run[0].start if run else None
    if particle_start is not None and body_start < particle_start < body_end:
        found = body[particle_start - body_start:]
        if re.fullmatch(r"[가-힣]{1,4}", found):
            return found
    if ")" in body:
        for particle in PARTICLES:
            if body.endswith(")" + particle):
                return particle
    return ""


def split_known(word: Word, known: str) -> tuple[str, str] | None:
    """ "메논는" with a known name "메논" -> ("메논", "는"): Kiwi may read a name's last syllable as a particle
    ("피차" + "이"), but a name the article has already given wins, when what is left is a particle."""
    if word.core == known:
        return known, word.particle
    whole = word.core + word.particle
    if whole.startswith(known):
        rest = whole[len(known):]
        if rest == "" or rest in PARTICLES:
            return known, rest
    return None

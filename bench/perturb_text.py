"""Rewriting one text: every surface form of a person or company replaced, left to right, longest form first,
and the particle after a replaced name re-inflected for the new final syllable (오픈AI와 -> 태림전자와, 카카오가 ->
세진이, 올트먼으로 -> 몬테로로).

A form is replaced only where it stands as a word: "최" before " 회장" is a surname, in "최근" it is not;
"삼성" is replaced in "삼성전자" and "삼성의", not in "삼성동".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perturb_lang import (
    COMPANY_WORDS,
    DIGIT_READING,
    INVARIANT_PARTICLES,
    LATIN_BRANDS,
    LETTER_READING,
    TITLES_EN,
    TITLES_KO,
    VARIABLE_PARTICLES,
)

_HANGUL = re.compile(r"[가-힣]")
_WORD = re.compile(r"[A-Za-z0-9]")
_CLOSERS = "’”'\"」』》〉"
_BRAND_READING = dict(LATIN_BRANDS)
_PARTICLES: dict[str, tuple[str, str] | None] = {p: None for p in INVARIANT_PARTICLES}
_PARTICLES.update({form: pair for pair in VARIABLE_PARTICLES for form in pair})


def is_hangul(ch: str) -> bool:
    return bool(ch) and "가" <= ch <= "힣"


def hangul_run(text: str, start: int) -> str:
    end = start
    while end < len(text) and is_hangul(text[end]):
        end += 1
    return text[start:end]


def particle_chain(run: str) -> tuple[str, tuple[str, str] | None] | None:
    """The first particle of ``run`` when all of ``run`` is particles ("와의" -> ("와", ("과", "와"))), else None."""
    if not run:
        return None
    for n in range(min(len(run), 5), 0, -1):
        head = run[:n]
        if head in _PARTICLES and (n == len(run) or particle_chain(run[n:]) is not None):
            return head, _PARTICLES[head]
    return None


def final_consonant(name: str) -> int | None:
    """The 받침 index (0 = none, 8 = ㄹ) of how ``name`` is read at its end, or None if it cannot tell."""
    name = name.rstrip(").+’' ")
    if not name:
        return None
    last = name[-1]
    if is_hangul(last):
        return (ord(last) - 0xAC00) % 28
    if last.isdigit():
        return final_consonant(DIGIT_READING[last])
    word = re.findall(r"[A-Za-z-]+$", name)
    if not word:
        return None
    token = word[0].split("-")[-1] or word[0]
    if token in _BRAND_READING or word[0] in _BRAND_READING:
        return final_consonant(_BRAND_READING.get(word[0], _BRAND_READING.get(token, "")))
    if token.isupper():
        return final_consonant(LETTER_READING[token[-1]])
    return _english_final(token.lower())


def _english_final(word: str) -> int:
    """How Korean reads the end of an English word: Daon -> 다온 (ㄴ), Cardinal -> 카디널 (ㄹ), Labs -> 랩스."""
    if word.endswith("ng"):
        return 21
    if word.endswith("e") and len(word) > 2 and word[-2] not in "aeiou":
        word = word[:-1]
    return {"n": 4, "l": 8, "m": 16}.get(word[-1], 0)


def inflect(pair: tuple[str, str], final: int) -> str:
    consonant, vowel = pair
    if consonant.startswith("으로"):
        return vowel if final in (0, 8) else consonant
    return vowel if final == 0 else consonant


@dataclass
class Pattern:
    form: str
    kind: str  # company | stem | person | title-family | bare-family | latin-family
    key: str  # the entity (or, for a family name, the family)
    new: str
    reading: str  # a Hangul (or readable) form of `new`, for the particle after it
    near: bool = False  # a near-spelling of a known form, found in this article
    candidates: tuple[tuple[str, str, str], ...] = ()  # title-family: (person key, new, reading)


@dataclass
class Hit:
    start: int
    end: int
    pattern: Pattern
    new: str


@dataclass
class Result:
    text: str
    hits: list[Hit] = field(default_factory=list)
    unsure_particles: list[str] = field(default_factory=list)


class Rewriter:
    def __init__(self, patterns: list[Pattern]) -> None:
        self.index: dict[str, list[Pattern]] = {}
        for p in sorted(patterns, key=lambda p: (-len(p.form), p.kind != "stem", p.form, p.key)):
            heads = {p.form[0], p.form[0].upper(), p.form[0].lower()} if p.kind == "stem" else {p.form[0]}
            for head in heads:
                self.index.setdefault(head, []).append(p)

    def rewrite(self, text: str) -> Result:
        edits: list[tuple[int, int, str]] = []
        result = Result(text)
        last_seen: dict[str, int] = {}
        i = 0
        while i < len(text):
            for p in self.index.get(text[i], ()):
                end = i + len(p.form)
                if not self._matches(text, i, p) or not self._fits(text, i, end, p):
                    continue
                new, reading = self._choose(p, last_seen)
                if p.kind == "stem" and text[i:end].isupper() and len(p.form) > 2 and not _HANGUL.search(new):
                    new = new.upper()
                edits.append((i, end, new))
                result.hits.append(Hit(i, end, p, new))
                if p.kind == "person":
                    last_seen[p.key] = i
                self._particle(text, end, reading, edits, result)
                i = end
                break
            else:
                i += 1
        out = text
        for start, end, new in sorted(edits, reverse=True):
            out = out[:start] + new + out[end:]
        result.text = out
        return result

    @staticmethod
    def _matches(text: str, i: int, p: Pattern) -> bool:
        if p.kind == "stem":
            return text[i:i + len(p.form)].casefold() == p.form.casefold()
        return text.startswith(p.form, i)

    def _fits(self, text: str, i: int, end: int, p: Pattern) -> bool:
        before, after = text[i - 1] if i else "", text[end] if end < len(text) else ""
        first, last = p.form[0], p.form[-1]
        if (is_hangul(first) and is_hangul(before)) or (_WORD.match(first) and _WORD.match(before)):
            return False
        camel = p.kind == "stem" and last.islower() and after.isupper()  # KakaoTalk: the prefix of a product
        if _WORD.match(last) and not camel and (_WORD.match(after) or (p.kind in ("person", "latin-family")
                                                                        and after == "-")):
            return False
        if p.kind == "latin-family":
            return _latin_family_fits(text, i, end)
        if p.kind == "title-family":
            return _title_follows(text, end, foreign=p.key.startswith("foreign:"))
        if not is_hangul(last):
            return True
        tail = hangul_run(text, end)
        if not tail or particle_chain(tail) or any(tail.startswith(t) for t in TITLES_KO):
            return True
        if p.kind == "stem":
            return any(tail.startswith(w) for w in COMPANY_WORDS)
        if p.kind == "company":
            return len(_HANGUL.findall(p.form)) >= 3 or any(tail.startswith(w) for w in COMPANY_WORDS)
        return p.kind == "person" and len(_HANGUL.findall(p.form)) >= 3

    @staticmethod
    def _choose(p: Pattern, last_seen: dict[str, int]) -> tuple[str, str]:
        if not p.candidates:
            return p.new, p.reading
        # a surname two present people share (a Korean 황 and Jensen Huang): the one named last
        best = max(p.candidates, key=lambda c: (last_seen.get(c[0], -1), c[0] == p.candidates[0][0]))
        return best[1], best[2]

    @staticmethod
    def _particle(text: str, end: int, reading: str, edits: list[tuple[int, int, str]], result: Result) -> None:
        j = end
        while j < len(text) and text[j] in _CLOSERS:
            j += 1
        if j == end and text[j:j + 1] == "(":  # 마이크로소프트(MS)가: the particle belongs to the word before
            close = text.find(")", j, j + 40)
            if close > 0 and "\n" not in text[j:close] and "(" not in text[j + 1:close]:
                j = close + 1
        found = particle_chain(hangul_run(text, j))
        if found is None:
            return
        head, pair = found
        if pair is None:  # 의, 도, 에서: the same after any name
            return
        final = final_consonant(reading)
        if final is None:
            result.unsure_particles.append(f"{reading}+{head}")
            return
        new = inflect(pair, final)
        if new != head:
            edits.append((j, j + len(head), new))


def _title_follows(text: str, end: int, foreign: bool) -> bool:
    """'최' + ' 회장'; a one-syllable foreign family name may have the company in between ('탄 브로드컴 CEO')."""
    if text[end:end + 1] != " ":
        return False
    rest = text[end + 1:end + 40]
    if any(rest.startswith(t) for t in TITLES_KO):
        return True
    if foreign:
        word = re.match(r"[^\s]+ ", rest)
        return word is not None and any(rest[word.end():].startswith(t) for t in TITLES_KO)
    return False


def _latin_family_fits(text: str, i: int, end: int) -> bool:
    """'Chey told', 'Chairman Chey': a capitalised family name alone, but not in 'Menlo Park' or 'Lee Jae-lim'."""
    prev = re.search(r"([A-Z][\w.’']*) $", text[max(0, i - 40):i])
    if prev and prev.group(1) not in TITLES_EN and not prev.group(1).endswith(("’s", "'s", ".", ":", ";")):
        return False
    nxt = re.match(r" ([A-Z][a-z]+)", text[end:end + 30])
    return not (nxt and nxt.group(1) not in TITLES_EN)

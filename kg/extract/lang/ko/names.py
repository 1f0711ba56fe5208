"""Korean word shapes: what may be a name, a company, a title word. Pure functions of a word (and the registry).

Each returns a score (0 or below: it cannot be that), so the mention rules can weigh readings of the same words
against each other ("알렉스 몬테로 팔란티어 CEO": the name is two words, the company one).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.document import Word
from kg.extract.lang.ko.words import (
    COMPANY_ENDINGS,
    GIVEN_NAME_SYLLABLES,
    KIN,
    KIND_OF_COMPANY_ENDINGS,
    NOT_COMPANY,
    NOT_NAME,
    NOT_TITLE,
    OFFICIAL_HEADS,
    SURNAMES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)

_HANGUL_NAME = re.compile(r"[가-힣]{2,4}")
_HANGUL_WORD = re.compile(r"[가-힣]{1,8}")  # "크리슈나무르티": a transliteration runs to seven syllables
_LATIN = re.compile(r"[A-Za-z]")
_COMPANY_CHARS = re.compile(r"[㈜A-Za-z0-9가-힣&.\-·]{2,24}")
_ENDING = re.compile("(?:" + "|".join(map(re.escape, sorted(COMPANY_ENDINGS, key=len, reverse=True))) + ")$")
_NOT_TITLE_END = re.compile("(?:" + "|".join(map(re.escape, (x for x in NOT_TITLE if len(x) > 2))) + ")$")
# any C-level officer: "최고구매책임자", "최고지속가능책임자" (the list has the common ones)
_HEAD = re.compile("(?:" + "|".join(map(re.escape, TITLE_HEADS)) + r"|최고[가-힣A-Za-z]{1,8}책임자)$")
_OFFICIAL_HEAD = re.compile("(?:" + "|".join(map(re.escape, OFFICIAL_HEADS)) + ")$")
_TITLE_ABBR = re.compile(r"^\((?:[A-Z]{2,5}|사장|부사장|부회장|회장|대표|의장|수석부회장|전무|상무)\)$")
_STOCK_CODE = re.compile(r"^\(\d{6}\)$|^\((?:[A-Z][A-Za-z0-9&.\-]{1,10})\)$")
_ROMAN = re.compile(r"^\(([A-Z][A-Za-z.\-']+(?:\s[A-Z][A-Za-z.\-']+){0,3})\)$")
# How a verb form ends: Kiwi reads some foreign names as verbs ("가먼" -> 가/VV 먼/EC, "탄" -> 타/VV ᆫ/ETM); a word
# is a predicate only when its surface ends like one too ("따르면", "같은", "방한한", "만났다")
_VERB_END = re.compile(r"(?:다|고|며|서|면|니|게|도록|려|러|요|죠|까|해|했|한|할|된|될|는|던|은|을|겠|음|기)$")
# Syllables of transliterated names, almost never of a Korean given name: "크리슈난" is not 나 + 델라
_FOREIGN_SYLLABLES = frozenset("르트크프스즈브드므츠쓰델텔엘벨젤켈멜펠렐먼튼슨든퍼터커버머랄럴")
# Words that name a time, a place in general or a quantity: never part of a name ("같은 날 제임스 하트웰").
_TIME_NOUNS = frozenset({"날", "해", "달", "주", "때", "시간", "오전", "오후", "당일", "이후", "직후", "전후", "동안", "중",
                         "등", "및", "겸", "씨", "측", "팀", "내", "외", "간", "차", "만", "후", "전", "초", "말"})


def title_head(word: Word) -> str | None:
    """The title head a word ends in ("대표이사" -> "대표이사", "SK회장" -> "회장"), or None."""
    return _title_head(word.core)


@lru_cache(maxsize=1 << 16)  # asked about every word several times per clause: 70k calls per 200 articles
def _title_head(core: str) -> str | None:
    if _mayor(core):
        return "시장"
    if not core or core in NOT_TITLE or _NOT_TITLE_END.search(core):
        return None
    m = _HEAD.search(core)
    if m is None:
        return None
    return m.group(0)


def _mayor(core: str) -> bool:
    """ "부산시장", "수원시장": a city's mayor (a place's name, 시 and 장), not a market ("반도체시장")."""
    if not core.endswith("시장") or len(core) < 4:
        return False
    from kg.lexicon import load_lexicon, squash

    place = core[:-2]
    return squash(place) in load_lexicon().place_forms or squash(place[:-1]) in load_lexicon().place_forms


def split_fused(word: Word) -> tuple[str, str] | None:
    """A company and its title written as one word: "SK회장" -> ("SK", "회장"), "퓨리오사AI대표" -> ("퓨리오사AI",
    "대표"), "한국AI·SW협회장" -> ("한국AI·SW협회", "회장"). None for a plain title ("부회장", "대표이사")."""
    head = title_head(word)
    if head is None or len(word.core) <= len(head):
        return None
    prefix = word.core[: -len(head)]
    if head == "시장" and _mayor(word.core):
        return prefix + "시", "시장"  # "부산시장" -> 부산시's mayor
    if head == "협회장" or (head == "회장" and prefix.endswith("협")):
        return (prefix + "협회" if head == "협회장" else prefix + "회"), "회장"
    probe = Word(prefix, 0, len(prefix), prefix, 0, len(prefix))
    if _LATIN.search(prefix) or _ENDING.search(prefix):
        return (prefix, head) if company_score([probe]) >= 1.0 else None
    return None


def is_official_head(head: str) -> bool:
    return head == "시장" or bool(_OFFICIAL_HEAD.fullmatch(head))


def title_abbreviations(word: Word) -> str:
    """The parentheticals of a title word that belong to the title: "(CEO)", "(사장)"."""
    return "".join(p for p in word.parens if _TITLE_ABBR.match(p))


def romanisation(word: Word) -> str | None:
    """ "샘 하트웰(Sam Hartwell)" -> "Sam Hartwell"."""
    for p in word.parens:
        m = _ROMAN.match(p)
        if m:
            return m.group(1)
    return None


def verbal(word: Word) -> bool:
    """A verb or adjective form, by Kiwi's tags and by its ending ("찾아": a stem and a connective ending)."""
    if not word.predicate:
        return False
    if _VERB_END.search(word.core):
        return True
    last = word.morphs[-1] if word.morphs else None
    if last and last.tag == "ETM" and len(word.core) >= 2:
        return True  # "만난", "위치한": a verb before a noun (not "탄" of "녹 빈")
    return bool(last and last.tag in ("EC", "EF") and last.form in ("아", "어", "여", "아서", "어서", "고", "며", "면"))


def korean_name_score(word: Word) -> float:
    """A Korean full name: two to four syllables starting with a surname, a noun (never "따르면")."""
    core = word.core
    starts_as_name = bool(word.morphs) and word.morphs[0].tag == "NNP"  # a name ending in 한 may come out as 성/NNP … 하/XSV ᆫ/ETM
    if not _HANGUL_NAME.fullmatch(core) or core in NOT_NAME or core in _TIME_NOUNS or (verbal(word)
                                                                                         and not starts_as_name):
        return 0.0
    if title_head(word) or _ENDING.search(core):
        return 0.0
    if core[:2] in SURNAMES and len(core) == 4:
        return 2.5 if all(ch in GIVEN_NAME_SYLLABLES for ch in core[2:]) else 1.0
    if core[0] not in SURNAMES:
        return 0.0
    if any(ch in _FOREIGN_SYLLABLES for ch in core[1:]):
        return 0.8
    if not all(ch in GIVEN_NAME_SYLLABLES for ch in core[1:]):
        return 1.5 if len(core) == 3 else 0.8  # "사티아": a surname's syllable, then a transliteration's
    return {3: 3.0, 2: 1.5, 4: 1.0}.get(len(core), 0.0)


def foreign_looking(word: Word) -> bool:
    """A transliteration's syllables: "엘레나", "피츠제럴드", "크리슈난" (not "루닛", "가온")."""
    core = word.core
    outside = sum(ch not in GIVEN_NAME_SYLLABLES for ch in core)
    return any(ch in _FOREIGN_SYLLABLES for ch in core) or (len(core) >= 3 and outside >= 2)


def clear_korean_name(word: Word) -> bool:
    """A surname and given-name syllables: "서하준" (never the first word of a foreign name), not "사티아"."""
    return korean_name_score(word) >= 2.5 or (len(word.core) == 2 and korean_name_score(word) >= 1.5
                                              and word.core[1] in GIVEN_NAME_SYLLABLES)


def foreign_word_score(word: Word, first: bool) -> float:
    """One word of a foreign name written in Hangul ("라파엘", "몬테로", "칼야나라만")."""
    core = word.core
    if not _HANGUL_WORD.fullmatch(core) or core in NOT_NAME or core in _TIME_NOUNS or core in KIN \
            or core in TITLE_MODIFIERS:
        return 0.0
    if title_head(word) or (len(core) >= 3 and _ENDING.search(core)):
        return 0.0
    if verbal(word):
        return 0.0
    tags = {m.tag for m in word.morphs}
    return 1.5 if "NNP" in tags else 1.0


def company_score(words: list[Word]) -> float:
    """How much one or two words look like a company's name: a company ending, Latin letters, a stock code or
    an abbreviation in parentheses."""
    if not words or len(words) > 2:
        return 0.0
    core = " ".join(w.core for w in words)
    if not core or core in NOT_COMPANY or any(verbal(w) for w in words) or core in NOT_NAME:
        return 0.0
    if not all(_COMPANY_CHARS.fullmatch(w.core) for w in words):
        return 0.0
    if any(title_head(w) for w in words) or words[0].core in _TIME_NOUNS or core in COMPANY_ENDINGS:
        return 0.0  # "솔루션", "산업": an ending alone names no company
    score = 0.0
    if _LATIN.search(core) or "㈜" in core or _ENDING.search(core):
        score = 3.0
    else:
        # a Hangul name with no company's form ("팔란티어", "가온"): a company only with more evidence (the article
        # using it as one elsewhere, or the registry), since a name's word reads the same
        tags = {m.tag for w in words for m in w.morphs}
        if _kind_of_company(words):
            return 0.0
        score = 0.8 if "NNP" in tags else 0.5
    if any(_STOCK_CODE.match(p) for w in words for p in w.parens):
        score += 2.0
    if len(words) == 2 and not (_LATIN.search(words[0].core) or _LATIN.search(words[1].core)):
        score -= 1.5  # two Hangul words are rarely one company's name
    if len(words) == 1 and korean_name_score(words[0]) >= 3.0 and not _LATIN.search(core):
        score -= 1.5
    return score


def _kind_of_company(words: list[Word]) -> bool:
    """One common noun of the dictionary naming a kind of company: "투자사", "제약사" (not "무신사", which the
    dictionary does not know whole)."""
    morphs = words[0].morphs
    return (len(words) == 1 and len(morphs) == 1 and morphs[0].tag == "NNG"
            and words[0].core.endswith(KIND_OF_COMPANY_ENDINGS))


def modifier_ok(word: Word) -> bool:
    """A word that may stand inside a title before its head ("AI인프라 사장", "인프라 총괄 대표")."""
    return bool(word.core) and not verbal(word) and not word.particle and word.core not in _TIME_NOUNS


def kin_noun(word: Word) -> bool:
    return word.core in KIN

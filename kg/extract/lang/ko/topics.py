"""What a Korean clause says was discussed or agreed: the objects of the verbs of discussing, as written.

- ``X을/를 VERB``: the noun phrase before the object particle, back to where its clause starts (a comma, a subject,
  a connective ending): "그간 추진한 팔란티어 플랫폼 적용 성과를 점검하고" -> "그간 추진한 팔란티어 플랫폼 적용 성과";
- ``X에 대해/에 대한/과 관련한 … 논의·이야기·의견``: "AI 산업에 대한 미래에 대한 의견을 나눴다" -> "AI 산업에 대한 미래".
Scheme topics (HBM, AI 반도체, …) are matched by :mod:`kg.extract.topics` whatever the wording.
"""

from __future__ import annotations

import re

from kg.extract.document import Word

# verbs (or verbal nouns) whose object is what was discussed or agreed
DISCUSSION_VERBS = re.compile(
    r"^(?:논의|협의|고민|공유|교환|모색|약속|검토|점검|재정비|소개|설명|요청|제안|확인|타진|논하|나누|나눴|나눈|"
    r"이야기|얘기|강화하기로|확대하기로|추진하기로|합의)")
_ABOUT = re.compile(
    r"([^,.“”\"']{2,60}?)\s?(?:에\s?대해서?도?|에\s?대한|과\s?관련한|와\s?관련한|에\s?관해)\s?"
    r"(?:심도\s?있는\s?|폭넓은\s?|깊이\s?있는\s?)?(?:논의|이야기|의견|대화|협의|공유|교환)"
)
_LEADING = re.compile(r"^(?:앞으로|특히|또|또한|이번|이날|역시|마찬가지로|함께|이를|그간에?|향후|아울러|이와 함께)\s")
_NOISE = re.compile(r"(^\d|지난|올해|작년|내년|이번|당시|마찬가지|^등\s|것$|수$)")
# what is left of "…하는 방안을 논의" when nothing stands before it: says nothing of a topic
GENERIC = frozenset({"방안", "방향", "방법", "계획", "내용", "사안", "사항", "문제", "부분", "이야기", "의견", "입장",
                     "의사", "뜻", "의지", "메시지", "소감", "계획을", "필요성", "중요성", "인사이트", "얘기"})
_SUBJECT = frozenset({"은", "는", "이", "가", "께서", "에게", "에서", "와", "과"})


def normalise(sentence: str) -> str:
    text = re.sub(r"인공지능\s?\(AI\)", "AI", sentence)
    text = re.sub(r"\(([^()]*)\)", " ", text)
    text = re.sub(r"[\'‘’]", "", text)
    return re.sub(r"\s+", " ", text)


def _boundary(word: Word) -> bool:
    """Where a clause that holds an object begins: after a comma, a subject or a partner, a connective ending."""
    if word.trailing or word.particle in _SUBJECT:
        return True
    last = word.morphs[-1] if word.morphs else None
    # a verb that does not modify the next noun ends a clause ("만나", "갖고"); "탑재하는" (ETM) stays in the phrase
    return bool(word.predicate and last is not None and (last.tag in ("EC", "EF") or last.tag.startswith("V")))


def objects(words: list[Word], text: str, start: int) -> list[str]:
    """The noun phrases that are objects of the verbs of discussing, as written."""
    out: list[str] = []
    for i, w in enumerate(words[:-1]):
        if w.particle not in ("을", "를", "도") or not DISCUSSION_VERBS.match(words[i + 1].core):
            continue
        j = i
        while j > 0 and not _boundary(words[j - 1]) and i - j < 10:
            j -= 1
        phrase = text[words[j].core_start - start:w.core_end - start]
        out.append(_clean(phrase))
        if j > 0 and words[j - 1].particle in ("와", "과") and not words[j - 1].trailing:
            # "장비 납기 단축과 현지 … 방안 등도 논의했다": the first of two objects joined by 과 is one too
            k = j - 1
            while k > 0 and not _boundary(words[k - 1]) and j - k < 10:
                k -= 1
            out.append(_clean(text[words[k].core_start - start:words[j - 1].core_end - start]))
    return [p for p in out if p]


def topic_phrases(words: list[Word], sentence: str, start: int) -> list[str]:
    found = objects(words, sentence, start)
    for m in _ABOUT.finditer(re.sub(r"[\'‘’]", "", sentence)):
        phrase = re.split(r"(?:와|과|는|은|이|가|를|을)\s(?=[^\s]*$)|[가-힣]+(?:와|과)\s(?:만나|회동해|함께)\s?|"
                          r"(?:해|서|고|며|나|아)\s", m.group(1))[-1]
        found.append(_clean(phrase))
    out: list[str] = []
    for phrase in found:
        if phrase and phrase not in out:
            out.append(phrase)
    return out


def _clean(phrase: str) -> str:
    """The phrase as written (a parenthesis kept: "인공지능(AI) 협력 방안"), without what only leads it in."""
    phrase = re.sub(r"\s+", " ", re.sub(r"[\'‘’\"“”]", "", phrase)).strip(" ,")
    while _LEADING.match(phrase):
        phrase = _LEADING.sub("", phrase)
    phrase = re.sub(r"\s?등$", "", phrase).strip()
    if phrase in GENERIC or _NOISE.search(phrase) or not 2 <= len(phrase) <= 80 or len(phrase.split()) > 12:
        return ""
    return phrase

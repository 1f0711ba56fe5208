"""What a Korean clause says was discussed: the objects of the discussion verbs, as written.

The phrase before "에 대해", "에 대한", "을/를" and a discussion noun, cut where a clause or a list joins it:
"급변하는 AI 기술과 산업의 미래에 대해 논의했다" -> "AI 기술", "산업의 미래". Scheme topics (HBM, AI 반도체, …)
are matched by :mod:`kg.extract.topics` whatever the wording.
"""

from __future__ import annotations

import re

# what stands right before a discussion word: "…에 대해 논의", "…을 논의", "…에 대한 이야기"
_OBJECT = re.compile(
    r"([^,.“”\"']{2,60}?)\s?(?:에\s?대해서?도?|에\s?대한|을|를|에\s?관해|과\s?관련한|와\s?관련한)\s?"
    r"(?:심도\s?있는\s?|폭넓은\s?|깊이\s?있는\s?)?(?:논의|이야기|의견|대화|협의|공유|교환)"
)
_CUT = re.compile(r"(?:와|과|는|은|이|가|를|을)\s(?=[^\s]*$)|[가-힣]+(?:와|과)\s(?:만나|회동해|함께)\s?|(?:해|서|고|며|나|아)\s")
_PIECES = re.compile(r",\s?|\s등\s?|\s및\s|(?<=[가-힣])(?:과|와)\s(?!관련)")
_NOISE = re.compile(r"(\d|지난|올해|작년|내년|이번|당시|마찬가지|역시|^시\s|^등\s|것$|수$)")
# what is left of "…하는 방안을 논의" when the clause before it is cut: says nothing of a topic
GENERIC = frozenset({"방안", "방향", "방법", "계획", "내용", "사안", "사항", "문제", "부분", "이야기", "의견"})


def normalise(sentence: str) -> str:
    text = re.sub(r"인공지능\s?\(AI\)", "AI", sentence)
    text = re.sub(r"\(([^()]*)\)", " ", text)
    text = re.sub(r"[\'‘’]", "", text)
    return re.sub(r"\s+", " ", text)


def topic_phrases(sentence: str) -> list[str]:
    text = normalise(sentence)
    out: list[str] = []
    for m in _OBJECT.finditer(text):
        phrase = _CUT.split(m.group(1))[-1].strip()
        if re.search(r"(?:은|는)\s", phrase):
            phrase = re.sub(r"^(?:[^\s]+\s)*?[^\s]+(?:은|는)\s", "", phrase)
        for piece in _PIECES.split(phrase):
            piece = re.sub(r"^(?:등|및|그리고)\s", "", piece).strip()
            piece = re.sub(r"\s?등$", "", piece)
            piece = re.sub(r"^(?:앞으로|특히|또|또한|이번|이날|역시|마찬가지로|함께)\s", "", piece)
            if piece.startswith("의 ") or len(piece.split()) > 5 or _NOISE.search(piece) or piece in GENERIC:
                continue
            if 2 <= len(piece) <= 40:
                out.append(piece)
    return out

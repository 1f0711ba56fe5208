"""One person across languages: keys under which a Hangul name and its English spellings meet.

Korean names are romanised many ways: 김영수 is "Kim Young-soo" (Revised Romanisation: Gim Yeongsu), 정기현 is
"Chung Kihyun" (Jeong Gihyeon), 곽도영 "Do-Young Kwak" (given name first). A key keeps what every spelling shares:
the surname (from a table of its usual spellings) and a coarse sound of the given name, where consonants that
romanisations write differently (g/k, d/t, b/p, j/ch, r/l, s/sh) and vowels they blur (eo/o/u, ae/e, i/ee) fall
together: "Kim Young-soo" and 김영수 both give ``ko:김|oŋkso``.
Foreign names keep their Latin spelling: an English article's "Sam Hartwell" and a Korean article's
"샘 하트웰(Sam Hartwell)" share ``en:samhartwell``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Latin spellings of Korean surnames
_SURNAMES: dict[str, str] = {}
for _hangul, _spellings in {
    "김": "kim gim", "이": "lee yi rhee rhie i ree rhi", "박": "park pak bak", "최": "choi chey choe", "정": "jung chung jeong cheong chong",
    "조": "cho jo joe", "강": "kang gang", "윤": "yoon yun", "장": "jang chang", "임": "lim im rim", "한": "han",
    "오": "oh o", "서": "seo suh sur", "신": "shin sin", "권": "kwon gwon", "황": "hwang", "안": "ahn an",
    "송": "song", "류": "ryu ryoo rhyu", "유": "yoo yu you", "홍": "hong", "전": "jeon jun chun", "고": "ko go koh",
    "문": "moon mun", "양": "yang", "손": "son sohn", "배": "bae pae", "백": "baek paik paek", "허": "heo huh hur",
    "남": "nam", "노": "noh roh no ro", "하": "ha", "곽": "kwak gwak", "성": "sung seong", "차": "cha", "주": "joo ju chu",
    "우": "woo u", "구": "koo ku gu", "민": "min", "진": "jin chin", "나": "na ra", "지": "ji chi", "엄": "um eom",
    "채": "chae", "원": "won", "천": "cheon", "방": "bang", "공": "kong gong", "현": "hyun hyeon", "함": "ham",
    "변": "byun byeon", "염": "yeom yum", "여": "yeo yuh", "추": "choo", "도": "do doh", "소": "so", "석": "seok suk",
    "선": "sun seon", "설": "seol sul", "마": "ma", "길": "gil kil", "연": "yeon", "위": "wi wee", "표": "pyo",
    "명": "myung myeong", "기": "ki gi", "반": "ban pan", "왕": "wang", "금": "keum geum", "육": "yook yuk", "인": "in",
    "맹": "maeng", "제": "je", "모": "mo", "탁": "tak", "국": "kook guk", "은": "eun", "편": "pyun pyeon",
    "용": "yong", "예": "ye", "경": "kyung gyeong", "봉": "bong", "사": "sa", "부": "boo bu", "승": "seung",
    "태": "tae", "황보": "hwangbo", "남궁": "namgung namkung", "제갈": "jegal", "선우": "sunwoo seonu", "독고": "dokgo",
    "사공": "sagong",
}.items():
    for _s in _spellings.split():
        _SURNAMES.setdefault(_s, _hangul)

_INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_MEDIALS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
            "eu", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng",
           "t", "t", "k", "t", "p", "t"]
_HANGUL_NAME = re.compile(r"[가-힣]{2,5}")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'’.\-]*(?:\s[A-Za-z][A-Za-z'’.\-]*){1,3}")


def romanize(hangul: str) -> str:
    """Revised Romanisation, syllable by syllable ("김영수" -> "gimyeongseop")."""
    out = []
    for ch in hangul:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            out.append(_INITIALS[code // 588] + _MEDIALS[(code % 588) // 28] + _FINALS[code % 28])
        else:
            out.append(ch)
    return "".join(out)


def _coarse(latin: str) -> str:
    """The sound every romanisation of it shares."""
    s = re.sub(r"(?<=[aeiou])h(?![aeiou])", "", latin.lower())  # a silent h: "Noh", "Ahn", "Oh"
    s = re.sub(r"[^a-z]", "", s)
    for a, b in (("tch", "j"), ("ch", "j"), ("sh", "s"), ("kk", "k"), ("tt", "t"), ("pp", "p"), ("ss", "s"), ("jj", "j"),
                 ("g", "k"), ("d", "t"), ("b", "p"), ("r", "l"), ("c", "k"), ("f", "p"), ("v", "p"), ("z", "j")):
        s = s.replace(a, b)
    s = s.replace("nk", "ŋk").replace("ng", "ŋ")
    s = re.sub(r"[yw](?=[aeiou])", "", s)  # glides: yeo -> eo, wa -> a
    s = re.sub(r"eo|eu|oo|ou|o|u", "o", s)
    s = re.sub(r"ae|ai|ay|ei|e", "e", s)
    s = re.sub(r"ee|ea|ui|i|y", "i", s)
    return s


@lru_cache(maxsize=20_000)
def name_keys(name: str) -> tuple[str, ...]:
    """The keys a person's name meets other spellings of it under (none for a name that is neither a Korean name
    nor a Latin one)."""
    name = unicodedata.normalize("NFC", name).strip()
    keys: list[str] = []
    compact = name.replace(" ", "")
    if _HANGUL_NAME.fullmatch(compact):
        surname = compact[:2] if compact[:2] in _SURNAMES.values() and len(compact) >= 4 else compact[:1]
        if surname in _SURNAMES.values():
            keys.append(f"ko:{surname}|{_coarse(romanize(compact[len(surname):]))}")
    elif _LATIN_NAME.fullmatch(name):
        keys.append("en:" + re.sub(r"[^a-z]", "", name.lower()))
        korean = _korean_reading(name)
        if korean:
            keys.append(korean)
    return tuple(keys)


def sound_key(text: str) -> str:
    """A name's sound whatever its script: "한빛" and "Hanbit" both give "hanpit" (a company's group stem written in
    Hangul by one article and in Latin letters by another)."""
    latin = "".join(romanize(ch) if "가" <= ch <= "힣" else ch for ch in unicodedata.normalize("NFC", text))
    return _coarse(latin)


def _korean_reading(name: str) -> str | None:
    """ "Kim Young-soo", "Do-Young Kwak", "Chung Kihyun" -> the key of the Korean name they spell."""
    tokens = name.replace("’", "'").split()
    if len(tokens) != 2:
        return None
    first, last = tokens
    hyphen_first, hyphen_last = "-" in first, "-" in last
    for surname, given in ((first, last), (last, first)):
        if (surname is first and hyphen_first) or (surname is last and hyphen_last):
            continue  # the hyphenated part is the given name
        hangul = _SURNAMES.get(surname.lower())
        if hangul is not None and 2 <= len(given.replace("-", "")) <= 10:
            return f"ko:{hangul}|{_coarse(given)}"
    return None

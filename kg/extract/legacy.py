"""Extraction stage: an Article's paragraphs -> typed facts (people, companies, meetings), each with its span.

Rules follow how Korean business news writes people and meetings, not any one article's wording:

- a person is written ``NAME COMPANY TITLE`` ("홍길동 한빛전자 대표이사 사장"), ``COMPANY의 NAME TITLE``, or later
  as a reference: surname + title ("홍 대표"), a foreign family name + title ("스미스 CEO"), the bare full name;
- a meeting is a sentence with a meeting word (만나다, 회동, 면담, 회담, 미팅, 만찬, 접견, 기념촬영, 악수, ...) or a
  discussion word (논의, 의견을 나누다) and at least two people of different groups; a sentence with a meeting word
  and a date but no person continues the meeting in focus (zero anaphora: "지난 2월 서울에서 회동한 지 5달 만");
- 동석/동행/배석 sentences add attendees to the meeting they refer to (당시 -> the one in focus, 이번 -> the
  article's current meetings);
- hedged sentences (것으로 보인다, 가능성, 관측, 전망, 풀이, 업계는 보고 있다) are speculation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from datetime import date
from functools import lru_cache

from kg.extract.dates import find_dates, intersect, resolve_date
from kg.lexicon import Lexicon, load_lexicon, squash
from kg.model import (
    Article,
    ArticleFacts,
    Attendance,
    Certainty,
    CompanyFact,
    DateFact,
    MeetingFact,
    MeetingStatus,
    PersonFact,
    PlaceFact,
    Precision,
    Span,
    TopicFact,
)

# Common Korean surnames (one or two syllables).
SURNAMES = set(
    ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "유", "홍", "전", "고", "문", "양", "손", "배", "백", "허", "남", "심", "노", "하", "곽", "성", "차", "주", "우", "구", "민", "진", "나", "지", "엄", "변", "채", "원", "천", "방", "공", "현", "함", "염", "여", "추", "도", "소", "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "라", "왕", "금", "옥", "육", "인", "맹", "제", "모", "탁", "국", "어", "은", "편", "용", "예", "경", "봉", "사", "부", "피", "빈", "승", "태", "형", "견", "동", "초", "두", "단", "계", "호"]
) | {"황보", "남궁", "제갈", "선우", "독고", "사공", "서문"}

# Title heads as Korean news writes them; a title phrase ends in one of these.
TITLE_HEADS = sorted(
    ["명예회장", "부회장", "회장", "수석부사장", "부사장", "사장", "공동대표", "각자대표", "대표이사", "대표", "최고경영자", "최고운영책임자", "최고기술책임자", "최고재무책임자", "최고전략책임자", "최고투자책임자", "최고인공지능책임자", "최고AI책임자", "최고제품책임자", "최고마케팅책임자", "최고사업책임자", "글로벌투자책임자", "투자책임자", "이사회의장", "의장", "창업자", "창업주", "총괄", "본부장", "부문장", "사업부장", "센터장", "연구소장", "연구원장", "원장", "소장", "전무", "상무", "부행장", "행장", "사외이사", "총수", "그룹장", "실장", "단장", "위원장", "수석", "CEO", "COO", "CTO", "CFO", "CSO", "CIO", "CAIO", "CPO", "CMO", "CBO", "GIO", "CRO", "CDO", "의장직"],
    key=len,
    reverse=True,
)
_TITLE_ABBR = re.compile(r"^\((?:[A-Z]{2,5}|사장|부사장|부회장|회장|대표|의장)\)$")

JOSA = sorted(
    ["이", "가", "은", "는", "을", "를", "와", "과", "의", "에게", "에서", "에", "도", "로", "으로", "께서", "께", "측", "이며", "이자", "이고", "이다", "이었던", "였던", "등은", "등이", "등과", "등을", "등도", "등의", "등", "만", "과의", "와의", "에게서", "한테", "라고", "이라고"],
    key=len,
    reverse=True,
)

# Words that precede names but are never a foreign given name.
NOT_NAME = set(
    ["이번", "지난", "지난주", "지난달", "지난해", "올해", "오늘", "이날", "전날", "당시", "한편", "또", "또한", "특히", "이어", "그리고", "그", "이", "및", "또는", "직접", "함께", "모두", "각각", "신임", "전임", "현", "전", "공동", "창업자", "창업주", "총수", "오너", "수장", "회장", "사장", "대표", "미국", "중국", "일본", "대만", "한국", "영국", "독일", "프랑스", "인도", "출장", "방한", "방미", "개발사", "기업", "업체", "회사", "그룹", "빅테크", "글로벌", "세계", "최대", "국내", "해외", "현지", "최근", "앞서", "이후", "이날도", "양사", "양측", "측", "관계자", "업계", "전격", "오전", "오후", "새벽", "저녁", "만찬", "오찬", "회동", "면담", "회담", "미팅", "행사", "현장", "사진", "기념촬영", "왼쪽", "오른쪽", "가운데", "첫째", "둘째", "셋째", "번째"]
)

MEETING_WORD = re.compile(
    r"(만나|만났|만난|만남|만날|회동|면담|회담|미팅|만찬|오찬|조찬|접견|기념촬영|악수|환담|담소|티타임|단독\s?면담|정상회의|"
    r"공동\s?기자간담회|체결식|협약식|서명식|업무협약을\s?맺|협약을\s?체결)"
)
DISCUSS_WORD = re.compile(r"(논의|의견을\s?나누|의견을\s?나눴|이야기를\s?나누|이야기를\s?나눴|대화를\s?나누|대화를\s?나눴|협의했|협의하)")
ACCOMPANY_WORD = re.compile(r"(동석|동행|배석|자리를\s?함께|함께했|함께\s?했|합류)")
MEETING_NOUN = re.compile(r"(회동|만남|면담|회담|미팅|만찬|오찬|조찬|접견|자리)")
NEGATION = re.compile(
    r"(만나지\s?(않|못)|회동하지\s?(않|못)|면담하지\s?(않|못)|만남은\s?없|회동은\s?없|회동설을?\s?부인|만남을?\s?부인|"
    r"사실무근|불발|무산|취소됐|취소되|만날\s?계획이\s?없|계획은\s?없)"
)
PLANNED = re.compile(
    r"((만나|만날|회동할|면담할|회담할|방문할|찾을|참석할|논의할|접견할)\s?(예정|계획|것으로|방침)|예정이다|예정입니다|예정이며|예정인|계획이다)"
)
HEDGE = re.compile(
    r"(것으로\s?보인다|것으로\s?보입니다|것으로\s?보여|것으로\s?보이며|보인다|가능성|관측된다|관측됩니다|관측이다|관측이\s?나온다|"
    r"전망이다|전망된다|전망입니다|전망|풀이된다|풀이됩니다|풀이했|업계는\s?보고|보고\s?있다|보고\s?있습니다|예상된다|예상됩니다|추정|점쳐|기대감)"
)
SEPARATE = re.compile(r"(잇따라|잇달아|차례로|각각|연이어|연달아)")
THIS_MEETING = re.compile(r"(이번|이날)\s?(회동|만남|면담|회담|미팅|만찬|오찬|조찬|접견|방문|자리|행사|출장)")
THEN = re.compile(r"(^|\s)당시")
TRIP = re.compile(r"(출국|출장길|방문길|순방길|길에\s?올랐|출장\s?중)")
REPORTING_AFTER_DATE = re.compile(r"^\s*(?:[가-힣A-Za-z()·]+\s)?(?:[가-힣A-Za-z()·]+)?에\s?따르면")
PRIOR_REFERENCE_AFTER_DATE = re.compile(r"^\s*(이후|이래|과\s?마찬가지로|와\s?마찬가지로|처럼|에\s?이어|보다)")
GROUP_REFERENCE = re.compile(r"(두\s?사람|양측|두\s?CEO|두\s?총수|두\s?회장|이들)")
PARTICIPANT_GENITIVE_OK = re.compile(r"^의\s?(만남|회동|면담|회담|미팅|만찬|오찬)")

LOCATIVE = re.compile(r"([^\s]+(?:\s[^\s]+){0,3}?)(?:에서|을\s?(?:방문|찾)|를\s?(?:방문|찾)|에\s?있는|으로\s?(?:건너가|날아가))")
VENUE = re.compile(
    r"(?:^|\s)((?:[^\s]+\s)?본사|[^\s]*(?:사옥|호텔|타워|캠퍼스|연구소|공장|전당|센터|영빈관|본관))(?=에서|을\s?방문|를\s?방문|을\s?찾|를\s?찾)"
)
TOPIC_NOISE = re.compile(r"(\d|지난|올해|작년|내년|이번|당시|마찬가지|역시|^시\s|^등\s|것$|수$)")
# what is left of "…하는 방안을 논의" when the clause before it is cut: says nothing of a topic
GENERIC_TOPIC_WORDS = frozenset({"방안", "방향", "방법", "계획", "내용", "사안", "사항", "문제", "부분", "이야기", "의견"})
QUOTED = re.compile(r"[\"“][^\"“”]{4,}[\"”]")
SENTENCE_END = re.compile(r"(?<=[.!?。])[\"”’']?\s+|\n+")
WORD = re.compile(r"[^\s]+")


@dataclass
class _Word:
    text: str
    start: int
    end: int


@dataclass
class _Person:
    key: str
    name: str
    company: str
    title: str | None
    spans: list[Span] = field(default_factory=list)
    reference_known: bool = False

    @property
    def surname(self) -> str:
        return self.name[0] if " " not in self.name else ""

    @property
    def family(self) -> str:
        return self.name.split()[-1] if " " in self.name else ""


@dataclass
class _Mention:
    person: str
    start: int
    end: int  # end of the mention in article offsets (after the title, before the particle)
    particle: str
    genitive_modifier: bool = False


@dataclass
class _Meeting:
    key: str
    principals: list[str]
    attendances: list[Attendance]
    status: MeetingStatus
    certainty: Certainty
    date: DateFact | None
    place: PlaceFact | None
    topics: list[TopicFact]
    evidence: list[Span]
    current: bool  # the article's news (not a past meeting mentioned in passing)


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((s + lead, s + trail))
    return out


_JOSA_END = re.compile("(?:" + "|".join(map(re.escape, JOSA)) + ")$")


def _strip_josa(core: str) -> tuple[str, str]:
    # the alternation lists longer particles first, so the match is the longest particle at the end
    for j in JOSA:
        if core.endswith(j) and len(core) > len(j):
            return core[: -len(j)], j
    return core, ""


def _strip_josa_fast(core: str) -> tuple[str, str]:
    if not _JOSA_END.search(core):
        return core, ""
    return _strip_josa(core)


_PAREN_TAIL = re.compile(r"(\([^()]*(?:\([^()]*\))?[^()]*\))")
_LEAD_PUNCT = re.compile(r"^[\[\(\"“‘'<▲△▶■◆·\-]+")
_TRAIL_PUNCT = re.compile(r"[\]\)\"”’'>,.·:;!?]+$")


@dataclass
class _Parsed:
    core: str  # the word without leading punctuation, parentheticals, particle and trailing punctuation
    parens: list[str]
    josa: str
    trailing: str  # punctuation after it: ends a phrase
    raw: str = ""  # the word before the particle was split off: a name may end like one ("이하은")

    def as_name(self) -> _Parsed:
        """Read as a name followed directly by a company: no particle was there ("하은" is not "하" + "은")."""
        if self.josa and len(self.josa) == 1 and not self.parens and not self.trailing and _korean_name(self.raw):
            return _Parsed(self.raw, [], "", "", self.raw)
        return self


@lru_cache(maxsize=100_000)
def _parse_word(text: str) -> _Parsed:
    """Split a word into its parts (cached: the result is shared, never modified)."""
    text = _LEAD_PUNCT.sub("", text)
    # a closing parenthesis glued to the next word: "(세번째)조주완" -> "조주완"
    if ")" in text and not text.startswith("(") and "(" not in text.split(")")[0]:
        text = text.split(")", 1)[1] or text
    trail_m = _TRAIL_PUNCT.search(text)
    trailing = ""
    # keep a closing parenthesis that belongs to a parenthetical inside the word
    while text and text[-1] in "]\"”’'>,.·:;!?" or (text.endswith(")") and text.count("(") < text.count(")")):
        trailing = text[-1] + trailing
        text = text[:-1]
    del trail_m
    parens: list[str] = []
    josa = ""
    # particle after the parentheticals: "(CEO)와", "(오른쪽)가"
    m = re.match(r"^(.*\))([가-힣]{1,3})$", text)
    if m and any(m.group(2) == j for j in JOSA):
        text, josa = m.group(1), m.group(2)
    while True:
        pm = re.search(r"\([^()]*(?:\([^()]*\))?[^()]*\)$", text)
        if not pm or pm.start() == 0:
            break
        parens.insert(0, pm.group(0))
        text = text[: pm.start()]
    raw = text
    if not josa:
        text, josa = _strip_josa_fast(text)
    return _Parsed(text, parens, josa, trailing, raw)


_TITLE_HEAD_END = re.compile("(?:" + "|".join(map(re.escape, TITLE_HEADS)) + ")$")


# compiled once: these run for every word of every sentence
_HANGUL_2_4 = re.compile(r"[가-힣]{2,4}")
_HANGUL_1_6 = re.compile(r"[가-힣]{1,6}")
_LATIN_COMPANY = re.compile(r"㈜?[A-Z][A-Za-z0-9&.\-]*[가-힣]*")
_COMPANY_CHARS = re.compile(r"[㈜A-Za-z0-9가-힣&.\-]{2,20}")
_WORD_CHARS = re.compile(r"[A-Za-z0-9가-힣·]{1,12}")


def _is_title_head(core: str) -> bool:
    return bool(_TITLE_HEAD_END.search(core)) and not core.endswith("회의장")


def _korean_name(core: str) -> bool:
    if not _HANGUL_2_4.fullmatch(core) or core in NOT_NAME:
        return False
    return core[0] in SURNAMES or core[:2] in SURNAMES


COMPANY_SUFFIX = re.compile(
    r"(전자|그룹|텔레콤|통신|하이닉스|반도체|바이오|바이오로직스|제약|증권|은행|생명|화재|보험|건설|중공업|화학|에너지|솔루션|"
    r"모빌리티|엔터테인먼트|게임즈|랩스|테크|테크놀로지|소프트|시스템즈|네트웍스|클라우드|뱅크|페이|홀딩스|지주|산업|자동차|"
    r"항공|해운|물산|상사|미디어|커머스|로보틱스|인베스트먼트|캐피탈|파트너스|벤처스|AI|㈜)$"
)


def _company_like(core: str) -> bool:
    """A word written like a company name: a company suffix, or Latin letters."""
    return bool(COMPANY_SUFFIX.search(core) or _LATIN_COMPANY.fullmatch(core))


def _foreign_word(core: str) -> bool:
    return bool(_HANGUL_1_6.fullmatch(core)) and core not in NOT_NAME


class _Extractor:
    def __init__(self, article: Article, lexicon: Lexicon) -> None:
        self.article = article
        self.lex = lexicon
        self.persons: dict[str, _Person] = {}
        self.companies: dict[str, CompanyFact] = {}
        self._groups: dict[str, str] = {}  # company key -> its group, memoised by _group_of
        # people's names, indexed for the per-word lookups (a scan per word made an article naming thousands
        # of people quadratic); rebuilt when a person is added, renamed or folded (_people_changed)
        self._people_version = 0
        self._indexed_version = -1
        self._persons_by_group: dict[str, list[_Person]] = {}  # in order of registration
        self._by_squashed: dict[str, _Person] = {}
        self._name_parts: set[str] = set()
        self._korean_full_names: set[str] = set()
        self.meetings: list[_Meeting] = []
        self.focus: _Meeting | None = None
        self.last_past_date: DateFact | None = None
        self.anchor_day: DateFact | None = None
        self.trip_start: date | None = None
        self.notes: list[str] = []
        self._place_re = lexicon.place_pattern()
        self._topic_re = lexicon.topic_pattern()
        # topics a lead sentence says two companies will discuss, before any meeting is told: (groups, topics)
        self.lead_topics: list[tuple[frozenset[str], list[TopicFact]]] = []

    # ---------------------------------------------------------------- companies
    def _company_key(self, core: str, span: Span) -> str | None:
        """The company a word names (registering it), or None."""
        core = core.replace("(주)", "㈜")
        if (not core or _is_title_head(core) or _korean_name(core)) and squash(core) not in self.lex.company_forms:
            return None
        ref = self.lex.company_forms.get(squash(core))
        if ref is None:
            fuzzy = self._fuzzy_company(core)
            if fuzzy:
                ref = fuzzy
        if ref is not None:
            key = f"org:{ref}"
            if key not in self.companies:
                entry = self.lex.companies[ref]
                self.companies[key] = CompanyFact(key, entry.label_ko or core, ref, (span,))
            else:
                self._add_company_span(key, span)
            return key
        return None

    def _fuzzy_company(self, core: str) -> str | None:
        """A one-letter misspelling of a known company name of four letters or more ("엔비디어")."""
        if len(core) < 4:
            return None
        return _fuzzy_company(squash(core), self.lex)

    def _new_company(self, core: str, span: Span) -> str | None:
        """A company not in the reference data, named where Korean news names a company."""
        if not _COMPANY_CHARS.fullmatch(core) or core in NOT_NAME or _is_title_head(core):
            return None
        if self._starts_with_known_name(core):
            return None
        if squash(core) in self.lex.place_forms:
            return None
        key = f"new:{core}"
        if key not in self.companies:
            self.companies[key] = CompanyFact(key, core, None, (span,))
        return key

    def _add_company_span(self, key: str, span: Span) -> None:
        fact = self.companies[key]
        if span not in fact.spans:
            self.companies[key] = dc_replace(fact, spans=(*fact.spans, span))

    def company_parent(self, company_key: str) -> str | None:
        fact = self.companies[company_key]
        return None if fact.reference_id else group_by_name(fact.name, self.lex)

    def _group_of(self, company_key: str) -> str:
        known = self._groups.get(company_key)
        if known is not None:
            return known
        fact = self.companies.get(company_key)
        if fact and fact.reference_id:
            group = self.lex.root_company(fact.reference_id)
        else:
            group = (self.company_parent(company_key) if fact else None) or company_key
        if fact:  # a company's name and reference never change once registered (only its spans grow)
            self._groups[company_key] = group
        return group

    # ---------------------------------------------------------------- titles
    def _title_at(self, words: list[_Word], j: int) -> tuple[str, int, str, int] | None:
        """A title phrase starting at word j: (title as written, index after it, particle, end offset)."""
        parts: list[str] = []
        last_head: tuple[str, int, str, int] | None = None
        k = j
        mods = 0
        while k < len(words) and k < j + 6:
            p = _parse_word(words[k].text)
            if not p.core:
                break
            keep_parens = "".join(x for x in p.parens if _TITLE_ABBR.match(x))
            ends_phrase = bool(p.josa or p.trailing)
            if p.core == "겸" and parts:
                parts.append("겸")
                k += 1
                continue
            if _is_title_head(p.core):
                parts.append(p.core + keep_parens)
                end = words[k].start + len(words[k].text.rstrip("]\"”’'>,.·:;!?"))
                if p.josa:
                    end -= len(p.josa)
                if p.parens and not keep_parens:
                    end = words[k].start + words[k].text.find(p.parens[0]) if p.parens[0] in words[k].text else end
                last_head = (" ".join(parts), k + 1, p.josa, end)
                if ends_phrase:
                    break
                k += 1
                continue
            if (ends_phrase or mods >= 2 or squash(p.core) in self.lex.company_forms or self._fuzzy_company(p.core)
                    or self._is_known_name_part(p.core) or not _WORD_CHARS.fullmatch(p.core)):
                break
            if p.parens and not keep_parens:
                break
            parts.append(p.core + keep_parens)
            mods += 1
            k += 1
        if last_head and last_head[0].strip() in ("겸",):
            return None
        return last_head

    # ---------------------------------------------------------------- people
    def _register_person(self, name: str, company: str, title: str | None, span: Span) -> str:
        group = self._group_of(company)
        # the same name in the same group is the same person; a one-letter misspelling too
        for person in self._persons_by_group.get(group, ()):
            if person.name == name or _one_off(person.name, name):
                known_name = self._preferred_name(person.name, name)
                if known_name != person.name:
                    person.name = known_name
                    self._people_version += 1
                person.spans.append(span)
                if title and not person.title:
                    person.title = title
                return person.key
        key = f"p{len(self.persons) + 1}"
        self.persons[key] = _Person(key, name, company, title, [span])
        self._persons_by_group.setdefault(group, []).append(self.persons[key])
        self._index_person(self.persons[key])
        self.persons[key].reference_known = squash(name) in self.lex.person_forms
        return key

    def _preferred_name(self, old: str, new: str) -> str:
        if old == new:
            return old
        if squash(new) in self.lex.person_forms and squash(old) not in self.lex.person_forms:
            return new
        return old

    def _mentions(self, words: list[_Word], sent_span: Span, sentence: str, sent_start: int) -> list[_Mention]:
        mentions: list[_Mention] = []
        used: set[int] = set()
        n = len(words)
        parsed = [_parse_word(w.text) for w in words]

        def span_of(a: int, b_end: int) -> Span:
            return Span(sent_span.paragraph, words[a].start, b_end)

        def add(person_key: str, a: int, title_end_idx: int, particle: str, end: int) -> None:
            for x in range(a, title_end_idx):
                used.add(x)
            after = self.article.text[end:end + 8]
            genitive = particle == "의" and not PARTICIPANT_GENITIVE_OK.match(after)
            mentions.append(_Mention(person_key, words[a].start, end, particle, genitive))

        # Full mentions: NAME COMPANY TITLE  and  COMPANY(의) NAME TITLE
        for i in range(n):
            if i in used:
                continue
            comp = self._company_word(words, parsed, i, sent_span)
            if comp is None:
                continue
            ckey, after_comp = comp
            title = self._title_at(words, after_comp) if parsed[i].josa in ("", ) else None
            if title and i >= 1 and (i - 1) not in used:
                name, start_idx = self._name_before(words, parsed, i)
                if name:
                    t_text, t_next, particle, t_end = title
                    pkey = self._register_person(name, ckey, t_text, span_of(start_idx, t_end))
                    add(pkey, start_idx, t_next, particle, t_end)
                    continue
            # COMPANY의 NAME TITLE, COMPANY 창업자인 NAME TITLE, or COMPANY NAME TITLE
            plain = not parsed[i].josa and not parsed[i].trailing and after_comp < n
            if parsed[i].josa == "의" or plain:
                k = after_comp if parsed[i].josa == "의" or not parsed[after_comp].core.endswith(("자인", "인")) else after_comp + 1
                name, name_end = self._name_after(words, parsed, k)
                if name and name_end < n:
                    title = self._title_at(words, name_end)
                    if title:
                        t_text, t_next, particle, t_end = title
                        pkey = self._register_person(name, ckey, t_text, span_of(k, t_end))
                        add(pkey, k, t_next, particle, t_end)

        # References: full name, surname + title, family name + title, known people with a title
        for i in range(n):
            if i in used:
                continue
            p = parsed[i]
            # bare or titled full name of someone already known in this article
            two = f"{p.core} {parsed[i + 1].core}" if i + 1 < n else None
            for cand, width in ((two, 2), (p.core, 1)):
                if not cand:
                    continue
                if width == 2 and (p.josa or p.trailing):
                    continue
                person = self._find_by_name(cand)
                if person is None and width == 2 and (i + 2) < n:
                    person = None
                if person:
                    last = i + width - 1
                    title = self._title_at(words, last + 1) if not parsed[last].josa and not parsed[last].trailing else None
                    if title:
                        add(person.key, i, title[1], title[2], title[3])
                    else:
                        end = words[last].start + len(words[last].text) - len(parsed[last].josa) - len(parsed[last].trailing)
                        add(person.key, i, last + 1, parsed[last].josa, end)
                    person.spans.append(span_of(i, mentions[-1].end))
                    break
            else:
                if p.josa or p.trailing or i + 1 >= n:
                    continue
                title = self._title_at(words, i + 1)
                if not title:
                    continue
                person = self._resolve_short(p.core, title[0])
                if person is None:
                    person = self._reference_person(p.core, title[0], span_of(i, title[3]), words, parsed, i)
                if person:
                    add(person.key, i, title[1], title[2], title[3])
                    person.spans.append(span_of(i, title[3]))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _company_word(self, words: list[_Word], parsed: list[_Parsed], i: int, sent_span: Span) -> tuple[str, int] | None:
        """A company named at word i (one or two words): (company key, index after it)."""
        p = parsed[i]
        if not p.core:
            return None
        span = Span(sent_span.paragraph, words[i].start, words[i].end)
        if i + 1 < len(words) and not p.josa and not p.trailing and not p.parens:
            joined = p.core + parsed[i + 1].core
            if squash(joined) in self.lex.company_forms:
                key = self._company_key(joined, Span(sent_span.paragraph, words[i].start, words[i + 1].end))
                if key:
                    return key, i + 2
        key = self._company_key(p.core, span)
        if key:
            return key, i + 1
        # a company not in the reference data before a name and a title: "한빛전자 김민재 사장"
        if (i + 2 < len(words) and not p.josa and not p.trailing and _company_like(p.core)
                and _korean_name(parsed[i + 1].as_name().core) and not _company_like(parsed[i + 1].core)
                and self._title_at(words, i + 2)):
            key = self._new_company(p.core, span)
            if key:
                return key, i + 1
        # a company not in the reference data: only between a name and a title
        if i >= 1 and i + 1 < len(words) and not p.josa and not p.trailing:
            prev = parsed[i - 1].as_name()
            if _korean_name(prev.core) and not prev.josa and not prev.trailing and self._title_at(words, i + 1):
                if _is_title_head(p.core) or self._is_known_name_part(p.core) or re.search(r"(해|고|며|지|던|한|된|며|면)$", prev.core):
                    return None
                if _company_like(prev.core) and _korean_name(p.core) and not _company_like(p.core):
                    return None
                key = self._new_company(p.core, span)
                if key:
                    return key, i + 1
        return None

    def _name_before(self, words: list[_Word], parsed: list[_Parsed], i: int) -> tuple[str | None, int]:
        """The full name written right before the company at word i."""
        prev = parsed[i - 1].as_name()
        if prev.josa or prev.trailing and prev.trailing not in (")",):
            return None, i
        # a known person's spelling (reference data), two or three words; the last word carries no particle
        for width in (3, 2):
            if i - width >= 0:
                words_here = [parsed[k] for k in range(i - width, i)]
                if any(w.josa or w.trailing for w in words_here[:-1]):
                    continue
                cand = " ".join([*(w.core for w in words_here[:-1]), words_here[-1].raw or words_here[-1].core])
                if squash(cand) in self.lex.person_forms:
                    return cand, i - width
        prev_raw = parsed[i - 1].raw or prev.core
        if squash(prev_raw) in self.lex.person_forms:
            return prev_raw, i - 1
        if i >= 2:
            first = parsed[i - 2]
            two = f"{first.core} {prev.core}"
            if self._find_by_name(two):
                return two, i - 2
            # a foreign name: a given name that is no Korean word before it ("케이트 브라운", "순다르 피차이")
            if (
                _foreign_word(first.core)
                and not first.josa
                and not first.trailing
                and not first.parens
                and _foreign_word(prev.core)
                and (not _korean_name(prev.core) or len(prev.core) == 1 or not _korean_name(first.core))
                and squash(first.core) not in self.lex.company_forms
                and squash(first.core) not in self.lex.place_forms
                and not _is_title_head(first.core)
                and not re.search(r"(아|어|고|며|서|인|은|는|한|된|던|할|을|적|의|에|로|과|와|엔|도|만|께|요|다|지)$", first.core)
            ):
                return two, i - 2
        if _korean_name(prev.core):
            return prev.core, i - 1
        return None, i

    def _name_after(self, words: list[_Word], parsed: list[_Parsed], k: int) -> tuple[str | None, int]:
        if k >= len(words):
            return None, k
        p = parsed[k].as_name()
        if p.josa or p.trailing:
            return None, k
        if k + 1 < len(words):
            two = f"{p.core} {parsed[k + 1].core}"
            if squash(two) in self.lex.person_forms or (
                _foreign_word(p.core) and _foreign_word(parsed[k + 1].core) and not parsed[k + 1].josa
                and k + 2 < len(words) and self._title_at(words, k + 2) and not _is_title_head(parsed[k + 1].core)
                and not _korean_name(p.core)
            ):
                return two, k + 2
        if _korean_name(p.core) or squash(p.core) in self.lex.person_forms:
            return p.core, k + 1
        return None, k

    def _index_people(self) -> None:
        if self._indexed_version == self._people_version:
            return
        self._by_squashed, self._name_parts, self._korean_full_names = {}, set(), set()
        self._indexed_version = self._people_version
        for person in self.persons.values():
            self._index_person(person)

    def _index_person(self, person: _Person) -> None:
        """Add a new person to the name index (when it is up to date; else the next lookup rebuilds it)."""
        if self._indexed_version != self._people_version:
            return
        self._by_squashed.setdefault(squash(person.name), person)
        self._name_parts.update((person.name, *person.name.split()))
        if person.surname:
            self._korean_full_names.add(person.name)

    def _is_known_name_part(self, core: str) -> bool:
        self._index_people()
        return core in self._name_parts or squash(core) in self.lex.person_forms

    def _find_by_name(self, name: str) -> _Person | None:
        self._index_people()
        return self._by_squashed.get(squash(name))

    def _starts_with_known_name(self, core: str) -> bool:
        """Whether the word begins with the full name of a person already read (a surname-led Korean name)."""
        self._index_people()
        return any(core[:end] in self._korean_full_names for end in range(1, len(core) + 1))

    def _resolve_short(self, core: str, title: str) -> _Person | None:
        """홍 회장 -> 홍길동; 스미스 CEO -> 존 스미스; 홍길동 의장 -> 홍길동 (already known)."""
        head = next((h for h in TITLE_HEADS if title.endswith(h) or title.split("(")[0].endswith(h)), title)
        candidates: list[_Person] = []
        if len(core) <= 2 and (core in SURNAMES):
            candidates = [p for p in self.persons.values() if p.surname and p.name.startswith(core)]
        if not candidates:
            candidates = [p for p in self.persons.values() if p.family and p.family == core]
        if not candidates:
            return None
        if len(candidates) > 1:
            titled = [p for p in candidates if p.title and head in p.title]
            candidates = titled or candidates
        # the most recently mentioned one
        return max(candidates, key=lambda p: p.spans[-1].start if p.spans else -1)

    def _reference_person(self, core: str, title: str, span: Span, words: list[_Word], parsed: list[_Parsed], i: int) -> _Person | None:
        """A person written as NAME TITLE without a company: known from the reference data, with its affiliation."""
        ref = self.lex.person_forms.get(squash(core))
        if ref is None and i >= 1 and not parsed[i - 1].josa and not parsed[i - 1].trailing:
            ref = self.lex.person_forms.get(squash(f"{parsed[i - 1].core} {core}"))
        if ref is None:
            return None
        entry = self.lex.people[ref]
        if not entry.affiliation or entry.affiliation not in self.lex.companies:
            return None
        ckey = self._company_key(self.lex.companies[entry.affiliation].label_ko or entry.affiliation, span)
        if not ckey:
            return None
        pkey = self._register_person(entry.name_ko, ckey, title, span)
        person = self.persons[pkey]
        person.spans.pop()  # the caller records the span
        return person

    # ---------------------------------------------------------------- dates, places, topics
    def _dates(self, sentence: str, start: int) -> list:
        published = self.article.published_date
        matches = []
        for m in find_dates(sentence, published, offset=start):
            rel_start = m.end - start
            after = sentence[rel_start:rel_start + 30]
            kind = "event"
            if REPORTING_AFTER_DATE.match(after) or (published and m.fact.value == published.isoformat() and "오늘" in m.text):
                kind = "reporting"
            elif PRIOR_REFERENCE_AFTER_DATE.match(after):
                kind = "prior"
            fact = m.fact
            if m.text.startswith("이날") and self.anchor_day is not None:
                fact = dc_replace(self.anchor_day, text=m.text)
            if matches and re.fullmatch(r"\d{1,2}월", m.text) and fact.resolved and matches[-1][1].resolved:
                prev_m, prev_fact, _ = matches[-1]
                between = sentence[prev_m.end - start:m.start - start]
                if re.fullmatch(r"\s*(과|와|및|,|·|이나|또는)\s*", between) and prev_fact.earliest and prev_fact.precision is Precision.MONTH:
                    resolved = resolve_date(f"{prev_fact.earliest.year}년 {m.text}", published)
                    if resolved is not None:
                        fact = dc_replace(resolved, text=m.text)
            matches.append((m, fact, kind))
        return matches

    def _place(self, sentence: str, start: int, span: Span) -> PlaceFact | None:
        """Where the sentence locates its event: "미국 마운틴뷰 구글 본사에서", "대만을 찾아", "서울 모처에서"."""
        best: PlaceFact | None = None
        for m in self._place_re.finditer(sentence):
            if m.start() > 0 and not re.match(r"[\s(\[“\"'‘·,]", sentence[m.start() - 1]):
                continue
            pid = self.lex.place_forms.get(squash(m.group(0)))
            if pid is None:
                continue
            entry = self.lex.places[pid]
            # the noun phrase from the place to the particle that locates it
            tail = LOCATIVE.match(sentence[m.start():])
            if not tail:
                continue
            text = tail.group(1).strip()
            city = entry.id if entry.kind == "city" else None
            country = entry.id if entry.kind == "country" else (entry.within if entry.kind == "city" else None)
            venue_text = text[m.end() - m.start():].strip() or None
            if venue_text and (venue_text in ("모처", "현지") or len(venue_text) > 30):
                venue_text = None
            if venue_text:
                # a finer place inside the city ("서울 중구 더플라자호텔"): keep the last named thing as the venue
                inner = [w for w in venue_text.split() if squash(w) not in self.lex.place_forms]
                venue_text = " ".join(inner) or None
            fact = PlaceFact(text, venue_text, city, m.group(0) if city else None, country, span)
            if best is None or (best.city is None and fact.city is not None):
                best = fact
        if best is None:
            vm = VENUE.search(sentence)
            if vm and not re.search(r"(이|가|은|는|을|를|와|과|의|에)$", vm.group(1).split()[0] if " " in vm.group(1) else ""):
                best = PlaceFact(vm.group(1), vm.group(1), None, None, None, span)
        return best

    def _topics(self, sentence: str, span: Span, certainty: Certainty) -> list[TopicFact]:
        text = re.sub(r"인공지능\s?\(AI\)", "AI", sentence)
        text = re.sub(r"\(([^()]*)\)", " ", text)
        text = re.sub(r"[\'‘’]", "", text)
        text = re.sub(r"\s+", " ", text)
        topics: list[TopicFact] = []
        seen: set[str] = set()
        for m in self._topic_re.finditer(text):
            tid = self.lex.topic_forms.get(squash(m.group(0)))
            if tid and tid not in seen:
                seen.add(tid)
                topics.append(TopicFact(m.group(0), tid, certainty, span))
        # what was discussed, kept as written when the scheme lacks it
        for m in re.finditer(r"([^,.“”\"']{2,60}?)\s?(?:에\s?대해서?도?|에\s?대한|을|를|에\s?관해)\s?(?:심도\s?있는\s?|폭넓은\s?)?(?:논의|이야기|의견|대화|협의)", text):
            phrase = m.group(1)
            phrase = re.split(r"(?:와|과|는|은|이|가|를|을)\s(?=[^\s]*$)|[가-힣]+(?:와|과)\s(?:만나|회동해|함께)\s?|(?:해|서|고|며|나|아)\s", phrase)[-1].strip()
            phrase = re.sub(r"^(?:[^\s]+\s)*?[^\s]+(?:은|는)\s", "", phrase) if re.search(r"(?:은|는)\s", phrase) else phrase
            for piece in re.split(r",\s?|\s등\s?|\s및\s|(?<=[가-힣])(?:과|와)\s(?!관련)", phrase):
                piece = re.sub(r"^(?:등|및|그리고)\s", "", piece).strip()
                piece = re.sub(r"\s?등$", "", piece)
                piece = re.sub(r"^(?:앞으로|특히|또|또한|이번|이날|역시|마찬가지로|함께)\s", "", piece)
                if piece.startswith("의 ") or len(piece.split()) > 5 or TOPIC_NOISE.search(piece) or piece in GENERIC_TOPIC_WORDS:
                    continue
                if len(piece) < 2 or len(piece) > 40 or squash(piece) in seen or any(squash(piece) == squash(t.text) for t in topics):
                    continue
                if self._find_by_name(piece) or re.search(r"(CEO|회장|대표|사장)$", piece):
                    continue
                tid = self.lex.topic_forms.get(squash(piece))
                seen.add(squash(piece))
                topics.append(TopicFact(piece, tid, certainty, span))
        return topics

    # ---------------------------------------------------------------- meetings
    def _new_meeting(self, principals: list[str], span: Span, certainty: Certainty, status: MeetingStatus,
                     date_fact: DateFact | None, place: PlaceFact | None, current: bool) -> _Meeting:
        meeting = _Meeting(
            key=f"m{len(self.meetings) + 1}",
            principals=list(dict.fromkeys(principals)),
            attendances=[Attendance(p, True, certainty, span) for p in dict.fromkeys(principals)],
            status=status,
            certainty=certainty,
            date=date_fact,
            place=place,
            topics=[],
            evidence=[span],
            current=current,
        )
        self.meetings.append(meeting)
        return meeting

    def _compatible(self, meeting: _Meeting, principals: list[str], date_fact: DateFact | None, place: PlaceFact | None) -> bool:
        """The same meeting: each side's principals are among the other's attendees (two people of two groups at
        least), the dates can overlap, the cities do not differ."""
        attendees = {a.person for a in meeting.attendances}
        shared_new = set(principals) & attendees
        shared_old = set(meeting.principals) & set(principals)
        if len(shared_new) < 2 or len(shared_old) < 2 or self._distinct_groups(list(shared_new)) < 2:
            return False
        if meeting.date and date_fact and meeting.date.resolved and date_fact.resolved and intersect(meeting.date, date_fact) is None:
            return False
        return not (meeting.place and place and meeting.place.city and place.city and meeting.place.city != place.city)

    def _merge(self, meeting: _Meeting, principals: list[str], span: Span, certainty: Certainty,
               date_fact: DateFact | None, place: PlaceFact | None, principal: bool = True) -> None:
        for p in principals:
            if principal and p not in meeting.principals:
                meeting.principals.append(p)
            meeting.attendances.append(Attendance(p, principal, certainty, span))
        if date_fact and date_fact.resolved:
            if meeting.date is None or not meeting.date.resolved:
                meeting.date = date_fact
            else:
                meeting.date = intersect(meeting.date, date_fact) or meeting.date
        if place and (meeting.place is None or (meeting.place.city is None and place.city is not None)):
            meeting.place = place
        if certainty is Certainty.STATED:
            meeting.certainty = Certainty.STATED
        if span not in meeting.evidence:
            meeting.evidence.append(span)

    def _sides(self, mentions: list[_Mention]) -> tuple[list[str], list[str]]:
        """Subject side and the other side (comitative/object) of a meeting sentence."""
        subject: list[str] = []
        other: list[str] = []
        pending: list[str] = []
        for idx, m in enumerate(mentions):
            pending.append(m.person)
            part = m.particle
            later_subject = any(x.particle in ("이", "가", "은", "는", "께서", "등은", "등이") for x in mentions[idx + 1:])
            if part in ("이", "가", "은", "는", "께서", "등은", "등이"):
                subject.extend(pending)
                pending = []
            elif part in ("와", "과", "등과", "과의", "와의"):
                (subject if later_subject else other).extend(pending)
                pending = []
            elif part in ("을", "를", "등을"):
                other.extend(pending)
                pending = []
        (other if subject else subject).extend(pending)
        return list(dict.fromkeys(subject)), list(dict.fromkeys(x for x in other if x not in subject))

    def _distinct_groups(self, people: list[str]) -> int:
        return len({self._group_of(self.persons[p].company) for p in people})

    def _sentence(self, sentence: str, start: int, paragraph: int) -> None:
        span = Span(paragraph, start, start + len(sentence))
        words = [_Word(m.group(0), start + m.start(), start + m.end()) for m in WORD.finditer(sentence)]
        mentions = self._mentions(words, span, sentence, start)
        participants = [m for m in mentions if not m.genitive_modifier]
        people = list(dict.fromkeys(m.person for m in participants))
        certainty = Certainty.SPECULATED if HEDGE.search(sentence) else Certainty.STATED
        dates = self._dates(sentence, start)
        event_dates = [(m, f) for m, f, kind in dates if kind == "event" and f.resolved]
        for _m, f, kind in dates:
            if kind == "prior" and f.resolved:
                self.last_past_date = f
        if TRIP.search(sentence):
            published = self.article.published_date
            past = [f for _, f in event_dates if f.earliest and published and f.earliest <= published]
            if past and past[0].earliest:
                self.trip_start = past[0].earliest
        if NEGATION.search(sentence):
            return
        unquoted = QUOTED.sub(" ", sentence)
        has_meeting_word = bool(MEETING_WORD.search(unquoted))
        has_discuss = bool(DISCUSS_WORD.search(unquoted))
        this_meeting = bool(THIS_MEETING.search(sentence))
        then = bool(THEN.search(sentence))
        if GROUP_REFERENCE.search(sentence) and self.focus is not None and len(people) < 2:
            people = list(dict.fromkeys([*people, *self.focus.principals]))
        planned = bool(PLANNED.search(sentence)) or any(
            f.earliest and self.article.published_date and f.earliest > self.article.published_date for _, f in event_dates
        )
        status = MeetingStatus.PLANNED if planned else MeetingStatus.OCCURRED
        place = self._place(sentence, start, span)
        topics_here = self._topics(sentence, span, certainty) if (has_discuss or has_meeting_word or this_meeting) else []

        # companions: 동석, 동행, 배석
        if ACCOMPANY_WORD.search(sentence) and (MEETING_NOUN.search(sentence) or then or this_meeting or re.search(r"동석|동행|배석", sentence)):
            targets = self._targets(then, this_meeting)
            if targets and people and not (has_meeting_word and len(people) >= 2 and not this_meeting and not then):
                for meeting in targets:
                    newcomers = [p for p in people if p not in meeting.principals]
                    self._merge(meeting, newcomers, span, certainty, None, None, principal=False)
                    for p in people:
                        if p in meeting.principals:
                            meeting.attendances.append(Attendance(p, True, certainty, span))
                return

        if not (has_meeting_word or has_discuss):
            return
        subject, other = self._sides(participants)
        principals = people
        if len(people) >= 2 and self._distinct_groups(people) >= 2:
            date_sets: list[DateFact | None] = [f for _, f in event_dates] or [None]
            if then and not event_dates and self.last_past_date:
                date_sets = [self.last_past_date]
            if len(date_sets) > 1 and not (SEPARATE.search(sentence) or re.search(r"에도", sentence)):
                date_sets = [date_sets[0]]
            if SEPARATE.search(sentence) and subject and len(other) >= 2 and len(date_sets) == 1:
                groups = [subject + [o] for o in other]
            else:
                groups = [principals]
            if this_meeting and not event_dates:
                targets = self._targets(False, True)
                if targets:
                    for meeting in targets:
                        if self._compatible(meeting, principals, None, place) or set(principals) <= {a.person for a in meeting.attendances}:
                            self._merge(meeting, principals, span, certainty, None, place)
                            meeting.topics.extend(topics_here)
                            self.focus = meeting
                    return
            for group in groups:
                for date_fact in date_sets:
                    self._add_or_merge(group, span, certainty, status, date_fact, place, topics_here, then)
            return
        # a meeting word with a date (or 당시) but no two people: the meeting in focus, or a past one of the same people
        if has_meeting_word and self.focus is not None and (event_dates or then or this_meeting):
            if this_meeting and not then:
                targets = self._targets(False, True)
                for meeting in targets:
                    meeting.topics.extend(topics_here)
                    if span not in meeting.evidence:
                        meeting.evidence.append(span)
                if targets:
                    self.focus = targets[0]
                return
            base = list(dict.fromkeys([*self.focus.principals, *people]))
            date_fact = event_dates[0][1] if event_dates else (self.last_past_date if then else None)
            if date_fact is not None:
                self._add_or_merge(base, span, certainty, status, date_fact, place, topics_here, then)
                if date_fact and self.article.published_date and date_fact.latest and (self.article.published_date - date_fact.latest).days > 14:
                    self.last_past_date = date_fact
            return
        # discussion without named people: topics of the meeting in focus
        if (has_discuss or has_meeting_word) and self.focus is not None and not people:
            self.focus.topics.extend(topics_here)
            if span not in self.focus.evidence:
                self.focus.evidence.append(span)
        # a lead naming companies only ("A사가 B사와 AI 협력 방안을 논의할 전망이다"), before the meeting is told:
        # its topics go to the first meeting of those companies' executives (run)
        elif has_discuss and self.focus is None and not people and topics_here:
            groups = self._groups_named(unquoted)
            if len(groups) >= 2:
                self.lead_topics.append((groups, topics_here))

    def _groups_named(self, text: str) -> frozenset[str]:
        """The groups (top companies) of the reference companies a text names, each name starting a word."""
        groups = set()
        for m in self.lex.company_pattern().finditer(text):  # compiled on first use (30 ms), then kept
            if m.start() > 0 and (text[m.start() - 1].isalnum()):
                continue
            ref = self.lex.company_forms.get(squash(m.group(0)))
            if ref is not None:
                groups.add(self.lex.root_company(ref))
        return frozenset(groups)

    def _attach_lead_topics(self) -> None:
        for groups, topics in self.lead_topics:
            for meeting in self.meetings:
                met = {self._group_of(self.persons[a.person].company) for a in meeting.attendances if a.person in self.persons}
                if len(meeting.principals) >= 2 and groups <= met:
                    meeting.topics.extend(topics)
                    break

    def _targets(self, then: bool, this_meeting: bool) -> list[_Meeting]:
        if then and self.focus is not None:
            return [self.focus]
        current = [m for m in self.meetings if m.current]
        if this_meeting and current:
            return current
        return [self.focus] if self.focus is not None else current

    def _add_or_merge(self, principals: list[str], span: Span, certainty: Certainty, status: MeetingStatus,
                      date_fact: DateFact | None, place: PlaceFact | None, topics: list[TopicFact], then: bool) -> None:
        published = self.article.published_date
        current = not then and (
            date_fact is None
            or not date_fact.resolved
            or published is None
            or (date_fact.latest is not None and (published - date_fact.latest).days <= 14)
        )
        for meeting in reversed(self.meetings):
            if not current and meeting.current and (meeting.date is None or not meeting.date.resolved):
                continue
            if current and not meeting.current and date_fact is None:
                continue
            if self._compatible(meeting, principals, date_fact, place):
                self._merge(meeting, principals, span, certainty, date_fact, place)
                meeting.topics.extend(topics)
                meeting.current = meeting.current and current or (meeting.current and date_fact is None)
                if status is MeetingStatus.OCCURRED:
                    meeting.status = MeetingStatus.OCCURRED if meeting.status is MeetingStatus.OCCURRED or not meeting.current else meeting.status
                self.focus = meeting
                self._remember_anchor(date_fact)
                return
        meeting = self._new_meeting(principals, span, certainty, status, date_fact, place, current)
        meeting.topics.extend(topics)
        self.focus = meeting
        self._remember_anchor(date_fact)
        if date_fact and not current:
            self.last_past_date = date_fact

    def _remember_anchor(self, date_fact: DateFact | None) -> None:
        if date_fact and date_fact.precision is Precision.DAY and self.anchor_day is None:
            self.anchor_day = date_fact

    # ---------------------------------------------------------------- finish
    def _finish_dates(self) -> None:
        published = self.article.published_date
        for meeting in self.meetings:
            if meeting.date is not None and meeting.date.resolved:
                continue
            if published is None:
                self.notes.append(f"meeting {meeting.key}: no date and no publication date")
                continue
            if meeting.status is MeetingStatus.PLANNED:
                continue
            earliest = self.trip_start if self.trip_start and self.trip_start <= published else date(published.year, published.month, 1)
            precision = Precision.MONTH if (earliest.year, earliest.month) == (published.year, published.month) else Precision.YEAR
            value = f"{published.year:04d}-{published.month:02d}" if precision is Precision.MONTH else f"{published.year:04d}"
            text = "(출장 기간)" if self.trip_start else "(기사 게재일 기준)"
            meeting.date = DateFact(text, value, precision, earliest, published, True, meeting.evidence[0])

    def _fold_people(self) -> None:
        """A family name alone ("스미스 한빛전자 CEO") or a one-letter misspelling of a full name in the same
        group is that person."""
        remap: dict[str, str] = {}
        people = list(self.persons.values())
        by_group: dict[str, list[_Person]] = {}  # pairs across groups never fold: compare within groups only
        for person in people:
            by_group.setdefault(self._group_of(person.company), []).append(person)
        for a in people:
            for b in by_group[self._group_of(a.company)]:
                if a is b or a.key in remap or b.key in remap:
                    continue
                partial = " " not in a.name and b.family == a.name
                typo = _one_off(a.name, b.name) and not a.reference_known
                if partial or typo:
                    remap[a.key] = b.key
                    b.spans.extend(a.spans)
                    if not b.title:
                        b.title = a.title
        if not remap:
            return
        for key in remap:
            del self.persons[key]
        for group, members in self._persons_by_group.items():
            self._persons_by_group[group] = [p for p in members if p.key not in remap]
        self._people_version += 1
        for meeting in self.meetings:
            meeting.principals = list(dict.fromkeys(remap.get(p, p) for p in meeting.principals))
            meeting.attendances = [dc_replace(a, person=remap.get(a.person, a.person)) for a in meeting.attendances]
        # meetings that now name the same people may be one
        merged: list[_Meeting] = []
        for meeting in self.meetings:
            target = next((m for m in merged if self._compatible(m, meeting.principals, meeting.date, meeting.place)), None)
            if target is None:
                merged.append(meeting)
                continue
            for att in meeting.attendances:
                target.attendances.append(att)
            self._merge(target, [], meeting.evidence[0], meeting.certainty, meeting.date, meeting.place)
            target.evidence.extend(e for e in meeting.evidence if e not in target.evidence)
            target.topics.extend(meeting.topics)
        self.meetings = merged

    def run(self) -> ArticleFacts:
        for paragraph in self.article.paragraphs:
            for s, e in split_sentences(paragraph.text):
                self._sentence(paragraph.text[s:e], paragraph.start + s, paragraph.index)
        self._fold_people()
        self._finish_dates()
        self._attach_lead_topics()
        people_used = {p for p in self.persons}
        meetings = []
        for meeting in self.meetings:
            if len(meeting.principals) < 2:
                continue
            topics: list[TopicFact] = []
            seen: set[tuple[str, str]] = set()
            for t in meeting.topics:
                k = (t.concept or squash(t.text), t.certainty.value)
                if k not in seen:
                    seen.add(k)
                    topics.append(t)
            meetings.append(
                MeetingFact(
                    key=meeting.key,
                    attendances=tuple(meeting.attendances),
                    status=meeting.status,
                    certainty=meeting.certainty,
                    date=meeting.date,
                    place=meeting.place,
                    topics=tuple(topics),
                    evidence=tuple(meeting.evidence),
                )
            )
        people = tuple(
            PersonFact(p.key, p.name, p.company, p.title, Certainty.STATED, tuple(p.spans))
            for p in self.persons.values()
            if p.key in people_used
        )
        used_companies = {p.company for p in people} | set(self.companies)
        companies = tuple(c for c in self.companies.values() if c.key in used_companies)
        return ArticleFacts(self.article, companies, people, tuple(meetings), tuple(self.notes))


_FUZZY: dict[tuple[int, str], str | None] = {}


def _fuzzy_company(key: str, lex: Lexicon) -> str | None:
    cache_key = (id(lex), key)
    if cache_key not in _FUZZY:
        _FUZZY[cache_key] = next(
            (ref for form, ref in lex.company_forms_of_length(len(key)) if sum(a != b for a, b in zip(form, key, strict=True)) == 1),
            None,
        )
        if len(_FUZZY) > 200_000:
            _FUZZY.clear()
    return _FUZZY[cache_key]


def _one_off(a: str, b: str) -> bool:
    return len(a) == len(b) and len(a) >= 3 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def extract(article: Article, lexicon: Lexicon | None = None) -> ArticleFacts:
    """Every person, company and meeting the article reports, each fact with the paragraph and span it comes from."""
    return _Extractor(article, lexicon or load_lexicon()).run()


def group_by_name(name: str, lex: Lexicon) -> str | None:
    """The reference group a company outside the reference data belongs to by its name ("SK바이오팜" -> "sk-group")."""
    squashed = squash(name)
    # the longest known company form the name starts with: its prefixes, longest first, are dict lookups
    # (scanning every form cost 15% of ingest, and made an article naming thousands of people quadratic)
    for end in range(len(squashed), 1, -1):
        ref = lex.company_forms.get(squashed[:end])
        if ref is not None:
            return lex.root_company(ref)
    return None


def company_parent(facts: ArticleFacts, company_key: str, lexicon: Lexicon | None = None) -> str | None:
    """The reference group a new company of these facts belongs to by its name, if any."""
    fact = next((c for c in facts.companies if c.key == company_key), None)
    if fact is None or fact.reference_id:
        return None
    return group_by_name(fact.name, lexicon or load_lexicon())


__all__ = ["extract", "split_sentences", "company_parent", "group_by_name"]

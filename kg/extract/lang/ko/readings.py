"""How Korean news names a person: the readings MENTION_RULES propose for a clause's words, and the overlap policy
written once.

A person is named around a title: ``NAME COMPANY TITLE`` ("최도윤 SK그룹 회장"), ``COMPANY(의) NAME TITLE``
("TSMC 린하오쥔 회장"), ``NAME TITLE`` ("김민혁 최고기술책임자(CTO)"), an apposition ``COMPANY TITLE인 NAME``
("네이버 창업자인 이해솔 이사회 의장"), or later by reference: surname or family name and a title ("최 회장",
"하트웰 CEO", "탄 브로드컴 CEO"), or the bare full name of someone already named ("에릭 황을 포함한").

Every rule proposes readings of some words with a score; :func:`read_mentions` keeps the best readings that do
not overlap, registers who they name and gives each its role from the particle that ends it. Finding never
depends on the reference data: it only tells who a found person or company is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.extract.document import Evidence, Word
from kg.extract.lang.ko.names import (
    clear_korean_name,
    company_score,
    foreign_looking,
    foreign_word_score,
    korean_name_score,
    modifier_ok,
    split_fused,
    title_head,
    verbal,
)
from kg.extract.lang.ko.words import DIVISION_WORDS, GENITIVE_PARTICLES, SPACED_COMPANY_ENDINGS, SURNAMES
from kg.extract.registry import Person, Registry
from kg.lexicon import squash

_WINDOW = 6  # words before a title that may belong to its person
NAME_LENGTHS = (1, 2, 3, 4)  # words in a name: "최도윤", "샘 하트웰", "마리아 엘레나 로페즈", "부 티 응옥 란"


@dataclass(frozen=True)
class Reading:
    """One way to read words first..last as a person: which words are the name, the company, the title."""

    rule: str
    score: float
    first: int
    last: int  # the word that carries the particle
    name: tuple[int, int] | None = None  # word range [a, b)
    company: tuple[int, int] | None = None
    title: tuple[int, int] | None = None
    person: str | None = None  # a known person this reading refers to
    fused: tuple[str, str] | None = None  # (company, title) written as one word: "SK회장"


@dataclass
class Context:
    words: list[Word]
    registry: Registry
    evidence: Evidence  # how the article uses each word: as companies or as people

    def __post_init__(self) -> None:
        # Kiwi's dictionary knows some names of several words ("순다르 메논" is one proper noun): where each such
        # group of words ends
        self.group_end = list(range(1, len(self.words) + 1))
        for i, w in enumerate(self.words):
            reach = max((m.end for m in w.morphs), default=w.end)
            j = i
            while j + 1 < len(self.words) and self.words[j + 1].start < reach:
                j += 1
            self.group_end[i] = j + 1

    def name_score(self, a: int, b: int) -> float:
        """How much words a..b-1 look like a person's full name."""
        ws = self.words[a:b]
        if not ws or any(w.particle or w.trailing for w in ws[:-1]):
            return 0.0
        if any(self.group_end[i] > b for i in range(a, b)) or any(self.group_end[j] > a for j in range(max(0, a - 3), a)):
            return 0.0  # the reading cuts a name Kiwi knows whole
        if b - a > 1 and self.group_end[a] == b:
            return 4.0
        text = " ".join(w.core for w in ws)
        known = self.registry.by_name(text)
        if known is not None:
            return 4.0
        if len(ws) == 1 and self.registry.by_part(ws[0].core):
            return 0.0  # a family or given name of someone named before: a reference, not a new person
        if len(ws) == 1:
            return korean_name_score(ws[0])
        if len(ws) > 4 or (len(ws) == 4 and any(len(w.core) > 2 for w in ws)):
            return 0.0  # four words only of a Vietnamese name's short syllables ("부 티 응옥 란")
        if any(korean_name_score(w) >= 2.5 for w in ws[1:]) and not any(m.tag == "NNP" for m in ws[0].morphs):
            return 0.0  # "기간 최수아": a common noun and a Korean full name are no foreign name ("에밀리 나하라" is)
        if clear_korean_name(ws[0]) and len(ws[0].core) >= 3 and not any(foreign_looking(w) for w in ws[1:]) \
                and not (b < len(self.words) and company_score(self.words[b:b + 1]) >= 3.0
                         and not any(c.isascii() for c in self.words[b].core)):  # "가온 CNS" is one company
            return 0.0  # "서하준 루닛", "임찬 가온": a Korean full name and a company (not "라이언 패짓 볼테라모터스")
        scores = [foreign_word_score(w, i == 0) for i, w in enumerate(ws)]
        if min(scores) <= 0:
            return 0.0
        penalty = sum(1.0 for w in ws if self.evidence.company(w.core) > self.evidence.person(w.core))
        if len(ws) == 3 and {m.tag for m in ws[0].morphs} == {"NNG"} and all(
                any(m.tag == "NNP" for m in w.morphs) for w in ws[1:]):
            penalty += 1.0  # "대신 루시아 페레스": a common noun before a two-word proper name
        return sum(scores) + (0.5 if len(ws) == 2 else 0.0) - penalty

    def orphan(self, a: int, s0: int, name: float = 0.0) -> float:
        """A penalty for a name reading that leaves a name-like word right before it ("사티아" of "사티아 크리슈난");
        none for a clear Korean name ("방한 기간 최수아")."""
        if a <= s0:
            return 0.0
        w = self.words[a - 1]
        if w.ends_phrase or foreign_word_score(w, True) <= 0:
            return 0.0
        if name >= 3.0:  # "에밀리 나하라": a proper noun before even a clear Korean name; not "기간 최수아"
            return 1.5 if any(m.tag == "NNP" for m in w.morphs) else 0.0
        return 1.5

    def single_foreign(self, a: int) -> float:
        """A foreign name written as one word ("린하오쥔"), read only beside a clear company."""
        w = self.words[a]
        if korean_name_score(w) > 0 or self.evidence.company(w.core) > 0 or len(w.core) < 3:
            return 0.0
        return max(0.0, foreign_word_score(w, True) - 0.5)

    def company_score(self, a: int, b: int, *, family_evidence: bool = True) -> float:
        """How much words a..b-1 look like a company's name here. ``family_evidence=False`` where the word cannot
        be a family name: the title after it is followed by a full name ("퀀트로직 CEO 사라 코널리")."""
        ws = self.words[a:b]
        if b < len(self.words) and self.words[b].core in DIVISION_WORDS and not ws[-1].particle:
            return 0.0
        spaced = len(ws) == 2 and ws[1].core in SPACED_COMPANY_ENDINGS \
            and any(m.tag == "NNP" for m in ws[0].morphs)
        if spaced:  # "헬비온 테라퓨틱스": a foreign name and a company's ending as a word of its own
            return 3.0 + (2.0 if self.registry.find_company(f"{ws[0].core} {ws[1].core}") else 0.0)
        if len(ws) == 2 and not (ws[0].core.isascii() or (company_score(ws[:1]) >= 3.0 and ws[1].core.isalpha()
                                                           and not any(c.isascii() for c in ws[1].core))):
            return 0.0  # "LG CNS", "LG AI연구원", "아트센터 나비" (not "세진하이닉스 AI인프라": a title's word)
        score = company_score(ws)
        if score <= 0:
            return 0.0
        text = " ".join(w.core for w in ws)
        if self.registry.find_company(text):
            score += 2.0
        elif squash(text) in self.registry.lex.company_forms:
            score += 1.0  # identity as a tie-break: the reference data knows this name as a company
        if len(ws) == 1 and self.evidence.company(ws[0].core) > 0:
            score += 1.0
        if family_evidence and len(ws) == 1 and self.evidence.person(ws[0].core) > self.evidence.company(ws[0].core):
            score -= 1.0  # the article writes it before a title elsewhere, as a family name ("피츠제럴드 CEO")
        return score


# ---------------------------------------------------------------------------- title phrases


def titles(words: list[Word]) -> Iterator[tuple[int, int, int]]:
    """(head, end, from): a title head at word ``head``, the phrase ending at ``end`` ("사장 겸 최고경영자(CEO)"
    ends at the second head), and the first word a modifier may start at."""
    for h, word in enumerate(words):
        if title_head(word) is None:
            continue
        end = h
        while not words[end].ends_phrase and end + 1 < len(words) and title_head(words[end + 1]) \
                and split_fused(words[end + 1]) is None:
            end += 1  # "대표이사 사장", "최고운영책임자(COO) 부사장"
        if (not words[end].ends_phrase and end + 2 < len(words) and words[end + 1].core == "겸"
                and not words[h + 1].ends_phrase):
            for k in range(end + 2, min(end + 5, len(words))):
                if title_head(words[k]):
                    end = k
                    break
                if words[k].ends_phrase or not modifier_ok(words[k]):
                    break
        yield h, end, h


def _proper(word: Word) -> bool:
    return any(m.tag == "NNP" for m in word.morphs)


def _window(words: list[Word], h: int) -> int:
    """The first word a person phrase before the title at ``h`` may start at."""
    s = h
    while s > 0 and h - s < _WINDOW:
        w = words[s - 1]
        if w.trailing or (w.particle and w.particle not in GENITIVE_PARTICLES) or not w.core:
            break
        if verbal(w) and korean_name_score(w) == 0:
            break
        s -= 1
        if w.particle:  # "오픈AI의" may start "오픈AI의 샘 하트웰 CEO", nothing before it but a spaced name's
            if w.core in SPACED_COMPANY_ENDINGS and s > 0 and not words[s - 1].ends_phrase:  # "비야사 인포텍의"
                s -= 1
            break
    return s


# ---------------------------------------------------------------------------- rules


def name_company_title(ctx: Context, h: int, end: int) -> Iterator[Reading]:
    """NAME COMPANY [modifiers] TITLE: "최도윤 SK그룹 회장", "알렉스 몬테로 팔란티어 최고경영책임자(CEO)".
    Fires: "김도헌 SK하이닉스 AI인프라 사장". Not: "같은 날 제임스 하트웰 큐빗웨이AI CEO" reads no "날 제임스"."""
    s0 = _window(ctx.words, h)
    for m in range(h, s0, -1):  # modifiers m..h-1
        mods = _modifier_score(ctx, m, h)
        for c in (1, 2):
            for k in NAME_LENGTHS:
                a = m - c - k
                if a < s0 or ctx.words[a + k - 1].particle or ctx.words[m - 1].particle:
                    continue
                name, company = ctx.name_score(a, a + k), ctx.company_score(a + k, m)
                if name <= 0 and k == 1 and (company >= 2.5 or (
                        company >= 0.8 and ctx.evidence.person(ctx.words[a].core) > 0)):
                    name = ctx.single_foreign(a)  # or a one-word name used alone before a title ("수하르토노 회장")
                # a company with no form of its own ("테라윈드") follows only a clear name of two words or more, a
                # clear Korean name ("성정희 베리디언 대표") or a name the article uses alone before a title
                needed = 0.5 if k >= 2 or name >= 3.0 or ctx.evidence.person(ctx.words[a].core) > 0 else 1.0
                if name > 0 and company >= needed:
                    name -= ctx.orphan(a, s0, name)
                    yield Reading("name_company_title", name + company + 0.5 + mods, a, end, (a, a + k),
                                  (a + k, m), (m, end + 1))


def company_name_title(ctx: Context, h: int, end: int) -> Iterator[Reading]:
    """COMPANY(의) NAME [modifiers] TITLE: "TSMC 린하오쥔 회장", "오픈AI의 샘 하트웰 최고경영자".
    Fires: "아마존웹서비스(AWS) 프라사드 벤카트라만 인프라 총괄 대표". Not: "지난주 샘 하트웰 오픈AI CEO"
    ("지난주" is no company)."""
    s0 = _window(ctx.words, h)
    for m in range(h, s0, -1):
        mods = _modifier_score(ctx, m, h)
        for k in NAME_LENGTHS:
            for c in (1, 2):
                a = m - k - c
                if a < s0 or any(w.particle for w in ctx.words[a + c:m]):
                    continue
                if ctx.words[a + c - 1].particle not in ("", "의"):
                    continue
                company, name = ctx.company_score(a, a + c), ctx.name_score(a + c, m)
                if name <= 0 and k == 1 and company >= 2.5:
                    name = ctx.single_foreign(a + c)
                if name > 0 and company >= 1.2:
                    bonus = 0.4 if ctx.words[a + c - 1].particle == "의" else 0.0
                    yield Reading("company_name_title", company + name + bonus + mods, a, end, (a + c, m),
                                  (a, a + c), (m, end + 1))


def name_fused_title(ctx: Context, h: int, end: int) -> Iterator[Reading]:
    """NAME COMPANY+TITLE as one word: "최도윤 SK회장", "백지호 퓨리오사AI대표", "조은호 한국AI·SW협회장".
    Not: "최도윤 부회장" (a plain title: see ``name_title``)."""
    fused = split_fused(ctx.words[h])
    if fused is None:
        return
    for k in NAME_LENGTHS:
        a = h - k
        if a < _window(ctx.words, h):
            break
        name = ctx.name_score(a, h)
        if name > 0:
            yield Reading("name_fused_title", name + 3.5, a, end, (a, h), None, (h, end + 1), fused=fused)


def name_title(ctx: Context, h: int, end: int) -> Iterator[Reading]:
    """NAME [modifiers] TITLE, the company left to the context: "김민혁 최고기술책임자(CTO)", "이해솔 이사회 의장",
    "에릭 황 CEO". Not: "최 회장" (a surname alone: see ``reference_title``)."""
    s0 = _window(ctx.words, h)
    for m in range(h, s0, -1):
        mods = _modifier_score(ctx, m, h)
        for k in NAME_LENGTHS:
            a = m - k
            if a < s0 or any(w.particle for w in ctx.words[a:m]):
                continue
            name = ctx.name_score(a, m)
            name -= ctx.orphan(a, s0, name)
            if name >= 1.5:
                yield Reading("name_title", name - 0.5 + mods, a, end, (a, m), None, (m, end + 1))


def reference_title(ctx: Context, h: int, end: int) -> Iterator[Reading]:
    """SURNAME or FAMILY [COMPANY] TITLE naming someone already named: "최 회장", "정 수석부회장", "하트웰 CEO",
    "탄 브로드컴 CEO", "수 CEO". Not: "최 회장" when no 최 has been named (nobody is guessed)."""
    s0 = _window(ctx.words, h)
    for a in range(h - 1, max(s0, h - 3) - 1, -1):
        word = ctx.words[a]
        if word.particle:
            continue
        company = (a + 1, h) if h > a + 1 else None
        if company and ctx.company_score(*company) < 1.0:
            continue
        person = _referent(ctx.registry, word.core, title_head(ctx.words[h]) or "", ctx, company)
        if person is not None:
            yield Reading("reference_title", 4.5 + (1.0 if company else 0.0), a, end, (a, a + 1), company,
                          (h, end + 1), person.key)


def company_title_refers(ctx: Context, h: int, end: int) -> Iterator[Reading]:
    """COMPANY TITLE, no name, naming the one person of that company with that title already named: "팔란티어 CEO와
    만나" after "알렉스 몬테로 팔란티어 CEO". Not: a company two people of it are named for with that title; a
    company nobody of it has been named for ("KT 대표가" in a text that names no KT 대표)."""
    c = h - 1
    if c < 0 or ctx.words[c].particle not in ("", "의") or ctx.words[c].trailing:
        return
    key = ctx.registry.find_company(ctx.words[c].core)
    head = title_head(ctx.words[h]) or ""
    if key is None or not head:
        return
    holders = [p for p in ctx.registry if p.company == key and p.title and head in p.title]
    if len(holders) == 1:
        yield Reading("company_title_refers", 3.0, c, end, None, (c, c + 1), (h, end + 1), holders[0].key)


def company_title_name(ctx: Context, h: int, end: int) -> Iterator[Reading]:
    """COMPANY(의) TITLE(인) NAME [TITLE]: "네이버 창업자인 이해솔 이사회 의장", "오픈AI의 최고경영자(CEO)인 샘
    하트웰", "퀀트로직 CEO 사라 코널리와" (an apposition: the title bare before the name). Not: "KT 대표가" (no
    name follows the title), "KT 대표, 김영수 사장" (a comma ends the title's phrase)."""
    words = ctx.words
    copula = words[end].particle in ("인", "이자", "이며")
    if h == 0 or not (copula or (not words[end].particle and not words[end].trailing)):
        return
    c = h - 1
    company = ctx.company_score(c, c + 1, family_evidence=False)
    if words[c].particle not in ("", "의") or company < 0.5:
        return
    for k in NAME_LENGTHS:
        b = end + 1 + k
        if b > len(words):
            break
        name = ctx.name_score(end + 1, b)
        # a company with no form of its own ("퀀트로직") goes with a clear name of two words or more
        if name <= 0 or company < (0.5 if k >= 2 or name >= 3.0 else 1.0):
            continue
        if not copula and not (name >= 3.0 if k == 1 else all(_proper(w) for w in words[end + 1:b])):
            continue  # "APEC CEO 서밋", "CEO 서밋 뿐만": bare, only a clear name follows a title as its bearer
        last = b - 1
        t_end = last
        if b < len(words) and title_head(words[b]) and not words[last].ends_phrase:
            if not copula:
                continue  # "최도윤 SK 회장 샘 하트웰 CEO와": the name has its own title, SK's is 최도윤's
            t_end = b
        yield Reading("company_title_name", company + name + (1.0 if copula else 0.5), c, t_end, (end + 1, b),
                      (c, c + 1), (h, end + 1))


MENTION_RULES: tuple[Callable[[Context, int, int], Iterator[Reading]], ...] = (
    reference_title, name_company_title, company_name_title, company_title_name, name_fused_title, name_title,
    company_title_refers,
)


def known_name(ctx: Context) -> Iterator[Reading]:
    """The bare full name of someone already named: "에릭 황을 포함한 엔비디아 경영진", "정우진 회장은" (with a
    title the title rules read it). Not: a surname alone ("최는")."""
    words = ctx.words
    for a in range(len(words)):
        for k in (3, 2, 1):
            b = a + k
            if b > len(words) or any(w.particle or w.trailing for w in words[a:b - 1]):
                continue
            person = ctx.registry.by_name(" ".join(w.core for w in words[a:b]))
            if b < len(words) and not words[b - 1].ends_phrase and title_head(words[b]):
                continue  # a name and a title: the title rules read it whole
            if person is not None and (k > 1 or len(person.words) == 1):
                yield Reading("known_name", 3.0 + k, a, b - 1, (a, b), None, None, person.key)
                break


def _modifier_score(ctx: Context, m: int, h: int) -> float:
    score = 0.0
    for w in ctx.words[m:h]:
        if not modifier_ok(w):
            return -99.0
        score -= 0.2
        if korean_name_score(w) >= 1.5 or ctx.registry.is_name_part(w.core):
            score -= 1.5
        if ctx.registry.find_company(w.core) or ctx.evidence.company(w.core) > 0:
            score -= 1.0
    return score


def _referent(registry: Registry, core: str, head: str, ctx: Context,
              company: tuple[int, int] | None) -> Person | None:
    """The person a surname or a family name refers to: the latest one named of that name (with that company,
    when one is written), preferring one whose title ends like this title."""
    candidates: list[Person] = []
    if core in SURNAMES:
        candidates = [p for p in registry if len(p.words) == 1 and p.name.startswith(core) and len(p.name) > len(core)]
    if not candidates:
        candidates = [p for p in registry.by_part(core) if p.words[-1] == core]
    if not candidates and company is None:  # a family name written first: "아라카와 사장" for 아라카와 겐지
        candidates = [p for p in registry.by_part(core) if len(p.words) == 2 and p.words[0] == core
                      and len(core) >= 3]
    if company is not None:
        name = " ".join(w.core for w in ctx.words[company[0]:company[1]])
        key = registry.find_company(name)
        candidates = [p for p in candidates if key is None or p.company == key]
    if not candidates:
        return None
    titled = [p for p in candidates if p.title and head and head in p.title]
    return max(titled or candidates, key=lambda p: max((s.start for s in p.spans), default=-1))


# ---------------------------------------------------------------------------- the overlap policy


def choose(readings: list[Reading]) -> list[Reading]:
    """The best-scoring readings that share no word, in text order."""
    chosen: list[Reading] = []
    for r in sorted(readings, key=lambda r: (-r.score, r.first)):
        if all(r.last < c.first or r.first > c.last for c in chosen):
            chosen.append(r)
    return sorted(chosen, key=lambda r: r.first)

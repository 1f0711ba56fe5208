"""Inventing the replacements: a new name for every person and company of the corpus, deterministic in the
seed, none of them a reference label or alias, none found in the original corpus, and no company one edit away
from a reference company (a near-spelling would be folded into it).

Shapes: Korean names keep a surname-to-surname map (people who shared a surname still do, so "이 회장" stays
as ambiguous as it was), with some two-syllable surnames (남궁, 선우, ...) and some one-syllable given names;
foreign names are two or three words, a third of the family names ending in a syllable that reads as a particle;
groups get a new prefix their affiliates share; other companies a Korean-style name with an ending, a
transliterated foreign one, or a Latin-script one.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from perturb_lang import (
    CHINESE_FAMILY,
    CHINESE_GIVEN,
    FOREIGN_FAMILY_PARTICLE_LIKE,
    FOREIGN_FAMILY_PLAIN,
    FOREIGN_GIVEN,
    FOREIGN_GIVEN_PAIRS,
    FOREIGN_STEMS,
    GIVEN_FIRST,
    GIVEN_SECOND,
    GIVEN_SINGLE,
    KEPT_ENDINGS,
    KOREAN_STEMS,
    LATIN_BRANDS,
    NEW_ENDINGS_FOREIGN,
    NEW_ENDINGS_KOREAN,
    NEW_SURNAMES_ONE,
    NEW_SURNAMES_TWO,
    SURNAME_ROMAN,
    WESTERN_GIVEN_EN,
    WORD_LIKE_NAMES,
)
from perturb_world import (
    Company,
    Person,
    Reference,
    has_hangul,
    is_acronym,
    shared_start,
    squash,
    strip_affixes,
)


class NamingError(RuntimeError):
    """The pools ran out of names that pass every check."""


def digest(seed: int, *parts: str) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join((str(seed), *parts)).encode()).digest()[:8], "big")


def seeded(seed: int, tag: str, items: Iterable[str]) -> list[str]:
    return sorted(items, key=lambda x: (digest(seed, tag, x), x))


def within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


@dataclass
class NewPerson:
    family_ko: str
    family_en: str
    given_ko: list[str]  # ko: ["도윤"]; west: ["라파엘"] or ["마리아", "엘레나"]; zh: ["밍하오"]
    given_en: list[str]  # ko: syllables ["do", "yun"]; west: ["Rafael"]; zh: ["Minghao"]
    western_en: str = ""  # for a Korean who goes by a Western given name in English


@dataclass
class NewCompany:
    ko: str
    en: str
    acronym: str | None = None
    stem_ko: str | None = None
    stem_en: str | None = None
    shape: str = ""


@dataclass
class Names:
    people: dict[str, NewPerson] = field(default_factory=dict)
    companies: dict[str, NewCompany] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)  # Korean surname -> new surname


class Namer:
    def __init__(self, seed: int, ref: Reference, corpus_text: str) -> None:
        self.seed = seed
        self.reference_forms = ref.all_company_forms() | ref.all_person_forms()
        self.reference_companies = sorted(ref.all_company_forms())
        self.reference_people_ko = sorted(f for f in ref.all_person_forms() if has_hangul(f))
        self.corpus = corpus_text.casefold()
        self.corpus_words = set(re.findall(r"[a-z][a-z0-9]*", self.corpus))
        self.taken: set[str] = set()
        self.brands: set[str] = set()  # stems in use: two companies sharing one would look like one group
        self.givens: set[str] = set()

    # --- checks ---------------------------------------------------------------------------------------

    def fresh(self, text: str) -> bool:
        """Not in the corpus (a one-word Latin name not even as a word of it), not a reference form, not used yet."""
        key = squash(text)
        if not key or key in self.taken or key in self.reference_forms or text.casefold() in self.corpus:
            return False
        words = re.findall(r"[a-z][a-z0-9]*", text.casefold())
        return has_hangul(text) or len(words) != 1 or words[0] not in self.corpus_words

    def company_ok(self, *names: str) -> bool:
        return all(self.fresh(n) and not any(within_one_edit(squash(n), f) for f in self.reference_companies)
                   for n in names)

    def person_ok(self, *names: str) -> bool:
        return all(self.fresh(n) and not any(within_one_edit(squash(n), f) for f in self.reference_people_ko)
                   for n in names)

    def take(self, *names: str) -> None:
        self.taken.update(squash(n) for n in names)

    def first(self, tag: str, key: str, candidates: Sequence[tuple[str, ...]],
              ok: Callable[[tuple[str, ...]], bool]) -> tuple[str, ...]:
        for i in sorted(range(len(candidates)), key=lambda i: digest(self.seed, tag, key, str(i))):
            if ok(candidates[i]):
                return candidates[i]
        raise NamingError(f"no {tag} name left for {key}")

    # --- people ---------------------------------------------------------------------------------------

    def surname_map(self, people: Iterable[Person]) -> dict[str, str]:
        counts = Counter(p.surname for p in people if p.style == "ko" and p.surname)
        originals = sorted(counts, key=lambda s: (-counts[s], s))
        middling = originals[2:] if len(originals) > 2 else originals[1:]
        two = set(seeded(self.seed, "two-syllable", middling)[: max(1, len(originals) // 6)] if middling else [])
        ones = iter(seeded(self.seed, "surname", NEW_SURNAMES_ONE))
        twos = iter(seeded(self.seed, "surname2", NEW_SURNAMES_TWO))
        out: dict[str, str] = {}
        for s in sorted(originals):
            source = twos if s in two else ones
            out[s] = next(t for t in source if t != s and t not in out.values())
        return out

    def korean_person(self, p: Person, surname: str, single: bool) -> NewPerson:
        roman = SURNAME_ROMAN[surname]

        def ok(c: tuple[str, ...]) -> bool:
            return c[0] != c[2] and self.person_ok(surname + c[0] + c[2], f"{roman} {c[1]}{c[3]}")

        if single:
            g, r = self.first("given1", p.key, GIVEN_SINGLE,
                              lambda c: surname + c[0] not in WORD_LIKE_NAMES and self.person_ok(surname + c[0]))
            given_ko, given_en = [g], [r.lower()]
        else:
            pairs = [a + b for a in GIVEN_FIRST for b in GIVEN_SECOND]
            c = self.first("given", p.key, pairs, ok)
            given_ko, given_en = [c[0] + c[2]], [c[1], c[3]]
        self.take(surname + given_ko[0])
        western = WESTERN_GIVEN_EN[digest(self.seed, "western", p.key) % len(WESTERN_GIVEN_EN)]
        return NewPerson(surname, roman, given_ko, given_en, western)

    def people(self, people: dict[str, Person]) -> Names:
        names = Names(surnames=self.surname_map(people.values()))
        korean = seeded(self.seed, "ko", [k for k, p in people.items() if p.style == "ko"])
        for i, key in enumerate(korean):
            p = people[key]
            surname = names.surnames[p.surname or "김"]
            # a few two-syllable names (surname + one syllable); never with 남궁, which would make three
            names.people[key] = self.korean_person(p, surname, single=i % 6 == 3 and len(surname) == 1)
        for style, pools in (("west", (FOREIGN_FAMILY_PARTICLE_LIKE, FOREIGN_FAMILY_PLAIN)),
                             ("zh", (CHINESE_FAMILY, CHINESE_FAMILY))):
            families = self.family_map(style, [p for p in people.values() if p.style == style], pools)
            members = seeded(self.seed, style, [k for k, p in people.items() if p.style == style])
            for i, key in enumerate(members):
                family = families[family_key(people[key])]
                names.people[key] = self.foreign_person(people[key], family, style, pair=i % 4 == 1)
        return names

    def family_map(self, style: str, people: list[Person], pools: tuple[Sequence[tuple[str, str]], ...]
                   ) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for i, key in enumerate(seeded(self.seed, "family-" + style, {family_key(p) for p in people})):
            pool = pools[0] if i % 3 == 0 else pools[1]
            ko, en = self.first("family", key, pool, lambda c: self.person_ok(*c))
            self.take(ko, en)
            out[key] = (ko, en)
        return out

    def foreign_person(self, p: Person, family: tuple[str, str], style: str, pair: bool) -> NewPerson:
        ko, en = family
        if style == "zh":
            g = self.given("zh-given", p.key, CHINESE_GIVEN, lambda c: self.person_ok(ko + c[0], f"{en} {c[1]}"))
            self.take(ko + g[0])
            return NewPerson(ko, en, [g[0]], [g[1]])
        if pair:
            c = self.given("given2", p.key, FOREIGN_GIVEN_PAIRS,
                           lambda c: self.person_ok(f"{c[0]} {c[1]} {ko}", f"{c[2]} {c[3]} {en}"))
            self.take(f"{c[0]} {c[1]} {ko}")
            return NewPerson(ko, en, [c[0], c[1]], [c[2], c[3]])
        g = self.given("given-west", p.key, FOREIGN_GIVEN, lambda c: self.person_ok(f"{c[0]} {ko}", f"{c[1]} {en}"))
        self.take(f"{g[0]} {ko}")
        return NewPerson(ko, en, [g[0]], [g[1]])

    def given(self, tag: str, key: str, pool: Sequence[tuple[str, ...]], ok: Callable[[tuple[str, ...]], bool]
              ) -> tuple[str, ...]:
        """A given name no one else has yet, while the pool lasts (a corpus of three Viktors reads oddly)."""
        try:
            choice = self.first(tag, key, pool, lambda c: c[0] not in self.givens and ok(c))
        except NamingError:
            choice = self.first(tag, key, pool, ok)
        self.givens.add(choice[0])
        return choice

    # --- companies ------------------------------------------------------------------------------------

    def companies(self, companies: dict[str, Company], used: set[str]) -> dict[str, NewCompany]:
        out: dict[str, NewCompany] = {}
        owners = [k for k in used if companies[k].stem_ko or companies[k].stem_en]
        owners += [companies[k].stem_owner or "" for k in used if companies[k].stem_owner]
        for key in seeded(self.seed, "stem", {k for k in owners if k}):
            self.stem(companies, key, out)
        standalone = seeded(self.seed, "company", [k for k in used if k not in out and not companies[k].kept])
        shapes = ("korean", "foreign_end", "latin", "foreign")
        plain = 0
        for key in standalone:
            c = companies[key]
            main = strip_affixes(c.label_ko or c.label_en or "")[1]
            ending = _kept_ending(c)
            if is_acronym(main):
                acronym = self.acronym(key, len(main), [])
                out[key] = NewCompany(acronym, acronym, acronym, shape="acronym")
            elif ending:
                out[key] = self.with_ending(key, ending[2], [(ending[0], ending[1])], "kept-ending")
            elif not (c.label_ko and has_hangul(c.label_ko)):
                out[key] = self.standalone(key, "latin")  # a Latin-script original stays Latin-script
            else:
                out[key] = self.standalone(key, shapes[plain % len(shapes)])
                plain += 1
        for key in sorted(out):
            c = companies[key]
            owner = companies.get(c.stem_owner or "", c)
            not_aliases = {strip_affixes(f)[1] for f in (c.label_ko, c.label_en, owner.stem_ko, owner.stem_en) if f}
            aliases = [f for f in c.forms if is_acronym(strip_affixes(f)[1])
                       and strip_affixes(f)[1].casefold() not in {x.casefold() for x in not_aliases}]
            if aliases and out[key].acronym is None:
                out[key].acronym = self.acronym(key, len(strip_affixes(aliases[0])[1]), out[key].en.split())
        return out

    def stem(self, companies: dict[str, Company], key: str, out: dict[str, NewCompany]) -> None:
        owner = companies[key]
        korean = owner.is_group or digest(self.seed, "stem-kind", key) % 2 == 0
        pool = KOREAN_STEMS if korean else FOREIGN_STEMS
        members = [owner] + [c for c in companies.values() if c.stem_owner == key]

        def derived(c: tuple[str, ...]) -> list[tuple[str, str]]:
            return [(substitute(m.label_ko or m.label_en or "", owner, c[0], c[1], "ko"),
                     substitute(m.label_en or m.label_ko or "", owner, c[0], c[1], "en")) for m in members]

        def ok(c: tuple[str, ...]) -> bool:
            return c[0] not in self.brands and self.company_ok(*c) and all(
                self.company_ok(*pair) for pair in derived(c) if pair != c)

        ko, en = self.first("stem", key, pool, ok)
        for m, (new_ko, new_en) in zip(members, derived((ko, en)), strict=True):
            out[m.key] = NewCompany(new_ko, new_en, stem_ko=ko, stem_en=en,
                                    shape="group prefix" if m is owner else "affiliate")
            self.take(new_ko, new_en)
        self.take(ko, en)
        self.brands.add(ko)

    def with_ending(self, key: str, kind: str, endings: Sequence[tuple[str, str]], shape: str) -> NewCompany:
        stems = KOREAN_STEMS if kind == "korean" else FOREIGN_STEMS
        pairs = [(s[0] + e[0], f"{s[1]} {e[1]}", s[0]) for s in stems for e in endings]
        ko, en, brand = self.first(shape, key, pairs, lambda c: c[2] not in self.brands and self.company_ok(*c[:2]))
        self.take(ko, en)
        self.brands.add(brand)
        return NewCompany(ko, en, shape=shape)

    def standalone(self, key: str, shape: str) -> NewCompany:
        if shape == "korean":
            return self.with_ending(key, "korean", NEW_ENDINGS_KOREAN, shape)
        if shape == "foreign_end":
            return self.with_ending(key, "foreign", NEW_ENDINGS_FOREIGN, shape)
        pool = FOREIGN_STEMS if shape == "foreign" else tuple((ko, en) for en, ko in LATIN_BRANDS)
        ko, en = self.first(shape, key, pool, lambda c: c[0] not in self.brands and self.company_ok(*c))
        self.take(ko, en)
        self.brands.add(ko)
        return NewCompany(en, en, shape=shape) if shape == "latin" else NewCompany(ko, en, shape=shape)

    def acronym(self, key: str, length: int, words: list[str]) -> str:
        initials = "".join(w[0] for w in words if w[:1].isalpha()).upper()
        letters = "BCDFGHJKLMNPQRSTVWXZ"
        pool = [(initials,)] if len(initials) >= 2 else []
        for i in range(400):
            h = digest(self.seed, "acronym", key, str(i))
            pool.append(("".join(letters[(h >> (5 * j)) % len(letters)] for j in range(max(2, length))),))
        (name,) = next(c for c in pool if self.company_ok(c[0]) and c[0].casefold() not in self.corpus_words)
        self.take(name)
        return name


def family_key(p: Person) -> str:
    return min(p.families_latin, key=str.casefold).casefold() if p.families_latin else p.surname or p.key


def _kept_ending(c: Company) -> tuple[str, str, str] | None:
    for ko, en, kind in KEPT_ENDINGS:
        if ko and c.label_ko and c.label_ko.endswith(ko) and len(c.label_ko) > len(ko):
            return ko, en, kind
        if c.label_en and c.label_en.endswith(" " + en):
            return ko, en, kind
    return None


def substitute(form: str, owner: Company, new_ko: str, new_en: str, lang: str) -> str:
    """The group prefix of a form replaced: ('SK하이닉스', SK group, '세진') -> '세진하이닉스'; a listed affiliate
    that shares only the start of it keeps the rest: ('현대자동차', 현대차그룹, '하람') -> '하람자동차'."""
    pre, core, post = strip_affixes(form)
    stems = [(s, new_ko if lang == "ko" else new_en) for s in (owner.stem_ko, owner.stem_en) if s]
    for stem, new in stems:
        if core.casefold().startswith(stem.casefold()):
            return pre + _case_like(core[:len(stem)], new) + core[len(stem):] + post
    for stem, new in stems:
        shared = shared_start(core, stem)
        if shared:
            return pre + _case_like(core[:shared], new) + core[shared:] + post
    return pre + (new_ko if lang == "ko" else new_en) + post


def _case_like(original: str, new: str) -> str:
    return new.upper() if original.isupper() and not has_hangul(original) and len(original) > 2 else new

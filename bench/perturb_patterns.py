"""From entities and their invented names to the patterns one article is rewritten with: each surface form
and what it becomes, family names alone for the people the article names, and the near-spellings it uses
("엔비디어" for 엔비디아, "Alex Carp" for Alex Karp).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perturb_names import Names, NewPerson, within_one_edit
from perturb_text import Pattern, hangul_run, particle_chain
from perturb_world import (
    KOREAN_GIVEN,
    Article,
    Company,
    Person,
    Reference,
    family_index,
    form_style,
    has_hangul,
    is_acronym,
    is_initials,
    squash,
    strip_affixes,
)


@dataclass
class Registry:
    ref: Reference
    companies: dict[str, Company]
    people: dict[str, Person]
    names: Names
    _watch: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)

    # --- companies ------------------------------------------------------------------------------------

    def owner(self, c: Company) -> Company | None:
        return c if (c.stem_ko or c.stem_en) else self.companies.get(c.stem_owner or "")

    def company_new(self, c: Company, form: str, lang: str) -> str:
        """What ``form`` of ``c`` becomes in text of language ``lang``."""
        new = self.names.companies[c.key]
        out_lang = "ko" if has_hangul(form) else (lang if c.forms.get(form) == "ko" else "en")
        pre, core, post = strip_affixes(form)
        owner = self.owner(c)
        stems = {s.casefold() for s in (owner.stem_ko, owner.stem_en) if s} if owner else set()
        if is_acronym(core) and core not in (c.label_ko, c.label_en) and core.casefold() not in stems:
            return pre + (new.acronym or (new.ko if out_lang == "ko" else new.en)) + post
        if owner is not None:
            stem_new = self.names.companies[owner.key]
            for stem in (owner.stem_ko, owner.stem_en):
                if stem and core.casefold().startswith(stem.casefold()):
                    head = stem_new.stem_ko if out_lang == "ko" else stem_new.stem_en
                    if core.isupper() and len(stem) > 2 and head and not has_hangul(head):
                        head = head.upper()
                    return pre + (head or "") + core[len(stem):] + post
        base = new.ko if out_lang == "ko" else new.en
        if core.isupper() and len(core) > 3 and not has_hangul(base) and not is_acronym(base):
            base = base.upper()
        return pre + base + post

    def stem_new(self, owner: Company, stem: str, lang: str) -> str:
        new = self.names.companies[owner.key]
        korean = has_hangul(stem) or (stem == owner.stem_ko and lang == "ko")
        return (new.stem_ko if korean else new.stem_en) or new.ko

    # --- people ---------------------------------------------------------------------------------------

    def person_hangul(self, p: Person, form: str) -> str:
        new = self.names.people[p.key]
        if p.style in ("ko", "zh"):
            return new.family_ko + new.given_ko[0]
        # "리사수" written together: a two-word name is too ("라파엘몬테로"), a three-word one keeps its spaces
        together = " " not in form.strip() and len(new.given_ko) == 1
        return ("" if together else " ").join([*new.given_ko, new.family_ko])

    def person_latin(self, p: Person, form: str) -> str:
        new = self.names.people[p.key]
        tokens = form.split()
        if len(tokens) < 2:
            return new.family_en
        fi = family_index(form, form_style(p, form))
        given = [t for i, t in enumerate(tokens) if i != fi]
        out = [new.family_en if i == fi else "" for i in range(len(tokens))]
        out[min(i for i in range(len(tokens)) if i != fi)] = _given_latin(p, new, given)
        return " ".join(t for t in out if t)

    def family_new(self, p: Person) -> tuple[str, str]:
        new = self.names.people[p.key]
        return new.family_ko, new.family_en

    # --- reporting ------------------------------------------------------------------------------------

    def watch(self) -> list[tuple[str, re.Pattern[str]]]:
        """Every known name worth looking for after rewriting: original forms and reference forms."""
        if not self._watch:
            forms = {f for c in self.companies.values() if not c.kept and c.key in self.names.companies
                     for f in c.forms}
            forms |= {f for p in self.people.values() for f in p.hangul + p.latin}
            forms |= {f for pairs in self.ref.company_forms.values() for f, _ in pairs}
            forms |= {f for pairs in self.ref.person_forms.values() for f, _ in pairs}
            for f in sorted(forms):
                if len(f) < 2 or "(" in f:
                    continue
                # inside a longer Hangul word ("샌프란시스코" holds 시스코) is no mention
                edge = r"(?<![A-Za-z0-9])" if not has_hangul(f[0]) else r"(?<![가-힣])"
                tail = r"(?![A-Za-z0-9])" if not has_hangul(f[-1]) else ""
                self._watch.append((f, re.compile(edge + re.escape(f) + tail)))
        return self._watch

    def header_mentions(self, header: str) -> list[str]:
        low = header.casefold()
        out = set()
        for form, _ in self.watch():
            slug = form.casefold().replace(" ", "-")
            if not has_hangul(form) and len(slug) > 2 and re.search(rf"(?<![a-z0-9]){re.escape(slug)}(?![a-z0-9])",
                                                                     low):
                out.add(form)
        return sorted(out)

    def summary(self) -> dict:
        people = {}
        for key, p in self.people.items():
            people[key] = {"from": p.hangul + p.latin, "style": p.style,
                           "to": sorted({self.person_hangul(p, f) for f in p.hangul}
                                        | {self.person_latin(p, f) for f in p.latin})}
        companies = {}
        for key, new in self.names.companies.items():
            c = self.companies[key]
            companies[key] = {"from": sorted(c.forms), "to": [new.ko, new.en] + ([new.acronym] if new.acronym else []),
                              "shape": new.shape}
        kept = sorted(c.label_ko or c.label_en or c.key for c in self.companies.values() if c.kept)
        return {"people": people, "companies": companies, "surnames": self.names.surnames,
                "kept_organisations": kept}


def _given_latin(p: Person, new: NewPerson, given: list[str]) -> str:
    if all(is_initials(t) for t in given):
        letters = [s[0].upper() for s in new.given_en] if p.style == "ko" else [g[0] for g in new.given_en]
        dotted = any("." in t for t in given)
        return " ".join(f"{x}." for x in letters) if dotted else "".join(letters)
    if p.style != "ko":
        return " ".join(new.given_en)
    token = given[0]
    syllables = new.given_en
    if "-" in token and len(syllables) == 2:
        second = syllables[1].capitalize() if token.split("-")[1][:1].isupper() else syllables[1]
        return f"{syllables[0].capitalize()}-{second}"
    if "-" in token or KOREAN_GIVEN.fullmatch(token):
        return "".join(syllables).capitalize()
    return new.western_en


def article_patterns(reg: Registry, article: Article, lang: str) -> list[Pattern]:
    pats: list[Pattern] = []
    for key in reg.names.companies:
        c = reg.companies[key]
        owner_stems = {squash(s) for s in (c.stem_ko, c.stem_en) if s}
        for form in c.forms:
            if len(form) < 2 or (has_hangul(form) and len(form.strip()) < 2) or squash(form) in owner_stems:
                continue
            pats.append(Pattern(form, "company", key, reg.company_new(c, form, lang), reg.company_new(c, form, "ko")))
        for stem in {s for s in (c.stem_ko, c.stem_en) if s}:
            new = reg.names.companies[key]
            pats.append(Pattern(stem, "stem", key, reg.stem_new(c, stem, lang), new.stem_ko or new.ko))
    present = _present(reg, article)
    for p in reg.people.values():
        reading = reg.person_hangul(p, "x y")
        for form in _hangul_forms(p):
            pats.append(Pattern(form, "person", p.key, reg.person_hangul(p, form), reading))
        for form in p.latin:
            pats.append(Pattern(form, "person", p.key, reg.person_latin(p, form), reading))
    pats += _family_patterns(reg, present)
    pats += _near_spellings(article.body, pats)
    return pats


def _hangul_forms(p: Person) -> list[str]:
    forms = list(p.hangul)
    if p.style == "west":
        forms += [f.replace(" ", "") for f in p.hangul if f.count(" ") == 1 and f.replace(" ", "") not in forms]
    return forms


def _present(reg: Registry, article: Article) -> list[Person]:
    gold_names = {x.get("name") for x in (article.gold or {}).get("people", [])}
    return [p for p in reg.people.values()
            if any(f in gold_names or (len(f) > 2 and f in article.body) for f in _hangul_forms(p) + p.latin)]


def _family_patterns(reg: Registry, present: list[Person]) -> list[Pattern]:
    titled: dict[str, list[tuple[str, str, str]]] = {}
    pats = []
    for p in sorted(present, key=lambda p: p.key):
        fam_ko, fam_en = reg.family_new(p)
        reading = reg.person_hangul(p, "x y")
        if p.surname and (p.style != "west" or len(p.surname) == 1):
            titled.setdefault(p.surname, []).append((p.key, fam_ko, p.style))
        for family in {f.split()[-1] for f in p.hangul if " " in f} if p.style == "west" else set():
            if len(family) > 1:
                pats.append(Pattern(family, "bare-family", p.key, fam_ko, fam_ko))
            elif all(c[0] != p.key for c in titled.get(family, [])):
                titled.setdefault(family, []).append((p.key, fam_ko, p.style))
        for family in p.families_latin:
            pats.append(Pattern(family, "latin-family", p.key, fam_en, reading))
    for form, cands in sorted(titled.items()):
        # a one-syllable foreign family name may have the company between it and the title ("탄 브로드컴 CEO");
        # a Korean surname may not ("이 회사 대표" is no person)
        scope = "foreign:" if all(style != "ko" for _, _, style in cands) else "ko:"
        choices = tuple((key, new, new) for key, new, _ in cands)
        pats.append(Pattern(form, "title-family", scope + form, choices[0][1], choices[0][2], candidates=choices))
    return pats


def _near_spellings(text: str, pats: list[Pattern]) -> list[Pattern]:
    """Forms one edit away from a known company or foreign person name: the same name misspelled."""
    known = {p.form for p in pats}
    found: dict[str, Pattern] = {}
    by_length: dict[int, list[Pattern]] = {}
    for p in pats:
        long_enough = len(p.form) >= 4 if has_hangul(p.form) else len(p.form) >= 6
        if p.kind == "company" and p.form.isalpha() and long_enough:
            by_length.setdefault(len(p.form), []).append(p)
    for m in re.finditer(r"[가-힣]+|[A-Za-z][A-Za-z0-9]*", text):
        token = m.group()
        splits = [(token[:k], token[k:]) for k in range(len(token), 3, -1)]
        splits = [(core, rest) for core, rest in splits if not rest or particle_chain(rest)]
        if any(core in known for core, _ in splits):
            continue
        for core, _ in splits:
            k = len(core)
            for p in by_length.get(k - 1, []) + by_length.get(k, []) + by_length.get(k + 1, []):
                if has_hangul(p.form) == has_hangul(core) and within_one_edit(core.casefold(), p.form.casefold()):
                    found.setdefault(core, Pattern(core, "company", p.key, p.new, p.reading, near=True))
    for p in pats:
        words = p.form.split()
        if p.kind != "person" or len(words) != 2:
            continue
        given, family = words
        word = r"[가-힣]{2,}" if has_hangul(p.form) else r"[A-Z][a-z]{2,}"
        for m in re.finditer(rf"({word}) {re.escape(family)}|{re.escape(given)} ({word})", text):
            other = m.group(1) or m.group(2)
            twin = given if m.group(1) else family
            after = hangul_run(text, m.end())
            if other != twin and within_one_edit(other, twin) and len(twin) >= 2 and m.group() not in known \
                    and (not after or particle_chain(after)):
                found.setdefault(m.group(), Pattern(m.group(), "person", p.key, p.new, p.reading, near=True))
    return sorted(found.values(), key=lambda p: p.form)

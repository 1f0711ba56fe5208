"""The article's people and companies: registered as rules find them, looked up by the name forms news uses.

Finding is the rules' job; the registry only keeps what they found and says who is who:
- a company is one node per name (its reference entry, when the reference data knows the name, gives its
  identity: aliases, English name, group); a one-letter variant of a company the article also names is that company
  (``fold``), never a company the article does not name;
- a company's group is computed once, here, and carried in the facts: the reference data's top company, or the
  name's stem ("세진하이닉스" and "세진텔레콤" share "세진"), as it sounds, so that an English article's "Sejin
  Telecom" shares it too;
- a person is one node per name within a group; the same name in two groups is two people.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.extract.lang import LanguagePack
from kg.lexicon import Lexicon, squash
from kg.model import Span
from kg.romanize import sound_key


@dataclass
class Company:
    key: str
    name: str  # as first written
    reference_id: str | None
    group: str  # reference id of the top company, or "stem:<stem>"
    spans: list[Span] = field(default_factory=list)
    english: str | None = None
    government: bool = False  # a government body: its people are officials, not executives


@dataclass
class Person:
    key: str
    name: str  # full name as first written
    company: str | None  # Company.key
    title: str | None
    spans: list[Span] = field(default_factory=list)
    english: str | None = None  # a romanisation the article gives ("Sam Hartwell")
    reference_known: bool = False
    reported: bool = False  # named in a sentence that reports something (not only in a caption's list of names)

    @property
    def words(self) -> list[str]:
        return self.name.split()


class Registry:
    def __init__(self, pack: LanguagePack, lexicon: Lexicon) -> None:
        self.pack = pack
        self.lex = lexicon
        self.people: dict[str, Person] = {}
        self.met: list[Person] = []  # everyone registered, in the order first met (only ever appended)
        self.companies: dict[str, Company] = {}
        self._company_by_form: dict[str, str] = {}
        self._people_by_form: dict[str, list[Person]] = {}  # squashed full name, and each word of it
        self._remap: dict[str, str] = {}
        self.company_remap: dict[str, str] = {}  # folded companies: old key -> kept key

    # ------------------------------------------------------------------ companies
    def company(self, name: str, span: Span, *, english: str | None = None, government: bool = False) -> str:
        """The key of the company written ``name`` (registered on first sight)."""
        form = squash(name)
        key = self._company_by_form.get(form)
        if key is None:
            ref = self.lex.company_forms.get(form)
            key = f"org:{ref}" if ref is not None else f"new:{name}"
            if key not in self.companies:
                entry = self.lex.companies.get(ref) if ref else None
                self.companies[key] = Company(
                    key, name, ref, self._group(name, ref), [], english or (entry.label_en if entry else None),
                    government,
                )
            self._company_by_form[form] = key
        company = self.companies[key]
        if span not in company.spans:
            company.spans.append(span)
        if english and not company.english:
            company.english = english
        return key

    def alias(self, form: str, key: str) -> None:
        """Another way the article writes a company it has named ("BNE" for "바유 누산타라 에너지")."""
        if form and squash(form) not in self._company_by_form:
            self._company_by_form[squash(form)] = key

    def find_company(self, name: str) -> str | None:
        return self._company_by_form.get(squash(name))

    def _group(self, name: str, ref: str | None) -> str:
        if ref is not None:
            return self.lex.root_company(ref)
        stem = self.pack.company_stem(name)
        words = name.split()
        prefixes = [" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)]  # "HD Hyundai Heavy Industries"
        for candidate in (*prefixes, stem, stem + "그룹", stem + " Group"):
            known = self.lex.company_forms.get(squash(candidate))
            if known is not None:
                return self.lex.root_company(known)
        return "stem:" + sound_key(stem)  # "한빛텔레콤" and "Hanbit Telecom": one group, "stem:hanpit"

    def is_group(self, key: str) -> bool:
        """Whether the company is a group as a whole ("SK", "SK그룹", "LG Group"), not one of its companies."""
        company = self.companies[key]
        if company.reference_id is not None:
            return company.reference_id in self.lex.parents()
        stem = squash(self.pack.company_stem(company.name))
        return squash(company.name) in (stem, stem + "그룹", stem + "group")

    def group_of(self, company: str | None) -> str:
        if company is None:
            return "none"
        return self.companies[company].group

    # ------------------------------------------------------------------ people
    def person(self, name: str, company: str | None, title: str | None, span: Span, *,
               english: str | None = None) -> str:
        """The key of the person ``name`` of ``company`` (registered on first sight)."""
        group = self.group_of(company)
        for known in self._people_by_form.get(squash(name), []):
            if squash(known.name) == squash(name) and (self.group_of(known.company) == group or company is None
                                                       or known.company is None):
                self._update(known, company, title, span, english)
                return known.key
        key = f"p{len(self.people) + 1}"
        person = Person(key, name, company, title, [span], english, squash(name) in self.lex.person_forms)
        self.people[key] = person
        self.met.append(person)
        self._index(person)
        return key

    def _update(self, person: Person, company: str | None, title: str | None, span: Span,
                english: str | None) -> None:
        if person.company is None and company is not None:
            person.company = company
        if title and not person.title:
            person.title = title
        if english and not person.english:
            person.english = english
        if span not in person.spans:
            person.spans.append(span)

    def _index(self, person: Person) -> None:
        forms = {squash(person.name), *(squash(w) for w in person.words if len(person.words) > 1)}
        for form in forms:
            self._people_by_form.setdefault(form, []).append(person)

    def mention(self, key: str, span: Span) -> str:
        """Record that ``span`` names the person ``key`` again; returns the key."""
        person = self.people[key]
        if span not in person.spans:
            person.spans.append(span)
        return key

    def by_name(self, name: str) -> Person | None:
        """The person whose full name is ``name``, the latest one mentioned when several share it."""
        found = [p for p in self._people_by_form.get(squash(name), []) if squash(p.name) == squash(name)]
        return max(found, key=_last_seen) if found else None

    def by_part(self, part: str) -> list[Person]:
        """People a single word of whose name (a family or a given name) is ``part``."""
        return [p for p in self._people_by_form.get(squash(part), []) if squash(p.name) != squash(part)]

    def is_name_part(self, word: str) -> bool:
        return squash(word) in self._people_by_form

    def __iter__(self) -> Iterator[Person]:
        return iter(self.people.values())

    # ------------------------------------------------------------------ variants
    def fold(self) -> dict[str, str]:
        """Merge spelling variants within the article: a company written one letter apart from another company of
        the article ("엔비디어", "엔비디아"), a person one letter apart from another of the same group ("시티아 크리슈난",
        "사티아 크리슈난"), a family name alone registered as a person of the group of a full name. Returns the remap
        of people keys (old -> kept)."""
        company_remap = self._fold_companies()
        self.company_remap.update(company_remap)
        for person in self.people.values():
            if person.company in company_remap:
                person.company = company_remap[person.company]
        remap: dict[str, str] = {}
        for a, b in self._candidate_pairs():
            # a name given without a company ("이바라 CEO" in a headline) may be anyone's of that name
            unknown = a.company is None or b.company is None
            if a.key in remap or b.key in remap or (self.group_of(a.company) != self.group_of(b.company)
                                                    and not unknown):
                continue
            partial = len(a.words) == 1 and len(b.words) > 1 and b.words[-1] == a.name
            # of two spellings one letter apart, the reference data's, else the more frequent, else the first
            typo = _one_off(a.name, b.name) and _preference(b) > _preference(a)
            if partial or typo:
                remap[a.key] = b.key
                b.spans.extend(s for s in a.spans if s not in b.spans)
                b.title = b.title or a.title
                b.english = b.english or a.english
                b.company = b.company or a.company
        for key in remap:  # a -> b and then b -> c: a goes to c, which is kept
            while remap[key] in remap:
                remap[key] = remap[remap[key]]
        for key in remap:
            del self.people[key]
        self._people_by_form = {}
        for person in self.people.values():
            self._index(person)
        self._remap.update(remap)
        return remap

    def _candidate_pairs(self) -> list[tuple[Person, Person]]:
        """Pairs of people that may be one: a family name alone and a full name ending in it, or two names one
        letter apart. Found through keys (a name with one letter blanked), not by comparing every pair: an article
        naming ten thousand people stays linear."""
        buckets: dict[str, list[Person]] = {}
        for person in self.people.values():
            name = person.name
            for i in range(len(name)):
                buckets.setdefault(f"{len(name)}:{name[:i]}*{name[i + 1:]}", []).append(person)
            buckets.setdefault("family:" + person.words[-1], []).append(person)
        pairs: list[tuple[Person, Person]] = []
        for members in buckets.values():
            if 1 < len(members) <= 50:  # a key shared by more is no spelling variant ("김*", a common family)
                pairs.extend((a, b) for a in members for b in members if a is not b)
        return pairs

    def _fold_companies(self) -> dict[str, str]:
        remap: dict[str, str] = {}
        companies = list(self.companies.values())
        if len(companies) > 200:
            return remap  # a list of hundreds of companies is no text with a misspelling to mend
        for a in companies:
            for b in companies:
                if a is b or a.key in remap or b.key in remap or a.reference_id:
                    continue
                if _one_off(squash(a.name), squash(b.name)) and len(squash(a.name)) >= 4 and (
                    b.reference_id or len(b.spans) > len(a.spans)
                ):
                    remap[a.key] = b.key
                    b.spans.extend(s for s in a.spans if s not in b.spans)
        for a in companies:  # "헬비온" after "헬비온 테라퓨틱스": the short form of the one longer name
            longer = [b for b in companies if b is not a and b.key not in remap and len(b.name.split()) > 1
                      and b.name.split()[0] == a.name]
            if len(longer) == 1 and a.key not in remap and not a.reference_id and not longer[0].government:
                remap[a.key] = longer[0].key
                longer[0].spans.extend(s for s in a.spans if s not in longer[0].spans)
        for key in list(remap):  # a chain a -> b -> c ends at c
            while remap[key] in remap:
                remap[key] = remap[remap[key]]
        for key in remap:
            del self.companies[key]
        for form, key in list(self._company_by_form.items()):
            self._company_by_form[form] = remap.get(key, key)
        return remap


def _preference(person: Person) -> tuple[bool, bool, int, int]:
    return person.reference_known, person.reported, len(person.spans), -_first_seen(person)


def _last_seen(person: Person) -> int:
    return max((s.start for s in person.spans), default=-1)


def _first_seen(person: Person) -> int:
    return min((s.start for s in person.spans), default=-1)


def _one_off(a: str, b: str) -> bool:
    """One letter apart, and not a digit: "한빛12전자" and "한빛42전자" are two companies."""
    if len(a) != len(b) or len(a) < 3:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and not (diff[0][0].isdigit() or diff[0][1].isdigit())
